"""A benchmark-only site: the real settings and URLs plus a bare view and a query counter.

Used by ``scripts/bench_pages.py`` only (``DJANGO_SETTINGS_MODULE=bench_site.settings`` with
``scripts/`` on the Python path); nothing in the product imports it.
"""
