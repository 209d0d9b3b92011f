"""The entry sheet's reads are bounded like the pages': its queries and the rows they return do not grow
with the years of history or the number of units in the database (issue 19, item 5)."""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.db.backends import utils
from django.test.utils import CaptureQueriesContext

from indicators.models import Indicator, Measurement, WorkflowStatus
from provinces.models import Membership
from tests.entry_helpers import sheet_url
from tests.factories import logged_in, make_directive, make_indicator, make_province, make_target, make_user

YEAR = 2020
INDICATORS = 8


@contextmanager
def rows_read():
    """[statements, rows]: what the block ran and every row it fetched (the ORM fetches through fetchmany)."""
    counted = [0, 0]
    names = ("fetchone", "fetchmany", "fetchall")  # Django's wrapper hands them on through __getattr__

    def counting(name):
        def fetch(self, *args):
            result = getattr(self.cursor, name)(*args)
            counted[1] += (0 if result is None else 1) if name == "fetchone" else len(result)
            return result

        return fetch

    for name in names:
        setattr(utils.CursorWrapper, name, counting(name))
    try:
        with CaptureQueriesContext(connection) as queries:
            yield counted
        counted[0] = len(queries)
    finally:
        for name in names:
            delattr(utils.CursorWrapper, name)


def figures(indicators, provinces, years):
    Measurement.objects.bulk_create(
        Measurement(indicator=i, province=p, year=y, value=40 + y % 7, status=WorkflowStatus.APPROVED)
        for i in indicators
        for p in provinces
        for y in years
    )


@pytest.fixture
def world(db):
    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    make_directive(province=province, tasks=2, period_start=2016)
    indicators = [make_indicator() for _ in range(INDICATORS)]
    for indicator in indicators[:3]:
        make_target(indicator, 90, 2025, province=province)
    figures(indicators, [province], [YEAR - 1, YEAR])
    editor = make_user("editor", Membership.Role.EDITOR, [province])
    approver = make_user("approver", Membership.Role.APPROVER, [province])
    return province, indicators, [logged_in(editor), logged_in(approver)]


def read_sheet(world):
    """[(statements, rows)] of the sheet as its editor and its approver see it."""
    province, _, clients = world
    found = []
    for client in clients:
        client.get(sheet_url(province, YEAR))  # the session and the user, read once
        with rows_read() as counted:
            response = client.get(sheet_url(province, YEAR))
        assert response.status_code == 200
        assert len(response.context["sheet"].rows) == Indicator.objects.count() == INDICATORS
        found.append(tuple(counted))
    return found


def test_the_sheet_reads_the_same_whatever_the_years_of_history_and_the_units(world):
    province, indicators, _ = world
    before = read_sheet(world)
    # twenty more years of this unit's history, and forty more units with the whole span
    figures(indicators, [province], [*range(2000, YEAR - 1), *range(YEAR + 1, 2026)])
    others = [make_province() for _ in range(40)]  # factories refresh no stored assessment (the sheet reads none)
    figures(indicators, others, range(2000, 2026))
    for other in others[:5]:
        for indicator in indicators[:3]:
            make_target(indicator, 80, 2025, province=other)
    after = read_sheet(world)
    assert after == before, (before, after)
    for statements, rows in after:
        assert statements <= 16, statements
        # the indicators and their tasks, this year's and last year's figures, the targets of the unit
        # and the nation, the directives, the session, the user and their roles: a few lines per indicator
        assert rows <= 10 * INDICATORS + 40, rows
