"""Loading workshop cards for a request: of the request's organisation, and only where the
person may see the workshop; else 404."""

from kominn.core.access import loader

from . import rules
from .models import Card

_card = loader(Card, "pk", check=rules.can_see_card)


def card(request, pk):
    return _card(
        request,
        pk,
        queryset=Card.objects.select_related("author", "workshop__challenge__organisation"),
    )
