"""The periodic report and the full data export: thin views over ``reporting.report`` and ``reporting.export``.

Who may download what is answered by ``provinces.access``.
"""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from provinces.access import dashboard_view

from . import background, excel, export, word
from . import report as periodic


def _unavailable(request, province, message):
    back = reverse("province-detail", args=[province.slug]) if province is not None else reverse("home")
    context = {
        "heading": _("Không có báo cáo định kỳ này"),
        "message": message,
        "back_url": back,
        "back_label": _("Về trang của %(province)s") % {"province": province.full_label}
        if province is not None
        else _("Về trang tổng quan"),
    }
    return render(request, "unavailable.html", context, status=404)


def _report(request, slug, year):
    """(Report, None) for the unit in the URL and the year and plan period asked, or (None, a 404 page).

    Raises PermissionDenied unless ``provinces.access`` lets the user download the report.
    """
    province, window, problem = periodic.report_request(request.user, slug, year, request.GET.get("target", ""))
    if problem:
        return None, _unavailable(request, province, problem)
    return periodic.build_report(request.user, province, year, window), None


def _filename(request, report, extension):
    """bao-cao-dinh-ky-phu-tho-2025.xlsx; with the period when one was asked for (…-2025-2026-2030.xlsx)."""
    period = f"-{report.window.first}-{report.window.last}" if request.GET.get("target") else ""
    return f"bao-cao-dinh-ky-{report.slug}-{report.year}{period}.{extension}"


@login_required
def report_workbook(request, slug, year):
    """The periodic report workbook of one province, or of the whole country, for one year."""
    report, unavailable = _report(request, slug, year)
    if unavailable:
        return unavailable
    return excel.xlsx_response(periodic.report_workbook(report), _filename(request, report, "xlsx"))


@login_required
def report_document(request, slug, year):
    """The same report as a Word document: the narrative a Party committee reads."""
    report, unavailable = _report(request, slug, year)
    if unavailable:
        return unavailable
    response = HttpResponse(word.docx_bytes(report), content_type=word.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(request, report, "docx")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@dashboard_view
def data_export(request):
    """Every published figure of every unit: streamed, so memory does not grow with the row count.

    Above ``EXPORT_BACKGROUND_ROWS`` rows (one COUNT tells) the page offers to prepare the file in
    the background instead (``reporting.background``): a signed-in user's job, so anonymous
    visitors of public dashboards are asked to log in.
    """
    total = background.row_count()
    if background.runs_in_background(total):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return render(request, "reporting/export_prepare.html", {"total": total})
    creator = excel.producer_name(request.user) if request.user.is_authenticated else ""
    handle, _count = export.export_file(export.export_rows(), has_demo=export.export_has_demo(), creator=creator)
    return excel.file_response(handle, "so-lieu-cac-tinh-thanh-pho.xlsx")


@require_POST
@login_required
def export_start(request):
    """Queue the full export for the background worker and follow it on its own page."""
    job = background.start(request.user, background.row_count())
    return redirect("export-job", job.id)


def _job_context(job):
    return {"job": job, "file_url": reverse("export-job-file", args=[job.id]) if job.is_done else ""}


@login_required
def export_job(request, job_id):
    """A background export's progress bar, and its download link once the file is written."""
    job = background.job_for(request.user, job_id)
    response = render(request, "reporting/export_job.html", _job_context(job))
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def export_job_status(request, job_id):
    """The same progress as JSON, for a script that polls it."""
    job = background.job_for(request.user, job_id)
    context = _job_context(job)
    response = JsonResponse(
        {
            "state": job.state,
            "percent": job.percent,
            "written": job.written,
            "total": job.total,
            "file_url": context["file_url"],
        }
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def export_job_file(request, job_id):
    """The finished workbook, to whom asked for it (or holds the same permissions), for a day."""
    job = background.job_for(request.user, job_id)
    if not job.is_done:
        raise Http404
    return excel.file_response(job.file_path.open("rb"), "so-lieu-cac-tinh-thanh-pho.xlsx")
