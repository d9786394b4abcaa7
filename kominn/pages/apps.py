from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "kominn.pages"
    label = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from kominn.accounts import login_reasons

        login_reasons.register("pages:my_page", _("Log in to see your own page"))
