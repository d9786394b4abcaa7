from django.contrib.sitemaps import Sitemap, views
from django.db.models import Max
from django.http import Http404
from django.urls import reverse

from .models import Goal, Initiative, NewsArticle


class PublishedSitemap(Sitemap):
    """Published content of the request's organisation; each URL in bokmål and English."""

    # Each address with its languages, in files of a bounded size: a large municipality's
    # thousands of initiatives come in several, which the index at /sitemap.xml lists.
    limit = 1000
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

    def get_latest_lastmod(self):
        # For the index: one aggregate, where Django's default would read every item.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


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


def _sections(request):
    return {name: cls(request.organisation) for name, cls in SITEMAPS.items()}


def sitemap_index(request):
    """The index of the sitemap of the organisation that the host names."""
    return views.index(request, _sections(request), sitemap_url_name="sitemap-section")


def sitemap(request, section):
    """One section of the sitemap, a page (`?p=`) at a time."""
    if section not in SITEMAPS:
        raise Http404
    return views.sitemap(request, _sections(request), section=section)
