"""Fill a database with deterministic approved figures at national scale, for the speed benchmarks.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/speed_bench .venv/bin/python scripts/gen_scale.py
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python scripts/gen_scale.py --indicators 100 --years 2000-2026

Migrates the database, loads the administrative units if there are none (``load_units``), then
creates N benchmark indicators (codes ``bench-001`` …: shares with numerator and denominator,
counts and densities in turn), their 2015 and 2020 targets, one benchmark directive whose tasks
the indicators measure, and an approved figure for every indicator × every unit (the 63 before
and the 34 after 1 July 2025) × every year of the span: 100 × 97 × 27 = 261,900 figures by
default; then the dashboards' stored assessments are rebuilt (``indicators.assessments``). Every
figure comes from ``Measurement.objects.new`` and is written with ``bulk_create`` in batches; the
values depend only on the indicator, the unit and the year, so two runs give the same database.
Everything it creates is marked demo (``is_demo``) and named "gen_scale" in its source file, and a
second run replaces it.

Without DATABASE_URL it writes the default SQLite file (db.sqlite3): point it elsewhere for a
benchmark. It refuses to run on a database that holds any indicator, figure or directive that it
did not create itself, unless given ``--allow-other-data``.
"""

import argparse
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")  # a benchmark database, not a production one: no SECRET_KEY needed

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from directives.models import Directive, Task  # noqa: E402
from indicators import assessments, generation  # noqa: E402
from indicators.models import Indicator, Measurement, Target, WorkflowStatus  # noqa: E402
from provinces.models import Province  # noqa: E402

MARK = "gen_scale"  # source_file of everything this script creates
PREFIX = "bench-"
DIRECTIVE_SLUG = "bench-directive"
BATCH = 5000
BASELINE_YEAR = 2010


def other_data():
    """What the database holds that this script did not create, as (what, count) pairs."""
    found = [
        ("indicators", Indicator.objects.exclude(source_file=MARK).count()),
        ("figures", Measurement.objects.exclude(source_file=MARK).count()),
        ("directives", Directive.objects.exclude(source_file=MARK).count()),
    ]
    return [(what, n) for what, n in found if n]


def remove_previous():
    """Delete a previous run's rows in plain SQL: the history receivers would add a row per deleted figure."""
    tables = [Measurement._meta.db_table, Target._meta.db_table]
    indicator_ids = list(Indicator.objects.filter(source_file=MARK).values_list("pk", flat=True))
    if indicator_ids:
        with connection.cursor() as cursor:
            for table in tables:
                placeholders = ", ".join(["%s"] * len(indicator_ids))
                # Table names from the models' own _meta, values as parameters.
                sql = f"DELETE FROM {table} WHERE indicator_id IN ({placeholders})"  # noqa: S608
                cursor.execute(sql, indicator_ids)
    Indicator.tasks.through.objects.filter(indicator_id__in=indicator_ids).delete()
    Indicator.objects.filter(source_file=MARK).delete()
    Directive.objects.filter(source_file=MARK).delete()


KINDS = (
    # unit, aggregation, labels
    (Indicator.Unit.PERCENT, Indicator.Aggregation.RATIO, "Tỷ lệ", "%"),
    (Indicator.Unit.COUNT, Indicator.Aggregation.SUM, "Số lượng", ""),
    (Indicator.Unit.PER_100, Indicator.Aggregation.NONE, "Mật độ", ""),
)
CATEGORIES = list(Indicator.Category.values)


def make_indicators(count):
    indicators = []
    for index in range(1, count + 1):
        unit, aggregation, label, _suffix = KINDS[index % len(KINDS)]
        ratio = aggregation == Indicator.Aggregation.RATIO
        indicators.append(
            Indicator(
                code=f"{PREFIX}{index:03d}",
                name_vi=f"{label} đo thử {index:03d}",
                name_en=f"Benchmark {label.lower()} {index:03d}",
                unit=unit,
                aggregation=aggregation,
                category=CATEGORIES[index % len(CATEGORIES)],
                numerator_label="Tử số đo thử" if ratio else "",
                denominator_label="Mẫu số đo thử" if ratio else "",
                source_file=MARK,
                position=1000 + index,
            )
        )
    Indicator.objects.bulk_create(indicators)
    return list(Indicator.objects.filter(source_file=MARK).order_by("code"))


def make_directive(indicators):
    directive = Directive.objects.create(
        kind=Directive.Kind.DIRECTIVE,
        number="DT-01",
        issuer="Đo thử hiệu năng",
        title="Văn bản đo thử hiệu năng (dữ liệu sinh tự động)",
        slug=DIRECTIVE_SLUG,
        period_start=2000,
        period_end=2030,
        source_file=MARK,
        position=1000,
    )
    tasks = Task.objects.bulk_create(
        Task(directive=directive, number=str(n), title=f"Nhiệm vụ đo thử {n}", text="Dữ liệu sinh tự động.", position=n)
        for n in range(1, 11)
    )
    Indicator.tasks.through.objects.bulk_create(
        Indicator.tasks.through(indicator_id=indicator.pk, task_id=tasks[i % len(tasks)].pk)
        for i, indicator in enumerate(indicators)
    )
    return directive


def series(indicator, unit_code, years):
    """(value, numerator, denominator) per year: a noisy climb that depends only on its arguments."""
    rng = random.Random(f"{indicator.code}|{unit_code}")
    if indicator.unit == Indicator.Unit.PERCENT:
        denominator = Decimal(rng.randint(200, 5000))
        share = rng.uniform(0.05, 0.4)
        for _year in years:
            share = min(1.0, max(0.0, share + rng.uniform(-0.02, 0.06)))  # a share stays within 0–100 %
            numerator = (denominator * Decimal(share)).quantize(Decimal(1))
            yield (numerator * 100 / denominator).quantize(Decimal("0.01")), numerator, denominator
    elif indicator.unit == Indicator.Unit.COUNT:
        value = rng.randint(10, 2000)
        for _year in years:
            value = max(0, int(value * rng.uniform(0.97, 1.15)))
            yield Decimal(value), None, None
    else:
        value = rng.uniform(0.5, 5)
        for _year in years:
            value = value * rng.uniform(0.98, 1.12)
            yield Decimal(value).quantize(Decimal("0.01")), None, None


def make_targets(indicators, units):
    targets = []
    for indicator in indicators:
        if indicator.unit == Indicator.Unit.COUNT:
            # A national count means nothing locally: one target per unit, as the demo data has.
            scopes = [(unit, 2000 + int(unit.code) * 10) for unit in units]
        else:
            scopes = [(None, 80 if indicator.unit == Indicator.Unit.PERCENT else 15)]
        for unit, goal in scopes:
            for deadline, factor in ((2015, Decimal("0.8")), (2020, Decimal(1))):
                targets.append(
                    Target(
                        indicator=indicator,
                        province=unit,
                        deadline_year=deadline,
                        value=Decimal(goal) * factor,
                        baseline_year=BASELINE_YEAR,
                        source_file=MARK,
                        is_demo=True,
                    )
                )
    Target.objects.bulk_create(targets, batch_size=BATCH)
    return len(targets)


def make_figures(indicators, units, years):
    batch, count = [], 0
    for indicator in indicators:
        for unit in units:
            for year, (value, numerator, denominator) in zip(years, series(indicator, unit.code, years), strict=True):
                batch.append(
                    Measurement.objects.new(
                        indicator,
                        province=unit,
                        year=year,
                        value=value,
                        numerator=numerator,
                        denominator=denominator,
                        status=WorkflowStatus.APPROVED,
                        is_demo=True,
                        source="Dữ liệu đo thử hiệu năng",
                        source_file=MARK,
                    )
                )
            if len(batch) >= BATCH:
                Measurement.objects.bulk_create(batch)
                count += len(batch)
                batch = []
    Measurement.objects.bulk_create(batch)
    return count + len(batch)


def year_span(text):
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=100, help="how many indicators (default 100)")
    parser.add_argument("--years", type=year_span, default=year_span("2000-2026"), help="a span, e.g. 2000-2026")
    parser.add_argument(
        "--allow-other-data", action="store_true", help="run even if the database holds data this script did not make"
    )
    args = parser.parse_args()

    database = connection.settings_dict
    print(f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not Province.objects.exists():
        call_command("load_units", verbosity=0)
    found = other_data()
    if found and not args.allow_other_data:
        listed = ", ".join(f"{n} {what}" for what, n in found)
        sys.exit(
            f"Refusing: the database holds data gen_scale.py did not create ({listed}). "
            "Use a database of its own, or pass --allow-other-data."
        )
    units = list(Province.objects.order_by("valid_from", "code"))
    with transaction.atomic():
        remove_previous()
        indicators = make_indicators(args.indicators)
        make_directive(indicators)
        targets = make_targets(indicators, units)
        figures = make_figures(indicators, units, args.years)
        generation.bump()  # in the transaction of the change: cached pages must not survive this
    made = time.perf_counter()
    with transaction.atomic():
        stored = assessments.rebuild()  # the dashboards' stored assessments, once
        generation.bump()
    rebuilt = time.perf_counter() - made
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, on SQLite and PostgreSQL alike
    seconds = time.perf_counter() - started
    print(
        f"{len(indicators)} indicators × {len(units)} units × {len(args.years)} years "
        f"({args.years[0]}–{args.years[-1]}): {figures:,} approved figures, {targets:,} targets, "
        f"in {seconds:.1f} s, of which {rebuilt:.1f} s storing {stored:,} assessments"
    )


if __name__ == "__main__":
    main()
