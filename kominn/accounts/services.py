"""What happens to accounts: registering, confirming, changing e-mail, exporting and deleting;
and setting up a municipality with its first administrator."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kominn.organisations.models import HostName, LanguageForm, Organisation
from kominn.outbox.services import queue_mail

from . import personal_data, roles, tokens

User = get_user_model()

DELETED_NAME = "Slettet bruker"


def _mail(template: str, to: str, context: dict) -> None:
    """Queue an account mail. It is personal (about this person's own account), so it has
    no unsubscribe link."""
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
    queue_mail(to=to, subject=subject, template=f"accounts/email/{template}", context=context)


def send_confirmation(*, user, email: str, build_url, next_url: str = "") -> None:
    """Mail a link that confirms `email` for `user`. `build_url` makes a path absolute.
    With `next_url` (a local address, checked by the caller and again when the link is
    opened) the link leads on there once the address is confirmed."""
    token = tokens.make_email_token(user, email)
    path = reverse("accounts:confirm", args=[token])
    if next_url:
        path += "?" + urlencode({"next": next_url})
    url = build_url(path)
    _mail("confirm", email, {"user": user, "url": url})


@transaction.atomic
def register(
    *, email, password_hash, display_name, capacity, affiliation, build_url, next_url=""
) -> None:
    """Create an inactive account and mail a confirmation link (leading on to `next_url`).

    Says nothing about whether the address already has an account: the page the
    person sees is the same. The owner of a confirmed address gets a mail instead.
    An unconfirmed account takes the newest registration's password and profile, and
    older links stop working. Confirming asks for that password, so someone who
    registers another person's address cannot hand them an account with a password the
    stranger knows. `password_hash` is hashed by the caller on every path, so the time
    the answer takes tells nothing either.
    """
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and not _awaiting_confirmation(existing):
        _mail(
            "already_registered",
            existing.email,
            {"reset_url": build_url(reverse("accounts:password_reset"))},
        )
        return
    user = existing or User(email=email)
    user.language = translation.get_language() or settings.LANGUAGE_CODE
    user.display_name = display_name
    user.capacity = capacity
    user.affiliation = affiliation
    user.is_active = False
    user.password = password_hash
    user.save()
    send_confirmation(user=user, email=user.email, build_url=build_url, next_url=next_url)


def _awaiting_confirmation(user) -> bool:
    """Registered, never confirmed. (Blocked accounts are inactive but were confirmed.)"""
    return not user.is_active and user.email_verified_at is None


def _read_link(token: str):
    """The account and address of a confirmation link that still works, else (None, None)."""
    found = tokens.read_email_token(token)
    if found is None:
        return None, None
    user_id, email, state = found
    user = User.objects.filter(pk=user_id).first()
    if user is None or state != tokens.account_state(user):
        return None, None
    return user, email


def registration_to_confirm(token: str):
    """The unconfirmed account a registration link is for, or None when the link is for a
    change of address, or does not work. The person confirms with `confirm_registration`."""
    user, email = _read_link(token)
    if user is None or not _awaiting_confirmation(user) or user.email.lower() != email.lower():
        return None
    return user


def confirm_registration(user) -> None:
    """Activate an account whose owner opened the link and gave the password they chose."""
    user.confirm_email()


def confirm_email(token: str):
    """Confirm a change of address in the token. Returns the user, or None for a bad,
    used or old link.

    A blocked or deleted account stays as it is, whatever old link is opened; a
    registration is confirmed through `registration_to_confirm` instead.
    """
    user, email = _read_link(token)
    if user is None or _awaiting_confirmation(user) or not user.is_active:
        return None
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        return None
    old_email = user.email
    user.email = email
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email", "email_verified_at"])
    _mail("email_changed", old_email, {"new_email": email})
    return user


def export_personal_data(user) -> dict:
    """Everything KomInn holds about a person, for them to download: the account, and what
    each app registered it holds (kominn/accounts/personal_data.py)."""
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "capacity": user.capacity,
            "affiliation": user.affiliation,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "email_confirmed": user.email_verified_at.isoformat()
            if user.email_verified_at
            else None,
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "external_logins": [
            {
                "provider": identity.provider,
                "linked": personal_data.when(identity.created_at),
                "last_used": personal_data.when(identity.last_used_at),
            }
            for identity in user.external_identities.all()
        ],
    } | personal_data.export(user)


@transaction.atomic
def delete_account(user, *, keep_contributions: bool) -> None:
    """Erase the person's data. Public contributions are removed, or kept as "Slettet bruker".

    Each app first erases or anonymises what it registered it holds about the person.

    Either way the password hash changes (or the row goes), which ends every session.
    """
    personal_data.erase(user, keep_contributions=keep_contributions)
    if not keep_contributions:
        user.delete()
        return
    user.email = f"slettet-{user.pk}@slettet.invalid"
    user.display_name = DELETED_NAME
    user.affiliation = ""
    user.capacity = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.email_verified_at = None
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.service_areas.clear()


def send_external_confirmation(*, email: str, url: str, provider: str) -> None:
    """Mail the link that finishes a first log-in through ID-porten or Entra ID."""
    _mail("external_confirm", email, {"url": url, "provider": provider})


def remember_language(user, language: str) -> None:
    """Write to the person in the language they use the site in."""
    if language and language != user.language:
        user.language = language
        user.save(update_fields=["language"])


HOST_NAME = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)


@transaction.atomic
def add_organisation(
    *,
    name: str,
    hosts: list[str],
    language: str,
    admin_email: str,
    slug: str = "",
    contact_email: str = "",
):
    """Set up a municipality: the organisation, the host names it answers on, and its first
    administrator (a staff account with the Administrator role, working for it; made
    without a password when new, to be set through a link).

    Refuses bad input with a ValidationError that names every problem, and changes
    nothing then. Running it again with the same input changes nothing and returns the
    same; an organisation of that short name set up otherwise is refused.
    Returns (organisation, administrator, created)."""
    name = name.strip()
    slug = slug or slugify(name)
    hosts = [host.strip().lower().rstrip(".") for host in hosts if host.strip()]
    admin_email = admin_email.strip()
    errors = []
    if not name:
        errors.append(_("Give the municipality a name."))
    if not slug:
        errors.append(_("The name gives no short name: give one with --slug."))
    if not hosts:
        errors.append(_("Give at least one host name."))
    for host in hosts:
        if not HOST_NAME.match(host):
            errors.append(_("“%(host)s” is not a host name.") % {"host": host})
    if language not in LanguageForm.values:
        errors.append(
            _("Unknown language form “%(language)s”: use nb (bokmål) or nn (nynorsk).")
            % {"language": language}
        )
    for label, address in (("admin", admin_email), ("contact", contact_email)):
        if not address and label == "contact":
            continue
        try:
            EmailValidator()(address)
        except ValidationError:
            errors.append(_("“%(email)s” is not an e-mail address.") % {"email": address})
    if errors:
        raise ValidationError(errors)

    existing = Organisation.objects.filter(slug=slug).first()
    taken = HostName.objects.filter(name__in=hosts).exclude(organisation=existing)
    errors += [
        _("The host name %(host)s belongs to %(organisation)s already.")
        % {"host": host.name, "organisation": host.organisation.name}
        for host in taken.select_related("organisation")
    ]
    user = User.objects.filter(email__iexact=admin_email).first()
    if user is not None and user.organisation_id and user.organisation != existing:
        errors.append(
            _("%(email)s works for %(organisation)s already.")
            % {"email": admin_email, "organisation": user.organisation.name}
        )
    if existing is not None and not errors:
        same = (
            existing.name == name
            and existing.language == language
            and set(hosts) <= set(existing.host_names.values_list("name", flat=True))
            and user is not None
            and user.organisation_id == existing.pk
            and user.groups.filter(name=roles.ADMINISTRATOR).exists()
        )
        if same:
            return existing, user, False
        errors.append(
            _(
                "An organisation with the short name %(slug)s exists already, set up "
                "otherwise: change it in the admin, or choose another name or --slug."
            )
            % {"slug": slug}
        )
    if errors:
        raise ValidationError(errors)

    organisation = Organisation(
        name=name, slug=slug, language=language, contact_email=contact_email or admin_email
    )
    organisation.full_clean()
    organisation.save()
    for host in hosts:
        HostName.objects.create(organisation=organisation, name=host)
    return organisation, make_administrator(organisation=organisation, email=admin_email), True


def administrator_refused(*, organisation, email: str) -> str:
    """Why the person with `email` cannot be `organisation`'s administrator; "" if they can."""
    user = User.objects.filter(email__iexact=email).select_related("organisation").first()
    if user is not None and user.organisation_id and user.organisation_id != organisation.pk:
        return _("%(email)s works for %(organisation)s already.") % {
            "email": email,
            "organisation": user.organisation.name,
        }
    return ""


@transaction.atomic
def make_administrator(*, organisation, email: str):
    """Make the person with `email` (a new account without a password, when there is none)
    staff of `organisation` with the Administrator role. Check `administrator_refused`
    first. Returns the account."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, display_name=email.split("@")[0])
        user.set_unusable_password()
    user.organisation = organisation
    user.is_staff = True
    user.is_active = True
    user.save()
    user.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))
    return user


def password_link(user, build_url) -> str:
    """A link for `user` to choose a password (valid for PASSWORD_RESET_TIMEOUT, until
    used); `build_url` makes the path absolute. In the default language, at the root."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(
            "accounts:password_reset_confirm",
            args=[
                urlsafe_base64_encode(force_bytes(user.pk)),
                default_token_generator.make_token(user),
            ],
        )
    return build_url(path)
