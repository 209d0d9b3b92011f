"""What the fault scripts share: starting gunicorn servers on a scratch PostgreSQL database, and a
browser-like client (cookies, CSRF token, the entry sheet's form as the page sends it).

Standard library only, so that CI needs nothing more than the project's requirements.
"""

import html.parser
import http.cookiejar
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def server_env(database_url, redis_url=""):
    """The production configuration, over plain HTTP on this machine."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DEBUG="0",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        BEHIND_PROXY="0",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
        # The load test downloads the full export during requests, as before the background worker.
        EXPORT_BACKGROUND_ROWS=env.get("EXPORT_BACKGROUND_ROWS") or "1000000000",
    )
    return env


def manage(env, *args):
    """Run a manage.py command against ``env``'s database; returns what it printed."""
    return subprocess.run(  # noqa: S603 - this project's manage.py, no shell
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def prepare_database(env, database_name, with_demo_users=True):
    """A fresh PostgreSQL database with the real units and documents, and the demo accounts (password 'demo')."""
    admin_url = env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    import psycopg2

    server = psycopg2.connect(admin_url)
    server.autocommit = True
    server.cursor().execute(f'DROP DATABASE IF EXISTS "{database_name}"')
    server.cursor().execute(f'CREATE DATABASE "{database_name}"')
    server.close()
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "createcachetable")
    manage(env, "load_units", "--verbosity", "0")
    manage(env, "load_documents", "--verbosity", "0")
    if with_demo_users:
        manage(env, "shell", "-c", "from indicators.demo import load_demo_users; load_demo_users()")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")


def drop_database(env, database_name):
    import psycopg2

    server = psycopg2.connect(env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres")
    server.autocommit = True
    server.cursor().execute(f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')
    server.close()


class Gunicorn:
    """One gunicorn server on ``port``, stopped (by its own process id) on exit."""

    def __init__(self, env, port, workers=2):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed with the server; its whole log
        self.process = subprocess.Popen(  # noqa: S603 - this project's gunicorn, no shell
            [GUNICORN, "--config", "config/gunicorn.py", "--workers", str(workers), "config.wsgi"],
            cwd=ROOT,
            env={**env, "PORT": str(port)},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def wait_ready(self, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:  # noqa: S310 - http://127.0.0.1
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn on {self.port} did not answer /healthz")

    def stop(self):
        """Stop the server; returns the lines of its log that tell of a server error or a deadlock."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.seek(0)
        bad = re.compile(r'Traceback|deadlock detected|HTTP/1\.[01]" 5\d\d ')
        return [line for line in self.log.read().splitlines() if bad.search(line)]


class _Form(html.parser.HTMLParser):
    """The named fields of the entry sheet's form, as a browser would send them (enabled ones only)."""

    def __init__(self, include_disabled=False):
        super().__init__()
        self.fields = {}
        self._textarea = None
        self.include_disabled = include_disabled

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if ("disabled" in a and not self.include_disabled) or "name" not in a:
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "checkbox", "radio", "file"):
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[a["name"]] = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


class Browser:
    """A person's browser: cookies, the CSRF token, status codes instead of exceptions."""

    def __init__(self, base_url, address=None):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())
        self.address = address
        self.location = ""

    def at(self, base_url):
        """The same browser (same cookies) talking to another server."""
        other = Browser(base_url, self.address)
        other.jar = self.jar
        other.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())
        return other

    def request(self, path, data=None, timeout=120):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)  # noqa: S310 - our own http server
        request.add_header("Referer", self.base_url + path)
        csrf = self.cookie("csrftoken")
        if csrf and data is not None:
            request.add_header("X-CSRFToken", csrf)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            self.location = error.headers.get("Location", "")
            return error.code, error.read().decode("utf-8", "replace")

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def login(self, username, password="demo", path="/accounts/login/"):  # noqa: S107 - the demo accounts' password
        self.request(path)
        status, _ = self.request(
            path,
            {"username": username, "password": password, "csrfmiddlewaretoken": self.cookie("csrftoken") or ""},
        )
        return status

    def sheet_form(self, path, include_disabled=False):
        """The fields the page's form would send, and the page (``include_disabled``: what it shows too)."""
        status, page = self.request(path)
        if status != 200:
            raise RuntimeError(f"{path}: {status}")
        form = _Form(include_disabled)
        form.feed(page)
        return form.fields, page


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def version_of(fields, code):
    return int(fields.get(f"m-{code}-version", "0") or 0)


def plain_indicators(page, count):
    """Codes of indicators typed as one value (not a ratio), editable on this sheet."""
    codes = re.findall(r'name="m-([a-z0-9-]+)-value"(?![^>]*disabled)', page)
    return codes[:count]


def log(*parts):
    print(*parts, flush=True)
    sys.stdout.flush()
