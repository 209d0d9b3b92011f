"""Rebuilds of the stored assessments that touch a whole indicator or the whole country, in the background.

A new unit or a changed one (its region, its successor, its dates), a plan period appearing or
disappearing, an indicator's aggregation, direction or unit changed, an indicator added: these
change every stored row of an indicator, or of every indicator. The request that makes such a change
saves it and calls ``queue`` (in its transaction): a django-tasks job (``manage.py db_worker``)
rebuilds what it names, and until it is done the row's ``pending`` count is above zero, which
every page shows as a one-line "đang cập nhật" notice over its last computed rows.

The job rebuilds one indicator per transaction (``STEP``), each under the store's lock for about
as long as one approval's refresh, so approvals and logins elsewhere keep committing meanwhile. It
bumps the generation at its end, so pages cached during the rebuild are drawn afresh.

A name change rebuilds nothing: the stored rows hold no names.
"""

from django.db import transaction
from django_tasks import task

from . import assessments, generation
from .models import Indicator, StoredAssessment

# Indicator fields whose change alters every stored row of the indicator.
INDICATOR_FIELDS = {"aggregation", "direction", "unit", "allows_over_100"}
# Unit fields whose change alters where figures add up (names, slugs and kinds change no stored row).
UNIT_FIELDS = {"region", "successor", "valid_from", "valid_to", "code"}
# Directive fields that can start the plan its targets are judged in.
DIRECTIVE_FIELDS = {"period_start", "period_end", "orientation_year", "issued_on"}
STEP = 1  # indicators rebuilt per transaction


def periods_changed():
    """Whether the plan periods with a target differ from those stored (a period appeared or went)."""
    stored = assessments.stored_periods()
    return stored is not None and stored != [p.key for p in assessments.store_periods()]


def queue(indicators=None):
    """Rebuild ``indicators`` (default: every one) in the background; call it in the change's transaction.

    Marks one rebuild pending and bumps the generation (the pages then show the notice).
    """
    ids = None if indicators is None else sorted(i.pk if hasattr(i, "pk") else i for i in indicators)
    rebuild_stored.enqueue(ids)
    generation.bump(pending=+1)


def run(ids=None):
    """Rebuild the stored rows of indicators ``ids`` (None: all), one short transaction each."""
    chosen = Indicator.objects.order_by("pk")
    if ids is not None:
        chosen = chosen.filter(pk__in=ids)
    chosen = list(chosen)
    count = 0
    for start in range(0, len(chosen), STEP):
        with transaction.atomic():
            count += assessments.rebuild(chosen[start : start + STEP])
    with transaction.atomic():
        if ids is None:
            # every indicator now holds the years asked today: lines of years no longer asked go
            years = assessments.as_of_years()
            StoredAssessment.objects.exclude(as_of__in=years).delete()
        generation.bump(pending=-1)
    return count


@task()
def rebuild_stored(ids=None):
    return run(ids)
