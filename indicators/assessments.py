"""Stored assessments: every row the dashboards show, computed when the data changes, not when a page is read.

What is stored (``models.StoredAssessment``) is exactly what ``board.make_row`` computes, through
the same ``Board`` (its series, roll-ups and national figures) and ``TargetBook``: one home for the
rules, run at write time. For every indicator, every place (each unit of both generations; the nation
and each region as the 63 or the 34 units add up), every year a page can ask (``as_of_years``: each
year with an approved figure, and 0 for "no year", what a page shows when nothing it lists was
reported) and every plan period with a target (``store_periods``; 0 when there is none at all).

Refreshed in the transaction of whatever changes it, by whoever makes the change, as a plain call
(no model signal drives it), touching only what the change reaches:

- approving or reopening figures (``workflow.approve`` / ``reopen``, the approver's sheet for many at
  once, an admin edit or delete of a published figure): ``refresh(changes)`` recomputes, in one pass for
  them all, their units, the units that succeeded them, their regions as either generation adds up and
  the nation, for their indicators, as of their years and every later one;
- a target saved or deleted in the admin: its unit (a province's target) or every place (a national
  one), for its indicator;
- a year gaining its first approved figure: that year's lines of every indicator;
- what changes a whole indicator or the whole country (a unit, a plan period, an indicator's
  aggregation or direction): not here but in the background (``indicators.rebuilds``).

Loaders and bulk writes (``bulk_create``, ``QuerySet.update``) call ``rebuild()`` once at their end:
the loaders, ``scripts/gen_scale.py``, ``manage.py loaddata_rebuilt``. ``check()``
(``manage.py rebuild_assessments --check``) compares what is stored with a fresh computation.

Concurrent writers: on PostgreSQL every refresh takes one transaction-level advisory lock before it
reads anything, so two approvals of different provinces refresh their shared region and nation one
after the other, the second reading what the first committed (no lost update, no lock cycle: it is
the only lock taken while refreshing); SQLite lets one writer in at a time anyway.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction

from provinces.generations import Units
from provinces.models import Province

from .board import Board, make_row
from .models import FIGURES, Indicator, Measurement, StoredAssessment, WorkflowStatus
from .progress import status_key
from .targets import Period, TargetBook, plan_periods

NO_PERIOD = Period(0, 0)  # stored as period 0: no target anywhere, so no plan period
NO_YEAR = 0  # stored as as_of 0: computed with no year asked
LOCK_KEY = 0x49435453_544F5245  # pg_advisory_xact_lock's bigint key of the store ("ICTSTORE")
PACE_PLACES = Decimal("1e-12")
BATCH = 2000
CHUNK = 50  # indicators refreshed from one Board: every figure of theirs in memory at once


# --- places ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a row is about: a unit (``province``), or the nation / a region as ``units`` add up."""

    key: str
    province: Province | None = None
    units: str = ""
    region: str = ""

    @property
    def is_unit(self):
        return self.province is not None


def unit_key(province_id):
    return f"u{province_id}"


def area_key(units, region=""):
    """The nation ("legacy", "current") or a region ("legacy-tn") as the 63 or the 34 units add up."""
    return f"{units}-{region}" if region else str(units)


def all_places(provinces):
    places = [Place(unit_key(p.pk), p) for p in sorted(provinces, key=lambda p: p.pk)]
    for units in Units.values:
        for region in ["", *Province.Region.values]:
            places.append(Place(area_key(units, region), units=units, region=region))
    return places


def region_in(province, units, provinces):
    """The region a unit's figures add up into when ``units`` are shown (a merged unit: its successor's)."""
    if units == Units.CURRENT and province.successor_id:
        return provinces[province.successor_id].region
    return province.region


def places_of_figure(province, provinces):
    """The place keys a figure of ``province`` feeds: itself, its successor, its regions, the nation."""
    keys = {unit_key(province.pk)}
    if province.successor_id:
        keys.add(unit_key(province.successor_id))
    for units in Units.values:
        keys.add(area_key(units))
        keys.add(area_key(units, region_in(province, units, provinces)))
    return keys


# --- what is stored ------------------------------------------------------------------------------------


def store_periods():
    """The plan periods stored: every one with a target (what "So với" offers), or NO_PERIOD."""
    return plan_periods() or [NO_PERIOD]


def as_of_years():
    """The years a page can ask (each with an approved figure), and NO_YEAR: what a rebuild stores."""
    return [NO_YEAR, *Measurement.objects.published_years()]


def stored_years():
    """The years asked that have stored lines: a loose index scan, one seek per year (like published_years).

    A year keeps its lines when its last approved figure is reopened (they stay refreshed like the
    others): an approver reopening and approving a year's only figures again must not rebuild a
    whole year of lines each time. A rebuild keeps only ``as_of_years``.
    """
    table = connection.ops.quote_name(StoredAssessment._meta.db_table)
    sql = (
        f"WITH RECURSIVE found(as_of) AS ("  # noqa: S608 - the table name is the model's own
        f" SELECT MIN(as_of) FROM {table}"
        f" UNION ALL"
        f" SELECT (SELECT MIN(as_of) FROM {table} WHERE as_of > found.as_of)"
        f" FROM found WHERE found.as_of IS NOT NULL"
        f") SELECT as_of FROM found WHERE as_of IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [year for (year,) in cursor.fetchall()]


def indicators_board(indicators, provinces):
    """The Board of ``indicators``: every published figure of them, every unit, their targets (two queries)."""
    indicators = list(indicators)
    figures = Measurement.objects.published().filter(indicator__in=indicators).figures()
    return Board(
        indicators, [], provinces=provinces, figures=list(figures), targets=TargetBook.load(indicators), periods=[]
    )


def _figure_columns(prefix, figure):
    if figure is None:
        return {}
    aggregate = figure.aggregate
    return {
        f"{prefix}_year": figure.year,
        f"{prefix}_value": figure.value,
        f"{prefix}_numerator": figure.numerator,
        f"{prefix}_denominator": figure.denominator,
        f"{prefix}_is_demo": figure.is_demo,
        f"{prefix}_approved_at": figure.approved_at,
        f"{prefix}_reporting": aggregate.reporting if aggregate else None,
        f"{prefix}_expected": aggregate.expected if aggregate else None,
        f"{prefix}_why": aggregate.why if aggregate else "",
        f"{prefix}_missing": aggregate.missing if aggregate else 0,
    }


def _fine(value):
    return value.quantize(PACE_PLACES) if value is not None else None


def _columns(indicator, place, as_of, row, assessment, last_year):
    progress = assessment.progress
    columns = {
        "indicator_id": indicator.pk,
        "place": place.key,
        "province_id": place.province.pk if place.province else None,
        "units": place.units,
        "region": place.region,
        "as_of": as_of,
        "period": assessment.window.key,
        "status": status_key(progress),
        "severity": progress.severity,
        "target_id": assessment.target.pk if assessment.target else None,
        "baseline": progress.baseline,
        "baseline_year": progress.baseline_year,
        "distance": _fine(progress.distance),
        "elapsed": _fine(progress.elapsed),
        "pace": _fine(progress.pace),
        "why": progress.why,
        "gap": assessment.gap,
        "is_demo": assessment.is_demo,
        "row_is_demo": row.is_demo,
        "last_year": last_year,
    }
    for prefix, figure in zip(FIGURES, (row.latest, row.provisional, row.current, assessment.figure), strict=True):
        columns.update(_figure_columns(prefix, figure))
    return columns


def compute(indicator, board, wanted, periods):
    """The stored columns (dicts) of ``indicator`` for ``wanted`` ({Place: as-of years}), by ``board.make_row``."""
    for place, years in wanted.items():
        if place.is_unit:
            series = board.series(indicator, place.province)
            shown = {place.province.pk} | {
                p.pk for p in board.provinces.values() if p.successor_id == place.province.pk
            }
            own = [y for pid in shown for y in board._figures.get((indicator.pk, pid), {})]
            last_year = max(own, default=None)
        for as_of in sorted(years):
            asked = None if as_of == NO_YEAR else as_of
            if not place.is_unit:
                current = place.units == Units.CURRENT
                series = board.national_series(indicator, asked, region=place.region, current=current)
                last_year = None
            row = make_row(indicator, place.province, series, asked, board.targets, None, periods)
            # the latest year reported, whatever the year asked: kept on the NO_YEAR line only, the one read
            # (pages asking no year open on it), so that a new figure changes no line of an earlier year
            last = last_year if as_of == NO_YEAR else None
            for assessment in row.assessments:
                yield _columns(indicator, place, as_of, row, assessment, last)


def _insert(rows):
    """INSERT the column dicts ``rows`` in batches: executemany, without a model instance per row.

    The values are already what the columns hold (decimals quantized to their places); only the
    approval times need the database's own form. Returns how many rows were written.
    """
    fields = [f for f in StoredAssessment._meta.concrete_fields if not f.primary_key]
    names = [f.attname for f in fields]
    defaults = [f.get_default() for f in fields]
    times = {i for i, f in enumerate(fields) if f.get_internal_type() == "DateTimeField"}
    adapt = connection.ops.adapt_datetimefield_value
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - the model's own table and columns
        quote(StoredAssessment._meta.db_table), ", ".join(quote(n) for n in names), ", ".join(["%s"] * len(names))
    )
    count, batch = 0, []
    with connection.cursor() as cursor:
        for row in rows:
            values = [row.get(name, default) for name, default in zip(names, defaults, strict=True)]
            for i in times:
                if values[i] is not None:
                    values[i] = adapt(values[i])
            batch.append(values)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
    return count + len(batch)


def _write(indicator, wanted, rows):
    """Replace the stored rows of ``indicator`` at ``wanted`` ({Place: years}) by ``rows``."""
    by_years = defaultdict(list)
    for place, years in wanted.items():
        by_years[frozenset(years)].append(place.key)
    for years, keys in by_years.items():
        StoredAssessment.objects.filter(indicator=indicator, as_of__in=sorted(years), place__in=sorted(keys)).delete()
    _insert(rows)


def _lock():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def _provinces():
    return {p.pk: p for p in Province.objects.all()}


# --- rebuild, refresh, check --------------------------------------------------------------------------


def rebuild(indicators=None):
    """Compute and store every row (of ``indicators``, default all); returns how many rows were stored.

    All of them in one transaction, under the lock: for the loaders and ``rebuild_assessments``. A
    request never calls it (``indicators.rebuilds`` runs it in the background, a few indicators at a
    time). Only some indicators: their lines of every year the others have too, so that they agree.
    """
    with transaction.atomic():
        _lock()
        provinces = _provinces()
        places = all_places(provinces.values())
        years = as_of_years() if indicators is None else sorted(set(as_of_years()) | set(stored_years()))
        periods = store_periods()
        chosen = list(Indicator.objects.all() if indicators is None else indicators)
        if indicators is None:
            StoredAssessment.objects.all().delete()
        count = 0
        for indicator in chosen:
            board = indicators_board([indicator], provinces.values())
            if indicators is not None:
                StoredAssessment.objects.filter(indicator=indicator).delete()
            count += _insert(compute(indicator, board, dict.fromkeys(places, years), periods))
        return count


def stored_periods():
    """The periods stored (every indicator, place and year has the same): read off one national row set."""
    first = StoredAssessment.objects.filter(as_of=NO_YEAR, place=area_key(Units.LEGACY)).order_by("indicator_id")
    first = first.values_list("indicator_id", flat=True).first()
    if first is None:
        return None
    found = StoredAssessment.objects.filter(as_of=NO_YEAR, place=area_key(Units.LEGACY), indicator_id=first)
    return sorted(found.values_list("period", flat=True))


@dataclass
class Changes:
    """What one write changed, for ``refresh`` to recompute in one pass (the caller collects, then refreshes)."""

    indicators: dict = field(default_factory=dict)  # id → None (every place) or {province id}: targets changed
    figures: dict = field(default_factory=lambda: defaultdict(dict))  # indicator id → {province id: min year}

    def __bool__(self):
        return bool(self.indicators) or bool(self.figures)

    def figure(self, indicator_id, province_id, year):
        """A published figure appeared, changed or went: its places, as of its year and every later one."""
        known = self.figures[indicator_id].get(province_id)
        self.figures[indicator_id][province_id] = year if known is None else min(known, year)

    def published(self, figure, was=None):
        """``figure`` (a Measurement) after a write; ``was``: (indicator, province, year) if it was published before."""
        if was is not None:
            self.figure(*was)
        if figure.status == WorkflowStatus.APPROVED:
            self.figure(figure.indicator_id, figure.province_id, figure.year)

    def indicator(self, indicator_id, province_id=None):
        """A target changed: the indicator at one unit (a province's target) or at every place."""
        if indicator_id in self.indicators and self.indicators[indicator_id] is None:
            return
        if province_id is None:
            self.indicators[indicator_id] = None
        else:
            self.indicators.setdefault(indicator_id, set()).add(province_id)


def published_key(figure):
    """(indicator, province, year) of a Measurement the dashboards show, else None: what a save must compare."""
    if figure.status != WorkflowStatus.APPROVED:
        return None
    return (figure.indicator_id, figure.province_id, figure.year)


def refresh(changes):
    """Recompute the stored rows ``changes`` reach, in the caller's transaction, one pass for them all.

    Figures reach their unit, its successor, its region as either generation adds up and the nation,
    as of their year and every later one; targets their indicator at one unit or every place. A year
    gaining its first approved figure gets its lines for every indicator. A change that alters what
    is stored everywhere (a unit, a plan period) is not refreshed here: ``indicators.rebuilds.queue``.
    """
    if not changes:
        return
    with transaction.atomic():
        _lock()
        periods = store_periods()
        provinces = _provinces()
        places = all_places(provinces.values())
        by_key = {place.key: place for place in places}
        kept = set(stored_years())
        published = set(as_of_years())
        years = sorted(kept | published)
        # a year's first approved figure ever: every indicator and place gets its lines of that year
        new_years = published - kept if kept else set()
        ids = set(changes.indicators) | set(changes.figures)
        if new_years:
            ids |= set(Indicator.objects.values_list("pk", flat=True))
        wanted_by_indicator = {}
        for indicator_id in sorted(ids):
            wanted = defaultdict(set)
            if indicator_id in changes.indicators:
                provinces_changed = changes.indicators[indicator_id]
                for place in places:
                    if provinces_changed is None or (place.is_unit and place.province.pk in provinces_changed):
                        wanted[place].update(years)
            for province_id, first in changes.figures.get(indicator_id, {}).items():
                if province_id not in provinces:
                    continue
                later = [y for y in years if y == NO_YEAR or y >= first]
                for key in places_of_figure(provinces[province_id], provinces):
                    wanted[by_key[key]].update(later)
            for year in new_years:
                for place in places:
                    wanted[place].add(year)
            if wanted:
                wanted_by_indicator[indicator_id] = wanted
        chosen = list(Indicator.objects.filter(pk__in=wanted_by_indicator).order_by("pk"))
        for start in range(0, len(chosen), CHUNK):
            some = chosen[start : start + CHUNK]
            board = indicators_board(some, provinces.values())
            for indicator in some:
                wanted = wanted_by_indicator[indicator.pk]
                _write(indicator, wanted, compute(indicator, board, wanted, periods))


def _same(stored, fresh):
    if isinstance(fresh, Decimal) and isinstance(stored, Decimal):
        return abs(stored - fresh) <= Decimal("1e-9") * max(Decimal(1), abs(fresh))
    return stored == fresh


COMPARED = None  # the stored columns compared by check(), set on first use


def _compared():
    global COMPARED
    if COMPARED is None:
        skip = {"id", "indicator", "province", "target"}
        COMPARED = [f.attname for f in StoredAssessment._meta.concrete_fields if f.name not in skip]
        COMPARED += ["province_id", "target_id", "indicator_id"]
        COMPARED = sorted(set(COMPARED) - {"id"})
    return COMPARED


def _defaults():
    return {f.attname: f.get_default() for f in StoredAssessment._meta.concrete_fields}


def check(limit=50):
    """[(key, what differs)] between the stored rows and a fresh computation (empty: they agree).

    Fresh lines are computed for every year a page can ask and every year that has stored lines.
    """
    provinces = _provinces()
    places = all_places(provinces.values())
    years = sorted(set(as_of_years()) | set(stored_years()))
    periods = store_periods()
    columns = _compared()
    defaults = _defaults()
    differences = []
    for indicator in Indicator.objects.order_by("pk"):
        board = indicators_board([indicator], provinces.values())
        fresh = {}
        for row in compute(indicator, board, dict.fromkeys(places, years), periods):
            full = {name: defaults.get(name) for name in columns}
            full.update(row)
            fresh[(row["place"], row["as_of"], row["period"])] = full
        stored = {
            (row["place"], row["as_of"], row["period"]): row
            for row in StoredAssessment.objects.filter(indicator=indicator).values(*columns)
        }
        for key in sorted(set(fresh) | set(stored), key=str):
            label = (indicator.code, *key)
            if key not in stored:
                differences.append((label, "missing"))
            elif key not in fresh:
                differences.append((label, "not expected"))
            else:
                wrong = [name for name in columns if not _same(stored[key][name], fresh[key][name])]
                if wrong:
                    details = ", ".join(f"{n}: {stored[key][n]!r} ≠ {fresh[key][n]!r}" for n in wrong[:4])
                    differences.append((label, details))
            if len(differences) >= limit:
                return differences
    orphans = StoredAssessment.objects.exclude(indicator__in=Indicator.objects.all())
    if orphans.exists():
        differences.append((("?",), f"{orphans.count()} rows of no indicator"))
    return differences
