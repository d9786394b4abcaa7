from django import template

from kominn.portfolio import charts

register = template.Library()


@register.simple_tag
def benefit_chart(benefit):
    return charts.benefit_chart(benefit)
