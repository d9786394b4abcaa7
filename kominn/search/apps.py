from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "kominn.search"
    verbose_name = _("Search")

    def ready(self):
        from kominn.core import pagecache
        from kominn.portfolio import bank

        from . import receivers, services
        from .models import Document, Key, Word

        receivers.connect()
        # The sharing bank (in the portfolio, below) searches through the index.
        bank.register_text_search(services.bank_search)
        # The index is remade after the content's transaction commits, later than the
        # content's own change is announced; index.py announces its own changes.
        pagecache.unseen(Document, Key, Word)
