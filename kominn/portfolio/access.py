"""Loading the portfolio's objects for a request: of the request's organisation, and
drafts only for its staff; else 404. Every view loads initiatives, goals and news here."""

from kominn.core.access import get_for_request

from . import rules
from .models import Goal, Initiative, NewsArticle


def initiative(request, slug, *, queryset=None):
    queryset = Initiative.objects.all() if queryset is None else queryset
    return get_for_request(queryset, request, check=rules.can_view, slug=slug)


def goal(request, slug, *, queryset=None):
    queryset = Goal.objects.all() if queryset is None else queryset
    return get_for_request(queryset, request, check=rules.can_view, slug=slug)


def news_article(request, slug, *, queryset=None):
    queryset = NewsArticle.objects.all() if queryset is None else queryset
    return get_for_request(queryset, request, check=rules.can_view, slug=slug)
