"""No personal data leaves through open data: every API endpoint (found from the OpenAPI
document, every page of every list followed), every download and the catalogue in both
formats are read over the demo data, and none may carry an e-mail address, the name of a
person who did not consent to be credited, or a field of the user model (by its name: the
free texts staff write may well mention a club a person also belongs to).

The one person whose name may appear is the author of an idea that credits them, and the
test checks that the name does appear there, so the walk is known to reach the ideas."""

import csv
import io
import json
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from kominn.accounts.models import User
from kominn.participation.models import Idea
from tests.demo_snapshot import load_demo

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Fields of the user model, and ways to point at an account, that no open data may name.
# (The display name is the one field allowed, and only where its owner consented.)
USER_FIELDS = {
    "email", "affiliation", "password", "last_login", "date_joined", "is_staff",
    "is_superuser", "is_active", "blocked_at", "blocked_reason", "email_verified_at",
    "user", "user_id", "author_id", "account", "username",
}  # fmt: skip
# Each list is walked to its end; a walk longer than this means paging never ends.
MAX_PAGES = 200


def keys_of(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from keys_of(value)
    elif isinstance(data, list):
        for value in data:
            yield from keys_of(value)


def text_of(response) -> str:
    """The body as text a person would read: JSON decoded (so escapes hide nothing)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8-sig")
    if "json" in response["Content-Type"]:
        return json.dumps(json.loads(text), ensure_ascii=False)
    return text


def walk_api(client, found):
    schema = client.get("/api/v1/openapi.json").json()
    slugs = {}
    paths = sorted(schema["paths"])
    # Lists first: their items give the slugs that the detail paths need.
    for path in [p for p in paths if "{" not in p] + [p for p in paths if "{" in p]:
        if "get" not in schema["paths"][path]:
            continue
        if "{" in path:
            collection = path.split("/{")[0]
            for slug in slugs.get(collection, []):
                url = re.sub(r"\{[^}]+\}", slug, path)
                response = client.get(url)
                assert response.status_code == 200, url
                found[url] = text_of(response)
            continue
        url, pages = path, 0
        while url:
            response = client.get(url)
            assert response.status_code == 200, url
            found[url] = text_of(response)
            data = response.json()
            items = data.get("items") if isinstance(data, dict) else None
            if items is None:
                break
            slugs.setdefault(path, []).extend(
                item["slug"] for item in items if isinstance(item, dict) and "slug" in item
            )
            url = data.get("next")
            pages += 1
            assert pages < MAX_PAGES, f"{path} pages without end"


def download_paths():
    """Every address under /data/, from the URL configuration itself."""
    paths = []

    def visit(patterns, prefix):
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                visit(pattern.url_patterns, prefix + route)
            elif isinstance(pattern, URLPattern) and (prefix + route).startswith("data/"):
                paths.append("/" + prefix + route)

    visit(get_resolver().url_patterns, "")
    return paths


def test_no_personal_data_in_the_api_downloads_or_catalogue(client):
    load_demo()
    credited = (
        Idea.objects.published()
        .filter(author__isnull=False)
        .order_by("pk")
        .select_related("author")
    ).first()
    credited.credit_author = True
    credited.save(update_fields=["credit_author"])
    Idea.objects.exclude(pk=credited.pk).update(credit_author=False)

    found = {}
    walk_api(client, found)
    downloads = download_paths()
    assert len(downloads) >= 8, downloads  # four data sets, each as CSV and JSON
    for path in downloads:
        response = client.get(path)
        assert response.status_code == 200, path
        found[path] = text_of(response)
        if path.endswith(".csv"):
            assert next(csv.reader(io.StringIO(found[path]))), path
    for accept in ("text/turtle", "application/ld+json"):
        response = client.get("/api/v1/dcat", headers={"accept": accept})
        assert response.status_code == 200
        found[f"/api/v1/dcat ({accept})"] = text_of(response)

    assert credited.author.display_name in found["/api/v1/ideas"] or any(
        credited.author.display_name in text for url, text in found.items() if "ideas" in url
    ), "the consenting author's name should be shown"

    people = list(User.objects.exclude(pk=credited.author_id))
    assert len(people) > 10
    for url, text in found.items():
        assert not EMAIL.search(text), f"an e-mail address in {url}: {EMAIL.search(text)[0]}"
        for person in people:
            assert person.display_name not in text, f"the name of {person.pk} in {url}"
        if url.endswith(".csv"):
            named = set(next(csv.reader(io.StringIO(text))))
        elif "turtle" in url:
            named = set()  # the catalogue describes the data sets, it holds no records
        else:
            named = set(keys_of(json.loads(text)))
        assert not named & USER_FIELDS, f"{url} names {named & USER_FIELDS}"
