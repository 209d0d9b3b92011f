"""Time and memory of the full data export, against the loaded db.sqlite3.

    DEBUG=1 .venv/bin/python scripts/bench_export.py [--repeat 10]

Builds /exports/data.xlsx the way the view does (write-only workbook, rows read with
``.iterator()``), first with the real row count, then with the same rows read ``--repeat`` times
over (a synthetic export that many times larger). For each it prints the rows written, the
seconds taken, the peak of Python allocations during the build (tracemalloc) and the process's
peak resident memory so far (getrusage). Flat peaks across the two runs mean memory does not
grow with the row count.
"""

import argparse
import itertools
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from reporting import export  # noqa: E402


def build(repeat):
    rows = itertools.chain.from_iterable(export.export_rows() for _ in range(repeat))
    workbook, count = export.export_workbook(rows, has_demo=True, creator="bench")
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        size = handle.tell()
    return count, size


def measure(repeat, trace):
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    count, size = build(repeat)
    seconds = time.perf_counter() - started
    peak = None
    if trace:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return count, size, seconds, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="how many times over for the synthetic run")
    args = parser.parse_args()
    print(f"{'run':<12}{'rows':>10}{'file MB':>10}{'seconds':>10}{'rows/s':>10}{'peak MiB':>10}{'max RSS MiB':>13}")
    for label, repeat in (("real", 1), (f"{args.repeat}x", args.repeat)):
        # Timed without tracemalloc (it slows allocation down), then traced for the peak.
        count, size, seconds, _ = measure(repeat, trace=False)
        _count, _size, _seconds, peak = measure(repeat, trace=True)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
        print(
            f"{label:<12}{count:>10,}{size / 2**20:>10.1f}{seconds:>10.2f}{count / seconds:>10,.0f}"
            f"{peak / 2**20:>10.1f}{rss:>13.1f}"
        )


if __name__ == "__main__":
    main()
