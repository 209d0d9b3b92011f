"""The periodic report (báo cáo định kỳ) of one province, or the whole country, for one year.

Rows only: what each sheet of the workbook and each part of the Word document lists. The
figures, their years and statuses are read from the stored assessments the pages read
(``indicators.stored``) through one function, ``load_figures``, so the report, the province sheet
and the pages cannot disagree; ``report_workbook`` below and ``reporting.word`` lay the rows out;
the tests check the rows.

The report is sent by the unit's issuing agency (``provinces.agencies``: the Sở KH&CN from
2025, the Sở TT&TT before; the Ministry for the national report): it names the agency, never
the person who generated the file, who is recorded in the document properties only.

Like the dashboards, the report uses approved figures only; how many figures of the year are
still waiting for approval is stated on the cover.
"""

import datetime
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from directives.models import Directive, Task
from indicators import years as reporting_years
from indicators.models import Indicator, Measurement, Target, TaskReport, WorkflowStatus
from indicators.numbers import display_places, format_vn
from indicators.progress import BEHIND, formula, legend, status_text, tally
from indicators.source_documents import figure_source
from indicators.stored import StoredBoard, stored_year
from indicators.targets import as_period, default_period, plan_periods
from provinces.access import province_for, require
from provinces.agencies import agency_for
from provinces.generations import units_reporting
from provinces.models import Province

from .excel import (
    BORDER,
    CENTER,
    HEADER_FILL,
    LATEST_HEADERS,
    LEFT_WRAP,
    PROVISIONAL_HEADERS,
    YEAR,
    Column,
    Cursor,
    Table,
    demo_column,
    demo_note,
    figure_columns,
    make_cell,
    new_workbook,
    number_format_for,
    precise_format_for,
    producer_name,
    set_print_setup,
    sheet_title,
    target_format,
    text,
    text_height,
    write_table,
)

NATIONAL = "toan-quoc"  # the slug that stands for the whole country in report URLs
DEMO_WORDS = gettext_lazy("Số liệu minh họa, không phải số liệu báo cáo")
NO_REPORT = gettext_lazy("Chưa báo cáo")
NATIONAL_SOURCE = gettext_lazy("Cộng gộp số liệu đã phê duyệt của các tỉnh, thành phố")
# How many indicator rows still print legibly on one A4 page of the yearly matrix; more take two.
MATRIX_ROWS_PER_PAGE = 26
# How many indicator columns of the province sheet print legibly side by side on one A4 page.
PLACE_COLUMNS_PER_PAGE = 7
# Sheet names (31 characters at most) of the regions whose full names are longer.
REGION_SHEETS = {
    Province.Region.NORTHERN_MIDLANDS: gettext_lazy("Trung du, miền núi phía Bắc"),
    Province.Region.CENTRAL_COAST: gettext_lazy("Bắc Trung Bộ, DH miền Trung"),
}


# --- the figures: the one place the report reads the stored assessments -------------------------


@dataclass
class RegionFigures:
    region: object  # Province.Region
    rows: list  # the region's own figure of each indicator (a Row added up over its units)
    places: list  # [(unit, {indicator id: Row})]


@dataclass
class Figures:
    """What the dashboards know for the report: one Row per indicator, and nationally per unit and region."""

    window: object  # targets.Period compared against
    periods: list  # the periods the summary compares against: the one before ``window``, and ``window``
    as_of: int
    rows: list  # one Row per indicator: the unit's own, or the nation's
    places: list = field(default_factory=list)  # nationally: [(unit, {indicator id: Row})]
    regions: list = field(default_factory=list)  # nationally: [RegionFigures]


def report_periods(board):
    """The plan periods a report compares against: that of its year and the one before it (if any has a target)."""
    return [p for p in board.periods if p <= board.window][-2:]


def load_figures(indicators, province, year, window=None):
    """Every Row the report shows, read from the stored assessments as the pages read them (``indicators.stored``).

    The only function of the report that reads figures and statuses: a province's rows as its page
    shows them; nationally the nation's rows (the overview), each unit's (the indicator pages'
    ranking) and each region's (the overview filtered on the region), all as of the year asked (or,
    before any figure of it is approved, the latest year before it) against the plan period
    ``window`` (None: ``targets.default_period``, as the pages open).
    """
    periods = plan_periods()
    window = as_period(window) or default_period(year)
    as_of = stored_year(year) or year
    if province is not None:
        board = StoredBoard(indicators, only=province, as_of=as_of, window=window, periods=periods)
        rows = board.every_indicator({r.indicator.pk: r for r in board.place_rows(province)}, province)
        board.add_series(rows)
        return Figures(board.window, report_periods(board), year, rows)
    board = StoredBoard(indicators, units=units_reporting(year), as_of=as_of, window=window, periods=periods)
    regions = [region for region in Province.Region if any(p.region == region for p in board.places)]
    national, by_region, by_unit = board.country_rows(regions)
    places = [(place, _by_id(board.every_indicator(by_unit[place.pk], place))) for place in board.places]
    regional = [
        RegionFigures(
            region,
            board.every_indicator(by_region[region]),
            [(place, own) for place, own in places if place.region == region],
        )
        for region in regions
    ]
    rows = board.every_indicator(national)
    board.add_series(rows)
    return Figures(board.window, report_periods(board), year, rows, places, regional)


def _by_id(rows):
    return {row.indicator.pk: row for row in rows}


def report_period_choices():
    """The plan periods a report may be compared against ("?target=2025", as the dashboards name them)."""
    return plan_periods()


def report_request(user, slug, year, asked=""):
    """(province or None for the nation, plan period or None, problem or None) of a report asked for.

    The one check of which reports exist, for the workbook, the Word document and the API: the unit
    (``NATIONAL``: the country) and the year it reported, and ``asked`` (``?target=``) a plan period
    with a target. Raises Http404 or PermissionDenied (``provinces.access``) for a unit the user may not report on.
    """
    if slug == NATIONAL:
        province = None
        require(user, "report", None)
        problem = None
        if not reporting_years.FIRST_REPORTING_YEAR <= year <= reporting_years.today().year:
            problem = _("Không có báo cáo năm %(year)s.") % {"year": year}
    else:
        province = province_for(user, slug, "report")
        problem = reporting_years.check_year(province, year)
    window = None
    if not problem and asked:
        periods = {str(p.key): p for p in report_period_choices()}
        window = periods.get(asked) or (as_period(int(asked)) if asked.isdigit() and len(asked) == 4 else None)
        if window not in periods.values():
            problem = _("Không có chỉ tiêu nào thuộc giai đoạn “%(period)s”.") % {"period": asked}
    return province, window, problem


# --- rows -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryRow:
    """One indicator on the summary sheet: where it stands against the targets of the report's periods."""

    number: int
    tasks: str
    indicator: Indicator
    baseline: Decimal | None
    baseline_year: int | None
    figure: object  # the board.Figure the statuses use (the row's latest), or None
    provisional: object  # a newer board.Figure, not complete enough for a status (n/m reporting), or None
    targets: dict  # targets.Period → (target value or None, status text, status key), for each of the periods
    chosen: object  # the board.Assessment against the report's period (the Word report's "behind" list)
    source: str
    is_demo: bool
    is_national: bool = False  # the nation's row: its figures add up provinces, not a merged unit's old units

    @property
    def code(self):
        return self.indicator.code

    @property
    def latest(self):
        return self.figure.value if self.figure else None

    @property
    def latest_year(self):
        return self.figure.year if self.figure else None

    def figure_text(self):
        """The latest figure as the Word report writes it: "55.802 (2024)", "n/m" beside one added up."""
        return figure_text(self.indicator, self.figure, self.is_national)


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


@dataclass(frozen=True)
class TargetLine:
    """A target a directive without numbered tasks set (a Decision's 2025 targets), and where it stands."""

    indicator: Indicator
    target: Target  # its value, and the comparison it writes ("> 80,0")
    deadline: int
    latest: Decimal | None
    latest_year: int | None
    status: str
    status_key: str
    is_demo: bool


@dataclass
class DirectiveSheet:
    directive: Directive
    tasks: list  # [TaskLine]
    targets: list = field(default_factory=list)  # [TargetLine], for a directive with no numbered task

    @property
    def is_empty(self):
        return not self.tasks and not self.targets


@dataclass(frozen=True)
class MatrixRow:
    """One indicator of the yearly data: its value for every year (or, nationally, how many units reported)."""

    number: int | str
    indicator: Indicator
    label: str
    values: dict  # year → Decimal or "n/m"
    sources: str
    is_demo: bool
    counts: bool = False  # the row of "n/m units reported" under a national figure

    @property
    def code(self):
        return "" if self.counts else self.indicator.code


@dataclass(frozen=True)
class Cell:
    """One indicator in one unit on the province sheet: value and year, status, and n/m where added up."""

    value: Decimal | None
    year: int | None
    label: str
    key: str
    coverage: str  # "61/63 tỉnh báo cáo" (``Figure.coverage_text``) where added up, else ""
    provisional: str
    is_demo: bool

    def text(self, indicator):
        value = "—" if self.value is None else format_figure(indicator, self.value)
        lines = [f"{value} ({self.year})" if self.year else value, self.label]
        if self.coverage:
            lines.append(self.coverage)
        if self.provisional:
            lines.append(self.provisional)
        return "\n".join(lines)


@dataclass(frozen=True)
class PlaceLine:
    """One unit (or the nation, a region) on the province sheet: a Cell per indicator."""

    number: int | str
    name: str
    region: str
    cells: dict  # indicator id → Cell
    is_demo: bool
    is_total: bool = False


@dataclass
class RegionSheet:
    region: object
    lines: list  # [PlaceLine]: the region first, then its units


@dataclass
class Report:
    province: Province | None
    year: int
    window: object  # the targets.Period compared against (``?target=``, else ``targets.default_period``)
    periods: list  # the periods the summary compares against: the one before ``window``, and ``window``
    agency: object  # provinces.agencies.Agency: who sends the report
    produced_on: datetime.date
    produced_by: str  # who generated the file: the document properties only
    indicators: list
    directives: list
    summary: list
    directive_sheets: list
    years: list
    matrix: list
    pending: int
    places: list = field(default_factory=list)  # nationally: [PlaceLine], the nation first
    regions: list = field(default_factory=list)  # nationally: [RegionSheet]
    has_demo: bool = False

    @property
    def unit_name(self):
        return self.province.full_label if self.province else _("Toàn quốc")

    @property
    def slug(self):
        return self.province.slug if self.province else NATIONAL

    @property
    def title(self):
        return _("Kết quả thực hiện các chỉ tiêu ứng dụng và phát triển công nghệ thông tin năm %(year)s") % {
            "year": self.year
        }

    @property
    def scope(self):
        return _("%(unit)s — năm %(year)s") % {"unit": self.unit_name, "year": self.year}

    @property
    def year_note(self):
        """What a reader must know when the report's own year has no approved figure yet ("" otherwise)."""
        if self.year in self.years:
            return ""
        return _(
            "Chưa có số liệu năm %(year)s được phê duyệt; các đánh giá dùng số liệu mới nhất đã phê duyệt của "
            "các năm trước."
        ) % {"year": self.year}

    @property
    def counts(self):
        """How many indicators stand at each status against the report's period (progress.tally)."""
        return tally(row.chosen.progress for row in self.summary if row.chosen is not None)

    def places_behind(self, indicator):
        """Nationally, (units short of the target of the report's period, units) for ``indicator``."""
        units = [line for line in self.places if not line.is_total]
        return sum(1 for line in units if line.cells[indicator.pk].key in BEHIND), len(units)

    @property
    def behind(self):
        """Summary rows short of the target of the report's period (progress.BEHIND), worst first."""
        rows = [r for r in self.summary if r.chosen is not None and r.chosen.key in BEHIND]
        return sorted(rows, key=lambda r: (r.chosen.progress.severity, r.number))


def format_figure(indicator, value):
    """A figure written the Vietnamese way with the decimals the workbook shows (55.802; 95,4)."""
    return format_vn(value, *display_places(number_format_for(indicator)))


def figure_text(indicator, figure, is_national=False):
    """ "55.802 (2024)"; added up from several units "70,5 (2024; 61/63 tỉnh báo cáo)"; "—" without a figure."""
    if figure is None or figure.value is None:
        return "—"
    coverage = figure.coverage_text(is_national)
    when = f"{figure.year}; {coverage}" if coverage else str(figure.year)
    return f"{format_figure(indicator, figure.value)} ({when})"


def provisional_text(indicator, figure, is_national=False):
    """ "Tạm tính 2025: 74,97 (30/34 tỉnh báo cáo)": a newer figure not complete enough for a status ("" if none)."""
    if figure is None or figure.value is None:
        return ""
    return _("Tạm tính %(year)s: %(value)s (%(coverage)s)") % {
        "year": figure.year,
        "value": format_figure(indicator, figure.value),
        "coverage": figure.coverage_text(is_national),
    }


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
    value = format_figure(row.indicator, latest.value) if latest else "—"
    year = f" ({latest.year})" if latest else ""
    assessment = row.assessment(window)
    label = str(assessment.progress.label) if assessment else ""
    return f"• {row.indicator.name}: {value}{year} — {label}"


def directive_name(directive):
    """ "Chỉ thị 24-CT/TU" or, without a number, "Chỉ thị của Tỉnh ủy Thái Nguyên": never a code."""
    if directive.number:
        return f"{directive.get_kind_display()} {directive.number}"
    return _("%(kind)s của %(issuer)s") % {
        "kind": directive.get_kind_display(),
        "issuer": str(directive.display_issuer),
    }


def _directives_for(province, year):
    directives = Directive.objects.applicable_to(province, year)
    tasks = Task.objects.select_related("directive").prefetch_related("indicators").order_by("position")
    return list(directives.distinct().select_related("province").prefetch_related(Prefetch("tasks", queryset=tasks)))


def _target_and_status(assessment):
    """(target value, status text, status key, Target or None): the Target writes its comparison ("> 80 %")."""
    target = assessment.target
    return (target.value if target else None, status_text(assessment), assessment.key, target)


def _tasks_column(row, tasks_of, window):
    """The tasks measured by the indicator; failing that, the document whose target applies."""
    if tasks_of.get(row.indicator.pk):
        return "; ".join(tasks_of[row.indicator.pk])
    assessment = row.assessment(window)
    directive = assessment.target.directive if assessment and assessment.target else None
    if directive is not None:
        return _("Chỉ tiêu của %(directive)s") % {"directive": directive_name(directive)}
    return _("Chưa gắn với nhiệm vụ nào")


def _summary_rows(figures, directives, sources):
    tasks_of = defaultdict(list)
    for directive in directives:
        for task in directive.tasks.all():
            for indicator in task.indicators.all():
                tasks_of[indicator.pk].append(_task_label(task))
    result = []
    for number, row in enumerate(figures.rows, 1):
        chosen = row.assessment(figures.window)
        progress = chosen.progress
        if progress.baseline is None:
            others = [row.assessment(p).progress for p in figures.periods if p != figures.window]
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
                tasks=_tasks_column(row, tasks_of, figures.window),
                indicator=row.indicator,
                baseline=progress.baseline,
                baseline_year=progress.baseline_year,
                figure=latest,
                provisional=row.provisional,
                targets={p: _target_and_status(row.assessment(p)) for p in figures.periods},
                chosen=chosen,
                source=source,
                is_demo=row.is_demo,
                is_national=row.place is None,
            )
        )
    return result


def _task_reports(province, year, tasks):
    """Approved reports of the year: {task id: report} for a province, {task id: (Counter, demo)} nationally."""
    reports = TaskReport.objects.filter(task__in=tasks, year=year, status=WorkflowStatus.APPROVED)
    if province is not None:
        return {r.task_id: r for r in reports.filter(province=province)}
    counts = defaultdict(Counter)
    demo = defaultdict(bool)
    for task_id, progress, is_demo in reports.values_list("task_id", "progress", "is_demo"):
        counts[task_id][progress] += 1
        demo[task_id] |= is_demo
    return {task_id: (counter, demo[task_id]) for task_id, counter in counts.items()}


def _task_progress(province, report, units):
    """(progress, narrative, is_demo) of a task: the unit's approved report, or nationally how many units said what."""
    labels = dict(TaskReport.Progress.choices)
    if province is not None:
        if report is None:
            return str(NO_REPORT), "", False
        return str(labels[report.progress]), report.narrative, report.is_demo
    counter, is_demo = report or (Counter(), False)
    parts = [
        _("%(label)s: %(n)s tỉnh") % {"label": labels[key], "n": counter[key]}
        for key in TaskReport.Progress.values
        if counter[key]
    ]
    missing = units - sum(counter.values())
    if missing > 0:
        parts.append(_("%(label)s: %(n)s tỉnh") % {"label": NO_REPORT, "n": missing})
    return "; ".join(parts), "", is_demo


def _directive_sheets(province, year, directives, figures):
    rows_by_indicator = {r.indicator.pk: r for r in figures.rows}
    tasks = [t for d in directives for t in d.tasks.all()]
    reports = _task_reports(province, year, tasks)
    sheets = []
    for directive in directives:
        lines = []
        for task in directive.tasks.all():
            rows = [rows_by_indicator[i.pk] for i in task.indicators.all() if i.pk in rows_by_indicator]
            progress, narrative, report_demo = _task_progress(province, reports.get(task.pk), len(figures.places))
            lines.append(
                TaskLine(
                    number=_line_number(task),
                    title=str(task.display_title),
                    text=str(task.display_text),
                    indicators="\n".join(_indicator_line(r, figures.window) for r in rows),
                    progress=progress,
                    narrative=narrative,
                    is_demo=report_demo or any(r.is_demo for r in rows),
                )
            )
        targets = [] if lines else _directive_targets(directive, figures)
        sheets.append(DirectiveSheet(directive, lines, targets))
    return sheets


def _directive_targets(directive, figures):
    """The targets ``directive`` set that apply here, in each of the report's periods, with their status."""
    lines = []
    for row in figures.rows:
        for period in figures.periods:
            assessment = row.assessment(period)
            target = assessment.target if assessment else None
            if target is None or target.directive_id != directive.pk:
                continue
            figure = assessment.figure
            lines.append(
                TargetLine(
                    indicator=row.indicator,
                    target=target,
                    deadline=target.deadline_year,
                    latest=figure.value if figure else None,
                    latest_year=figure.year if figure else None,
                    status=status_text(assessment),
                    status_key=assessment.key,
                    is_demo=assessment.is_demo,
                )
            )
    return lines


def _year_ranges(years):
    """ "2008–2012, 2015": consecutive years written as a range."""
    years = sorted(years)
    parts, start = [], None
    for index, year in enumerate(years):
        if start is None:
            start = year
        if index + 1 == len(years) or years[index + 1] != year + 1:
            parts.append(str(year) if start == year else f"{start}–{year}")
            start = None
    return ", ".join(parts)


def _sources_text(row, years, sources):
    """Where the figures of a row come from, by source, with the years each covers."""
    by_source = defaultdict(list)
    for year in years:
        figure = row.series.get(year)
        if figure is None or figure.value is None:
            continue
        if figure.is_aggregate:
            if sources is None:
                by_source[str(NATIONAL_SOURCE)].append(year)  # how many reported: the row below says it
                continue
            label = figure.reason or _("Cộng gộp số liệu các đơn vị cũ")
            if not figure.complete:
                label = _("%(label)s (tạm tính: %(coverage)s đơn vị báo cáo)") % {
                    "label": label,
                    "coverage": figure.coverage,
                }
        else:
            source, note = sources.get((row.indicator.pk, year), ("", ""))
            label = "; ".join(part for part in (source, note) if part)
        if label:
            by_source[label].append(year)
    return "\n".join(f"{_year_ranges(ys)}: {label}" for label, ys in by_source.items())


def _matrix(figures, sources, national):
    """The yearly data: one row per indicator, one column per year with a figure, up to the report's year;
    under a row with figures added up from several units, how many reported each year."""
    years = set()
    for row in figures.rows:
        years |= {y for y, f in row.series.items() if y <= figures.as_of and f.value is not None}
    years = sorted(years)
    lines = []
    for number, row in enumerate(figures.rows, 1):
        values = {y: row.series[y].value for y in years if y in row.series and row.series[y].value is not None}
        is_demo = any(row.series[y].is_demo for y in values)
        lines.append(
            MatrixRow(number, row.indicator, row.indicator.name, values, _sources_text(row, years, sources), is_demo)
        )
        # under a figure added up from several units (the nation's; a merged unit's years before 2025), n/m
        coverage = {y: row.series[y].coverage for y in years if y in row.series and row.series[y].is_aggregate}
        if national or coverage:
            label = _("Số đơn vị báo cáo")
            lines.append(MatrixRow("", row.indicator, label, coverage, "", False, counts=True))
    return years, lines


def _cell(row, window):
    assessment = row.assessment(window)
    figure = assessment.figure
    is_national = row.place is None
    return Cell(
        value=figure.value if figure else None,
        year=figure.year if figure else None,
        label=str(assessment.progress.label),
        key=assessment.key,
        coverage=figure.coverage_text(is_national) if figure else "",
        provisional=provisional_text(row.indicator, assessment.newer, is_national),
        is_demo=assessment.is_demo,
    )


def _place_line(number, name, region, rows, window, is_total=False):
    cells = {row.indicator.pk: _cell(row, window) for row in rows}
    return PlaceLine(number, name, region, cells, any(c.is_demo for c in cells.values()), is_total)


def _place_lines(figures):
    lines = [_place_line("", _("Toàn quốc"), "", figures.rows, figures.window, is_total=True)]
    for number, (place, rows) in enumerate(figures.places, 1):
        lines.append(_place_line(number, place.full_label, place.get_region_display(), rows.values(), figures.window))
    return lines


def _region_sheets(figures):
    sheets = []
    for region in figures.regions:
        lines = [_place_line("", _("Toàn vùng"), "", region.rows, figures.window, is_total=True)]
        for number, (place, rows) in enumerate(region.places, 1):
            lines.append(_place_line(number, place.full_label, "", rows.values(), figures.window))
        sheets.append(RegionSheet(region.region, lines))
    return sheets


def build_report(user, province, year, window=None):
    """Everything the periodic report of ``province`` (None: the country) for ``year`` lists.

    ``window`` is the plan period compared against (None: the one the dashboards open on).
    """
    # A unit's report lists what its page lists: the indicators units report (not the national-only ones).
    listed = Indicator.objects.all() if province is None else Indicator.objects.provincial()
    indicators = list(listed.order_by("position", "code"))
    figures = load_figures(indicators, province, year, window)
    if province is not None:
        own = Measurement.objects.published().filter(province=province, year__lte=year)
        found = own.values_list("indicator_id", "year", "source", "source_file", "note")
        sources = {(i, y): (figure_source(s, f), n) for i, y, s, f, n in found}
        pending = Measurement.objects.filter(province=province, year=year).exclude(status=WorkflowStatus.APPROVED)
    else:
        sources = {}
        pending = Measurement.objects.filter(year=year).exclude(status=WorkflowStatus.APPROVED)
    directives = _directives_for(province, year)
    summary = _summary_rows(figures, directives, sources)
    sheets = _directive_sheets(province, year, directives, figures)
    years, matrix = _matrix(figures, sources if province else None, national=province is None)
    places = _place_lines(figures) if province is None else []
    regions = _region_sheets(figures) if province is None else []
    has_demo = (
        any(r.is_demo for r in summary)
        or any(r.is_demo for r in matrix)
        or any(line.is_demo for s in sheets for line in [*s.tasks, *s.targets])
    )
    return Report(
        province=province,
        year=year,
        window=figures.window,
        periods=figures.periods,
        agency=agency_for(province, year),
        produced_on=timezone.localdate(),
        produced_by=producer_name(user),
        indicators=indicators,
        directives=directives,
        summary=summary,
        directive_sheets=sheets,
        years=years,
        matrix=matrix,
        pending=pending.count(),
        places=places,
        regions=regions,
        has_demo=has_demo,
    )


# --- the workbook -------------------------------------------------------------------------------


def summary_columns(periods):
    """The summary sheet's columns: a target and an assessment column for each of the report's periods."""
    compared = []
    for period in periods:
        compared += [
            Column(
                gettext_lazy("Chỉ tiêu %(period)s") % {"period": period},
                11,
                lambda r, p=period: r.targets[p][0],
                lambda r, p=period: target_format(r.targets[p][3], r.indicator),
            ),
            Column(
                gettext_lazy("Đánh giá so với chỉ tiêu %(period)s") % {"period": period},
                24,
                lambda r, p=period: r.targets[p][1],
                wrap=True,
                status=lambda r, p=period: r.targets[p][2],
            ),
        ]
    return [*SUMMARY_COLUMNS_BEFORE, *compared, *SUMMARY_COLUMNS_AFTER]


def code_column():
    """The indicator's code, hidden: a re-import matches rows on it; a reader never sees it."""
    return Column(gettext_lazy("Mã chỉ số"), 4, lambda r: r.code, hidden=True, page=False)


SUMMARY_COLUMNS_BEFORE = [
    Column(gettext_lazy("STT"), 5, lambda r: r.number, YEAR),
    text(gettext_lazy("Nhiệm vụ"), 18, "tasks", wrap=True),
    Column(gettext_lazy("Chỉ số"), 40, lambda r: r.indicator.name, wrap=True),
    Column(gettext_lazy("Đơn vị tính"), 10, lambda r: r.indicator.display_unit, wrap=True),
    Column(gettext_lazy("Năm gốc"), 8, lambda r: r.baseline_year, YEAR),
    Column(gettext_lazy("Giá trị gốc"), 11, lambda r: r.baseline, lambda r: number_format_for(r.indicator)),
    *figure_columns(lambda r: r.figure, lambda r: r.indicator, (gettext_lazy("Giá trị mới nhất"), *LATEST_HEADERS[1:])),
    *figure_columns(lambda r: r.provisional, lambda r: r.indicator, PROVISIONAL_HEADERS),
]

SUMMARY_COLUMNS_AFTER = [
    text(gettext_lazy("Nguồn số liệu"), 32, "source", wrap=True),
    demo_column(lambda r: r.is_demo),
    code_column(),
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

TARGET_COLUMNS = [
    Column(gettext_lazy("Chỉ số"), 44, lambda r: r.indicator.name, wrap=True),
    Column(gettext_lazy("Đơn vị tính"), 10, lambda r: r.indicator.display_unit, wrap=True),
    Column(gettext_lazy("Chỉ tiêu"), 11, lambda r: r.target.value, lambda r: target_format(r.target, r.indicator)),
    Column(gettext_lazy("Hạn"), 7, lambda r: r.deadline, YEAR),
    Column(gettext_lazy("Giá trị đánh giá"), 12, lambda r: r.latest, lambda r: number_format_for(r.indicator)),
    Column(gettext_lazy("Năm"), 7, lambda r: r.latest_year, YEAR),
    Column(gettext_lazy("Đánh giá"), 30, lambda r: r.status, wrap=True, status=lambda r: r.status_key),
    demo_column(lambda r: r.is_demo),
    Column(gettext_lazy("Mã chỉ số"), 4, lambda r: r.indicator.code, hidden=True, page=False),
]


def matrix_columns(years, rows=()):
    """The yearly data: indicator, unit, one column per year (wide enough for its longest figure), sources;
    the code hidden."""
    widths = {}
    for row in rows:
        for year, value in row.values.items():
            shown = value if row.counts else format_figure(row.indicator, value)
            widths[year] = max(widths.get(year, 7), len(str(shown)) + 2)

    def number_format(row):
        return None if row.counts else precise_format_for(row.indicator)

    return [
        Column(gettext_lazy("STT"), 5, lambda r: r.number, YEAR),
        Column(gettext_lazy("Chỉ số"), 38, lambda r: r.label, wrap=True),
        Column(gettext_lazy("Đơn vị tính"), 9, lambda r: "" if r.counts else r.indicator.display_unit, wrap=True),
        *[Column(str(year), widths.get(year, 8), lambda r, y=year: r.values.get(y), number_format) for year in years],
        text(gettext_lazy("Nguồn số liệu"), 30, "sources", wrap=True),
        demo_column(lambda r: r.is_demo),
        code_column(),
    ]


def place_columns(indicators, with_region):
    """The province sheet: a unit per row, an indicator per column (value and year, status, n/m)."""
    columns = [
        Column(gettext_lazy("STT"), 5, lambda r: r.number, YEAR),
        Column(gettext_lazy("Tỉnh, thành phố"), 20, lambda r: r.name, wrap=True),
    ]
    if with_region:
        columns.append(Column(gettext_lazy("Vùng"), 14, lambda r: r.region, wrap=True))
    for indicator in indicators:
        columns.append(
            Column(
                f"{indicator.name} ({indicator.display_unit})",
                17,
                lambda r, i=indicator: r.cells[i.pk].text(i),
                wrap=True,
                status=lambda r, i=indicator: r.cells[i.pk].key,
            )
        )
    columns.append(demo_column(lambda r: r.is_demo))
    return columns


def legend_footer():
    """The status legend with its thresholds, as ``progress.legend`` writes it, under a table."""
    return [(_("Cách đánh giá"), formula(), None)] + [(entry.label, entry.rule, entry.key) for entry in legend()]


COVER_WIDTHS = [5, 13, 27, 13, 12, 42]  # about the width of a portrait A4 page
LEFT = (1, 3)  # the agency's block (columns A–C) and the national motto's (D–F), as Decree 30/2020/NĐ-CP lays them
RIGHT = (4, 6)
SERIF = "Times New Roman"


def _font(size=13, bold=False, italic=False, underline=None):
    return Font(name=SERIF, size=size, bold=bold, italic=italic, underline=underline)


def _two_blocks(cursor, left, right, height=None):
    """One row: ``left`` (text, font) across the agency's block, ``right`` across the motto's."""
    ws = cursor.ws
    cells = [None] * len(COVER_WIDTHS)
    for (first, _last), part in ((LEFT, left), (RIGHT, right)):
        if part is not None and part[0]:
            cells[first - 1] = make_cell(ws, part[0], font=part[1], alignment=CENTER)
    row = cursor.append(cells, height=height)
    for first, last in (LEFT, RIGHT):
        ws.merged_cells.add(f"{get_column_letter(first)}{row}:{get_column_letter(last)}{row}")
    return row


def write_cover(workbook, report, contents):
    """The cover in the layout of Decree 30/2020/NĐ-CP: agency and number top left, national motto and
    place-date top right, the title centred, "Kính gửi", then the report's particulars; "Nơi nhận"
    bottom left and the signature block bottom right."""
    agency = report.agency
    ws = workbook.create_sheet(_("Bìa"))
    for index, width in enumerate(COVER_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    set_print_setup(ws)
    ws.page_setup.orientation = "portrait"
    ws.HeaderFooter.oddFooter.center.text = ""
    cursor = Cursor(ws)
    full = [(1, len(COVER_WIDTHS))]

    _two_blocks(
        cursor, (agency.governing_body, _font(13)), (_("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), _font(13, bold=True))
    )
    _two_blocks(
        cursor,
        (agency.name.upper(), _font(13, bold=True, underline="single")),
        (_("Độc lập - Tự do - Hạnh phúc"), _font(14, bold=True, underline="single")),
    )
    cursor.append([])
    _two_blocks(cursor, (agency.number_line, _font(13)), (agency.place_date_line, _font(14, italic=True)))
    cursor.append([])
    cursor.line([_("BÁO CÁO")], merge=full, font=_font(14, bold=True), alignment=CENTER, height=22)
    cursor.line([report.title], merge=full, font=_font(14, bold=True), alignment=CENTER, height=22)
    cursor.line(
        [_("(so với chỉ tiêu giai đoạn %(period)s)") % {"period": report.window}],
        merge=full,
        font=_font(13, italic=True),
        alignment=CENTER,
    )
    cursor.append([])
    for line in recipient_lines(agency):
        cursor.line([line], merge=full, font=_font(14), alignment=CENTER, height=20)
    cursor.append([])

    status_note = _("Chỉ gồm số liệu đã phê duyệt.")
    if report.year_note:
        status_note += " " + report.year_note
    if report.pending:
        status_note += " " + _("Còn %(n)s số liệu năm %(year)s chưa được phê duyệt nên chưa có trong báo cáo.") % {
            "n": report.pending,
            "year": report.year,
        }
    unit = agency.full_name
    if report.province is None:
        unit = _("%(agency)s (số liệu toàn quốc)") % {"agency": agency.full_name}
    facts = [
        (_("Đơn vị báo cáo"), unit),
        (_("Kỳ báo cáo"), _("Năm %(year)s (01/01/%(year)s – 31/12/%(year)s)") % {"year": report.year}),
        (
            _("Đánh giá so với"),
            _("Chỉ tiêu các giai đoạn %(periods)s (tốc độ tuyến tính từ năm gốc đến hạn chỉ tiêu)")
            % {"periods": ", ".join(str(p) for p in report.periods) or "—"},
        ),
        (_("Số liệu tính đến"), _("ngày %(day)s") % {"day": f"{report.produced_on:%d/%m/%Y}"}),
        (_("Số liệu"), status_note),
    ]
    if report.has_demo:
        facts.append((str(DEMO_WORDS), demo_note()))
    for label, value in facts:
        row = cursor.append(
            [
                make_cell(ws, label, font=_font(12, bold=True), alignment=LEFT_WRAP),
                None,
                make_cell(ws, value, font=_font(12), alignment=LEFT_WRAP),
            ],
            height=text_height(value, sum(COVER_WIDTHS[2:])),
        )
        ws.merged_cells.add(f"A{row}:B{row}")
        ws.merged_cells.add(f"C{row}:{get_column_letter(len(COVER_WIDTHS))}{row}")
    cursor.append([])

    cursor.line([_("Các văn bản chỉ đạo được báo cáo")], merge=full, font=_font(13, bold=True))
    headers = [_("STT"), _("Số hiệu"), _("Cơ quan ban hành"), _("Loại văn bản"), _("Ngày ban hành"), _("Trích yếu")]
    cursor.line(headers, font=_font(12, bold=True), alignment=CENTER, border=BORDER, fill=HEADER_FILL)
    for number, directive in enumerate(report.directives, 1):
        issued = f"{directive.issued_on:%d/%m/%Y}" if directive.issued_on else ""
        values = [
            number,
            str(directive.display_number),
            str(directive.display_issuer),
            directive.get_kind_display(),
            issued,
            str(directive.display_title),
        ]
        cursor.line(
            values,
            font=_font(12),
            alignment=LEFT_WRAP,
            border=BORDER,
            height=text_height(str(directive.display_title), COVER_WIDTHS[-1]),
        )
    if not report.directives:
        cursor.line([_("Chưa có văn bản nào.")], merge=full, font=_font(12, italic=True))
    untracked = [directive_name(s.directive) for s in report.directive_sheets if s.is_empty]
    if untracked:
        note = _("%(directives)s: chưa có nhiệm vụ được đánh số hay chỉ tiêu định lượng trong hệ thống.") % {
            "directives": ", ".join(untracked)
        }
        cursor.line([note], merge=full, font=_font(12, italic=True), alignment=LEFT_WRAP, height=text_height(note, 100))
    cursor.append([])

    cursor.line([_("Nội dung báo cáo")], merge=full, font=_font(13, bold=True))
    for number, (name, description) in enumerate(contents, 1):
        cursor.line(
            [number, name, description],
            merge=[(3, len(COVER_WIDTHS))],
            font=_font(12),
            alignment=LEFT_WRAP,
            height=text_height(description, sum(COVER_WIDTHS[2:])),
        )
    cursor.append([])
    write_closing(cursor, agency)
    return ws


def recipient_lines(agency):
    """ "Kính gửi: X." for one recipient; "Kính gửi:" then "- X;" lines for several (Decree 30's usage)."""
    if len(agency.recipients) == 1:
        return [_("Kính gửi: %(recipient)s.") % {"recipient": agency.recipients[0]}]
    last = len(agency.recipients) - 1
    return [_("Kính gửi:")] + [f"- {r}{'.' if i == last else ';'}" for i, r in enumerate(agency.recipients)]


def signature_lines(agency):
    """The signature block, top to bottom: the title lines, room to sign, the name ("" if not set)."""
    return [*agency.signer_title, "", "", "", agency.signer_name]


def distribution_lines(agency):
    return [line if line.startswith("-") else f"- {line}" for line in agency.distribution]


def write_closing(cursor, agency):
    """ "Nơi nhận:" with its list bottom left, the signature block bottom right, row by row."""
    left = [(_("Nơi nhận:"), _font(12, bold=True, italic=True))]
    left += [(line, _font(11)) for line in distribution_lines(agency)]
    right = [(line, _font(14, bold=True)) for line in signature_lines(agency)]
    ws = cursor.ws
    for index in range(max(len(left), len(right))):
        cells = [None] * len(COVER_WIDTHS)
        if index < len(left) and left[index][0]:
            cells[0] = make_cell(ws, left[index][0], font=left[index][1], alignment=Alignment(horizontal="left"))
        if index < len(right) and right[index][0]:
            cells[RIGHT[0] - 1] = make_cell(ws, right[index][0], font=right[index][1], alignment=CENTER)
        row = cursor.append(cells, height=18)
        for first, last in (LEFT, RIGHT):
            ws.merged_cells.add(f"{get_column_letter(first)}{row}:{get_column_letter(last)}{row}")


def _directive_table(sheet, scope, demo):
    directive = sheet.directive
    issued = _("ban hành ngày %(day)s") % {"day": f"{directive.issued_on:%d/%m/%Y}"} if directive.issued_on else ""
    period = ""
    if directive.period_start or directive.period_end:
        period = _("giai đoạn %(start)s–%(end)s") % {
            "start": directive.period_start or "…",
            "end": directive.orientation_year or directive.period_end or "…",
        }
    heading = f"{directive_name(directive)} — {directive.display_issuer}"
    notes = [str(directive.display_title)]
    details = ", ".join(part for part in (issued, period) if part)
    if details:
        notes.append(details[0].upper() + details[1:] + ".")
    if sheet.tasks:
        return Table(
            heading,
            TASK_COLUMNS,
            sheet.tasks,
            subtitle=[_("Tình hình thực hiện: %(scope)s") % {"scope": scope}],
            notes=[*notes, *demo],
            is_demo=lambda r: r.is_demo,
        )
    notes.append(_("Văn bản không có nhiệm vụ được đánh số trong hệ thống; dưới đây là các chỉ tiêu văn bản đặt ra."))
    return Table(
        heading,
        TARGET_COLUMNS,
        sheet.targets,
        subtitle=[_("Các chỉ tiêu của văn bản: %(scope)s") % {"scope": scope}],
        notes=[*notes, *demo],
        is_demo=lambda r: r.is_demo,
        footer=legend_footer(),
    )


def _place_table(report, lines, title, with_region, scope):
    indicators = report.indicators
    keys = ["", "", *([""] if with_region else []), *[i.code for i in indicators], ""]
    return Table(
        title,
        place_columns(indicators, with_region),
        lines,
        subtitle=[
            scope,
            _("So với chỉ tiêu giai đoạn %(period)s; mỗi ô: giá trị (năm), đánh giá, số đơn vị báo cáo khi cộng gộp.")
            % {"period": report.window},
        ],
        notes=[*([demo_note()] if report.has_demo else [])],
        is_demo=lambda r: r.is_demo,
        footer=legend_footer(),
        keys=keys,
        pages_wide=math.ceil(len(indicators) / PLACE_COLUMNS_PER_PAGE) or 1,
        title_columns=2,
    )


def report_workbook(report):
    """The periodic report: cover, summary, (nationally) units and regions, each directive, the yearly data."""
    workbook = new_workbook(
        _("Báo cáo định kỳ %(unit)s năm %(year)s") % {"unit": report.unit_name, "year": report.year}, report.produced_by
    )
    scope = report.scope
    demo = [demo_note()] if report.has_demo else []
    summary = Table(
        _("TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"),
        summary_columns(report.periods),
        report.summary,
        subtitle=[scope],
        notes=[
            _("Giá trị mới nhất là số liệu đã phê duyệt gần nhất tính đến hết năm %(year)s.") % {"year": report.year},
            *([report.year_note] if report.year_note else []),
            *demo,
        ],
        is_demo=lambda r: r.is_demo,
        footer=legend_footer(),
    )
    pages = 1 if len(report.matrix) <= MATRIX_ROWS_PER_PAGE else 2
    data = Table(
        _("SỐ LIỆU CÁC NĂM"),
        matrix_columns(report.years, report.matrix),
        report.matrix,
        subtitle=[scope],
        notes=[
            _("Số liệu đã phê duyệt đến hết năm %(year)s: mỗi dòng một chỉ số, mỗi cột một năm.")
            % {"year": report.year},
            *demo,
        ],
        is_demo=lambda r: r.is_demo,
        pages_tall=pages,
    )
    taken = {_("Bìa")}

    def claim(name):
        title = sheet_title(name, taken)
        taken.add(title)
        return title

    names = {"summary": claim(_("Tổng hợp"))}
    place_tables = []
    if report.province is None:
        place_tables.append(
            (
                claim(_("Tỉnh, thành phố")),
                _place_table(report, report.places, _("KẾT QUẢ THEO TỈNH, THÀNH PHỐ"), True, report.scope),
            )
        )
        for sheet in report.regions:
            label = Province.Region(sheet.region).label
            title = _("KẾT QUẢ VÙNG %(region)s") % {"region": force_str(label).upper()}
            place_tables.append(
                (
                    claim(force_str(REGION_SHEETS.get(sheet.region, label))),
                    _place_table(report, sheet.lines, title, False, _("Năm %(year)s") % {"year": report.year}),
                )
            )
    directive_tables = []
    for sheet in report.directive_sheets:
        if sheet.is_empty:
            continue
        directive = sheet.directive
        name = claim(str(directive.number) if directive.number else directive_name(directive))
        directive_tables.append((name, _directive_table(sheet, scope, demo), sheet))
    names["data"] = claim(_("Số liệu các năm"))

    contents = [
        (
            names["summary"],
            _("Từng chỉ số: năm gốc, giá trị mới nhất, chỉ tiêu và đánh giá theo từng giai đoạn, nguồn; chú giải."),
        ),
        *[
            (name, _("Từng tỉnh, thành phố: giá trị, đánh giá và số đơn vị báo cáo của mỗi chỉ số."))
            if index == 0
            else (name, _("Các tỉnh, thành phố của vùng và số liệu chung của vùng."))
            for index, (name, _table) in enumerate(place_tables)
        ],
        *[
            (
                name,
                _("Các nhiệm vụ của %(heading)s và tình hình thực hiện.") % {"heading": directive_name(sheet.directive)}
                if sheet.tasks
                else _("Các chỉ tiêu của %(heading)s và đánh giá.") % {"heading": directive_name(sheet.directive)},
            )
            for name, _table, sheet in directive_tables
        ],
        (names["data"], _("Số liệu từng năm của từng chỉ số (số liệu gốc của trang Tổng hợp).")),
    ]
    write_cover(workbook, report, contents)
    write_table(workbook, summary, name=names["summary"], freeze_columns=3)
    for name, table in place_tables:
        write_table(workbook, table, name=name, freeze_columns=3 if table.columns[2].header == _("Vùng") else 2)
    for name, table, _sheet in directive_tables:
        write_table(workbook, table, name=name, freeze_columns=2 if table.columns is TASK_COLUMNS else 1)
    write_table(workbook, data, name=names["data"], freeze_columns=3)
    return workbook
