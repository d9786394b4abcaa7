"""Who may reach what: every route of the URL conf (the admin's included) as every role,
against the expected table in audit/access.toml.

Everything here runs in the audit's own process against the audit's database, after the
demo data is loaded: it creates the people and the things the routes need."""

import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from .runner import Client, status_class

TABLE = Path(__file__).with_name("access.toml")
PASSWORD = "et langt og hemmelig passord for revisjonen"  # noqa: S105 (throwaway accounts)

ROLES = [
    "anonymous",
    "participant",
    "author",
    "editor",
    "area_editor",
    "moderator",
    "administrator",
    "blocked",
    "other_staff",
]


@dataclass
class World:
    """The people and things the audit creates: users by role, objects by label."""

    users: dict
    objects: dict
    cookies: dict
    host_organisation: object
    other_organisation: object
    unsampled: set = field(default_factory=set)  # admin models without an object to open


def _user(email, **extra):
    from kominn.accounts.models import User

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=PASSWORD, display_name=extra.pop("display_name", email), **extra
        )
    return user


def _staff(email, organisation, *groups, service_areas=()):
    from django.contrib.auth.models import Group

    user = _user(email, display_name=email.split("@")[0], is_staff=True, organisation=organisation)
    user.groups.set([Group.objects.get(name=group) for group in groups])
    user.service_areas.set(service_areas)
    return user


def build_world() -> World:
    """Create (once) the roles and the things they act on."""
    from django.test import Client as DjangoClient

    from kominn.accounts.models import User
    from kominn.accounts.roles import EDITOR, MODERATOR
    from kominn.events.models import Event, Workshop
    from kominn.notifications.models import Notification
    from kominn.organisations.models import Organisation, PageText, ServiceArea
    from kominn.participation.models import Challenge, Comment, Follow, Idea
    from kominn.portfolio.models import Goal, Initiative, NewsArticle

    asker = Organisation.objects.get(is_default=True)
    other, _created = Organisation.objects.get_or_create(
        slug="revisjonby",
        defaults={"name": "Revisjonby kommune", "contact_email": "kominn@revisjonby.no"},
    )
    oppvekst = ServiceArea.objects.get(organisation=asker, slug="oppvekst")
    users = {
        "participant": _user("deltaker@revisjon.example", capacity="citizen"),
        "author": _user("forfatter@revisjon.example", capacity="citizen"),
        "editor": _staff("redaktor@revisjon.example", asker, EDITOR),
        "area_editor": _staff("oppvekst@revisjon.example", asker, EDITOR, service_areas=[oppvekst]),
        "moderator": _staff("moderator@revisjon.example", asker, MODERATOR),
        "blocked": _user("blokkert@revisjon.example", capacity="citizen"),
        "other_staff": _staff("ansatt@revisjonby.example", other, EDITOR, MODERATOR),
    }
    administrator = User.objects.filter(email="admin@revisjon.example").first()
    if administrator is None:
        administrator = User.objects.create_superuser(
            email="admin@revisjon.example", password=PASSWORD, display_name="Revisor"
        )
    users["administrator"] = administrator
    author = users["author"]
    public_idea = Idea.objects.published().filter(organisation=asker).order_by("pk").first()
    draft, _created = Idea.objects.get_or_create(
        organisation=asker,
        author=author,
        title="Revisjonens utkast",
        defaults={"description": "Et utkast ingen andre skal se.", "capacity": "citizen"},
    )
    own, _created = Idea.objects.get_or_create(
        organisation=asker,
        author=author,
        title="Revisjonens innsendte idé",
        defaults={
            "description": "En idé som er sendt inn.",
            "capacity": "citizen",
            "submitted_at": timezone.now(),
        },
    )
    hidden, _created = Idea.objects.get_or_create(
        organisation=asker,
        author=users["participant"],
        title="Revisjonens skjulte idé",
        defaults={
            "description": "Skjult av en moderator.",
            "capacity": "citizen",
            "submitted_at": timezone.now(),
            "hidden_at": timezone.now(),
            "hidden_reason": "Revisjon",
        },
    )
    comment, _created = Comment.objects.get_or_create(
        idea=public_idea, author=author, defaults={"body": "Revisjonens kommentar."}
    )
    follow, _created = Follow.objects.get_or_create(user=author, idea=public_idea)
    if users["blocked"].blocked_at is None:
        users["blocked"].block("Revisjon")
    other_initiative = Initiative.objects.filter(organisation=other, shared=False).first()
    if other_initiative is None:
        other_initiative = Initiative.objects.create(
            organisation=other,
            title="Revisjonbys tiltak",
            slug="revisjonbys-tiltak",
            summary="Et tiltak i en annen kommune.",
            is_published=True,
        )
    other_shared = Initiative.objects.filter(organisation=other, slug="revisjonbys-delte-tiltak")
    other_shared = other_shared.first() or Initiative.objects.create(
        organisation=other,
        title="Revisjonbys delte tiltak",
        slug="revisjonbys-delte-tiltak",
        summary="Et tiltak en annen kommune deler.",
        contact_name="Kari Kontakt",
        is_published=True,
        shared=True,
    )
    # The municipality's own text for a page, for the admin's page-text pages.
    page_text = PageText.objects.filter(organisation=asker, page=PageText.Page.PRIVACY).first()
    if page_text is None:
        PageText(organisation=asker, page=PageText.Page.PRIVACY).change(
            "Revisjonens personvernerklæring."
        )
    draft_initiative = Initiative.objects.filter(organisation=asker, slug="revisjonens-utkast")
    draft_initiative = draft_initiative.first() or Initiative.objects.create(
        organisation=asker,
        title="Revisjonens utkast til tiltak",
        slug="revisjonens-utkast",
        summary="Ikke publisert.",
        is_published=False,
    )
    notification = Notification.objects.filter(recipient=author).first()
    if notification is None:
        from django.contrib.contenttypes.models import ContentType

        notification = Notification.objects.create(
            recipient=author,
            kind=Notification._meta.get_field("kind").choices[0][0],
            organisation=asker,
            target_type=ContentType.objects.get_for_model(Idea),
            target_id=own.pk,
            target_title=own.title,
            target_url=own.get_absolute_url(),
            url=own.get_absolute_url(),
            message="answered",
        )
    # One object of each kind the admin lists, so its change and delete pages have one to
    # open: a newsletter subscription and issue, an audit entry, a log entry, a preference.
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.contrib.contenttypes.models import ContentType

    from kominn.core.models import AuditEntry
    from kominn.newsletter.models import NewsletterIssue
    from kominn.notifications.models import NotificationPreference
    from tests.routes import newsletter_link_paths

    newsletter_link_paths()
    NewsletterIssue.objects.get_or_create(
        organisation=asker, subject="Revisjonens nyhetsbrev", defaults={"body": "Tekst."}
    )
    AuditEntry.objects.get_or_create(
        organisation=asker, action="hide", target_text="Revisjon", defaults={"reason": "Revisjon"}
    )
    idea_type = ContentType.objects.get_for_model(Idea)
    LogEntry.objects.get_or_create(
        user=users["administrator"],
        content_type=idea_type,
        object_id=str(own.pk),
        defaults={"object_repr": own.title, "action_flag": ADDITION},
    )
    # A mail in the outbox, and an offer of help as they were made before offers became
    # answers to needs (the admin still lists the old ones).
    from kominn.outbox.models import OutgoingMail
    from kominn.participation.models import Offer

    OutgoingMail.objects.get_or_create(
        organisation=asker,
        to=author.email,
        subject="Revisjonens e-post",
        defaults={"body_text": "Tekst."},
    )
    Offer.objects.get_or_create(
        user=users["participant"], idea=public_idea, defaults={"message": "Revisjonens tilbud."}
    )
    kind = NotificationPreference._meta.get_field("kind").choices[0][0]
    delivery = NotificationPreference._meta.get_field("delivery").choices[0][0]
    NotificationPreference.objects.get_or_create(
        user=author, kind=kind, defaults={"delivery": delivery}
    )
    from kominn.collaboration.models import Answer, Need

    published_initiative = Initiative.objects.published().filter(organisation=asker).first()
    need = Need.objects.filter(initiative=published_initiative, title="Revisjonens behov")
    need = need.first() or Need.objects.create(
        organisation=asker, initiative=published_initiative, title="Revisjonens behov"
    )
    need_answer, _created = Answer.objects.get_or_create(
        need=need, user=author, defaults={"message": "Revisjonens svar."}
    )
    # The author is on the published initiative's team, with a task, an update and a file.
    from django.core.files.base import ContentFile

    from kominn.collaboration.models import TeamFile, TeamMember, TeamTask, TeamUpdate

    team_member, _created = TeamMember.objects.get_or_create(
        initiative=published_initiative, user=author, defaults={"role": "Revisjon"}
    )
    team_task, _created = TeamTask.objects.get_or_create(
        initiative=published_initiative, title="Revisjonens oppgave"
    )
    team_update, _created = TeamUpdate.objects.get_or_create(
        initiative=published_initiative, author=author, body="Revisjonens oppdatering."
    )
    team_file = TeamFile.objects.filter(initiative=published_initiative, title="Revisjon").first()
    if team_file is None:
        team_file = TeamFile(initiative=published_initiative, title="Revisjon", uploaded_by=author)
        team_file.file.save("revisjon.pdf", ContentFile(b"%PDF-1.4"), save=True)
    objects = {
        "need": need,
        "need answer": need_answer,
        "team member": team_member,
        "team task": team_task,
        "team update": team_update,
        "team file": team_file,
        "idea": public_idea,
        "own idea": own,
        "draft idea": draft,
        "hidden idea": hidden,
        "comment": comment,
        "initiative": Initiative.objects.published().filter(organisation=asker).first(),
        "draft initiative": draft_initiative,
        "other municipality's initiative": other_initiative,
        "other municipality's shared initiative": other_shared,
        "goal": Goal.objects.published().filter(organisation=asker).first(),
        "news": NewsArticle.objects.published().filter(organisation=asker).first(),
        "challenge": Challenge.objects.published().filter(organisation=asker).first(),
        "event": Event.objects.filter(organisation=asker).visible().upcoming().first(),
        # The demo's finished workshop, with its cards.
        "workshop": Workshop.objects.filter(organisation=asker).order_by("pk").first(),
        "notification": notification,
        "follow": follow,
        "blocked account": users["blocked"],
    }
    cookies = {"anonymous": {}}
    for role, user in users.items():
        client = DjangoClient()
        client.force_login(user)
        cookies[role] = {"sessionid": client.cookies["sessionid"].value}
    return World(users, objects, cookies, asker, other)


# --- Routes -----------------------------------------------------------------------------

# Values for the routes' parameters: a parameter name -> [(variant, value or callable)].
# A route whose parameters are not here makes the figure fail, so no route goes unchecked.


def _sitemap_sections():
    from kominn.portfolio.sitemaps import SITEMAPS

    return SITEMAPS


def _bank_samples(world):
    def of(initiative):
        return {"organisation": initiative.organisation.slug, "slug": initiative.slug}

    objects = world.objects
    return [
        ("other municipality's shared", of(objects["other municipality's shared initiative"])),
        ("other municipality's unshared", of(objects["other municipality's initiative"])),
        ("draft", of(objects["draft initiative"])),
    ]


def _idea_pks(world):
    objects = world.objects
    return [
        ("public", objects["idea"].pk),
        ("own draft of author", objects["draft idea"].pk),
        ("submitted by author", objects["own idea"].pk),
        ("hidden", objects["hidden idea"].pk),
    ]


def _workshop_params(workshop, *, card=False):
    params = {"slug": workshop.challenge.slug, "pk": workshop.pk}
    if card:
        params["card"] = workshop.cards.order_by("pk").first().pk
    return params


def _shown_card(objects):
    """A card of the demo's finished workshop that is shown to everyone."""
    return (
        objects["workshop"]
        .cards.filter(hidden_at__isnull=True, author__blocked_at__isnull=True)
        .order_by("pk")
        .first()
    )


def parameter_samples(world, name: str, route: str) -> list[tuple[str, dict]]:
    """The variants to request for a route (its namespaced name and pattern)."""
    objects = world.objects
    if name.startswith("admin:"):
        return _admin_samples(world, name)
    if "<" not in route:
        return [("", {})]
    short = name.split(":")[-1]
    if name.startswith("collaboration:") and short not in {"need_new_idea", "offer_idea"}:

        def team(label):
            return {"slug": objects["initiative"].slug, "pk": objects[label].pk}

        need = {"pk": objects["need"].pk}
        answer = {"pk": objects["need answer"].pk}
        return {
            "need": [("on a published initiative", need)],
            "answer": [("on a published initiative", need)],
            "need_status": [("on a published initiative", need)],
            "need_edit": [("on a published initiative", need)],
            "decide": [("author's", answer)],
            "withdraw": [("author's", answer)],
            "need_new_initiative": [
                ("published", {"slug": objects["initiative"].slug}),
                ("draft", {"slug": objects["draft initiative"].slug}),
            ],
            "need_new_challenge": [("published", {"slug": objects["challenge"].slug})],
            "offer_initiative": [("published", {"slug": objects["initiative"].slug})],
            "needs_digest_off": [("bad token", {"token": "revisjon"})],
            **{
                name: [("published, author on the team", {"slug": objects["initiative"].slug})]
                for name in [
                    "team",
                    "team_membership",
                    "team_leave",
                    "team_task_new",
                    "team_file_new",
                ]
            },
            "team_remove": [("author", team("team member"))],
            "team_update_hide": [("author's", team("team update"))],
            "team_task_move": [("published", team("team task"))],
            "team_file_delete": [("author's", team("team file"))],
        }[short]
    if name.startswith("moderation:") and short in {
        "need",
        "answer",
        "report_need",
        "report_answer",
        "teamupdate",
        "report_teamupdate",
        "card",
        "report_card",
    }:
        if short in {"need", "report_need"}:
            return [("on a published initiative", {"pk": objects["need"].pk})]
        if short in {"teamupdate", "report_teamupdate"}:
            return [("author's, on a published initiative", {"pk": objects["team update"].pk})]
        if short in {"card", "report_card"}:
            return [("shown, in the finished workshop", {"pk": _shown_card(objects).pk})]
        return [("author's", {"pk": objects["need answer"].pk})]
    table = {
        "external_callback": [("", {"provider": "idporten"})],
        # The API's JSON 404 for any address under /api/v1/ it does not have.
        "api_not_found": [("unknown address", {"rest": "finnes-ikke"})],
        "external_login": [("", {"provider": "idporten"})],
        "confirm": [("bad token", {"token": "revisjon"})],
        "external_confirm": [("bad token", {"token": "revisjon"})],
        "unsubscribe": [("bad token", {"token": "revisjon"})],
        "password_reset_confirm": [("bad token", {"uidb64": "MQ", "token": "revisjon"})],
        "notification_open": [("author's", {"pk": objects["notification"].pk})],
        "account": [("blocked account", {"pk": objects["blocked account"].pk})],
        "media": [],  # the uploads figure checks files
        "unfollow": [("author's", {"pk": objects["follow"].pk})],
        "mail_detail": [("first message", {"name": "kominn.log", "index": 0})],
        "sitemap-section": [
            (section, {"section": section}) for section in sorted(_sitemap_sections())
        ],
        "initiative": [
            ("published", {"slug": objects["initiative"].slug}),
            ("draft", {"slug": objects["draft initiative"].slug}),
            ("other municipality's", {"slug": objects["other municipality's initiative"].slug}),
        ],
        "shared_initiative": _bank_samples(world),
        "adopt_initiative": _bank_samples(world),
        "export_initiative": _bank_samples(world),
        "goal": [("published", {"slug": objects["goal"].slug})],
        "news_article": [("published", {"slug": objects["news"].slug})],
        "challenge": [("published", {"slug": objects["challenge"].slug})],
        "follow_challenge": [("published", {"slug": objects["challenge"].slug})],
        "follow_initiative": [("published", {"slug": objects["initiative"].slug})],
        "offer_initiative": [("published", {"slug": objects["initiative"].slug})],
        **{
            name: [("upcoming", {"pk": objects["event"].pk})]
            for name in ("event", "event_ics", "register", "cancel")
        },
        **{
            name: [("finished", _workshop_params(objects["workshop"]))]
            for name in ("workshop", "workshop_card", "workshop_group", "workshop_finish")
        },
        **{
            name: [("finished", _workshop_params(objects["workshop"], card=True))]
            for name in ("workshop_vote", "workshop_move", "workshop_hide")
        },
        "comment_edit": [("author's", {"pk": objects["comment"].pk})],
        "comment_delete": [("author's", {"pk": objects["comment"].pk})],
        "report_comment": [("author's", {"pk": objects["comment"].pk})],
        "comment": (
            [("author's", {"pk": objects["comment"].pk})]
            if name.startswith("moderation:")
            else [(label, {"pk": pk}) for label, pk in _idea_pks(world)]
        ),
    }
    if short in table:
        return table[short]
    if "<int:pk>" in route and "slug" in route:
        ideas = {"public": objects["idea"], "own draft of author": objects["draft idea"]}
        return [
            (label, {"pk": idea.pk, "slug": idea.get_absolute_url().rstrip("/").rsplit("/")[-1]})
            for label, idea in ideas.items()
        ]
    if route.startswith("ideer/<int:pk>") or short in {"report_idea", "idea"}:
        return [(label, {"pk": pk}) for label, pk in _idea_pks(world)]
    raise LookupError(
        f"no sample values for the route {name} ({route}): add them in audit/access.py"
    )


def _admin_object(world, model):
    """An object of this municipality (the host's) for the model's change and delete pages."""
    from kominn.accounts.models import User

    objects = world.objects
    label = model._meta.label
    if label == "participation.Idea":
        return [("submitted", objects["idea"]), ("someone's draft", objects["draft idea"])]
    if label == "accounts.User":
        return [("participant", world.users["participant"])]
    if label == "organisations.Organisation":
        return [("host", world.host_organisation)]
    queryset = model._default_manager.all()
    if any(field.name == "organisation" for field in model._meta.fields):
        queryset = queryset.filter(organisation=world.host_organisation)
    elif label == "notifications.NotificationPreference":
        queryset = queryset.filter(user=world.users["author"])
    elif label == "admin.LogEntry":
        queryset = queryset.filter(user=world.users["administrator"])
    del User
    sample = queryset.order_by("pk").first()
    if sample is None:
        world.unsampled.add(label)
        return []
    return [("", sample)]


def _admin_samples(world, name):
    short = name.split(":", 1)[1]
    if short == "auth_user_password_change":  # UserAdmin names it so for any user model
        return [("participant", {"id": str(world.users["participant"].pk)})]
    for model in admin.site._registry:
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        if not short.startswith(prefix):
            continue
        action = short.removeprefix(prefix)
        if action in {"changelist", "add", "import"}:
            return [("", {})]
        if action in {"change", "delete", "history"}:
            return [
                (label, {"object_id": str(sample.pk)})
                for label, sample in _admin_object(world, model)
            ]
        if action == "send":
            return [(label, {"pk": sample.pk}) for label, sample in _admin_object(world, model)]
        if action == "password_change":
            return [("participant", {"id": str(world.users["participant"].pk)})]
        raise LookupError(f"no sample values for the admin route {name}")
    if short == "app_list":
        return [(app, {"app_label": app}) for app in sorted(_admin_apps())]
    if short == "view_on_site":
        from django.contrib.contenttypes.models import ContentType

        idea = world.objects["idea"]
        kind = ContentType.objects.get_for_model(idea)
        return [("idea", {"content_type_id": kind.pk, "object_id": idea.pk})]
    if short in {"index", "login", "logout", "password_change", "password_change_done"}:
        return [("", {})]
    if short in {"jsi18n", "autocomplete"}:
        return [("", {})]
    raise LookupError(f"no sample values for the admin route {name}")


def _admin_apps():
    return {model._meta.app_label for model in admin.site._registry}


def routes(world) -> list[tuple[str, str]]:
    """(label, path) for every route of the URL conf, with each variant of its parameters."""
    found = []

    def walk(patterns, namespace="", prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                space = pattern.namespace or namespace
                walk(pattern.url_patterns, space, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found.append((name, prefix + str(pattern.pattern)))

    with translation.override("nb"):
        walk(get_resolver().url_patterns)
        paths = []
        seen = set()
        missing = []
        for name, route in found:
            try:
                samples = parameter_samples(world, name, route)
            except LookupError as error:
                missing.append(str(error))
                continue
            for variant, kwargs in samples:
                path = reverse(name, kwargs=kwargs)
                label = f"{name} ({variant})" if variant else name
                if label in seen:  # one name, two patterns (an idea's page with a slug)
                    label = f"{label} [{route}]"
                seen.add(label)
                paths.append((label, path))
    if missing:
        raise LookupError("; ".join(missing))
    return paths


# --- The matrix -------------------------------------------------------------------------


def observe(world, port) -> dict[str, dict[str, object]]:
    """route label -> role -> Response, for every route and role."""
    jobs = [(label, path, role) for label, path in routes(world) for role in ROLES]

    def fetch(job):
        label, path, role = job
        return label, role, path, Client(port, cookies=world.cookies[role]).get(path)

    observed: dict[str, dict] = {}
    with ThreadPoolExecutor(6) as pool:
        for label, role, path, response in pool.map(fetch, jobs):
            observed.setdefault(label, {"path": path})[role] = response
    return observed


def load_table() -> dict:
    if not TABLE.exists():
        return {}
    return tomllib.loads(TABLE.read_text())


def mismatches(observed, table) -> list[str]:
    problems = []
    for label, by_role in observed.items():
        expected = table.get(label)
        if expected is None:
            problems.append(f"{label} {by_role['path']}: not in audit/access.toml")
            continue
        for role in ROLES:
            got = status_class(by_role[role].status)
            allowed = expected.get(role, "?").split("|")
            if got not in allowed:
                problems.append(
                    f"{label} {by_role['path']} as {role}: {by_role[role].status}, "
                    f"expected {expected.get(role, '?')}"
                )
    for label in table.keys() - observed.keys():
        problems.append(f"{label}: in audit/access.toml but no longer a route")
    return problems


def write_table(observed, table) -> None:
    """Keep every expectation already in the table; add the observed ones for new routes."""
    lines = [
        "# Who may reach what: route (with the variant of its parameters) -> role -> the",
        "# expected class of the answer to a GET. 2xx served, 3xx redirected (mostly to the",
        "# log-in), 4xx refused or not found; `3xx|4xx` accepts either. Written first from",
        "# the observed behaviour (python -m audit --write-access) and then read against the",
        "# promises in DOMAIN.md and docs/: see docs/security.md.",
        "",
    ]
    for label in sorted(observed):
        by_role = observed[label]
        known = table.get(label, {})
        lines.append(f'["{label}"]')
        for role in ROLES:
            value = known.get(role) or status_class(by_role[role].status)
            lines.append(f'{role} = "{value}"')
        lines.append("")
    TABLE.write_text("\n".join(lines))
