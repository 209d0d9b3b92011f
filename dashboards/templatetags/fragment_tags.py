"""``{% cachedfragment "name" [vary …] %}…{% endcachedfragment %}``: a cached part of a page (see fragments.py)."""

from django import template
from django.core.cache import cache

from .. import fragments

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context):
        request = context["request"]
        name = self.name.resolve(context)
        blocks = getattr(request, "cached_blocks", None)
        if blocks is not None:  # inside a cached_page view: the page keeps its blocks together
            html = blocks[name] = self.nodelist.render(context)
            return html
        if not hasattr(request, "data_generation"):  # read after the data: see fragments.py
            return self.nodelist.render(context)
        key = fragments.key(request, name, *(v.resolve(context) for v in self.vary))
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, fragments.TIMEOUT)
        return html


@register.tag
def cachedfragment(parser, token):
    """Cache the enclosed part under the page's key plus ``name`` and any extra ``vary`` values."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name")
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]])
