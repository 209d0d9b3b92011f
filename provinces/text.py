"""Vietnamese text in URLs (slugs without diacritics, đ written d: "Đẩy mạnh" → "day-manh"), and texts kept in
both languages (``local_text``: the English one in English mode, else the Vietnamese with a visible marker)."""

import re
import unicodedata

from django.utils.html import conditional_escape, format_html
from django.utils.text import slugify
from django.utils.translation import get_language, gettext


def vietnamese_slug(text, max_length=80):
    """ "05-CT/TU đẩy mạnh chuyển đổi số tỉnh Phú Thọ" → "05-ct-tu-day-manh-chuyen-doi-so-tinh-phu-tho".

    Diacritics are removed (Unicode decomposition), đ/Đ become d, and every run of other characters
    ("/", ".", spaces) becomes one hyphen; cut at ``max_length`` on a word boundary where possible.
    """
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    slug = slugify(re.sub(r"[^A-Za-z0-9]+", " ", text))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-")


class LocalText(str):
    """A text in the reader's language, as ``local_text`` chose it.

    As a plain string (Excel cells, chart labels, ``str()``) a Vietnamese text standing in for a
    missing English one ends in " (VI)"; in a template it renders as the Vietnamese original in a
    ``lang="vi"`` span followed by the same visible "(VI)" marker, so a reader of the English pages
    always sees which texts were not translated. ``original`` is the text without the marker.
    """

    MARKER = "(VI)"

    def __new__(cls, text, fallback=False):
        obj = super().__new__(cls, f"{text} {cls.MARKER}" if fallback else text)
        obj.original = text
        obj.fallback = fallback
        return obj

    @property
    def fallback_title(self):
        return gettext("Chưa có bản tiếng Anh: nguyên văn tiếng Việt")

    def __html__(self):
        if not self.fallback:
            return str(conditional_escape(self.original))
        return format_html(
            '<span lang="vi">{}</span> <abbr class="lang-fallback" title="{}">{}</abbr>',
            self.original,
            self.fallback_title,
            self.MARKER,
        )


def english_mode():
    """Whether the interface language (header switch, ``Preference.language``) is English."""
    return (get_language() or "vi").startswith("en")


def local_text(vietnamese, english):
    """The one rule for a text kept in both languages (a title and its ``title_en`` …): the English
    one in English mode when there is one, else the Vietnamese, marked as such (``LocalText``).

    Every model property that shows such a text (``Directive.display_title``, ``Task.heading``,
    ``Target.display_note``, ``Indicator.name``, ``display_unit`` …) answers through here, so pages,
    exports and the report read the same text with the same marker.
    """
    vietnamese, english = vietnamese or "", english or ""
    if not english_mode():
        return LocalText(vietnamese)
    if english:
        return LocalText(english)
    return LocalText(vietnamese, fallback=bool(vietnamese))
