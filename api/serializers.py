"""What each endpoint answers: field names for JSON, Vietnamese labels for the CSV headers and the schema."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators.models import Indicator, Measurement, Target
from indicators.numbers import typed_text
from indicators.targets import as_period
from provinces.models import Province


def _decimal(label, **extra):
    """A number as stored, as a string (exact, as every other figure of the API)."""
    return serializers.DecimalField(max_digits=None, decimal_places=None, label=label, allow_null=True, **extra)


class IndicatorSerializer(serializers.ModelSerializer):
    unit_label = serializers.CharField(source="display_unit", label=_("Tên đơn vị tính"))
    tasks = serializers.SerializerMethodField(label=_("Nhiệm vụ"))
    directives = serializers.SerializerMethodField(label=_("Văn bản"))

    class Meta:
        model = Indicator
        fields = [
            "code", "name_vi", "name_en", "unit", "unit_label", "direction", "aggregation", "category",
            "numerator_label", "denominator_label", "tasks", "directives",
        ]  # fmt: skip

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_tasks(self, indicator):
        """Each task the indicator measures, as "<directive number> <task number>"."""
        return [f"{task.directive.number} {task.number}" for task in indicator.tasks.all()]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_directives(self, indicator):
        return sorted({task.directive.slug for task in indicator.tasks.all()})


class TargetSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True, label=_("Mã chỉ số"))
    unit = serializers.SlugRelatedField(
        source="province", slug_field="slug", read_only=True, label=_("Đơn vị (trống: toàn quốc)")
    )
    period = serializers.SerializerMethodField(label=_("Giai đoạn"))
    directive = serializers.SlugRelatedField(slug_field="slug", read_only=True, label=_("Văn bản đặt chỉ tiêu"))
    directive_number = serializers.CharField(source="directive.number", default="", label=_("Số hiệu văn bản"))

    class Meta:
        model = Target
        fields = [
            "id", "indicator", "unit", "deadline_year", "value", "baseline_year", "baseline_value", "period",
            "directive", "directive_number", "subject", "note", "source_file", "is_demo",
        ]  # fmt: skip

    def get_period(self, target) -> str:
        return str(as_period(target.deadline_year))


class UnitSerializer(serializers.ModelSerializer):
    successor = serializers.SlugRelatedField(slug_field="slug", read_only=True, label=_("Đơn vị kế thừa"))
    is_current = serializers.BooleanField(read_only=True, label=_("Đơn vị hiện hành (từ 01/07/2025)"))

    class Meta:
        model = Province
        fields = ["slug", "code", "name", "kind", "region", "valid_from", "valid_to", "successor", "is_current"]


class MeasurementSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True, label=_("Mã chỉ số"))
    unit = serializers.SlugRelatedField(source="province", slug_field="slug", read_only=True, label=_("Đơn vị"))
    approved_at = serializers.DateTimeField(source="updated_at", label=_("Phê duyệt lúc"))

    class Meta:
        model = Measurement
        fields = [
            "indicator", "unit", "year", "value", "numerator", "denominator", "source", "note", "approved_at",
            "is_demo",
        ]  # fmt: skip


class AssessmentSerializer(serializers.Serializer):
    """One indicator in one unit against the target of a plan period: ``api.records.assessment`` fills it."""

    indicator = serializers.CharField(label=_("Mã chỉ số"))
    unit = serializers.CharField(label=_("Đơn vị"))
    as_of = serializers.IntegerField(label=_("Tính đến năm"), allow_null=True)
    period = serializers.CharField(label=_("Giai đoạn"))
    status = serializers.CharField(label=_("Trạng thái (mã)"))
    status_label = serializers.CharField(label=_("Trạng thái"))
    reason = serializers.CharField(label=_("Lý do chưa đánh giá"))
    value = _decimal(_("Giá trị"))
    year = serializers.IntegerField(label=_("Năm số liệu"), allow_null=True)
    target = _decimal(_("Chỉ tiêu"))
    target_year = serializers.IntegerField(label=_("Năm đạt chỉ tiêu"), allow_null=True)
    target_id = serializers.IntegerField(label=_("Mã chỉ tiêu"), allow_null=True)
    baseline = _decimal(_("Giá trị gốc"))
    baseline_year = serializers.IntegerField(label=_("Năm gốc"), allow_null=True)
    distance = _decimal(_("Quãng đường đã đi (p)"))
    elapsed = _decimal(_("Thời gian đã qua (e)"))
    pace = _decimal(_("Tốc độ (r)"))
    gap = _decimal(_("Còn thiếu so với chỉ tiêu"))
    newer_value = _decimal(_("Số liệu mới hơn (tạm tính)"))
    newer_year = serializers.IntegerField(label=_("Năm số liệu mới hơn"), allow_null=True)
    is_demo = serializers.BooleanField(label=_("Số liệu minh họa"))


class FigureSerializer(serializers.Serializer):
    """One figure of the unit and year, any status: what a provincial system reads back before sending."""

    indicator = serializers.CharField(label=_("Mã chỉ số"))
    version = serializers.IntegerField(label=_("Phiên bản"))
    status = serializers.CharField(label=_("Trạng thái"), allow_null=True)
    value = _decimal(_("Giá trị"))
    numerator = _decimal(_("Tử số"))
    denominator = _decimal(_("Mẫu số"))
    source = serializers.CharField(label=_("Nguồn"))
    note = serializers.CharField(label=_("Ghi chú"))
    return_reason = serializers.CharField(label=_("Lý do trả lại"))
    is_demo = serializers.BooleanField(label=_("Số liệu minh họa"))


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string"}], "nullable": True})
class NumberField(serializers.Field):
    """A number as JSON (95.4) or as the form takes it, typed the Vietnamese way ("95,4", "55.802")."""

    def to_internal_value(self, data):
        if data is None or data == "":
            return ""
        if isinstance(data, bool):
            raise serializers.ValidationError(_("Cần một số."))
        if isinstance(data, (int, float)):
            return typed_text(Decimal(str(data)))
        if isinstance(data, str):
            return data
        raise serializers.ValidationError(_("Cần một số."))

    def to_representation(self, value):
        return value


class FigureInSerializer(serializers.Serializer):
    indicator = serializers.CharField(label=_("Mã chỉ số"), max_length=40)
    version = serializers.IntegerField(
        label=_("Phiên bản"), min_value=0, help_text=_("Phiên bản đang lưu (0: chưa có số liệu); khóa lạc quan.")
    )
    value = NumberField(required=False, allow_null=True, label=_("Giá trị"))
    numerator = NumberField(required=False, allow_null=True, label=_("Tử số"))
    denominator = NumberField(required=False, allow_null=True, label=_("Mẫu số"))
    source = serializers.CharField(required=False, allow_blank=True, max_length=2100, label=_("Nguồn"))
    note = serializers.CharField(required=False, allow_blank=True, max_length=2100, label=_("Ghi chú"))
    confirm_jump = serializers.BooleanField(
        required=False, default=False, label=_("Tôi xác nhận giá trị này đúng"), help_text=_("Xác nhận bước nhảy lớn.")
    )


class BatchSerializer(serializers.Serializer):
    submit = serializers.BooleanField(
        required=False, default=False, help_text=_("true: gửi duyệt sau khi lưu; false: lưu nháp.")
    )
    figures = FigureInSerializer(many=True, allow_empty=False, max_length=200)


class RowAnswerSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    outcome = serializers.CharField(help_text="new, changed, unchanged, rejected, needs_confirmation")
    reasons = serializers.ListField(child=serializers.CharField())
    version = serializers.IntegerField(allow_null=True)
    status = serializers.CharField(allow_null=True)


class BatchAnswerSerializer(serializers.Serializer):
    applied = serializers.BooleanField()
    saved = serializers.IntegerField()
    submitted = serializers.IntegerField()
    rows = RowAnswerSerializer(many=True)
