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

from directives.models import Directive, Task
from provinces.models import MERGER_DATE, Province

from . import dashboard
from .entry import applicable_directives
from .models import Indicator, Measurement, TaskReport, WorkflowStatus
from .numbers import format_vn
from .progress import Status

NATIONAL = "toan-quoc"  # the slug that stands for the whole country in report URLs
# Statuses whose pace means something to a reader (a negative pace only restates "deteriorating").
PACED = {Status.ON_TRACK, Status.NEEDS_ATTENTION, Status.OFF_TRACK}
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class SummaryRow:
    """One indicator on the summary sheet: where it stands against the 2015 and 2020 targets."""

    number: int
    tasks: str
    indicator: Indicator
    baseline: Decimal | None
    baseline_year: int | None
    latest: Decimal | None
    latest_year: int | None
    target_2015: Decimal | None
    status_2015: str
    target_2020: Decimal | None
    status_2020: str
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
    window: int
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


def status_text(assessment):
    """The status with the numbers behind it, for a cell that has no hover."""
    if assessment is None:
        return ""
    progress = assessment.progress
    parts = [str(progress.label)]
    if assessment.target is not None and assessment.target.deadline_year != assessment.window:
        parts.append(_("hạn %(year)s") % {"year": assessment.target.deadline_year})
    if progress.pace is not None and progress.status in PACED:
        parts.append(_("tốc độ %(pace)s%% yêu cầu") % {"pace": format_vn((progress.pace * HUNDRED).quantize(1))})
    elif progress.reason:
        parts.append(progress.reason)
    return " · ".join(parts)


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


def _directives_for(province, rows):
    if province is None:
        directives = Directive.objects.filter(province__isnull=True)
    else:
        target_directives = {a.target.directive_id for r in rows for a in r.assessments if a.target}
        directives = applicable_directives(province) | Directive.objects.filter(pk__in=target_directives)
    tasks = Task.objects.select_related("directive").prefetch_related("indicators").order_by("position")
    return list(directives.distinct().select_related("province").prefetch_related(Prefetch("tasks", queryset=tasks)))


def _summary_rows(board, rows, directives, sources):
    tasks_of = defaultdict(list)
    for directive in directives:
        for task in directive.tasks.all():
            for indicator in task.indicators.all():
                tasks_of[indicator.pk].append(_task_label(task))
    result = []
    for number, row in enumerate(rows, 1):
        chosen = row.assessment(board.window)
        first, second = row.assessment(2015), row.assessment(2020)
        progress = chosen.progress
        if progress.baseline is None:
            other = second if chosen is first else first
            progress = other.progress
        latest = row.latest
        if latest is None:
            source = ""
        elif latest.is_aggregate:
            source = _("Cộng gộp từ %(n)s/%(total)s đơn vị") % {"n": latest.reporting, "total": latest.expected}
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
                target_2015=first.target.value if first.target else None,
                status_2015=status_text(first),
                target_2020=second.target.value if second.target else None,
                status_2020=status_text(second),
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
                    title=task.title,
                    text=task.text,
                    indicators="\n".join(_indicator_line(r, window) for r in rows),
                    progress=progress,
                    narrative=narrative,
                    is_demo=report_demo or any(r.is_demo for r in rows),
                )
            )
        sheets.append(DirectiveSheet(directive, lines))
    return sheets


def _province_data(board, rows, sources):
    data = []
    for row in rows:
        for year, figure in row.series.items():
            if year > board.as_of:
                continue
            source, note = sources.get((row.indicator.pk, year), ("", ""))
            reporting = ""
            if figure.is_aggregate:
                reporting = f"{figure.reporting}/{figure.expected}"
                note = note or figure.reason or _("Cộng gộp số liệu các đơn vị cũ")
            data.append(
                DataRow(
                    year,
                    row.indicator,
                    figure.value,
                    figure.numerator,
                    figure.denominator,
                    reporting,
                    source,
                    note,
                    figure.is_demo,
                )
            )
    return data


def _national_data(board, rows):
    data = []
    for row in rows:
        for year, figure in row.series.items():
            if year > board.as_of or (figure.reporting == 0 and figure.value is None):
                continue
            data.append(
                DataRow(
                    year,
                    row.indicator,
                    figure.value,
                    figure.numerator,
                    figure.denominator,
                    f"{figure.reporting}/{figure.expected}",
                    "",
                    figure.reason,
                    figure.is_demo,
                )
            )
    return data


def producer_name(user):
    return user.get_full_name() or user.get_username()


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
        units = dashboard.Units.CURRENT if year >= MERGER_DATE.year else dashboard.Units.LEGACY
        board = dashboard.Board.load(indicators, units=units, as_of=year)
        rows = [board.national_row(indicator) for indicator in indicators]
        sources = {}
        pending = Measurement.objects.filter(year=year).exclude(status=WorkflowStatus.APPROVED)
    directives = _directives_for(province, rows)
    rows_by_indicator = {r.indicator.pk: r for r in rows}
    summary = _summary_rows(board, rows, directives, sources)
    data = _province_data(board, rows, sources) if province else _national_data(board, rows)
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


# --- the full data export ---------------------------------------------------------------------


@dataclass(frozen=True)
class ExportRow:
    """One published figure of one unit, as the full data export lists it."""

    province_code: str
    province_name: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    year: int
    indicator_code: str
    indicator_name: str
    unit: str
    is_count: bool
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    source: str
    note: str
    is_demo: bool
    updated_at: datetime.datetime | None

    @property
    def validity(self):
        end = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else _("nay")
        return f"{self.valid_from:%d/%m/%Y}–{end}"


EXPORT_FIELDS = (
    "province__code",
    "province__name",
    "province__valid_from",
    "province__valid_to",
    "year",
    "indicator__code",
    "indicator_id",
    "value",
    "numerator",
    "denominator",
    "source",
    "note",
    "is_demo",
    "updated_at",
)


def export_queryset():
    """Every published figure of every unit, in a stable order (one query, streamed)."""
    return (
        Measurement.objects.published()
        .order_by("province__valid_from", "province__code", "indicator__position", "indicator__code", "year")
        .values_list(*EXPORT_FIELDS)
    )


def export_rows(queryset=None, chunk_size=2000):
    """ExportRow per figure, read with ``.iterator()`` so memory does not grow with the row count."""
    # Names and units resolved once per indicator, not once per row.
    indicators = {i.pk: (i.name, str(i.display_unit), i.unit == Indicator.Unit.COUNT) for i in Indicator.objects.all()}
    queryset = export_queryset() if queryset is None else queryset
    for (
        code,
        name,
        valid_from,
        valid_to,
        year,
        indicator_code,
        indicator_id,
        value,
        numerator,
        denominator,
        source,
        note,
        is_demo,
        updated_at,
    ) in queryset.iterator(chunk_size=chunk_size):
        indicator_name, unit, is_count = indicators[indicator_id]
        yield ExportRow(
            code,
            name,
            valid_from,
            valid_to,
            year,
            indicator_code,
            indicator_name,
            unit,
            is_count,
            value,
            numerator,
            denominator,
            source,
            note,
            is_demo,
            timezone.localtime(updated_at).replace(tzinfo=None) if updated_at else None,
        )


def export_has_demo():
    return Measurement.objects.published().filter(is_demo=True).exists()
