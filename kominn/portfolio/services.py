"""Writes in the portfolio that touch several models or tell people.

- `adopt_initiative(source=..., organisation=..., user=...)`: "Ta i bruk hos oss".
- `import_initiative(document=..., organisation=..., user=...)`: the same for a document
  exported by another KomInn installation.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import exchange, rules
from .models import Approach, Benefit, Initiative, Phase, Relation, RelationType
from .notify import notify_adopted


@transaction.atomic
def adopt_initiative(*, source, organisation, user) -> tuple[Initiative, bool]:
    """Take another municipality's shared initiative into use in `organisation`, as `user`
    (an editor there): a draft with the approach "adopted from others", the source's title,
    summary, need and what is new to adapt, its benefit indicators without its
    measurements, its contact person, and an "adopted from" relation to the source. The
    source's lessons are not copied: the draft's page refers to them in the sharing bank.
    The source's editors are told.

    One draft per organisation and source: adopting again returns the first draft (the
    source's row is locked, so two clicks at once make one). Returns (draft, created).
    """
    if not rules.can_create_initiative(user, organisation):
        raise PermissionDenied
    # Lock the source and read it again: it must still be in the sharing bank.
    source = (
        Initiative.objects.in_sharing_bank()
        .filter(peer__isnull=True)
        .select_for_update()
        .select_related("organisation")
        .get(pk=source.pk)
    )
    if source.organisation_id == organisation.pk:
        raise ValidationError(_("This initiative is your own municipality's already."))
    existing = (
        Relation.objects.filter(
            type=RelationType.ADOPTED_FROM, target=source, source__organisation=organisation
        )
        .select_related("source")
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing.source, False
    draft = Initiative(
        organisation=organisation,
        title=source.title,
        summary=source.summary,
        need=source.need,
        what_is_new=source.what_is_new,
        approach=Approach.ADOPTED,
        phase=Phase.NEED,
        contact_name=source.contact_name,
        contact_email=source.contact_email,
        is_published=False,
        shared=False,
    )
    draft.full_clean(exclude=["slug"])
    draft.save()
    # An editor limited to some service areas must be able to open the draft.
    limits = rules.editable_area_ids(user)
    if limits is not None:
        draft.service_areas.set(user.service_areas.all())
    Benefit.objects.bulk_create(
        [
            Benefit(
                initiative=draft,
                type=benefit.type,
                indicator=benefit.indicator,
                unit=benefit.unit,
                description=benefit.description,
            )
            for benefit in source.benefits.order_by("pk")
        ]
    )
    relation = Relation(source=draft, type=RelationType.ADOPTED_FROM, target=source)
    relation.full_clean()
    relation.save()
    notify_adopted(adoption=draft, source=source, actor=user)
    return draft, True


@transaction.atomic
def import_initiative(*, document, organisation, user=None) -> tuple[Initiative, bool]:
    """Take an initiative exported by another KomInn installation (a parsed document, see
    kominn/portfolio/exchange.py) into use in `organisation`: a draft with the approach
    "adopted from others", its title, summary, need and what is new to adapt, its benefit
    indicators, its contact, its source address recorded, and an "adopted from" relation
    to it elsewhere ("Hentet fra <municipality>", linking its page there). Its lessons stay
    at the source, where the relation leads. `user` (None for a command run by the
    operator) must be able to create initiatives there.

    The document is checked first (DocumentError, nothing changed). One draft per
    organisation and source address: importing again returns the first. Returns
    (draft, created).
    """
    if user is not None and not rules.can_create_initiative(user, organisation):
        raise PermissionDenied
    content = exchange.validate_document(document)
    existing = (
        Initiative.objects.filter(
            organisation=organisation, peer__isnull=True, source_url=content["source_url"]
        )
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing, False
    contact = content["contact"]
    draft = Initiative(
        organisation=organisation,
        title=content["title"],
        summary=content["summary"],
        need=content["need"],
        what_is_new=content["what_is_new"],
        approach=Approach.ADOPTED,
        phase=Phase.NEED,
        contact_name=contact["name"],
        contact_email=contact["email"],
        source_url=content["source_url"],
        is_published=False,
        shared=False,
    )
    try:
        draft.full_clean(exclude=["slug"])
    except ValidationError as error:
        raise exchange.DocumentError(error.messages) from None
    draft.save()
    if user is not None and rules.editable_area_ids(user) is not None:
        draft.service_areas.set(user.service_areas.all())
    Benefit.objects.bulk_create(
        [Benefit(initiative=draft, **benefit) for benefit in content["benefits"]]
    )
    relation = Relation(
        source=draft,
        type=RelationType.ADOPTED_FROM,
        external_title=content["title"],
        external_organisation=content["municipality"]["name"],
        external_url=content["source_url"],
    )
    relation.full_clean()
    relation.save()
    return draft, True
