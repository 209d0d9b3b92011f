"""Time the writes of issue 19 on a database filled by ``scripts/gen_scale.py`` (figures, never timed tests).

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python scripts/bench_writes.py [--check]

Each write goes through the code a request runs, in one transaction as the request's would:
one approval (``workflow.approve``: the refresh of what the figure reaches and the generation bump),
a sheet of 60 approvals and its reopening (one ``assessments.Changes``, one ``workflow.publish``, as
``entry/sheets.py`` does), one reopening, and an administrator's structural save (a target in a new
plan period, 2035, then its deletion, through the Target admin's own ``reached``/``_publish``: the
request saves and queues). The queued rebuilds are then run as ``manage.py db_worker`` would, and
timed. ``--check`` runs ``rebuild_assessments --check``'s comparison after every write (slow).
It changes the benchmark's figures (reopens and approves them again) and leaves them approved.
"""

import argparse
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.contrib import admin  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from indicators import assessments, rebuilds, workflow  # noqa: E402
from indicators.models import Indicator, Measurement, Target, WorkflowStatus  # noqa: E402

SHEET = 60


def timed(label, action, check, results):
    started = time.perf_counter()
    with transaction.atomic():
        action()
    seconds = time.perf_counter() - started
    results.setdefault(label, []).append(seconds)
    agrees = ""
    if check:
        differences = assessments.check(limit=5)
        agrees = "  check: agrees" if not differences else f"  check: {len(differences)} DIFFER {differences[:2]}"
    print(f"{label:<40} {seconds * 1000:9.1f} ms{agrees}", flush=True)


def fresh(figures):
    return list(Measurement.objects.filter(pk__in=[f.pk for f in figures]).select_related("province"))


def submit_all(user, figures):
    with transaction.atomic():
        for figure in fresh(figures):
            workflow.submit(user, figure)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare the store with a fresh computation after each")
    parser.add_argument("--repeat", type=int, default=3, help="how many times each write (default 3)")
    args = parser.parse_args()
    user, _ = get_user_model().objects.get_or_create(
        username="bench-writer", defaults={"is_superuser": True, "is_staff": True}
    )
    indicators = list(Indicator.objects.filter(code__startswith="bench-").order_by("code")[:SHEET])
    if len(indicators) < SHEET:
        sys.exit("run scripts/gen_scale.py first (it makes the bench-… indicators)")
    year = max(Measurement.objects.published().filter(indicator=indicators[0]).years())
    province = Measurement.objects.filter(indicator=indicators[0], year=year).order_by("province_id")[0].province
    sheet = list(Measurement.objects.filter(indicator__in=indicators, province=province, year=year))
    one = sheet[0]
    print(f"{len(sheet)} figures of {province} in {year}; {Measurement.objects.count():,} figures in all")
    results = {}
    for _ in range(args.repeat):
        timed("reopen one figure", lambda: workflow.reopen(user, fresh([one])[0], "bench"), args.check, results)
        submit_all(user, [one])
        timed("approve one figure", lambda: workflow.approve(user, fresh([one])[0]), args.check, results)

        def reopen_sheet():
            changes = assessments.Changes()
            for figure in fresh(sheet):
                workflow.reopen(user, figure, "bench", changes)
            workflow.publish(changes)

        def approve_sheet():
            changes = assessments.Changes()
            for figure in fresh(sheet):
                workflow.approve(user, figure, changes)
            workflow.publish(changes)

        timed(f"reopen a sheet of {len(sheet)}", reopen_sheet, args.check, results)
        submit_all(user, sheet)
        timed(f"approve a sheet of {len(sheet)}", approve_sheet, args.check, results)

    target_admin = admin.site._registry[Target]
    made = []

    def add_target():
        target = Target.objects.create(indicator=indicators[0], deadline_year=2035, value=Decimal(90))
        made.append(target)
        target_admin._publish(*target_admin.reached(None, target, None, [], False))

    def delete_target():
        target = made.pop()
        reached = target_admin.reached_by_delete(target)
        target.delete()
        target_admin._publish(*reached)

    for label, action in (("admin: a target in a new period (2035)", add_target), ("admin: delete it", delete_target)):
        timed(label, action, False, results)
        queued = list(DBTaskResult.objects.order_by("enqueued_at"))
        started = time.perf_counter()
        for result in queued:
            rebuilds.run(*result.args_kwargs["args"])
            result.delete()
        seconds = time.perf_counter() - started
        results.setdefault("the queued rebuild (worker)", []).append(seconds)
        agrees = ""
        if args.check:
            agrees = "  check: agrees" if not assessments.check(limit=5) else "  check: DIFFERS"
        print(f"{'  the queued rebuild (worker)':<40} {seconds * 1000:9.1f} ms{agrees}", flush=True)

    print("\nmedians:")
    for label, times in results.items():
        print(f"{label:<40} {statistics.median(times) * 1000:9.1f} ms  (n={len(times)}, max {max(times) * 1000:.1f})")
    still = Measurement.objects.filter(pk__in=[f.pk for f in sheet]).exclude(status=WorkflowStatus.APPROVED).count()
    assert still == 0, "the sheet is left approved"


if __name__ == "__main__":
    main()
