"""`make backup` then `make restore` into an empty database gives back every row, history included."""

import importlib.util
import json
import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config import backup, serving
from indicators import generation, workflow
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


SERVE = """
import json, sys
from config import serving
serving.announce(json.loads(sys.argv[1]))
print("serving", flush=True)
sys.stdin.read()
"""


def _restore_script():
    spec = importlib.util.spec_from_file_location("backup_script", Path(settings.BASE_DIR) / "scripts" / "backup.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_while_a_server_runs_says_what_will_be_lost_and_renews_the_epoch(tmp_path, monkeypatch):
    _some_work()
    generation.bump()
    path = backup.backup(connection, tmp_path)
    for _ in range(3):  # three changes committed after the backup
        generation.bump()
    database = {key: str(connection.settings_dict.get(key) or "") for key in ("ENGINE", "HOST", "PORT", "NAME")}
    server = subprocess.Popen(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", SERVE, json.dumps(database)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout.readline().strip() == "serving"
        assert serving.servers_running(connection.settings_dict)
        script = _restore_script()
        restored, said = [], []
        monkeypatch.setattr(backup, "restore", lambda settings_dict, path: restored.append(path))
        assert script.restore(path, out=said.append) == 1
        assert "refused" in said[0] and not restored, "nothing restored under a running server"
        epoch = generation.read_row().epoch
        assert script.restore(path, force=True, out=said.append) == 0
        assert said[1].startswith("3 changes committed since this backup will be lost"), said
        assert restored == [path]
        assert generation.read_row().epoch != epoch, "pages cached before the restore are never served again"
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    assert not serving.servers_running(connection.settings_dict), "the lock went with the server"
