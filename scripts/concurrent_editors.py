"""Load and faults: editors saving their own and each other's rows, an approver, two exports, at once.

    .venv/bin/python scripts/concurrent_editors.py [--editors 8] [--rounds 40] [--workers 4]

On a scratch PostgreSQL database (prod_concurrent, dropped at the end) under gunicorn with the
production settings. Each editor saves, round after round, its own indicator row of one province's
sheet and now and then its neighbour's; one of them submits the sheet now and then; the approver
approves what is submitted and reopens what is approved; two readers download exports throughout.
Prints: saves, conflicts shown, refusals of rows locked meanwhile, approvals, 5xx, deadlocks, lost
updates (a save reported as saved that is not in the history at the version it claimed, or two saves
claiming one version) and approvals of unseen values (an approval whose value differs from the value
the approver's page showed). Exit status 0 only if the last four are all 0.
"""

import argparse
import os
import random
import re
import sys
import threading
import time
from collections import Counter

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
    version_of,
)

DATABASE = "prod_concurrent"
PG = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432")
YEAR = 2025
PORT = 8141
EDITOR_SETUP = """
from django.contrib.auth import get_user_model
from provinces.models import Membership, Province
province = Province.objects.get(code="25", valid_to=None)
for i in range({n}):
    user = get_user_model().objects.create_user(f"load-editor-{{i}}", password="demo")
    Membership.objects.create(user=user, province=province, role=Membership.Role.EDITOR)
print(province.slug)
"""


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = Counter()
        self.claims = []  # (code, version claimed, value typed, who)
        self.approvals = []  # (code, version seen, value seen)
        self.timings = []

    def add(self, key, n=1):
        with self.lock:
            self.counts[key] += n


def editor_loop(index, url, sheet, codes, rounds, tally, seed):
    rng = random.Random(seed)
    me = Browser(url)
    me.login(f"load-editor-{index}")
    for round_ in range(rounds):
        own = codes[index % len(codes)]
        code = own if rng.random() < 0.7 else codes[(index + 1) % len(codes)]
        fields, _ = me.sheet_form(sheet)
        if f"m-{code}-value" not in fields:
            tally.add("row locked when the page was opened")
            continue
        seen = version_of(fields, code)
        value = str(1000 + index * 1000 + round_)
        action = "submit" if index == 0 and round_ % 5 == 4 else "save"
        fields.update({f"m-{code}-value": value, "action": action, "csrfmiddlewaretoken": me.cookie("csrftoken")})
        started = time.time()
        status, page = me.request(sheet, fields)
        tally.timings.append(time.time() - started)
        if status >= 500:
            tally.add("5xx")
        elif status == 302:
            _, after = me.request(sheet)  # the page the person lands on, with its message
            if "Đã lưu" in after:
                tally.add("saves")
                with tally.lock:
                    tally.claims.append((code, seen + 1, value, index))
            else:
                tally.add("refused: row locked meanwhile (said on the page)")
        elif "vừa được người khác thay đổi" in page:
            tally.add("conflicts shown")
        else:
            tally.add(f"other answer {status}")


def approver_loop(url, sheet, stop, tally, database_url):
    """Approve what is submitted (checking the value shown), then reopen what is approved, again and again."""
    import psycopg2

    me = Browser(url)
    me.login("phutho-approver")
    db = psycopg2.connect(database_url)
    db.autocommit = True
    while not stop.is_set():
        shown, page = me.sheet_form(sheet, include_disabled=True)
        fields, _ = me.sheet_form(sheet)
        selectable = re.findall(r'name="selected" value="m-([a-z0-9-]+)"', page)
        cur = db.cursor()
        cur.execute(
            "SELECT i.code, m.status FROM indicators_measurement m "
            "JOIN indicators_indicator i ON i.id = m.indicator_id WHERE m.year = %s AND i.code = ANY(%s)",
            [YEAR, selectable],
        )
        status_of = dict(cur.fetchall())
        submitted = [c for c in selectable if status_of.get(c) == "submitted"]
        approved = [c for c in selectable if status_of.get(c) == "approved"]
        if not submitted and not approved:
            time.sleep(0.2)
            continue
        action, chosen = ("approve", submitted) if submitted else ("reopen", approved)
        data = dict(fields)
        data.update(
            action=action,
            selected=[f"m-{c}" for c in chosen],
            reason="Kiểm tra lại",
            csrfmiddlewaretoken=me.cookie("csrftoken"),
        )
        status, answer = me.request(sheet, data)
        if status >= 500:
            tally.add("5xx")
        elif status == 302:
            _, after = me.request(sheet)
            if "Đã phê duyệt" in after:
                tally.add("approvals", len(chosen))
                with tally.lock:
                    for c in chosen:
                        tally.approvals.append((c, version_of(shown, c), shown.get(f"m-{c}-value", "")))
            elif "Đã mở lại" in after:
                tally.add("reopened", len(chosen))
        elif "thay đổi từ lúc bạn mở trang" in answer:
            tally.add("approver shown a changed figure (nothing done)")
        else:
            tally.add(f"approver: {action} refused ({status})")
        time.sleep(0.5)  # an approver reads before acting
    db.close()


def plain_indicators_all(page):
    return plain_indicators(page, 10_000)


def export_loop(url, paths, stop, tally):
    me = Browser(url)
    me.login("phutho-viewer")
    while not stop.is_set():
        for path in paths:
            status, _ = me.request(path, timeout=300)
            tally.add("exports" if status == 200 else ("5xx" if status >= 500 else f"export {status}"))


def check_history(env, tally):
    """Lost updates and unseen approvals, from the history table."""
    import psycopg2

    conn = psycopg2.connect(env["DATABASE_URL"])
    cur = conn.cursor()
    cur.execute(
        "SELECT i.code, h.version, h.value, h.history_change_reason FROM indicators_historicalmeasurement h "
        "JOIN indicators_indicator i ON i.id = h.indicator_id WHERE h.year = %s",
        [YEAR],
    )
    history = {}
    for code, version, value, reason in cur.fetchall():
        history.setdefault((code, version), []).append((value, reason or ""))
    conn.close()
    lost = 0
    claimed = Counter((code, version) for code, version, _, _ in tally.claims)
    lost += sum(n - 1 for n in claimed.values() if n > 1)
    for code, version, value, _ in tally.claims:
        rows = history.get((code, version), [])
        if not any(str(int(v)) == value for v, _ in rows):
            lost += 1
    unseen = 0
    for code, version, value in tally.approvals:
        rows = [v for v, reason in history.get((code, version + 1), []) if reason.startswith("Phê duyệt")]
        if rows and value and str(int(rows[0])) != value.replace(".", "").split(",")[0]:
            unseen += 1
    return lost, unseen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--editors", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--database", default=DATABASE, help="the scratch database's name (default %(default)s)")
    parser.add_argument("--port", type=int, default=PORT, help="gunicorn's port (default %(default)s)")
    args = parser.parse_args()
    env = server_env(f"{PG}/{args.database}")
    started = time.time()
    prepare_database(env, args.database)
    # The unit the editors work for: where they land after login depends on what waits for them.
    slug = manage(env, "shell", "-c", EDITOR_SETUP.format(n=args.editors)).strip().splitlines()[-1]
    log(f"database ready in {time.time() - started:.1f} s")
    server = Gunicorn(env, args.port, workers=args.workers)
    tally = Tally()
    try:
        server.wait_ready()
        probe = Browser(server.url)
        probe.login("load-editor-0")
        sheet = f"/entry/{slug}/{YEAR}/"
        _, page = probe.sheet_form(sheet)
        codes = plain_indicators(page, args.editors)
        stop = threading.Event()
        exports = [f"/provinces/{slug}/?format=xlsx", "/exports/data.xlsx"]
        side = [threading.Thread(target=approver_loop, args=(server.url, sheet, stop, tally, env["DATABASE_URL"]))] + [
            threading.Thread(target=export_loop, args=(server.url, [path], stop, tally)) for path in exports
        ]
        editors = [
            threading.Thread(target=editor_loop, args=(i, server.url, sheet, codes, args.rounds, tally, i))
            for i in range(args.editors)
        ]
        began = time.time()
        for thread in side + editors:
            thread.start()
        for thread in editors:
            thread.join()
        stop.set()
        for thread in side:
            thread.join()
        elapsed = time.time() - began
    finally:
        server_errors = server.stop()
    stderr_text = "\n".join(server_errors)
    lost, unseen = check_history(env, tally)
    if not args.keep:
        drop_database(env, args.database)
    deadlocks = stderr_text.count("deadlock detected")
    c = tally.counts
    timings = sorted(tally.timings) or [0]
    log(f"{args.editors} editors × {args.rounds} rounds, 1 approver, 2 exporters, gunicorn {args.workers} workers")
    log(
        f"elapsed: {elapsed:.1f} s; save POST median {timings[len(timings) // 2] * 1000:.0f} ms, "
        f"95th {timings[int(len(timings) * 0.95)] * 1000:.0f} ms"
    )
    for key in sorted(c):
        log(f"  {key}: {c[key]}")
    log(f"5xx: {c['5xx']}")
    log(f"deadlocks: {deadlocks}")
    log(f"lost updates: {lost}")
    log(f"approvals of unseen values: {unseen}")
    log(f"tracebacks in the server log: {len(server_errors)}")
    return 0 if not (c["5xx"] or deadlocks or lost or unseen or server_errors) else 1


if __name__ == "__main__":
    sys.exit(main())
