"""Cursor pagination over a fixed order: each page is read from where the last one ended
(a keyset), so a page deep in a long list costs what the first does, and rows added
meanwhile neither repeat nor go missing.

The cursor is opaque to clients: the sort values and the primary key of the last row
given, as JSON in URL-safe base64. One that is not a cursor of this order is an
`InvalidCursor`, which the API answers with a 400.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db.models import Q

MAX_CURSOR = 500


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class Key:
    field: str
    kind: type  # datetime, date, int or str
    descending: bool = False


def encode(values) -> str:
    text = json.dumps(
        [v.isoformat() if isinstance(v, date | datetime) else v for v in values],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(cursor: str, keys) -> list:
    if len(cursor) > MAX_CURSOR:
        raise InvalidCursor("The cursor is too long.")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw.decode())
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InvalidCursor("The cursor is not one this API gave.") from None
    if not isinstance(values, list) or len(values) != len(keys):
        raise InvalidCursor("The cursor is not one of this list.")
    return [_value(value, key) for value, key in zip(values, keys, strict=True)]


def _value(value, key):
    try:
        if key.kind is datetime and isinstance(value, str):
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is not None:
                # In UTC, as stored; a time that cannot be (year 1 east of Greenwich) is
                # no time this API gave.
                return parsed.astimezone(UTC)
        elif key.kind is date and isinstance(value, str):
            return date.fromisoformat(value)
        elif (key.kind is int and type(value) is int and -(2**63) < value < 2**63) or (
            # No database stores NUL in text (PostgreSQL refuses even to compare with it).
            key.kind is str and isinstance(value, str) and "\x00" not in value
        ):
            return value
    except (ValueError, OverflowError):
        pass
    raise InvalidCursor("The cursor is not one of this list.")


def _after(keys, values) -> Q:
    """Rows after `values` in the order of `keys`: the first differing key decides. The
    bound on the first key alone, besides, lets an index on it start at the cursor."""
    condition = Q(pk__in=[])
    for index, key in enumerate(keys):
        step = Q(**{f"{key.field}__{'lt' if key.descending else 'gt'}": values[index]})
        for earlier, value in zip(keys[:index], values[:index], strict=True):
            step &= Q(**{earlier.field: value})
        condition |= step
    first = keys[0]
    return Q(**{f"{first.field}__{'lte' if first.descending else 'gte'}": values[0]}) & condition


def page(queryset, keys, cursor, limit):
    """(rows, the cursor of the next page or None). `keys` end with the primary key, so
    the order is total."""
    if cursor:
        queryset = queryset.filter(_after(keys, decode(cursor, keys)))
    ordered = queryset.order_by(*[("-" if key.descending else "") + key.field for key in keys])
    rows = list(ordered[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, encode([_attribute(last, key.field) for key in keys])


def _attribute(row, field):
    value = row
    for part in field.split("__"):
        value = getattr(value, part)
    return value
