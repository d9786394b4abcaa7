from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from kominn.accounts import services
from kominn.organisations.models import LanguageForm


class Command(BaseCommand):
    help = (
        "Set up a municipality: its name, the host names it answers on, its language form "
        "and its first administrator, who may then manage its staff, texts and colours. "
        "Prints a link for the administrator to set a password. Running it again with the "
        "same input changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help='e.g. "Voss herad"')
        parser.add_argument(
            "--host",
            action="append",
            required=True,
            dest="hosts",
            help="a host name it answers on, e.g. voss.kominn.no (may be given several times)",
        )
        parser.add_argument(
            "--language",
            default=LanguageForm.BOKMAL,
            help="its language form: nb (bokmål, the default) or nn (nynorsk)",
        )
        parser.add_argument(
            "--admin-email", required=True, help="the e-mail address of its first administrator"
        )
        parser.add_argument("--slug", default="", help="its short name (default: from the name)")
        parser.add_argument(
            "--contact-email", default="", help="its public contact address (default: the admin's)"
        )

    # For the operator, in English like the other commands.
    @translation.override("en")
    def handle(self, *args, name, hosts, language, admin_email, slug, contact_email, **options):
        try:
            organisation, admin, created = services.add_organisation(
                name=name,
                hosts=hosts,
                language=language,
                admin_email=admin_email,
                slug=slug,
                contact_email=contact_email,
            )
        except ValidationError as error:
            raise CommandError(
                "Nothing was changed:\n" + "\n".join(f"  - {m}" for m in error.messages)
            ) from error
        host = organisation.host_names.order_by("pk").first().name
        scheme = "http" if host == "localhost" or host.endswith(".localhost") else "https"
        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {organisation.name} ({organisation.slug}, "
                    f"{organisation.get_language_display()}) on "
                    + ", ".join(organisation.host_names.values_list("name", flat=True))
                    + f", with {admin.email} as its administrator."
                )
            )
        else:
            self.stdout.write(f"{organisation.name} is set up already; nothing was changed.")
        if not admin.has_usable_password():
            link = services.password_link(admin, lambda path: f"{scheme}://{host}{path}")
            days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
            self.stdout.write(
                f"Send {admin.email} this link to choose a password (valid for {days} days, "
                f"until used; run this command again for a new one):\n  {link}"
            )
        self.stdout.write(f"The administration: {scheme}://{host}/admin/")
