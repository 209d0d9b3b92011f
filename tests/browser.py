"""Helpers for the browser tests (Playwright driving /usr/bin/chromium)."""


def log_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")


def log_out(page):
    page.click("header form[action$='/accounts/logout/'] button")
    page.wait_for_load_state("networkidle")
