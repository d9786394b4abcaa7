from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # People type their address in any case; it is one account.
        return self.get(email__iexact=username)


class Capacity(models.TextChoices):
    """The capacity a person takes part in; shown with what they write."""

    CITIZEN = "citizen", _("Citizen")
    EMPLOYEE = "employee", _("Employee")
    VOLUNTEER = "volunteer", _("Volunteer")
    BUSINESS = "business", _("Business")


# Capacities that are written with the name of an organisation or company.
CAPACITIES_WITH_AFFILIATION = {Capacity.VOLUNTEER, Capacity.BUSINESS}


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in to KomInn with an e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=100,
        help_text=_("The name shown with what you write in KomInn."),
    )
    is_staff = models.BooleanField(
        _("staff"), default=False, help_text=_("May log in to the administration.")
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("New accounts are active once the e-mail is confirmed."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    email_verified_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    capacity = models.CharField(
        _("taking part as"),
        max_length=20,
        choices=Capacity.choices,
        default=Capacity.CITIZEN,
        blank=True,
    )
    affiliation = models.CharField(
        _("organisation or company"),
        max_length=200,
        blank=True,
        help_text=_("For volunteers and businesses: the name of the organisation or company."),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("works for"),
        help_text=_("Staff edit the content of this organisation only."),
    )
    # The language KomInn writes to the person in (mail); follows the language they
    # last logged in or registered in, and can be chosen in the profile.
    language = models.CharField(
        _("language for e-mail"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    # Set by a moderator. A blocked account cannot log in and its content is hidden;
    # unlike is_active, nothing the person does (such as confirming mail) lifts it.
    blocked_at = models.DateTimeField(_("blocked"), null=True, blank=True)
    blocked_reason = models.CharField(_("why it was blocked"), max_length=500, blank=True)
    service_areas = models.ManyToManyField(
        "organisations.ServiceArea",
        blank=True,
        related_name="editors",
        verbose_name=_("limited to service areas"),
        help_text=_(
            "An editor limited to service areas edits only initiatives in those areas. "
            "Empty: no limit."
        ),
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.display_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email)

    def confirm_email(self):
        """Activate the account: the person has shown they read mail at this address."""
        self.is_active = True
        self.email_verified_at = timezone.now()
        self.save(update_fields=["is_active", "email_verified_at"])

    def block(self, reason):
        """Refuse the person's log-in, telling them the reason, and hide what they wrote."""
        self.blocked_at = timezone.now()
        self.blocked_reason = reason
        self.save(update_fields=["blocked_at", "blocked_reason"])

    def unblock(self):
        self.blocked_at = None
        self.blocked_reason = ""
        self.save(update_fields=["blocked_at", "blocked_reason"])

    @property
    def capacity_label(self):
        """E.g. "Frivillig, Asker Røde Kors", as shown with what the person writes."""
        label = self.get_capacity_display()
        if self.capacity in CAPACITIES_WITH_AFFILIATION and self.affiliation:
            return f"{label}, {self.affiliation}"
        return label

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name


class ExternalIdentity(models.Model):
    """A log-in at an OpenID Connect provider (ID-porten, Entra ID) tied to an account.

    Only the provider's subject identifier is kept; never a national identity number.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_identities")
    provider = models.CharField(_("provider"), max_length=40)
    subject = models.CharField(_("identifier at the provider"), max_length=255)
    created_at = models.DateTimeField(_("linked"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("external log-in")
        verbose_name_plural = _("external log-ins")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="external_identity_unique")
        ]

    def __str__(self):
        return f"{self.provider}: {self.user}"
