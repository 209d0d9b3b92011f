"""Push one unit's figures of one year to the tracker through its token API, as a provincial system would.

    python scripts/push_figures.py --url https://chitieu.example.vn --unit phu-tho-2025 --year 2025 \
        --token "$ICT_TRACKER_TOKEN" figures.csv

``figures.csv`` (UTF-8, a BOM allowed, as Excel saves it) has a header row and one row per indicator:
``indicator,value,numerator,denominator,source,note`` (only ``indicator`` and the numbers are needed;
numbers plain, 95.4, or typed the Vietnamese way, "95,4"). The script reads each figure's current
version from the API, sends the batch once (all or nothing) and prints what happened to each row.
By default the figures are submitted for approval and land in the unit's approvers' inbox;
``--draft`` keeps them as drafts; ``--confirm-jumps`` confirms values far from last year's.
The batch is sent with an idempotency key derived from it (the unit, the year, every value and
version), and sent again with the same key when the connection fails: a batch the server applied
before the answer was lost is not applied twice. Run again later, the script reads the new versions
and the rows come back "unchanged". Exit status: 0 when the batch was applied, 1 when it was refused.

Standard library only.
"""

import argparse
import csv
import hashlib
import json
import os
import sys
import time
import urllib.error
import urllib.request

NUMBERS = ("value", "numerator", "denominator")
TEXTS = ("source", "note")


def call(method, url, token, body=None, key=None, tries=3):
    """(status, decoded JSON) of one request to the API; sent again (same body, same key) if the connection fails."""
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if key:
        headers["Idempotency-Key"] = key
    # main() accepts only http(s) URLs
    request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
    for attempt in range(1, tries + 1):
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            content = error.read()
            try:
                return error.code, json.loads(content)
            except ValueError:
                return error.code, {"detail": content.decode(errors="replace")[:500]}
        except (urllib.error.URLError, TimeoutError) as error:
            if attempt == tries:
                return 0, {"detail": f"no answer from the server: {error}"}
            time.sleep(2 * attempt)
    return 0, {"detail": "no answer from the server"}


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.DictReader(handle) if (row.get("indicator") or "").strip()]


def batch(rows, versions, submit, confirm_jumps):
    figures = []
    for row in rows:
        code = row["indicator"].strip()
        figure = {"indicator": code, "version": versions.get(code, 0), "confirm_jump": confirm_jumps}
        for name in NUMBERS + TEXTS:
            text = (row.get(name) or "").strip()
            if text:
                figure[name] = text
        figures.append(figure)
    return {"submit": submit, "figures": figures}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="CSV: indicator,value,numerator,denominator,source,note")
    parser.add_argument("--url", default=os.environ.get("ICT_TRACKER_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--token", default=os.environ.get("ICT_TRACKER_TOKEN", ""), help="or ICT_TRACKER_TOKEN")
    parser.add_argument("--unit", required=True, help="the unit's slug, e.g. phu-tho-2025")
    parser.add_argument("--year", required=True, type=int)
    parser.add_argument("--draft", action="store_true", help="save as drafts instead of submitting for approval")
    parser.add_argument("--confirm-jumps", action="store_true", help="confirm values far from last year's")
    args = parser.parse_args(argv)
    if not args.token:
        parser.error("a token is needed (--token or ICT_TRACKER_TOKEN)")
    if not args.url.startswith(("http://", "https://")):
        parser.error("--url must start with http:// or https://")

    endpoint = f"{args.url.rstrip('/')}/api/v1/units/{args.unit}/years/{args.year}/figures/"
    status, current = call("GET", endpoint, args.token)
    if status != 200:
        print(f"reading the current figures failed ({status}): {current}", file=sys.stderr)
        return 1
    versions = {figure["indicator"]: figure["version"] for figure in current}
    rows = read_rows(args.file)
    body = batch(rows, versions, submit=not args.draft, confirm_jumps=args.confirm_jumps)
    key = hashlib.sha256(f"{args.unit}|{args.year}|{json.dumps(body, sort_keys=True)}".encode()).hexdigest()
    status, answer = call("POST", endpoint, args.token, body, key=key)
    if not isinstance(answer, dict) or "rows" not in answer:
        print(f"refused ({status}): {answer}", file=sys.stderr)
        return 1
    for row in answer["rows"]:
        reasons = "; ".join(row["reasons"])
        print(f"{row['indicator']:<32} {row['outcome']:<20} {row.get('status') or '':<10} {reasons}")
    applied = answer.get("applied")
    print(
        f"{'applied' if applied else 'refused, nothing saved'} ({status}): "
        f"{answer.get('saved', 0)} saved, {answer.get('submitted', 0)} submitted for approval"
    )
    return 0 if applied else 1


if __name__ == "__main__":
    sys.exit(main())
