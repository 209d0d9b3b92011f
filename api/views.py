"""The API's endpoints: thin views that parse the request, ask the domain and answer (README "API").

Lists are filtered with the dashboards' own FilterSet (``dashboards.filters.DashboardFilter``), its
invalid values refused with 400 rather than dropped; assessments are read from the stored
assessments with ``indicators.stored.StoredBoard``, as the pages read them; the figures a token
sends go through ``api.batch`` (the Excel import's path); the report is ``reporting.report``'s.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from dashboards.filters import DashboardFilter
from directives.models import Task
from indicators.models import Indicator, Measurement, Target
from indicators.stored import StoredBoard
from indicators.years import check_year
from provinces.generations import Units
from provinces.models import Province

from . import batch, records, reports
from .permissions import FiguresAccess, may, token_of
from .renderers import CSVRenderer
from .serializers import (
    AssessmentSerializer,
    BatchAnswerSerializer,
    BatchSerializer,
    FigureSerializer,
    IndicatorSerializer,
    MeasurementSerializer,
    TargetSerializer,
    UnitSerializer,
)

FORMAT = OpenApiParameter("format", str, enum=["json", "csv"], description="csv: UTF-8 BOM, Vietnamese headers")


def filter_parameters(fields):
    """The schema's description of the dashboards' filters an endpoint takes (read without the database)."""
    parameters = []
    for name in fields:
        declared = DashboardFilter.base_filters[name]
        choices = declared.extra.get("choices")
        enum = [str(value) for value, _label in choices] if choices and not callable(choices) else None
        parameters.append(
            OpenApiParameter(name, str, many=name == "compare", enum=enum or None, description=str(declared.label))
        )
    return parameters


class ListEndpoint(generics.ListAPIView):
    """A published list, filtered with ``filter_fields`` of the dashboards' FilterSet; CSV unpaginated."""

    filter_fields = []

    def filters(self):
        if not hasattr(self, "_filters"):
            data = self.request.query_params
            self._filters = DashboardFilter(
                data, queryset=Indicator.objects.all(), fields=self.filter_fields, request=self.request
            )
            if not self._filters.is_valid():
                raise ValidationError(self._filters.form.errors)
        return self._filters

    @property
    def params(self):
        return self.filters().params

    def asked(self, name):
        return bool(self.request.query_params.get(name))

    def paginate_queryset(self, queryset):
        if isinstance(self.request.accepted_renderer, CSVRenderer):
            return None
        return super().paginate_queryset(queryset)

    def csv_serializer(self):
        return self.get_serializer_class()()

    def indicators(self):
        return self.filters().qs.order_by("position", "code")


def _listing(fields, summary):
    def decorate(view):
        return extend_schema(summary=summary, parameters=[*filter_parameters(fields), FORMAT])(view)

    return decorate


@_listing(["category", "directive"], "Chỉ số / Indicators")
class IndicatorList(ListEndpoint):
    """Mọi chỉ số: đơn vị tính, chiều tốt, cách cộng gộp, nhiệm vụ và văn bản mà chỉ số đo.

    Every indicator: unit, direction, aggregation, the tasks and directives it measures.
    """

    serializer_class = IndicatorSerializer
    filter_fields = ["category", "directive"]

    def get_queryset(self):
        tasks = Task.objects.select_related("directive").order_by("directive__position", "position")
        return self.indicators().prefetch_related(Prefetch("tasks", queryset=tasks))


@_listing(["category", "directive", "province", "target"], "Chỉ tiêu / Targets")
class TargetList(ListEndpoint):
    """Mọi chỉ tiêu: đơn vị (trống: toàn quốc), năm đạt, giá trị, năm gốc, giai đoạn, văn bản đặt chỉ tiêu.

    Every target: its unit (none: national), deadline, value, baseline, plan period, the document that set it.
    """

    serializer_class = TargetSerializer
    filter_fields = ["category", "directive", "province", "target"]

    def get_queryset(self):
        targets = Target.objects.filter(indicator__in=self.indicators()).select_related(
            "indicator", "province", "directive"
        )
        params = self.params
        if params.province is not None:
            targets = targets.filter(province=params.province)
        if params.window is not None:
            targets = targets.filter(deadline_year__gte=params.window.first, deadline_year__lte=params.window.last)
        return targets.order_by("indicator__position", "indicator__code", "deadline_year", "province__code", "pk")


@_listing(["units", "region"], "Đơn vị hành chính / Units")
class UnitList(ListEndpoint):
    """63 đơn vị trước 01/07/2025 và 34 đơn vị từ ngày đó (``units``), mỗi đơn vị với đơn vị kế thừa.

    The 63 units before 1 July 2025 and the 34 after (``units``), each with its successor.
    """

    serializer_class = UnitSerializer
    filter_fields = ["units", "region"]

    def get_queryset(self):
        units = Province.objects.select_related("successor").order_by("-valid_from", "code", "pk")
        if self.asked("units"):
            units = units.current() if self.params.units == Units.CURRENT else units.legacy()
        if self.params.region:
            units = units.filter(region=self.params.region)
        return units


MEASUREMENT_FILTERS = ["year", "units", "region", "category", "directive", "province"]


@_listing(MEASUREMENT_FILTERS, "Số liệu đã phê duyệt / Approved figures")
class MeasurementList(ListEndpoint):
    """Chỉ số liệu đã phê duyệt; số liệu nháp và đang chờ duyệt không bao giờ có ở đây.

    Published (approved) figures only; drafts and submissions are never listed here.
    """

    serializer_class = MeasurementSerializer
    filter_fields = MEASUREMENT_FILTERS

    def get_queryset(self):
        figures = Measurement.objects.published().filter(indicator__in=self.indicators())
        params = self.params
        if params.year is not None:
            figures = figures.filter(year=params.year)
        if params.province is not None:
            figures = figures.filter(province=params.province)
        elif self.asked("units"):
            units = Province.objects.current() if params.current_units else Province.objects.legacy()
            figures = figures.filter(province__in=units)
        if params.region:
            figures = figures.filter(province__region=params.region)
        figures = figures.select_related("indicator", "province")
        return figures.order_by("indicator__position", "indicator__code", "province__code", "province_id", "year")


ASSESSMENT_FILTERS = ["year", "units", "target", "region", "category", "directive", "status", "province"]


@_listing(ASSESSMENT_FILTERS, "Đánh giá tiến độ / Assessments")
class AssessmentList(ListEndpoint):
    """Từng chỉ số ở từng đơn vị so với chỉ tiêu của giai đoạn: trạng thái và các con số đằng sau.

    Each indicator in each unit against the target of the plan period: status and the numbers behind it.

    Read from the stored assessments, as the dashboards read them (the same status, figure, year and target).
    """

    serializer_class = AssessmentSerializer
    filter_fields = ASSESSMENT_FILTERS

    def board(self):
        params = self.params
        return StoredBoard(
            self.indicators(),
            units=params.units,
            region=params.region,
            only=params.province,
            as_of=params.year,
            window=params.window,
            periods=params.periods,
        )

    def list(self, request, *args, **kwargs):
        board = self.board()
        keys = board.unit_keys(self.params.status)
        page = self.paginate_queryset(keys)
        rows = board.rows_of(page if page is not None else keys)
        data = self.get_serializer([records.assessment(row) for row in rows], many=True).data
        if page is not None:
            return self.get_paginated_response(data)
        return Response(data)


def unit_for(request, slug, action):
    """The unit in the URL, if the request's user (or token) may do ``action`` there: else 404 or 403."""
    province = get_object_or_404(Province, slug=slug)
    if not may(request, action, province):
        raise PermissionDenied(_("Bạn không có quyền này với số liệu của %(province)s.") % {"province": province.name})
    return province


def _check_year(province, year):
    problem = check_year(province, year)
    if problem:
        raise NotFound(problem)


class UnitFigures(APIView):
    """Số liệu một năm của một đơn vị, mọi trạng thái (GET); một lô số liệu gửi bằng mã của đơn vị (POST).

    A unit's figures of one year, any status (GET), and a batch of them from its token (POST): all or
    nothing, through the same validation, jump confirmation, versions, workflow and history as the form.
    """

    permission_classes = [FiguresAccess]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        summary="Số liệu của tỉnh trong năm / A unit's figures of a year", responses=FigureSerializer(many=True)
    )
    def get(self, request, slug, year):
        province = unit_for(request, slug, "view")
        _check_year(province, year)
        stored = {m.indicator_id: m for m in Measurement.objects.filter(province=province, year=year)}
        indicators = Indicator.objects.order_by("position", "code")
        return Response(FigureSerializer([records.figure(i, stored.get(i.pk)) for i in indicators], many=True).data)

    @extend_schema(
        summary="Gửi số liệu / Submit a batch of figures",
        request=BatchSerializer,
        responses={200: BatchAnswerSerializer, 422: BatchAnswerSerializer, 409: BatchAnswerSerializer},
        parameters=[
            OpenApiParameter("Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER, description="retry-safe key")
        ],
    )
    def post(self, request, slug, year):
        province = unit_for(request, slug, "enter")
        _check_year(province, year)
        body = BatchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        key = request.headers.get("Idempotency-Key", "")[:100]
        answer = batch.receive(token_of(request), province, year, body.validated_data, key)
        response = Response(answer.body, status=answer.status_code)
        if answer.replayed:
            response["Idempotent-Replayed"] = "true"
        return response


class ReportView(APIView):
    """Báo cáo định kỳ dạng dữ liệu: những gì báo cáo Excel và Word chứa.

    The periodic report as data: what the Excel and Word reports hold.
    """

    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]

    @extend_schema(summary="Báo cáo định kỳ / Periodic report", responses=OpenApiTypes.OBJECT)
    def get(self, request, slug, year):
        if slug != reports.NATIONAL:
            unit_for(request, slug, "report")  # a token reads only its own unit's report
        elif token_of(request) is not None:
            raise PermissionDenied
        try:
            return Response(reports.report_data(request.user, slug, year, request.query_params.get("target", "")))
        except reports.Unavailable as problem:
            raise NotFound(str(problem)) from None
