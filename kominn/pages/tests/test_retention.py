"""Personal data is kept no longer than the privacy statement says."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from kominn.newsletter.models import Subscription
from kominn.outbox.models import OutgoingMail


def subscription(organisation, email, *, age_days, confirmed, consent_days=None, gone_days=None):
    now = timezone.now()
    item = Subscription.objects.create(
        organisation=organisation,
        email=email,
        language="nb",
        consent_text="Ja takk.",
        consent_version="2026-11",
        consented_at=now - timedelta(days=age_days if consent_days is None else consent_days),
        confirmed_at=now if confirmed else None,
        unsubscribed_at=now - timedelta(days=gone_days) if gone_days is not None else None,
    )
    Subscription.objects.filter(pk=item.pk).update(created_at=now - timedelta(days=age_days))
    return item


def mail(*, sent_days_ago=None, failed_days_ago=None):
    now = timezone.now()
    return OutgoingMail.objects.create(
        to="kari@example.no",
        subject="Hei",
        body_text="Lenke: https://example.no/x",
        sent_at=now - timedelta(days=sent_days_ago) if sent_days_ago is not None else None,
        failed_at=now - timedelta(days=failed_days_ago) if failed_days_ago is not None else None,
    )


def test_purge_keeps_only_what_the_privacy_statement_allows(asker, client):
    subscription(asker, "gammel@example.no", age_days=8, confirmed=False)
    fresh = subscription(asker, "ny@example.no", age_days=2, confirmed=False)
    confirmed = subscription(asker, "fast@example.no", age_days=400, confirmed=True)
    # Signed up long ago, unsubscribed, and signed up again yesterday: awaiting its link.
    again = subscription(asker, "igjen@example.no", age_days=400, consent_days=1, confirmed=False)
    subscription(asker, "borte@example.no", age_days=300, confirmed=True, gone_days=40)
    recently_gone = subscription(
        asker, "nylig@example.no", age_days=300, confirmed=True, gone_days=2
    )
    mail(sent_days_ago=31)
    mail(failed_days_ago=45)
    recent = mail(sent_days_ago=3)
    waiting = mail()
    call_command("purge_old_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Subscription.objects.all()) == {fresh, confirmed, again, recently_gone}
    assert set(OutgoingMail.objects.all()) == {recent, waiting}
    statement = client.get("/personvern/").content.decode()
    assert "7 dager" in statement and "30 dager" in statement
