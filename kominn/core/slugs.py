"""Slugs for addresses, written the way Norwegian editors expect."""

from django.utils.text import slugify

NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def norwegian_slugify(text: str) -> str:
    """Like slugify, but æ, ø and å become ae, o and a as the admin's slug field writes them."""
    return slugify(text.translate(NORWEGIAN_LETTERS))


def unique_slug(instance, text: str) -> str:
    """A slug for `text` that no other object of the same kind in the organisation has."""
    base = norwegian_slugify(text)[:80].strip("-") or "uten-tittel"
    model = type(instance)
    taken = set(
        model.objects.filter(organisation_id=instance.organisation_id, slug__startswith=base)
        .exclude(pk=instance.pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
