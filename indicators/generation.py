"""The data generation: a number that every change to the data the pages show increments.

Rendered pages are cached under keys that carry it (``dashboards/fragments.py``), so a change is
visible on the next request and nothing ever deletes or scans cache keys (djangoproject.com's
``generation_key`` pattern).

Where the number lives, and why:

- Its truth is one database row (``DataGeneration``), incremented by ``bump`` **in the transaction
  of the change it covers**: whoever writes calls it last, right before the commit (the workflow,
  the sheet, the admin, the loaders, the background rebuild). A rollback takes the bump back with
  the change, and no crash can commit the one without the other. The row lock the increment takes is
  held only from that last step to the commit.
- The row also holds an **epoch**, renewed by every restore (``renew_epoch``, called by
  ``scripts/backup.py restore``): a restore puts back an older count, and without the epoch the
  pages cached under the numbers it counts through again would come back. The token a page key
  carries is ``<epoch>.<count>``.
- With a cache every process shares (Redis, ``REDIS_URL``), ``current`` reads a copy of the token
  kept there, and only a copy: ``bump`` deletes it and marks the cache *dirty* for ``DIRTY_SECONDS``
  before the commit; while dirty, readers read the row and seed nothing, so a reader can never
  re-seed a count older than a committed change, whether or not the writer lived past its commit.
  A reader that seeded the copy checks the mark again afterwards and drops what it seeded if a
  writer came in between. The copy expires after ``RESEED_SECONDS`` anyway.
- With a cache local to each process (LocMemCache, the default without ``REDIS_URL``), another
  gunicorn worker would never see this process's copy, so ``current`` reads the row: one
  primary-key query per page.

The row also counts the rebuilds queued and not yet done (``pending``, ``indicators.rebuilds``):
the pages say "đang cập nhật" while it is above zero.
"""

import logging
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import IntegrityError, transaction
from django.db.models import F

logger = logging.getLogger(__name__)

CACHE_KEY = "data-generation"
DIRTY_KEY = "data-generation-dirty"
RESEED_SECONDS = 300
# Longer than any transaction lasts after its bump (the bump is its last step).
DIRTY_SECONDS = 30


@dataclass(frozen=True)
class State:
    epoch: str
    value: int
    pending: int

    @property
    def token(self):
        """What page keys carry: a restore's epoch and the count since."""
        return f"{self.epoch}.{self.value}"


def _model():
    return apps.get_model("indicators", "DataGeneration")


def in_shared_cache():
    """Whether every process sees the same cache, so the generation may be read from it."""
    return not isinstance(caches[DEFAULT_CACHE_ALIAS], (LocMemCache, DummyCache))  # `cache` is only a proxy


def read_row():
    """The generation as the database holds it (count 0 before the first change)."""
    row = _model().objects.filter(pk=1).values_list("epoch", "value", "pending").first()
    return State(*row) if row else State("", 0, 0)


def stored():
    """The count as the database holds it."""
    return read_row().value


def state():
    """The generation a request renders and caches under (and whether a rebuild is pending)."""
    if not in_shared_cache():
        return read_row()
    try:
        found = cache.get_many([CACHE_KEY, DIRTY_KEY])
        if DIRTY_KEY in found:
            return read_row()
        if CACHE_KEY in found:
            return State(*found[CACHE_KEY])
        seen = read_row()
        cache.add(CACHE_KEY, (seen.epoch, seen.value, seen.pending), RESEED_SECONDS)
        if cache.get(DIRTY_KEY) is not None:  # a writer came in between: what was seeded may predate it
            cache.delete(CACHE_KEY)
        return seen
    except Exception:  # the cache is down: the row still answers
        logger.exception("data generation: cache unavailable, reading the database")
        return read_row()


def current():
    """The token a request renders and caches pages under."""
    return state().token


def _forget_copy():
    """Drop the shared cache's copy and mark it dirty, before the change commits (see the docstring)."""
    if not in_shared_cache():
        return
    try:
        cache.set(DIRTY_KEY, 1, DIRTY_SECONDS)
        cache.delete(CACHE_KEY)
    except Exception:  # the cache is down: its copy expires within RESEED_SECONDS
        logger.exception("data generation: the cache's copy was not dropped")


def bump(pending=0):
    """Increment the count in the caller's transaction; call it last, right before the commit.

    ``pending`` (+1 or -1) also moves the count of queued rebuilds (``indicators.rebuilds``).
    """
    model = _model()
    changes = {"value": F("value") + 1}
    if pending:
        changes["pending"] = F("pending") + pending
    if not model.objects.filter(pk=1).update(**changes):
        try:
            with transaction.atomic():
                model.objects.create(pk=1, value=1, pending=max(pending, 0), epoch=uuid.uuid4().hex[:12])
        except IntegrityError:  # another process created it meanwhile
            model.objects.filter(pk=1).update(**changes)
    _forget_copy()


def renew_epoch():
    """After a restore: a new epoch, so that no page cached before it is ever served again.

    Fails loudly when the shared cache cannot drop its copy (the restore must then be told).
    """
    model = _model()
    epoch = uuid.uuid4().hex[:12]
    if not model.objects.filter(pk=1).update(epoch=epoch):
        model.objects.create(pk=1, value=0, epoch=epoch)
    if in_shared_cache():
        cache.set(DIRTY_KEY, 1, DIRTY_SECONDS)
        cache.delete(CACHE_KEY)
    return epoch
