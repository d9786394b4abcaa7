"""What each app holds about a person, for the export and for deleting an account.

Accounts knows no domain. An app that keeps rows about a person registers them in its
AppConfig.ready():

    personal_data.register("ideas", export=ideas_of, erase=erase_ideas)

- `export(user)` returns what the app holds under that name (a list or a dict, ready for
  JSON); the export lists the names in the order they were registered.
- `erase(user, keep_contributions)` runs when the person deletes their account, before the
  account itself is anonymised (`keep_contributions`) or deleted; whatever cascades with
  the account needs no erase.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Holding:
    name: str
    export: Callable | None
    erase: Callable | None


_holdings: dict[str, Holding] = {}


def register(name: str, *, export=None, erase=None) -> None:
    """Register what an app holds about a person under `name`. Registering a name again
    replaces it (ready() may run more than once in tests)."""
    _holdings[name] = Holding(name, export, erase)


def export(user) -> dict:
    """Every registered app's data about the person, by name."""
    return {
        holding.name: holding.export(user)
        for holding in _holdings.values()
        if holding.export is not None
    }


def erase(user, *, keep_contributions: bool) -> None:
    """Let every registered app erase or anonymise what it holds about the person."""
    for holding in _holdings.values():
        if holding.erase is not None:
            holding.erase(user, keep_contributions)


def when(value):
    """A date and time as the export writes it."""
    return value.isoformat() if value else None
