"""Hostile input: every form KomInn shows (as the roles that see it) and every query
parameter of its pages, filled by hypothesis with hostile values, must never answer 5xx.

Run by the audit (`make audit`), not by `make test`: at 1 000 cases per form and per page
it takes minutes. AUDIT_FUZZ_EXAMPLES sets the number of cases (1 000 unless set).
The forms are found in the pages' HTML, so a new form is fuzzed without a change here."""

import hashlib
import os
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_challenge, make_idea, make_initiative, make_moderator, make_user

EXAMPLES = int(os.environ.get("AUDIT_FUZZ_EXAMPLES") or 1000)
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# Parameters read from request.GET outside any GET form (paging, htmx fragments, links).
EXTRA_PARAMETERS = ["side", "kommentarer", "next", "utfordring", "error", "title", "description"]
EXTRA_PARAMETERS += ["antall"]  # the number of initiatives in the embed

HOSTILE = [
    "",
    " ",
    "\x00",
    "0",
    "-1",
    "99999999999999999999999",
    "1e308",
    "NaN",
    "../../etc/passwd",
    "' OR 1=1 --",
    '"><script>alert(1)</script>',
    "%00%0d%0a",
    "\u202e\ufeff\u200b",
    "ﬁ²³½",
    "a" * 10_000,
    "javascript:alert(1)",
    "//evil.example/",
    "https://evil.example/",
    "[]",
    "{}",
]

values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=300),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.lists(st.text(max_size=20), max_size=3).map(",".join),
)


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    """The cases are about answers, not password hashing; a cheap hasher keeps 1 000 of
    them per form within minutes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class Forms(HTMLParser):
    """The forms of a page: method, action, and each field's name, kind and options."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "method": (attrs.get("method") or "get").lower(),
                    "action": attrs.get("action") or "",
                    "fields": {},
                }
            )
        if not self.forms or (not attrs.get("name") and tag != "option"):
            return
        fields = self.forms[-1]["fields"]
        if tag == "input":
            kind = attrs.get("type", "text")
            field = fields.setdefault(attrs["name"], {"kind": kind, "options": []})
            if attrs.get("value") is not None:
                field["options"].append(attrs["value"])
        elif tag == "textarea":
            fields.setdefault(attrs["name"], {"kind": "text", "options": []})
        elif tag == "select":
            self.select = fields.setdefault(attrs["name"], {"kind": "select", "options": []})
        elif tag == "option" and self.select is not None and attrs.get("value") is not None:
            self.select["options"].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def page_forms(client, path):
    response = client.get(path)
    assert response.status_code < 500, f"{path} answered {response.status_code}"
    parser = Forms()
    parser.feed(response.content.decode())
    for form in parser.forms:
        form["action"] = urlsplit(form["action"]).path or path
    return parser.forms


def field_value(field):
    if field["kind"] == "file":
        return st.binary(max_size=2000).map(lambda data: SimpleUploadedFile("fil.png", data))
    options = [option for option in field["options"] if option]
    if options:
        return st.one_of(st.sampled_from(options), values)
    return values


def fuzz(client, form, login=None, *, method="post"):
    fields = {
        name: field
        for name, field in form["fields"].items()
        if name != "csrfmiddlewaretoken" and field["kind"] != "submit"
    }
    strategy = st.fixed_dictionaries(
        {}, optional={name: field_value(field) for name, field in fields.items()}
    )
    # Buttons that name an action (e.g. moderation's hide/restore) come from their values.
    buttons = [
        (name, option)
        for name, field in form["fields"].items()
        if field["kind"] == "submit"
        for option in field["options"]
    ]
    answers = []

    logged_in = [False]

    @SETTINGS
    @given(data=strategy, button=st.sampled_from(buttons or [None]))
    def case(data, button):
        from django.core.cache import cache

        cache.clear()  # rate limits would otherwise turn the later cases away early
        # Logged in once, and again only after a case that ended the session (a log-out,
        # a changed password): a log-in per case would cost more than the request.
        if login is not None and not logged_in[0]:
            client.force_login(login)
            logged_in[0] = True
        if button:
            data = {**data, button[0]: button[1]}
        if method == "post":
            response = client.post(form["action"], data)
        else:
            response = client.get(form["action"], data)
        answers.append(response.status_code)
        if response.status_code in {301, 302} and "/konto/logg-inn/" in response["Location"]:
            logged_in[0] = False
        assert response.status_code < 500, f"{form['action']} {data!r}: {response.status_code}"

    case()
    assert len(answers) >= min(EXAMPLES, 1000) or not fields


@pytest.fixture
def world(asker):
    participant = make_user("deltaker@example.no", capacity="citizen")
    author = make_user("forfatter@example.no", capacity="citizen")
    idea = make_idea(asker, author, title="En idé å fylle ut skjema på")
    comment = idea.comments.create(author=author, body="En kommentar.")
    initiative = make_initiative(asker, slug="et-tiltak")
    challenge = make_challenge(asker)
    from conftest import make_editor

    return {
        "organisation": asker,
        "participant": participant,
        "author": author,
        "editor": make_editor(organisation=asker),
        "moderator": make_moderator(organisation=asker),
        "idea": idea,
        "comment": comment,
        "initiative": initiative,
        "challenge": challenge,
    }


PAGES = {
    "anonymous": ["/konto/registrer/", "/konto/logg-inn/", "/konto/glemt-passord/", "/nyhetsbrev/"],
    "participant": [
        "/ideer/ny/", "{idea}", "{initiative}", "{challenge}", "/konto/", "/konto/e-post/",
        "/konto/mine-data/", "/konto/passord/", "/konto/varsler/innstillinger/",
    ],
    "author": ["{idea}", "{idea_edit}"],
    "editor": ["{idea}"],
    "moderator": ["{moderate_idea}", "{moderate_comment}", "{moderate_account}"],
}  # fmt: skip
FUZZED = set()
# Under pytest-xdist (the audit runs these in one worker per core) the workers share
# which forms are done through files in a directory of this run.
CLAIMS = os.environ.get("PYTEST_XDIST_TESTRUNUID")


def first_to_fuzz(key) -> bool:
    """True for the first test, in any worker, to come to this form."""
    if key in FUZZED:
        return False
    FUZZED.add(key)
    if not CLAIMS:
        return True
    directory = Path(tempfile.gettempdir()) / f"kominn-fuzzed-{CLAIMS}"
    directory.mkdir(exist_ok=True)
    name = hashlib.sha256(repr(key).encode()).hexdigest()
    try:
        os.close(os.open(directory / name, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


CASES = [(role, page) for role, pages in PAGES.items() for page in pages]


def resolve(page, world):
    return page.format(
        idea=world["idea"].get_absolute_url(),
        idea_edit=f"/ideer/{world['idea'].pk}/rediger/",
        initiative=world["initiative"].get_absolute_url(),
        challenge=world["challenge"].get_absolute_url(),
        moderate_idea=f"/moderering/ideer/{world['idea'].pk}/",
        moderate_comment=f"/moderering/kommentarer/{world['comment'].pk}/",
        moderate_account=f"/moderering/kontoer/{world['author'].pk}/",
    )


@pytest.mark.parametrize(("role", "page"), CASES)
def test_every_form_refuses_hostile_input_without_a_server_error(client, world, role, page):
    user = world.get(role)
    if user is not None:
        client.force_login(user)
    path = resolve(page, world)
    forms = [form for form in page_forms(client, path) if form["method"] == "post"]
    # The log-out button is on every page for the logged in; it is fuzzed once, elsewhere.
    forms = [form for form in forms if "logg-ut" not in form["action"]]
    assert forms, f"no form on {path}"
    for form in forms:
        key = (form["action"].replace(str(world["idea"].pk), "<pk>"), *sorted(form["fields"]))
        if not first_to_fuzz(key):  # the same form on another page, or for another role
            continue
        print(f"{role} {form['action']}: {', '.join(sorted(form['fields']))}")
        fuzz(client, form, login=user)


LIST_PAGES = ["/tiltak/", "/ideer/", "/sok/", "/mal/", "/nyheter/", "/utfordringer/", "/"]
LIST_PAGES += ["/konto/logg-inn/", "/sok/lignende-ideer/", "{idea}", "/konto/varsler/"]
LIST_PAGES += ["/ideer/oppfolging/", "/moderering/"]
LIST_PAGES += ["/innebygd/siste-tiltak/", "/innebygd/del-en-ide/"]


@pytest.mark.parametrize("page", LIST_PAGES)
def test_every_query_parameter_refuses_hostile_values_without_a_server_error(client, world, page):
    path = resolve(page, world)
    login = {"/konto/varsler/": "participant", "/ideer/oppfolging/": "editor"}.get(path)
    login = world[login] if login else world["moderator"] if "moderering" in path else None
    if login is not None:
        client.force_login(login)
    fields = {name: {"kind": "text", "options": []} for name in EXTRA_PARAMETERS}
    for form in page_forms(client, path):
        if form["method"] == "get" and form["action"] == path:
            fields.update(form["fields"])
    fuzz(client, {"action": path, "fields": fields}, login=login, method="get")


def test_the_log_out_form_refuses_hostile_input_without_a_server_error(client, world):
    client.force_login(world["participant"])
    form = next(form for form in page_forms(client, "/") if "logg-ut" in form["action"])
    fuzz(client, form, login=world["participant"])
