"""What a dashboard page shows, read from the stored assessments with SQL (``indicators.assessments`` writes them).

A ``StoredBoard`` answers what one page or report asks (its places, year asked, plan period,
rows, counts) without loading the country's figures: every row it hands out is a ``board.Row``
with ``board.Assessment``s and ``board.Figure``s rebuilt from one stored line per plan period,
so templates, tables, page exports and the periodic report (``reporting.report.load_figures``)
read the same objects; the live ``board.Board`` only computes and checks the stored lines. Filtering
(units, region, indicators, status), counting per status and the "worst first" lists are SQL;
the number of queries is fixed, and the rows read grow only with what the page lists.

A row carries, in ``series``, only the year asked, unless the page charts it (``with_series``):
then every year up to the one asked, read from the same stored lines (the figure of each year).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, F, Max, Q, Value, Window
from django.db.models.functions import Coalesce, RowNumber

from provinces.generations import Units
from provinces.models import Province

from . import years
from .aggregation import Aggregate
from .assessments import NO_YEAR, area_key, unit_key
from .board import Assessment, Figure, Row
from .models import FIGURE_FIELDS, FIGURES, Indicator, StoredAssessment, Target
from .progress import BEHIND, BEHIND_KEY, COUNT_KEYS, MISSED, Progress, Status, Tally, awaiting_year
from .targets import as_period, default_period

ASSESSMENT_FIELDS = [
    "indicator_id", "place", "province_id", "period", "status", "target_id", "baseline", "baseline_year",
    "distance", "elapsed", "pace", "why", "is_demo", "row_is_demo",
]  # fmt: skip
FIGURE_COLUMNS = [f"{prefix}_{name}" for prefix in FIGURES for name in FIGURE_FIELDS]
ROW_FIELDS = ASSESSMENT_FIELDS + FIGURE_COLUMNS
SERIES_FIELDS = ["indicator_id", "place", "as_of"] + [f"current_{name}" for name in FIGURE_FIELDS]
PROVINCE_FIELDS = ["code", "name", "slug", "kind", "region", "valid_from", "valid_to", "successor_id"]
LISTED = 6  # places an overview card lists under an indicator ("and n others" links to the rest)


def _figure(values, prefix, province):
    year = values[f"{prefix}_year"]
    if year is None:
        return None
    value, numerator, denominator = (values[f"{prefix}_{n}"] for n in ("value", "numerator", "denominator"))
    is_demo, approved_at = values[f"{prefix}_is_demo"], values[f"{prefix}_approved_at"]
    reporting = values[f"{prefix}_reporting"]
    if reporting is None:
        return Figure(year, value, province, numerator, denominator, is_demo, None, approved_at)
    added = Aggregate(
        value,
        reporting,
        values[f"{prefix}_expected"],
        numerator,
        denominator,
        values[f"{prefix}_why"],
        is_demo,
        values[f"{prefix}_missing"],
    )
    return Figure(year, value, None, numerator, denominator, is_demo, added, approved_at)


def _status(key):
    return (Status.OFF_TRACK, True) if key == MISSED else (Status(key), False)


def _assessment(values, window, target, province, provisional, indicator, as_of):
    """The Assessment of one stored line: its status, and the figure that status judged (its own columns)."""
    status, missed = _status(values["status"])
    judged = _figure(values, "judged", province)
    latest_year = judged.year if judged else None
    progress = Progress(
        status,
        target.value if target else None,
        target.deadline_year if target else None,
        values["baseline"],
        values["baseline_year"],
        judged.value if judged else None,
        latest_year,
        values["distance"],
        values["elapsed"],
        values["pace"],
        missed,
        values["why"],
        awaiting_year(target.deadline_year, latest_year, as_of) if target and status != Status.ACHIEVED else None,
    )
    higher = indicator.direction == Indicator.Direction.HIGHER
    return Assessment(window, target, progress, judged, values["is_demo"], provisional, higher)


def _no_target(window, latest, provisional, indicator, why="no_target"):
    """What make_row gives against a period without any target of the indicator (``why`` "no_data": nor a figure)."""
    progress = Progress(
        Status.NOT_ENOUGH_DATA,
        latest=latest.value if latest else None,
        latest_year=latest.year if latest else None,
        why=why,
    )
    higher = indicator.direction == Indicator.Direction.HIGHER
    return Assessment(window, None, progress, latest, bool(latest and latest.is_demo), provisional, higher)


@dataclass
class StoredSummary:
    """The national picture of one indicator (the overview's card, the indicator list's row), counted in SQL.

    ``listed`` holds the first ``LISTED`` places behind (or at the status filtered on), worst first;
    ``listed_count`` how many there are.
    """

    indicator: Indicator
    national: Row
    window: object
    counts: list
    status: str = ""
    highlight: Row | None = None
    listed: list = field(default_factory=list)
    listed_count: int = 0
    is_demo: bool = False

    def count_of(self, key):
        return next(t.count for t in self.counts if t.key == key)

    @property
    def by_window(self):
        return [
            (a.window, a, self.highlight.assessment(a.window) if self.highlight else None)
            for a in self.national.assessments
        ]


@dataclass
class StoredPlaceSummary:
    """One line of the province list: how many indicators of a unit stand at each status, counted in SQL."""

    place: Province
    counts: list
    with_data: int
    total: int
    is_demo: bool


def stored_year(year):
    """The latest year up to ``year`` with stored lines: what a report of ``year`` reads (None: no figure yet).

    A year with no approved figure anywhere has no lines of its own; its report reads the latest
    figures of the years before it, as a page asking no year does.
    """
    found = StoredAssessment.objects.filter(as_of__gt=NO_YEAR, as_of__lte=year)
    return found.aggregate(year=Max("as_of"))["year"]


def _tallies(counter):
    return [Tally(key, label, counter.get(key, 0)) for key, label in COUNT_KEYS]


def _wanted_keys(status):
    """The stored status keys a status filter keeps (None: every one)."""
    if not status:
        return None
    if status == BEHIND_KEY:
        return sorted(BEHIND)
    return [status]


class StoredBoard:
    """One page's view of the stored assessments: its places, year asked, plan period, rows and counts.

    ``places`` are the units of ``units`` (in ``region``), or just ``only`` (a unit's own page);
    ``as_of`` None asks for the latest year any of them reported (of the indicators shown).
    """

    def __init__(self, indicators, *, units=Units.LEGACY, region="", only=None, as_of=None, window=None, periods=()):
        self.indicators = list(indicators)
        self.units = units
        self.region = region
        self.only = only
        self.stored_periods = sorted(periods)
        self.has_demo = False
        self.rows_read = 0  # stored lines and counts fetched: what the bounded-page tests pin
        self.window = as_period(window) or default_period(as_of)
        self.as_of = as_of if as_of is not None else self._latest_year()
        self.periods = sorted(set(self.stored_periods) | {self.window})

    # what the page is about

    @property
    def _ids(self):
        return [i.pk for i in self.indicators]

    @property
    def _year(self):
        return self.as_of if self.as_of is not None else NO_YEAR

    @property
    def _any_period(self):
        """The period whose lines stand for the row (each period's line repeats the row's figures)."""
        return self.stored_periods[0].key if self.stored_periods else 0

    @property
    def _window_stored(self):
        return self.window in self.stored_periods

    def _units_filter(self):
        """The lines of the units shown, by their place keys: the index (as_of, period, place, indicator)
        finds them without joining the units' table."""
        if self.only is not None:
            return Q(place=unit_key(self.only.pk))
        return Q(place__in=[unit_key(p.pk) for p in self.places])

    @property
    def area(self):
        """The place key of the national (or regional) figure the page shows beside its units."""
        return area_key(self.units, self.region)

    def _stored(self):
        return StoredAssessment.objects.filter(as_of=self._year, indicator_id__in=self._ids)

    def _latest_year(self):
        if not self.indicators:
            return None
        found = StoredAssessment.objects.filter(as_of=NO_YEAR, period=self._any_period, indicator_id__in=self._ids)
        latest = found.filter(self._units_filter()).aggregate(year=Max("last_year"))["year"]
        # The calendar's year, the same for every reader: a figure of a year still open for reporting
        # (one unit's early 2026 approval in December 2026) is read when asked for, never by default.
        closed = years.closed_year()
        return latest if latest is None or latest <= closed else stored_year(closed)

    @cached_property
    def places(self):
        """The units shown, by code (one query)."""
        if self.only is not None:
            return [self.only]
        units = Province.objects.current() if self.units == Units.CURRENT else Province.objects.legacy()
        if self.region:
            units = units.filter(region=self.region)
        return list(units.order_by("code", "pk"))

    @property
    def is_current(self):
        return self.units == Units.CURRENT

    # rows

    @staticmethod
    def _targets(lines):
        """{id: Target} of the stored lines (one query, none when they name no target)."""
        return Target.objects.select_related("directive").in_bulk({v["target_id"] for v in lines} - {None})

    def _rows(self, lines, provinces=None, targets=None):
        """{(indicator id, place key): Row} from stored lines (dicts of ROW_FIELDS), their targets in one query."""
        indicators = {i.pk: i for i in self.indicators}
        self.rows_read += len(lines)
        targets = self._targets(lines) if targets is None else targets
        provinces = provinces or {}
        grouped = defaultdict(dict)
        for values in lines:
            grouped[values["indicator_id"], values["place"]][values["period"]] = values
        rows = {}
        for (indicator_id, place), by_period in grouped.items():
            indicator = indicators[indicator_id]
            first = next(iter(by_period.values()))
            province = provinces.get(first["province_id"])
            latest = _figure(first, "latest", province)
            provisional = _figure(first, "provisional", province)
            current = _figure(first, "current", province)
            assessments = []
            for window in self.periods:
                values = by_period.get(window.key)
                if values is None:
                    assessments.append(_no_target(window, latest, provisional, indicator))
                else:
                    target = targets.get(values["target_id"])
                    assessments.append(
                        _assessment(values, window, target, province, provisional, indicator, self.as_of)
                    )
            series = {current.year: current} if current is not None else {}
            row = Row(indicator, province, series, self.as_of, latest, provisional, assessments, self.window)
            self.has_demo = self.has_demo or first["row_is_demo"]
            rows[indicator_id, place] = row
        return rows

    def _read(self, queryset, provinces=None):
        return self._rows(list(queryset.values(*ROW_FIELDS)), provinces)

    def add_series(self, rows):
        """Give ``rows`` their yearly series up to the year asked (one query, bounded by the years)."""
        rows = [r for r in rows if r is not None]
        if not rows:
            return
        keys = {(r.indicator.pk, self._key_of(r)) for r in rows}
        found = StoredAssessment.objects.filter(
            indicator_id__in={k[0] for k in keys},
            place__in={k[1] for k in keys},
            period=self._any_period,
            as_of__gt=NO_YEAR,
        )
        if self.as_of is not None:
            found = found.filter(as_of__lte=self.as_of)
        series = defaultdict(dict)
        by_key = {(r.indicator.pk, self._key_of(r)): r for r in rows}
        for values in found.order_by("as_of").values(*SERIES_FIELDS):
            self.rows_read += 1
            row = by_key.get((values["indicator_id"], values["place"]))
            if row is None:
                continue
            figure = _figure(values, "current", row.place)
            # an added-up figure of a year no unit reported stands only for the year asked
            if figure is not None and (figure.reporting != 0 or figure.year == self.as_of):
                series[values["indicator_id"], values["place"]][figure.year] = figure
        for key, row in by_key.items():
            row.series = {**series.get(key, {}), **row.series}
            row.series = dict(sorted(row.series.items()))

    def every_indicator(self, rows, place=None):
        """[Row] of each indicator in the board's order from ``rows`` ({indicator id: Row}); an indicator
        without a stored line (no figure of ``place`` up to the year asked, a year before any) gets an empty row."""
        return [rows.get(i.pk) or self._empty_row(i, place) for i in self.indicators]

    def _empty_row(self, indicator, place):
        assessments = [_no_target(window, None, None, indicator, why="no_data") for window in self.periods]
        return Row(indicator, place, {}, self.as_of, None, None, assessments, self.window)

    def country_rows(self, regions=()):
        """The nation's rows, each region's and each unit's, as the units shown add up: one read.

        Returns ({indicator id: Row} of the nation, {region: {indicator id: Row}}, {unit id: {indicator id: Row}}).
        """
        areas = {area_key(self.units, region): region for region in regions}
        scope = self._units_filter() | Q(place=self.area) | Q(place__in=list(areas))
        rows = self._read(self._stored().filter(scope), {p.pk: p for p in self.places})
        national, by_region, by_unit = {}, defaultdict(dict), defaultdict(dict)
        for (indicator_id, key), row in rows.items():
            if key == self.area:
                national[indicator_id] = row
            elif key in areas:
                by_region[areas[key]][indicator_id] = row
            else:
                by_unit[row.place.pk][indicator_id] = row
        return national, by_region, by_unit

    def _key_of(self, row):
        return unit_key(row.place.pk) if row.place is not None else self.area

    def place_rows(self, place, indicators=None):
        """[Row] of ``place`` (a unit) for each indicator, in the board's order."""
        chosen = self.indicators if indicators is None else indicators
        rows = self._read(self._stored().filter(place=unit_key(place.pk)), {place.pk: place})
        return [rows[i.pk, unit_key(place.pk)] for i in chosen if (i.pk, unit_key(place.pk)) in rows]

    def national_rows(self):
        """{indicator id: Row} of the nation (or the region), as the page's units add up."""
        rows = self._read(self._stored().filter(place=self.area))
        return {indicator_id: row for (indicator_id, _place), row in rows.items()}

    def indicator_page(self, indicator, compare=()):
        """(rows of every unit shown, by code; the national Row; the Rows of the units in ``compare``): one read.

        The rows are every unit's, whatever the status filter: the page ranks them all, and the
        target common to all of them (``common_target``) is read off them.
        """
        keys = [unit_key(p.pk) for p in compare]
        scope = self._units_filter() | Q(place=self.area) | Q(place__in=keys)
        provinces = {p.pk: p for p in [*self.places, *compare]}
        rows = self._read(self._stored().filter(indicator=indicator).filter(scope), provinces)
        national = rows.get((indicator.pk, self.area))
        compared = [rows[indicator.pk, k] for k in keys if (indicator.pk, k) in rows]
        shown = {p.pk for p in self.places}
        units = [r for (_i, k), r in rows.items() if k != self.area and r.place.pk in shown]
        return sorted(units, key=lambda r: (r.place.code, r.place.pk)), national, compared

    def common_target(self, rows):
        """The one target every row is assessed against in the window (a national one), or None."""
        chosen = {row.assessment(self.window).target for row in rows}
        return chosen.pop() if len(chosen) == 1 else None

    # counts

    def _window_lines(self):
        """The lines of the window (or the lines standing for rows assessed against no target)."""
        return self._stored().filter(period=self.window.key if self._window_stored else self._any_period)

    def _status_expression(self):
        return F("status") if self._window_stored else Value(str(Status.NOT_ENOUGH_DATA))

    def indicator_counts(self):
        """{indicator id: ([Tally], is_demo)} over the units shown, against the window (one query)."""
        lines = self._window_lines().filter(self._units_filter())
        counted = lines.values("indicator_id", "status").annotate(
            n=Count("id"), demo=Count("id", filter=Q(row_is_demo=True))
        )
        counts = defaultdict(lambda: defaultdict(int))
        demo = defaultdict(bool)
        for item in counted.order_by():
            self.rows_read += 1
            key = item["status"] if self._window_stored else str(Status.NOT_ENOUGH_DATA)
            counts[item["indicator_id"]][key] += item["n"]
            demo[item["indicator_id"]] |= bool(item["demo"])
        self.has_demo = self.has_demo or any(demo.values())
        return {i.pk: (_tallies(counts[i.pk]), demo[i.pk]) for i in self.indicators}

    def place_counts(self):
        """[StoredPlaceSummary] of the units shown, by code (one query, and one for the units)."""
        lines = self._window_lines().filter(self._units_filter())
        counted = lines.values("province_id", "status").annotate(
            n=Count("id"), data=Count("latest_year"), demo=Count("id", filter=Q(row_is_demo=True))
        )
        counts = defaultdict(lambda: defaultdict(int))
        with_data, demo = defaultdict(int), defaultdict(bool)
        for item in counted.order_by():
            self.rows_read += 1
            key = item["status"] if self._window_stored else str(Status.NOT_ENOUGH_DATA)
            counts[item["province_id"]][key] += item["n"]
            with_data[item["province_id"]] += item["data"]
            demo[item["province_id"]] |= bool(item["demo"])
        self.has_demo = self.has_demo or any(demo.values())
        total = len(self.indicators)
        return [StoredPlaceSummary(p, _tallies(counts[p.pk]), with_data[p.pk], total, demo[p.pk]) for p in self.places]

    def _listed_lines(self, status, indicator_ids, limit=LISTED):
        """The stored lines of the first ``limit`` units at ``status`` (default: behind) of each of ``indicator_ids``.

        Worst first: severity, then the slowest pace, then the code. One window-function query, the
        units' own columns joined in; their rows hold only the window's line.
        """
        wanted = _wanted_keys(status or BEHIND_KEY)
        if not self._window_stored:
            if str(Status.NOT_ENOUGH_DATA) not in wanted:
                return []
            lines = self._window_lines()
        else:
            lines = self._window_lines().filter(status__in=wanted)
        lines = lines.filter(self._units_filter(), indicator_id__in=indicator_ids).annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("indicator_id")],
                order_by=[
                    F("severity").asc() if self._window_stored else F("indicator_id").asc(),
                    Coalesce("pace", Value(Decimal(0))).asc() if self._window_stored else F("indicator_id").asc(),
                    F("province__code").asc(),
                    F("province_id").asc(),
                ],
            )
        )
        lines = lines.filter(rank__lte=limit).order_by("indicator_id", "rank")
        return list(lines.values(*ROW_FIELDS, "rank", *(f"province__{name}" for name in PROVINCE_FIELDS)))

    def _listed(self, found, targets):
        """{indicator id: [Row]} of ``_listed_lines``, in their order."""
        provinces = {}
        for values in found:
            fields = {name: values[f"province__{name}"] for name in PROVINCE_FIELDS}
            provinces[values["province_id"]] = Province(pk=values["province_id"], **fields)
        rows = self._rows(found, provinces, targets)
        result = defaultdict(list)
        for values in found:
            result[values["indicator_id"]].append(rows[values["indicator_id"], values["place"]])
        return result

    # what each page shows

    def summaries(self, status="", highlight=None):
        """[StoredSummary] of every indicator shown (those with a unit at ``status`` when it is set).

        Their ``listed`` places are left empty: ``list_places`` fills them for the cards a page shows.
        """
        keys = [self.area] + ([unit_key(highlight.pk)] if highlight is not None else [])
        lines = list(self._stored().filter(place__in=keys).values(*ROW_FIELDS))
        counts = self.indicator_counts()
        rows = self._rows(lines, {highlight.pk: highlight} if highlight is not None else {})
        national = {i: row for (i, key), row in rows.items() if key == self.area}
        mine = {i: row for (i, key), row in rows.items() if key != self.area}
        wanted = _wanted_keys(status or BEHIND_KEY)
        result = []
        for indicator in self.indicators:
            tallies, demo = counts[indicator.pk]
            listed_count = sum(t.count for t in tallies if t.key in wanted)
            if status and not listed_count:
                continue
            row = national.get(indicator.pk)
            result.append(
                StoredSummary(
                    indicator,
                    row,
                    self.window,
                    tallies,
                    status,
                    mine.get(indicator.pk),
                    [],
                    listed_count,
                    demo or bool(row and row.is_demo),
                )
            )
        return result

    def list_places(self, summaries, status=""):
        """Fill each summary's ``listed``: its first ``LISTED`` units at ``status`` (default: behind), worst first.

        One window-function query over the indicators of ``summaries`` only (the cards of one page).
        """
        found = self._listed_lines(status, [s.indicator.pk for s in summaries])
        places = self._listed(found, self._targets(found))
        for summary in summaries:
            summary.listed = places.get(summary.indicator.pk, [])

    # every unit's rows, page by page (the API's assessments)

    def unit_keys(self, status=""):
        """(indicator id, place key) of every unit shown for every indicator (at ``status``): a queryset to page.

        Ordered by indicator (position, code) then unit (code); one line per row, from the window's lines.
        """
        lines = self._window_lines().filter(self._units_filter())
        wanted = _wanted_keys(status)
        if wanted is not None:
            if not self._window_stored:
                lines = lines if str(Status.NOT_ENOUGH_DATA) in wanted else lines.none()
            else:
                lines = lines.filter(status__in=wanted)
        order = ["indicator__position", "indicator__code", "province__code", "province_id"]
        return lines.order_by(*order).values_list("indicator_id", "place")

    def rows_of(self, keys):
        """[Row] of the (indicator id, place key) pairs ``keys``, in their order (one read of their lines)."""
        keys = list(keys)
        if not keys:
            return []
        found = self._stored().filter(indicator_id__in={k[0] for k in keys}, place__in={k[1] for k in keys})
        rows = self._read(found, {p.pk: p for p in self.places})
        return [rows[key] for key in keys if key in rows]
