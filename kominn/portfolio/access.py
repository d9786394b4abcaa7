"""Loading the portfolio's objects for a request: of the request's organisation, and
drafts only for its staff; else 404. Every view loads initiatives, goals and news here."""

from kominn.core.access import loader

from . import rules
from .models import Goal, Initiative, NewsArticle

initiative = loader(Initiative, "slug", check=rules.can_view)
goal = loader(Goal, "slug", check=rules.can_view)
news_article = loader(NewsArticle, "slug", check=rules.can_view)
