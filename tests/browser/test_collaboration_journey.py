"""Issue "Kommune 3.0": a volunteer adds interests, finds a need that fits on /bidra/,
offers to help; the initiative's owner accepts and gives a task; the volunteer finds the
team page and the task, signs up for the workshop, takes its calendar file, posts a card
and votes, and gets the reminder the day before. By keyboard, with JavaScript on and off,
axe on every page."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from conftest import PASSWORD, make_editor, make_user
from kominn.collaboration.models import Answer, AnswerStatus, Need, TeamMember, TeamTask
from kominn.events.models import Card, Event, EventKind, Registration, Vote, Workshop
from kominn.participation.models import Challenge
from kominn.portfolio.models import Initiative
from tests.browser.test_engage_journey import new_visitor, press, type_into

pytestmark = pytest.mark.browser


def log_in(visitor, email):
    page = visitor.page
    visitor.visit("/konto/logg-inn/")
    type_into(page, _("E-mail address"), email)
    type_into(page, _("Password"), PASSWORD)
    press(page, "button", _("Log in"))
    page.wait_for_url("**/konto/")


def tick(page, label):
    page.get_by_label(label, exact=True).focus()
    page.keyboard.press("Space")


def submit(page, name):
    """Press a form's button by keyboard and wait for the page the form leads to."""
    with page.expect_navigation():
        press(page, "button", name)


def fill(page, label, text):
    """Type into the field whose label starts with `label` (optional ones say so after)."""
    page.get_by_label(label).first.focus()
    page.keyboard.type(text)


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_a_volunteer_finds_a_need_joins_the_team_and_the_workshop(
    browser, live_server, demo_data, sent_mail, javascript
):
    initiative = Initiative.objects.published().filter(organisation__slug="asker").first()
    organisation = initiative.organisation
    owner = make_editor("eier@asker.kommune.no", organisation=organisation)
    need = Need.objects.create(
        organisation=organisation,
        initiative=initiative,
        title="Frivillige til strikkekafé",
        description="Vi trenger noen som kan lære bort strikking på biblioteket.",
        how_many=2,
        suits=",volunteer,",
        created_by=owner,
    )
    challenge = next(c for c in Challenge.objects.published() if c.is_open)
    starts = timezone.now() + timedelta(hours=20)
    event = Event.objects.create(
        organisation=challenge.organisation,
        challenge=challenge,
        title="Idéverksted om sykkelveier",
        kind=EventKind.WORKSHOP,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Asker bibliotek",
        step_free_access=True,
        capacity=20,
    )
    workshop = Workshop.objects.create(
        organisation=challenge.organisation,
        challenge=challenge,
        event=event,
        title="Lappeverksted om sykkelveier",
        opens_at=timezone.now() - timedelta(hours=1),
        closes_at=starts + timedelta(hours=2),
    )
    volunteer_user = make_user("frivillig@example.no", display_name="Frida Frivillig")

    volunteer, contexts = new_visitor(browser, live_server, javascript)
    page = volunteer.page
    log_in(volunteer, volunteer_user.email)

    # Interests and how she takes part.
    volunteer.visit("/bidra/mine-ferdigheter/")
    volunteer.assert_accessible()
    fill(page, capfirst(_("skills and interests")), "strikking, kaffe")
    tick(page, _("Volunteer"))
    submit(page, _("Save"))
    volunteer.assert_accessible()

    # /bidra/ with "Passer for meg" shows the need.
    volunteer.visit("/bidra/")
    volunteer.assert_accessible()
    if not page.locator("details.filter-disclosure").evaluate("d => d.open"):
        page.locator("details.filter-disclosure summary").focus()
        page.keyboard.press("Enter")
    tick(page, _("Suits me"))
    press(page, "button", _("Show needs"))
    page.wait_for_url("**/bidra/?*for_meg=on*")
    volunteer.assert_accessible()
    press(page, "link", need.title)
    page.wait_for_url(f"**{need.get_absolute_url()}")
    volunteer.assert_accessible()
    type_into(page, _("How you can help"), "Jeg har strikket i førti år og lærer gjerne bort.")
    submit(page, _("I can help"))
    volunteer.assert_accessible()
    answer = Answer.objects.get(need=need, user=volunteer_user)
    assert answer.status == AnswerStatus.PENDING
    assert page.get_by_text(_("Waiting for an answer")).count() >= 1

    # The owner accepts and gives her a task on the team page.
    owner_visitor, owner_contexts = new_visitor(browser, live_server, javascript)
    contexts += owner_contexts
    owner_page = owner_visitor.page
    log_in(owner_visitor, owner.email)
    owner_visitor.visit(need.get_absolute_url())
    owner_visitor.assert_accessible()
    fill(owner_page, _("Reply"), "Velkommen, Frida!")
    submit(owner_page, _("Accept"))
    owner_visitor.assert_accessible()
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.ACCEPTED
    assert TeamMember.objects.filter(initiative=initiative, user=volunteer_user).exists()
    team_url = f"{initiative.get_absolute_url()}team/"
    owner_visitor.visit(team_url)
    owner_visitor.assert_accessible()
    type_into(owner_page, _("Task"), "Lage oppslag om strikkekafeen")
    owner_page.get_by_label(_("Who does it")).last.select_option(str(volunteer_user.pk))
    submit(owner_page, _("Add the task"))
    owner_visitor.assert_accessible()
    task = TeamTask.objects.get(title="Lage oppslag om strikkekafeen")
    assert task.assignee == volunteer_user

    # She reaches the team page from the initiative and sees the task as hers.
    volunteer.visit(initiative.get_absolute_url())
    volunteer.assert_accessible()
    press(page, "link", _("Go to the team page"))
    page.wait_for_url(f"**{team_url}")
    volunteer.assert_accessible()
    task_card = page.locator(f"#oppgave-{task.pk}")
    assert task_card.locator("strong").inner_text() == "Lage oppslag om strikkekafeen"
    assert _("Done by %(name)s") % {"name": "Frida Frivillig"} in task_card.inner_text()

    # The workshop: sign up, the calendar file, a card and a vote.
    volunteer.visit(event.get_absolute_url())
    volunteer.assert_accessible()
    submit(page, _("Sign up"))
    volunteer.assert_accessible()
    assert Registration.objects.get(event=event, user=volunteer_user).status == "registered"
    calendar = page.get_by_role("link", name=_("Add to calendar (.ics)"))
    ics = page.request.get(live_server.url + calendar.get_attribute("href"))
    assert ics.status == 200 and ics.headers["content-type"].startswith("text/calendar")
    body = ics.text()
    assert "BEGIN:VEVENT" in body and "Idéverksted om sykkelveier" in body
    press(page, "link", _("To the workshop page: %(title)s") % {"title": workshop.title})
    page.wait_for_url(f"**{workshop.get_absolute_url()}")
    volunteer.assert_accessible()
    type_into(page, _("Your idea"), "Sykkelparkering med tak ved stasjonen")
    submit(page, _("Post the card"))
    volunteer.assert_accessible()
    card = Card.objects.get(workshop=workshop, text="Sykkelparkering med tak ved stasjonen")
    page.locator(f"#lapp-{card.pk}").get_by_role("button", name=_("Vote")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    volunteer.assert_accessible()
    assert Vote.objects.filter(card=card, user=volunteer_user).count() == 1

    # The day before: one reminder, to her.
    before = len(sent_mail())
    call_command("send_event_reminders")
    reminders = [m for m in sent_mail()[before:] if volunteer_user.email in m.to]
    assert len(reminders) == 1
    assert "Idéverksted om sykkelveier" in reminders[0].subject + reminders[0].body
    for context in contexts:
        context.close()
