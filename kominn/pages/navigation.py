"""The main navigation, in one place for the header, the sitemap of tests and the footer."""

from django.utils.translation import gettext_lazy as _

# (URL name, label). Sections not yet built answer with a "coming soon" page.
MAIN_NAVIGATION = [
    ("portfolio:initiatives", _("Initiatives")),
    ("portfolio:goals", _("Goals")),
    ("pages:ideas", _("Ideas")),
    ("pages:challenges", _("Challenges")),
    ("portfolio:news", _("News")),
    ("pages:about", _("About KomInn")),
]

# Sections that later releases fill: URL name -> (heading, what it will hold).
COMING_SOON = {
    "ideas": (
        _("Ideas"),
        _(
            "Ideas from employees, citizens, volunteers and businesses — and what happened "
            "to each of them."
        ),
    ),
    "challenges": (
        _("Challenges"),
        _("Questions the municipality asks, where everyone can answer with ideas."),
    ),
}
