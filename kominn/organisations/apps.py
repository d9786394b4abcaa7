from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "kominn.organisations"
    label = "organisations"
    verbose_name = _("Municipality")

    def ready(self):
        from kominn.core import pagecache

        from .models import HostName, Organisation, ServiceArea, Theme

        # Its name, logo and colour are on every page; a host name decides which
        # organisation a page is for.
        pagecache.watch(Organisation, "pk")
        for model in (HostName, ServiceArea, Theme):
            pagecache.watch(model)
