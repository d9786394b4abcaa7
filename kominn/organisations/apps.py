from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "kominn.organisations"
    label = "organisations"
    verbose_name = _("Municipality")

    def ready(self):
        from kominn.core import media, pagecache

        from .models import (
            HostName,
            Organisation,
            PageText,
            PageTextVersion,
            ServiceArea,
            SharedCategory,
            Theme,
        )

        # Its name, logo and colour are on every page; a host name decides which
        # organisation a page is for.
        pagecache.watch(Organisation, "pk")
        media.register(Organisation, ["logo"], can_view=_everyone)
        for model in (HostName, ServiceArea, Theme, PageText):
            pagecache.watch(model)
        # Shared by every organisation: its names are in every site's sharing bank.
        pagecache.watch(SharedCategory, None)
        # Earlier versions are seen in the admin only; restoring one saves the PageText.
        pagecache.unseen(PageTextVersion)


def _everyone(user, organisation):
    """An organisation's logo is on every page, for everyone."""
    return True
