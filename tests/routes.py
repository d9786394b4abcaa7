"""Every page KomInn serves, for the tests that must visit them all."""

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

# Routes that are not pages for visitors: feeds, files, and actions that take a POST.
NOT_PAGES = {"health", "sitemap", "initiative_feed", "news_feed", "logout", "delete", "export"}
NOT_PAGES |= {"notifications_read"}
NOT_PAGES |= {"similar"}  # a fragment that the idea form fetches with htmx
# The end of a log-in through ID-porten or Entra ID: only reached from the provider.
NOT_PAGES |= {"external_complete"}
# Pages for logged-in people only.
PRIVATE_PAGES = {
    "profile", "change_email", "my_data", "password_change", "password_change_done", "idea_new",
}  # fmt: skip
PRIVATE_PAGES |= {"notifications", "notification_settings"}
# Pages for staff only, named with their namespace; visited logged in as a superuser.
STAFF_PAGES = {"moderation:queue", "moderation:hidden", "participation:follow_up"}


def page_paths(*, private=False, staff=False) -> list[str]:
    """Paths of every parameterless page outside the admin, in bokmål; /en/ adds English.

    Public pages, or with `private` the pages for logged-in people, or with `staff` the
    pages for staff."""
    paths = []

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route.startswith("admin/"):
                    continue
                walk(
                    pattern.url_patterns,
                    prefix + route.removeprefix("^"),
                    pattern.namespace or namespace,
                )
            elif isinstance(pattern, URLPattern):
                if pattern.name in NOT_PAGES or "<" in route:
                    continue
                if (f"{namespace}:{pattern.name}" in STAFF_PAGES) != staff:
                    continue
                if not staff and (pattern.name in PRIVATE_PAGES) != private:
                    continue
                paths.append("/" + prefix + route)

    # i18n_patterns' prefix is empty for bokmål, the default language.
    with translation.override("nb"):
        walk(get_resolver().url_patterns)
    return sorted(set(paths))


def all_page_paths(*, private=False, staff=False) -> list[str]:
    bokmal = page_paths(private=private, staff=staff)
    return bokmal + ["/en" + path for path in bokmal]


def demo_content_paths(*, sample=False) -> list[str]:
    """Pages of the demo content (load it first): every initiative, goal and news
    article, or with `sample` a few that together use every part of the templates."""
    from kominn.participation.models import Challenge, Idea
    from kominn.portfolio.models import Goal, Initiative, NewsArticle

    initiatives = Initiative.objects.published().order_by("title")
    goals = Goal.objects.published().order_by("title")
    news = NewsArticle.objects.published().order_by("title")
    challenges = Challenge.objects.published().order_by("title")
    ideas = Idea.objects.published().order_by("title")
    if sample:
        initiatives = [
            *initiatives.filter(awards__isnull=False)[:1],  # Yggeset: award, benefits
            *initiatives.filter(relations_from__target__isnull=True)[:1],  # external relation
            *initiatives.filter(phase="stopped")[:1],
            *initiatives.filter(phase="completed")[:1],
        ]
        goals = [*goals.filter(parent=None)[:1], *goals.filter(parent__isnull=False)[:1]]
        news = news[:1]
        ideas = [
            *ideas.filter(comments__parent__isnull=False)[:1],  # comments with replies
            *ideas.filter(comments__deleted_at__isnull=False)[:1],
        ]
    paths = [item.get_absolute_url() for item in [*initiatives, *goals, *news, *challenges, *ideas]]
    paths += [
        "/tiltak/?approach=adopted&area=samfunnsutvikling&sort=name",
        "/tiltak/?side=2",
        "/ideer/?sort=supported&capacity=volunteer",
        "/ideer/?side=2",
        "/sok/?q=skoler",
        "/sok/?q=skoler&type=initiative&side=1",
        "/sok/?q=barnehgae",
        "/sok/?q=kvantedatamaskin",
    ]
    paths += newsletter_link_paths()
    return paths


def newsletter_link_paths() -> list[str]:
    """The pages behind the links in newsletter mail (confirm, unsubscribe), for an address
    signed up to the default organisation's newsletter (created when missing)."""
    from django.urls import reverse

    from kominn.newsletter import tokens
    from kominn.newsletter.models import Subscription
    from kominn.organisations.models import Organisation

    organisation = Organisation.objects.get(is_default=True)
    subscription, _created = Subscription.objects.get_or_create(
        organisation=organisation,
        email="nyhetsbrev@example.no",
        defaults={"consent_text": "Ja, send meg nyhetsbrevet.", "consent_version": "test"},
    )
    with translation.override("nb"):
        return [
            reverse("newsletter:confirm", args=[tokens.make_confirm_token(subscription)]),
            reverse("newsletter:unsubscribe", args=[tokens.make_unsubscribe_token(subscription)]),
        ]
