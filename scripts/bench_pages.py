"""Throughput and latency of every dashboard page under gunicorn, against a bare view in the same run.

    DATABASE_URL=sqlite:////tmp/speed_bench.sqlite3 .venv/bin/python scripts/bench_pages.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/speed_bench .venv/bin/python scripts/bench_pages.py

Fill the database first with ``scripts/gen_scale.py`` (the page list names its directive and its
first indicator). The script starts gunicorn (``--workers`` sync workers by default, DEBUG off,
dashboards public) with the benchmark-only settings of ``scripts/bench_site``: the real site plus
a bare view (``/__bench__/bare/``, an empty response behind the same middleware) and a
middleware that puts each request's SQL statement count in a response header. Then, for
``--rounds`` rounds, every page in turn is loaded for ``--seconds`` by ``--clients`` concurrent
clients on keep-alive connections (Python threads; gunicorn's sync worker closes each connection,
and the client then opens a new one), each page's slot right after a slot of the bare view, so the
two are measured under the same conditions. Cold: each page's first request after a real
approval (which makes every cached page stale), the median of ``--cold-repeats``. Last, the peak
resident memory of each gunicorn worker.

Prints, per page: requests per second, median and 99th-percentile latency, the ratio of its
throughput to the bare view's over the same rounds, SQL statements and rows read per request, and
the cold request's time, statements and rows; then the approvals' times and the workers' memory.
"""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = "/__bench__/bare/"
PAGES = [
    "/",
    "/?units=current",
    "/provinces/",
    "/provinces/phu-tho/",
    "/provinces/phu-tho-2025/",
    "/indicators/",
    "/indicators/bench-001/",
    "/directives/",
    "/directives/bench-directive/",
]


@dataclass
class Sample:
    requests: int = 0
    seconds: float = 0.0
    latencies: list = field(default_factory=list)
    queries: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)  # what went wrong (status or exception) → how often

    def add(self, other):
        self.requests += other.requests
        self.seconds += other.seconds
        self.latencies += other.latencies
        self.queries += other.queries
        self.rows += other.rows
        self.errors.update(other.errors)

    @property
    def rate(self):
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p):
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def fetch(conn, path, method="GET"):
    """One request on a keep-alive connection: (status, seconds, queries, rows read, response)."""
    started = time.perf_counter()
    conn.request(method, path, headers={"Connection": "keep-alive", "Accept-Language": "vi"})
    response = conn.getresponse()
    response.read()
    seconds = time.perf_counter() - started
    queries = response.getheader("X-Bench-Queries")
    rows = response.getheader("X-Bench-Rows")
    if response.getheader("Connection", "").lower() == "close":
        conn.close()  # http.client reopens it on the next request
    return response.status, seconds, int(queries) if queries else None, int(rows) if rows else None, response


def load(port, path, seconds, clients):
    """``clients`` threads asking for ``path`` until ``seconds`` have passed; requests in flight finish."""
    sample = Sample()
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        while time.perf_counter() < deadline:
            try:
                status, took, queries, rows, _response = fetch(conn, path)
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                with lock:
                    sample.errors[type(error).__name__] += 1
                continue
            with lock:
                if status == 200:
                    sample.requests += 1
                    sample.latencies.append(took)
                    if queries is not None:
                        sample.queries.append(queries)
                    if rows is not None:
                        sample.rows.append(rows)
                else:
                    sample.errors[str(status)] += 1
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sample.seconds = time.perf_counter() - started
    return sample


def start_server(args):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench_site.settings",
        DEBUG="0",
        SECRET_KEY="benchmark-only-not-a-secret",  # noqa: S106 - a throwaway server on 127.0.0.1
        PUBLIC_DASHBOARDS="1",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # plain HTTP on this machine: the production settings would redirect every request to HTTPS
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        BEHIND_PROXY="0",
    )
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    # DEBUG off serves the collected, hashed static files (as `make serve` does): collect them first.
    subprocess.run(  # noqa: S603 - our own fixed command
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        check=True,
    )
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--pythonpath", f"{ROOT / 'scripts'},{ROOT}",
        "--bind", f"127.0.0.1:{args.port}",
        "--workers", str(args.workers),
        "--worker-class", args.worker_class,
        "--timeout", "600",
        "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our own fixed command
    for _ in range(1200):  # up to two minutes: a loaded machine starts gunicorn slowly
        try:
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=5)
            status, *_rest = fetch(conn, BARE)
            conn.close()
            if status == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            sys.exit("gunicorn did not start")
        time.sleep(0.1)
    server.terminate()
    sys.exit("gunicorn did not answer")


def after_approvals(port, pages, repeats):
    """Each page's first request after a real approval (``/__bench__/approve/``), ``repeats`` times over,
    and the approvals' own times.

    The approval bumps the data generation, so every page is computed again (its cached blocks are
    stale): the time a user waits on the first view after an approval. Each page's median is
    reported, with the queries and rows of its last such request: the median leaves out the first
    time a gunicorn worker renders a page's templates (it compiles them then; the warm rounds,
    answered from the cache, never render them)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    cold, approvals = {path: [] for path in pages}, []
    for _repeat in range(repeats):
        for path in pages:
            status, _seconds, _queries, _rows, response = fetch(conn, "/__bench__/approve/", method="POST")
            if status != 200:
                sys.exit(f"the benchmark approval answered {status}")
            approvals.append(float(response.getheader("X-Bench-Approve-Ms")))
            status, seconds, queries, rows, _response = fetch(conn, path)
            if status != 200:
                sys.exit(f"{path} answered {status}")
            cold[path].append((seconds, queries, rows))
    conn.close()
    return {
        path: (statistics.median(s for s, _q, _r in found), *found[-1][1:]) for path, found in cold.items()
    }, approvals


def workers_peak_memory(server_pid):
    """The peak resident memory (KiB) of each gunicorn worker: the processes whose parent is the server."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:  # the process ended while we looked
            continue
        if fields.get("PPid", "").strip() == str(server_pid) and "VmHWM" in fields:
            peaks.append(int(fields["VmHWM"].split()[0]))
    return sorted(peaks)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""), help="default: DATABASE_URL")
    parser.add_argument("--port", type=int, default=8191)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=6.0, help="length of one page's slot in one round")
    parser.add_argument("--pages", nargs="*", default=PAGES)
    parser.add_argument("--cold-repeats", type=int, default=5, help="approvals before each page's cold request")
    args = parser.parse_args()

    server = start_server(args)
    try:
        pages = {path: Sample() for path in args.pages}
        bare_beside = {path: Sample() for path in args.pages}  # the bare view's slots next to each page
        for round_number in range(1, args.rounds + 1):
            for path in args.pages:
                bare_beside[path].add(load(args.port, BARE, args.seconds, args.clients))
                pages[path].add(load(args.port, path, args.seconds, args.clients))
            print(f"round {round_number}/{args.rounds} done", file=sys.stderr)
        cold, approvals = after_approvals(args.port, args.pages, args.cold_repeats)
        peaks = workers_peak_memory(server.pid)
    finally:
        server.terminate()
        server.wait()

    bare = Sample()
    for sample in bare_beside.values():
        bare.add(sample)
    database = args.database_url.split("://", 1)[0] or "sqlite (default db.sqlite3)"
    print(
        f"database {database}; gunicorn {args.workers} {args.worker_class} workers; {args.clients} clients; "
        f"{args.rounds} rounds of {args.seconds:g} s per page, each beside a slot of the bare view"
    )
    print(
        f"warm: every request of the rounds; cold: the first request after an approval (median of "
        f"{args.cold_repeats}, its queries and rows read)"
    )
    header = (
        f"| {'page':<32} | {'req/s':>7} | {'p50 ms':>7} | {'p99 ms':>7} | {'ratio':>6} | {'queries':>7} "
        f"| {'rows':>5} | {'cold ms':>7} | {'cold queries':>12} | {'cold rows':>9} | {'errors':>6} |"
    )
    print(header)
    print("|" + "|".join("-" * (len(part)) for part in header.split("|")[1:-1]) + "|")

    def median(values):
        return f"{statistics.median(values):g}" if values else "?"

    for path in [None, *args.pages]:
        if path is None:
            sample, ratio, label = bare, 1.0, BARE + " (bare)"
            cold_text = f"| {'':>7} | {'':>12} | {'':>9} "
        else:
            sample, label = pages[path], f"`{path}`"
            beside = bare_beside[path].rate
            ratio = sample.rate / beside if beside else 0.0
            seconds, queries, rows = cold[path]
            cold_text = f"| {seconds * 1000:7.0f} | {queries!s:>12} | {rows!s:>9} "
        errors = " ".join(f"{n}×{what}" for what, n in sorted(sample.errors.items())) or "0"
        print(
            f"| {label:<32} | {sample.rate:7.1f} | {sample.percentile(50) * 1000:7.0f} | "
            f"{sample.percentile(99) * 1000:7.0f} | {ratio:6.3f} | {median(sample.queries):>7} "
            f"| {median(sample.rows):>5} {cold_text}| {errors:>6} |"
        )
    print(
        f"approvals ({len(approvals)}, each refreshing its stored assessments and committed): "
        f"median {statistics.median(approvals):.0f} ms, max {max(approvals):.0f} ms"
    )
    print("gunicorn workers' peak memory (VmHWM): " + ", ".join(f"{kib / 1024:.0f} MiB" for kib in peaks))


if __name__ == "__main__":
    main()
