"""Production behaviour: login throttling, security headers, error pages, the health check, exports'
caching, `check --deploy`, and requests that only read holding no transaction."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.views.defaults import server_error

from indicators.models import Indicator
from provinces.models import Membership
from tests.factories import PASSWORD, logged_in, make_indicator, make_province, make_user

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def people(db):
    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    other = make_province(name="Tỉnh Lào Cai", slug="lao-cai")
    make_indicator(code="computers", unit=Indicator.Unit.COUNT)
    return {
        "province": province,
        "other": other,
        "editor": make_user("editor", Membership.Role.EDITOR, [province]),
        "viewer": make_user("viewer", Membership.Role.VIEWER, [province]),
        "admin": make_user("admin", superuser=True),
    }


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


# --- login throttling -----------------------------------------------------------------------------------


@pytest.mark.parametrize("login_url", ["/accounts/login/", "/admin/login/"])
def test_five_wrong_passwords_lock_the_account_out_from_that_address_even_for_the_right_one(people, login_url):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _attempt in range(4):
        response = client.post(login_url, {"username": "admin", "password": "wrong"})
        assert response.status_code == 200, "a wrong password is just refused, up to the limit"
    response = client.post(login_url, {"username": "admin", "password": "wrong"})
    assert response.status_code == 429, "the fifth failure locks the account out from this address"
    response = client.post(login_url, {"username": "admin", "password": PASSWORD})
    assert response.status_code == 429
    assert "tạm bị khóa đăng nhập trong 15 phút" in text_of(response)
    assert "_auth_user_id" not in client.session, "the right password does not get in during the lockout"


def test_a_lockout_holds_for_that_user_from_that_address_only(people):
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _attempt in range(6):
        attacker.post("/accounts/login/", {"username": "editor", "password": "wrong"})
    colleague = Client(REMOTE_ADDR="198.51.100.2")
    response = colleague.post("/accounts/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302, "the editor still logs in from the office"
    response = attacker.post("/accounts/login/", {"username": "viewer", "password": PASSWORD})
    assert response.status_code == 302, "another account from the same address is not locked"


def test_a_right_password_before_the_limit_starts_the_count_again(people):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _attempt in range(4):
        client.post("/accounts/login/", {"username": "viewer", "password": "wrong"})
    assert client.post("/accounts/login/", {"username": "viewer", "password": PASSWORD}).status_code == 302
    client.logout()
    for _attempt in range(4):
        client.post("/accounts/login/", {"username": "viewer", "password": "wrong"})
    assert client.post("/accounts/login/", {"username": "viewer", "password": PASSWORD}).status_code == 302


# --- headers, error pages, exports --------------------------------------------------------------------


def test_every_page_carries_a_strict_content_security_policy(people):
    response = logged_in(people["viewer"]).get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert response["Referrer-Policy"] == "same-origin"


def test_an_https_request_gets_hsts_on_production_settings(people, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = Client().get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_a_plain_http_request_is_sent_to_https_but_the_health_check_is_not(people, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get("/accounts/login/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert Client().get("/healthz").status_code == 200


def test_exports_are_never_kept_in_a_cache(people):
    response = logged_in(people["editor"]).get("/entry/phu-tho/2020/template.xlsx")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_the_403_page_is_ours_and_says_why(people):
    response = logged_in(people["viewer"]).get("/entry/lao-cai/")
    assert response.status_code == 403
    text = text_of(response)
    assert "Không có quyền truy cập" in text and "Access denied" in text
    assert "Theo dõi chỉ tiêu CNTT" in text, "the site's own page, not Django's"


def test_the_404_page_is_ours_in_vietnamese_with_english(people):
    response = logged_in(people["viewer"]).get("/no-such-page/")
    assert response.status_code == 404
    text = text_of(response)
    assert "Không tìm thấy trang" in text and "Page not found" in text


def test_the_500_page_is_ours_and_needs_nothing_but_itself(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    text = response.content.decode()
    assert "Hệ thống đang gặp lỗi" in text and "Server error" in text


# --- health check and transactions --------------------------------------------------------------------


def test_the_health_check_answers_without_a_login(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert all(value == "ok" for key, value in response.json().items() if key.startswith("cache:"))


def test_the_health_check_says_503_when_a_cache_fails(db, monkeypatch):
    from django.core.cache.backends.locmem import LocMemCache

    def broken(*args, **kwargs):
        raise ConnectionError("down")

    monkeypatch.setattr(LocMemCache, "get", broken)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "failing"


@pytest.mark.django_db(transaction=True)
def test_a_request_that_only_reads_takes_no_write_lock():
    if connection.vendor != "sqlite":
        pytest.skip("the write lock taken by a transaction is SQLite's")
    viewer = make_user("reader")
    client = logged_in(viewer)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code in (200, 302)
        assert client.get("/healthz").status_code == 200
    assert not [q["sql"] for q in queries if q["sql"].upper().startswith("BEGIN")]


@pytest.mark.django_db(transaction=True)
def test_a_request_that_writes_runs_in_one_transaction(monkeypatch):
    """A POST view that fails half-way leaves nothing behind."""
    from entry import sheets

    province = make_province(name="Tỉnh Phú Thọ", slug="phu-tho")
    make_indicator(code="computers", unit=Indicator.Unit.COUNT)
    editor = make_user("writer", Membership.Role.EDITOR, [province])

    def then_fail(*args, **kwargs):
        raise RuntimeError("the disk is full")

    real = sheets.apply

    def save_then_fail(user, province, year, data):
        from indicators.models import Measurement

        Measurement.objects.new(indicator=Indicator.objects.get(), province=province, year=year, value=5).save()
        then_fail()
        return real(user, province, year, data)

    monkeypatch.setattr(sheets, "apply", save_then_fail)
    client = logged_in(editor)
    client.raise_request_exception = False
    response = client.post("/entry/phu-tho/2020/", {"action": "save"})
    assert response.status_code == 500
    from indicators.models import Measurement

    assert not Measurement.objects.exists()


# --- check --deploy --------------------------------------------------------------------------------------


def test_check_deploy_is_clean_on_production_settings():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DEBUG", "PYTEST")) and key != "DATABASE_URL"
    }
    env.update(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="ict.example.gov.vn")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
