"""`make backup` then `make restore` into an empty database gives back every row, history included."""

import secrets
import sqlite3

import pytest
from django.db import connection

from config import backup
from indicators import workflow
from indicators.models import Indicator, Measurement
from provinces.models import Membership
from tests.factories import make_indicator, make_province, make_user


def _rows(cursor, tables):
    """Every row of every table, in a stable order, as comparable text."""
    everything = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from the introspection
        everything[table] = sorted(repr(tuple(row)) for row in cursor.fetchall())
    return everything


def _some_work():
    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    computers = make_indicator(code="computers", unit=Indicator.Unit.COUNT)
    editor = make_user("editor", Membership.Role.EDITOR, [province])
    approver = make_user("approver", Membership.Role.APPROVER, [province])
    figure = Measurement.objects.new(indicator=computers, province=province, year=2024, version=0)
    workflow.save_values(editor, figure, {"value": 1234, "note": "Máy tính “để bàn” — 2024"})
    workflow.submit(editor, figure)
    workflow.return_to_editor(approver, figure, "Kiểm tra lại")
    workflow.save_values(editor, figure, {"value": 1240})


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_has_every_row(tmp_path):
    _some_work()
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        before = _rows(cursor, tables)
    assert len(before["indicators_historicalmeasurement"]) == 4, "the figure's history is in the backup"

    path = backup.backup(connection, tmp_path)
    assert path.stat().st_size > 0

    if backup.is_postgresql(connection.settings_dict):
        import psycopg2

        name = f"prod_restore_{secrets.token_hex(4)}"
        admin = dict(connection.settings_dict)
        server = psycopg2.connect(
            dbname="postgres",
            host=admin.get("HOST") or None,
            port=admin.get("PORT") or None,
            user=admin.get("USER") or None,
            password=admin.get("PASSWORD") or None,
        )
        server.autocommit = True
        server.cursor().execute(f'CREATE DATABASE "{name}"')
        try:
            backup.restore({**admin, "NAME": name}, path)
            restored = psycopg2.connect(
                dbname=name,
                host=admin.get("HOST") or None,
                port=admin.get("PORT") or None,
                user=admin.get("USER") or None,
                password=admin.get("PASSWORD") or None,
            )
            try:
                after = _rows(restored.cursor(), tables)
            finally:
                restored.close()
        finally:
            server.cursor().execute(f'DROP DATABASE IF EXISTS "{name}"')
            server.close()
    else:
        target = tmp_path / "restored.sqlite3"
        backup.restore({**connection.settings_dict, "NAME": str(target)}, path)
        # Read with the same converters Django's connection uses, so that both sides compare alike.
        restored = sqlite3.connect(target, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
        try:
            after = _rows(restored.cursor(), tables)
        finally:
            restored.close()

    assert after == before
