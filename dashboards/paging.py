"""How many cards a dashboard page shows at once, and which ones: the one home of ``?page=``.

The overview's indicator cards and a province page's charts come twelve at a time (about a
screenful); the tables above them still list everything. A page computes the expensive parts (the
places listed under a card, a chart's yearly series) only for the cards of the page asked.
"""

from django.core.paginator import Paginator

CARDS_PER_PAGE = 12


def card_page(request, items, per_page=CARDS_PER_PAGE):
    """The page of ``items`` that the query string's ``page`` asks for (the first, or the last, when it is not one)."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
