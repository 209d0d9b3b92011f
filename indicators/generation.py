"""The data generation: a number that every committed change to the data the pages show increments.

Rendered pages are cached under keys that carry it (``dashboards/fragments.py``), so a change is
visible on the next request and nothing ever deletes or scans cache keys (djangoproject.com's
``generation_key`` pattern).

Where the number lives, and why:

- Its source of truth is one database row (``DataGeneration``), incremented by ``bump`` after the
  change's transaction commits (``transaction.on_commit``): a transaction that rolls back never
  bumps it, and a bump never holds a row lock inside the writers' transactions (which would
  serialise every writer on PostgreSQL).
- With a cache that every process shares (Redis, ``REDIS_URL``), ``current`` reads a copy kept
  there: ``bump`` increments the row, then the copy with the cache's atomic ``incr``. The copy
  never runs ahead of the row (row first), so when the copy is lost (a flush, an eviction, a
  restart) it is seeded again from the row and never goes back to a number whose pages could
  predate a change. The copy expires after ``RESEED_SECONDS``, which bounds how long a bump that
  reached the row but not the cache (Redis briefly down) can leave pages stale.
- With a cache local to each process (LocMemCache, the default without ``REDIS_URL``), another
  gunicorn worker or server would never see this process's copy, so ``current`` reads the row
  itself: one primary-key query per page.

Every write to the models of ``provinces``, ``directives`` and ``indicators`` bumps it through the
signals connected in ``connect_signals``; writes that send no signals (``bulk_create``,
``QuerySet.update``) call ``bump_on_commit`` themselves (the demo loader, ``apply_cap_to_measurements``,
``scripts/gen_scale.py``).
"""

import logging

from django.apps import apps
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

CACHE_KEY = "data-generation"
RESEED_SECONDS = 300
APPS = ("provinces", "directives", "indicators")
# Written by users about themselves or by this module: they change no page's data.
# Not the data pages show: preferences, the count itself, and the stored assessments (derived from the data in the
# same transaction as the write that changes them; connecting to them would also turn their bulk deletes row by row).
NOT_DATA = {"provinces.preference", "indicators.datageneration", "indicators.storedassessment"}


def _model():
    return apps.get_model("indicators", "DataGeneration")


def in_shared_cache():
    """Whether every process sees the same cache, so the generation may be read from it."""
    return not isinstance(caches[DEFAULT_CACHE_ALIAS], (LocMemCache, DummyCache))  # `cache` is only a proxy


def stored():
    """The generation as the database holds it (0 before the first change)."""
    return _model().objects.filter(pk=1).values_list("value", flat=True).first() or 0


def current():
    """The generation a request renders and caches under."""
    if not in_shared_cache():
        return stored()
    try:
        value = cache.get(CACHE_KEY)
        if value is None:
            # Seed from the row; add() keeps a copy a concurrent bump has just set.
            cache.add(CACHE_KEY, stored(), RESEED_SECONDS)
            value = cache.get(CACHE_KEY)
    except Exception:  # the cache is down: the row still answers, pages are rendered uncached
        logger.exception("data generation: cache unavailable, reading the database")
        return stored()
    return stored() if value is None else value


def bump():
    """Increment the generation now: the row first, then the cache's copy (see the module's docstring)."""
    model = _model()
    if not model.objects.filter(pk=1).update(value=F("value") + 1):
        try:
            with transaction.atomic():
                model.objects.create(pk=1, value=1)
        except IntegrityError:  # another process created it meanwhile
            model.objects.filter(pk=1).update(value=F("value") + 1)
    if in_shared_cache():
        try:
            cache.incr(CACHE_KEY)
        except ValueError:  # no copy: the next read seeds it from the row
            return
        except Exception:  # the cache is down: its copy is re-seeded from the row within RESEED_SECONDS
            logger.exception("data generation: the cache's copy was not incremented")


class _Bump:
    """One pending bump of one transaction (a class, so that a transaction registers only one)."""

    def __init__(self):
        self.done = False

    def __call__(self):
        self.done = True
        bump()


def bump_on_commit(**kwargs):
    """Bump once the current transaction commits (at once outside a transaction); never on a rollback.

    However many rows a transaction writes, it registers one bump: a pending one already in the
    connection's on-commit list is enough. A savepoint that rolls back discards its callbacks, so
    the next write registers again. Usable as a signal receiver.
    """
    if connection.in_atomic_block and any(
        isinstance(func, _Bump) and not func.done for _, func, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(_Bump(), robust=True)


def _data_models():
    """The models whose rows the pages show: every model of the three apps but the history copies
    (written alongside their own rows) and those in NOT_DATA; with the many-to-many tables."""
    for label in APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.label_lower not in NOT_DATA and not hasattr(model, "instance_type"):
                yield model


def _on_write(sender, **kwargs):
    bump_on_commit()


def _on_m2m(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump_on_commit()


def connect_signals():
    """Called from IndicatorsConfig.ready: every saved, deleted or re-linked row of the data models."""
    for model in _data_models():
        uid = f"data-generation-{model._meta.label_lower}"
        post_save.connect(_on_write, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"{uid}-delete")
        if model._meta.auto_created:
            m2m_changed.connect(_on_m2m, sender=model, dispatch_uid=f"{uid}-m2m")
