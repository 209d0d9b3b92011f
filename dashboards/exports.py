"""``?format=xlsx`` on a dashboard page: the table it shows, as a workbook (columns from ``dashboards.tables``)."""

import unicodedata

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from provinces.models import Province
from reporting import excel

from . import tables


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
    creator = excel.producer_name(request.user) if request.user.is_authenticated else ""
    filename = f"{slugify(unidecode_ascii(name))}-{board.as_of or 'moi-nhat'}.xlsx"
    return excel.xlsx_response(excel.table_workbook(table, creator=creator), filename)


def unidecode_ascii(text):
    """ASCII for a file name ("Phú Thọ" → "Phu Tho"): Vietnamese letters lose their marks."""
    text = str(text).replace("Đ", "D").replace("đ", "d")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def overview_export(request, filters, board, summaries):
    subtitle, notes = _context_lines(request, filters, board)
    title = _("Số tỉnh, thành phố theo trạng thái so với chỉ tiêu %(window)s") % {"window": board.window}
    table = tables.summary_counts_table(summaries, title=title, subtitle=subtitle, notes=notes)
    return _table_response(request, table, "tong-quan", board)


def province_list_export(request, filters, board, places):
    subtitle, notes = _context_lines(request, filters, board)
    title = _("Tỉnh, thành phố: số chỉ số theo trạng thái")
    table = tables.place_list_table(places, title=title, subtitle=subtitle, notes=notes)
    return _table_response(request, table, "tinh-thanh-pho", board)


def province_detail_export(request, filters, board, province, rows):
    subtitle, notes = _context_lines(request, filters, board)
    title = _("%(name)s: các chỉ số so với chỉ tiêu 2015 và 2020") % {"name": province.name}
    table = tables.indicator_rows_table(rows, title=title, subtitle=subtitle, notes=notes)
    return _table_response(request, table, province.slug, board)


def indicator_list_export(request, filters, board, summaries):
    subtitle, notes = _context_lines(request, filters, board)
    table = tables.indicator_list_table(
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
        table = tables.year_series_table(year_rows, places, indicator, title=title, subtitle=subtitle, notes=notes)
        return _table_response(request, table, f"{indicator.code}-theo-nam", board)
    title = _("%(name)s: xếp hạng các tỉnh năm %(year)s") % {"name": indicator.name, "year": board.as_of}
    table = tables.ranking_table(
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
    table = tables.directive_tasks_table(context["blocks"], title=title, subtitle=subtitle, notes=notes)
    return _table_response(request, table, directive.slug, board)
