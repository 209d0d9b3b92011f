"""Indicators, their targets, and the yearly figures provinces report against them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from directives.models import MAX_YEAR, MIN_YEAR
from provinces.text import local_text


class IndicatorQuerySet(models.QuerySet):
    def provincial(self):
        """The indicators a province reports: every one but the national-only ones (``Indicator.national_only``)."""
        return self.filter(national_only=False)


class Indicator(models.Model):
    class Unit(models.TextChoices):
        PERCENT = "percent", _("%")
        COUNT = "count", _("số lượng")
        PER_100 = "per100", _("trên 100 dân")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("càng cao càng tốt")
        LOWER = "lower", _("càng thấp càng tốt")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("cộng dồn")
        RATIO = "ratio", _("tỷ số của tổng tử số và tổng mẫu số")
        NONE = "none", _("không cộng gộp được")

    class Category(models.TextChoices):
        INFRASTRUCTURE = "infrastructure", _("Hạ tầng kỹ thuật")
        HUMAN_RESOURCES = "human_resources", _("Nguồn nhân lực")
        PARTY_STATE = "party_state", _("Ứng dụng trong cơ quan Đảng, Nhà nước")
        PUBLIC_SERVICES = "public_services", _("Dịch vụ công trực tuyến")
        SOCIETY = "society", _("Ứng dụng trong xã hội, doanh nghiệp")
        INDUSTRY = "industry", _("Công nghiệp CNTT")

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name_vi = models.CharField(_("tên (tiếng Việt)"), max_length=200)
    name_en = models.CharField(_("tên (tiếng Anh)"), max_length=200)
    unit = models.CharField(_("đơn vị tính"), max_length=10, choices=Unit.choices)
    unit_label = models.CharField(
        _("đơn vị hiển thị"), max_length=40, blank=True, help_text=_("Ví dụ: máy, hộ, dịch vụ.")
    )
    unit_label_en = models.CharField(
        _("đơn vị hiển thị (tiếng Anh)"), max_length=40, blank=True, help_text=_("Ví dụ: computers, households.")
    )
    direction = models.CharField(_("chiều tốt"), max_length=6, choices=Direction.choices, default=Direction.HIGHER)
    numerator_label = models.CharField(_("tử số"), max_length=200, blank=True)
    denominator_label = models.CharField(_("mẫu số"), max_length=200, blank=True)
    numerator_label_en = models.CharField(_("tử số (tiếng Anh)"), max_length=200, blank=True)
    denominator_label_en = models.CharField(_("mẫu số (tiếng Anh)"), max_length=200, blank=True)
    aggregation = models.CharField(_("cách cộng gộp toàn quốc"), max_length=6, choices=Aggregation.choices)
    category = models.CharField(_("nhóm"), max_length=20, choices=Category.choices)
    allows_over_100 = models.BooleanField(
        _("cho phép vượt 100%"), default=False, help_text=_("Chỉ dùng cho tỷ lệ có thể lớn hơn 100%.")
    )
    description = models.TextField(_("định nghĩa"), blank=True)
    description_en = models.TextField(
        _("định nghĩa (tiếng Anh)"),
        blank=True,
        help_text=_("Để trống thì trang tiếng Anh hiện định nghĩa tiếng Việt, có đánh dấu."),
    )
    tasks = models.ManyToManyField(
        "directives.Task", verbose_name=_("nhiệm vụ được đo"), blank=True, related_name="indicators"
    )
    source_file = models.CharField(_("tệp nguồn"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    national_only = models.BooleanField(
        _("chỉ có số liệu toàn quốc"),
        default=False,
        help_text=_(
            "Chỉ số không có số liệu cấp tỉnh (ví dụ tỷ trọng kinh tế số trong GDP, thứ hạng Chính phủ điện tử "
            "của Liên hợp quốc): không có trên phiếu nhập và mẫu nhập của tỉnh, chỉ hiện ở trang tổng quan."
        ),
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ số")
        verbose_name_plural = _("chỉ số")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(aggregation="ratio") | (~Q(numerator_label="") & ~Q(denominator_label="")),
                name="indicator_ratio_has_numerator_and_denominator",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("indicator-detail", args=[self.code])

    @property
    def name(self):
        """The name in the reader's language (``provinces.text.local_text``)."""
        return local_text(self.name_vi, self.name_en)

    @property
    def display_description(self):
        return local_text(self.description, self.description_en)

    @property
    def display_numerator_label(self):
        return local_text(self.numerator_label, self.numerator_label_en)

    @property
    def display_denominator_label(self):
        return local_text(self.denominator_label, self.denominator_label_en)

    @property
    def is_ratio(self):
        """Whether figures are numerator over denominator: exactly when the indicator aggregates as a ratio.

        The entry sheet, the import, validation and the pages all ask this one question. A ratio
        indicator always has both labels (the database holds that); labels left on an indicator that
        is summed or not aggregated do not make it a ratio.
        """
        return self.aggregation == self.Aggregation.RATIO

    @property
    def is_capped_at_100(self):
        return self.unit == self.Unit.PERCENT and not self.allows_over_100

    def apply_cap_to_measurements(self):
        """Copy ``is_capped_at_100`` onto this indicator's figures after its unit or ``allows_over_100`` changed.

        Called explicitly by whoever changes them (the admin's save_model, load_documents), never
        from ``save()``, so saving an indicator does not rewrite figures unseen. The figures keep
        their values, versions and history: the copy is the database's means to hold the 0–100 rule,
        not a change anyone made (the callers bump the data generation with the rest of their change).
        A figure above 100 makes the database refuse the cap (IntegrityError); the admin explains
        that before saving. Returns the number of figures updated.
        """
        capped = self.is_capped_at_100
        return self.measurements.exclude(capped_at_100=capped).update(capped_at_100=capped)

    @property
    def display_unit(self):
        """The unit as a page names it: its label in the reader's language, else the kind of unit."""
        return local_text(self.unit_label, self.unit_label_en) if self.unit_label else self.unit_name

    @property
    def figure_unit(self):
        """What follows a figure (55.802 máy, 95,4%): "%" is written on the number, a bare count has none."""
        if self.unit == self.Unit.PERCENT:
            return "%"
        if self.unit_label:
            return self.display_unit
        return "" if self.unit == self.Unit.COUNT else self.unit_name

    @property
    def category_name(self):
        """The category in the reader's language (``get_category_display`` without its per-call dict of choices)."""
        return str(self.Category(self.category).label) if self.category in self.Category.values else self.category

    @property
    def unit_name(self):
        """The kind of unit in the reader's language (``get_unit_display`` without its per-call dict of choices)."""
        return self.Unit(self.unit).label if self.unit in self.Unit.values else self.unit


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, verbose_name=_("chỉ số"), on_delete=models.CASCADE, related_name="targets")
    province = models.ForeignKey(
        "provinces.Province",
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
        help_text=_("Để trống với chỉ tiêu toàn quốc."),
    )
    deadline_year = models.PositiveSmallIntegerField(_("năm đạt"))
    value = models.DecimalField(_("giá trị chỉ tiêu"), max_digits=14, decimal_places=2)
    strict = models.BooleanField(
        _("vượt chỉ tiêu"),
        default=False,
        help_text=_(
            "Đánh dấu khi văn bản ghi “trên 80%” (hoặc “dưới”): giá trị phải vượt chỉ tiêu (> hoặc <), "
            "bằng chỉ tiêu là chưa đạt. Để trống khi văn bản ghi “đạt 80%” (≥ hoặc ≤)."
        ),
    )
    baseline_year = models.PositiveSmallIntegerField(_("năm gốc"), null=True, blank=True)
    baseline_value = models.DecimalField(_("giá trị gốc"), max_digits=14, decimal_places=2, null=True, blank=True)
    directive = models.ForeignKey(
        "directives.Directive",
        verbose_name=_("văn bản đặt chỉ tiêu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    subject = models.CharField(
        _("đối tượng"), max_length=200, blank=True, help_text=_("Ví dụ: các sở, ban, ngành; UBND cấp huyện.")
    )
    subject_en = models.CharField(_("đối tượng (tiếng Anh)"), max_length=200, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    note_en = models.CharField(
        _("ghi chú (tiếng Anh)"),
        max_length=300,
        blank=True,
        help_text=_("Để trống thì trang tiếng Anh hiện ghi chú tiếng Việt, có đánh dấu."),
    )
    source_file = models.CharField(_("tệp nguồn"), max_length=120, blank=True)
    is_demo = models.BooleanField(_("dữ liệu minh họa"), default=False)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["indicator", "deadline_year", "province"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline_year__gte=MIN_YEAR, deadline_year__lte=MAX_YEAR), name="target_deadline_sane"
            ),
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True) | Q(baseline_year__lt=F("deadline_year")),
                name="target_baseline_before_deadline",
            ),
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True) | Q(baseline_year__isnull=False),
                name="target_baseline_value_needs_year",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="target_value_not_negative"),
            models.UniqueConstraint(
                fields=["indicator", "province", "deadline_year", "subject"], name="target_unique_per_scope"
            ),
            # NULLs never clash in a unique index, so national targets need a rule of their own.
            models.UniqueConstraint(
                fields=["indicator", "deadline_year", "subject"],
                condition=Q(province__isnull=True),
                name="national_target_unique",
            ),
        ]

    def __str__(self):
        """Names the indicator and province when they were fetched with the target, their ids otherwise.

        A list of targets (the admin's, a deletion summary) then never runs a query per row.
        """
        indicator = self.indicator.code if Target.indicator.is_cached(self) else f"#{self.indicator_id}"
        if self.province_id is None:
            scope = _("toàn quốc")
        elif Target.province.is_cached(self):
            scope = self.province.label
        else:
            scope = f"#{self.province_id}"
        return f"{indicator}: {self.value} ({self.deadline_year}, {scope})"

    @property
    def display_note(self):
        """The note in the reader's language (a demo target's "Chỉ tiêu minh họa …" included)."""
        return local_text(self.note, self.note_en)

    @property
    def display_subject(self):
        return local_text(self.subject, self.subject_en)

    def clean(self):
        # The database holds the same rule (target_baseline_value_needs_year); this says it beside the field.
        if self.baseline_value is not None and self.baseline_year is None:
            raise ValidationError({"baseline_year": _("Giá trị gốc cần có năm gốc.")})


class WorkflowStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đã gửi duyệt")
    APPROVED = "approved", _("Đã phê duyệt")
    RETURNED = "returned", _("Bị trả lại")


class ReportedFigure(models.Model):
    """What a measurement and a qualitative task report share: the approval workflow."""

    province = models.ForeignKey("provinces.Province", verbose_name=_("tỉnh, thành phố"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(
        _("trạng thái duyệt"), max_length=10, choices=WorkflowStatus.choices, default=WorkflowStatus.DRAFT
    )
    return_reason = models.TextField(_("lý do trả lại / mở lại"), blank=True)
    is_demo = models.BooleanField(_("dữ liệu minh họa"), default=False)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_locked(self):
        return self.status == WorkflowStatus.APPROVED


class MeasurementQuerySet(models.QuerySet):
    def real(self):
        return self.filter(is_demo=False)

    def published(self):
        """What dashboards show: approved figures (drafts and submissions are still being worked on)."""
        return self.filter(status=WorkflowStatus.APPROVED)

    def years(self):
        """The distinct years that have figures, oldest first."""
        return self.order_by("year").values_list("year", flat=True).distinct()

    def figures(self):
        """The columns dashboards compute with, as plain tuples: one query, no model instances.

        The last, ``updated_at``, is when a published (approved) figure was last changed: its approval.
        """
        return self.order_by().values_list(
            "indicator_id", "province_id", "year", "value", "numerator", "denominator", "is_demo", "updated_at"
        )


class MeasurementManager(models.Manager.from_queryset(MeasurementQuerySet)):
    def new(self, indicator, **fields):
        """An unsaved figure of ``indicator``: the one constructor, so ``capped_at_100`` is never forgotten.

        Every place that creates measurements (entry sheet, import, admin, loaders, demo, tests)
        goes through here or through ``set_indicator``; unsaved so that callers can bulk-create.
        """
        measurement = self.model(**fields)
        measurement.set_indicator(indicator)
        return measurement

    def published_years(self):
        """The distinct years that have an approved figure, oldest first (the dashboards' year filter).

        Every page asks, so it must not read every figure: a loose index scan over the
        (status, year) index, one index seek per year found (27 seeks for 2000–2026, whatever the
        number of figures), where ``SELECT DISTINCT year`` is a pass over all of them on PostgreSQL.
        Written in SQL because the ORM has no recursive query; the same SQL runs on SQLite.
        """
        table = connections[self.db].ops.quote_name(self.model._meta.db_table)
        approved = WorkflowStatus.APPROVED.value
        sql = (
            f"WITH RECURSIVE found(year) AS ("  # noqa: S608 - the table name is the model's own
            f" SELECT MIN(year) FROM {table} WHERE status = %s"
            f" UNION ALL"
            f" SELECT (SELECT MIN(year) FROM {table} WHERE status = %s AND year > found.year)"
            f" FROM found WHERE found.year IS NOT NULL"
            f") SELECT year FROM found WHERE year IS NOT NULL"
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, [approved, approved])
            return [year for (year,) in cursor.fetchall()]


class Measurement(ReportedFigure):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ số"), on_delete=models.PROTECT, related_name="measurements"
    )
    value = models.DecimalField(_("giá trị"), max_digits=14, decimal_places=2)
    numerator = models.DecimalField(_("tử số"), max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(_("mẫu số"), max_digits=14, decimal_places=2, null=True, blank=True)
    # Copied from the indicator so the database itself can hold the 0–100 rule.
    capped_at_100 = models.BooleanField(_("giới hạn 0–100"), default=False, editable=False)
    source = models.CharField(_("nguồn số liệu"), max_length=300, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    year_note = models.CharField(
        _("ghi chú về năm"), max_length=300, blank=True, help_text=_("Cách xác định năm khi văn bản không nêu rõ.")
    )
    source_file = models.CharField(_("tệp nguồn"), max_length=120, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = MeasurementManager()

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        ordering = ["indicator", "province", "year"]
        indexes = [
            # The years of the dashboards' year filter (MeasurementManager.published_years).
            models.Index(fields=["status", "year"], name="measurement_status_year"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "province", "year"], name="measurement_unique_per_year"),
            models.CheckConstraint(condition=Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR), name="measurement_year_sane"),
            models.CheckConstraint(condition=Q(value__gte=0), name="measurement_value_not_negative"),
            models.CheckConstraint(
                condition=Q(capped_at_100=False) | Q(value__lte=100), name="measurement_percentage_within_0_100"
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(numerator__gte=0), name="measurement_numerator_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0), name="measurement_denominator_positive"
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(denominator__isnull=True) | Q(numerator__lte=F("denominator")),
                name="measurement_numerator_not_above_denominator",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True, denominator__isnull=True)
                | Q(numerator__isnull=False, denominator__isnull=False),
                name="measurement_numerator_and_denominator_together",
            ),
        ]

    def __str__(self):
        return f"{self.indicator_id} · {self.province_id} · {self.year}: {self.value}"

    def set_indicator(self, indicator):
        """Make this a figure of ``indicator``, copying whether its values stop at 100 (``capped_at_100``)."""
        self.indicator = indicator
        self.capped_at_100 = indicator.is_capped_at_100


class TaskReport(ReportedFigure):
    """Qualitative yearly progress on a task that no number measures."""

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa triển khai")
        IN_PROGRESS = "in_progress", _("Đang triển khai")
        DONE = "done", _("Đã hoàn thành")

    task = models.ForeignKey(
        "directives.Task", verbose_name=_("nhiệm vụ"), on_delete=models.PROTECT, related_name="reports"
    )
    progress = models.CharField(_("tiến độ"), max_length=12, choices=Progress.choices)
    narrative = models.TextField(_("đánh giá"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("báo cáo nhiệm vụ")
        verbose_name_plural = _("báo cáo nhiệm vụ")
        ordering = ["task", "province", "year"]
        constraints = [
            models.UniqueConstraint(fields=["task", "province", "year"], name="task_report_unique_per_year"),
            models.CheckConstraint(condition=Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR), name="task_report_year_sane"),
        ]

    def __str__(self):
        return f"{self.task_id} · {self.province_id} · {self.year}: {self.get_progress_display()}"


class Comment(models.Model):
    """One message in the short thread an editor and an approver keep about one figure (a unit, an
    indicator, a year), whether or not the figure exists yet. A return's reason starts the thread."""

    province = models.ForeignKey(
        "provinces.Province", verbose_name=_("tỉnh, thành phố"), on_delete=models.CASCADE, related_name="comments"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ số"), on_delete=models.CASCADE, related_name="comments"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người viết"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("nội dung"), max_length=2000)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("trao đổi về số liệu")
        verbose_name_plural = _("trao đổi về số liệu")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["province", "year", "indicator"], name="comment_per_figure")]

    def __str__(self):
        return f"{self.indicator_id} · {self.province_id} · {self.year} · #{self.pk}"


class DataGeneration(models.Model):
    """One row counting the committed changes to the data the pages show (``indicators.generation``).

    The cache keys of rendered pages carry the count, so a change makes them all unreachable at
    once. The row is the count's source of truth; a shared cache (Redis) holds a copy. ``epoch`` is
    renewed by every restore (page keys carry it too); ``pending`` counts the rebuilds queued and not
    yet done (``indicators.rebuilds``), while which the pages say they are being updated.
    """

    value = models.BigIntegerField(default=0)
    epoch = models.CharField(max_length=32, blank=True, default="")
    pending = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("thế hệ dữ liệu")
        verbose_name_plural = _("thế hệ dữ liệu")

    def __str__(self):
        return str(self.value)


def _figure_fields(prefix):
    """The columns of one figure of a stored assessment: what ``board.Figure`` and its Aggregate hold.

    ``reporting`` and ``expected`` (n/m reporting) and ``why`` (no value, and why) are set on a figure
    added up from several units: a region, the nation, a 2025 unit's earlier years.
    """
    decimal = {"max_digits": 24, "decimal_places": 2, "null": True, "blank": True}
    return {
        f"{prefix}_year": models.PositiveSmallIntegerField(null=True, blank=True),
        f"{prefix}_value": models.DecimalField(**decimal),
        f"{prefix}_numerator": models.DecimalField(**decimal),
        f"{prefix}_denominator": models.DecimalField(**decimal),
        f"{prefix}_is_demo": models.BooleanField(default=False),
        f"{prefix}_approved_at": models.DateTimeField(null=True, blank=True),
        f"{prefix}_reporting": models.PositiveSmallIntegerField(null=True, blank=True),
        f"{prefix}_expected": models.PositiveSmallIntegerField(null=True, blank=True),
        f"{prefix}_why": models.CharField(max_length=16, blank=True),
        f"{prefix}_missing": models.PositiveSmallIntegerField(default=0),
    }


# The figures of a stored assessment: the row's latest a status may use, a newer provisional one
# (n/m reporting), the one of the year asked; and the line's own, the one its period's status judged
# (the deadline year's once there is one: progress.compute). Each is stored in the columns FIGURE_FIELDS name.
FIGURES = ("latest", "provisional", "current", "judged")
FIGURE_FIELDS = (
    "year",
    "value",
    "numerator",
    "denominator",
    "is_demo",
    "approved_at",
    "reporting",
    "expected",
    "why",
    "missing",
)  # noqa: E501


class StoredAssessment(models.Model):
    """One indicator in one place, as of one reporting year, against the targets of one plan period.

    What ``indicators.board.make_row`` computes, stored when the data changes (``indicators.assessments``)
    so that pages read it with SQL (``indicators.stored``). Not edited by anyone: rebuilt from the figures.
    A place is a unit of either generation (``province``), or the nation or one region as the 63 or the
    34 units add up (``units``, ``region``); ``place`` is the one key of all three. ``as_of`` is the year
    asked (0: none, what a page shows when nothing it lists was reported); ``period`` the last year of
    the plan period (0: there is no target at all). The figures of the row are repeated on each period's line.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    place = models.CharField(max_length=24)
    province = models.ForeignKey(
        "provinces.Province", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    units = models.CharField(max_length=8, blank=True)
    region = models.CharField(max_length=10, blank=True)
    as_of = models.PositiveSmallIntegerField()
    period = models.PositiveSmallIntegerField()
    # the assessment against the period's target (board.Assessment)
    status = models.CharField(max_length=16)  # progress.status_key: "missed" counted apart
    severity = models.PositiveSmallIntegerField()  # progress.Progress.severity: worst first
    target = models.ForeignKey(
        Target, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    baseline = models.DecimalField(max_digits=24, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(null=True, blank=True)
    distance = models.DecimalField(max_digits=32, decimal_places=12, null=True, blank=True)
    elapsed = models.DecimalField(max_digits=32, decimal_places=12, null=True, blank=True)
    pace = models.DecimalField(max_digits=32, decimal_places=12, null=True, blank=True)
    why = models.CharField(max_length=16, blank=True)
    gap = models.DecimalField(max_digits=24, decimal_places=2, null=True, blank=True)
    is_demo = models.BooleanField(default=False)
    # the row (board.Row)
    row_is_demo = models.BooleanField(default=False)
    # the latest year of the unit's own and merged figures, on the as_of 0 line (what a page opens on)
    last_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["as_of", "period", "place", "indicator"], name="stored_assessment_unique"),
        ]
        indexes = [
            # one place's rows of every year: a chart's series, a refresh
            models.Index(fields=["place", "indicator", "as_of"], name="stored_assessment_place"),
            # the latest year a page opens on (StoredBoard._latest_year): read from this index alone,
            # not from lines scattered over the table (at 6 million lines, 0.9 s of heap reads on PostgreSQL)
            models.Index(
                fields=["period", "place", "indicator", "last_year"],
                condition=Q(as_of=0),
                name="stored_assessment_latest",
            ),
        ]

    def __str__(self):
        return f"{self.indicator_id} · {self.place} · {self.as_of} · {self.period}: {self.status}"


for _prefix in FIGURES:
    for _name, _field in _figure_fields(_prefix).items():
        StoredAssessment.add_to_class(_name, _field)
