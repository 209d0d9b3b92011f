"""What the dashboards show, computed: the target that applies, the series of each place, its status.

The status itself is ``indicators.progress.compute`` and adding figures up is
``indicators.aggregation``; this module only chooses their inputs and works in Python on what
a few queries load (provinces, targets, figures). It runs when the data changes, for the stored
rows (``indicators.assessments``, which also checks them); pages, their exports and the periodic
report read those rows (``indicators.stored``), never a live ``Board``.

Choices made here, pinned by tests/test_dashboard_status.py:

- which target applies is ``indicators.targets.TargetBook``; the plan starts at the target's
  baseline year, else at its directive's period start (``targets.plan_start``);
- a figure added up from several units (the nation, or the units merged in 2025) feeds a status
  only when every unit reported, so a missing unit does not read as a fall. Such a figure, newer
  than the one the status uses, is shown as provisional with its "n/m" (``Row.provisional``);
- a row's ``latest`` figure and every ``Assessment`` of it are computed from the same usable
  figures, so a page can never show a figure of one year beside a status of another.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from provinces.generations import Units, in_generation
from provinces.models import Province

from .aggregation import Aggregate, aggregate, roll_up
from .models import Indicator, Measurement
from .progress import Progress, compute, matches, status_key, status_text, tally
from .targets import TargetBook, as_period, default_period, plan_periods, plan_start


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
        strict=target.strict,
    )


# --- figures and rows --------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One yearly figure of one place: as reported, or added up from several units (``aggregate``)."""

    year: int
    value: Decimal | None
    province: Province | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    is_demo: bool = False
    aggregate: Aggregate | None = None  # set on figures added up from several units
    approved_at: datetime.datetime | None = None  # the latest approval behind it (its own, or its units')

    @classmethod
    def added_up(cls, year, result, figures=()):
        approved = [f.approved_at for f in figures if f.approved_at is not None]
        return cls(
            year,
            result.value,
            None,
            result.numerator,
            result.denominator,
            result.is_demo,
            result,
            max(approved, default=None),
        )

    @property
    def is_aggregate(self):
        return self.aggregate is not None

    @property
    def reporting(self):
        return self.aggregate.reporting if self.aggregate else None

    @property
    def expected(self):
        return self.aggregate.expected if self.aggregate else None

    @property
    def reason(self):
        return self.aggregate.reason if self.aggregate else ""

    @property
    def coverage(self):
        """ "61/63" on a figure added up from several units, "" on a unit's own."""
        return self.aggregate.coverage if self.aggregate else ""

    def coverage_text(self, is_national=False):
        """ "61/63 tỉnh báo cáo" (``Aggregate.coverage_text``) on a figure added up from several units, else ""."""
        return self.aggregate.coverage_text(is_national) if self.aggregate else ""

    @property
    def complete(self):
        return self.aggregate is None or self.aggregate.complete

    @property
    def usable(self):
        """Whether a status may use it (see the module docstring)."""
        return self.value is not None and self.complete


@dataclass(frozen=True)
class Assessment:
    """One indicator in one place against the target of one plan period: what every page and export shows.

    ``figure`` is the figure the status was computed from (its year is ``progress.latest_year``);
    the headline, the badge, its tooltip, the Excel cell and the chart all read it from here.
    """

    window: object  # the targets.Period compared against
    target: object  # Target | None
    progress: Progress
    figure: Figure | None
    is_demo: bool
    newer: Figure | None = None  # a newer figure the status could not use yet (incomplete: n/m reporting)
    higher_is_better: bool = True

    @property
    def gap(self):
        """How far the figure the status used is from the target, in the indicator's unit; 0 once met.

        None without a target or a figure. The overview's "behind" lists show it beside the value and target.
        """
        if self.target is None or self.figure is None or self.figure.value is None:
            return None
        short = self.target.value - self.figure.value
        return max(short if self.higher_is_better else -short, Decimal(0))

    @property
    def status(self):
        return self.progress.status

    @property
    def year(self):
        return self.figure.year if self.figure else None

    @property
    def key(self):
        return status_key(self.progress)

    @property
    def text(self):
        return status_text(self)


@dataclass
class Row:
    """One indicator in one place (``place`` None: the nation, or the region filtered on)."""

    indicator: Indicator
    place: Province | None
    series: dict  # year → Figure
    as_of: int | None
    latest: Figure | None  # the latest figure a status may use, up to the year asked
    provisional: Figure | None  # a newer figure, not complete enough to feed a status (n/m reporting)
    assessments: list = field(default_factory=list)  # one Assessment per plan period, in period order
    window: object = None  # the targets.Period the page is about

    @property
    def current(self):
        """The figure of the year asked, if any (it may carry a reason instead of a value)."""
        return self.series.get(self.as_of)

    @property
    def unresolved(self):
        """The figure of the year asked when units reported but it cannot be computed (``Figure.reason``,
        with its n/m): pages and exports show why in place of an older provisional figure."""
        current = self.current
        return current if current is not None and current.value is None and current.reporting else None

    @property
    def pending(self):
        """What stands after the latest figure a status may use: the year asked's figure that cannot be
        computed (``unresolved``), else a newer provisional one, else None."""
        return self.unresolved or self.provisional

    @property
    def newest(self):
        """The newest figure with a value: the provisional one if there is one, else the latest."""
        return self.provisional or self.latest

    @property
    def chosen(self):
        return self.assessment(self.window)

    def assessment(self, window):
        """The Assessment against ``window``: a Period, or any year in it (2015 is 2011–2015)."""
        window = as_period(window)
        for item in self.assessments:
            if item.window == window:
                return item
        return None

    @property
    def is_demo(self):
        newest = self.newest
        return bool((newest and newest.is_demo) or any(a.is_demo for a in self.assessments))

    def years(self, until=None):
        return sorted(y for y in self.series if until is None or y <= until)


def make_row(indicator, place, series, as_of, targets, window=None, periods=None):
    """The Row of ``series`` ({year: Figure}) with one Assessment per plan period, all from the same figures.

    ``periods`` default to those of ``targets``; ``window`` (the page's period) is always among them.
    """
    window = as_period(window)
    periods = sorted(set(targets.periods() if periods is None else periods) | ({window} if window else set()))
    shown = {year: f for year, f in series.items() if as_of is None or year <= as_of}
    usable = {year: f for year, f in shown.items() if f.usable}
    latest = usable[max(usable)] if usable else None
    newer = [f for year, f in shown.items() if f.value is not None and (latest is None or year > latest.year)]
    provisional = max(newer, key=lambda f: f.year) if newer else None
    values = {year: f.value for year, f in usable.items()}
    assessments = []
    for each in periods:
        target = targets.applicable(indicator, place, each)
        progress = assess(indicator, values, target, as_of)
        figure = usable.get(progress.latest_year)
        used = [f for f in (figure, usable.get(progress.baseline_year)) if f is not None]
        is_demo = bool((target and target.is_demo) or any(f.is_demo for f in used))
        higher = indicator.direction == Indicator.Direction.HIGHER
        assessments.append(Assessment(each, target, progress, figure, is_demo, provisional, higher))
    return Row(indicator, place, series, as_of, latest, provisional, assessments, window)


def status_counts(rows, window):
    """``progress.tally`` of the rows' statuses against the target of ``window``."""
    return tally(row.assessment(window).progress for row in rows)


def matches_status(row, wanted, window):
    """``progress.matches``: ``wanted`` is a status key, "behind", or empty."""
    return matches(row.assessment(window).progress, wanted)


# --- loading a page's data ---------------------------------------------------------------------


class Board:
    """Every figure and target a page needs, loaded once; rows are computed from it in Python.

    ``places`` are the units shown (the 63 legacy ones, or the 34 current ones whose earlier
    years are rolled up from their predecessors); ``region`` narrows the national figure to one
    region of those units.
    """

    def __init__(
        self, indicators, places, *, provinces, figures, targets, as_of=None, window=None, region="", periods=None
    ):
        self.indicators = list(indicators)
        self.places = list(places)
        self.provinces = {p.pk: p for p in provinces}
        self.region = region
        self.targets = targets  # a TargetBook
        self._figures = defaultdict(dict)  # (indicator id, province id) → {year: Figure}
        self._by_year = defaultdict(lambda: defaultdict(list))  # indicator id → year → [Figure]
        for indicator_id, province_id, year, value, numerator, denominator, is_demo, approved_at in figures:
            province = self.provinces[province_id]
            figure = Figure(year, value, province, numerator, denominator, is_demo, None, approved_at)
            self._figures[indicator_id, province_id][year] = figure
            self._by_year[indicator_id][year].append(figure)
        self.years = sorted({y for by_year in self._by_year.values() for y in by_year})
        # The period compared against: the one asked, else the calendar's (the year asked may take an earlier one).
        self.window = as_period(window) or default_period(as_of)
        self.as_of = as_of if as_of is not None else self._latest_year()
        # The plan periods compared against: every one with a target (the page's own may have none).
        periods = self.targets.periods() if periods is None else list(periods)
        self.periods = sorted(set(periods) | {self.window})
        self._rolled = {}
        self._units_by_year = {}
        self._added_up = {}

    @classmethod
    def load(cls, indicators, *, units=Units.LEGACY, region="", only=None, as_of=None, window=None, periods=None):
        """Four queries: every unit, the indicators' targets, the published figures needed, the plan periods.

        ``periods`` (default ``targets.plan_periods()``, every period any target falls due in) are
        the ones compared against; every page opens on the same ``default_period`` (the calendar's).

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
            places = [p for p in provinces if in_generation(p, units) and (not region or p.region == region)]
            places.sort(key=lambda p: p.code)
        return cls(
            indicators,
            places,
            provinces=provinces,
            figures=list(figures.figures()),
            targets=TargetBook.load(indicators),
            as_of=as_of,
            window=window,
            region=region,
            periods=plan_periods() if periods is None else periods,
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

    def _rolled_up(self, indicator):
        """{successor id: {year: Figure}}: the legacy units' figures added up into their successors."""
        if indicator.pk not in self._rolled:
            counts = dict(Counter(p.successor_id for p in self.provinces.values() if p.successor_id))
            rolled = defaultdict(dict)
            for year, figures in self._by_year[indicator.pk].items():
                legacy = [f for f in figures if f.province.successor_id]
                if not legacy:
                    continue
                for successor_id, result in roll_up(indicator, legacy, counts).items():
                    merged = [f for f in legacy if f.province.successor_id == successor_id]
                    rolled[successor_id][year] = Figure.added_up(year, result, merged)
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

    def _in_region(self, province, region, current):
        if not region:
            return True
        if current and province.successor_id:
            province = self.provinces[province.successor_id]
        return province.region == region

    def _reporting_units(self, year, region, current):
        key = (year, region, current)
        if key not in self._units_by_year:
            self._units_by_year[key] = [
                p for p in self.provinces.values() if p.reports_year(year) and self._in_region(p, region, current)
            ]
        return self._units_by_year[key]

    def _national_figure(self, indicator, year, region, current):
        key = (indicator.pk, year, region, current)
        if key not in self._added_up:
            units = self._reporting_units(year, region, current)
            ids = {p.pk for p in units}
            figures = [f for f in self._by_year[indicator.pk].get(year, []) if f.province.pk in ids]
            self._added_up[key] = Figure.added_up(year, aggregate(indicator, figures, len(units)), figures)
        return self._added_up[key]

    def national_series(self, indicator, as_of=..., *, region=None, current=None):
        """{year: Figure} added up over the units reporting that year (in the region filtered on).

        ``as_of``, ``region`` and ``current`` (whether the units shown are the current ones, whose
        region a merged unit takes) default to the board's own; ``indicators.assessments`` asks for
        every combination of one indicator's board.
        """
        as_of = self.as_of if as_of is ... else as_of
        region = self.region if region is None else region
        current = self.is_current if current is None else current
        result = {}
        years = set(self._by_year[indicator.pk])
        if as_of is not None:
            years.add(as_of)
        for year in sorted(years):
            if not self._reporting_units(year, region, current) and year != as_of:
                continue
            result[year] = self._national_figure(indicator, year, region, current)
        return result

    # rows

    def row(self, indicator, place):
        return make_row(
            indicator, place, self.series(indicator, place), self.as_of, self.targets, self.window, self.periods
        )

    def national_row(self, indicator):
        return make_row(
            indicator, None, self.national_series(indicator), self.as_of, self.targets, self.window, self.periods
        )

    def rows(self, indicator):
        return [self.row(indicator, place) for place in self.places]

    @property
    def has_demo(self):
        if any(f.is_demo for series in self._figures.values() for f in series.values()):
            return True
        return self.targets.has_demo()


# --- what each page shows ----------------------------------------------------------------------


def ranking(rows):
    """Rows with a figure in the year asked, best first; then those without one."""
    with_value = [r for r in rows if r.current is not None and r.current.value is not None]
    without = [r for r in rows if r.current is None or r.current.value is None]
    reverse = True
    if with_value and with_value[0].indicator.direction == Indicator.Direction.LOWER:
        reverse = False
    with_value.sort(key=lambda r: r.current.value, reverse=reverse)
    return with_value, without
