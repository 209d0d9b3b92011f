"""The full data export as a background task (reporting/background.py): progress, the file, who may fetch it, expiry.

No worker runs here: the view queues the task on the database backend and the test runs the
task's function itself, as ``manage.py db_worker`` would.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from indicators.models import Indicator, WorkflowStatus
from provinces.models import Membership
from reporting import background
from tests.excel_helpers import records, response_bytes, row_with
from tests.factories import logged_in, make_indicator, make_measurement, make_province, make_user


@pytest.fixture
def world(db, settings, tmp_path):
    settings.EXPORT_DIR = tmp_path / "exports"
    settings.EXPORT_BACKGROUND_ROWS = 3
    phu_tho = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    lao_cai = make_province(name="Tỉnh Lào Cai", slug="lao-cai")
    computers = make_indicator("computers", unit=Indicator.Unit.COUNT)
    for year in (2010, 2011, 2012):
        make_measurement(computers, phu_tho, year, 100 + year)
        make_measurement(computers, lao_cai, year, 200 + year)
    make_measurement(computers, lao_cai, 2013, 999, status=WorkflowStatus.DRAFT)
    return {
        "asker": make_user("asker", role=Membership.Role.VIEWER, provinces=[phu_tho]),
        "colleague": make_user("colleague", role=Membership.Role.APPROVER, provinces=[phu_tho]),
        "neighbour": make_user("neighbour", role=Membership.Role.APPROVER, provinces=[lao_cai]),
        "settings": settings,
    }


def start(client):
    """Open the export, press 'Tạo tệp'; returns the job's page address."""
    offer = client.get("/exports/data.xlsx")
    assert offer.status_code == 200 and "Tạo tệp" in offer.content.decode()
    response = client.post("/exports/data/")
    assert response.status_code == 302
    return response["Location"]


def job_id(url):
    return url.rstrip("/").rsplit("/", 1)[-1]


def sheet_rows(data):
    ws = load_workbook(io.BytesIO(data))["Số liệu"]
    return [tuple(cell.value for cell in row.values()) for row in records(ws, row_with(ws, "Năm"))]


def test_a_large_export_runs_in_the_background_from_0_to_100_and_gives_the_same_rows(world, monkeypatch):
    client = logged_in(world["asker"])
    url = start(client)
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "reporting.background.build_data_export"
    assert queued.args_kwargs["args"] == [job_id(url)]

    status = client.get(url + "status.json").json()
    assert (status["state"], status["percent"], status["total"], status["file_url"]) == ("queued", 0, 6, "")
    page = client.get(url).content.decode()
    assert '<progress class="export-progress" value="0" max="100">' in page
    assert 'http-equiv="refresh"' in page, "the page follows the job without a script"

    seen = []
    monkeypatch.setattr(background, "PROGRESS_EVERY", 2)
    saved = background.Job.save
    monkeypatch.setattr(background.Job, "save", lambda job: (seen.append(job.percent), saved(job)))
    background.run(job_id(url))  # what the worker does
    assert seen == [0, 33, 66, 99, 100], "0 → 100 as the rows are written (99 until the file is closed)"

    status = client.get(url + "status.json").json()
    assert (status["state"], status["percent"], status["written"]) == ("done", 100, 6)
    page = client.get(url).content.decode()
    assert "http-equiv" not in page and status["file_url"] in page
    response = client.get(status["file_url"])
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="so-lieu-cac-tinh-thanh-pho.xlsx"')
    in_background = sheet_rows(response_bytes(response))

    world["settings"].EXPORT_BACKGROUND_ROWS = 1000
    synchronous = client.get("/exports/data.xlsx")
    assert synchronous.streaming, "a small export is still written during the request"
    assert in_background == sheet_rows(response_bytes(synchronous))
    assert len(in_background) == 6, "approved figures only"


def test_the_queued_task_is_the_export_itself(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client = logged_in(world["asker"])
    url = start(client)
    status = client.get(url + "status.json").json()
    assert (status["state"], status["percent"]) == ("done", 100)
    assert len(sheet_rows(response_bytes(client.get(status["file_url"])))) == 6


def test_only_the_asker_and_those_with_the_same_permissions_see_the_job(world):
    url = start(logged_in(world["asker"]))
    background.run(job_id(url))
    file_url = url + "data.xlsx"
    for path in (url, url + "status.json", file_url):
        assert logged_in(world["asker"]).get(path).status_code == 200
        assert logged_in(world["neighbour"]).get(path).status_code == 404, "another province's user"
        assert logged_in(world["colleague"]).get(path).status_code == 404, "another role in the same province"
        anonymous = logged_in(None).get(path)
        assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    same_scope = make_user("twin", role=Membership.Role.VIEWER, provinces=[world["asker"].memberships.get().province])
    assert logged_in(same_scope).get(file_url).status_code == 200
    assert logged_in(world["asker"]).get("/exports/0123456789abcdef0123456789abcdef/").status_code == 404
    assert logged_in(world["asker"]).get("/exports/..%2F..%2Fetc/status.json").status_code == 404


def test_anonymous_visitors_of_public_dashboards_log_in_for_a_background_export(world, settings):
    settings.PUBLIC_DASHBOARDS = True
    response = logged_in(None).get("/exports/data.xlsx")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert logged_in(None).post("/exports/data/").status_code == 302
    assert not DBTaskResult.objects.exists()
    settings.EXPORT_BACKGROUND_ROWS = 1000
    assert logged_in(None).get("/exports/data.xlsx").streaming, "a small one is still public"


def test_a_job_is_kept_for_a_day(world, monkeypatch):
    client = logged_in(world["asker"])
    url = start(client)
    background.run(job_id(url))
    job = background.load(job_id(url))
    assert job.file_path.exists()
    assert background.remove_expired(now=job.created_at + datetime.timedelta(hours=23)) == 0
    assert client.get(url + "data.xlsx").status_code == 200

    a_day_later = job.created_at + datetime.timedelta(days=1, seconds=1)
    monkeypatch.setattr(background.timezone, "now", lambda: a_day_later)
    assert client.get(url + "data.xlsx").status_code == 404, "refused once a day old, even before the cleanup"
    assert job.file_path.exists()
    out = io.StringIO()
    call_command("prune_exports", stdout=out)
    assert "1 expired export(s) removed" in out.getvalue()
    assert not job.file_path.exists() and background.load(job.id) is None
    assert list(background.directory().iterdir()) == []


def test_a_job_whose_task_failed_says_so_instead_of_waiting_at_0(world):
    from django.db import OperationalError

    client = logged_in(world["asker"])
    url = start(client)
    assert 'http-equiv="refresh"' in client.get(url).content.decode()
    # the worker could not run it (here: the database stayed locked) and marked the task failed
    DBTaskResult.objects.get().set_failed(OperationalError("database is locked"))
    page = client.get(url).content.decode()
    assert "Không tạo được tệp" in page and 'http-equiv="refresh"' not in page
    assert client.get(url + "status.json").json()["state"] == "failed"


def test_the_worker_goes_on_after_a_locked_database_and_runs_the_export(world, monkeypatch):
    from django.db import OperationalError
    from django_tasks_db.management.commands import db_worker as library

    from reporting.management.commands import db_worker

    client = logged_in(world["asker"])
    url = start(client)
    real = library.exclusive_transaction
    locked = []

    def locked_once(using):
        if not locked:  # the first claim finds the database locked past SQLite's busy timeout
            locked.append(using)
            raise OperationalError("database is locked")
        return real(using)

    monkeypatch.setattr(library, "exclusive_transaction", locked_once)
    monkeypatch.setattr(db_worker, "PAUSE", 0)
    # A real worker has a connection of its own; this one is the test's, inside its transaction: keep it open.
    monkeypatch.setattr(library, "close_old_connections", lambda: None)
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    worker = db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    worker.run()
    assert locked, "the lock was met"
    assert client.get(url + "status.json").json()["state"] == "done"
