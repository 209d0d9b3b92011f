"""Numbers as Vietnamese officials write them: 55.802 and 95,4 (dot for thousands, comma for decimals)."""

from decimal import Decimal, InvalidOperation


def format_vn(value, places=None):
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if places is None:
        number = number.normalize()
        places = max(0, -number.as_tuple().exponent)
    text = f"{number:,.{int(places)}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def parse_number(raw):
    """A number as people type it here: '55.802', '55802', '95,4', ' 89.1 '. None if blank.

    Raises ValueError for anything that is not a number. A comma is the decimal mark;
    dots are thousands separators when followed by exactly three digits, else a decimal point.
    """
    if raw is None:
        return None
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        return Decimal(str(raw))
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") >= 1 and all(len(part) == 3 for part in text.split(".")[1:]) and text.count(".") > 1:
        text = text.replace(".", "")
    elif text.count(".") == 1 and len(text.split(".")[1]) == 3 and not text.startswith(("0.", "-0.")):
        # "55.802" is fifty-five thousand the Vietnamese way; "0.802" is a fraction.
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(raw) from None
    if not number.is_finite():
        raise ValueError(raw)
    return number
