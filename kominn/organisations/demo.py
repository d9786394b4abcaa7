"""Demo data for the municipality itself: Asker kommune, its service areas and themes."""

from .models import HostName, Organisation, ServiceArea, Theme

SERVICE_AREAS = [
    # (slug, name, description, units)
    (
        "oppvekst",
        "Oppvekst",
        "Barnehager, skoler, PPT og tjenester for barn, unge og familier.",
        [
            ("barnehager", "Barnehager"),
            ("skoler", "Skoler"),
            ("barn-og-familie", "Barn og familie"),
        ],
    ),
    (
        "helse-og-inkludering",
        "Helse og inkludering",
        "Helsehus, hjemmetjenester, sykehjem, NAV og tjenester for inkludering.",
        [
            ("hjemmetjenester", "Hjemmetjenester"),
            ("sykehjem", "Sykehjem og helsehus"),
            ("nav", "NAV Asker"),
        ],
    ),
    (
        "samfunnsutvikling",
        "Samfunnsutvikling",
        "Plan og bygg, vann og avløp, vei, renovasjon og eiendom.",
        [
            ("vann-og-avlop", "Vann og avløp"),
            ("renovasjon", "Renovasjon og gjenvinning"),
            ("eiendom", "Eiendom"),
        ],
    ),
    (
        "kultur-frivillighet",
        "Kultur, frivillighet og innbyggerdialog",
        "Bibliotek, kulturhus, frivilligsentraler og dialog med innbyggerne.",
        [("bibliotek", "Bibliotek"), ("frivilligsentraler", "Frivilligsentraler")],
    ),
    (
        "organisasjon-og-digitalisering",
        "Organisasjon og digitalisering",
        "IT, digitalisering, HR, økonomi og innkjøp.",
        [("digitalisering", "Digitalisering"), ("innkjop", "Innkjøp")],
    ),
]

THEMES = [
    ("miljo-og-klima", "Miljø og klima"),
    ("digitalisering", "Digitalisering"),
    ("helse-og-mestring", "Helse og mestring"),
    ("oppvekst", "Oppvekst"),
    ("mobilitet", "Mobilitet"),
    ("frivillighet", "Frivillighet"),
]


def load() -> Organisation:
    """Create or refresh Asker kommune as the default organisation. Safe to run again."""
    asker, _ = Organisation.objects.update_or_create(
        slug="asker",
        defaults={
            "name": "Asker kommune",
            "contact_email": "kominn@asker.kommune.no",
            "theme_colour": "#005B7F",
        },
    )
    if not Organisation.objects.filter(is_default=True).exclude(pk=asker.pk).exists():
        asker.is_default = True
        asker.save(update_fields=["is_default"])
    HostName.objects.get_or_create(name="kominn.asker.kommune.no", defaults={"organisation": asker})

    for slug, name, description, units in SERVICE_AREAS:
        area, _ = ServiceArea.objects.update_or_create(
            organisation=asker,
            slug=slug,
            defaults={"name": name, "description": description, "parent": None},
        )
        for unit_slug, unit_name in units:
            ServiceArea.objects.update_or_create(
                organisation=asker,
                slug=unit_slug,
                defaults={"name": unit_name, "parent": area},
            )
    for slug, name in THEMES:
        Theme.objects.update_or_create(organisation=asker, slug=slug, defaults={"name": name})
    return asker
