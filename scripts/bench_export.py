"""Time and memory of the full data export, against xlsxwriter writing the same cells, in the same run.

    DEBUG=1 .venv/bin/python scripts/bench_export.py [--repeat 10]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/speed_bench DEBUG=1 .venv/bin/python scripts/bench_export.py

Against the database of DATABASE_URL (default: the loaded db.sqlite3), builds /exports/data.xlsx
the way the view does (``export.export_rows`` streamed from the database into
``export.write_export``), first with the real row count, then with the same rows read
``--repeat`` times over (a synthetic export that many times larger). Beside each, in the same
run, the baseline: xlsxwriter's constant-memory mode writing exactly the same cells with the same
formats, from rows already in memory (read before the clock starts), one typed call per cell:
what the writer alone costs. Every build runs in a forked child process, so its peak resident
memory (getrusage) is its own.

Prints, per run: rows written, file size, seconds for the export and for the baseline, their
ratio (the goal is at most 1.5), rows per second, and each one's peak resident memory. A flat
export peak across the two runs means memory does not grow with the row count.
"""

import argparse
import datetime
import itertools
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import xlsxwriter  # noqa: E402
from django.db import connection, connections  # noqa: E402

from reporting import export  # noqa: E402
from reporting.excel import COUNT, PRECISE  # noqa: E402


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run_export(repeat):
    rows = itertools.chain.from_iterable(export.export_rows() for _ in range(repeat))
    with tempfile.TemporaryFile() as handle:
        started = time.perf_counter()
        count = export.write_export(handle, rows, has_demo=True, creator="bench")
        seconds = time.perf_counter() - started
        size = handle.tell()
    return count, size, seconds


def run_baseline(repeat):
    """xlsxwriter alone: the same cells with the same formats, from a list read beforehand."""
    cells = list(export.export_rows())
    with tempfile.TemporaryFile() as handle:
        started = time.perf_counter()
        workbook = xlsxwriter.Workbook(handle, {"constant_memory": True})
        ws = workbook.add_worksheet()
        formats = {fmt: workbook.add_format({"num_format": fmt}) for fmt in (COUNT, PRECISE, "0", "dd/mm/yyyy hh:mm")}
        row = 0
        for _ in range(repeat):
            for line in cells:
                row += 1
                is_count = line[-1]
                for col in range(14):
                    value = line[col]
                    if value is None or value == "":
                        continue
                    if isinstance(value, str):
                        ws.write_string(row, col, value)
                    elif isinstance(value, datetime.datetime):
                        ws.write_datetime(row, col, value, formats["dd/mm/yyyy hh:mm"])
                    elif col == 3:
                        ws.write_number(row, col, value, formats["0"])
                    elif col == 7:
                        ws.write_number(row, col, value, formats[COUNT if is_count else PRECISE])
                    else:
                        whole = isinstance(value, Decimal) and value == value.to_integral_value()
                        ws.write_number(row, col, value, formats[COUNT if whole else PRECISE])
        workbook.close()
        seconds = time.perf_counter() - started
        size = handle.tell()
    return row, size, seconds


def in_child(function, repeat):
    """Run ``function(repeat)`` in a forked process; its result and that process's peak RSS."""
    connections.close_all()  # the child opens its own connection
    context = multiprocessing.get_context("fork")
    parent_end, child_end = context.Pipe(duplex=False)

    def target():
        result = function(repeat)
        child_end.send((result, peak_rss_mib()))
        child_end.close()

    process = context.Process(target=target)
    process.start()
    result = parent_end.recv()
    process.join()
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="how many times over for the synthetic run")
    args = parser.parse_args()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(
        f"{'run':<6}{'rows':>11}{'file MB':>9}{'export s':>10}{'xlsxwriter s':>14}{'ratio':>7}"
        f"{'rows/s':>10}{'export RSS MiB':>16}{'xlsxwriter RSS MiB':>20}"
    )
    for label, repeat in (("1x", 1), (f"{args.repeat}x", args.repeat)):
        (count, size, seconds), rss = in_child(run_export, repeat)
        (base_count, _size, base_seconds), base_rss = in_child(run_baseline, repeat)
        assert base_count == count, (base_count, count)
        print(
            f"{label:<6}{count:>11,}{size / 2**20:>9.1f}{seconds:>10.2f}{base_seconds:>14.2f}"
            f"{seconds / base_seconds:>7.2f}{count / seconds:>10,.0f}{rss:>16.0f}{base_rss:>20.0f}"
        )


if __name__ == "__main__":
    main()
