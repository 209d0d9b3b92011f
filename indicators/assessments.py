"""Stored assessments: every row the dashboards show, computed when the data changes, not when a page is read.

What is stored (``models.StoredAssessment``) is exactly what ``board.make_row`` computes, through
the same ``Board`` (its series, roll-ups and national figures) and ``TargetBook``: one home for the
rules, run at write time. For every indicator, every place (each unit of both generations; the nation
and each region as the 63 or the 34 units add up), every year a page can ask (``as_of_years``: each
year with an approved figure, and 0 for "no year", what a page shows when nothing it lists was
reported) and every plan period with a target (``store_periods``; 0 when there is none at all).

Refreshed in the transaction of whatever changes it, touching only what it changes:

- a figure approved, returned, reopened, edited or deleted while published (``Measurement`` saves
  and deletes, whoever makes them): its unit, the unit that succeeded it, its region as either
  generation adds up, and the nation, for that indicator, as of its year and every later one;
- a target: its unit (a province's target) or every place (a national one), for its indicator;
- an indicator, or a directive whose period starts a target's plan: that indicator, every place;
- a unit (``Province``), a plan period appearing or disappearing, a year gaining its first approved
  figure: what that changes, up to everything. A year losing its last approved figure keeps its
  lines (refreshed like the others; see ``stored_years``).

Saves inside ``deferred()`` (the approver's sheet, the importer) are collected and refreshed once, in
one pass per indicator, at the end of the block; loaders run inside ``rebuilding()``, which ignores
each save and rebuilds everything once at the end. Bulk writes that bypass ``save()``
(``bulk_create``, ``QuerySet.update``) must call ``rebuild()`` or ``refresh_indicators()`` themselves:
``scripts/gen_scale.py`` and the demo loader do. ``check()`` (``manage.py rebuild_assessments --check``)
compares what is stored with a fresh computation.

Concurrent writers: on PostgreSQL every refresh takes one transaction-level advisory lock before it
reads anything, so two approvals of different provinces refresh their shared region and nation one
after the other, the second reading what the first committed (no lost update, no lock cycle: it is
the only lock taken while refreshing); SQLite lets one writer in at a time anyway.
"""

import threading
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from provinces.generations import Units
from provinces.models import Province

from .board import Board, make_row
from .models import FIGURES, Indicator, Measurement, StoredAssessment, Target, WorkflowStatus
from .progress import status_key
from .targets import Period, TargetBook, plan_periods

NO_PERIOD = Period(0, 0)  # stored as period 0: no target anywhere, so no plan period
NO_YEAR = 0  # stored as as_of 0: computed with no year asked
LOCK_KEY = 0x49435453_544F5245  # pg_advisory_xact_lock's bigint key of the store ("ICTSTORE")
PACE_PLACES = Decimal("1e-12")
BATCH = 2000


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


def indicator_board(indicator, provinces):
    """The Board of one indicator: every published figure of it, every unit, its targets (three queries)."""
    figures = Measurement.objects.published().filter(indicator=indicator).figures()
    return Board(
        [indicator], [], provinces=provinces, figures=list(figures), targets=TargetBook.load([indicator]), periods=[]
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
    """Compute and store every row (of ``indicators``, default all); returns how many rows were stored."""
    with transaction.atomic():
        _lock()
        provinces = _provinces()
        places = all_places(provinces.values())
        years = as_of_years()
        periods = store_periods()
        chosen = list(Indicator.objects.all() if indicators is None else indicators)
        if indicators is None:
            StoredAssessment.objects.all().delete()
        count = 0
        for indicator in chosen:
            board = indicator_board(indicator, provinces.values())
            if indicators is not None:
                StoredAssessment.objects.filter(indicator=indicator).delete()
            count += _insert(compute(indicator, board, dict.fromkeys(places, years), periods))
        return count


def refresh_indicators(indicators):
    """Recompute every row of ``indicators`` (after a bulk write that bypassed ``save()``)."""
    pending = Pending()
    for indicator in indicators:
        pending.indicators[indicator.pk] = None
    flush(pending)


def stored_periods():
    """The periods stored (every indicator, place and year has the same): read off one national row set."""
    first = StoredAssessment.objects.filter(as_of=NO_YEAR, place=area_key(Units.LEGACY)).order_by("indicator_id")
    first = first.values_list("indicator_id", flat=True).first()
    if first is None:
        return None
    found = StoredAssessment.objects.filter(as_of=NO_YEAR, place=area_key(Units.LEGACY), indicator_id=first)
    return sorted(found.values_list("period", flat=True))


@dataclass
class Pending:
    """What changed in a transaction, to refresh: the rows ``flush`` recomputes."""

    everything: bool = False
    indicators: dict = field(default_factory=dict)  # id → None (every place) or {province id}: targets changed
    figures: dict = field(default_factory=lambda: defaultdict(dict))  # indicator id → {province id: min year}

    def __bool__(self):
        return self.everything or bool(self.indicators) or bool(self.figures)

    def figure(self, indicator_id, province_id, year):
        known = self.figures[indicator_id].get(province_id)
        self.figures[indicator_id][province_id] = year if known is None else min(known, year)

    def indicator(self, indicator_id, province_id=None):
        if indicator_id in self.indicators and self.indicators[indicator_id] is None:
            return
        if province_id is None:
            self.indicators[indicator_id] = None
        else:
            self.indicators.setdefault(indicator_id, set()).add(province_id)


def flush(pending):
    """Refresh what ``pending`` names, inside the caller's transaction (or one of its own)."""
    if not pending:
        return
    with transaction.atomic():
        _lock()
        periods = store_periods()
        stored = stored_periods()
        if pending.everything or (stored is not None and stored != [p.key for p in periods]):
            rebuild()
            return
        provinces = _provinces()
        places = all_places(provinces.values())
        by_key = {place.key: place for place in places}
        kept = set(stored_years())
        published = set(as_of_years())
        years = sorted(kept | published)
        # a year's first approved figure ever: every indicator and place gets its lines of that year
        new_years = published - kept
        ids = set(pending.indicators) | set(pending.figures)
        if new_years:
            ids |= set(Indicator.objects.values_list("pk", flat=True))
        for indicator in Indicator.objects.filter(pk__in=ids).order_by("pk"):
            wanted = defaultdict(set)
            if indicator.pk in pending.indicators:
                provinces_changed = pending.indicators[indicator.pk]
                for place in places:
                    if provinces_changed is None or (place.is_unit and place.province.pk in provinces_changed):
                        wanted[place].update(years)
            for province_id, first in pending.figures.get(indicator.pk, {}).items():
                if province_id not in provinces:
                    continue
                later = [y for y in years if y == NO_YEAR or y >= first]
                for key in places_of_figure(provinces[province_id], provinces):
                    wanted[by_key[key]].update(later)
            for year in new_years:
                for place in places:
                    wanted[place].add(year)
            if not wanted:
                continue
            board = indicator_board(indicator, provinces.values())
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
        board = indicator_board(indicator, provinces.values())
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


# --- when the data changes ------------------------------------------------------------------------------

_state = threading.local()


def _pending():
    return getattr(_state, "pending", None)


@contextmanager
def deferred():
    """Collect the changes made inside the block and refresh them once at its end (inside its transaction)."""
    if _pending() is not None:
        yield
        return
    _state.pending = Pending()
    try:
        yield
        pending = _state.pending
    finally:
        _state.pending = None
    flush(pending)


@contextmanager
def rebuilding():
    """Ignore each save inside the block (a loader's thousands) and rebuild everything once at its end."""
    outer = getattr(_state, "suspended", False)
    _state.suspended = True
    try:
        yield
    finally:
        _state.suspended = outer
    if not outer:
        rebuild()


def _note(mark):
    if getattr(_state, "suspended", False):
        return
    pending = _pending()
    if pending is not None:
        mark(pending)
        return
    pending = Pending()
    mark(pending)
    flush(pending)


def _remember(instance):
    """What a figure was when read, so that a save knows whether the dashboards showed it."""
    values = instance.__dict__  # never a deferred field's query
    published = values.get("status") == WorkflowStatus.APPROVED
    instance._published_as = (
        (values.get("indicator_id"), values.get("province_id"), values.get("year")) if published else None
    )


def _figure_saved(sender, instance, **kwargs):
    before = getattr(instance, "_published_as", None)
    now = instance.status == WorkflowStatus.APPROVED
    _remember(instance)
    if before is None and not now:
        return  # a draft or a submission: no page shows it

    def mark(pending):
        if before is not None:
            pending.figure(*before)
        if now:
            pending.figure(instance.indicator_id, instance.province_id, instance.year)

    _note(mark)


def _figure_deleted(sender, instance, **kwargs):
    before = getattr(instance, "_published_as", None)
    if instance.status == WorkflowStatus.APPROVED:
        before = (instance.indicator_id, instance.province_id, instance.year)
    if before is not None:
        _note(lambda pending: pending.figure(*before))


def _target_changed(sender, instance, **kwargs):
    def mark(pending):
        pending.indicator(instance.indicator_id, instance.province_id)
        loaded = getattr(instance, "_loaded_as", None)
        if loaded is not None and loaded != (instance.indicator_id, instance.province_id):
            pending.indicator(*loaded)

    _note(mark)
    instance._loaded_as = (instance.indicator_id, instance.province_id)


def _indicator_saved(sender, instance, **kwargs):
    _note(lambda pending: pending.indicator(instance.pk))


def _directive_saved(sender, instance, **kwargs):
    ids = set(Target.objects.filter(directive=instance).values_list("indicator_id", flat=True))
    if ids:
        _note(lambda pending: [pending.indicator(pk) for pk in sorted(ids)])


def _units_changed(sender, instance, **kwargs):
    def mark(pending):
        pending.everything = True

    _note(mark)


def _loaded(sender, instance, **kwargs):
    if sender is Measurement:
        _remember(instance)
    elif sender is Target:
        instance._loaded_as = (instance.__dict__.get("indicator_id"), instance.__dict__.get("province_id"))


def connect():
    """Called by ``IndicatorsConfig.ready``."""
    from django.db.models.signals import post_init

    from directives.models import Directive

    post_init.connect(_loaded, sender=Measurement, dispatch_uid="stored-loaded-figure")
    post_init.connect(_loaded, sender=Target, dispatch_uid="stored-loaded-target")
    post_save.connect(_figure_saved, sender=Measurement, dispatch_uid="stored-figure-saved")
    post_delete.connect(_figure_deleted, sender=Measurement, dispatch_uid="stored-figure-deleted")
    post_save.connect(_target_changed, sender=Target, dispatch_uid="stored-target-saved")
    post_delete.connect(_target_changed, sender=Target, dispatch_uid="stored-target-deleted")
    post_save.connect(_indicator_saved, sender=Indicator, dispatch_uid="stored-indicator-saved")
    post_save.connect(_directive_saved, sender=Directive, dispatch_uid="stored-directive-saved")
    post_save.connect(_units_changed, sender=Province, dispatch_uid="stored-unit-saved")
    post_delete.connect(_units_changed, sender=Province, dispatch_uid="stored-unit-deleted")
