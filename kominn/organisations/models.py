from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from kominn.core import images, media
from kominn.core.models import OrganisationScoped

hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Write the colour as # followed by six hex digits, e.g. #005B7F.")
)


class OrganisationQuerySet(models.QuerySet):
    def for_host(self, host: str):
        """The organisation that serves `host` (port ignored), else the default one."""
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        name = name.lower().rstrip(".")
        # One query: the organisation claiming the host wins over the default.
        claims_host = Exists(HostName.objects.filter(organisation=OuterRef("pk"), name=name))
        return (
            self.annotate(claims_host=claims_host)
            .filter(Q(claims_host=True) | Q(is_default=True))
            .order_by("-claims_host")
            .first()
        )


class LanguageForm(models.TextChoices):
    """The written form of Norwegian a municipality uses (målform)."""

    BOKMAL = "nb", _("Norwegian bokmål")
    NYNORSK = "nn", _("Norwegian nynorsk")


class Organisation(models.Model):
    """A municipality (or other public body) that runs its own KomInn."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    contact_email = models.EmailField(_("contact e-mail"))
    theme_colour = models.CharField(
        _("theme colour"), max_length=7, default="#005B7F", validators=[hex_colour]
    )
    language = models.CharField(
        _("language form"),
        max_length=2,
        choices=LanguageForm.choices,
        default=LanguageForm.BOKMAL,
        help_text=_("The language its pages are shown in unless a visitor chooses another."),
    )
    is_default = models.BooleanField(
        _("default"),
        default=False,
        help_text=_("Serves requests whose host name no organisation claims."),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to=media.RandomName("logos"),
        blank=True,
        validators=[images.validate_upload],
        width_field="logo_width",
        height_field="logo_height",
        help_text=_(
            "Shown in the header next to the KomInn logo, in place of the name. "
            "A PNG with a transparent background, at least 144 pixels high, looks best."
        ),
    )
    logo_width = models.PositiveIntegerField(editable=False, null=True)
    logo_height = models.PositiveIntegerField(editable=False, null=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_organisation"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.logo and not self.logo._committed:
            self.logo = images.process_logo(self.logo)
        super().save(*args, **kwargs)


class HostName(models.Model):
    """A host name (e.g. kominn.asker.kommune.no) that an organisation answers on."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="host_names"
    )
    name = models.CharField(_("host name"), max_length=253, unique=True)

    class Meta:
        verbose_name = _("host name")
        verbose_name_plural = _("host names")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.lower().rstrip(".")
        super().save(*args, **kwargs)


class SharedCategory(models.Model):
    """A category every municipality on the installation shares (e.g. Helse og omsorg),
    set up by the platform administrator. Each municipality maps its own service areas to
    them, so that the sharing bank can be filtered the same way on every site."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("shared category")
        verbose_name_plural = _("shared categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class ServiceArea(OrganisationScoped):
    """A service area (tjenesteområde); may hold units below it."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"))
    description = models.TextField(_("description"), blank=True)
    shared_category = models.ForeignKey(
        SharedCategory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_areas",
        verbose_name=_("shared category"),
        help_text=_(
            "The category shared by every municipality that this area's work belongs to: "
            "how the sharing bank finds it. A unit without one takes its area's."
        ),
    )

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="servicearea_slug_unique_per_org"
            )
        ]

    def __str__(self):
        return self.name


class Theme(OrganisationScoped):
    """A theme (tema) that cuts across service areas, e.g. Miljø og klima."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"))

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="theme_slug_unique_per_org"
            )
        ]

    def __str__(self):
        return self.name
