"""Numbers as Vietnamese officials write them: 55.802 and 95,4 (dot for thousands, comma for decimals).

The one home of the rule, for every page, export, import and script. ``static/js/numbers.js`` is its
twin in the browser; both are tested against the same table, ``tests/number_cases.json``.

Reading a typed number (``parse_number``), one rule that never guesses twice:

- Spaces, tabs, no-break spaces (U+00A0, U+202F) and thin spaces (U+2007, U+2009) are ignored anywhere.
- One leading sign: "-", the typographic minus "−" (U+2212) or "+".
- A comma is the decimal mark; at most one, with digits after it ("1234,5", ",5"; not "5,").
- Dots are thousands separators when the digits before the comma are correctly grouped: a first
  group of 1–3 digits not starting with 0, then groups of exactly 3 ("1.234.567", "55.802", "1.234,5").
- Without a comma, a single dot that is not such a grouping is a decimal point, as a computer or an
  English-language spreadsheet writes it: "1234.567", "0.802", "89.1".
- Anything else is not a number: exponents ("1e3"), "NaN", "Infinity", two commas, dots beside a comma
  that are not correct grouping ("1.23,4"), several dots that are not ("1.234.56"), other digits or letters.
- Blank text is no number at all (None), not an error.

So "55.802" is fifty-five thousand eight hundred and two, while "0.802" and "1234.567" are fractions:
whoever means a fraction with three decimals writes "55,802".

Showing a number (``format_vn``) groups thousands with dots and writes decimals after a comma, rounding
half away from zero (0,125 → 0,13) on the decimal digits, never on a binary float. Zero is never shown
with a minus. ``display_places`` turns an Excel number format into the decimals a page cell shows, so a
table and its export agree. ``typed_text`` is a stored number as it is typed back into a form or import:
grouped as shown (1.520.000), with all its decimals, so that reading it back gives the same number.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

# A reported figure has at most two decimals (the models' decimal_places): pages show up to that many.
FIGURE_PLACES = 2

_IGNORED = re.compile("[ \t\r\n\u00a0\u2007\u2009\u202f]")
_GROUPED = r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+"
# A comma number: grouped or plain digits before the comma (or none, ",5"), digits after it.
_WITH_COMMA = re.compile(rf"(?P<sign>[-\u2212+]?)(?P<whole>{_GROUPED}|[0-9]*)(?:,(?P<fraction>[0-9]+))?")
# Otherwise one dot is a decimal point.
_WITH_DOT = re.compile(r"(?P<sign>[-\u2212+]?)(?P<whole>[0-9]*)\.(?P<fraction>[0-9]+)")


def parse_number(raw):
    """A number as people type it here: '55.802', '55802', '95,4', ' 89.1 ' (see the module docstring).

    Returns a Decimal, or None if blank; raises ValueError for anything that is not a number.
    Numbers that are already numbers (a spreadsheet cell) are taken as they are, if finite.
    """
    if raw is None:
        return None
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        number = Decimal(str(raw))
        if not number.is_finite():
            raise ValueError(raw)
        return number
    text = _IGNORED.sub("", str(raw))
    if not text:
        return None
    match = _WITH_COMMA.fullmatch(text) or _WITH_DOT.fullmatch(text)
    if match is None or not (match["whole"] or match["fraction"]):
        raise ValueError(raw)
    sign = "-" if match["sign"] in ("-", "\u2212") else ""
    whole = match["whole"].replace(".", "") if match.re is _WITH_COMMA else match["whole"]
    fraction = f".{match['fraction']}" if match["fraction"] else ""
    return Decimal(f"{sign}{whole or '0'}{fraction}")


def _decimal(value):
    """A finite Decimal from a number or a machine-written numeric string; None otherwise."""
    if isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def round_places(number, places):
    """``number`` rounded half away from zero to ``places`` decimals, however large it is."""
    with localcontext() as context:
        context.prec = max(28, number.adjusted() + int(places) + 2)
        return number.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)


def format_vn(value, places=None, trim=False):
    """``55802`` → "55.802"; ``95.40`` → "95,4"; ``(95.4, 2)`` → "95,40"; ``(95.404, 2, trim=True)`` → "95,4".

    ``places`` is how many decimals to show (rounded half away from zero); None shows the number's own
    decimals without trailing zeros. ``trim`` drops the zeros the rounding leaves at the end. None and
    "" show as ""; text that is not a number is shown as it is; NaN and infinities as "".
    """
    if value is None or value == "":
        return ""
    number = _decimal(value)
    if number is None:
        return "" if isinstance(value, (float, Decimal)) else str(value)
    if places is None:
        number = number.normalize()
        places = max(0, -number.as_tuple().exponent)
    else:
        number = round_places(number, places)
        if trim:
            number = number.normalize()
            places = max(0, -number.as_tuple().exponent)
    if number.is_zero():
        number = abs(number)
    text = f"{number:,.{int(places)}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def display_places(number_format):
    """The decimals a page cell shows for an Excel number format, as ``(places, trim)`` for ``format_vn``.

    Required decimal digits ("0") are always shown: "#,##0.0" → one decimal, padded (95,0). A format with
    optional digits ("#") shows up to all its decimal digits without padding: "#,##0.0#" → 95,4 and 71,31
    (and 55.802 for a whole number, where the workbook writes 55.802,0). No format, or none after the
    point, shows a whole number.
    """
    if not number_format or "." not in number_format:
        return 0, False
    decimals = number_format.split(".", 1)[1]
    required, optional = decimals.count("0"), decimals.count("#")
    return required + optional, optional > 0


def typed_text(number):
    """A stored number the way it is typed back into a form: as a page shows it, every decimal kept.

    ``Decimal("1520000.00")`` → "1.520.000"; ``95.40`` → "95,4"; ``1234.5`` → "1.234,5". ``parse_number``
    reads it back as the same number: the comma is always the decimal mark and the dots always correct
    grouping, so "1.520.000" cannot be taken for a fraction. A value that is not a finite number comes
    back as its text, so that reading it reports the error.
    """
    if number is None:
        return ""
    value = _decimal(number)
    if value is None:
        return str(number)
    return format_vn(value)
