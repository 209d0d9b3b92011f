"""Small helpers for the dashboard templates: values with their unit, shares, links that keep the filters."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from indicators import progress, targets, years

from .. import html

register = template.Library()


with_unit = register.filter("with_unit", html.with_unit)
share = register.filter("share", html.share)
status_title = register.filter("status_title", html.status_title)
demo_badge = register.simple_tag(html.demo_badge, name="demo_badge")
status_details = register.simple_tag(html.status_details, name="status_details")
target_text = register.simple_tag(html.target_text, name="target_text")
latest_figure = register.simple_tag(html.latest, name="latest_figure")
source_link = register.simple_tag(html.source_link, name="source_link")


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


@register.simple_tag(takes_context=True)
def period_line(context):
    """The one line every dashboard page states its plan period in, why, and a link to each other period.

    ``window`` (the period shown) and ``periods`` come from the page's board; the default is
    ``targets.default_period`` (the calendar's, or that of the year asked). The other periods are
    links that set ``?target=`` (the default's drops it), the rest of the query string kept.
    """
    request, window = context["request"], context.get("window")
    if window is None:
        return ""
    params = context.get("params")
    asked = params.year if params is not None else None
    default = targets.default_period(asked)
    closed = years.closed_year()
    if asked is not None and default.last < closed:
        why = _("giai đoạn của năm %(year)s đã chọn") % {"year": asked}
    else:
        why = _("năm %(year)s là năm gần nhất đã hết hạn báo cáo (%(deadline)s)") % {
            "year": closed,
            "deadline": f"{years.reporting_deadline(closed):%d/%m/%Y}",
        }
    if window == default:
        text = format_html(_("Đang xem chỉ tiêu {period}: {why}"), period=window, why=why)
    else:
        text = format_html(
            _("Đang xem chỉ tiêu {period} (đã chọn); mặc định là {default}: {why}"),
            period=window,
            default=default,
            why=why,
        )
    links = []
    for period in sorted(set(context.get("periods") or ()) | {default}):
        if period == window:
            continue
        query = request.GET.copy()
        query.pop("page", None)
        query.pop("target", None)
        if period != default:
            query["target"] = period.key
        url = "?" + query.urlencode() if query else request.path
        links.append(format_html('<a href="{}">{}</a>', url, str(period)))
    if links:
        text = format_html(
            "{} · {} {}", text, _("Xem chỉ tiêu giai đoạn:"), format_html_join(", ", "{}", ((link,) for link in links))
        )
    return format_html('<p class="period-line">{}</p>', text)
