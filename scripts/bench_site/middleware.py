"""A benchmark-only site: the real settings and URLs plus a bare view, a query and row counter.

Used by ``scripts/bench_pages.py`` only (``DJANGO_SETTINGS_MODULE=bench_site.settings`` with
``scripts/`` on the Python path); nothing in the product imports it.
"""

import threading

from django.db import connection
from django.db.backends import utils

_rows = threading.local()


def _counting(name):
    """Wrap ``CursorWrapper.<name>`` (fetchone, fetchmany, fetchall) to add the rows it returns."""

    def fetch(self, *args):
        result = getattr(self.cursor, name)(*args)
        count = (0 if result is None else 1) if name == "fetchone" else len(result)
        _rows.count = getattr(_rows, "count", 0) + count
        return result

    return fetch


# Django's cursor wrapper hands fetch* through __getattr__; defining them counts every row the ORM
# and raw SQL read (iterating a cursor goes through fetchmany in the ORM).
for _name in ("fetchone", "fetchmany", "fetchall"):
    setattr(utils.CursorWrapper, _name, _counting(_name))


def count_queries(get_response):
    """Put the request's SQL statement count and rows read in ``X-Bench-Queries`` / ``X-Bench-Rows``."""

    def middleware(request):
        count = 0
        _rows.count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = get_response(request)
        response["X-Bench-Queries"] = str(count)
        response["X-Bench-Rows"] = str(_rows.count)
        return response

    return middleware
