"""Small factory functions and personas shared by the test modules."""

import datetime
import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management import call_command

from directives.models import Directive, Task
from indicators.models import Indicator, Measurement, Target, WorkflowStatus
from provinces.models import Membership, Province

PASSWORD = "pw-for-tests"
LEGACY_FROM = datetime.date(2008, 8, 1)
LEGACY_TO = datetime.date(2025, 6, 30)
CURRENT_FROM = datetime.date(2025, 7, 1)
_seq = itertools.count(1)


def load_everything(demo=False):
    """The real units and documents, as `make setup` loads them (and the demo figures if asked)."""
    call_command("load_units", verbosity=0)
    call_command("load_documents", verbosity=0)
    if demo:
        call_command("load_demo", verbosity=0)


def rebuilt(indicators=None):
    """The world a test built is in place: its stored assessments computed once, the data generation moved.

    Factories write rows and refresh nothing (as a raw load): a test that reads pages builds its world,
    then calls this once, as a loader does at its end. ``indicators``: only theirs (a bulk update of them).
    """
    from indicators import assessments, generation

    assessments.rebuild(indicators)
    generation.bump()


def run_queued_rebuilds():
    """What ``manage.py db_worker`` does with the rebuilds an admin change queued: run them, in order."""
    from django_tasks_db.models import DBTaskResult

    from indicators import rebuilds

    for result in DBTaskResult.objects.order_by("enqueued_at"):
        rebuilds.run(*result.args_kwargs["args"])
        result.delete()


def make_province(name=None, code=None, current=False, successor=None, **extra):
    n = next(_seq)
    code = code or f"{n % 100:02d}"
    name = name or f"Tỉnh Thử {n}"
    return Province.objects.create(
        code=code,
        name=name,
        slug=extra.pop("slug", f"tinh-thu-{n}"),
        kind=extra.pop("kind", Province.Kind.PROVINCE),
        region=extra.pop("region", Province.Region.RED_RIVER_DELTA),
        valid_from=CURRENT_FROM if current else LEGACY_FROM,
        valid_to=None if current else LEGACY_TO,
        successor=successor,
        **extra,
    )


def make_indicator(code=None, unit=Indicator.Unit.PERCENT, ratio=None, **extra):
    n = next(_seq)
    ratio = (unit == Indicator.Unit.PERCENT) if ratio is None else ratio
    defaults = {
        "code": code or f"ind-{n}",
        "name_vi": f"Chỉ số thử {n}",
        "name_en": f"Test indicator {n}",
        "unit": unit,
        "aggregation": Indicator.Aggregation.RATIO if ratio else Indicator.Aggregation.SUM,
        "category": Indicator.Category.INFRASTRUCTURE,
        "numerator_label": "Tử" if ratio else "",
        "denominator_label": "Mẫu" if ratio else "",
        "position": n,
    }
    defaults.update(extra)
    return Indicator.objects.create(**defaults)


def make_measurement(indicator, province, year, value, status=WorkflowStatus.APPROVED, **extra):
    measurement = Measurement.objects.new(
        indicator=indicator, province=province, year=year, value=Decimal(str(value)), status=status, **extra
    )
    measurement.save()
    return measurement


def make_target(indicator, value, deadline_year, province=None, **extra):
    return Target.objects.create(
        indicator=indicator, province=province, deadline_year=deadline_year, value=Decimal(str(value)), **extra
    )


def make_directive(province=None, tasks=3, **extra):
    n = next(_seq)
    directive = Directive.objects.create(
        kind=extra.pop("kind", Directive.Kind.DIRECTIVE),
        number=extra.pop("number", f"{n}-CT/TU"),
        issuer=extra.pop("issuer", "Tỉnh ủy Thử"),
        title=extra.pop("title", f"Chỉ thị thử {n}"),
        slug=extra.pop("slug", f"chi-thi-thu-{n}"),
        province=province,
        **extra,
    )
    for i in range(1, tasks + 1):
        Task.objects.create(directive=directive, number=str(i), text=f"Nhiệm vụ {i}", position=i)
    return directive


def make_user(username=None, role=None, provinces=(), superuser=False):
    """A persona: a user holding ``role`` in each of ``provinces`` (or a central administrator)."""
    user = get_user_model().objects.create_user(
        username or f"user{next(_seq)}", password=PASSWORD, is_superuser=superuser, is_staff=superuser
    )
    for province in provinces:
        Membership.objects.create(user=user, province=province, role=role)
    return user


def logged_in(user=None):
    """A test client logged in as ``user`` (anonymous when None)."""
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- unsaved rows, for rules that need no database ------------------------------------------------

SHARE_INDICATOR = Indicator(pk=1, code="units-with-lan", unit=Indicator.Unit.PERCENT, aggregation="ratio")
COUNT_INDICATOR = Indicator(pk=2, code="computers", unit=Indicator.Unit.COUNT, aggregation="sum")
_unsaved_ids = itertools.count(1)


def unsaved_target(indicator, deadline, value, province=None, demo=False, subject="", **extra):
    """A Target that is never saved (``province`` may be anything with a ``pk``)."""
    return Target(
        pk=next(_unsaved_ids),
        indicator_id=indicator.pk,
        province_id=province.pk if province else None,
        deadline_year=deadline,
        value=Decimal(str(value)),
        is_demo=demo,
        subject=subject,
        **extra,
    )
