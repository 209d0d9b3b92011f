"""A batch of figures sent by a provincial system: the Excel import's path, fed from JSON.

Each row goes through ``entry.importer``: the data-entry form's validation (``FigureForm`` over
``validation.check_figure``), the jump confirmation, the row's version (optimistic locking), the
workflow (``workflow.save_values``, then ``workflow.submit`` when asked: never approved) and its
history. All or nothing: a batch with any rejected row, or a jump not confirmed, saves nothing and
answers every row. A client's idempotency key is kept with the answer in the batch's own transaction
(``provinces.ApiSubmission``): the same key and body get the same answer and change nothing.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from entry import importer, notifications
from entry.importer import RawRow, Upload
from entry.template import EDITABLE_KEYS
from indicators import workflow
from indicators.models import Measurement
from provinces.models import ApiSubmission

NEEDS_CONFIRMATION = "needs_confirmation"


@dataclass
class Answer:
    status_code: int
    body: dict
    replayed: bool = False
    submitted: int = 0
    rows: list = field(default_factory=list)


def fingerprint(province, year, body):
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{province.slug}|{year}|{canonical}".encode()).hexdigest()


def upload_of(figures, token):
    """The batch as the importer's Upload: each figure's cells as the form takes them, its version."""
    rows = [
        RawRow(
            line=number,
            code=figure["indicator"],
            cells={key: figure.get(key) or "" for key in EDITABLE_KEYS},
            version=figure["version"],
        )
        for number, figure in enumerate(figures, start=1)
    ]
    return Upload(f"API {token.name} ({token.prefix})", rows)


def _row_answer(row):
    outcome = NEEDS_CONFIRMATION if row.needs_confirmation else row.outcome
    return {"indicator": row.code, "outcome": outcome, "reasons": [str(r) for r in row.reasons]}


def _answers(preview, upload):
    """One answer per row sent, in order (a blank row the import would skip is "unchanged")."""
    by_line = {row.line: row for row in preview.rows}
    result = []
    for raw in upload.rows:
        row = by_line.get(raw.line)
        if row is None:
            result.append({"indicator": raw.code, "outcome": importer.UNCHANGED, "reasons": []})
        else:
            result.append(_row_answer(row))
    return result


def history_reason(token):
    return workflow.recorded("Gửi qua API (mã %(name)s, %(prefix)s…)", name=token.name, prefix=token.prefix)


def _submit_all(user, province, year, codes):
    """Submit every figure of the batch still editable (draft or returned); returns how many."""
    figures = Measurement.objects.filter(province=province, year=year, indicator__code__in=codes).order_by("pk")
    count = 0
    for figure in figures:
        if figure.status in workflow.EDITABLE:
            workflow.submit(user, figure)
            count += 1
    return count


def _apply(user, token, province, year, figures, submit):
    upload = upload_of(figures, token)
    confirmed = frozenset(f["indicator"] for f in figures if f.get("confirm_jump"))
    preview = importer.build_preview(user, province, year, upload, confirmed, lock=True)
    rows = _answers(preview, upload)
    if preview.rejected or preview.confirmable:
        return Answer(422, {"applied": False, "saved": 0, "submitted": 0, "rows": rows})
    expected = {row.code for row in preview.accepted}
    try:
        saved = importer.apply_import(user, province, year, upload, expected, confirmed, reason=history_reason(token))
    except importer.StalePreview as stale:
        return Answer(409, {"applied": False, "saved": 0, "submitted": 0, "rows": _answers(stale.preview, upload)})
    codes = [f["indicator"] for f in figures]
    submitted = _submit_all(user, province, year, codes) if submit else 0
    stored = {
        m.indicator.code: m
        for m in Measurement.objects.filter(province=province, year=year, indicator__code__in=codes).select_related(
            "indicator"
        )
    }
    for row in rows:
        figure = stored.get(row["indicator"])
        row["version"] = figure.version if figure else None
        row["status"] = figure.status if figure else None
    return Answer(200, {"applied": True, "saved": saved, "submitted": submitted, "rows": rows}, submitted=submitted)


def receive(token, province, year, body, key=""):
    """Apply the batch ``body`` ({"submit": bool, "figures": [...]}, validated) for the token's user.

    Returns an Answer; nothing is kept unless it applied. PermissionDenied and WorkflowError from the
    workflow leave nothing either (the caller's transaction rolls back).
    """
    user = token.user
    with transaction.atomic():
        workflow.lock_sheet(province, year)  # a retry waits for the first request, then finds its key
        if key:
            digest = fingerprint(province, year, body)
            kept = ApiSubmission.objects.filter(token=token, key=key).first()
            if kept is not None:
                if kept.fingerprint != digest:
                    message = _("Khóa Idempotency-Key này đã dùng cho một yêu cầu khác.")
                    return Answer(422, {"detail": message})
                return Answer(kept.status_code, kept.response, replayed=True)
        try:
            with transaction.atomic():
                answer = _apply(user, token, province, year, body["figures"], body.get("submit", False))
                if answer.status_code != 200:
                    raise _Undo(answer)
        except _Undo as undo:
            return undo.answer
        if key:
            ApiSubmission.objects.create(
                token=token, key=key, fingerprint=digest, status_code=answer.status_code, response=answer.body
            )
    if answer.submitted:
        notifications.figures_changed(notifications.SUBMITTED, user, province, year, answer.submitted)
    return answer


class _Undo(Exception):
    """Rolls back everything a batch wrote when it did not apply."""

    def __init__(self, answer):
        super().__init__("batch not applied")
        self.answer = answer
