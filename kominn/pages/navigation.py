"""The main navigation, in one place for the header, the sitemap of tests and the footer."""

from django.utils.translation import gettext_lazy as _

# (URL name, label)
MAIN_NAVIGATION = [
    ("portfolio:initiatives", _("Initiatives")),
    ("portfolio:goals", _("Goals")),
    ("participation:ideas", _("Ideas")),
    ("participation:challenges", _("Challenges")),
    ("collaboration:contribute", _("Contribute")),
    ("events:events", _("Events")),
    ("portfolio:news", _("News")),
    ("pages:about", _("About KomInn")),
]
