"""Small helpers for the dashboard templates: values with their unit, shares, links that keep the filters."""

from decimal import Decimal

from django import template
from django.core.paginator import Paginator
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from indicators import progress
from indicators.numbers import FIGURE_PLACES, format_vn

register = template.Library()

DASH = "—"
# The overview's indicator cards per page: about a screenful (the counts table above lists them all).
CARDS_PER_PAGE = 12


@register.filter
def with_unit(value, indicator):
    """``{{ 95.4|with_unit:indicator }}`` → 95,4%; ``{{ 55802|with_unit:indicator }}`` → 55.802 máy.

    Up to two decimals, as a figure is stored; an aggregate's longer fraction is rounded to them.
    """
    if value is None or value == "":
        return DASH
    text = format_vn(value, FIGURE_PLACES, trim=True)
    unit = indicator.figure_unit
    if unit == "%":
        return f"{text}%"
    # Plain text (it also goes into tooltips): a Vietnamese unit standing in for English ends in "(VI)".
    return f"{text} {unit}" if unit else text


@register.filter
def share(value):
    """A share of 1 as a whole percentage: 0.5432 → 54%."""
    if value is None:
        return DASH
    return f"{format_vn(Decimal(str(value)) * 100, 0)}%"


@register.filter
def pace(value):
    """The pace r as ``progress.format_pace`` writes it everywhere: 0,68."""
    if value is None:
        return DASH
    return progress.format_pace(value)


@register.simple_tag(takes_context=True)
def keep(context, *names, **changes):
    """The query string with only ``names`` kept from the current one, then ``changes`` applied.

    ``{% keep "year" "units" status="behind" %}`` → ``?year=2014&units=legacy&status=behind``.
    A change to "" drops the parameter.
    """
    query = context["request"].GET
    pairs = [(name, value) for name in names if name not in changes for value in query.getlist(name)]
    pairs += [(name, value) for name, value in changes.items() if value not in ("", None)]
    return "?" + urlencode(pairs) if pairs else ""


@register.simple_tag(takes_context=True)
def page_of(context, items, per_page=CARDS_PER_PAGE):
    """The page of ``items`` that the query string's ``page`` asks for (the first, or the last, when it is not one)."""
    return Paginator(items, per_page).get_page(context["request"].GET.get("page"))


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current query string with ``page`` set to ``number`` (dropped for the first page), filters kept."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    if number != 1:
        query["page"] = number
    return "?" + query.urlencode() if query else context["request"].path


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def status_title(assessment, indicator):
    """The numbers behind a status on one line, for the hover title."""
    p = assessment.progress
    parts = []
    if p.baseline_year is not None:
        parts.append(
            _("Gốc %(year)s: %(value)s") % {"year": p.baseline_year, "value": with_unit(p.baseline, indicator)}
        )
    if p.latest_year is not None:
        parts.append(
            _("Mới nhất %(year)s: %(value)s") % {"year": p.latest_year, "value": with_unit(p.latest, indicator)}
        )
    if p.target_year is not None:
        parts.append(
            _("Chỉ tiêu %(year)s: %(value)s") % {"year": p.target_year, "value": with_unit(p.target, indicator)}
        )
    if p.pace is not None:
        parts.append(
            _("đã đi %(p)s quãng đường, đã qua %(e)s thời gian") % {"p": share(p.distance), "e": share(p.elapsed)}
        )
        parts.append(progress.pace_text(p.pace))
    if p.reason:
        parts.append(p.reason)
    return f"{p.label}: " + " · ".join(str(part) for part in parts) if parts else str(p.label)


@register.filter
def status_key(p):
    """``progress.status_key``: the key of the badge's class (``status-missed`` past the deadline)."""
    return progress.status_key(p)


@register.simple_tag
def status_legend():
    """``{% status_legend as legend %}``: the formula line and [LegendEntry], worst first."""
    return {"formula": progress.formula(), "entries": progress.legend()}


@register.simple_tag
def pace_hint():
    """The thresholds a pace is read against, written from the constants in ``indicators.progress``."""
    return progress.pace_hint()
