import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kominn.core import images, media
from kominn.core.models import OrganisationScoped

from . import colours

municipality_number = RegexValidator(
    r"^[0-9]{4}$", _("A municipality number has four digits, e.g. 3203."), code="format"
)
hex_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Write the colour as # followed by six hex digits, e.g. #005B7F.")
)
ORGANISATION_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def validate_organisation_number(value: str) -> None:
    """A Norwegian organisation number: nine digits whose last is the modulus 11 check digit
    of the first eight (as Brønnøysundregistrene gives them)."""
    digits = value.replace(" ", "")
    if not (len(digits) == 9 and digits.isascii() and digits.isdigit()):
        raise ValidationError(
            _("An organisation number has nine digits, e.g. 964 978 840."), code="format"
        )
    remainder = (
        sum(int(d) * w for d, w in zip(digits[:8], ORGANISATION_NUMBER_WEIGHTS, strict=True)) % 11
    )
    check = 0 if remainder == 0 else 11 - remainder
    if check == 10 or check != int(digits[8]):
        raise ValidationError(
            _("This is not a valid organisation number: check the digits."), code="checksum"
        )


# An origin as a Content-Security-Policy source may name it: https, a host name (or IPv4
# address) and an optional port; nothing else, so a line can never widen the policy.
ORIGIN = re.compile(
    r"^(?P<scheme>https?)://(?P<host>[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
    r"(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)(?::(?P<port>[0-9]{1,5}))?/?$"
)
# Plain http only for a test on one's own machine.
LOCAL_HOSTS = {"localhost", "127.0.0.1"}


def parse_origin(line: str) -> str | None:
    """`line` as an origin (https://www.asker.kommune.no, lowercase, no trailing slash), or
    None when it is not one. A host name in Unicode (bø.kommune.no) is written as IDNA."""
    text = line.strip()
    scheme, separator, rest = text.partition("://")
    host, colon, port = rest.rstrip("/").partition(":")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    match = ORIGIN.match(f"{scheme.lower()}{separator}{host.lower()}{colon}{port}")
    if match is None:
        return None
    if match["port"] is not None and not 0 < int(match["port"]) < 65536:
        return None
    if match["scheme"] == "http" and match["host"] not in LOCAL_HOSTS:
        return None
    return match.group(0).rstrip("/")


def validate_embed_origins(value: str) -> None:
    """One origin per line; every line that is not one is named in the error."""
    errors = []
    for number, line in enumerate(value.splitlines(), start=1):
        if not line.strip() or parse_origin(line):
            continue
        if line.strip().lower().startswith("http://"):
            message = _(
                "Line %(number)s (“%(line)s”): http:// is allowed only for localhost and "
                "127.0.0.1. Write https:// in front of the address."
            )
        else:
            message = _(
                "Line %(number)s (“%(line)s”) is not a website's origin. Write https:// and "
                "the host name, with no path after it, e.g. https://www.asker.kommune.no."
            )
        errors.append(
            ValidationError(
                message, code="origin", params={"number": number, "line": line.strip()[:100]}
            )
        )
    if errors:
        raise ValidationError(errors)


def _for_host_sql():
    organisation, host = Organisation._meta, HostName._meta
    column = host.get_field("organisation").column
    return (
        f"SELECT o.* FROM {organisation.db_table} o"  # noqa: S608  # nosec B608 - names from the models
        f" LEFT JOIN {host.db_table} h ON h.{column} = o.{organisation.pk.column} AND h.name = %s"
        " WHERE h.id IS NOT NULL OR o.is_default"
        f" ORDER BY h.id IS NULL, o.{organisation.pk.column} LIMIT 1"
    )


class OrganisationQuerySet(models.QuerySet):
    def for_host(self, host: str):
        """The organisation that serves `host` (port ignored), else the default one."""
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        name = name.lower().rstrip(".")
        # One query, run for every request: the organisation claiming the host wins over
        # the default. Written once in SQL, as building it with the ORM took ten times
        # as long as PostgreSQL takes to answer it (1.5 ms against 0.15 ms).
        found = list(self.model.objects.raw(_for_host_sql(), [name]))
        return found[0] if found else None


class LanguageForm(models.TextChoices):
    """The written form of Norwegian a municipality uses (målform)."""

    BOKMAL = "nb", _("Norwegian bokmål")
    NYNORSK = "nn", _("Norwegian nynorsk")


class Organisation(models.Model):
    """A municipality (or other public body) that runs its own KomInn."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    contact_email = models.EmailField(_("contact e-mail"))
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=11,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("Nine digits, as in the Central Coordinating Register for Legal Entities."),
    )
    municipality_number = models.CharField(
        _("municipality number"),
        max_length=4,
        blank=True,
        validators=[municipality_number],
        help_text=_(
            "Four digits, as Statistics Norway and the Norwegian Mapping Authority give them "
            "(Asker: 3203). The open data catalogue names the municipality it covers by it."
        ),
    )
    contact_address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("Shown on the about page, e.g. Postboks 353, 1372 Asker."),
    )
    theme_colour = models.CharField(
        _("theme colour"),
        max_length=7,
        default="#005B7F",
        validators=[hex_colour, colours.validate_readable_on_white],
        help_text=_(
            "Buttons, links and the line above the header. Must be dark enough for white "
            "text (contrast at least 4.5:1)."
        ),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        blank=True,
        validators=[hex_colour, colours.validate_readable_on_white],
        help_text=_(
            "A second colour, e.g. for tags and charts. Empty: KomInn's own. Must be dark "
            "enough for white text (contrast at least 4.5:1)."
        ),
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
    embed_origins = models.TextField(
        _("websites that may show KomInn's embeds"),
        blank=True,
        validators=[validate_embed_origins],
        help_text=_(
            "One address per line, e.g. https://www.asker.kommune.no: only these websites "
            "may show the latest initiatives and the invitation to share an idea in a frame."
        ),
    )

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
        self.organisation_number = self.organisation_number.replace(" ", "")
        super().save(*args, **kwargs)

    def brand_variables(self) -> list[tuple[str, str]]:
        """The CSS variables that give the pages this organisation's colours: the theme
        colour as Designsystemet's accent colour, the accent colour as its first support
        colour (brand1)."""
        found = []
        if self.theme_colour and colours.HEX.match(self.theme_colour):
            # The built theme's own tokens for the colour it was made with stay as they are.
            if self.theme_colour.lower() != colours.BUILT_ACCENT:
                found = colours.variables("accent", self.theme_colour)
            found.append(("--kominn-brand", self.theme_colour))
        return found + colours.variables("brand1", self.accent_colour)

    def embed_origin_list(self) -> list[str]:
        """The origins allowed to frame the embeds, as the Content-Security-Policy's
        frame-ancestors names them. A line that is not an origin (saved past the
        validation) is left out rather than let into the header."""
        found = (parse_origin(line) for line in self.embed_origins.splitlines())
        return list(dict.fromkeys(origin for origin in found if origin))

    def page_text(self, page: str) -> str:
        """Its own text for `page` (a PageText.Page), or "" for the standard text."""
        found = self.page_texts.filter(page=page).first()
        return found.body if found else ""


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


class PageText(OrganisationScoped):
    """An organisation's own text for one of the standard pages (about, privacy,
    accessibility), in Markdown. Without one, the page shows KomInn's standard text.
    Every saved text is kept as a version, so an earlier one can be restored."""

    class Page(models.TextChoices):
        ABOUT = "about", _("About KomInn")
        PRIVACY = "privacy", _("Privacy statement")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="page_texts",
        verbose_name=_("organisation"),
    )
    page = models.CharField(_("page"), max_length=20, choices=Page.choices)
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Written in Markdown: # for a heading, - for a list, [text](https://…) for a "
            "link. Leave empty to show KomInn's standard text."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("page text")
        verbose_name_plural = _("page texts")
        ordering = ["page"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "page"], name="one_text_per_page")
        ]

    def __str__(self):
        return self.get_page_display()

    @transaction.atomic
    def change(self, body: str, *, user=None) -> bool:
        """Save `body` as the page's text and keep it as a version (with who saved it);
        returns False when it is the text already saved."""
        body = body.replace("\r\n", "\n")
        saved = PageText.objects.filter(pk=self.pk).values_list("body", flat=True).first()
        if saved is not None and body == saved.replace("\r\n", "\n"):
            return False
        self.body = body
        self.full_clean()
        self.save()
        self.versions.create(body=body, saved_by=user if user and user.pk else None)
        return True

    def restore(self, version: "PageTextVersion", *, user=None) -> bool:
        """Make an earlier version the page's text again (kept as a new version)."""
        if version.page_text_id != self.pk:
            raise ValidationError(_("That version belongs to another page."))
        return self.change(version.body, user=user)


class PageTextVersion(models.Model):
    """A text as it was saved for a page, kept so that it can be seen and restored."""

    page_text = models.ForeignKey(
        PageText, on_delete=models.CASCADE, related_name="versions", verbose_name=_("page")
    )
    body = models.TextField(_("text"), blank=True)
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )

    organisation_through = "page_text__organisation"

    class Meta:
        verbose_name = _("earlier version")
        verbose_name_plural = _("earlier versions")
        ordering = ["-saved_at", "-pk"]

    def __str__(self):
        return f"{self.page_text} ({self.saved_at:%Y-%m-%d %H:%M})"
