"""Issue 10's side findings, checked: reads hold no transaction, PostgreSQL keeps its connections,
the year choices come from the (status, year) index, and the overview pages its indicator cards."""

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.db import connection

from indicators.models import Indicator, Measurement
from provinces.models import Membership
from tests.factories import logged_in, make_indicator, make_measurement, make_province, make_user, rebuilt

ROOT = Path(__file__).resolve().parent.parent


def transaction_states(client, method, path, **data):
    """Whether each SQL statement of one request ran inside a transaction."""
    states = []

    def record(execute, sql, params, many, context):
        states.append(connection.in_atomic_block)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = getattr(client, method)(path, data)
    assert response.status_code in (200, 302)
    return states


@pytest.mark.django_db(transaction=True)
def test_a_page_reads_outside_any_transaction_and_a_post_writes_inside_one():
    """On SQLite a transaction is BEGIN IMMEDIATE, the write lock: a page must not take it."""
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"] is False
    assert "config.middleware.AtomicWritesMiddleware" in settings.MIDDLEWARE
    province = make_province(slug="phu-tho")
    make_measurement(make_indicator("computers", unit=Indicator.Unit.COUNT), province, 2020, 5)
    rebuilt()
    client = logged_in(make_user(role=Membership.Role.VIEWER, provinces=[province]))
    for path in ("/", "/provinces/phu-tho/", "/indicators/computers/", "/exports/data.xlsx"):
        states = transaction_states(client, "get", path)
        assert states and not any(states), path
    writes = transaction_states(client, "post", "/entry/preferences/", language="en", receive_emails="on")
    assert writes and all(writes[-3:]), "the view's own statements run in one transaction"


def settings_for(database_url):
    """config.settings as a fresh process reads it with ``DATABASE_URL`` (nothing is connected)."""
    code = (
        "import json, config.settings as s; d = s.DATABASES['default'];"
        "print(json.dumps({k: d.get(k) for k in ('ENGINE', 'CONN_MAX_AGE', 'CONN_HEALTH_CHECKS', 'ATOMIC_REQUESTS')}))"
    )
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "1", "DATABASE_URL": database_url}
    command = [sys.executable, "-c", code]  # our own fixed code
    out = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)  # noqa: S603
    return json.loads(out.stdout)


def test_postgresql_keeps_its_connections_and_checks_them_before_use():
    postgres = settings_for("postgres://user@127.0.0.1:5432/ict")
    assert postgres["CONN_MAX_AGE"] == 60 and postgres["CONN_HEALTH_CHECKS"] is True
    assert postgres["ATOMIC_REQUESTS"] is False
    assert settings_for("sqlite:////tmp/none.sqlite3")["ATOMIC_REQUESTS"] is False


@pytest.mark.django_db
def test_the_year_choices_are_read_from_the_status_year_index():
    table = Measurement._meta.db_table
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
        assert constraints["measurement_status_year"]["columns"] == ["status", "year"]
        recorded = []

        def record(execute, sql, params, many, context):
            recorded.append((sql, params))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            Measurement.objects.published_years()
        ((sql, params),) = recorded
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny test table would be scanned anyway
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(part) for row in cursor.fetchall() for part in row)
    assert "measurement_status_year" in plan, plan
    assert "SCAN indicators_measurement " not in plan and "Seq Scan" not in plan, plan


@pytest.fixture
def many_indicators(db):
    province = make_province(slug="phu-tho")
    indicators = [
        make_indicator(f"chi-so-{n:02d}", unit=Indicator.Unit.COUNT, position=n, name_vi=f"Chỉ số {n:02d}")
        for n in range(1, 30)
    ]
    for indicator in indicators:
        make_measurement(indicator, province, 2020, 5)
    rebuilt()
    return logged_in(make_user(role=Membership.Role.VIEWER, provinces=[province])), indicators


def test_the_overview_shows_a_screenful_of_cards_and_pages_the_rest(many_indicators):
    client, indicators = many_indicators
    first = client.get("/?year=2020").content.decode()
    assert first.count('class="card indicator-card"') == 12
    assert "Chỉ số 1–12 trong 29 chỉ số" in first
    assert '<a class="button primary" rel="next" href="?year=2020&amp;page=2">Xem thêm →</a>' in first
    # the chart, the counts table and the cards show the same twelve indicators
    assert [i.code for i in indicators if f"/indicators/{i.code}/" in first] == [i.code for i in indicators[:12]]
    chart = json.loads(re.search(r'<script id="status-data" type="application/json">(.*?)</script>', first).group(1))
    assert chart["labels"] == [i.name for i in indicators[:12]]
    # the workbook of the table still holds every indicator
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(client.get("/?year=2020&format=xlsx").streaming_content))).active
    names = {str(cell.value) for row in sheet.iter_rows() for cell in row}
    assert all(i.name in names for i in indicators)

    last = client.get("/?year=2020&page=3").content.decode()
    assert last.count('class="card indicator-card"') == 5
    assert "Chỉ số 25–29 trong 29 chỉ số" in last and 'rel="next"' not in last
    assert 'rel="prev" href="?year=2020&amp;page=2"' in last
    assert client.get("/?year=2020&page=nonsense").content.decode().count('class="card indicator-card"') == 12

    # sorted, the first page holds the first twelve in that order, and sorting again starts on page 1
    by_name = client.get("/?year=2020&sort=-ten&page=1").content.decode()
    last_twelve = [i.code for i in indicators[-12:]]
    assert [i.code for i in indicators if f"/indicators/{i.code}/" in by_name] == last_twelve
    assert 'href="?year=2020&amp;sort=ten"' in client.get("/?year=2020&sort=-ten&page=2").content.decode()


def test_a_short_overview_has_no_pager(db):
    province = make_province(slug="phu-tho")
    make_measurement(make_indicator("computers", unit=Indicator.Unit.COUNT), province, 2020, 5)
    rebuilt()
    page = logged_in(make_user(role=Membership.Role.VIEWER, provinces=[province])).get("/").content.decode()
    assert page.count('class="card indicator-card"') == 1 and "pager" not in page
