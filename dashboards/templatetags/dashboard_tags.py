"""Small helpers for the dashboard templates: values with their unit, shares, links that keep the filters."""

from django import template

from indicators import progress

from .. import html

register = template.Library()

DASH = "—"


with_unit = register.filter("with_unit", html.with_unit)
share = register.filter("share", html.share)
status_title = register.filter("status_title", html.status_title)
demo_badge = register.simple_tag(html.demo_badge, name="demo_badge")
status_details = register.simple_tag(html.status_details, name="status_details")
target_text = register.simple_tag(html.target_text, name="target_text")
latest_figure = register.simple_tag(html.latest, name="latest_figure")
source_link = register.simple_tag(html.source_link, name="source_link")


@register.filter
def pace(value):
    """The pace r as ``progress.format_pace`` writes it everywhere: 0,68."""
    if value is None:
        return DASH
    return progress.format_pace(value)


@register.simple_tag(takes_context=True)
def keep(context, *names, **changes):
    """``{% keep "year" "units" status="behind" %}``: ``html.keep`` over the request's query string."""
    return html.keep(context["request"].GET, *names, **changes)


@register.simple_tag(takes_context=True)
def status_counts(context, counts, link="", nonzero=False):
    return html.status_counts(counts, context["request"].GET, link, nonzero)


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
