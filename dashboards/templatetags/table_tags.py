"""Rendering a ``reporting.excel.Table`` on a page (``templates/partials/_table.html``)."""

from django import template

register = template.Library()

DASH = "—"


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
