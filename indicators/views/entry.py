"""Data entry, approval and history: every view starts from ``province_for``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from provinces.models import Membership, Province

from .. import entry, workflow
from ..models import Indicator, Measurement, TaskReport, WorkflowStatus


def province_for(user, slug, perm=workflow.VIEW):
    """The province named in the URL, if ``user`` holds ``perm`` there; 404 or 403 otherwise."""
    province = get_object_or_404(Province, slug=slug)
    if not user.has_perm(perm, province):
        raise PermissionDenied(_("Bạn không có quyền với số liệu của %(province)s.") % {"province": province.name})
    return province


def _default_year(province):
    years = entry.reporting_years(province)
    return years[-1] if years else None


OUTCOME_MESSAGES = {
    "saved": _lazy("Đã lưu %(count)s số liệu."),
    "deleted": _lazy("Đã xóa %(count)s số liệu nháp."),
    "submitted": _lazy("Đã gửi duyệt %(count)s số liệu."),
    entry.APPROVE: _lazy("Đã phê duyệt %(count)s số liệu."),
    entry.RETURN: _lazy("Đã trả lại %(count)s số liệu cho người nhập."),
    entry.REOPEN: _lazy("Đã mở lại %(count)s số liệu."),
}


def outcome_message(outcome):
    parts = [str(OUTCOME_MESSAGES[key]) % {"count": n} for key, n in outcome.items() if n]
    return " ".join(parts) or _("Không có thay đổi nào.")


@login_required
def landing(request):
    """After login each user lands on what they work on."""
    user = request.user
    if user.is_superuser:
        return redirect("home")
    memberships = list(user.memberships.select_related("province").order_by("-province__valid_from"))
    workers = [m for m in memberships if m.role in (Membership.Role.EDITOR, Membership.Role.APPROVER)]
    if workers:
        return redirect("entry-overview", slug=workers[0].province.slug)
    if memberships:
        legacy = [m for m in memberships if m.province.valid_to]
        target = (legacy or memberships)[0].province
        return redirect("province-detail", slug=target.slug)
    return redirect("home")


@login_required
def entry_home(request):
    """The provinces this user may enter or approve figures for."""
    if request.user.is_superuser:
        provinces = Province.objects.all()
    else:
        provinces = Province.objects.filter(memberships__user=request.user).distinct()
    return render(request, "indicators/entry/home.html", {"provinces": provinces})


@login_required
def entry_overview(request, slug):
    """Completeness of every year: what is missing, draft, submitted, approved."""
    province = province_for(request.user, slug)
    years = entry.reporting_years(province)
    expected = Indicator.objects.count() + entry.qualitative_tasks(province).count()
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
        "indicators/entry/overview.html",
        {
            "province": province,
            "table": table,
            "expected": expected,
            "can_enter": request.user.has_perm(workflow.ENTER, province),
            "can_approve": request.user.has_perm(workflow.APPROVE, province),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_sheet(request, slug, year):
    province = province_for(request.user, slug)
    problem = entry.check_year(province, year)
    if problem:
        return render(request, "indicators/entry/bad_year.html", {"province": province, "message": problem}, status=404)
    if request.method == "POST":
        try:
            sheet, outcome = entry.apply(request.user, province, year, request.POST)
        except entry.TamperedForm:
            return render(
                request,
                "indicators/entry/bad_year.html",
                {
                    "province": province,
                    "message": _("Biểu mẫu gửi lên có chỉ số hoặc thao tác không hợp lệ. Không có gì được lưu."),
                },
                status=400,
            )
        if not sheet.errors:
            messages.success(request, outcome_message(outcome))
            return redirect(reverse("entry-sheet", args=[province.slug, year]))
        for error in sheet.errors:
            messages.error(request, error)
    else:
        sheet = entry.load_sheet(request.user, province, year)
    years = entry.reporting_years(province)
    return render(
        request, "indicators/entry/sheet.html", {"sheet": sheet, "province": province, "year": year, "years": years}
    )


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
    if not records:
        raise Http404(_("Số liệu này chưa có lịch sử thay đổi."))
    changes = []
    previous = None
    for record in records:
        changes.append({"record": record, "old": previous, "diff": record.diff_against(previous) if previous else None})
        previous = record
    changes.reverse()
    return render(
        request,
        "indicators/entry/history.html",
        {"province": province, "indicator": indicator, "year": year, "changes": changes},
    )


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
    changes = []
    previous = None
    for record in records:
        changes.append({"record": record, "old": previous})
        previous = record
    changes.reverse()
    return render(
        request,
        "indicators/entry/history.html",
        {"province": province, "task": records[0].task, "year": year, "changes": changes},
    )
