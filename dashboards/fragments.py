"""Rendered dashboard pages, cached under the data generation (``indicators/generation.py``).

A key names everything a rendered part depends on: the data generation (so a committed change
makes every key unreachable and the next request renders afresh; nothing is ever deleted or
scanned), today's date (the plan period and the year due follow the calendar), the language, the
path and the query parameters (the filters, the sort, the page), and the user's permission scope
(``provinces.access.scope_key``: the report links and the province a page opens on). Nothing
cached holds a CSRF token or the header's per-user counts: those live outside the cached blocks,
in ``base.html``, rendered on every request.

Two ways in:

- ``cached_page(view)`` (the dashboard URLs): a page whose blocks are all in the cache is drawn
  from them without running the view, so neither its rows nor its tables are computed; otherwise
  the view runs and the blocks it renders through ``{% cachedfragment %}`` are kept together.
- ``{% cachedfragment "name" [vary …] %} … {% endcachedfragment %}`` (``fragment_tags``) alone:
  caches one part of any page under the same key plus its name and any extra vary values, in a
  view that called ``pin(request)`` before reading any data.

While a background rebuild runs (``indicators.rebuilds``), ``base.html`` says "đang cập nhật" above
the page (``updating``); the blocks cached under the generation are still the last computed rows.

The generation is read once per request, before the view reads anything (``pin``): a part stored
under generation g then holds data at least as new as g's change. Read after the data, a change
committed in between would leave older data stored under the newer number, stale until the next
change; so a fragment in a request that pinned nothing is rendered, never cached.
"""

import hashlib
import json
from functools import wraps

from django.core.cache import cache
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from indicators import generation, years
from provinces import access

# Keys of an old generation are never asked for again; this only frees their memory sooner.
TIMEOUT = 6 * 3600
PAGE_TEMPLATE = "dashboards/_cached_page.html"


def state(request):
    """The data generation's state for this request (``generation.State``), read once."""
    if not hasattr(request, "data_state"):
        request.data_state = generation.state()
    return request.data_state


def pin(request):
    """Read the data generation for this request, once and before its data; returns its token."""
    if not hasattr(request, "data_generation"):
        request.data_generation = state(request).token
    return request.data_generation


def updating(request):
    """Context processor: ``{{ data_updating }}``, true while a rebuild of the stored rows is queued or running.

    Read with the generation (no query of its own on a dashboard page; one primary-key read, or the
    shared cache's copy, elsewhere), and only when a template asks.
    """
    return {"data_updating": SimpleLazyObject(lambda: state(request).pending > 0)}


def key(request, *parts):
    """The cache key of what ``request`` renders, for ``parts`` (a fragment's name, vary values)."""
    query = sorted((name, values) for name, values in request.GET.lists())
    described = [
        years.today().isoformat(),
        get_language(),
        request.path,
        query,
        access.scope_key(request.user),
        [str(part) for part in parts],
    ]
    digest = hashlib.sha256(json.dumps(described, ensure_ascii=False).encode()).hexdigest()
    return f"page:{pin(request)}:{digest}"


def _cacheable(request):
    return request.method in ("GET", "HEAD") and request.GET.get("format") is None


def cached_page(view):
    """Serve a dashboard page from its cached blocks when they are all there; else run ``view`` and keep them."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        # The login check first: nothing cached is shown to someone the page would send to log in.
        if not (_cacheable(request) and access.may_see_dashboards(request.user)):
            return view(request, *args, **kwargs)
        page_key = key(request)
        blocks = cache.get(page_key)
        if blocks is not None:
            return render(request, PAGE_TEMPLATE, {"cached": {name: mark_safe(html) for name, html in blocks.items()}})  # noqa: S308 - our own rendered HTML
        request.cached_blocks = {}
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and request.cached_blocks
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            cache.set(page_key, request.cached_blocks, TIMEOUT)
        return response

    return wrapper
