"""The digest of new needs that suit a person: opting in, what is mailed, and what is not."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import BAERUM_HOST, make_initiative, make_organisation, make_user
from kominn.collaboration import digest, services
from kominn.collaboration.models import Need, NeedStatus, Skills
from kominn.outbox.models import OutgoingMail

LATER = timedelta(hours=1)


@pytest.fixture
def initiative(asker):
    return make_initiative(asker)


def opt_in(user, organisation, *, tags="strikk", capacities=(), when=None):
    skills = services.save_skills(
        user=user, tags=tags, capacities=capacities, needs_digest=True, organisation=organisation
    )
    if when is not None:
        Skills.objects.filter(pk=skills.pk).update(needs_digest_sent_at=when)
    return skills


def post(initiative, editor, title, **fields):
    return services.post_need(user=editor, initiative=initiative, title=title, **fields)


def run(now=None):
    return digest.send_needs_digests(now=(now or timezone.now()) + LATER)


def test_opting_in_on_my_skills_page(client, asker, citizen):
    client.force_login(citizen)
    page = client.get("/bidra/mine-ferdigheter/").content.decode()
    assert "Send meg e-post om nye behov som passer for meg" in page
    response = client.post("/bidra/mine-ferdigheter/", {"tags": "strikking", "needs_digest": "on"})
    assert response.status_code == 302
    skills = Skills.objects.get(user=citizen)
    assert skills.needs_digest_organisation == asker
    assert skills.needs_digest_sent_at is not None
    assert 'id="id_needs_digest" checked' in client.get("/bidra/mine-ferdigheter/").text
    client.post("/bidra/mine-ferdigheter/", {"tags": "strikking"})
    assert Skills.objects.get(user=citizen).needs_digest_organisation is None


def test_opting_in_without_skills_or_capacities_says_what_is_missing(client, asker, citizen):
    client.force_login(citizen)
    response = client.post("/bidra/mine-ferdigheter/", {"tags": " , ", "needs_digest": "on"})
    content = response.content.decode()
    assert response.status_code == 400
    assert "Skriv en ferdighet eller velg hvordan du deltar" in content
    assert 'id="id_needs_digest_error"' in content
    assert not Skills.objects.filter(user=citizen).exists()


def test_digest_lists_new_open_needs_that_suit_and_only_those(
    asker, initiative, editor, citizen, sent_mail
):
    opt_in(citizen, asker, tags="strikking", capacities=["volunteer"])
    post(initiative, editor, "Noen til strikkekafé", description="Vi trenger strikking.")
    post(initiative, editor, "Frivillige til ryddedag", suits=",volunteer,")
    post(initiative, editor, "En bedrift med sensorer", suits=",business,")
    post(initiative, editor, "Lukket strikking", status=NeedStatus.CLOSED)
    answered = post(initiative, editor, "Strikking allerede besvart")
    services.answer_need(need=answered, user=citizen, message="Jeg kan.")

    assert run() == 1

    messages = [message for message in sent_mail() if message.to == [citizen.email]]
    assert len(messages) == 1
    body = messages[0].body
    assert messages[0].subject == "2 nye behov som passer for deg"
    assert "Noen til strikkekafé" in body and "Frivillige til ryddedag" in body
    assert "sensorer" not in body and "Lukket" not in body and "besvart" not in body
    assert "/bidra/mine-ferdigheter/" in body
    assert "/bidra/nye-behov-av/" in messages[0].extra_headers["List-Unsubscribe"]


def test_nothing_is_mailed_twice(asker, initiative, editor, citizen):
    opt_in(citizen, asker)
    post(initiative, editor, "Strikkekafé")
    now = timezone.now()
    assert run(now) == 1
    assert run(now + LATER) == 0
    call_command("send_needs_digest")
    assert OutgoingMail.objects.count() == 1
    later = post(initiative, editor, "Mer strikking")
    Need.objects.filter(pk=later.pk).update(created_at=now + 2 * LATER + timedelta(minutes=1))
    assert run(now + 3 * LATER) == 1
    second = OutgoingMail.objects.order_by("-pk").first()
    assert "Mer strikking" in second.body_text and "Strikkekafé" not in second.body_text


def test_no_mail_when_nothing_new_suits(asker, initiative, editor, citizen):
    opt_in(citizen, asker)
    post(initiative, editor, "En bedrift med sensorer", suits=",business,")
    assert run() == 0
    assert not OutgoingMail.objects.exists()


def test_needs_posted_before_opting_in_are_not_new(asker, initiative, editor, citizen):
    post(initiative, editor, "Strikkekafé")
    opt_in(citizen, asker)
    assert run() == 0


def test_only_needs_of_the_chosen_municipality(asker, initiative, editor, citizen):
    baerum = make_organisation("baerum", name="Bærum kommune")
    elsewhere = make_initiative(baerum, "Bærums tiltak")
    post(elsewhere, editor, "Strikking i Bærum")
    opt_in(citizen, asker, when=timezone.now() - timedelta(days=1))
    post(initiative, editor, "Strikking i Asker")
    assert run() == 1
    body = OutgoingMail.objects.get().body_text
    assert "Strikking i Asker" in body and "Bærum" not in body
    assert OutgoingMail.objects.get().organisation == asker


def test_blocked_inactive_and_opted_out_people_get_nothing(
    asker, initiative, editor, citizen, other_citizen
):
    blocked = make_user("sperret@example.no", blocked_at=timezone.now())
    inactive = make_user("inaktiv@example.no", is_active=False)
    for person in (blocked, inactive, citizen, other_citizen):
        opt_in(person, asker)
    services.save_skills(
        user=other_citizen, tags="strikking", capacities=[], needs_digest=False, organisation=asker
    )
    post(initiative, editor, "Strikkekafé")
    assert run() == 1
    assert list(OutgoingMail.objects.values_list("to", flat=True)) == [citizen.email]


def test_mail_is_in_the_persons_language(asker, initiative, editor):
    english = make_user("en@example.no", language="en")
    nynorsk = make_user("nn@example.no", language="nn")
    opt_in(english, asker)
    opt_in(nynorsk, asker)
    post(initiative, editor, "Strikkekafé")
    assert run() == 2
    subjects = dict(OutgoingMail.objects.values_list("to", "subject"))
    assert subjects == {
        english.email: "A new need that suits you",
        nynorsk.email: "Eitt nytt behov som passar for deg",
    }
    assert "/en/bidra/mine-ferdigheter/" in OutgoingMail.objects.get(to=english.email).body_text


def test_unsubscribe_link_turns_the_digest_off(client, asker, citizen):
    opt_in(citizen, asker)
    path = digest.unsubscribe_path(citizen)
    assert "Stopp disse e-postene" in client.get(path).content.decode()
    assert client.post(path).status_code == 302
    assert Skills.objects.get(user=citizen).needs_digest_organisation is None
    assert "Du får ikke flere" in client.get(path).content.decode()
    assert client.get("/bidra/nye-behov-av/ugyldig/").status_code == 400


def test_the_digest_covers_the_municipality_it_was_asked_on(client, asker, baerum, citizen):
    client.force_login(citizen)
    client.post("/bidra/mine-ferdigheter/", {"tags": "strikk", "needs_digest": "on"})
    assert Skills.objects.get(user=citizen).needs_digest_organisation == asker
    # On Bærum's site the box is not ticked: Asker's digest is not Bærum's.
    page = client.get("/bidra/mine-ferdigheter/", HTTP_HOST=BAERUM_HOST).text
    assert 'id="id_needs_digest" checked' not in page
    # Saving there without it leaves Asker's digest on; ticking it moves the digest there.
    client.post("/bidra/mine-ferdigheter/", {"tags": "strikk"}, HTTP_HOST=BAERUM_HOST)
    assert Skills.objects.get(user=citizen).needs_digest_organisation == asker
    client.post(
        "/bidra/mine-ferdigheter/", {"tags": "strikk", "needs_digest": "on"}, HTTP_HOST=BAERUM_HOST
    )
    assert Skills.objects.get(user=citizen).needs_digest_organisation == baerum
