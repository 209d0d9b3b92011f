"""Two app servers on one PostgreSQL database and one Redis: do they behave as one site?

    .venv/bin/python scripts/two_servers.py [--keep]

Starts two gunicorn servers (production settings, REDIS_URL set) on a scratch database
(prod_two_servers, dropped at the end) and prints, each as a figure:
  - a login on server A is valid on server B;
  - a lockout after 5 wrong passwords on A holds on B;
  - a figure saved, submitted and approved through A shows on B's dashboard at once.
Exit status 0 only if all three hold and no request answered 5xx.
"""

import argparse
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from site_client import (  # noqa: E402
    Browser,
    Gunicorn,
    drop_database,
    log,
    manage,
    plain_indicators,
    prepare_database,
    server_env,
)

DATABASE = "prod_two_servers"
PG = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("REDIS_URL_FOR_SCRIPTS", "redis://127.0.0.1:6379/14")
UNIT_SLUG = "from provinces.models import Province; print(Province.objects.get(code='25', valid_to=None).slug)"
YEAR = 2025


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    env = server_env(f"{PG}/{DATABASE}", REDIS)
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    started = time.time()
    prepare_database(env, DATABASE)
    log(f"database ready in {time.time() - started:.1f} s")
    a, b = Gunicorn(env, 8131), Gunicorn(env, 8132)
    results = {}
    try:
        a.wait_ready()
        b.wait_ready()

        # 1. a login on A is valid on B
        editor = Browser(a.url)
        log("login on A:", editor.login("phutho-editor"))
        status, _ = editor.at(b.url).request("/entry/")
        results["login on A valid on B"] = status == 200
        log(f"  GET /entry/ on B with A's session cookie: {status} (200 = logged in)")

        # 2. a lockout on A holds on B
        attacker = Browser(a.url)
        codes = [attacker.login("phutho-viewer", "wrong") for _ in range(5)]
        on_b = Browser(b.url).login("phutho-viewer", "demo")
        results["lockout on A holds on B"] = codes[-1] == 429 and on_b == 429
        log(f"  5 wrong passwords on A: {codes}; right password on B: {on_b} (429 = locked out)")

        # 3. approved through A, on B's dashboard at once
        # Phú Thọ as it is today: the demo editors' unit (after login they land on their inbox).
        slug = manage(env, "shell", "-c", UNIT_SLUG).strip().splitlines()[-1]
        sheet = f"/entry/{slug}/{YEAR}/"
        fields, page = editor.sheet_form(sheet)
        code = plain_indicators(page, 1)[0]
        value = "987654"
        fields.update({f"m-{code}-value": value, "action": "submit", "csrfmiddlewaretoken": editor.cookie("csrftoken")})
        saved, _ = editor.request(sheet, fields)
        approver = Browser(a.url)
        approver.login("phutho-approver")
        fields, _ = approver.sheet_form(sheet)
        fields.update(action="approve", selected=[f"m-{code}"], csrfmiddlewaretoken=approver.cookie("csrftoken"))
        approved, _ = approver.request(sheet, fields)
        shown_at = time.time()
        # phutho-viewer is the one locked out above: the approver reads B's dashboard with A's session.
        status, dashboard = approver.at(b.url).request(f"/provinces/{slug}/")
        shown = "987.654" in re.sub(r"<[^>]+>", "", dashboard)
        results["approved on A shown on B"] = saved == 302 and approved == 302 and shown
        log(
            f"  {code} = {value} submitted on A: {saved}; approved on A: {approved}; "
            f"B's dashboard ({status}) shows 987.654: {shown} "
            f"({(time.time() - shown_at) * 1000:.0f} ms after the approval)"
        )
    finally:
        errors = a.stop() + b.stop()
        if not args.keep:
            drop_database(env, DATABASE)
    log(f"5xx or tracebacks in the servers' logs: {len(errors)}")
    for name, ok in results.items():
        log(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if results and all(results.values()) and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
