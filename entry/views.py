"""Data entry, approval and history: every view starts from ``province_for``."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from indicators import comments, workflow
from indicators import years as reporting_years
from indicators.models import Indicator, Measurement, TaskReport, WorkflowStatus
from provinces import access
from provinces.access import province_for
from provinces.models import Preference
from reporting.excel import xlsx_response

from . import importer, inbox, notifications, sheets, template


def _default_year(province):
    reported = reporting_years.reporting_years(province)
    return reported[-1] if reported else None


OUTCOME_MESSAGES = {
    "saved": _lazy("Đã lưu %(count)s số liệu."),
    "deleted": _lazy("Đã xóa %(count)s số liệu nháp."),
    "submitted": _lazy("Đã gửi duyệt %(count)s số liệu."),
    sheets.APPROVE: _lazy("Đã phê duyệt %(count)s số liệu."),
    sheets.RETURN: _lazy("Đã trả lại %(count)s số liệu cho người nhập."),
    sheets.REOPEN: _lazy("Đã mở lại %(count)s số liệu."),
}


def outcome_message(outcome):
    parts = [str(OUTCOME_MESSAGES[key]) % {"count": n} for key, n in outcome.items() if n]
    return " ".join(parts) or _("Không có thay đổi nào.")


def _bad_year(request, province, message, status=404):
    return render(request, "entry/bad_year.html", {"province": province, "message": message}, status=status)


def _changes(records, figure_fields):
    """History records, newest first, each with the one before it, how it is named, and whether the figure moved."""
    changes = []
    previous = None
    for record in records:
        changes.append(
            {
                "record": record,
                "old": previous,
                "label": workflow.change_label(previous, record),
                "value_changed": previous is None
                or any(getattr(previous, f) != getattr(record, f) for f in figure_fields),
            }
        )
        previous = record
    return changes[::-1]


@login_required
def landing(request):
    """After login each user lands on what they work on."""
    where, province = access.landing_place(request.user, waiting=inbox.for_request(request).total)
    if where == "inbox":
        return redirect("entry-home")
    if where == "entry":
        return redirect("entry-overview", slug=province.slug)
    if where == "dashboard":
        return redirect("province-detail", slug=province.slug)
    return redirect("home")


# What each outcome of the sheet tells the unit's team (entry/notifications.py).
NOTIFIED = {
    "submitted": notifications.SUBMITTED,
    sheets.APPROVE: notifications.APPROVED,
    sheets.RETURN: notifications.RETURNED,
    sheets.REOPEN: notifications.RETURNED,
}


def _notify(request, province, year, outcome):
    reason = request.POST.get("reason", "").strip()
    for key, event in NOTIFIED.items():
        if outcome.get(key):
            notifications.figures_changed(event, request.user, province, year, outcome[key], reason)


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["receive_emails", "language"]


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """Each user switches their e-mails on or off and picks their language."""
    form = PreferenceForm(request.POST or None, instance=Preference.of(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu tùy chọn thông báo."))
        return redirect("entry-preferences")
    return render(request, "entry/preferences.html", {"form": form})


@login_required
def entry_home(request):
    """The work inbox: what waits for this user (to approve, to fix, to enter), oldest first, and their units."""
    work = inbox.for_request(request, reasons=True)
    return render(
        request,
        "entry/home.html",
        {
            "inbox": work,
            "to_approve": work.of_kind(inbox.APPROVE),
            "to_fix": work.of_kind(inbox.FIX),
            "to_enter": work.of_kind(inbox.ENTER),
            "provinces": access.provinces_of(request.user),
        },
    )


@login_required
def entry_overview(request, slug):
    """Completeness of every year: what is missing, draft, submitted, approved."""
    province = province_for(request.user, slug)
    years = reporting_years.reporting_years(province)
    expected = Indicator.objects.provincial().count() + sheets.qualitative_tasks(province).count()
    counts = {}
    for model in (Measurement, TaskReport):
        rows = model.objects.filter(province=province).values("year", "status").annotate(n=Count("pk"))
        for row in rows:
            by_status = counts.setdefault(row["year"], dict.fromkeys(WorkflowStatus.values, 0))
            by_status[row["status"]] += row["n"]
    table = []
    for year in reversed(years):
        by_status = counts.get(year, dict.fromkeys(WorkflowStatus.values, 0))
        table.append({"year": year, "missing": max(expected - sum(by_status.values()), 0), **by_status})
    return render(
        request,
        "entry/overview.html",
        {
            "province": province,
            "table": table,
            "expected": expected,
            "can_enter": access.may(request.user, "enter", province),
            "can_approve": access.may(request.user, "approve", province),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_sheet(request, slug, year):
    province = province_for(request.user, slug)
    problem = reporting_years.check_year(province, year)
    if problem:
        return _bad_year(request, province, problem)
    if request.method == "POST":
        try:
            sheet, outcome = sheets.apply(request.user, province, year, request.POST)
        except sheets.TamperedForm:
            message = _("Biểu mẫu gửi lên có chỉ số hoặc thao tác không hợp lệ. Không có gì được lưu.")
            return _bad_year(request, province, message, status=400)
        if not sheet.errors:
            messages.success(request, outcome_message(outcome))
            _notify(request, province, year, outcome)
            return redirect(reverse("entry-sheet", args=[province.slug, year]))
        for error in sheet.errors:
            messages.error(request, error)
    else:
        sheet = sheets.load_sheet(request.user, province, year)
    years = reporting_years.reporting_years(province)
    return render(request, "entry/sheet.html", {"sheet": sheet, "province": province, "year": year, "years": years})


@login_required
def figure_history(request, slug, year, code):
    """Every change to one figure: who, when, old → new value, status, reason."""
    province = province_for(request.user, slug)
    indicator = get_object_or_404(Indicator, code=code)
    records = list(
        Measurement.history.filter(province=province, indicator=indicator, year=year)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    if not records and not indicator.comments.filter(province=province, year=year).exists():
        raise Http404(_("Số liệu này chưa có lịch sử thay đổi."))
    changes = _changes(records, ("value", "numerator", "denominator"))
    return render(
        request,
        "entry/history.html",
        {
            "province": province,
            "indicator": indicator,
            "year": year,
            "changes": changes,
            "comments": comments.threads(province, year).get(indicator.pk, []),
        },
    )


@login_required
@require_POST
def add_comment(request, slug, year, code):
    """Add a message to a figure's thread, then back to the row on the sheet."""
    province = province_for(request.user, slug, "comment")
    problem = reporting_years.check_year(province, year)
    if problem:
        return _bad_year(request, province, problem)
    indicator = get_object_or_404(Indicator, code=code)
    try:
        comments.add(request.user, province, indicator, year, request.POST.get("text", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã gửi trao đổi về “%(name)s”.") % {"name": indicator.name})
    return redirect(reverse("entry-sheet", args=[province.slug, year]) + f"#row-{indicator.code}")


@login_required
def task_history(request, slug, year, task_id):
    province = province_for(request.user, slug)
    records = list(
        TaskReport.history.filter(province=province, task_id=task_id, year=year)
        .select_related("history_user", "task")
        .order_by("history_date", "history_id")
    )
    if not records:
        raise Http404(_("Báo cáo này chưa có lịch sử thay đổi."))
    changes = _changes(records, ("progress",))
    return render(
        request,
        "entry/history.html",
        {"province": province, "task": records[0].task, "year": year, "changes": changes},
    )


# --- the Excel template and its import ----------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx) đã điền theo mẫu"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )


@login_required
def import_template(request, slug, year):
    province = province_for(request.user, slug, "template")
    user = request.user
    problem = reporting_years.check_year(province, year)
    if problem:
        return _bad_year(request, province, problem)
    workbook = template.build_template(user, province, year)
    return xlsx_response(workbook, f"mau-nhap-{province.slug}-{year}.xlsx")


def _preview_page(request, province, year, preview, token, status=200):
    return render(
        request,
        "entry/excel/preview.html",
        {
            "province": province,
            "year": year,
            "preview": preview,
            "token": token,
            "columns": importer.PREVIEW_COLUMNS,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, slug, year):
    """Upload a filled template; a valid file leads to the preview, a refused one says why."""
    province = province_for(request.user, slug, "enter")
    problem = reporting_years.check_year(province, year)
    if problem:
        return _bad_year(request, province, problem)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = importer.read_template(form.cleaned_data["file"], province, year)
        except importer.ImportRejected as rejected:
            form.add_error("file", rejected.message)
        else:
            token = importer.remember(request.session, request.user, province, year, upload)
            preview = importer.build_preview(request.user, province, year, upload)
            return _preview_page(request, province, year, preview, token)
    return render(
        request,
        "entry/excel/upload.html",
        {"province": province, "year": year, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def import_confirm(request, slug, year):
    """Apply what the preview showed, in one transaction, or nothing."""
    province = province_for(request.user, slug, "enter")
    token = request.POST.get("token", "")
    upload = importer.recall(request.session, token, request.user, province, year)
    if upload is None:
        messages.error(request, _("Phiên nhập tệp đã hết hạn hoặc không còn. Hãy tải tệp lên lại."))
        return redirect("import-upload", slug=province.slug, year=year)
    confirmed = set(request.POST.getlist("confirm"))
    expected = set(request.POST.getlist("accept")) | confirmed
    if not expected:
        messages.error(request, _("Không có dòng nào để nhập."))
        preview = importer.build_preview(request.user, province, year, upload)
        return _preview_page(request, province, year, preview, token, status=400)
    try:
        saved = importer.apply_import(request.user, province, year, upload, expected, confirmed)
    except importer.StalePreview as stale:
        messages.error(
            request,
            _("Số liệu đã thay đổi từ lúc xem trước nên chưa có gì được nhập. Hãy xem lại rồi xác nhận lần nữa."),
        )
        return _preview_page(request, province, year, stale.preview, token, status=409)
    except (workflow.Conflict, workflow.WorkflowError) as error:
        messages.error(request, _("Chưa có gì được nhập: %(error)s") % {"error": error})
        preview = importer.build_preview(request.user, province, year, upload)
        return _preview_page(request, province, year, preview, token, status=409)
    importer.forget(request.session, token)
    messages.success(
        request,
        _("Đã nhập %(count)s số liệu từ tệp %(name)s.") % {"count": saved, "name": upload.filename},
    )
    return redirect("entry-sheet", slug=province.slug, year=year)
