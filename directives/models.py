"""Directives, resolutions and conclusions, and their numbered (and nested) tasks."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from provinces.text import english_mode, local_text

MIN_YEAR = 1990
MAX_YEAR = 2100


class DirectiveQuerySet(models.QuerySet):
    def applicable_to(self, province, year=None):
        """The one answer to "which directives apply here": national ones, the unit's own, and those of
        the units merged into it; with ``year``, only those issued by the end of that year.

        ``province`` None means the nation: national directives only.
        """
        scope = Q(province__isnull=True)
        if province is not None:
            scope |= Q(province=province) | Q(province__successor=province)
        directives = self.filter(scope)
        if year is not None:
            directives = directives.filter(Q(issued_on__isnull=True) | Q(issued_on__year__lte=year))
        return directives


class Directive(models.Model):
    class Kind(models.TextChoices):
        DIRECTIVE = "chi_thi", _("Chỉ thị")
        RESOLUTION = "nghi_quyet", _("Nghị quyết")
        CONCLUSION = "ket_luan", _("Kết luận")
        DECISION = "quyet_dinh", _("Quyết định")
        PLAN = "ke_hoach", _("Kế hoạch")
        NOTICE = "thong_bao", _("Thông báo")

    kind = models.CharField(_("loại văn bản"), max_length=12, choices=Kind.choices)
    number = models.CharField(
        _("số hiệu"), max_length=40, blank=True, help_text=_("Để trống nếu văn bản nguồn không nêu số hiệu.")
    )
    issuer = models.CharField(_("cơ quan ban hành"), max_length=120)
    issuer_en = models.CharField(_("cơ quan ban hành (tiếng Anh)"), max_length=120, blank=True)
    issued_on = models.DateField(
        _("ngày ban hành"), null=True, blank=True, help_text=_("Để trống nếu văn bản nguồn không nêu ngày.")
    )
    title = models.CharField(_("trích yếu"), max_length=400)
    title_en = models.CharField(
        _("trích yếu (tiếng Anh)"),
        max_length=400,
        blank=True,
        help_text=_("Bản dịch của chúng tôi; để trống thì trang tiếng Anh hiện nguyên văn tiếng Việt, có đánh dấu."),
    )
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    province = models.ForeignKey(
        "provinces.Province",
        verbose_name=_("phạm vi (tỉnh)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directives",
        help_text=_("Để trống với văn bản phạm vi toàn quốc."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thực hiện văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    period_start = models.PositiveSmallIntegerField(_("giai đoạn từ năm"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("giai đoạn đến năm"), null=True, blank=True)
    orientation_year = models.PositiveSmallIntegerField(_("định hướng đến năm"), null=True, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    source_file = models.CharField(_("tệp nguồn"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản chỉ đạo")
        verbose_name_plural = _("văn bản chỉ đạo")
        ordering = ["position", "issued_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number"], condition=~Q(number=""), name="directive_number_unique_per_issuer"
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_start__lte=models.F("period_end")),
                name="directive_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True) | Q(period_start__gte=MIN_YEAR, period_start__lte=MAX_YEAR),
                name="directive_period_start_sane",
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True) | Q(period_end__gte=MIN_YEAR, period_end__lte=MAX_YEAR),
                name="directive_period_end_sane",
            ),
        ]

    def __str__(self):
        label = self.number or self.get_kind_display()
        return f"{label} · {self.display_issuer}"

    def get_absolute_url(self):
        return reverse("directive-detail", args=[self.slug])

    @property
    def display_number(self):
        return self.number or _("(không rõ số hiệu)")

    @property
    def display_title(self):
        """The title in the reader's language (``provinces.text.local_text``)."""
        return local_text(self.title, self.title_en)

    @property
    def display_issuer(self):
        return local_text(self.issuer, self.issuer_en)

    @property
    def display_summary(self):
        """Our notes on the document, kept in Vietnamese only: marked as such on English pages."""
        return local_text(self.summary, "")


class Task(models.Model):
    """A numbered item of a directive (``1``, ``2``, ``2.a``), possibly nested."""

    class Section(models.TextChoices):
        TASK = "nhiem_vu", _("Nhiệm vụ")
        RECOMMENDATION = "kien_nghi", _("Kiến nghị")

    directive = models.ForeignKey(Directive, verbose_name=_("văn bản"), on_delete=models.CASCADE, related_name="tasks")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    section = models.CharField(_("phần"), max_length=10, choices=Section.choices, default=Section.TASK)
    number = models.CharField(_("số thứ tự"), max_length=12)
    title = models.CharField(_("tiêu đề"), max_length=200, blank=True)
    title_en = models.CharField(
        _("tiêu đề (tiếng Anh)"),
        max_length=200,
        blank=True,
        help_text=_("Để trống thì trang tiếng Anh hiện tiêu đề (hoặc nội dung) tiếng Việt, có đánh dấu."),
    )
    text = models.TextField(_("nội dung"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        # Positions run through a document's sections in reading order (tasks before recommendations).
        ordering = ["directive", "position"]
        constraints = [
            models.UniqueConstraint(fields=["directive", "section", "number"], name="task_number_unique_per_directive"),
        ]

    def __str__(self):
        return f"{self.number}. {self.heading}"

    @property
    def display_title(self):
        """The task's short title in the reader's language; empty when it has none in either."""
        return local_text(self.title, self.title_en)

    @property
    def display_text(self):
        """The document's own wording: always Vietnamese (a quotation), marked as such on English pages."""
        return local_text(self.text, "")

    @property
    def heading(self):
        """What names the task in a list, a table or a workbook: its title, else the start of its text."""
        if self.title or (self.title_en and english_mode()):
            return self.display_title
        return local_text(Truncator(self.text).chars(80), "")
