"""The dashboard tables: one Column list per table, for the page and its "Tải Excel" export."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from indicators.progress import COUNT_KEYS, status_text
from indicators.targets import WINDOWS
from reporting.excel import COUNT, YEAR, Column, Table, demo_column, number_format_for

# --- the dashboard tables, exported as the page shows them ---------------------------------------


def _figure_value(figure):
    return figure.value if figure is not None else None


def _figure_format(row):
    return number_format_for(row.indicator)


def _reporting(figure):
    if figure is None or not figure.is_aggregate:
        return ""
    return f"{figure.reporting}/{figure.expected}"


def _target_value(assessment):
    return assessment.target.value if assessment is not None and assessment.target is not None else None


def assessment_columns(window, assessment_of, indicator_of, *, status_width=28):
    """A target column and a status column for one window (2015 or 2020)."""
    return [
        Column(
            gettext_lazy("Chỉ tiêu %(year)s") % {"year": window},
            11,
            lambda r: _target_value(assessment_of(r, window)),
            lambda r: number_format_for(indicator_of(r)),
        ),
        Column(
            gettext_lazy("Trạng thái (%(year)s)") % {"year": window},
            status_width,
            lambda r: status_text(assessment_of(r, window)),
            wrap=True,
        ),
    ]


def count_columns(counts_of):
    """One column per status, worst first: how many places stand there."""
    columns = []
    for key, label in COUNT_KEYS:
        columns.append(Column(label, 11, lambda r, key=key: next(t.count for t in counts_of(r) if t.key == key), COUNT))
    return columns


def indicator_rows_table(rows, *, title, subtitle=(), notes=()):
    """Rows of one place (a province, or the nation): latest figure, then target and status per window."""
    columns = [
        Column(gettext_lazy("Chỉ số"), 44, lambda r: r.indicator.name, wrap=True),
        Column(gettext_lazy("Đơn vị tính"), 10, lambda r: r.indicator.display_unit, wrap=True),
        Column(gettext_lazy("Mới nhất"), 12, lambda r: _figure_value(r.latest), _figure_format),
        Column(gettext_lazy("Năm"), 7, lambda r: r.latest.year if r.latest else None, YEAR),
        Column(gettext_lazy("Số đơn vị báo cáo"), 10, lambda r: _reporting(r.latest)),
    ]
    for window in WINDOWS:
        columns += assessment_columns(window, lambda r, w: r.assessment(w), lambda r: r.indicator)
    columns.append(demo_column(lambda r: r.is_demo))
    return Table(title, columns, rows, subtitle=list(subtitle), notes=list(notes), is_demo=lambda r: r.is_demo)


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


def directive_tasks_table(blocks, *, title, subtitle=(), notes=()):
    """The directive page as it is shown: numbered tasks, the indicators under each, their status."""

    def on_row(getter):
        return lambda line: getter(line.row) if line.row is not None else None

    columns = [
        Column(gettext_lazy("Nhiệm vụ"), 9, lambda line: line.task.number),
        Column(gettext_lazy("Nội dung"), 40, lambda line: line.task.title or line.task.text, wrap=True),
        Column(gettext_lazy("Chỉ số"), 36, on_row(lambda r: r.indicator.name), wrap=True),
        Column(gettext_lazy("Đơn vị tính"), 10, on_row(lambda r: r.indicator.display_unit), wrap=True),
        Column(
            gettext_lazy("Mới nhất"),
            12,
            on_row(lambda r: _figure_value(r.latest)),
            lambda line: number_format_for(line.row.indicator if line.row is not None else None),
        ),
        Column(gettext_lazy("Năm"), 7, on_row(lambda r: r.latest.year if r.latest else None), YEAR),
    ]
    for window in WINDOWS:
        columns += assessment_columns(
            window,
            lambda line, w: line.row.assessment(w) if line.row is not None else None,
            lambda line: line.row.indicator if line.row is not None else None,
        )
    columns += [
        Column(
            gettext_lazy("Tiến độ nhiệm vụ"),
            16,
            lambda line: line.report.get_progress_display() if line.report else "",
        ),
        Column(gettext_lazy("Đánh giá"), 36, lambda line: line.report.narrative if line.report else "", wrap=True),
        demo_column(lambda line: _line_is_demo(line)),
    ]
    lines = list(task_lines(blocks))
    return Table(title, columns, lines, subtitle=list(subtitle), notes=list(notes), is_demo=_line_is_demo)


def _line_is_demo(line):
    return bool((line.row is not None and line.row.is_demo) or (line.report is not None and line.report.is_demo))


def summary_counts_table(summaries, *, title, subtitle=(), notes=()):
    """The overview's table: for each indicator, how many places stand at each status."""
    columns = [Column(gettext_lazy("Chỉ số"), 44, lambda s: s.indicator.name, wrap=True)]
    columns += count_columns(lambda s: s.counts)
    columns.append(demo_column(lambda s: s.national.is_demo or any(r.is_demo for r in s.rows)))
    return Table(title, columns, summaries, subtitle=list(subtitle), notes=list(notes))


def indicator_list_table(summaries, *, as_of, scope, title, subtitle=(), notes=()):
    """The indicator list: the national figure, targets and statuses, and places per status."""
    columns = [
        Column(gettext_lazy("Nhóm"), 20, lambda s: s.indicator.get_category_display(), wrap=True),
        Column(gettext_lazy("Chỉ số"), 40, lambda s: s.indicator.name, wrap=True),
        Column(gettext_lazy("Đơn vị tính"), 10, lambda s: s.indicator.display_unit, wrap=True),
        Column(
            f"{scope} {as_of or ''}".strip(),
            12,
            lambda s: _figure_value(s.national.current),
            lambda s: number_format_for(s.indicator),
        ),
        Column(gettext_lazy("Số tỉnh báo cáo"), 10, lambda s: _reporting(s.national.current)),
    ]
    for window in WINDOWS:
        columns += assessment_columns(window, lambda s, w: s.national.assessment(w), lambda s: s.indicator)
    columns += count_columns(lambda s: s.counts)
    columns.append(demo_column(lambda s: s.national.is_demo or any(r.is_demo for r in s.rows)))
    return Table(title, columns, summaries, subtitle=list(subtitle), notes=list(notes))


def place_list_table(places, *, title, subtitle=(), notes=()):
    """The province list: for each place, how many indicators stand at each status."""
    columns = [
        Column(gettext_lazy("Mã"), 6, lambda p: p.place.code),
        Column(gettext_lazy("Tỉnh, thành phố"), 24, lambda p: p.place.name),
        Column(gettext_lazy("Vùng"), 28, lambda p: p.place.get_region_display(), wrap=True),
    ]
    columns += count_columns(lambda p: p.counts)
    columns += [
        Column(gettext_lazy("Chỉ số có số liệu"), 11, lambda p: p.with_data, COUNT),
        Column(gettext_lazy("Tổng số chỉ số"), 11, lambda p: len(p.rows), COUNT),
        demo_column(lambda p: p.is_demo),
    ]
    return Table(title, columns, places, subtitle=list(subtitle), notes=list(notes), is_demo=lambda p: p.is_demo)


@dataclass(frozen=True)
class RankedRow:
    rank: int | None
    row: object


def ranking_table(ranked, unreported, *, as_of, window, title, subtitle=(), notes=()):
    """The indicator page's ranking: the places with a figure in ``as_of``, best first, then the others."""
    rows = [RankedRow(i, r) for i, r in enumerate(ranked, 1)] + [RankedRow(None, r) for r in unreported]
    columns = [
        Column(gettext_lazy("Hạng"), 6, lambda x: x.rank, YEAR),
        Column(gettext_lazy("Mã"), 6, lambda x: x.row.place.code),
        Column(gettext_lazy("Tỉnh, thành phố"), 24, lambda x: x.row.place.name),
        Column(
            gettext_lazy("Giá trị năm %(year)s") % {"year": as_of},
            12,
            lambda x: _figure_value(x.row.current),
            lambda x: number_format_for(x.row.indicator),
        ),
        Column(
            gettext_lazy("Mới nhất"),
            12,
            lambda x: _figure_value(x.row.latest),
            lambda x: number_format_for(x.row.indicator),
        ),
        Column(gettext_lazy("Năm"), 7, lambda x: x.row.latest.year if x.row.latest else None, YEAR),
        Column(gettext_lazy("Số đơn vị cũ báo cáo"), 10, lambda x: _reporting(x.row.current)),
        Column(
            gettext_lazy("Chỉ tiêu %(year)s") % {"year": window},
            11,
            lambda x: _target_value(x.row.assessment(window)),
            lambda x: number_format_for(x.row.indicator),
        ),
        Column(
            gettext_lazy("Trạng thái (%(year)s)") % {"year": window},
            30,
            lambda x: status_text(x.row.assessment(window)),
            wrap=True,
        ),
        demo_column(lambda x: x.row.is_demo),
    ]
    return Table(title, columns, rows, subtitle=list(subtitle), notes=list(notes), is_demo=lambda x: x.row.is_demo)


def year_series_table(year_rows, places, indicator, *, title, subtitle=(), notes=()):
    """The table beside a line chart: one row per year, one column per place (``None``: the nation)."""
    columns = [Column(gettext_lazy("Năm"), 7, lambda r: r[0], YEAR)]
    for index, label in enumerate(places):
        columns.append(Column(label, 14, lambda r, i=index: _figure_value(r[1][i]), number_format_for(indicator)))
    columns.append(demo_column(lambda r: any(f is not None and f.is_demo for f in r[1])))
    return Table(
        title,
        columns,
        year_rows,
        subtitle=list(subtitle),
        notes=list(notes),
        is_demo=lambda r: any(f is not None and f.is_demo for f in r[1]),
    )
