"""The periodic report and the full data export: thin views over ``reporting.report`` and ``reporting.export``.

Who may download what is answered by ``provinces.access``.
"""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from indicators import years
from provinces.access import dashboard_view, province_for

from . import excel, export
from . import report as periodic


def _bad_year(request, province, message):
    context = {
        "heading": _("Không có báo cáo định kỳ của năm này"),
        "message": message,
        "back_url": reverse("province-detail", args=[province.slug]),
        "back_label": _("Về trang của %(province)s") % {"province": province.name},
    }
    return render(request, "unavailable.html", context, status=404)


@login_required
def report_workbook(request, slug, year):
    """The periodic report workbook of one province, or of the whole country, for one year."""
    if slug == periodic.NATIONAL:
        if not periodic.national_report_allowed(request.user):
            raise PermissionDenied
        if not years.FIRST_REPORTING_YEAR <= year <= datetime.date.today().year:
            raise Http404(_("Không có báo cáo năm %(year)s.") % {"year": year})
        province = None
    else:
        province = province_for(request.user, slug)
        problem = years.check_year(province, year)
        if problem:
            return _bad_year(request, province, problem)
    report = periodic.build_report(request.user, province, year)
    return excel.xlsx_response(periodic.report_workbook(report), f"bao-cao-dinh-ky-{slug}-{year}.xlsx")


@dashboard_view
def data_export(request):
    """Every published figure of every unit: streamed, so memory does not grow with the row count."""
    creator = excel.producer_name(request.user) if request.user.is_authenticated else ""
    handle, _count = export.export_file(export.export_rows(), has_demo=export.export_has_demo(), creator=creator)
    return excel.file_response(handle, "so-lieu-cac-tinh-thanh-pho.xlsx")
