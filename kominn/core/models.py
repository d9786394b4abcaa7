"""Abstract bases for content, and the audit log.

Every piece of content belongs to one organisation (`OrganisationScoped`); content that
staff write and publish is `Publishable`. The audit log records what staff did, whatever
app they did it in.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import access
from .slugs import unique_slug


class OrganisationQuerySetMixin:
    def for_organisation(self, organisation):
        """Content of one organisation; nothing when there is none (an unknown host)."""
        if not organisation:
            return self.none()
        return self.filter(organisation_id=organisation.pk)


class OrganisationScopedQuerySet(OrganisationQuerySetMixin, models.QuerySet):
    pass


class OrganisationScoped(models.Model):
    """Base for content: every piece of content belongs to one organisation."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, verbose_name=_("organisation")
    )

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class PublishableQuerySet(OrganisationScopedQuerySet):
    def published(self):
        """What visitors may see: published, and not dated in the future."""
        return self.filter(is_published=True, published_at__lte=timezone.now())

    def visible_to(self, user, organisation):
        """The organisation's content that the user may see: drafts too for its staff."""
        queryset = self.for_organisation(organisation)
        return queryset if access.can_view_unpublished(user, organisation) else queryset.published()


class Publishable(OrganisationScoped):
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Drafts are visible to staff only.")
    )
    published_at = models.DateTimeField(_("publish date"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    is_example = models.BooleanField(
        _("example data"),
        default=False,
        help_text=_("Invented content from the demo data, not real work."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        super().save(*args, **kwargs)


class AuditEntry(models.Model):
    """One thing a moderator or other staff member did, for the administrators to read.

    Written through `kominn.core.audit.record`; never changed afterwards.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
        help_text=_("Empty when KomInn did it by itself, such as hiding after many reports."),
    )
    # A short English code, such as "hide" or "block"; see audit.ACTION_LABELS.
    action = models.CharField(_("action"), max_length=40)
    target_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kind of object"),
    )
    target_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    # The object as it read then, so the entry still says something once it is gone.
    target_text = models.CharField(_("object"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        # The log began in the moderation app; its table keeps that name.
        db_table = "moderation_auditentry"
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        who = self.actor or "KomInn"
        return f"{self.created_at:%Y-%m-%d %H:%M} {who}: {self.action} {self.target_text}"


class ScheduledJob(models.Model):
    """The last run of one periodic job (a management command) run by `run_scheduler`.

    The row is how several schedulers agree: each claims a job's slot by moving `last_slot`
    forward in one conditional update, so only one of them runs it.
    """

    name = models.CharField(_("command"), max_length=100, unique=True)
    last_slot = models.DateTimeField(_("last scheduled time run"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    succeeded = models.BooleanField(_("succeeded"), null=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")
        ordering = ["name"]

    def __str__(self):
        return self.name
