from collections.abc import Sequence
from functools import cached_property

from django.contrib.sitemaps import Sitemap, views
from django.db.models import Max
from django.http import Http404
from django.urls import reverse

from .models import Goal, Initiative, NewsArticle


class InLanguages(Sequence):
    """A queryset's rows as the (row, language) pairs an i18n sitemap pages through, in
    Django's order (each row in every language), without reading every row: the length is
    a COUNT, and a slice (a sitemap page) reads only the rows it holds."""

    def __init__(self, queryset, languages):
        self.queryset = queryset
        self.languages = list(languages)

    @cached_property
    def _length(self) -> int:
        return self.queryset.count() * len(self.languages)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            row, language = divmod(index if index >= 0 else index + len(self), len(self.languages))
            return self.queryset[row], self.languages[language]
        start, stop, step = index.indices(len(self))
        size = len(self.languages)
        first, last = start // size, -(-stop // size)
        pairs = [
            (row, language) for row in self.queryset[first:last] for language in self.languages
        ]
        return pairs[start - first * size : stop - first * size : step]


class PublishedSitemap(Sitemap):
    """Published content of the request's organisation; each URL in bokmål, nynorsk and English."""

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

    def _items(self):
        # Django's lists every row in every language to page through them; this reads a
        # page's rows only (the index needs no row at all).
        return InLanguages(self.items(), self._languages())

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
