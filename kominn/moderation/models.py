"""Reports of content, and the audit log of what moderators and other staff did."""

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


class ReportQuerySet(OrganisationScopedQuerySet):
    def open(self):
        """Reports no moderator has decided on yet."""
        return self.filter(resolved_at__isnull=True)

    def about(self, item):
        """Reports of one idea or comment."""
        return self.filter(**{item_field(item): item})

    def grouped_by_item(self):
        """One row per reported item, the longest waiting first: its idea_id or
        comment_id, how many different people reported it, and when it was first reported."""
        return (
            self.values("idea_id", "comment_id")
            .annotate(reporters=Count("reporter", distinct=True), first_reported=Min("created_at"))
            .order_by("first_reported", "idea_id", "comment_id")
        )


def item_field(item) -> str:
    """The report's field that points to `item`: "idea" or "comment"."""
    name = item._meta.model_name
    if name not in {"idea", "comment"}:
        raise TypeError(f"Only ideas and comments can be reported, not {name}")
    return name


class Report(OrganisationScoped):
    """A participant's report that an idea or a comment breaks the rules."""

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
                condition=Q(idea__isnull=False, comment__isnull=True)
                | Q(idea__isnull=True, comment__isnull=False),
                name="report_on_exactly_one_thing",
            ),
            # Reporting again while the first report waits changes nothing.
            models.UniqueConstraint(
                fields=["reporter", "idea"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_report_per_idea_and_person",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_report_per_comment_and_person",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "resolved_at", "created_at"])]

    def __str__(self):
        return f"{self.reporter} → {self.item}"

    @property
    def item(self):
        return self.idea if self.idea_id else self.comment

    def clean(self):
        if self.reason == ReportReason.OTHER and not self.details.strip():
            raise ValidationError({"details": _("Tell us what is wrong.")})


# Stored as the English text and translated where it is shown, so each reader gets it in
# their own language.
AUTO_HIDDEN_REASON = gettext_noop(
    "Hidden automatically after several reports, until a moderator has looked at it."
)


def is_hidden(item) -> bool:
    """Whether an idea or comment is hidden: by a moderator, after many reports, or
    because its author's account is blocked."""
    return item.hidden_at is not None or (
        item.author_id is not None and item.author.blocked_at is not None
    )


def is_auto_hidden(item) -> bool:
    return item.hidden_at is not None and item.hidden_reason == AUTO_HIDDEN_REASON


def hidden_notice(item) -> str:
    """What is shown in place of hidden content, e.g. "Skjult av moderator: Reklame"."""
    if item.hidden_at is None:
        return gettext("Hidden by a moderator: the author's account is blocked.")
    if is_auto_hidden(item):
        return gettext(AUTO_HIDDEN_REASON)
    return gettext("Hidden by a moderator: %(reason)s") % {"reason": item.hidden_reason}
