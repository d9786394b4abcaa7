from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared pieces every app builds on. Nothing here imports a KomInn app."""

    name = "kominn.core"
    label = "core"
    verbose_name = _("Audit log")
