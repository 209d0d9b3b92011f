"""Rendering a ``reporting.excel.Table`` on a page (``templates/partials/_table.html``)."""

from django import template
from django.utils.safestring import SafeString

from ..html import escaped, format_html

register = template.Library()

DASH = "—"
GROUP_ROW = '<tr class="group"><th colspan="{}" scope="rowgroup">{}</th></tr>'


@register.filter
def page_rows(table):
    """[(the group heading where a new group starts, else "", the row's CSS class, row)]."""
    result = []
    previous = None
    for row in table.rows:
        heading = ""
        if table.group_by is not None:
            group = table.group_by(row)
            if group != previous:
                heading = group
            previous = group
        result.append((heading, table.row_class(row) if table.row_class else "", row))
    return result


@register.simple_tag(takes_context=True)
def page_cell(context, column, row):
    """A cell as the page shows it: the column's HTML or cell template, else its value as the workbook shows it.

    The cell template is rendered like an ``{% include %}`` (it sees the page's context, so links
    can keep the filters) with the variables ``column.cell(row)`` sets.
    """
    if column.cell_html is not None:
        return column.cell_html(row, context["request"].GET)
    if column.cell_template is None:
        return column.display(row) or DASH
    variables = column.cell(row) if column.cell is not None else {"row": row}
    cell = context.template.engine.get_template(column.cell_template)
    with context.push(variables or {}):
        return cell.render(context)


@register.simple_tag(takes_context=True)
def table_body(context, table, columns):
    """The rows of ``table`` (its ``page_columns``) as the page's ``<tbody>`` holds them.

    One Python loop over the rows and cells: as a template loop, the tags and variables resolved
    again in every cell were most of the time a long table took to draw. Each cell is still
    ``page_cell``'s, escaped as the template escaped it (a cell's own HTML is kept, text is escaped).
    """
    cells = []
    for column in columns:
        css = format_html(' class="{}"', column.css_class) if column.css_class else ""
        if column.row_header:
            cells.append((column, format_html('<th scope="row"{}>', css), "</th>"))
        else:
            cells.append((column, format_html('<td{} data-label="{}">', css, column.header), "</td>"))
    html = []
    for group, row_class, row in page_rows(table):
        if group:
            html.append(format_html(GROUP_ROW, len(cells), group))
        html.append(format_html('<tr class="{}">', row_class) if row_class else "<tr>")
        for column, start, end in cells:
            html += (start, escaped(page_cell(context, column, row)), end)
        html.append("</tr>")
    if not html and table.empty:
        html.append(format_html('<tr><td colspan="{}" class="muted">{}</td></tr>', len(cells), table.empty))
    return SafeString("".join(html))  # every part above is escaped or format_html's


@register.simple_tag(takes_context=True)
def sort_link(context, table, column):
    """The query string that sorts ``table`` by ``column``: ascending first, descending on a second click.

    Every other parameter is kept, so a sorted view is a link (and a bookmark) like any filter.
    """
    query = context["request"].GET.copy()
    query.pop("format", None)
    query.pop("page", None)  # a new order starts on its first page
    query["sort"] = f"-{column.sort}" if table.sorted_by == column.sort else column.sort
    return "?" + query.urlencode()


@register.filter
def aria_sort(table, column):
    """``ascending`` / ``descending`` on the header of the column the rows are sorted by, else ``none``."""
    if table.sorted_by == column.sort:
        return "ascending"
    if table.sorted_by == f"-{column.sort}":
        return "descending"
    return "none"
