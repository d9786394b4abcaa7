from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import reverse

from .models import Goal, Initiative, NewsArticle


class PublishedSitemap(Sitemap):
    """Published content of the request's organisation; each URL in bokmål and English."""

    i18n = True
    alternates = True
    x_default = True
    model = None

    def __init__(self, organisation):
        self.organisation = organisation

    def items(self):
        return self.model.objects.for_organisation(self.organisation).published().order_by("pk")

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

    def __init__(self, organisation):
        self.organisation = organisation

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


def sitemap(request):
    """The sitemap of the organisation that the host names."""
    sections = {name: cls(request.organisation) for name, cls in SITEMAPS.items()}
    return sitemap_view(request, sections)
