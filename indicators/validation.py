"""Rules a reported figure must follow, shared by the browser form and the Excel import.

Errors block a save; warnings (an unusual jump from last year) ask for confirmation.
Messages are in Vietnamese through gettext, so they follow the interface language.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from .numbers import format_vn, parse_number

HUNDRED = Decimal(100)
MAX_VALUE = Decimal("999999999999.99")


@dataclass
class Checked:
    """The outcome of checking one figure: cleaned numbers, errors and warnings per field."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    errors: dict = field(default_factory=dict)
    warnings: dict = field(default_factory=dict)

    @property
    def ok(self):
        return not self.errors

    @property
    def empty(self):
        return self.value is None and self.numerator is None and self.denominator is None


def _number(raw, name, checked):
    try:
        number = parse_number(raw)
    except ValueError:
        checked.errors[name] = _("“%(raw)s” không phải là một số.") % {"raw": str(raw)[:40]}
        return None
    if number is not None and abs(number) > MAX_VALUE:
        checked.errors[name] = _("Số quá lớn.")
        return None
    if number is not None and number.as_tuple().exponent < -2:
        number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return number


def check_figure(
    indicator,
    raw_value=None,
    raw_numerator=None,
    raw_denominator=None,
    previous=None,
    confirm_jump=False,
    value_typed=False,
):
    """Check one figure for ``indicator``; ``previous`` is last year's value, if any.

    A ratio's value is computed from its numerator and denominator. With ``value_typed`` (the
    admin, where the value is typed beside them) a typed value must also agree with them.
    """
    checked = Checked()
    value = _number(raw_value, "value", checked)
    numerator = _number(raw_numerator, "numerator", checked)
    denominator = _number(raw_denominator, "denominator", checked)
    if checked.errors:
        return checked

    if indicator.is_ratio and (numerator is not None or denominator is not None):
        if numerator is None:
            checked.errors["numerator"] = _("Nhập cả tử số khi đã nhập mẫu số.")
        if denominator is None:
            checked.errors["denominator"] = _("Nhập cả mẫu số khi đã nhập tử số.")
        if numerator is not None and numerator < 0:
            checked.errors["numerator"] = _("Tử số không được âm.")
        if denominator is not None and denominator <= 0:
            checked.errors["denominator"] = _("Mẫu số phải lớn hơn 0.")
        if checked.errors:
            return checked
        if numerator > denominator:
            checked.errors["numerator"] = _("Tử số (%(n)s) không được lớn hơn mẫu số (%(d)s).") % {
                "n": format_vn(numerator),
                "d": format_vn(denominator),
            }
            return checked
        computed = (HUNDRED * numerator / denominator).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if value_typed and value is not None and value != computed:
            checked.errors["value"] = _("Giá trị %(value)s không khớp với tử số và mẫu số (tính ra %(computed)s).") % {
                "value": format_vn(value),
                "computed": format_vn(computed),
            }
            return checked
        value = computed
    elif numerator is not None or denominator is not None:
        checked.errors["value"] = _("Chỉ số này không có tử số và mẫu số.")
        return checked

    if value is not None:
        if value < 0:
            checked.errors["value"] = _("Giá trị không được âm.")
        elif indicator.is_capped_at_100 and value > HUNDRED:
            checked.errors["value"] = _("Tỷ lệ phải nằm trong khoảng 0–100%.")
        elif indicator.unit == indicator.Unit.COUNT and value != value.to_integral_value():
            checked.errors["value"] = _("Số lượng phải là số nguyên.")
    if checked.errors:
        return checked

    checked.value, checked.numerator, checked.denominator = value, numerator, denominator
    if value is not None and previous and not confirm_jump:
        factor = Decimal(str(settings.JUMP_WARNING_FACTOR))
        if previous > 0 and (value > previous * factor or value * factor < previous):
            checked.warnings["value"] = _(
                "Giá trị %(new)s chênh lệch lớn so với năm trước (%(old)s). "
                "Kiểm tra lại, rồi đánh dấu xác nhận nếu đúng."
            ) % {"new": format_vn(value), "old": format_vn(previous)}
    return checked
