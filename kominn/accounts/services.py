"""What happens to accounts: registering, confirming, changing e-mail, exporting and deleting."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from . import tokens

User = get_user_model()

DELETED_NAME = "Slettet bruker"


def _mail(template: str, to: str, context: dict) -> None:
    subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"accounts/email/{template}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def send_confirmation(*, user, email: str, build_url) -> None:
    """Mail a link that confirms `email` for `user`. `build_url` makes a path absolute."""
    token = tokens.make_email_token(user, email)
    url = build_url(reverse("accounts:confirm", args=[token]))
    _mail("confirm", email, {"user": user, "url": url})


@transaction.atomic
def register(*, email, password, display_name, capacity, affiliation, build_url) -> None:
    """Create an inactive account and mail a confirmation link.

    Says nothing about whether the address already has an account: the page the
    person sees is the same. The owner of an existing address gets a mail instead.
    """
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        user = User.objects.create_user(
            email=email,
            password=password,
            display_name=display_name,
            capacity=capacity,
            affiliation=affiliation,
            is_active=False,
        )
        send_confirmation(user=user, email=user.email, build_url=build_url)
    elif existing.email_verified_at is None and not existing.is_active:
        send_confirmation(user=existing, email=existing.email, build_url=build_url)
    else:
        _mail(
            "already_registered",
            existing.email,
            {"user": existing, "reset_url": build_url(reverse("accounts:password_reset"))},
        )


def confirm_email(token: str):
    """Confirm the address in the token; return the user, or None for a bad or old link."""
    found = tokens.read_email_token(token)
    if found is None:
        return None
    user_id, email = found
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return None
    if user.email.lower() != email.lower():
        # A change of address: take it only if nobody else has it meanwhile.
        if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
            return None
        user.email = email
        user.save(update_fields=["email"])
    if user.email_verified_at is None or not user.is_active:
        user.confirm_email()
    else:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


def personal_data(user) -> dict:
    """Everything KomInn holds about a person, for them to download."""
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "capacity": user.capacity,
            "affiliation": user.affiliation,
            "date_joined": user.date_joined.isoformat(),
            "email_confirmed": user.email_verified_at.isoformat()
            if user.email_verified_at
            else None,
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "ideas": [
            {
                "title": idea.title,
                "description": idea.description,
                "status": idea.status,
                "written_as": idea.capacity,
                "place": idea.place_name,
                "challenge": idea.challenge.title if idea.challenge else None,
                "submitted": _when(idea.submitted_at),
                "created": _when(idea.created_at),
            }
            for idea in user.ideas.select_related("challenge")
        ],
        "comments": [
            {
                "idea": comment.idea.title,
                "text": comment.body,
                "written": _when(comment.created_at),
                "deleted": _when(comment.deleted_at),
            }
            for comment in user.comments.select_related("idea")
        ],
        "supports": [
            {"idea": support.idea.title, "given": _when(support.created_at)}
            for support in user.supports.select_related("idea")
        ],
        "follows": [
            {
                "following": str(follow.idea or follow.challenge or follow.initiative),
                "since": _when(follow.created_at),
            }
            for follow in user.follows.select_related("idea", "challenge", "initiative")
        ],
        "offers_of_help": [
            {
                "on": str(offer.idea or offer.initiative),
                "message": offer.message,
                "sent": _when(offer.created_at),
            }
            for offer in user.offers.select_related("idea", "initiative")
        ],
    }


def _when(value):
    return value.isoformat() if value else None


@transaction.atomic
def delete_account(user, *, keep_contributions: bool) -> None:
    """Erase the person's data. Public contributions are removed, or kept as "Slettet bruker".

    Either way the password hash changes (or the row goes), which ends every session.
    """
    if not keep_contributions:
        # Comments others have replied to stay as "Slettet", so the replies keep
        # their context; everything else the person wrote goes with the account.
        with_replies = list(user.comments.filter(replies__isnull=False).distinct())
        for comment in with_replies:
            comment.delete_by_author()
        user.comments.exclude(pk__in=[c.pk for c in with_replies]).delete()
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
