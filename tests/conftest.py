import os
import shutil

import pytest
from django.db import transaction

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """An empty page cache for every test (the data generation moves inside each test's transaction)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def on_date(monkeypatch):
    """``on_date(datetime.date(2026, 12, 20))`` sets the day every rule reads (``indicators.years.today``)."""
    from indicators import years

    def set_today(day):
        monkeypatch.setattr(years, "today", lambda: day)

    return set_today


CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "test-artifacts")


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium driven by Playwright (`playwright install` cannot download browsers here)."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing and REQUIRE_BROWSER is set")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop; the live server's ORM calls happen in other threads.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser context and page; console errors are collected on ``page.console_errors``."""
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts_dir():
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    os.makedirs(ARTIFACTS, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def _vietnamese_unless_asked():
    """A request in English leaves English active in the thread; each test starts in Vietnamese."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """The real units and documents and the demo figures, loaded once for a module and rolled back after it.

    Loading the demo takes seconds; each test of the module runs in a savepoint inside this
    transaction (pytest-django's ``db``), so it sees the data and leaves it as it found it.
    """
    from tests.factories import load_everything

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_everything(demo=True)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo committed once for a module of browser tests, served by a live server for the whole module.

    For modules whose tests only read through the browser: pytest-django's ``live_server`` empties the
    database after every test (a transactional test), so each test would load the demo again (seconds
    each). Here the data is loaded and committed once (a module-scoped fixture of the module adds its
    personas the same way, under ``django_db_blocker.unblock()``) and the database is emptied once, after
    the module, as a transactional test leaves it. Its tests are marked ``django_db`` (not transactional:
    each runs in a transaction rolled back after it) and never take ``live_server``.
    """
    from django.core.management import call_command
    from django.test.utils import override_settings
    from pytest_django.live_server_helper import LiveServer

    from tests.factories import load_everything

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        load_everything(demo=True)
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", verbosity=0, interactive=False)
