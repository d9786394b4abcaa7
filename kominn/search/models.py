"""The search index: one row per thing that can be found, read by both engines.

The rows are derived data: `manage.py rebuild_search_index` recreates them from the
content, and kominn/search/receivers.py keeps them in step with every change.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kominn.core.slugs import norwegian_slugify


class Kind(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative")
    IDEA = "idea", _("Idea")
    CHALLENGE = "challenge", _("Challenge")
    NEWS = "news", _("News")
    GOAL = "goal", _("Goal")
    LESSON = "lesson", _("Lesson learned")


class Document(models.Model):
    """Something a search can find: its text, its facets and whether visitors may see it.

    On SQLite the FTS5 tables `search_fts` (`scope`, `stemmed_title`, `stemmed_body`) and
    `search_related` (`scope`, `related`) index them; on PostgreSQL the generated columns
    `search_vector` (to_tsvector('norwegian', …) of the text) and `related_vector`
    (to_tsvector('simple', related)) do, with GIN indexes. They are made by migrations
    0002 and 0003 and are not model fields.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    # For a lesson: the initiative it belongs to.
    parent_id = models.PositiveBigIntegerField(null=True, blank=True)
    # What the address is made from: a slug (for a lesson, its initiative's slug).
    slug = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    stemmed_title = models.TextField(blank=True)
    stemmed_body = models.TextField(blank=True)
    phase = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=20, blank=True)
    # Facet values as space-separated ids with a space at each end (" 3 12 "); a unit's
    # service area is included, so choosing an area finds the work of its units.
    areas = models.CharField(max_length=200, blank=True)
    themes = models.CharField(max_length=200, blank=True)
    # Visitors see a document when it is public and its publish date has come.
    is_public = models.BooleanField(default=False)
    # True for a public initiative in the sharing bank (shared by its organisation) and
    # its lessons: what the bank's search and "Hvem har gjort dette før?" find across
    # organisations. Null (as False) for documents indexed before it was added.
    shared = models.BooleanField(null=True, editable=False)
    published_at = models.DateTimeField()
    # For a public document, its organisation and kind, and its facet values, as words
    # ("p3 p3idea area12 statusreceived"; "bank bankinitiative" when in the sharing
    # bank): SQLite's full-text index narrows by them
    # before it ranks, rather than ranking every organisation's matches (documents.scope).
    scope = models.TextField(blank=True)
    # For initiatives and ideas: what relates them to others (keys.py), each key as often
    # as it counts.
    related = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_object")
        ]
        indexes = [models.Index(fields=["organisation", "kind"])]

    def __str__(self):
        return f"{self.kind}: {self.title}"

    def get_absolute_url(self):
        return address(self.kind, self.object_id, self.slug, self.title)


class Word(models.Model):
    """A word that occurs in public documents, with its stem and how many documents hold it:
    what near misses are corrected to and compounds are found through."""

    word = models.CharField(max_length=60, unique=True)
    stem = models.CharField(max_length=60, db_index=True)
    # The stem backwards, so that compounds ending in a word ("solcellepanel" for "panel")
    # are a range of an index.
    reversed_stem = models.CharField(max_length=60, db_index=True)
    document_count = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.word


class Key(models.Model):
    """A key that relates initiatives and ideas (keys.py) and how many public ones have
    it: rare keys say more. Exact after a rebuild and kept so by every change."""

    key = models.CharField(max_length=60, unique=True)
    document_count = models.IntegerField(default=0)

    def __str__(self):
        return self.key


def address(kind, object_id, slug, title) -> str:
    """Where a document's object is shown, in the current language."""
    if kind == Kind.INITIATIVE:
        return reverse("portfolio:initiative", args=[slug])
    if kind == Kind.LESSON:
        return reverse("portfolio:initiative", args=[slug]) + f"#lesson-{object_id}"
    if kind == Kind.GOAL:
        return reverse("portfolio:goal", args=[slug])
    if kind == Kind.NEWS:
        return reverse("portfolio:news_article", args=[slug])
    if kind == Kind.CHALLENGE:
        return reverse("participation:challenge", args=[slug])
    title_slug = norwegian_slugify(title)[:60]
    return reverse(
        "participation:idea", args=[object_id, title_slug] if title_slug else [object_id]
    )
