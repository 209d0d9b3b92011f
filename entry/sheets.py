"""The data-entry sheet of one province and one year, and what its buttons do.

Views stay thin: they fetch the province for the user, call ``load_sheet`` and
``apply``, and render. The page is all-or-nothing: if any row has an error, a
warning to confirm or a conflict with someone else's save, nothing is saved and
every typed value is shown again.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from directives.models import Directive, Task
from indicators import assessments, comments, workflow
from indicators.aggregation import roll_up
from indicators.models import Indicator, Measurement, Target, TaskReport, WorkflowStatus
from indicators.numbers import typed_text
from indicators.targets import TargetBook
from provinces import access

from .forms import FigureForm, ReasonForm, TaskReportForm

SAVE, SUBMIT, APPROVE, RETURN, REOPEN = "save", "submit", "approve", "return", "reopen"
APPROVE_ALL = "approve_all"  # every submitted row of the sheet, whatever is ticked
EDITOR_ACTIONS = {SAVE, SUBMIT}
APPROVER_ACTIONS = {APPROVE, APPROVE_ALL, RETURN, REOPEN}


class TamperedForm(Exception):
    """The POST names rows that are not on this sheet."""


def qualitative_tasks(province, year=None):
    """Tasks of the province's directives that no indicator measures: they get a yearly narrative."""
    return (
        Task.objects.filter(directive__in=Directive.objects.applicable_to(province, year), indicators__isnull=True)
        .select_related("directive")
        .order_by("directive__position", "directive__pk", "position")
    )


@dataclass
class IndicatorRow:
    indicator: Indicator
    measurement: Measurement | None
    previous: object  # last year's figure: a Measurement, an Aggregate of the merged units, or None
    target: Target | None
    form: FigureForm
    editable: bool
    conflict: Measurement | None = None
    comments: list = field(default_factory=list)

    @property
    def key(self):
        return self.indicator.code

    @property
    def selectable(self):
        """Whether the approver's tick box is shown: there is something to approve, return or reopen."""
        return workflow.approver_can_act(self.measurement)

    @property
    def previous_value(self):
        return getattr(self.previous, "value", None)

    @property
    def tasks(self):
        return self.indicator.tasks.all()


@dataclass
class TaskRow:
    task: Task
    report: TaskReport | None
    form: TaskReportForm
    editable: bool
    conflict: TaskReport | None = None

    @property
    def key(self):
        return str(self.task.pk)

    @property
    def measurement(self):  # the shared templates call the figure of any row "measurement"
        return self.report

    @property
    def selectable(self):
        return workflow.approver_can_act(self.report)


@dataclass
class Sheet:
    province: object
    year: int
    rows: list
    task_rows: list
    can_enter: bool
    can_approve: bool
    reason_form: ReasonForm
    errors: list = field(default_factory=list)
    can_comment: bool = False

    @property
    def groups(self):
        grouped = {}
        for row in self.rows:
            grouped.setdefault(row.indicator.get_category_display(), []).append(row)
        return list(grouped.items())

    @property
    def all_rows(self):
        return [*self.rows, *self.task_rows]

    @property
    def has_demo(self):
        return any(row.measurement and row.measurement.is_demo for row in self.rows)

    @property
    def needs_confirmation(self):
        return any(getattr(row.form, "needs_confirmation", False) for row in self.rows)

    @property
    def submitted_rows(self):
        return [row for row in self.all_rows if row.measurement and row.measurement.status == WorkflowStatus.SUBMITTED]

    def counts(self):
        counts = {status: 0 for status in WorkflowStatus.values}
        counts["missing"] = 0
        for row in self.all_rows:
            counts[row.measurement.status if row.measurement else "missing"] += 1
        return counts


def load_sheet(user, province, year, data=None, lock=False):
    """Everything the entry page shows, with bound forms when ``data`` (a POST) is given."""
    can_enter = access.may(user, "enter", province)
    can_approve = access.may(user, "approve", province)
    directives = Directive.objects.applicable_to(province, year)
    tasks = Task.objects.filter(directive__in=directives).select_related("directive")
    indicators = list(Indicator.objects.provincial().prefetch_related(Prefetch("tasks", queryset=tasks)))

    this_year = Measurement.objects.filter(province=province, year=year)
    if lock:
        workflow.lock_sheet(province, year)
        # Only the figures' own rows, in one order: locking the indicator or province rows as well
        # would make editors of different provinces wait on each other and deadlock.
        this_year = this_year.select_for_update(of=("self",)).order_by("pk")
    last_year = Measurement.objects.filter(province=province, year=year - 1)  # read only, never locked
    by_key = {(m.indicator_id, m.year): m for m in [*this_year, *last_year]}
    _fetch_authors(by_key.values())
    merged_previous = _merged_previous(province, year, indicators)
    targets = TargetBook.load(places=[province])
    threads = comments.threads(province, year)

    rows = []
    for indicator in indicators:
        measurement = by_key.get((indicator.pk, year))
        previous = by_key.get((indicator.pk, year - 1)) or merged_previous.get(indicator.pk)
        editable = can_enter and workflow.is_editable(measurement)
        form = FigureForm(
            data,
            prefix=f"m-{indicator.code}",
            indicator=indicator,
            previous=getattr(previous, "value", None),
            editable=editable,
            initial=_figure_initial(measurement),
            confirmed_value=measurement.value if measurement else None,
        )
        rows.append(
            IndicatorRow(
                indicator,
                measurement,
                previous,
                targets.nearest(indicator, province, year),
                form,
                editable,
                comments=threads.get(indicator.pk, []),
            )
        )

    qualitative = qualitative_tasks(province, year)
    reports = TaskReport.objects.filter(province=province, year=year)
    if lock:
        reports = reports.select_for_update(of=("self",))
    reports_by_task = {r.task_id: r for r in reports}
    task_rows = []
    for task in qualitative:
        report = reports_by_task.get(task.pk)
        editable = can_enter and workflow.is_editable(report)
        initial = (
            {"version": report.version, "progress": report.progress, "narrative": report.narrative}
            if report
            else {"version": 0}
        )
        form = TaskReportForm(data, prefix=f"t-{task.pk}", task=task, editable=editable, initial=initial)
        task_rows.append(TaskRow(task, report, form, editable))

    sheet = Sheet(province, year, rows, task_rows, can_enter, can_approve, ReasonForm(data))
    sheet.can_comment = access.may(user, "comment", province)
    return sheet


def _fetch_authors(figures):
    """Attach who last changed each figure ("Cập nhật … bởi …") with one query, not one per row.

    Not select_related: a locking read (select_for_update) cannot take the nullable side of a join.
    """
    figures = list(figures)
    ids = {figure.updated_by_id for figure in figures if figure.updated_by_id}
    users = get_user_model().objects.in_bulk(ids) if ids else {}
    for figure in figures:
        if figure.updated_by_id:
            figure.updated_by = users[figure.updated_by_id]


def _figure_initial(measurement):
    if measurement is None:
        return {"version": 0}
    return {
        "version": measurement.version,
        "value": typed_text(measurement.value),
        "numerator": typed_text(measurement.numerator),
        "denominator": typed_text(measurement.denominator),
        "source": measurement.source,
        "note": measurement.note,
    }


def _merged_previous(province, year, indicators):
    """For a unit's first year after the merger, last year's figures of the units merged into it, rolled up."""
    if province.valid_to is not None or year - 1 >= province.valid_from.year:
        return {}
    figures = list(Measurement.objects.filter(province__successor=province, year=year - 1).select_related("province"))
    predecessors = {province.pk: province.predecessors.count()}
    result = {}
    for indicator in indicators:
        merged = roll_up(indicator, [m for m in figures if m.indicator_id == indicator.pk], predecessors)[province.pk]
        if merged.value is not None:
            result[indicator.pk] = merged
    return result


def check_post_keys(sheet, data):
    """Refuse a POST that names indicators or tasks this sheet does not have (a tampered form)."""
    known = {f"m-{row.key}" for row in sheet.rows} | {f"t-{row.key}" for row in sheet.task_rows}
    for key in data:
        if key.startswith(("m-", "t-")):
            prefix = key.rsplit("-", 1)[0]
            if prefix not in known:
                raise TamperedForm(key)
    selected = set(data.getlist("selected"))
    if selected - ({f"m-{row.key}" for row in sheet.rows} | {f"t-{row.key}" for row in sheet.task_rows}):
        raise TamperedForm("selected")


@transaction.atomic
def apply(user, province, year, data):
    """Carry out the button pressed on the sheet. Returns (sheet, outcome); sheet.errors lists failures.

    ``outcome`` counts what happened: {"saved": n, "deleted": n, "submitted": n} for the editor's
    buttons, {action: n} for the approver's.

    Raises PermissionDenied when the user lacks the role for the action, TamperedForm
    for rows that are not on the sheet.
    """
    sheet = load_sheet(user, province, year, data, lock=True)
    check_post_keys(sheet, data)
    action = data.get("action")
    if action in EDITOR_ACTIONS:
        if not sheet.can_enter:
            raise PermissionDenied
        try:
            with transaction.atomic():
                return sheet, _save_rows(user, sheet, submit=action == SUBMIT)
        except IntegrityError:
            # Someone else saved a figure this sheet read as missing, between our read and our insert,
            # and the database refused the second one (measurement_unique_per_year). Nothing of ours was
            # kept: read again, and their figure shows as a conflict beside what this person typed.
            sheet = load_sheet(user, province, year, data, lock=True)
            return sheet, _save_rows(user, sheet, submit=action == SUBMIT)
    if action in APPROVER_ACTIONS:
        if not sheet.can_approve:
            raise PermissionDenied
        return sheet, _decide(user, sheet, action, data)
    raise TamperedForm("action")


def _save_rows(user, sheet, submit):
    pending = []
    for row in sheet.all_rows:
        if not row.editable:
            continue
        form = row.form
        if not form.is_valid():
            continue
        stored = row.measurement
        stored_version = stored.version if stored else 0
        if form.cleaned_data["version"] != stored_version:
            choice = form.cleaned_data.get("resolve")
            if choice == "theirs":
                continue
            if choice != "mine" and not _changed_since(row, sheet, form.cleaned_data["version"]):
                continue  # the person did not touch this row: the other save stands, no conflict to settle
            if choice != "mine" and (form.has_input or stored):
                row.conflict = stored
                continue
        pending.append(row)

    invalid = [row for row in sheet.all_rows if row.editable and row.form.errors]
    conflicts = [row for row in sheet.all_rows if row.conflict is not None]
    if invalid:
        sheet.errors.append(
            _("Chưa lưu: %(count)s dòng có lỗi hoặc cần xác nhận. Các giá trị bạn đã nhập vẫn còn nguyên.")
            % {"count": len(invalid)}
        )
    if conflicts:
        sheet.errors.append(
            _("Chưa lưu: %(count)s số liệu vừa được người khác thay đổi. Hãy chọn giữ giá trị nào rồi lưu lại.")
            % {"count": len(conflicts)}
        )
        for row in conflicts:
            _show_conflict(row)
    if sheet.errors:
        return Counter()

    outcome = Counter()
    for row in pending:
        figure = row.measurement if row.measurement else _new_figure(row, sheet)
        if not row.form.has_input:
            # Only a figure the person emptied is deleted; a row left as it was stays (a stored
            # ratio without numerator and denominator shows no input to keep it by).
            if figure.pk and row.form.has_changed():
                access.require(user, "enter", sheet.province)
                figure._change_reason = workflow.recorded("Xóa số liệu nháp")
                figure._history_user = user
                figure.delete()
                outcome["deleted"] += 1
            continue
        if workflow.save_values(user, figure, row.form.values()):
            outcome["saved"] += 1
        if isinstance(row, IndicatorRow):
            row.measurement = figure
        else:
            row.report = figure
        if submit:
            workflow.submit(user, figure)
            outcome["submitted"] += 1
    if submit:
        handled = {id(row) for row in pending}
        for row in sheet.all_rows:
            figure = row.measurement
            if row.editable and figure and figure.pk and figure.status in workflow.EDITABLE and id(row) not in handled:
                workflow.submit(user, figure)
                outcome["submitted"] += 1
    return outcome


# What the sheet's forms set, per kind of row: compared with the version the page was built from.
_COMPARED = {
    "IndicatorRow": ("value", "numerator", "denominator", "source", "note"),
    "TaskRow": ("progress", "narrative"),
}


def _changed_since(row, sheet, version):
    """Whether the person changed ``row`` from what their page showed (the figure at ``version``)."""
    form = row.form
    if not version:
        return form.has_input
    model = Measurement if isinstance(row, IndicatorRow) else TaskReport
    where = {"indicator": row.indicator} if isinstance(row, IndicatorRow) else {"task": row.task}
    seen = (
        model.history.filter(province=sheet.province, year=sheet.year, version=version, **where)
        .order_by("-history_date", "-history_id")
        .first()
    )
    if seen is None:
        return True  # nothing to compare with: let the person choose
    values = form.values()
    return any(getattr(seen, name) != values[name] for name in _COMPARED[type(row).__name__])


def _new_figure(row, sheet):
    if isinstance(row, IndicatorRow):
        return Measurement.objects.new(indicator=row.indicator, province=sheet.province, year=sheet.year, version=0)
    return TaskReport(task=row.task, province=sheet.province, year=sheet.year, version=0)


def _show_conflict(row):
    """Let the person choose: their typed values stay, the stored version becomes the one to beat."""
    form = row.form
    data = form.data.copy()
    data[form.add_prefix("version")] = str(row.conflict.version if row.conflict else 0)
    form.data = data
    form.conflict = row.conflict


def _decide(user, sheet, action, data):
    if action == APPROVE_ALL:
        rows = sheet.submitted_rows
        action = APPROVE
    else:
        selected = set(data.getlist("selected"))
        rows = [row for row in sheet.all_rows if _post_key(row) in selected]
    if not rows:
        sheet.errors.append(_("Chưa chọn số liệu nào."))
        return Counter()
    if not sheet.reason_form.is_valid():
        sheet.errors.extend(sheet.reason_form.errors.get("reason", []))
        return Counter()
    reason = sheet.reason_form.cleaned_data["reason"]
    stale = [row for row in rows if row.measurement is not None and _seen_version(row) != row.measurement.version]
    if stale:
        # The approver acts only on the value they saw: a figure changed since the page was built
        # (returned, corrected and resubmitted meanwhile) is shown again, and nothing is done.
        sheet.errors.append(
            _(
                "Chưa thực hiện: %(count)s số liệu đã thay đổi từ lúc bạn mở trang. "
                "Hãy xem lại giá trị mới rồi chọn lại."
            )
            % {"count": len(stale)}
        )
        for row in stale:
            row.conflict = row.measurement
            _show_conflict(row)
        return Counter()
    changes = assessments.Changes()
    step = {
        APPROVE: lambda figure: workflow.approve(user, figure, changes),
        RETURN: lambda figure: workflow.return_to_editor(user, figure, reason, changes),
        REOPEN: lambda figure: workflow.reopen(user, figure, reason, changes),
    }[action]
    done = 0
    try:
        with transaction.atomic():
            for row in rows:
                if row.measurement is None:
                    raise workflow.WorkflowError(_("“%(name)s” chưa có số liệu.") % {"name": _row_name(row)})
                step(row.measurement)
                if action in (RETURN, REOPEN) and isinstance(row, IndicatorRow):
                    # The reason opens (or continues) the figure's thread, where the editor can answer.
                    comments.add(user, sheet.province, row.indicator, sheet.year, reason)
                done += 1
            if action != RETURN:
                # The dashboards follow once for the whole sheet: one refresh of what its figures reach.
                workflow.publish(changes)
    except workflow.WorkflowError as error:
        sheet.errors.append(str(error))
        return Counter()
    return Counter({action: done})


def _post_key(row):
    return f"{'m' if isinstance(row, IndicatorRow) else 't'}-{row.key}"


def _seen_version(row):
    """The version of the figure on the page the approver looked at (posted with each row)."""
    try:
        return int(row.form.data.get(row.form.add_prefix("version"), ""))
    except (TypeError, ValueError):
        return None


def _row_name(row):
    return row.indicator.name if isinstance(row, IndicatorRow) else str(row.task)
