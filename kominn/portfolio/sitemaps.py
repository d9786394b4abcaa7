from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Goal, Initiative, NewsArticle


class PublishedSitemap(Sitemap):
    """Published content of every organisation; each URL in bokmål with its English twin."""

    i18n = True
    alternates = True
    x_default = True
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class InitiativeSitemap(PublishedSitemap):
    model = Initiative


class GoalSitemap(PublishedSitemap):
    model = Goal


class NewsSitemap(PublishedSitemap):
    model = NewsArticle


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return [
            "pages:home", "pages:about", "pages:privacy", "pages:accessibility",
            "portfolio:initiatives", "portfolio:goals", "portfolio:news",
        ]  # fmt: skip

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "initiatives": InitiativeSitemap,
    "goals": GoalSitemap,
    "news": NewsSitemap,
}
