"""Excel downloads and the template import: thin views over indicators.excel, .reports and .excel_import.

Who may do what:
- the periodic report of a province: its viewers, editors and approvers, and central admins;
- the national report (``/reports/toan-quoc/<year>.xlsx``): any signed-in user, the same people
  who see the national dashboards (``reports.national_report_allowed``);
- the full data export: whoever may see the dashboards (a login, unless PUBLIC_DASHBOARDS);
- the import template: the province's editors and approvers, and central admins;
- the import itself: the province's editors and central admins (the ``enter_figures`` permission).
"""

import datetime
import unicodedata

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from provinces.access import dashboard_view
from provinces.models import Province

from .. import entry, excel, excel_import, reports, workflow
from .entry import province_for


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx) đã điền theo mẫu"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )


def _bad_year(request, province, message):
    return render(request, "indicators/entry/bad_year.html", {"province": province, "message": message}, status=404)


@login_required
def report_workbook(request, slug, year):
    """The periodic report workbook of one province, or of the whole country, for one year."""
    if slug == reports.NATIONAL:
        if not reports.national_report_allowed(request.user):
            raise PermissionDenied
        if not entry.FIRST_REPORTING_YEAR <= year <= datetime.date.today().year:
            raise Http404(_("Không có báo cáo năm %(year)s.") % {"year": year})
        province = None
    else:
        province = province_for(request.user, slug)
        problem = entry.check_year(province, year)
        if problem:
            return _bad_year(request, province, problem)
    report = reports.build_report(request.user, province, year)
    return excel.xlsx_response(excel.report_workbook(report), f"bao-cao-dinh-ky-{slug}-{year}.xlsx")


@dashboard_view
def data_export(request):
    """Every published figure of every unit: streamed, so memory does not grow with the row count."""
    creator = reports.producer_name(request.user) if request.user.is_authenticated else ""
    workbook, _count = excel.export_workbook(reports.export_rows(), has_demo=reports.export_has_demo(), creator=creator)
    return excel.xlsx_response(workbook, "so-lieu-cac-tinh-thanh-pho.xlsx")


@login_required
def import_template(request, slug, year):
    province = province_for(request.user, slug)
    user = request.user
    if not (user.has_perm(workflow.ENTER, province) or user.has_perm(workflow.APPROVE, province)):
        raise PermissionDenied(_("Chỉ người nhập liệu hoặc phê duyệt của đơn vị mới tải được mẫu nhập."))
    problem = entry.check_year(province, year)
    if problem:
        return _bad_year(request, province, problem)
    workbook = excel_import.build_template(user, province, year)
    return excel.xlsx_response(workbook, f"mau-nhap-{province.slug}-{year}.xlsx")


def _preview_page(request, province, year, preview, token, status=200):
    return render(
        request,
        "indicators/excel/preview.html",
        {
            "province": province,
            "year": year,
            "preview": preview,
            "token": token,
            "columns": excel_import.PREVIEW_COLUMNS,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, slug, year):
    """Upload a filled template; a valid file leads to the preview, a refused one says why."""
    province = province_for(request.user, slug, workflow.ENTER)
    problem = entry.check_year(province, year)
    if problem:
        return _bad_year(request, province, problem)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = excel_import.read_template(form.cleaned_data["file"], province, year)
        except excel_import.ImportRejected as rejected:
            form.add_error("file", rejected.message)
        else:
            token = excel_import.remember(request.session, request.user, province, year, upload)
            preview = excel_import.build_preview(request.user, province, year, upload)
            return _preview_page(request, province, year, preview, token)
    return render(
        request,
        "indicators/excel/upload.html",
        {"province": province, "year": year, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def import_confirm(request, slug, year):
    """Apply what the preview showed, in one transaction, or nothing."""
    province = province_for(request.user, slug, workflow.ENTER)
    token = request.POST.get("token", "")
    upload = excel_import.recall(request.session, token, request.user, province, year)
    if upload is None:
        messages.error(request, _("Phiên nhập tệp đã hết hạn hoặc không còn. Hãy tải tệp lên lại."))
        return redirect("import-upload", slug=province.slug, year=year)
    confirmed = set(request.POST.getlist("confirm"))
    expected = set(request.POST.getlist("accept")) | confirmed
    if not expected:
        messages.error(request, _("Không có dòng nào để nhập."))
        preview = excel_import.build_preview(request.user, province, year, upload)
        return _preview_page(request, province, year, preview, token, status=400)
    try:
        saved = excel_import.apply_import(request.user, province, year, upload, expected, confirmed)
    except excel_import.StalePreview as stale:
        messages.error(
            request,
            _("Số liệu đã thay đổi từ lúc xem trước nên chưa có gì được nhập. Hãy xem lại rồi xác nhận lần nữa."),
        )
        return _preview_page(request, province, year, stale.preview, token, status=409)
    except (workflow.Conflict, workflow.WorkflowError) as error:
        messages.error(request, _("Chưa có gì được nhập: %(error)s") % {"error": error})
        preview = excel_import.build_preview(request.user, province, year, upload)
        return _preview_page(request, province, year, preview, token, status=409)
    excel_import.forget(request.session, token)
    messages.success(
        request,
        _("Đã nhập %(count)s số liệu từ tệp %(name)s.") % {"count": saved, "name": upload.filename},
    )
    return redirect("entry-sheet", slug=province.slug, year=year)


# --- dashboard tables: ``?format=xlsx`` on a dashboard page exports the table it shows ------------


def wants_xlsx(request):
    return request.GET.get("format") == "xlsx"


def _shown(value, field):
    if isinstance(value, (list, tuple, QuerySet)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, Model):
        return str(value)
    choices = {str(key): label for key, label in getattr(field, "choices", ())}
    return str(choices.get(str(value), value))


def filter_line(filters):
    """The filters the page was opened with, in words ("Năm: 2014; Vùng: Tây Nguyên")."""
    form = filters.form
    data = getattr(form, "cleaned_data", {})
    parts = []
    for name, field in form.fields.items():
        value = data.get(name)
        if value in (None, "", []) or (isinstance(value, QuerySet) and not value.exists()):
            continue
        parts.append(f"{field.label}: {_shown(value, field)}")
    return "; ".join(parts)


def _scope_label(params):
    return Province.Region(params.region).label if params.region else _("Cả nước")


def _context_lines(request, filters, board):
    subtitle = [
        _("Số liệu đã phê duyệt đến năm %(year)s; trạng thái so với chỉ tiêu %(window)s.")
        % {"year": board.as_of or "—", "window": board.window}
    ]
    shown = filter_line(filters)
    if shown:
        subtitle.append(_("Bộ lọc: %(filters)s") % {"filters": shown})
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("table", None)
    url = request.build_absolute_uri(request.path + (f"?{query.urlencode()}" if query else ""))
    notes = [_("Xuất ngày %(day)s từ trang %(url)s") % {"day": f"{timezone.localdate():%d/%m/%Y}", "url": url}]
    if board.has_demo:
        notes.append(excel.demo_note())
    return subtitle, notes


def _table_response(request, table, name, board):
    creator = reports.producer_name(request.user) if request.user.is_authenticated else ""
    filename = f"{slugify(unidecode_ascii(name))}-{board.as_of or 'moi-nhat'}.xlsx"
    return excel.xlsx_response(excel.table_workbook(table, creator=creator), filename)


def unidecode_ascii(text):
    """ASCII for a file name ("Phú Thọ" → "Phu Tho"): Vietnamese letters lose their marks."""
    text = str(text).replace("Đ", "D").replace("đ", "d")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def overview_export(request, filters, board, summaries):
    subtitle, notes = _context_lines(request, filters, board)
    title = _("Số tỉnh, thành phố theo trạng thái so với chỉ tiêu %(window)s") % {"window": board.window}
    table = excel.summary_counts_table(summaries, title=title, subtitle=subtitle, notes=notes)
    return _table_response(request, table, "tong-quan", board)


def province_list_export(request, filters, board, places):
    subtitle, notes = _context_lines(request, filters, board)
    title = _("Tỉnh, thành phố: số chỉ số theo trạng thái")
    table = excel.place_list_table(places, title=title, subtitle=subtitle, notes=notes)
    return _table_response(request, table, "tinh-thanh-pho", board)


def province_detail_export(request, filters, board, province, rows):
    subtitle, notes = _context_lines(request, filters, board)
    title = _("%(name)s: các chỉ số so với chỉ tiêu 2015 và 2020") % {"name": province.name}
    table = excel.indicator_rows_table(rows, title=title, subtitle=subtitle, notes=notes)
    return _table_response(request, table, province.slug, board)


def indicator_list_export(request, filters, board, summaries):
    subtitle, notes = _context_lines(request, filters, board)
    table = excel.indicator_list_table(
        summaries,
        as_of=board.as_of,
        scope=_scope_label(filters.params),
        title=_("Các chỉ số"),
        subtitle=subtitle,
        notes=notes,
    )
    return _table_response(request, table, "chi-so", board)


def indicator_detail_export(request, filters, board, indicator, ranked, unreported, table_rows, year_rows):
    """The ranking table, or with ``table=series`` the yearly table of the places compared and the nation."""
    subtitle, notes = _context_lines(request, filters, board)
    if request.GET.get("table") == "series":
        scope = _scope_label(filters.params)
        places = [row.place.short_name if row.place else scope for row in table_rows]
        title = _("%(name)s: số liệu theo năm") % {"name": indicator.name}
        table = excel.year_series_table(year_rows, places, indicator, title=title, subtitle=subtitle, notes=notes)
        return _table_response(request, table, f"{indicator.code}-theo-nam", board)
    title = _("%(name)s: xếp hạng các tỉnh năm %(year)s") % {"name": indicator.name, "year": board.as_of}
    table = excel.ranking_table(
        ranked, unreported, as_of=board.as_of, window=board.window, title=title, subtitle=subtitle, notes=notes
    )
    return _table_response(request, table, indicator.code, board)


def directive_export(request, context):
    """The directive page's table: tasks, the indicators under each and their status, for the place shown."""
    filters, board, directive = context["filters"], context["board"], context["directive"]
    subtitle, notes = _context_lines(request, filters, board)
    place = context["place"]
    title = _("%(directive)s: nhiệm vụ, chỉ số và trạng thái (%(place)s)") % {
        "directive": directive.display_number,
        "place": place.name if place else _("Cả nước"),
    }
    table = excel.directive_tasks_table(context["blocks"], title=title, subtitle=subtitle, notes=notes)
    return _table_response(request, table, directive.slug, board)
