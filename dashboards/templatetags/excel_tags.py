"""The link of an export button: the page's own query string with ``format=xlsx``."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def xlsx_url(context, table=""):
    """``?<the current filters>&format=xlsx`` (and ``table=`` for a page with several tables)."""
    query = context["request"].GET.copy()
    query["format"] = "xlsx"
    if table:
        query["table"] = table
    else:
        query.pop("table", None)
    return "?" + query.urlencode()
