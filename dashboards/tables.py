"""The dashboard tables: one Column list per table, for the page and its "Tải Excel" export.

A view builds its table once and hands the same object to the template
(``templates/partials/_table.html``) and, for ``?format=xlsx``, to ``dashboards.exports``: every
column the page shows is in the workbook, under the same header and in the same order. The
workbook may hold more columns (``page=False``) where the page shows them inside a neighbouring
cell: the unit, the year and "n/m reporting" beside a figure, the demo badge beside a name.
"""

import itertools
import unicodedata
from dataclasses import dataclass, replace

from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.progress import COUNT_KEYS, status_text
from reporting import excel
from reporting.excel import COUNT, YEAR, Column, Table, number_format_for

from . import html

# The page's cells (templates rendered with the variables a column's ``cell`` returns).
SERIES_FIGURE_CELL = "dashboards/cells/_series_figure.html"
FRACTION_CELL = "dashboards/cells/_fraction.html"
STATUS_BADGE_CELL = "dashboards/cells/_status_badge.html"


def demo_column(is_demo):
    """The workbook's "Minh họa" column; the page marks demo figures with a badge where it shows them."""
    return replace(excel.demo_column(is_demo), page=False)


def _figure_value(figure):
    return figure.value if figure is not None else None


def _via(of, getter):
    """A column getter reading ``getter`` of what ``of`` finds in a table row (None when it finds nothing)."""

    def get(x):
        found = of(x)
        return getter(found) if found is not None else None

    return get


def _target_value(assessment):
    return assessment.target.value if assessment is not None and assessment.target is not None else None


def _target_format(assessment, indicator):
    return excel.target_format(assessment.target if assessment is not None else None, indicator)


# --- sorting (server-side, named in the URL: ?sort=ten, ?sort=-gia-tri) ----------------------------------


def text_key(text):
    """A name as Vietnamese readers sort it, near enough: accents and case ignored, đ after d."""
    text = str(text).casefold().replace("đ", "dz")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _severity(assessment):
    """Worst first, as the legend orders the statuses; then the slowest pace."""
    if assessment is None:
        return None
    progress = assessment.progress
    return (progress.severity, progress.pace if progress.pace is not None else 0)


def sort_table(table, wanted):
    """``table`` with its rows sorted by the column whose ``sort`` is ``wanted`` ("-name": descending).

    Rows without a value stay last whichever way; the sort is stable, so equal rows keep the order
    they were built in. An unknown name leaves the rows as built. Page and export share the order.
    """
    wanted = (wanted or "").strip()
    name = wanted.removeprefix("-")
    column = next((c for c in table.columns if c.sort and c.sort == name), None)
    if column is None:
        return replace(table, sorted_by="")
    key = column.sort_by or column.value
    keyed = [(key(row), row) for row in table.rows]
    present = [pair for pair in keyed if pair[0] is not None and pair[0] != ""]
    missing = [row for k, row in keyed if k is None or k == ""]
    present.sort(key=lambda pair: pair[0], reverse=wanted.startswith("-"))
    return replace(table, rows=[row for _, row in present] + missing, sorted_by=wanted)


# --- columns shared by several tables -------------------------------------------------------------


def indicator_columns(indicator_of, *, width=44, details=False):
    """The indicator's name (a link to its page, the row's header) and, in the workbook, its unit."""

    def on_indicator(getter):
        return _via(indicator_of, getter)

    return [
        Column(
            gettext_lazy("Chỉ số"),
            width,
            on_indicator(lambda i: i.name),
            wrap=True,
            row_header=True,
            cell_html=lambda x, query: html.indicator_link(indicator_of(x), query, details),
            sort="ten",
            sort_by=on_indicator(lambda i: text_key(i.name)),
        ),
        Column(gettext_lazy("Đơn vị tính"), 10, on_indicator(lambda i: i.display_unit), wrap=True, page=False),
    ]


def latest_columns(header, row_of):
    """A row's latest figure (the one its statuses are computed from) and any newer provisional one.

    The page shows them in one cell (``html.latest``); the workbook splits them into the
    value, its year and "n/m reporting", then the provisional value, its year and its "n/m"
    (``excel.figure_columns``, as the periodic report writes them), or, where the year asked cannot be
    computed, no value, that year, its "n/m" and why (``Row.pending``).
    """
    indicator_of = _via(row_of, lambda r: r.indicator)
    return [
        *excel.figure_columns(
            _via(row_of, lambda r: r.latest),
            indicator_of,
            (header, *excel.LATEST_HEADERS[1:]),
            cell_html=lambda x, _query: html.latest(
                row_of(x), is_national=row_of(x) is not None and row_of(x).place is None
            ),
        ),
        *excel.figure_columns(_via(row_of, lambda r: r.pending), indicator_of, excel.PROVISIONAL_HEADERS, page=False),
        Column(
            gettext_lazy("Không tính được vì"),
            30,
            _via(row_of, lambda r: r.unresolved.reason if r.unresolved else ""),
            wrap=True,
            page=False,
        ),
    ]


def assessment_columns(window, assessment_of, indicator_of, *, status_width=28, status_on_page=True):
    """A target column and a status column for one plan period (``window``, a targets.Period).

    With ``status_on_page`` False the page shows the status under the target, in one cell.
    """

    def target_cell(r, _query):
        shown = html.target_text if status_on_page else html.target_and_status
        return shown(assessment_of(r, window), indicator_of(r))

    return [
        Column(
            gettext_lazy("Chỉ tiêu %(period)s") % {"period": window},
            11,
            lambda r: _target_value(assessment_of(r, window)),
            lambda r: _target_format(assessment_of(r, window), indicator_of(r)),
            cell_html=target_cell,
            sort="chi-tieu",
        ),
        Column(
            gettext_lazy("Trạng thái (%(period)s)") % {"period": window},
            status_width,
            lambda r: status_text(assessment_of(r, window)),
            wrap=True,
            page=status_on_page,
            cell_html=lambda r, _query: html.status_details(assessment_of(r, window), indicator_of(r)),
            sort="trang-thai",
            sort_by=lambda r: _severity(assessment_of(r, window)),
        ),
    ]


def indicator_row_columns(row_of, *, window, name_width=44):
    """One indicator in one place (``row_of`` gives the dashboard row): its latest figure, target and status.

    The target and status are those of the plan period the page compares against (``window``).
    """

    def on_row(getter):
        return _via(row_of, getter)

    columns = [
        *indicator_columns(on_row(lambda r: r.indicator), width=name_width),
        *latest_columns(gettext_lazy("Mới nhất"), row_of),
    ]
    columns += assessment_columns(
        window,
        lambda x, w: row_of(x).assessment(w) if row_of(x) is not None else None,
        on_row(lambda r: r.indicator),
    )
    return columns


def count_columns(counts_of, link_of):
    """One column per status, worst first: how many places stand there, linked to them (``link_of``)."""
    columns = []
    for key, label in COUNT_KEYS:

        def tally(r, key=key):
            return next(t for t in counts_of(r) if t.key == key)

        columns.append(
            Column(
                label,
                11,
                lambda r, tally=tally: tally(r).count,
                COUNT,
                cell_html=lambda r, query, tally=tally: html.count_link(tally(r), query, **link_of(r)),
                header_html=format_html('<span class="status status-{}">{}</span>', key, label),
                css_class="num",
                sort=key.replace("_", "-"),
            )
        )
    return columns


def _indicator_link(summary):
    return {"indicator": summary.indicator, "place": None}


def _place_link(item):
    return {"indicator": None, "place": item.place}


def _summary_is_demo(summary):
    return summary.is_demo


# --- the dashboard tables, exported as the page shows them ---------------------------------------


def indicator_rows_table(rows, *, scope, window):
    """Rows of one place (a province, or the nation): latest figure, then target and status of ``window``."""
    columns = indicator_row_columns(lambda r: r, window=window)
    columns.append(demo_column(lambda r: r.is_demo))
    return Table(
        _("%(name)s: các chỉ số so với chỉ tiêu giai đoạn %(period)s") % {"name": scope, "period": window},
        columns,
        list(rows),
        is_demo=lambda r: r.is_demo,
        empty=gettext_lazy("Không có chỉ số nào khớp với bộ lọc."),
    )


@dataclass(frozen=True)
class TaskLine:
    """One line of a directive's table: a task with one of its indicators, or alone with its report."""

    task: object
    row: object = None  # the indicator's dashboard row, when the task has one
    report: object = None  # the latest qualitative report, on the task's first line


def task_lines(blocks):
    for task, rows, report in blocks:
        if not rows:
            yield TaskLine(task, None, report)
        for i, row in enumerate(rows):
            yield TaskLine(task, row, report if i == 0 else None)


def directive_tasks_table(blocks, *, directive, place, window):
    """The directive page as it is shown: numbered tasks, the indicators under each, their status.

    The page shows the task and its report around a table of the task's indicators
    (``task_parts``); the workbook has them as columns of one table.
    """
    columns = [
        Column(gettext_lazy("Nhiệm vụ"), 9, lambda line: line.task.number, page=False),
        Column(gettext_lazy("Nội dung"), 40, lambda line: line.task.heading, wrap=True, page=False),
        *indicator_row_columns(lambda line: line.row, window=window, name_width=36),
        Column(
            gettext_lazy("Tiến độ nhiệm vụ"),
            16,
            lambda line: line.report.get_progress_display() if line.report else "",
            page=False,
        ),
        Column(
            gettext_lazy("Đánh giá"),
            36,
            lambda line: line.report.narrative if line.report else "",
            wrap=True,
            page=False,
        ),
        demo_column(lambda line: _line_is_demo(line)),
    ]
    title = _("%(directive)s: nhiệm vụ, chỉ số và trạng thái (%(place)s)") % {
        "directive": directive.display_number,
        "place": place.full_label if place else _("Cả nước"),
    }
    return Table(title, columns, list(task_lines(blocks)), is_demo=_line_is_demo)


def task_parts(table):
    """The directive table cut per task, as the page shows it: [(task, its indicators' lines, report)]."""
    parts = []
    for task, lines in itertools.groupby(table.rows, key=lambda line: line.task):
        lines = list(lines)
        parts.append((task, table.part(line for line in lines if line.row is not None), lines[0].report))
    return parts


def _line_is_demo(line):
    return bool((line.row is not None and line.row.is_demo) or (line.report is not None and line.report.is_demo))


def summary_counts_table(summaries, *, window):
    """The overview's table: for each indicator, how many places stand at each status."""
    columns = [
        indicator_columns(lambda s: s.indicator)[0],
        *count_columns(lambda s: s.counts, _indicator_link),
        demo_column(_summary_is_demo),
    ]
    title = _("Số tỉnh, thành phố theo trạng thái so với chỉ tiêu giai đoạn %(period)s") % {"period": window}
    return Table(title, columns, list(summaries))


def _counts_text(counts):
    """The statuses that have places, as the page lists them: "Đã đạt: 40; Không đạt (quá hạn): 23"."""
    return "; ".join(f"{t.label}: {t.count}" for t in counts if t.count)


def indicator_list_table(summaries, *, as_of, scope, window):
    """The indicator list: the national figure, target and status of ``window``, and places per status.

    The page groups the rows under their category and shows each status under its target;
    the places per status are one cell on the page, and also one column per status in the workbook.
    """
    columns = [
        Column(gettext_lazy("Nhóm"), 20, lambda s: s.indicator.category_name, wrap=True, page=False),
        *indicator_columns(lambda s: s.indicator, width=40, details=True),
        *latest_columns(scope, lambda s: s.national),
    ]
    columns += assessment_columns(
        window, lambda s, w: s.national.assessment(w), lambda s: s.indicator, status_on_page=False
    )
    columns.append(
        Column(
            gettext_lazy("Số tỉnh theo trạng thái (%(period)s)") % {"period": window},
            30,
            lambda s: _counts_text(s.counts),
            wrap=True,
            cell_html=lambda s, query: html.status_counts(
                s.counts, query, s.indicator.get_absolute_url(), nonzero=True
            ),
        )
    )
    columns += [replace(column, page=False) for column in count_columns(lambda s: s.counts, _indicator_link)]
    columns.append(demo_column(_summary_is_demo))
    return Table(
        _("Các chỉ số"),
        columns,
        list(summaries),
        group_by=lambda s: s.indicator.category_name,
        empty=gettext_lazy("Không có chỉ số nào khớp với bộ lọc."),
    )


def place_list_table(places):
    """The province list: for each place, how many indicators stand at each status."""
    columns = [
        Column(gettext_lazy("Mã"), 6, lambda p: p.place.code, page=False),
        Column(
            gettext_lazy("Tỉnh, thành phố"),
            24,
            lambda p: p.place.full_label,
            row_header=True,
            cell_html=lambda p, query: html.place_link(p.place, query, p.is_demo),
            sort="ten",
            sort_by=lambda p: text_key(p.place.short_name),
        ),
        Column(
            gettext_lazy("Vùng"),
            28,
            lambda p: p.place.get_region_display(),
            wrap=True,
            sort="vung",
            sort_by=lambda p: (text_key(p.place.get_region_display()), text_key(p.place.short_name)),
        ),
        *count_columns(lambda p: p.counts, _place_link),
        Column(
            gettext_lazy("Chỉ số có số liệu"),
            11,
            lambda p: p.with_data,
            COUNT,
            cell_template=FRACTION_CELL,
            cell=lambda p: {"n": p.with_data, "m": p.total},
            css_class="num",
            sort="co-so-lieu",
        ),
        Column(gettext_lazy("Tổng số chỉ số"), 11, lambda p: p.total, COUNT, page=False),
        demo_column(lambda p: p.is_demo),
    ]
    return Table(
        _("Tỉnh, thành phố: số chỉ số theo trạng thái"),
        columns,
        list(places),
        is_demo=lambda p: p.is_demo,
        empty=gettext_lazy("Không có tỉnh, thành phố nào khớp với bộ lọc."),
    )


@dataclass(frozen=True)
class RankedRow:
    rank: int | None
    row: object


def ranking_table(ranked, unreported, *, indicator, as_of, window):
    """The indicator page's ranking: the places with a figure in ``as_of``, best first, then the others."""
    rows = [RankedRow(i, r) for i, r in enumerate(ranked, 1)] + [RankedRow(None, r) for r in unreported]
    columns = [
        Column(gettext_lazy("Hạng"), 6, lambda x: x.rank, YEAR, css_class="num", sort="hang"),
        Column(gettext_lazy("Mã"), 6, lambda x: x.row.place.code, page=False),
        Column(
            gettext_lazy("Tỉnh, thành phố"),
            24,
            lambda x: x.row.place.full_label,
            row_header=True,
            cell_html=lambda x, query: html.place_link(x.row.place, query),
            sort="ten",
            sort_by=lambda x: text_key(x.row.place.short_name),
        ),
        Column(
            gettext_lazy("Giá trị năm %(year)s") % {"year": as_of or "—"},
            12,
            lambda x: _figure_value(x.row.current),
            lambda x: number_format_for(x.row.indicator),
            # an unranked place has no figure that year: its latest one is shown under it
            cell_html=lambda x, _query: html.ranked_figure(
                x.row.current,
                x.row.indicator,
                year=as_of,
                latest=x.row.latest if x.rank is None else None,
                is_national=x.row.place is None,
            ),
            sort="gia-tri",
        ),
        excel.coverage_column(gettext_lazy("Số đơn vị cũ báo cáo"), lambda x: x.row.current),
        *excel.figure_columns(lambda x: x.row.latest, lambda x: x.row.indicator, page=False),
        *assessment_columns(window, lambda x, w: x.row.assessment(w), lambda x: x.row.indicator, status_width=30),
        demo_column(lambda x: x.row.is_demo),
    ]
    return Table(
        _("%(name)s: xếp hạng các tỉnh năm %(year)s") % {"name": indicator.name, "year": as_of or "—"},
        columns,
        rows,
        is_demo=lambda x: x.row.is_demo,
        row_class=lambda x: "unreported" if x.rank is None else "",
        empty=gettext_lazy("Không có tỉnh nào khớp với bộ lọc."),
    )


def map_values_table(rows, *, indicator, as_of, window):
    """The overview's compact table beside the province map: each unit's value of ``as_of`` and status.

    The rows are the map's (``dashboards.maps.province_map`` reads the same), best first as in the ranking.
    """
    ranked, unreported = rows
    columns = [
        Column(
            gettext_lazy("Tỉnh, thành phố"),
            24,
            lambda r: r.place.full_label,
            row_header=True,
            cell_html=lambda r, query: html.place_link(r.place, query),
        ),
        Column(
            gettext_lazy("Giá trị năm %(year)s") % {"year": as_of or "—"},
            12,
            lambda r: _figure_value(r.current),
            lambda r: number_format_for(r.indicator),
            cell_html=lambda r, _query: html.figure(r.current, r.indicator, year=as_of, is_national=r.place is None),
        ),
        Column(
            gettext_lazy("Trạng thái (%(period)s)") % {"period": window},
            28,
            lambda r: status_text(r.assessment(window)),
            cell_template=STATUS_BADGE_CELL,
            cell=lambda r: {"a": r.assessment(window), "indicator": r.indicator},
        ),
    ]
    return Table(
        _("%(name)s: giá trị năm %(year)s và trạng thái") % {"name": indicator.name, "year": as_of or "—"},
        columns,
        [*ranked, *unreported],
        is_demo=lambda r: r.is_demo,
        row_class=lambda r: "" if r in ranked else "unreported",
        empty=gettext_lazy("Không có tỉnh nào khớp với bộ lọc."),
    )


def _year_is_demo(year_row):
    return any(f is not None and f.is_demo for f in year_row[1])


def year_series_table(year_rows, places, indicator):
    """The table beside a line chart: one row per year, one column per place (the last may be the nation).

    A figure added up from several units has its "n/m" beside it on the page and in a column of its
    own in the workbook.
    """
    columns = [Column(gettext_lazy("Năm"), 7, lambda r: r[0], YEAR, row_header=True)]
    for index, label in enumerate(places):
        columns += [
            Column(
                label,
                14,
                lambda r, i=index: _figure_value(r[1][i]),
                number_format_for(indicator),
                cell_template=SERIES_FIGURE_CELL,
                cell=lambda r, i=index: {"f": r[1][i]},
                css_class="num",
            ),
            excel.coverage_column(
                gettext_lazy("%(place)s: số đơn vị báo cáo") % {"place": label}, lambda r, i=index: r[1][i]
            ),
        ]
    columns.append(demo_column(_year_is_demo))
    return Table(
        _("%(name)s: số liệu theo năm") % {"name": indicator.name},
        columns,
        list(year_rows),
        is_demo=_year_is_demo,
    )
