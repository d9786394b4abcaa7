"""Demo staff accounts for a local run: an editor, a moderator and an administrator of the
demo organisation, so that a newcomer can try the staff's side at once.

Only with DEBUG on. Their passwords are made once per installation and kept under
KOMINN_VAR_DIR (`demo-staff.json`, readable by its owner only), so they stay the same from
one `make run` to the next and are never the same on two machines. With DEBUG off no such
account is made, and any left from a local run on the same database is locked (inactive,
no usable password).
"""

import json
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from kominn.accounts.roles import EDITOR, MODERATOR

User = get_user_model()

ACCOUNTS = [
    # (role shown, e-mail, display name, group; None for the administrator)
    ("editor", "demo.redaktor@example.no", "Demo Redaktør", EDITOR),
    ("moderator", "demo.moderator@example.no", "Demo Moderator", MODERATOR),
    ("administrator", "demo.admin@example.no", "Demo Administrator", None),
]


def passwords_file():
    return settings.VAR_DIR / "demo-staff.json"


def _passwords() -> dict:
    path = passwords_file()
    kept = json.loads(path.read_text()) if path.exists() else {}
    missing = [email for _role, email, _name, _group in ACCOUNTS if email not in kept]
    if missing:
        kept |= {email: secrets.token_urlsafe(15) for email in missing}
        path.write_text(json.dumps(kept, indent=2))
        path.chmod(0o600)
    return kept


def ensure(organisation) -> list[tuple[str, str, str]]:
    """With DEBUG on, make (or bring back) the demo staff of `organisation` with this
    installation's passwords; returns (role, e-mail, password) for each. With DEBUG off,
    make none, lock any that exist, and return an empty list."""
    if not settings.DEBUG:
        lock()
        return []
    passwords = _passwords()
    accounts = []
    for role, email, name, group in ACCOUNTS:
        user = User.objects.filter(email__iexact=email).first() or User(email=email)
        user.display_name = name
        user.organisation = organisation
        user.is_active = True
        user.is_staff = True
        user.is_superuser = group is None
        user.email_verified_at = user.email_verified_at or timezone.now()
        if not user.check_password(passwords[email]):
            user.set_password(passwords[email])
        user.save()
        if group is not None:
            user.groups.set([Group.objects.get(name=group)])
        accounts.append((role, email, passwords[email]))
    return accounts


def lock() -> int:
    """Lock any demo staff account: never a known log-in outside a local run."""
    locked = 0
    for user in User.objects.filter(email__in=[email for _r, email, _n, _g in ACCOUNTS]):
        if user.is_active or user.has_usable_password():
            user.is_active = False
            user.set_unusable_password()
            user.save()
            locked += 1
    return locked
