"""The small pieces of HTML every dashboard table repeats on each row, written in Python.

A status with the numbers behind it, a target with its deadline and source, the "minh họa" badge:
a page of a hundred indicators draws them hundreds of times, and as template includes they were
most of the time a page took to render after a change (the template engine resolves every
variable and tag again on each row). Here they are plain functions over the same objects
(``board.Assessment``, ``Target``), escaped with ``format_html``; the templates call them through
``dashboard_tags`` (``{% status_details %}``, ``{% target_text %}``, ``{% demo_badge %}``) and the
tables (``dashboards/tables.py``) as the renderers of their cells, so each has one home.
"""

import functools
import html
from decimal import Decimal
from types import SimpleNamespace

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from indicators import progress, targets
from indicators.models import Indicator
from indicators.numbers import FIGURE_PLACES, format_vn
from indicators.source_documents import source_of

DASH = "—"


def escaped(value):
    """``value`` as HTML: its own if it is HTML already, else its text escaped (``conditional_escape``)."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def format_html(template, *args):
    """Django's ``format_html`` (each argument escaped unless it is already HTML), without its checks
    for lazy arguments, which were a third of the time of a long table; ``str()`` translates a lazy one."""
    return SafeString(template.format(*map(escaped, args)))


def format_html_join(separator, template, args):
    """Django's ``format_html_join`` over this module's ``format_html``."""
    return SafeString(separator.join(format_html(template, *a) for a in args))


def with_unit(value, indicator):
    """``95.4`` → 95,4%; ``55802`` → 55.802 máy (``{{ value|with_unit:indicator }}`` in templates).

    Up to two decimals, as a figure is stored; an aggregate's longer fraction is rounded to them.
    """
    if value is None or value == "":
        return DASH
    text = format_vn(value, FIGURE_PLACES, trim=True)
    unit = _figure_unit(get_language(), indicator.unit, indicator.unit_label, indicator.unit_label_en)
    if unit == "%":
        return f"{text}%"
    # Plain text (it also goes into tooltips): a Vietnamese unit standing in for English ends in "(VI)".
    return f"{text} {unit}" if unit else text


@functools.lru_cache(maxsize=512)
def _figure_unit(language, unit, label, label_en):
    """``Indicator.figure_unit`` as text, written once per language and unit (a page writes it beside every figure)."""
    return str(Indicator(unit=unit, unit_label=label, unit_label_en=label_en).figure_unit)


def share(value):
    """A share of 1 as a whole percentage: 0.5432 → 54%."""
    if value is None:
        return DASH
    return f"{format_vn(Decimal(str(value)) * 100, 0)}%"


@functools.lru_cache(maxsize=8)
def _words(language):
    """The fixed words of these pieces in ``language``, looked up once (a page draws them hundreds of times)."""
    return SimpleNamespace(
        demo_badge=format_html(
            '<span class="demo-badge" title="{}">{}</span>',
            _("Số liệu minh họa, không phải số liệu thật"),
            _("minh họa"),
        ),
        baseline=format_html('<th scope="row">{}</th>', _("Gốc")),
        latest=format_html('<th scope="row">{}</th>', _("Mới nhất")),
        target=format_html('<th scope="row">{}</th>', _("Chỉ tiêu")),
        distance=format_html(
            '<th scope="row" title="{}">{}</th>',
            _("p = (mới nhất − gốc) / (chỉ tiêu − gốc)"),
            _("Quãng đường đã đi (p)"),
        ),
        elapsed=format_html(
            '<th scope="row" title="{}">{}</th>',
            _("e = (năm mới nhất − năm gốc) / (năm chỉ tiêu − năm gốc)"),
            _("Thời gian đã qua (e)"),
        ),
        pace=_("Tốc độ (r = p/e)"),
        note=format_html('<th scope="row">{}</th>', _("Ghi chú")),
        demo_row=_("tính từ số liệu hoặc chỉ tiêu minh họa"),
        caption=_("Số liệu dùng để tính trạng thái"),
        no_target=format_html('<span class="muted">{}</span>', _("chưa có chỉ tiêu")),
        province_target=_("của tỉnh"),
        national_target=_("toàn quốc"),
        national_no_value=_("Không tính được"),
        unit_no_value=_("Không cộng gộp được"),
        not_reported=_("chưa báo cáo"),
        latest_word=_("mới nhất"),
    )


def words():
    return _words(get_language())


@functools.lru_cache(maxsize=32)
def _pace_hint(language, on_track, attention):
    return progress.pace_hint()


def pace_hint():
    """``progress.pace_hint`` in the active language, written once for each language and thresholds."""
    return _pace_hint(get_language(), progress.ON_TRACK_PACE, progress.ATTENTION_PACE)


def demo_badge():
    """The "minh họa" mark beside a demo figure or target."""
    return words().demo_badge


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
            _("Chỉ tiêu %(year)s: %(value)s") % {"year": p.target_year, "value": _target(assessment, indicator)}
        )
    if p.pace is not None:
        parts.append(
            _("đã đi %(p)s quãng đường, đã qua %(e)s thời gian")
            % {"p": share(progress.shown_distance(p)), "e": share(p.elapsed)}
        )
        parts.append(progress.pace_text(p))
    if p.reason:
        parts.append(p.reason)
    if p.awaiting is not None:
        parts.append(progress.awaiting_text(p))
    return f"{p.label}: " + " · ".join(str(part) for part in parts) if parts else str(p.label)


def _with_year(value, year, indicator):
    return f"{with_unit(value, indicator)} ({year})" if year else DASH


def _target(assessment, indicator):
    """The target of ``assessment`` with its comparison ("> 80%"), or its bare value when there is no Target."""
    target = assessment.target
    value = with_unit(assessment.progress.target, indicator)
    return targets.compared(target, indicator, value) if target is not None else value


def status_details(a, indicator):
    """A status badge that opens on the numbers it was computed from (baseline, latest, target, p, e, r)."""
    w = words()
    p = a.progress
    year = ""
    if a.newer and a.year:
        year = format_html(
            ' <span class="muted small status-year">{}</span>', _("theo số liệu %(year)s") % {"year": a.year}
        )
    if p.awaiting is not None:
        year = format_html('{} <span class="muted small status-year">{}</span>', year, progress.awaiting_text(p))
    rows = [
        (w.baseline, _with_year(p.baseline, p.baseline_year, indicator)),
        (w.latest, _with_year(p.latest, p.latest_year, indicator)),
        (w.target, f"{_target(a, indicator)} ({p.target_year})" if p.target_year else DASH),
        (w.distance, share(progress.shown_distance(p))),
        (w.elapsed, share(p.elapsed)),
        (
            format_html('<th scope="row" title="{}">{}</th>', pace_hint(), w.pace),
            progress.format_pace(p) if p.pace is not None else DASH,
        ),
    ]
    if p.reason:
        rows.append((w.note, p.reason))
    body = format_html_join("\n    ", "<tr>{}<td>{}</td></tr>", rows)
    if a.is_demo:
        body = format_html('{}\n    <tr><td colspan="2">{} {}</td></tr>', body, w.demo_badge, w.demo_row)
    return format_html(
        '<details class="status-details">\n'
        '  <summary title="{}"><span class="status status-{}">{}</span>{}</summary>\n'
        '  <table class="status-numbers">\n'
        '    <caption class="visually-hidden">{}</caption>\n'
        "    {}\n"
        "  </table>\n"
        "</details>",
        status_title(a, indicator),
        progress.status_key(p),
        p.label,
        year,
        w.caption,
        body,
    )


def target_text(a, indicator):
    """The target an assessment is against: its value, its deadline when not the period's end, whose it
    is, the document that set it, its subject and note; or "chưa có chỉ tiêu"."""
    w = words()
    t = a.target
    if not t:
        return w.no_target
    parts = []
    if t.deadline_year != a.window.last:
        parts.append(format_html("{}, ", _("đến %(year)s") % {"year": t.deadline_year}))
    parts.append(w.province_target if t.province_id else w.national_target)
    if t.directive_id:
        parts.append(format_html(', <a href="{}">{}</a>', t.directive.get_absolute_url(), t.directive.display_number))
    if t.subject:
        parts.append(format_html(", {}", t.display_subject))
    after = ""
    if t.note and not t.is_demo:
        after = format_html(' <span class="muted small">({})</span>', t.display_note)
    if t.is_demo:
        after = format_html(" {}", w.demo_badge)
    return format_html(
        '<span class="target">{}</span>\n<span class="muted small">{}</span>{}',
        targets.compared(t, indicator, with_unit(t.value, indicator)),
        format_html_join("", "{}", ((part,) for part in parts)),
        after,
    )


def source_link(source_file):
    """A stored source as a page shows it (``source_documents.source_of``): its document's title, a link
    to it where it has one (opened in a new tab); "" for none."""
    source = source_of(source_file)
    if source is None:
        return ""
    if not source.url:
        return format_html('<cite class="source">{}</cite>', source.title)
    return format_html(
        '<a class="source" href="{}" rel="noopener noreferrer" target="_blank"><cite>{}</cite></a>',
        source.url,
        source.title,
    )


def target_and_status(a, indicator):
    """A target, and under it the status against it (a table whose status has no column of its own)."""
    if not a.target:
        return target_text(a, indicator)
    return format_html("{}<br>{}", target_text(a, indicator), status_details(a, indicator))


def coverage(f, is_national=False):
    """ "61/63 tỉnh báo cáo" beside a figure added up from several units ("n/m đơn vị cũ" for a merged unit)."""
    return format_html(
        '<span class="reporting{}">{}</span>', "" if f.complete else " incomplete", f.coverage_text(is_national)
    )


def figure(f, indicator, *, show_year=False, year=None, is_national=False):
    """A figure with its unit (and its year, and the demo badge); why an added-up one has no value;
    or "chưa báo cáo (năm …)" when there is none."""
    w = words()
    if f is not None and f.value is not None:
        shown = format_html('<span class="figure">{}</span>', with_unit(f.value, indicator))
        if show_year:
            shown = format_html('{} <span class="muted small">({})</span>', shown, f.year)
        if f.is_demo:
            shown = format_html("{} {}", shown, w.demo_badge)
    elif f is not None and f.reporting:
        shown = format_html(
            '<span class="no-value">{}: {}</span>', w.national_no_value if is_national else w.unit_no_value, f.reason
        )
    else:
        missing = _("chưa báo cáo năm %(year)s") % {"year": year} if year else w.not_reported
        shown = format_html('<span class="muted">{}</span>', missing)
    if f is not None and f.is_aggregate:
        shown = format_html("{} {}", shown, coverage(f, is_national))
    return shown


def ranked_figure(f, indicator, *, year=None, latest=None, is_national=False):
    """A unit's figure of the year ranked; under it, for a unit without one, its latest figure."""
    shown = figure(f, indicator, year=year, is_national=is_national)
    if latest:
        shown = format_html(
            '{}<br><span class="muted small">{}: {}</span>',
            shown,
            words().latest_word,
            figure(latest, indicator, show_year=True, is_national=is_national),
        )
    return shown


def latest(row, is_national=False):
    """A row's latest figure (the one its status is computed from) with its year, then why the year
    asked has no figure (with its n/m) where it cannot be computed, else any newer provisional figure."""
    if row is None:
        return ""
    indicator, f, p, c = row.indicator, row.latest, row.provisional, row.unresolved or row.current
    parts = []
    if f:
        parts.append(
            format_html(
                '<span class="figure">{}</span> <span class="muted small">({})</span>',
                with_unit(f.value, indicator),
                f.year,
            )
        )
        if f.is_aggregate:
            parts.append(format_html(" {}", coverage(f, is_national)))
        if f.is_demo:
            parts.append(format_html(" {}", words().demo_badge))
        if f.approved_at:
            day = _("duyệt %(day)s") % {"day": date_format(template_localtime(f.approved_at), "d/m/Y")}
            parts.append(format_html(' <span class="muted small approved-at">{}</span>', day))
    if row.unresolved:
        if f:
            parts.append(format_html('<br><span class="muted small">{}:</span> ', c.year))
        parts.append(figure(c, indicator, is_national=is_national))
    elif p:
        if f:
            parts.append(mark_safe("<br>"))  # noqa: S308 - a fixed tag
        parts.append(
            format_html(
                '<span class="provisional"><span class="muted small">{}</span> '
                '<span class="figure">{}</span> {}{}</span>',
                _("%(year)s, tạm tính:") % {"year": p.year},
                with_unit(p.value, indicator),
                coverage(p, is_national),
                format_html(" {}", words().demo_badge) if p.is_demo else "",
            )
        )
    elif not f:
        parts.append(figure(c, indicator, is_national=is_national))
    return format_html_join("", "{}", ((part,) for part in parts))


# --- links that keep the page's filters ----------------------------------------------------------------

INDICATOR_KEEPS = ("year", "units", "target", "region")  # what a link to an indicator's page carries over
PLACE_KEEPS = ("year", "target", "category", "directive")  # and a link to a province's page


def keep(query, *names, **changes):
    """The query string with only ``names`` kept from ``query`` (a QueryDict), then ``changes`` applied.

    ``keep(query, "year", "units", status="behind")`` → ``?year=2014&units=legacy&status=behind``.
    A change to "" drops the parameter.
    """
    pairs = [(name, value) for name in names if name not in changes for value in query.getlist(name)]
    pairs += [(name, value) for name, value in changes.items() if value not in ("", None)]
    return "?" + urlencode(pairs) if pairs else ""


def place_url(place, query, **changes):
    return reverse("province-detail", args=[place.slug]) + keep(query, *PLACE_KEEPS, **changes)


def indicator_url(indicator, query, **changes):
    return indicator.get_absolute_url() + keep(query, *INDICATOR_KEEPS, **changes)


def indicator_link(indicator, query, details=False):
    """The indicator's name, a link to its page; with ``details``, its unit and how it adds up under it."""
    link = format_html('<a href="{}">{}</a>', indicator_url(indicator, query), indicator.name)
    if details:
        link = format_html(
            '{}<br><span class="muted small">{} · {}</span>',
            link,
            indicator.display_unit,
            indicator.get_aggregation_display(),
        )
    return link


def place_link(place, query, demo=False):
    """A unit's label (``Province.label``), a link to its page (and the demo badge when its figures are demo)."""
    link = format_html('<a href="{}">{}</a>', place_url(place, query), place.label)
    return format_html("{} {}", link, words().demo_badge) if demo else link


COUNT_KEEPS = ("year", "units", "target", "region", "province", "compare")
COUNT_LINK = '<li><a class="status status-{}" href="{}">{}: {}</a></li>'
COUNT_TEXT = '<li><span class="status status-{}{}">{}: {}</span></li>'


def status_counts(counts, query, link="", nonzero=False):
    """How many stand at each status, as a list of badges; with ``link``, each a link to that page
    filtered on its status (``{% status_counts %}``, the indicator list's counts column)."""
    items = []
    for t in counts:
        if not t.count and nonzero:
            continue
        if link and t.count:
            url = link + keep(query, *COUNT_KEEPS, status=t.key)
            items.append(format_html(COUNT_LINK, t.key, url, t.label, t.count))
        else:
            zero = "" if t.count else " zero"
            items.append(format_html(COUNT_TEXT, t.key, zero, t.label, t.count))
    return SafeString('<ul class="status-counts">' + "".join(items) + "</ul>")


def count_link(tally, query, indicator=None, place=None):
    """How many places stand at a status, linked to them: a unit's page or an indicator's, filtered on it."""
    if not tally.count:
        return format_html('<span class="muted">{}</span>', 0)
    if place is not None:
        url = place_url(place, query, status=tally.key)
    else:
        url = indicator_url(indicator, query, status=tally.key)
    return format_html('<a href="{}" title="{}">{}</a>', url, tally.label, tally.count)
