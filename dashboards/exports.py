"""``?format=xlsx`` on a dashboard page: the table it shows, as a workbook.

The view builds the table once (``dashboards.tables``) and renders it or hands it here, so the
page and the workbook share their columns and rows; only the lines above the header are added.
"""

import unicodedata
from dataclasses import replace

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reporting import excel


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


def table_export(request, filters, board, table, name):
    """The table a page shows, as a one-sheet workbook: the same columns and rows, under the page's filters."""
    subtitle, notes = _context_lines(request, filters, board)
    table = replace(table, subtitle=subtitle, notes=notes)
    creator = excel.producer_name(request.user) if request.user.is_authenticated else ""
    filename = f"{slugify(unidecode_ascii(name))}-{board.as_of or 'moi-nhat'}.xlsx"
    return excel.xlsx_response(excel.table_workbook(table, creator=creator), filename)


def unidecode_ascii(text):
    """ASCII for a file name ("Phú Thọ" → "Phu Tho"): Vietnamese letters lose their marks."""
    text = str(text).replace("Đ", "D").replace("đ", "d")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def indicator_detail_export(request, filters, board, indicator, ranking, series):
    """The ranking table, or with ``table=series`` the yearly table of the places compared and the nation."""
    if request.GET.get("table") == "series":
        return table_export(request, filters, board, series, f"{indicator.code}-theo-nam")
    return table_export(request, filters, board, ranking, indicator.code)
