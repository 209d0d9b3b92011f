"""The periodic report (báo cáo định kỳ) of one province, or the whole country, for one year.

Rows only: what each sheet of the workbook lists, built from ``indicators.dashboard`` (the
targets, series and statuses the dashboards show) so the report and the pages agree.
``indicators.excel`` turns them into a workbook; the tests check the rows.

Like the dashboards, the report uses approved figures only; how many figures of the year are
still waiting for approval is stated on the cover.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from directives.models import Directive, Task
from indicators import board as dashboard
from indicators.models import Indicator, Measurement, TaskReport, WorkflowStatus
from indicators.numbers import format_vn
from indicators.progress import formula, legend_text, status_text
from provinces.generations import units_reporting
from provinces.models import Province

from .excel import (
    BOLD,
    BORDER,
    CENTER,
    HEADER_FILL,
    LEFT_WRAP,
    NOTE_FONT,
    SUBTITLE_FONT,
    YEAR,
    Column,
    Cursor,
    Table,
    demo_column,
    demo_note,
    integral_format,
    make_cell,
    new_workbook,
    number_format_for,
    precise_format_for,
    producer_name,
    set_print_setup,
    sheet_title,
    text,
    text_height,
    write_table,
)

NATIONAL = "toan-quoc"  # the slug that stands for the whole country in report URLs


@dataclass(frozen=True)
class SummaryRow:
    """One indicator on the summary sheet: where it stands against the targets of the report's periods."""

    number: int
    tasks: str
    indicator: Indicator
    baseline: Decimal | None
    baseline_year: int | None
    latest: Decimal | None
    latest_year: int | None
    targets: dict  # targets.Period → (target value or None, status text), for each of the report's periods
    source: str
    is_demo: bool


@dataclass(frozen=True)
class TaskLine:
    """One numbered task of a directive, with its indicators and its qualitative report for the year."""

    number: str
    title: str
    text: str
    indicators: str
    progress: str
    narrative: str
    is_demo: bool


@dataclass
class DirectiveSheet:
    directive: Directive
    tasks: list


@dataclass(frozen=True)
class DataRow:
    """One yearly figure behind the summary."""

    year: int
    indicator: Indicator
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    reporting: str
    source: str
    note: str
    is_demo: bool


@dataclass
class Report:
    province: Province | None
    year: int
    window: object  # the targets.Period of the report's year (``targets.default_period``)
    periods: list  # the periods the summary compares against: the one before ``window``, and ``window``
    produced_on: datetime.date
    produced_by: str
    directives: list
    summary: list
    directive_sheets: list
    data: list
    pending: int
    has_demo: bool = False
    notes: list = field(default_factory=list)

    @property
    def unit_name(self):
        return self.province.name if self.province else _("Toàn quốc")

    @property
    def slug(self):
        return self.province.slug if self.province else NATIONAL


def _task_label(task):
    number = task.directive.display_number
    if task.section == Task.Section.RECOMMENDATION:
        return _("%(directive)s: kiến nghị %(number)s") % {"directive": number, "number": task.number}
    return _("%(directive)s: nhiệm vụ %(number)s") % {"directive": number, "number": task.number}


def _line_number(task):
    if task.section == Task.Section.RECOMMENDATION:
        return _("Kiến nghị %(number)s") % {"number": task.number}
    return task.number


def _indicator_line(row, window):
    latest = row.latest
    value = format_vn(latest.value) if latest else "—"
    year = f" ({latest.year})" if latest else ""
    assessment = row.assessment(window)
    label = str(assessment.progress.label) if assessment else ""
    return f"• {row.indicator.name}: {value}{year} — {label}"


def _directives_for(province, year):
    directives = Directive.objects.applicable_to(province, year)
    tasks = Task.objects.select_related("directive").prefetch_related("indicators").order_by("position")
    return list(directives.distinct().select_related("province").prefetch_related(Prefetch("tasks", queryset=tasks)))


def report_periods(board):
    """The plan periods a report compares against: that of its year and the one before it (if any has a target)."""
    return [p for p in board.periods if p <= board.window][-2:]


def _target_and_status(assessment):
    return (assessment.target.value if assessment.target else None, status_text(assessment))


def _summary_rows(board, rows, directives, sources, periods):
    tasks_of = defaultdict(list)
    for directive in directives:
        for task in directive.tasks.all():
            for indicator in task.indicators.all():
                tasks_of[indicator.pk].append(_task_label(task))
    result = []
    for number, row in enumerate(rows, 1):
        chosen = row.assessment(board.window)
        progress = chosen.progress
        if progress.baseline is None:
            others = [row.assessment(p).progress for p in periods if p != board.window]
            progress = next((p for p in others if p.baseline is not None), progress)
        latest = row.latest
        if latest is None:
            source = ""
        elif latest.is_aggregate:
            source = _("Cộng gộp từ %(coverage)s đơn vị") % {"coverage": latest.coverage}
        else:
            source = sources.get((row.indicator.pk, latest.year), ("", ""))[0]
        result.append(
            SummaryRow(
                number=number,
                tasks="; ".join(tasks_of.get(row.indicator.pk, [])),
                indicator=row.indicator,
                baseline=progress.baseline,
                baseline_year=progress.baseline_year,
                latest=latest.value if latest else None,
                latest_year=latest.year if latest else None,
                targets={p: _target_and_status(row.assessment(p)) for p in periods},
                source=source,
                is_demo=row.is_demo,
            )
        )
    return result


def _task_reports(province, year, tasks):
    """Approved reports of the year: {task id: report} for a province, {task id: Counter} nationally."""
    reports = TaskReport.objects.filter(task__in=tasks, year=year, status=WorkflowStatus.APPROVED)
    if province is not None:
        return {r.task_id: r for r in reports.filter(province=province)}
    counts = defaultdict(Counter)
    demo = defaultdict(bool)
    for task_id, progress, is_demo in reports.values_list("task_id", "progress", "is_demo"):
        counts[task_id][progress] += 1
        demo[task_id] |= is_demo
    return {task_id: (counter, demo[task_id]) for task_id, counter in counts.items()}


def _directive_sheets(province, year, directives, rows_by_indicator, window):
    tasks = [t for d in directives for t in d.tasks.all()]
    reports = _task_reports(province, year, tasks)
    labels = dict(TaskReport.Progress.choices)
    sheets = []
    for directive in directives:
        lines = []
        for task in directive.tasks.all():
            rows = [rows_by_indicator[i.pk] for i in task.indicators.all() if i.pk in rows_by_indicator]
            report = reports.get(task.pk)
            if province is not None:
                progress = str(labels[report.progress]) if report else ""
                narrative = report.narrative if report else ""
                report_demo = bool(report and report.is_demo)
            elif report:
                counter, report_demo = report
                progress = "; ".join(
                    _("%(label)s: %(n)s tỉnh") % {"label": labels[key], "n": counter[key]}
                    for key in TaskReport.Progress.values
                    if counter[key]
                )
                narrative = ""
            else:
                progress, narrative, report_demo = "", "", False
            if not report and not rows:
                progress = _("Chưa có báo cáo được phê duyệt")
            lines.append(
                TaskLine(
                    number=_line_number(task),
                    title=str(task.display_title),
                    text=str(task.display_text),
                    indicators="\n".join(_indicator_line(r, window) for r in rows),
                    progress=progress,
                    narrative=narrative,
                    is_demo=report_demo or any(r.is_demo for r in rows),
                )
            )
        sheets.append(DirectiveSheet(directive, lines))
    return sheets


def _yearly_data(board, rows, sources=None):
    """Every yearly figure behind the summary, up to the report's year.

    A province's own figures carry their source and note (``sources``); figures added up from
    several units (the nation, or the units merged into a current one) say how many reported and
    why there is no value where there is none; years nobody reported are left out nationally.
    """
    data = []
    for row in rows:
        for year, figure in row.series.items():
            if year > board.as_of or (sources is None and figure.reporting == 0 and figure.value is None):
                continue
            source, note = (sources or {}).get((row.indicator.pk, year), ("", ""))
            if figure.is_aggregate:
                fallback = _("Cộng gộp số liệu các đơn vị cũ") if sources is not None else ""
                note = note or figure.reason or fallback
            data.append(
                DataRow(
                    year,
                    row.indicator,
                    figure.value,
                    figure.numerator,
                    figure.denominator,
                    figure.coverage,
                    source,
                    note,
                    figure.is_demo,
                )
            )
    return data


def build_report(user, province, year):
    """Everything the periodic report of ``province`` (None: the country) for ``year`` lists."""
    indicators = list(Indicator.objects.order_by("position", "code"))
    if province is not None:
        board = dashboard.Board.load(indicators, only=[province], as_of=year)
        rows = [board.row(indicator, province) for indicator in indicators]
        own = Measurement.objects.published().filter(province=province, year__lte=year)
        sources = {(i, y): (s, n) for i, y, s, n in own.values_list("indicator_id", "year", "source", "note")}
        pending = Measurement.objects.filter(province=province, year=year).exclude(status=WorkflowStatus.APPROVED)
    else:
        units = units_reporting(year)
        board = dashboard.Board.load(indicators, units=units, as_of=year)
        rows = [board.national_row(indicator) for indicator in indicators]
        sources = {}
        pending = Measurement.objects.filter(year=year).exclude(status=WorkflowStatus.APPROVED)
    directives = _directives_for(province, year)
    rows_by_indicator = {r.indicator.pk: r for r in rows}
    periods = report_periods(board)
    summary = _summary_rows(board, rows, directives, sources, periods)
    data = _yearly_data(board, rows, sources if province else None)
    sheets = _directive_sheets(province, year, directives, rows_by_indicator, board.window)
    has_demo = (
        any(r.is_demo for r in summary)
        or any(r.is_demo for r in data)
        or any(line.is_demo for s in sheets for line in s.tasks)
    )
    return Report(
        province=province,
        year=year,
        window=board.window,
        periods=periods,
        produced_on=timezone.localdate(),
        produced_by=producer_name(user),
        directives=directives,
        summary=summary,
        directive_sheets=sheets,
        data=data,
        pending=pending.count(),
        has_demo=has_demo,
    )


def national_report_allowed(user):
    """Who may download the national report: any signed-in user.

    It holds the national aggregates of approved figures, exactly what the national dashboards
    show every signed-in user; a report also records who produced it, so it always needs a login,
    even when PUBLIC_DASHBOARDS opens the dashboards to everyone.
    """
    return user.is_authenticated and user.is_active


# --- the periodic report ------------------------------------------------------------------------


def summary_columns(periods):
    """The summary sheet's columns: a target and an assessment column for each of the report's periods."""
    compared = []
    for period in periods:
        compared += [
            Column(
                gettext_lazy("Chỉ tiêu %(period)s") % {"period": period},
                11,
                lambda r, p=period: r.targets[p][0],
                lambda r: number_format_for(r.indicator),
            ),
            Column(
                gettext_lazy("Đánh giá so với chỉ tiêu %(period)s") % {"period": period},
                24,
                lambda r, p=period: r.targets[p][1],
                wrap=True,
            ),
        ]
    return [*SUMMARY_COLUMNS_BEFORE, *compared, *SUMMARY_COLUMNS_AFTER]


SUMMARY_COLUMNS_BEFORE = [
    Column(gettext_lazy("STT"), 5, lambda r: r.number, YEAR),
    text(gettext_lazy("Nhiệm vụ"), 18, "tasks", wrap=True),
    Column(gettext_lazy("Chỉ số"), 40, lambda r: r.indicator.name, wrap=True),
    Column(gettext_lazy("Đơn vị tính"), 10, lambda r: r.indicator.display_unit, wrap=True),
    Column(gettext_lazy("Năm gốc"), 8, lambda r: r.baseline_year, YEAR),
    Column(gettext_lazy("Giá trị gốc"), 11, lambda r: r.baseline, lambda r: number_format_for(r.indicator)),
    Column(gettext_lazy("Giá trị mới nhất"), 11, lambda r: r.latest, lambda r: number_format_for(r.indicator)),
    Column(gettext_lazy("Năm"), 7, lambda r: r.latest_year, YEAR),
]

SUMMARY_COLUMNS_AFTER = [
    text(gettext_lazy("Nguồn số liệu"), 32, "source", wrap=True),
    demo_column(lambda r: r.is_demo),
]

TASK_COLUMNS = [
    text(gettext_lazy("Số TT"), 9, "number", wrap=True),
    text(gettext_lazy("Nhiệm vụ"), 26, "title", wrap=True),
    text(gettext_lazy("Nội dung"), 60, "text", wrap=True),
    text(gettext_lazy("Chỉ số đo lường: giá trị mới nhất — đánh giá"), 46, "indicators", wrap=True),
    text(gettext_lazy("Tiến độ trong năm"), 18, "progress", wrap=True),
    text(gettext_lazy("Đánh giá của đơn vị"), 40, "narrative", wrap=True),
    demo_column(lambda r: r.is_demo),
]

DATA_COLUMNS = [
    Column(gettext_lazy("Năm"), 7, lambda r: r.year, YEAR),
    Column(gettext_lazy("Mã chỉ số"), 22, lambda r: r.indicator.code),
    Column(gettext_lazy("Chỉ số"), 40, lambda r: r.indicator.name, wrap=True),
    Column(gettext_lazy("Đơn vị tính"), 10, lambda r: r.indicator.display_unit, wrap=True),
    Column(gettext_lazy("Giá trị"), 12, lambda r: r.value, lambda r: precise_format_for(r.indicator)),
    Column(gettext_lazy("Tử số"), 12, lambda r: r.numerator, lambda r: integral_format(r.numerator)),
    Column(gettext_lazy("Mẫu số"), 12, lambda r: r.denominator, lambda r: integral_format(r.denominator)),
    text(gettext_lazy("Số đơn vị báo cáo"), 11, "reporting"),
    text(gettext_lazy("Nguồn số liệu"), 34, "source", wrap=True),
    text(gettext_lazy("Ghi chú"), 34, "note", wrap=True),
    demo_column(lambda r: r.is_demo),
]

COVER_WIDTHS = [6, 18, 16, 30, 14, 60]


def write_cover(workbook, report, contents):
    ws = workbook.create_sheet(_("Bìa"))
    for index, width in enumerate(COVER_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    set_print_setup(ws)
    cursor = Cursor(ws)
    full = [(1, len(COVER_WIDTHS))]
    cursor.line([_("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")], merge=full, font=BOLD, alignment=CENTER)
    cursor.line(
        [_("Độc lập – Tự do – Hạnh phúc")], merge=full, font=Font(bold=True, underline="single"), alignment=CENTER
    )
    cursor.append([])
    cursor.line([_("BÁO CÁO ĐỊNH KỲ")], merge=full, font=Font(bold=True, size=18), alignment=CENTER, height=28)
    cursor.line(
        [_("Kết quả thực hiện các chỉ tiêu ứng dụng và phát triển công nghệ thông tin")],
        merge=full,
        font=SUBTITLE_FONT,
        alignment=CENTER,
    )
    cursor.line(
        [_("%(unit)s — năm %(year)s") % {"unit": report.unit_name, "year": report.year}],
        merge=full,
        font=SUBTITLE_FONT,
        alignment=CENTER,
    )
    cursor.append([])

    unit = report.unit_name
    if report.province is not None:
        unit = f"{report.province.name} ({_('mã')} {report.province.code}, {report.province})"
    status_note = _("Chỉ gồm số liệu đã phê duyệt.")
    if report.pending:
        status_note += " " + _("Còn %(n)s số liệu năm %(year)s chưa được phê duyệt nên chưa có trong báo cáo.") % {
            "n": report.pending,
            "year": report.year,
        }
    facts = [
        (_("Đơn vị báo cáo"), unit),
        (_("Kỳ báo cáo"), _("Năm %(year)s (01/01/%(year)s – 31/12/%(year)s)") % {"year": report.year}),
        (
            _("Đánh giá so với"),
            _("Chỉ tiêu các giai đoạn %(periods)s (tốc độ tuyến tính từ năm gốc đến hạn chỉ tiêu)")
            % {"periods": ", ".join(str(p) for p in report.periods) or "—"},
        ),
        (_("Ngày lập"), f"{report.produced_on:%d/%m/%Y}"),
        (_("Người lập"), report.produced_by),
        (_("Số liệu"), status_note),
    ]
    if report.has_demo:
        facts.append((_("Số liệu minh họa"), demo_note()))
    for label, value in facts:
        row = cursor.append(
            [make_cell(ws, label, font=BOLD, alignment=LEFT_WRAP), None, make_cell(ws, value, alignment=LEFT_WRAP)],
            height=text_height(value, sum(COVER_WIDTHS[2:])),
        )
        ws.merged_cells.add(f"A{row}:B{row}")
        ws.merged_cells.add(f"C{row}:{get_column_letter(len(COVER_WIDTHS))}{row}")
    cursor.append([])

    cursor.line([_("Các văn bản chỉ đạo được báo cáo")], merge=full, font=SUBTITLE_FONT)
    headers = [_("STT"), _("Số hiệu"), _("Loại văn bản"), _("Cơ quan ban hành"), _("Ngày ban hành"), _("Trích yếu")]
    cursor.line(headers, font=BOLD, alignment=CENTER, border=BORDER, fill=HEADER_FILL)
    for number, directive in enumerate(report.directives, 1):
        issued = f"{directive.issued_on:%d/%m/%Y}" if directive.issued_on else ""
        values = [
            number,
            str(directive.display_number),
            directive.get_kind_display(),
            str(directive.display_issuer),
            issued,
            str(directive.display_title),
        ]
        cursor.line(values, alignment=LEFT_WRAP, border=BORDER, height=text_height(values[-1], 60))
    if not report.directives:
        cursor.line([_("Chưa có văn bản nào.")], merge=full, font=NOTE_FONT)
    cursor.append([])

    cursor.line([_("Nội dung báo cáo")], merge=full, font=SUBTITLE_FONT)
    for number, (name, description) in enumerate(contents, 1):
        cursor.line(
            [number, name, None, description],
            merge=[(2, 3), (4, len(COVER_WIDTHS))],
            alignment=LEFT_WRAP,
            height=text_height(description, sum(COVER_WIDTHS[3:])),
        )
    return ws


def report_workbook(report):
    """The periodic report: cover, summary, one sheet per directive, the yearly data."""
    workbook = new_workbook(
        _("Báo cáo định kỳ %(unit)s năm %(year)s") % {"unit": report.unit_name, "year": report.year}, report.produced_by
    )
    scope = _("%(unit)s — năm %(year)s") % {"unit": report.unit_name, "year": report.year}
    demo = [demo_note()] if report.has_demo else []
    summary = Table(
        _("TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"),
        summary_columns(report.periods),
        report.summary,
        subtitle=[scope],
        notes=[
            _("Giá trị mới nhất là số liệu đã phê duyệt gần nhất tính đến hết năm %(year)s.") % {"year": report.year},
            formula(),
            legend_text(),
            *demo,
        ],
        is_demo=lambda r: r.is_demo,
    )
    data = Table(
        _("SỐ LIỆU CÁC NĂM"),
        DATA_COLUMNS,
        report.data,
        subtitle=[scope],
        notes=[
            _("Số liệu đã phê duyệt đến hết năm %(year)s, mỗi dòng một chỉ số trong một năm.") % {"year": report.year},
            *demo,
        ],
        is_demo=lambda r: r.is_demo,
    )
    taken = {_("Bìa")}
    names = {"summary": sheet_title(_("Tổng hợp"), taken)}
    taken.add(names["summary"])
    directive_tables = []
    for sheet in report.directive_sheets:
        directive = sheet.directive
        name = sheet_title(str(directive.display_number) if directive.number else directive.slug, taken)
        taken.add(name)
        issued = _("ban hành ngày %(day)s") % {"day": f"{directive.issued_on:%d/%m/%Y}"} if directive.issued_on else ""
        period = ""
        if directive.period_start or directive.period_end:
            period = _("giai đoạn %(start)s–%(end)s") % {
                "start": directive.period_start or "…",
                "end": directive.orientation_year or directive.period_end or "…",
            }
        heading = f"{directive.get_kind_display()} {directive.number}".strip() + f" — {directive.display_issuer}"
        notes = [str(directive.display_title)]
        details = ", ".join(part for part in (issued, period) if part)
        if details:
            notes.append(details[0].upper() + details[1:] + ".")
        if not sheet.tasks:
            notes.append(
                _(
                    "Văn bản này chưa có nhiệm vụ được đánh số trong hệ thống; các chỉ tiêu của văn bản "
                    "được đánh giá ở trang “Tổng hợp”."
                )
            )
        if sheet.tasks:
            notes += demo
        table = Table(
            heading,
            TASK_COLUMNS,
            sheet.tasks,
            subtitle=[_("Tình hình thực hiện: %(scope)s") % {"scope": scope}],
            notes=notes,
            is_demo=lambda r: r.is_demo,
        )
        directive_tables.append((name, table))
    names["data"] = sheet_title(_("Số liệu các năm"), taken)

    contents = [
        (
            names["summary"],
            _("Từng chỉ số: năm gốc, giá trị mới nhất, chỉ tiêu và đánh giá theo từng giai đoạn, nguồn."),
        ),
        *[
            (name, _("Các nhiệm vụ của %(heading)s và tình hình thực hiện.") % {"heading": table.title})
            for name, table in directive_tables
        ],
        (names["data"], _("Số liệu từng năm của từng chỉ số (số liệu gốc của trang Tổng hợp).")),
    ]
    write_cover(workbook, report, contents)
    write_table(workbook, summary, name=names["summary"], freeze_columns=3)
    for name, table in directive_tables:
        write_table(workbook, table, name=name, freeze_columns=2)
    write_table(workbook, data, name=names["data"], freeze_columns=3)
    return workbook
