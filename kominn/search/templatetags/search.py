"""Related work on content pages: `{% load search %}` then e.g.
`{% related_to_initiative initiative as related %}`."""

from django import template

from kominn.core import pagecache
from kominn.search import services

register = template.Library()


@register.simple_tag
def related_to_initiative(initiative):
    """{"before": "Hvem har gjort dette før?", "similar": "Lignende tiltak"}, kept until
    something visitors see changes (ranking them is most of an initiative page's work)."""
    return pagecache.kept(
        initiative.organisation_id,
        f"related-initiative:{initiative.pk}",
        lambda: services.related_to_initiative(initiative),
    )


@register.simple_tag
def related_to_idea(idea):
    return pagecache.kept(
        idea.organisation_id, f"related-idea:{idea.pk}", lambda: services.related_to_idea(idea)
    )


@register.simple_tag
def similar_to_idea(idea):
    """For the preview of a new idea: what already exists like it."""
    return services.similar_ideas(
        organisation=idea.organisation,
        title=idea.title,
        description=idea.description,
        exclude_idea=idea.pk,
    )
