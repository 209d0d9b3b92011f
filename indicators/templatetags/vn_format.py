"""Numbers the Vietnamese way: 55.802 and 95,4 (dot for thousands, comma for decimals)."""

from django import template

from indicators.numbers import format_vn

register = template.Library()


@register.filter
def vn_number(value, places=None):
    """``{{ 55802|vn_number }}`` → 55.802; ``{{ 95.40|vn_number }}`` → 95,4; ``{{ x|vn_number:1 }}`` fixes decimals."""
    return format_vn(value, places)
