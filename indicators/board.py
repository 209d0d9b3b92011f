"""What the dashboards compute: the target that applies, the series of each place, its status.

The status itself is ``indicators.progress.compute`` and adding figures up is
``indicators.aggregation``; this module only chooses their inputs and loads what one page
needs in a fixed number of queries (provinces, targets, figures), then works in Python.

Choices made here, pinned by tests/test_dashboard_status.py:

- the "2015 target" is the latest target due 2011–2015, the "2020 target" the latest due 2016–2020;
- a province's own target beats a national one, a real target beats a demo one; national targets
  apply to a province only for shares and densities (a national count means nothing locally);
- the plan starts at the target's baseline year, else at its directive's period start;
- a figure added up from several units (the nation, or the units merged in 2025) feeds a status
  only when every unit reported, so a missing unit does not read as a fall.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db import models
from django.utils.translation import gettext_lazy as _

from provinces.models import MERGER_DATE, Province

from .aggregation import aggregate, roll_up
from .models import Indicator, Measurement, Target
from .progress import COUNT_KEYS, compute, matches, status_key, tally

WINDOWS = {2015: (2011, 2015), 2020: (2016, 2020)}


class Units(models.TextChoices):
    LEGACY = "legacy", _("63 tỉnh, thành phố (như đã báo cáo)")
    CURRENT = "current", _("34 tỉnh, thành phố hiện nay (cộng gộp số liệu cũ)")


def default_window(as_of):
    """The first target still ahead of the year asked, else the last one."""
    for window in WINDOWS:
        if as_of is not None and as_of <= window:
            return window
    return max(WINDOWS)


# --- targets -----------------------------------------------------------------------------------


def national_targets_apply(indicator):
    return indicator.unit != Indicator.Unit.COUNT


def choose_target(targets, indicator, province, window):
    """The target of ``indicator`` that applies to ``province`` (None: the nation) in ``window``.

    ``targets`` may hold targets of any indicator and scope. Preference: the province's own real
    target, its own demo target, a national real target, a national demo target; within one of
    those, the latest deadline in the window (a target with no subject first, then the oldest).
    """
    first, last = WINDOWS[window]
    candidates = [t for t in targets if t.indicator_id == indicator.pk and first <= t.deadline_year <= last]
    if province is None:
        tiers = [(None, False), (None, True)]
    else:
        tiers = [(province.pk, False), (province.pk, True)]
        if national_targets_apply(indicator):
            tiers += [(None, False), (None, True)]
    for province_id, is_demo in tiers:
        matches = [t for t in candidates if t.province_id == province_id and t.is_demo == is_demo]
        if matches:
            return max(matches, key=lambda t: (t.deadline_year, t.subject == "", -t.pk))
    return None


def plan_start(target):
    if target.baseline_year is not None:
        return target.baseline_year
    if target.directive_id is not None:
        return target.directive.period_start
    return None


def assess(indicator, values, target, as_of):
    """``progress.compute`` for ``values`` ({year: value}) against ``target`` (may be None)."""
    if target is None:
        return compute(values, None, None, as_of=as_of)
    stated = target.baseline_value is not None and target.baseline_year is not None
    return compute(
        values,
        target.value,
        target.deadline_year,
        higher_is_better=indicator.direction == Indicator.Direction.HIGHER,
        plan_start=plan_start(target),
        baseline=target.baseline_value if stated else None,
        baseline_year=target.baseline_year,
        as_of=as_of,
    )


class TargetBook:
    """Targets indexed by indicator, so choosing one costs no query."""

    def __init__(self, targets):
        self._by_indicator = defaultdict(list)
        for target in targets:
            self._by_indicator[target.indicator_id].append(target)

    def choose(self, indicator, province, window):
        return choose_target(self._by_indicator.get(indicator.pk, ()), indicator, province, window)

    def common(self, indicator, places, window):
        """The one target shared by every place (a national one), or None when they differ."""
        chosen = {self.choose(indicator, place, window) for place in places}
        return chosen.pop() if len(chosen) == 1 else None


# --- figures and rows --------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One yearly figure of one place: as reported, or added up from several units."""

    year: int
    value: Decimal | None
    province: Province | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    is_demo: bool = False
    reporting: int | None = None  # set on figures added up from several units
    expected: int | None = None
    reason: str = ""

    @property
    def is_aggregate(self):
        return self.expected is not None

    @property
    def complete(self):
        return self.expected is None or self.reporting >= self.expected

    @property
    def usable(self):
        """Whether a status may use it (see the module docstring)."""
        return self.value is not None and self.complete


def _from_aggregate(result, year, inputs):
    return Figure(
        year=year,
        value=result.value,
        numerator=result.numerator,
        denominator=result.denominator,
        is_demo=any(f.is_demo for f in inputs),
        reporting=result.reporting,
        expected=result.expected,
        reason=result.reason,
    )


@dataclass(frozen=True)
class Assessment:
    """The status of one indicator in one place against the target of one window."""

    window: int
    target: Target | None
    progress: object  # progress.Progress
    is_demo: bool

    @property
    def status(self):
        return self.progress.status


@dataclass
class Row:
    """One indicator in one place (``place`` None: the nation, or the region filtered on)."""

    indicator: Indicator
    place: Province | None
    series: dict  # year → Figure
    as_of: int | None
    assessments: list = field(default_factory=list)  # one Assessment per window, in window order
    window: int | None = None  # the window the page is about

    @property
    def current(self):
        """The figure of the year asked, if any (it may carry a reason instead of a value)."""
        return self.series.get(self.as_of)

    @property
    def latest(self):
        """The latest figure with a value, up to the year asked."""
        years = [y for y, f in self.series.items() if f.value is not None and (self.as_of is None or y <= self.as_of)]
        return self.series[max(years)] if years else None

    @property
    def chosen(self):
        return self.assessment(self.window)

    def assessment(self, window):
        for item in self.assessments:
            if item.window == window:
                return item
        return None

    @property
    def is_demo(self):
        latest = self.latest
        return bool((latest and latest.is_demo) or any(a.is_demo for a in self.assessments))

    def years(self, until=None):
        return sorted(y for y in self.series if until is None or y <= until)


def worst_first(rows, window):
    def key(row):
        progress = row.assessment(window).progress
        return (progress.severity, progress.pace if progress.pace is not None else Decimal(0), row.place.code)

    return sorted(rows, key=key)


def status_counts(rows, window):
    """``progress.tally`` of the rows' statuses against the target of ``window``."""
    return tally(row.assessment(window).progress for row in rows)


def matches_status(row, wanted, window):
    """``progress.matches``: ``wanted`` is a status key, "behind", or empty."""
    return matches(row.assessment(window).progress, wanted)


# --- loading a page's data ---------------------------------------------------------------------


def _in_generation(province, units):
    if units == Units.CURRENT:
        return province.valid_to is None
    return province.valid_from < MERGER_DATE


class Board:
    """Every figure and target a page needs, loaded once; rows are computed from it in Python.

    ``places`` are the units shown (the 63 legacy ones, or the 34 current ones whose earlier
    years are rolled up from their predecessors); ``region`` narrows the national figure to one
    region of those units.
    """

    def __init__(self, indicators, places, *, provinces, figures, targets, as_of=None, window=None, region=""):
        self.indicators = list(indicators)
        self.places = list(places)
        self.provinces = {p.pk: p for p in provinces}
        self.region = region
        self.targets = TargetBook(targets)
        self._figures = defaultdict(dict)  # (indicator id, province id) → {year: Figure}
        self._by_year = defaultdict(lambda: defaultdict(list))  # indicator id → year → [Figure]
        for indicator_id, province_id, year, value, numerator, denominator, is_demo in figures:
            province = self.provinces[province_id]
            figure = Figure(year, value, province, numerator, denominator, is_demo)
            self._figures[indicator_id, province_id][year] = figure
            self._by_year[indicator_id][year].append(figure)
        self.years = sorted({y for by_year in self._by_year.values() for y in by_year})
        self.as_of = as_of if as_of is not None else self._latest_year()
        self.window = window or default_window(self.as_of)
        self._rolled = {}
        self._units_by_year = {}

    @classmethod
    def load(cls, indicators, *, units=Units.LEGACY, region="", only=None, as_of=None, window=None):
        """Three queries: every unit, the indicators' targets, and the published figures needed.

        The places shown are the units of ``units`` (in ``region``), or the provinces in ``only``.
        With ``only`` just their own figures and their predecessors' are loaded, and there is no
        national figure; otherwise every unit's figures are (the nation adds them all up).
        """
        indicators = list(indicators)
        provinces = list(Province.objects.all())
        figures = Measurement.objects.published().filter(indicator__in=indicators)
        if only is not None:
            ids = {p.pk for p in only}
            places = [p for p in provinces if p.pk in ids]
            ids |= {p.pk for p in provinces if p.successor_id in ids}
            figures = figures.filter(province_id__in=ids)
        else:
            places = [p for p in provinces if _in_generation(p, units) and (not region or p.region == region)]
            places.sort(key=lambda p: p.code)
        targets = Target.objects.filter(indicator__in=indicators).select_related("directive")
        return cls(
            indicators,
            places,
            provinces=provinces,
            figures=list(figures.figures()),
            targets=list(targets),
            as_of=as_of,
            window=window,
            region=region,
        )

    def _latest_year(self):
        shown = {p.pk for p in self.places}
        shown |= {pk for pk, p in self.provinces.items() if p.successor_id in shown}
        years = [y for (_, pid), series in self._figures.items() if pid in shown for y in series]
        return max(years) if years else None

    @property
    def is_current(self):
        return bool(self.places) and all(p.is_current for p in self.places)

    # series

    def _predecessor_counts(self):
        counts = Counter(p.successor_id for p in self.provinces.values() if p.successor_id)
        return dict(counts)

    def _rolled_up(self, indicator):
        """{successor id: {year: Figure}}: the legacy units' figures added up into their successors."""
        if indicator.pk not in self._rolled:
            counts = self._predecessor_counts()
            rolled = defaultdict(dict)
            for year, figures in self._by_year[indicator.pk].items():
                legacy = [f for f in figures if f.province.successor_id]
                if not legacy:
                    continue
                groups = defaultdict(list)
                for f in legacy:
                    groups[f.province.successor_id].append(f)
                for successor_id, result in roll_up(indicator, legacy, counts).items():
                    rolled[successor_id][year] = _from_aggregate(result, year, groups.get(successor_id, []))
            self._rolled[indicator.pk] = rolled
        return self._rolled[indicator.pk]

    def series(self, indicator, place):
        """{year: Figure} of one place; a current unit's earlier years are rolled up from its predecessors."""
        own = self._figures.get((indicator.pk, place.pk), {})
        if not place.is_current:
            return dict(own)
        merged = dict(self._rolled_up(indicator).get(place.pk, {}))
        merged.update(own)  # figures the unit itself reported win
        return dict(sorted(merged.items()))

    def _in_region(self, province):
        if not self.region:
            return True
        if self.is_current and province.successor_id:
            province = self.provinces[province.successor_id]
        return province.region == self.region

    def _reporting_units(self, year):
        if year not in self._units_by_year:
            self._units_by_year[year] = [
                p for p in self.provinces.values() if p.reports_year(year) and self._in_region(p)
            ]
        return self._units_by_year[year]

    def national_series(self, indicator):
        """{year: Figure} added up over the units reporting that year (in the region filtered on)."""
        result = {}
        years = set(self._by_year[indicator.pk])
        if self.as_of is not None:
            years.add(self.as_of)
        for year in sorted(years):
            units = self._reporting_units(year)
            if not units and year != self.as_of:
                continue
            ids = {p.pk for p in units}
            figures = [f for f in self._by_year[indicator.pk].get(year, []) if f.province.pk in ids]
            result[year] = _from_aggregate(aggregate(indicator, figures, len(units)), year, figures)
        return result

    # rows

    def _row(self, indicator, place, series):
        values = {year: f.value for year, f in series.items() if f.usable}
        assessments = []
        for window in WINDOWS:
            target = self.targets.choose(indicator, place, window)
            progress = assess(indicator, values, target, self.as_of)
            used = [series[y] for y in (progress.latest_year, progress.baseline_year) if y in series]
            is_demo = bool((target and target.is_demo) or any(f.is_demo for f in used))
            assessments.append(Assessment(window, target, progress, is_demo))
        return Row(indicator, place, series, self.as_of, assessments, self.window)

    def row(self, indicator, place):
        return self._row(indicator, place, self.series(indicator, place))

    def national_row(self, indicator):
        return self._row(indicator, None, self.national_series(indicator))

    def rows(self, indicator):
        return [self.row(indicator, place) for place in self.places]

    @property
    def has_demo(self):
        if any(f.is_demo for series in self._figures.values() for f in series.values()):
            return True
        return any(t.is_demo for ts in self.targets._by_indicator.values() for t in ts)


# --- what each page shows ----------------------------------------------------------------------


@dataclass
class IndicatorSummary:
    """The national picture of one indicator: the overview's card and the indicator list's row."""

    indicator: Indicator
    national: Row
    rows: list
    window: int
    status: str = ""
    highlight: Row | None = None

    @cached_property
    def counts(self):
        return status_counts(self.rows, self.window)

    def count_of(self, key):
        return next(t.count for t in self.counts if t.key == key)

    @cached_property
    def listed(self):
        """The places the page lists under the indicator: those behind, or those with the status filtered on."""
        wanted = self.status or "behind"
        return worst_first([r for r in self.rows if matches_status(r, wanted, self.window)], self.window)

    @property
    def by_window(self):
        """[(window, national assessment, highlighted place's assessment or None)]."""
        return [
            (a.window, a, self.highlight.assessment(a.window) if self.highlight else None)
            for a in self.national.assessments
        ]


def summaries(board, status="", highlight=None):
    result = []
    for indicator in board.indicators:
        rows = board.rows(indicator)
        highlighted = next((r for r in rows if highlight is not None and r.place.pk == highlight.pk), None)
        summary = IndicatorSummary(indicator, board.national_row(indicator), rows, board.window, status, highlighted)
        if status and not summary.listed:
            continue
        result.append(summary)
    return result


@dataclass
class PlaceSummary:
    """One row of the province list: how many indicators stand at each status."""

    place: Province
    rows: list
    window: int

    @cached_property
    def counts(self):
        return status_counts(self.rows, self.window)

    @property
    def with_data(self):
        return sum(1 for r in self.rows if r.latest is not None)

    @property
    def is_demo(self):
        return any(r.is_demo for r in self.rows)


def place_summaries(board, status=""):
    result = []
    for place in board.places:
        rows = [board.row(indicator, place) for indicator in board.indicators]
        if status and not any(matches_status(r, status, board.window) for r in rows):
            continue
        result.append(PlaceSummary(place, rows, board.window))
    return result


def ranking(rows):
    """Rows with a figure in the year asked, best first; then those without one."""
    with_value = [r for r in rows if r.current is not None and r.current.value is not None]
    without = [r for r in rows if r.current is None or r.current.value is None]
    reverse = True
    if with_value and with_value[0].indicator.direction == Indicator.Direction.LOWER:
        reverse = False
    with_value.sort(key=lambda r: r.current.value, reverse=reverse)
    return with_value, without


# --- chart data (handed to the page through json_script) ---------------------------------------


def _num(value):
    return float(value) if value is not None else None


def _target_points(assessments):
    points = []
    for a in assessments:
        if a.target is None:
            continue
        progress = a.progress
        points.append(
            {
                "window": a.window,
                "year": a.target.deadline_year,
                "value": _num(a.target.value),
                "baselineYear": progress.baseline_year,
                "baseline": _num(progress.baseline),
                "demo": a.target.is_demo,
            }
        )
    return points


def _chart_text():
    return {"target": str(_("Chỉ tiêu")), "demo": str(_("minh họa"))}


def _line(label, series, years, only_usable=False):
    values = []
    for year in years:
        figure = series.get(year)
        ok = figure is not None and figure.value is not None and (figure.usable or not only_usable)
        values.append(_num(figure.value) if ok else None)
    return {"label": label, "values": values}


def series_chart(row, years):
    """One place's line with its targets and the straight path from baseline to each target."""
    return {
        "years": years,
        "lines": [_line(row.place.short_name if row.place else str(_("Cả nước")), row.series, years)],
        "targets": _target_points(row.assessments),
        "unit": row.indicator.unit,
        "text": _chart_text(),
    }


def comparison_chart(rows, years, national=None):
    """Several places' lines (and the national one); targets drawn when they are the same for all."""
    lines = [_line(r.place.short_name, r.series, years) for r in rows]
    if national is not None:
        lines.append({**_line(str(_("Cả nước")), national.series, years, only_usable=True), "national": True})
    if len(rows) == 1:
        targets = _target_points(rows[0].assessments)
    elif national is not None and national_targets_apply(national.indicator):
        targets = _target_points(national.assessments)
    else:
        targets = []
    unit = rows[0].indicator.unit if rows else (national.indicator.unit if national else "")
    return {"years": years, "lines": lines, "targets": targets, "unit": unit, "text": _chart_text()}


def year_table(rows, years):
    """[(year, [the Figure of each row, or None])]: the table beside a line chart."""
    return [(year, [row.series.get(year) for row in rows]) for year in years]


def ranking_chart(ranked, window, common_target, year):
    return {
        "labels": [r.place.short_name for r in ranked],
        "values": [_num(r.current.value) for r in ranked],
        "demo": [r.current.is_demo for r in ranked],
        "statuses": [status_key(r.assessment(window).progress) for r in ranked],
        "statusLabels": [str(r.assessment(window).progress.label) for r in ranked],
        "targets": [_num(r.assessment(window).target.value) if r.assessment(window).target else None for r in ranked],
        "commonTarget": _num(common_target.value) if common_target else None,
        "window": window,
        "unit": ranked[0].indicator.unit if ranked else "",
        "text": {**_chart_text(), "value": str(_("Giá trị năm %(year)s") % {"year": year})},
    }


def status_chart(summaries_, window):
    return {
        "labels": [s.indicator.name for s in summaries_],
        "statuses": [
            {"key": key, "label": str(label), "counts": [s.count_of(key) for s in summaries_]}
            for key, label in COUNT_KEYS
        ],
        "window": window,
        "axis": str(_("Số tỉnh, thành phố")),
    }
