"""The approval state machine for reported figures (measurements and task reports).

    draft ──submit──▶ submitted ──approve──▶ approved (locked)
      ▲                  │                       │
      └──── returned ◀───┘ return (reason)       │ reopen (reason)
               ▲─────────────────────────────────┘

Editors change draft and returned figures and submit them; approvers approve or
return submitted ones and reopen approved ones. Every transition checks the role
in the figure's province here, whatever the view already checked, bumps the row
version (optimistic locking) and leaves a history entry with its reason.

Approving and reopening change what the dashboards show: the transition refreshes the
stored assessments the figure reaches (``assessments.refresh``) and bumps the data generation
(``generation.bump``), in its transaction. A caller acting on many figures (the approver's
sheet) passes one ``assessments.Changes`` to each transition and calls ``publish`` once at the
end: one refresh for them all.
"""

from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from provinces.access import require

from . import assessments, generation
from .models import Measurement, WorkflowStatus

EDITABLE = {WorkflowStatus.DRAFT, WorkflowStatus.RETURNED}


class WorkflowError(Exception):
    """A transition that the figure's status does not allow."""


class Conflict(Exception):
    """Someone else saved the figure since it was loaded into the form."""

    def __init__(self, current):
        super().__init__(_("Số liệu đã được người khác thay đổi."))
        self.current = current


def lock_sheet(province, year):
    """Serialise the writers of one unit's figures of one year, until the transaction ends.

    Saves, approvals and imports of the same sheet then run one after the other: the second reads
    what the first committed (and gets the conflict screen, never a duplicate insert), and their row
    locks cannot form a cycle (the deadlocks a load test found with 8 editors on one sheet). Other
    sheets, and readers, are not held up. PostgreSQL: a transaction-level advisory lock keyed by the
    unit and the year. SQLite already lets one writer in at a time (``BEGIN IMMEDIATE``).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [province.pk, year])


# What an approver can act on: approve or return a submitted figure, reopen an approved one.
AWAITS_APPROVER = {WorkflowStatus.SUBMITTED, WorkflowStatus.APPROVED}


def approver_can_act(figure):
    return figure is not None and figure.pk is not None and figure.status in AWAITS_APPROVER


def is_editable(figure):
    return figure is None or figure.pk is None or figure.status in EDITABLE


def recorded(message, **params):
    """A history reason, always kept in Vietnamese: the record must not depend on who was reading."""
    with translation.override("vi"):
        return _(message) % params if params else _(message)


# Written by every save, whatever the transition changed.
BOOKKEEPING = ("version", "updated_by", "updated_at")


def _save(figure, user, reason, changed):
    """Bump the version and save the ``changed`` fields, leaving ``reason`` in the history.

    Only what the transition changed (and the bookkeeping) is written, so approving a figure cannot
    put back a note or source someone corrected in the admin meanwhile; a new figure is inserted
    whole. simple-history copies the whole instance into its row, reason and user included,
    whichever fields were written.
    """
    figure.version += 1
    figure.updated_by = user
    figure._change_reason = reason
    figure._history_user = user
    if figure.pk is None:
        figure.save()
    else:
        figure.save(update_fields=[*changed, *BOOKKEEPING])
    return figure


def check_version(figure, expected_version):
    """Raise Conflict if the stored figure is not the version the form was built from."""
    stored = figure.version if figure.pk else 0
    if expected_version is not None and stored != expected_version:
        raise Conflict(figure)


def save_values(user, figure, values, expected_version=None, reason=""):
    """Store new values on an editable figure (a Measurement or TaskReport, new or loaded for update).

    ``values`` maps field name → new value. Returns True if anything changed.
    """
    require(user, "enter", figure.province)
    if not is_editable(figure):
        raise WorkflowError(_("Số liệu đã gửi duyệt hoặc đã phê duyệt nên không sửa được."))
    check_version(figure, expected_version)
    changed = figure.pk is None or any(getattr(figure, name) != value for name, value in values.items())
    if not changed:
        return False
    for name, value in values.items():
        setattr(figure, name, value)
    figure.is_demo = False  # a person vouched for it now
    if figure.status == WorkflowStatus.RETURNED:
        figure.status = WorkflowStatus.DRAFT
    _save(figure, user, reason or recorded("Cập nhật số liệu"), [*values, "is_demo", "status"])
    return True


def submit(user, figure):
    require(user, "enter", figure.province)
    if figure.status not in EDITABLE:
        raise WorkflowError(_("Chỉ gửi duyệt được số liệu nháp hoặc bị trả lại."))
    figure.status = WorkflowStatus.SUBMITTED
    figure.return_reason = ""
    return _save(figure, user, recorded("Gửi duyệt"), ["status", "return_reason"])


def publish(changes):
    """What the dashboards show follows: the stored rows ``changes`` reach, then the generation.

    In the caller's transaction, as its last step (the generation's row lock is held to the commit).
    """
    assessments.refresh(changes)
    generation.bump()


def _published(figure, was, changes):
    """A published figure appeared or went (``was``: its key while it was published): refresh, or collect."""
    own = changes is None
    if own:
        changes = assessments.Changes()
    if isinstance(figure, Measurement):
        changes.published(figure, was)
    if own:
        publish(changes)


def approve(user, figure, changes=None):
    """Approve a submitted figure; ``changes``: collect what to refresh for the caller's ``publish``."""
    require(user, "approve", figure.province)
    if figure.status != WorkflowStatus.SUBMITTED:
        raise WorkflowError(_("Chỉ phê duyệt được số liệu đã gửi duyệt."))
    figure.status = WorkflowStatus.APPROVED
    with transaction.atomic():
        _save(figure, user, recorded("Phê duyệt"), ["status"])
        _published(figure, None, changes)
    return figure


def return_to_editor(user, figure, reason, changes=None):
    """Return a submitted figure to its editor: nothing the dashboards show changes (``changes`` is unused)."""
    require(user, "approve", figure.province)
    if figure.status != WorkflowStatus.SUBMITTED:
        raise WorkflowError(_("Chỉ trả lại được số liệu đã gửi duyệt."))
    reason = _require_reason(reason)
    figure.status = WorkflowStatus.RETURNED
    figure.return_reason = reason
    return _save(figure, user, recorded("Trả lại: %(reason)s", reason=reason), ["status", "return_reason"])


def reopen(user, figure, reason, changes=None):
    """Reopen an approved figure; ``changes``: collect what to refresh for the caller's ``publish``."""
    require(user, "approve", figure.province)
    if figure.status != WorkflowStatus.APPROVED:
        raise WorkflowError(_("Chỉ mở lại được số liệu đã phê duyệt."))
    reason = _require_reason(reason)
    was = (figure.indicator_id, figure.province_id, figure.year) if isinstance(figure, Measurement) else None
    figure.status = WorkflowStatus.RETURNED
    figure.return_reason = reason
    with transaction.atomic():
        _save(figure, user, recorded("Mở lại: %(reason)s", reason=reason), ["status", "return_reason"])
        _published(figure, was, changes)
    return figure


def _require_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Cần nêu lý do."))
    return reason


def change_label(old, record):
    """How a history line names a change: a status change as such ("Gửi duyệt", "Phê duyệt",
    "Trả lại: lý do", "Mở lại: lý do"), else "Tạo mới", "Xóa" or "Sửa". ``old`` is the record before."""
    if record.history_type == "+":
        return _("Tạo mới")
    if record.history_type == "-":
        return _("Xóa")
    if old is not None and old.status != record.status:
        if record.status == WorkflowStatus.SUBMITTED:
            return pgettext("lịch sử", "Gửi duyệt")
        if record.status == WorkflowStatus.APPROVED:
            return pgettext("lịch sử", "Phê duyệt")
        if record.status == WorkflowStatus.RETURNED and old.status == WorkflowStatus.SUBMITTED:
            return pgettext("lịch sử", "Trả lại: %(reason)s") % {"reason": record.return_reason}
        if record.status == WorkflowStatus.RETURNED and old.status == WorkflowStatus.APPROVED:
            return pgettext("lịch sử", "Mở lại: %(reason)s") % {"reason": record.return_reason}
    return _("Sửa")
