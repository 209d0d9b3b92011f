"""Vietnamese text in URLs: slugs without diacritics, đ written d ("Đẩy mạnh" → "day-manh")."""

import re
import unicodedata

from django.utils.text import slugify


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
