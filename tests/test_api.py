"""The read-only API: who may read what, the dashboards' filters, the stored statuses, CSV, throttling."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from api.throttling import PerClient
from tests.api_helpers import PHUTHO_ROLES, ROLES, build_world, rolled_back, token_for

LISTS = ["indicators", "targets", "units", "measurements", "assessments"]
# The CSV header of a field, as an Excel user reads it: one per list, enough to recognise the file.
HEADERS = {
    "indicators": "Mã",
    "targets": "Mã chỉ số",
    "units": "Mã GSO",
    "measurements": "Mã chỉ số",
    "assessments": "Trạng thái",
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        yield build_world()


def client_as(role):
    client = Client()
    if role != "anonymous":
        client.force_login(get_user_model().objects.get(username=role))
    return client


def results(response):
    assert response.status_code == 200, response.content[:300]
    return response.json()["results"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", LISTS)
def test_lists_need_a_login_unless_the_dashboards_are_public(world, db, settings, role, name):
    settings.PUBLIC_DASHBOARDS = False
    response = client_as(role).get(f"/api/v1/{name}/")
    assert response.status_code == (401 if role == "anonymous" else 200)
    settings.PUBLIC_DASHBOARDS = True
    assert client_as(role).get(f"/api/v1/{name}/").status_code == 200


@pytest.mark.parametrize("name", LISTS)
def test_a_token_reads_the_lists_and_nothing_is_written_through_them(world, db, name):
    _token, text = token_for("phutho-editor", "phu-tho")
    client = Client(HTTP_AUTHORIZATION=f"Token {text}")
    assert client.get(f"/api/v1/{name}/").status_code == 200
    assert client.post(f"/api/v1/{name}/", {}, content_type="application/json").status_code == 403


def test_a_wrong_or_revoked_token_is_refused(world, db):
    token, text = token_for("phutho-editor", "phu-tho")
    prefix = text.split(".")[0]
    assert Client(HTTP_AUTHORIZATION=f"Token {prefix}.wrong").get("/api/v1/units/").status_code == 401
    token.revoked_at = token.created_at
    token.save()
    assert Client(HTTP_AUTHORIZATION=f"Token {text}").get("/api/v1/units/").status_code == 401


@pytest.mark.parametrize("role", ROLES)
def test_a_units_figures_with_drafts_are_read_only_by_who_may_view_that_unit(world, db, role):
    response = client_as(role).get("/api/v1/units/lao-cai/years/2024/figures/")
    expected = {"anonymous": 401, "admin": 200, "laocai-editor": 200}.get(role, 403)
    assert response.status_code == expected
    if expected == 200:
        figure = next(f for f in response.json() if f["indicator"] == "computers")
        assert (figure["status"], Decimal(figure["value"])) == ("draft", 999)
    own = client_as(role).get("/api/v1/units/phu-tho/years/2023/figures/")
    assert own.status_code == (200 if role in PHUTHO_ROLES else 401 if role == "anonymous" else 403)


def test_a_token_reads_only_its_own_units_drafts(world, db):
    _token, text = token_for("phutho-editor", "phu-tho")
    client = Client(HTTP_AUTHORIZATION=f"Token {text}")
    assert client.get("/api/v1/units/phu-tho/years/2023/figures/").status_code == 200
    assert client.get("/api/v1/units/lao-cai/years/2024/figures/").status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_the_report_is_read_by_who_may_download_it(world, db, role):
    response = client_as(role).get("/api/v1/reports/phu-tho/2023/")
    assert response.status_code == (200 if role in PHUTHO_ROLES else 401 if role == "anonymous" else 403)
    national = client_as(role).get("/api/v1/reports/toan-quoc/2023/")
    assert national.status_code == (401 if role == "anonymous" else 200)


def test_a_token_reads_its_own_units_report_only(world, db):
    _token, text = token_for("phutho-editor", "phu-tho")
    client = Client(HTTP_AUTHORIZATION=f"Token {text}")
    assert client.get("/api/v1/reports/phu-tho/2023/").status_code == 200
    assert client.get("/api/v1/reports/lao-cai/2023/").status_code == 403
    assert client.get("/api/v1/reports/toan-quoc/2023/").status_code == 403


def test_the_report_holds_the_workbooks_statuses_agency_and_period(world, db):
    report = client_as("phutho-viewer").get("/api/v1/reports/phu-tho/2023/").json()
    assert (report["unit"], report["year"], report["period"]) == ("phu-tho", 2023, "2021–2025")
    assert report["agency"]["full_name"] == "Sở Thông tin và Truyền thông tỉnh Phú Thọ"
    row = next(r for r in report["summary"] if r["indicator"] == "computers")
    assert (Decimal(row["latest"]), row["latest_year"]) == (76, 2023)
    assert row["periods"]["2021–2025"]["status"] == "on_track"
    assert report["counts"]["on_track"] >= 1
    assert client_as("phutho-viewer").get("/api/v1/reports/phu-tho/2026/").status_code == 404


def test_only_approved_figures_are_published(world, db):
    figures = results(client_as("admin").get("/api/v1/measurements/?province=lao-cai"))
    assert sorted(f["year"] for f in figures) == [2020, 2023], "the 2024 draft is never listed"


def test_assessments_are_the_dashboards_statuses_with_the_numbers_behind_them(world, db):
    rows = results(client_as("admin").get("/api/v1/assessments/?year=2023&units=legacy"))
    computers = {r["unit"]: r for r in rows if r["indicator"] == "computers"}
    phu_tho = computers["phu-tho"]
    assert (phu_tho["status"], phu_tho["period"], phu_tho["year"]) == ("on_track", "2021–2025", 2023)
    assert Decimal(phu_tho["value"]) == 76 and Decimal(phu_tho["target"]) == 100
    assert (Decimal(phu_tho["baseline"]), phu_tho["baseline_year"]) == (40, 2020)
    assert Decimal(phu_tho["pace"]) == 1 and Decimal(phu_tho["gap"]) == 24
    assert computers["lao-cai"]["status"] == "off_track"
    page = client_as("admin").get("/provinces/phu-tho/?year=2023")
    shown = {row.indicator.code: row.chosen.key for row in page.context["rows"]}
    assert {r["indicator"]: r["status"] for r in rows if r["unit"] == "phu-tho"} == shown, "as the page shows them"


def test_assessments_take_the_dashboards_filters(world, db):
    client = client_as("admin")
    behind = results(client.get("/api/v1/assessments/?year=2023&units=legacy&status=behind"))
    assert [(r["indicator"], r["unit"]) for r in behind] == [("computers", "lao-cai")]
    own = results(client.get("/api/v1/assessments/?year=2023&province=phu-tho"))
    assert {r["unit"] for r in own} == {"phu-tho"} and len(own) == 3
    page = client.get("/api/v1/assessments/?year=2023&units=legacy&page_size=2").json()
    assert (page["count"], len(page["results"])) == (6, 2) and "page=2" in page["next"]
    refused = client.get("/api/v1/assessments/?status=nonsense&year=1800")
    assert refused.status_code == 400 and {"status", "year"} <= set(refused.json())


def test_demo_figures_are_flagged_in_every_record(world, db):
    client = client_as("admin")
    lan = [r for r in results(client.get("/api/v1/measurements/?year=2023")) if r["indicator"] == "units-with-lan"]
    assert [r["is_demo"] for r in lan] == [True]
    stored = results(client.get("/api/v1/assessments/?year=2023&province=phu-tho"))
    assert {r["indicator"]: r["is_demo"] for r in stored} == {
        "computers": False,
        "units-with-lan": True,
        "services-online": False,
    }


def test_assessments_are_read_with_a_bounded_number_of_queries(world, db):
    client = client_as("admin")
    client.get("/api/v1/assessments/")  # session and user loaded once
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/assessments/?units=legacy&year=2023").status_code == 200
    assert len(queries) <= 12, [q["sql"][:120] for q in queries]


def parse_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf"), "a UTF-8 BOM, so that Excel reads Vietnamese right"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def as_csv(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


@pytest.mark.parametrize("name", LISTS)
def test_each_list_as_csv_holds_the_json_under_vietnamese_headers(world, db, name):
    client = client_as("admin")
    query = "year=2023&units=legacy" if name == "assessments" else ""
    records = client.get(f"/api/v1/{name}/?{query}&page_size=1000").json()["results"]
    rows = parse_csv(client.get(f"/api/v1/{name}/?{query}&format=csv"))
    assert len(rows) == len(records) > 0
    assert HEADERS[name] in rows[0]
    for row, record in zip(rows, records, strict=True):
        assert list(row.values()) == [as_csv(value) for value in record.values()]


def test_requests_are_throttled_per_client(world, db, monkeypatch):
    monkeypatch.setattr(PerClient, "THROTTLE_RATES", {"api": "3/min"})
    first, second = client_as("phutho-viewer"), client_as("laocai-editor")
    answers = [first.get("/api/v1/units/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert second.get("/api/v1/units/").status_code == 200, "another client has its own count"
