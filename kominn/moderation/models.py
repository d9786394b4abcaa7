"""Reports of content, and the audit log of what moderators and other staff did."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from kominn.core.models import OrganisationScoped, OrganisationScopedQuerySet

DETAILS_MAX = 1000
REASON_MAX = 500


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    OFFENSIVE = "offensive", _("Offensive, harassment or hate")
    PERSONAL = "personal", _("Personal information about someone")
    OTHER = "other", _("Something else")


class Resolution(models.TextChoices):
    DISMISSED = "dismissed", _("Dismissed: nothing wrong")
    HIDDEN = "hidden", _("The content was hidden")
    RESTORED = "restored", _("The content was restored")
    BLOCKED = "blocked", _("The author's account was blocked")


@dataclass(frozen=True)
class Reportable:
    """How moderation reaches one kind of content: the item's field for who wrote it, the
    lookup from the item to its organisation, and what counts as written (not a draft)."""

    author: str
    organisation: str
    written: dict = field(default_factory=dict)


# What can be reported, by model name; each is a nullable foreign key of the same name on
# Report. To make more content reportable (team updates, workshop cards): give Report its
# foreign key, add its line here and its line to views.PAGES (its addresses, loaders and
# titles; the routes follow), run makemigrations (the constraints below follow too), and
# show it in moderation/_content.html. The model needs hidden_at, hidden_reason and
# hide()/restore() (participation's Hideable), and its pages a report link through the
# moderation_flags template tag.
REPORTABLE = {
    "idea": Reportable("author", "organisation", {"submitted_at__isnull": False}),
    "comment": Reportable("author", "idea__organisation"),
    "need": Reportable("created_by", "organisation"),
    "answer": Reportable("user", "need__organisation"),
    "teamupdate": Reportable("author", "initiative__organisation"),
    "card": Reportable("author", "workshop__organisation"),
}
REPORTABLE_FIELDS = list(REPORTABLE)


def kind_of(item) -> str:
    """The report's field that points to `item`: "idea", "comment", "need", "answer",
    "teamupdate" or "card"."""
    name = item._meta.model_name
    if name not in REPORTABLE:
        raise TypeError(f"Only {', '.join(REPORTABLE)} can be reported, not {name}")
    return name


def _follow(item, lookup):
    for part in lookup.split("__"):
        item = getattr(item, part)
    return item


def organisation_of(item):
    """The organisation the item belongs to."""
    return _follow(item, REPORTABLE[kind_of(item)].organisation)


def organisation_id_of(item) -> int:
    *path, last = REPORTABLE[kind_of(item)].organisation.split("__")
    return getattr(_follow(item, "__".join(path)) if path else item, f"{last}_id")


def author_of(item):
    """Who wrote the item (None when the account is deleted)."""
    spec = REPORTABLE[kind_of(item)]
    if getattr(item, f"{spec.author}_id") is None:
        return None
    return getattr(item, spec.author)


def author_id_of(item):
    return getattr(item, f"{REPORTABLE[kind_of(item)].author}_id")


def _exactly_one(fields):
    """One of `fields` set, the others empty."""
    return reduce(
        or_, (Q(**{f"{name}__isnull": name != chosen for name in fields}) for chosen in fields)
    )


class ReportQuerySet(OrganisationScopedQuerySet):
    def open(self):
        """Reports no moderator has decided on yet."""
        return self.filter(resolved_at__isnull=True)

    def about(self, item):
        """Reports of one item."""
        return self.filter(**{kind_of(item): item})

    def grouped_by_item(self):
        """One row per reported item, the longest waiting first: its idea_id, comment_id,
        need_id, answer_id, teamupdate_id or card_id (one of them set), how many different
        people reported it, and when it was first reported."""
        ids = [f"{name}_id" for name in REPORTABLE_FIELDS]
        return (
            self.values(*ids)
            .annotate(reporters=Count("reporter", distinct=True), first_reported=Min("created_at"))
            .order_by("first_reported", *ids)
        )


class Report(OrganisationScoped):
    """A participant's report that an idea, a comment, a need, an answer to a need, a team
    update or a workshop card breaks the rules."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("reported by"),
    )
    idea = models.ForeignKey(
        "participation.Idea",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("idea"),
    )
    comment = models.ForeignKey(
        "participation.Comment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("comment"),
    )
    need = models.ForeignKey(
        "collaboration.Need",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("need"),
    )
    answer = models.ForeignKey(
        "collaboration.Answer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("answer to a need"),
    )
    teamupdate = models.ForeignKey(
        "collaboration.TeamUpdate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("team update"),
    )
    card = models.ForeignKey(
        "events.Card",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("card"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("more about it"), max_length=DETAILS_MAX, blank=True)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved_at = models.DateTimeField(_("decided"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    resolution = models.CharField(
        _("decision"), max_length=20, choices=Resolution.choices, blank=True
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        permissions = [("moderate", "Can handle reports, hide content and block accounts")]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one(REPORTABLE_FIELDS), name="report_on_exactly_one_thing"
            ),
            # Reporting again while the first report waits changes nothing.
            *(
                models.UniqueConstraint(
                    fields=["reporter", name],
                    condition=Q(resolved_at__isnull=True),
                    name=f"one_open_report_per_{name}_and_person",
                )
                for name in REPORTABLE_FIELDS
            ),
        ]
        indexes = [models.Index(fields=["organisation", "resolved_at", "created_at"])]

    def __str__(self):
        return f"{self.reporter} → {self.item}"

    @property
    def kind(self):
        return next(name for name in REPORTABLE_FIELDS if getattr(self, f"{name}_id"))

    @property
    def item(self):
        return getattr(self, self.kind)

    def clean(self):
        if self.reason == ReportReason.OTHER and not self.details.strip():
            raise ValidationError({"details": _("Tell us what is wrong.")})


# Stored as the English text and translated where it is shown, so each reader gets it in
# their own language.
AUTO_HIDDEN_REASON = gettext_noop(
    "Hidden automatically after several reports, until a moderator has looked at it."
)


def is_hidden(item) -> bool:
    """Whether an item is hidden: by a moderator, after many reports, or because its
    author's account is blocked."""
    if item.hidden_at is not None:
        return True
    author = author_of(item)
    return author is not None and author.blocked_at is not None


def is_auto_hidden(item) -> bool:
    return item.hidden_at is not None and item.hidden_reason == AUTO_HIDDEN_REASON


def hidden_notice(item) -> str:
    """What is shown in place of hidden content, e.g. "Skjult av moderator: Reklame"."""
    if item.hidden_at is None:
        return gettext("Hidden by a moderator: the author's account is blocked.")
    if is_auto_hidden(item):
        return gettext(AUTO_HIDDEN_REASON)
    return gettext("Hidden by a moderator: %(reason)s") % {"reason": item.hidden_reason}
