"""Log-in through an OpenID Connect provider: ID-porten for citizens, Entra ID for employees.

Authlib speaks the protocol (discovery, PKCE, state, nonce, ID token signature and
claims); this module decides what a provider's answer means for a KomInn account.

A person is known by the provider's subject (`sub`), never by a national identity
number. An address from the provider is trusted only when the provider is configured to
vouch for it (a single-tenant Entra ID) or marks it verified; otherwise the person
confirms an address by mail, as when registering. Linking an existing account by address
therefore always rests on proof that the person reads that mailbox.
"""

import time
from dataclasses import dataclass

from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from .models import ExternalIdentity

User = get_user_model()

# The link that confirms an address for a new external log-in: the person is in the
# middle of logging in, so it lives for hours, not days.
CONFIRM_MAX_AGE = 2 * 3600
SALT = "kominn.accounts.external"
SESSION_KEY = "external_login"
# When a provider last vouched for the logged-in person; stands in for the password
# that people who log in through a provider do not have.
VERIFIED_AT_KEY = "external_verified_at"
REVERIFY_SECONDS = 15 * 60


@dataclass(frozen=True)
class Provider:
    slug: str
    label: str
    capacity: str
    trust_email: bool
    acr_values: str


def providers() -> dict[str, Provider]:
    return {
        slug: Provider(
            slug=slug,
            label=config["label"],
            capacity=config.get("capacity", "citizen"),
            trust_email=config.get("trust_email", False),
            acr_values=config.get("acr_values", ""),
        )
        for slug, config in settings.OIDC_PROVIDERS.items()
    }


def get_provider(slug: str) -> Provider | None:
    return providers().get(slug)


def client(slug: str):
    """Authlib's client for a provider, built from the settings on each use.

    Cheap, and it lets tests and operators change OIDC_PROVIDERS without a restart of
    a module-level registry. Authlib caches the discovery document per client only,
    so a busy site fetches it once per log-in; that is one small GET.
    """
    config = settings.OIDC_PROVIDERS[slug]
    oauth = OAuth()
    oauth.register(
        name=slug,
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        server_metadata_url=config["server_metadata_url"],
        client_kwargs={
            "scope": config["scope"],
            "code_challenge_method": "S256",
            "timeout": 10,
            "token_endpoint_auth_method": config.get(
                "token_endpoint_auth_method", "client_secret_basic"
            ),
        },
    )
    return oauth.create_client(slug)


@dataclass
class Claims:
    provider: str
    subject: str
    email: str  # trusted address, or ""
    name: str

    def as_dict(self):
        return {
            "provider": self.provider,
            "subject": self.subject,
            "email": self.email,
            "name": self.name,
        }


def read_claims(provider: Provider, userinfo: dict) -> Claims:
    email = (userinfo.get("email") or "").strip()
    trusted = provider.trust_email or userinfo.get("email_verified") is True
    name = (userinfo.get("name") or "").strip() or " ".join(
        part for part in (userinfo.get("given_name"), userinfo.get("family_name")) if part
    )
    return Claims(
        provider=provider.slug,
        subject=str(userinfo["sub"]),
        email=email if trusted and "@" in email else "",
        name=name[:100],
    )


def acr_satisfied(provider: Provider, userinfo: dict) -> bool:
    """The security level asked for travels through the browser; check what came back."""
    if not provider.acr_values:
        return True
    return userinfo.get("acr") in provider.acr_values.split()


def may_join_by_claim(claims: Claims) -> bool:
    """Whether a trusted address from the provider may log in to the account with that
    address without a confirmation mail. Never for staff: their accounts are joined only
    through a mailed link opened in the same browser."""
    return (
        not User.objects.filter(email__iexact=claims.email)
        .filter(models.Q(is_staff=True) | models.Q(is_superuser=True))
        .exists()
    )


def recently_verified(request) -> bool:
    """Whether the provider vouched for the person within the last quarter of an hour."""
    verified_at = request.session.get(VERIFIED_AT_KEY, 0)
    return time.time() - verified_at < REVERIFY_SECONDS


def known_user(claims: Claims):
    """The account already linked to this identity at this provider, if any."""
    identity = (
        ExternalIdentity.objects.filter(provider=claims.provider, subject=claims.subject)
        .select_related("user")
        .first()
    )
    if identity is None:
        return None
    identity.last_used_at = timezone.now()
    identity.save(update_fields=["last_used_at"])
    return identity.user


@transaction.atomic
def link_or_create(*, claims: Claims, email: str, display_name: str, capacity, affiliation=""):
    """The account for a confirmed address, linked to the external identity.

    An account with the address gets the identity added (the person has shown both that
    they are who the provider says and that they read the mailbox); otherwise a new
    account is created, active and confirmed, without a password.
    Returns None when the identity was linked meanwhile (a used link).
    """
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(
            email=User.objects.normalize_email(email),
            display_name=display_name,
            capacity=capacity,
            affiliation=affiliation,
            is_active=True,
            email_verified_at=timezone.now(),
        )
        user.set_unusable_password()
        user.save()
    elif user.email_verified_at is None and not user.is_active:
        # An unconfirmed registration for this address: the mailbox owner takes it over.
        user.display_name = display_name
        user.capacity = capacity
        user.affiliation = affiliation
        user.set_unusable_password()
        user.confirm_email()
    try:
        with transaction.atomic():
            ExternalIdentity.objects.create(
                user=user,
                provider=claims.provider,
                subject=claims.subject,
                last_used_at=timezone.now(),
            )
    except IntegrityError:
        return None
    return user


def make_confirm_token(
    claims: Claims, *, email, binding, display_name, capacity, affiliation
) -> str:
    return signing.dumps(
        {
            **claims.as_dict(),
            "binding": binding,
            "confirm_email": email,
            "display_name": display_name,
            "capacity": capacity,
            "affiliation": affiliation,
        },
        salt=SALT,
        compress=True,
    )


def read_confirm_token(token: str) -> dict | None:
    try:
        return signing.loads(token, salt=SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:  # also expired
        return None


def confirm_url(token: str) -> str:
    return reverse("accounts:external_confirm", args=[token])
