"""Atom feeds of news and of new or updated initiatives."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Initiative, NewsArticle

FEED_LENGTH = 30


class OrganisationFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        self.organisation = request.organisation
        return self.organisation

    def item_updateddate(self, item):
        return item.updated_at

    def item_pubdate(self, item):
        return item.published_at


class NewsFeed(OrganisationFeed):
    title = _("News from KomInn")
    subtitle = _("News about innovation and improvement work in the municipality.")

    def link(self):
        return reverse("portfolio:news")

    def items(self, organisation):
        return NewsArticle.objects.for_organisation(organisation).published()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead


class InitiativeFeed(OrganisationFeed):
    title = _("New and updated initiatives in KomInn")
    subtitle = _("Initiatives in the municipality, newest changes first.")

    def link(self):
        return reverse("portfolio:initiatives")

    def items(self, organisation):
        return (
            Initiative.objects.for_organisation(organisation)
            .published()
            .order_by("-updated_at")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.get_phase_display()}. {item.summary}"
