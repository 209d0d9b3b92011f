"""Time the periodic report's downloads (Excel and Word, national and one unit) the way a browser asks.

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 DEBUG=1 .venv/bin/python scripts/bench_report.py [--repeat 3]

Against the database of DATABASE_URL (loaded with load_units, load_documents and ``load_demo --users``),
requests ``/reports/<unit>/<year>.xlsx`` and ``.docx`` through Django's test client as the demo
``admin``, ``--repeat`` times each, and prints per URL: the median and the slowest time, the SQL
statements of one request and the size of the file. Figures, not a timed test.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


def fetch(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    return b"".join(response.streaming_content) if response.streaming else response.content


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--units", nargs="*", default=["toan-quoc", "phu-tho-2025"])
    args = parser.parse_args()
    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username="admin"))
    print(f"{'url':42} {'median s':>9} {'max s':>7} {'queries':>8} {'bytes':>9}")
    for unit in args.units:
        for extension in ("xlsx", "docx"):
            url = f"/reports/{unit}/{args.year}.{extension}"
            statements = []

            def count(execute, sql, params, many, context, statements=statements):
                statements.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                size = len(fetch(client, url))
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                fetch(client, url)
                times.append(time.perf_counter() - started)
            print(f"{url:42} {statistics.median(times):9.2f} {max(times):7.2f} {len(statements):8d} {size:9d}")


if __name__ == "__main__":
    main()
