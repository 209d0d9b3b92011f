"""In a real browser: the API's documentation renders from our own static files, offline, under our CSP."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_documentation_renders_offline_from_our_own_files(page, live_server):
    elsewhere = []

    def only_this_site(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_site)
    page.goto(f"{live_server.url}/accounts/login/")
    page.click("footer a[href='/api/v1/docs/']")
    page.wait_for_selector(".opblock-summary", timeout=20000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/units/{slug}/years/{year}/figures/" in [p.replace("\u200b", "") for p in paths]
    assert "Open data" in page.locator(".info").inner_text()
    assert elsewhere == [], "nothing is fetched from another site (no CDN)"
    assert page.console_errors == [], "no script or style refused by the Content-Security-Policy"
