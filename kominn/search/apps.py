from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "kominn.search"
    verbose_name = _("Search")

    def ready(self):
        from kominn.core import pagecache

        from . import receivers
        from .models import Document, Key, Word

        receivers.connect()
        # The index is remade after the content's transaction commits, later than the
        # content's own change is announced; index.py announces its own changes.
        pagecache.unseen(Document, Key, Word)
