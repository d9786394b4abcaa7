"""The digest of new needs that suit a person ("Nye behov som passer deg").

A person with skills or capacities may ask, on /bidra/mine-ferdigheter/, for an e-mail
when new needs that suit them are posted in the municipality whose site they asked on.
`send_needs_digests()` (the command `send_needs_digest`, run daily by the scheduler) mails
each of them one e-mail through the outbox listing the open needs posted since their last
digest that "Suits me" on /bidra/ would show them, and nothing when none fit. Each person
keeps the time up to which needs have been considered, so no need is mailed twice.
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from kominn.core import i18n
from kominn.outbox.services import absolute_url, queue_mail

from .models import Need, Skills

logger = logging.getLogger("kominn.collaboration")

UNSUBSCRIBE_SALT = "kominn.collaboration.needs-digest"
# More would make a long mail; the link to /bidra/ shows the rest.
MOST_NEEDS = 20


def new_needs_for(skills, since, until):
    """The open needs of the person's chosen municipality, posted after `since` and up to
    `until`, that suit them, leaving out their own and those they have answered."""
    return (
        Need.objects.for_organisation(skills.needs_digest_organisation)
        .on_public_pages()
        .open()
        .filter(is_general=False, created_at__gt=since, created_at__lte=until)
        .suiting(skills)
        .exclude(created_by=skills.user_id)
        .exclude(answers__user=skills.user_id)
        .select_related("initiative", "challenge", "idea")
        .order_by("created_at", "pk")
        .distinct()
    )


def send_needs_digests(*, now=None) -> int:
    """Queue one digest mail per person with new needs that suit them. Returns how many."""
    now = now or timezone.now()
    people = Skills.objects.wanting_needs_digest().values_list("pk", flat=True)
    return sum(_send_one(pk, now) for pk in list(people))


@transaction.atomic
def _send_one(skills_pk, now) -> int:
    skills = (
        Skills.objects.wanting_needs_digest()
        .select_related("user", "needs_digest_organisation")
        .select_for_update(of=("self",), skip_locked=True)
        .filter(pk=skills_pk)
        .first()
    )
    if skills is None or not skills.has_any:
        return 0
    since = skills.needs_digest_sent_at or now
    needs = list(new_needs_for(skills, since, now)[: MOST_NEEDS + 1])
    sent = 0
    if needs:
        try:
            _mail(skills, needs[:MOST_NEEDS], more=len(needs) > MOST_NEEDS)
        except ImproperlyConfigured:
            # Without an address for links nothing can be mailed; try again next time.
            logger.exception("Needs digest not queued: no address for links")
            return 0
        sent = 1
    skills.needs_digest_sent_at = now
    skills.save(update_fields=["needs_digest_sent_at"])
    return sent


def _mail(skills, needs, *, more) -> None:
    user, organisation = skills.user, skills.needs_digest_organisation
    base = absolute_url("", organisation)
    with (
        i18n.addresses_of(organisation),
        translation.override(user.language or settings.LANGUAGE_CODE),
    ):
        queue_mail(
            to=user.email,
            subject=ngettext(
                "A new need that suits you", "%(count)d new needs that suit you", len(needs)
            )
            % {"count": len(needs)},
            template="collaboration/email/needs_digest",
            context={
                "recipient": user,
                "needs": [
                    {
                        "need": need,
                        "on": str(need.parent),
                        "url": base + need.get_absolute_url(),
                    }
                    for need in needs
                ],
                "more": more,
                "list_url": base + reverse("collaboration:contribute") + "?for_meg=on",
                "settings_url": base + reverse("collaboration:skills"),
            },
            unsubscribe_url=base + unsubscribe_path(user),
            kind="notification",
            organisation=organisation,
        )


def unsubscribe_path(user) -> str:
    """A signed link that turns the digest off for one person. It does not expire: an old
    mail's link should still stop the mail."""
    token = signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)
    return reverse("collaboration:needs_digest_off", args=[token])


def read_unsubscribe_token(token):
    """The Skills of a valid link's person (None if the link is not valid)."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Skills.objects.filter(user_id=data.get("u")).select_related("user").first()


def turn_off(*, skills) -> None:
    skills.needs_digest_organisation = None
    skills.save(update_fields=["needs_digest_organisation"])
