"""The XSS corpus: hostile markup written into every text field of the content people and
staff write, then read back in a real browser (Chromium through Playwright) as several
roles. Held when no dialog opened, no payload's markup reached the DOM (elements marked
data-xss, javascript: links) and the CSP had nothing of ours to refuse."""

import os
import shutil

from django.contrib import admin
from django.db import models

from .runner import Result, Skip

CORPUS = [
    '"><img src=x data-xss onerror=alert(1)>',
    "<script data-xss>alert(2)</script>",
    "<svg data-xss onload=alert(3)>",
    "[lenke](javascript:alert(4))",
    '<a data-xss href="javascript:alert(5)">x</a>',
    "'-alert(6)-'",
    '</textarea><iframe data-xss srcdoc="<script>alert(7)</script>">',
    '<details data-xss open ontoggle="alert(8)">',
]
PAYLOAD = " ".join(CORPUS)
SKIPPED_FIELDS = {"slug", "email", "password", "url", "target_url", "message", "kind"}


def chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        raise Skip("Chromium is not installed (set CHROMIUM_PATH)")
    return path


def fill(instance) -> list[str]:
    """Write the corpus into every free text field of `instance`; the fields' names."""
    filled = []
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if field.choices or field.name in SKIPPED_FIELDS or not field.editable:
            continue
        if isinstance(field, models.EmailField | models.URLField | models.SlugField):
            continue
        value = PAYLOAD if not field.max_length else PAYLOAD[: field.max_length]
        setattr(instance, field.name, value)
        filled.append(f"{instance._meta.model_name}.{field.name}")
    instance.save()
    return filled


def figure(world, port, var_dir) -> Result:
    path = chromium()
    from django.contrib.contenttypes.models import ContentType
    from playwright.sync_api import sync_playwright

    objects = world.objects
    fields = []
    targets = {
        "idea": objects["own idea"],
        "comment": objects["comment"],
        "initiative": objects["initiative"],
        "goal": objects["goal"],
        "news": objects["news"],
        "challenge": objects["challenge"],
        "author": world.users["author"],
    }
    for instance in targets.values():
        fields += fill(instance)
    idea = objects["own idea"]
    public = [
        idea.get_absolute_url(),
        objects["idea"].get_absolute_url(),  # the comment
        objects["initiative"].get_absolute_url(),
        objects["goal"].get_absolute_url(),
        objects["news"].get_absolute_url(),
        objects["challenge"].get_absolute_url(),
        "/", "/ideer/", "/tiltak/", "/mal/", "/nyheter/", "/utfordringer/",
        "/sok/?q=alert", "/sok/?q=lenke",
    ]  # fmt: skip

    def admin_page(instance):
        kind = ContentType.objects.get_for_model(instance)
        return f"/admin/{kind.app_label}/{kind.model}/{instance.pk}/change/"

    pages = {
        "anonymous": public,
        "author": [*public, f"/ideer/{idea.pk}/rediger/", "/konto/"],
        "moderator": [
            f"/moderering/ideer/{idea.pk}/",
            f"/moderering/kommentarer/{objects['comment'].pk}/",
        ],
        "administrator": [
            *(
                admin_page(instance)
                for instance in targets.values()
                if admin.site.is_registered(type(instance))
            ),
            "/admin/participation/idea/", "/admin/participation/idea/?q=alert",
        ],
    }  # fmt: skip
    problems = []
    visited = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            headless=True,
        )
        try:
            for role, paths in pages.items():
                context = browser.new_context(
                    base_url=f"http://127.0.0.1:{port}",
                    extra_http_headers={"X-Forwarded-Proto": "https"},
                )
                cookie = world.cookies[role].get("sessionid")
                if cookie:
                    context.add_cookies(
                        [{"name": "sessionid", "value": cookie, "url": f"http://127.0.0.1:{port}"}]
                    )
                page = context.new_page()
                events = []
                page.on(
                    "dialog",
                    lambda dialog, events=events: (events.append("dialog"), dialog.dismiss()),
                )
                page.on(
                    "console",
                    lambda message, events=events: (
                        events.append(message.text)
                        if "Content Security Policy" in message.text
                        else None
                    ),
                )
                for target in paths:
                    events.clear()
                    response = page.goto(target, wait_until="load")
                    page.wait_for_timeout(100)
                    visited += 1
                    where = f"{target} as {role}"
                    if response is None or response.status >= 400:
                        problems.append(f"{where}: {response.status if response else 'no answer'}")
                    injected = page.locator("[data-xss]").count()
                    scripted = page.locator("a[href^='javascript:' i]").count()
                    if injected or scripted:
                        problems.append(f"{where}: {injected + scripted} injected elements")
                    for event in events:
                        problems.append(f"{where}: {event[:160]}")
                context.close()
        finally:
            browser.close()
    return Result(
        "xss corpus",
        f"{len(CORPUS)} payloads in {len(fields)} text fields ({', '.join(fields)}); "
        f"{visited} pages read back in Chromium as anonymous, author, moderator, administrator",
        f"{len(problems)} problems (dialogs, injected elements, CSP refusals)",
        not problems,
        problems,
    )
