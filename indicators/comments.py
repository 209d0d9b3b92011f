"""The thread about one figure: who may write in it, and adding a message (a return's reason starts it).

Reading follows the figure's pages ("view"); writing is for the people who enter or approve the unit's
figures ("comment" in ``provinces/access.py``).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from provinces.access import require

from .models import Comment

MAX_LENGTH = 2000


def add(user, province, indicator, year, text):
    """Add ``text`` to the thread of ``indicator`` in ``province`` for ``year``; the new Comment."""
    require(user, "comment", province)
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Hãy viết nội dung trao đổi."))
    if len(text) > MAX_LENGTH:
        raise ValidationError(_("Nội dung dài quá %(limit)s ký tự.") % {"limit": MAX_LENGTH})
    return Comment.objects.create(province=province, indicator=indicator, year=year, author=user, text=text)


def threads(province, year):
    """{indicator id: [Comment, ...]} of a unit's sheet for ``year``, oldest first, in one query."""
    result = {}
    for comment in Comment.objects.filter(province=province, year=year).select_related("author"):
        result.setdefault(comment.indicator_id, []).append(comment)
    return result
