from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "kominn.outbox"
    label = "outbox"
    verbose_name = _("E-mail outbox")

    def ready(self):
        from kominn.core import pagecache

        from .models import OutgoingMail

        pagecache.unseen(OutgoingMail)
