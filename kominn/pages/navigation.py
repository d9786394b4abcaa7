"""The main navigation, in one place for the header, the sitemap of tests and the footer."""

from django.utils.translation import gettext_lazy as _

# (URL name, label). Sections not yet built answer with a "coming soon" page.
MAIN_NAVIGATION = [
    ("pages:initiatives", _("Initiatives")),
    ("pages:goals", _("Goals")),
    ("pages:ideas", _("Ideas")),
    ("pages:challenges", _("Challenges")),
    ("pages:news", _("News")),
    ("pages:about", _("About KomInn")),
]

# Sections that later releases fill: URL name -> (heading, what it will hold).
COMING_SOON = {
    "initiatives": (
        _("Initiatives"),
        _(
            "An overview of all innovation and improvement work in the municipality, "
            "across service areas: phase, approach, partners, benefits and lessons learned."
        ),
    ),
    "goals": (
        _("Goals"),
        _("The municipality's strategic goals, and how many small initiatives add up to them."),
    ),
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
    "news": (
        _("News"),
        _("News about innovation and improvement work in the municipality."),
    ),
}
