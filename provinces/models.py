"""Provincial-level administrative units and the people who work for them.

Two generations of units coexist: the 63 in force until 30 June 2025 and the 34
in force from 1 July 2025. Codes repeat across generations (25 is Phú Thọ in
both; 15 was Yên Bái and is now Lào Cai), so a code is unique per generation,
that is per ``valid_from``.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

MERGER_DATE = datetime.date(2025, 7, 1)


class ProvinceQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))

    def legacy(self):
        """The 63 units that reported until the 2025 merger."""
        return self.filter(valid_from__lt=MERGER_DATE)

    def current(self):
        return self.filter(valid_to__isnull=True)


class Province(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "tinh", _("Tỉnh")
        CITY = "thanh_pho", _("Thành phố trực thuộc Trung ương")

    class Region(models.TextChoices):
        RED_RIVER_DELTA = "dbsh", _("Đồng bằng sông Hồng")
        NORTHERN_MIDLANDS = "tdmnpb", _("Trung du và miền núi phía Bắc")
        CENTRAL_COAST = "btb_dhmt", _("Bắc Trung Bộ và duyên hải miền Trung")
        CENTRAL_HIGHLANDS = "tn", _("Tây Nguyên")
        SOUTHEAST = "dnb", _("Đông Nam Bộ")
        MEKONG_DELTA = "dbscl", _("Đồng bằng sông Cửu Long")

    code = models.CharField(_("mã GSO"), max_length=2)
    name = models.CharField(_("tên"), max_length=100)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    region = models.CharField(_("vùng"), max_length=10, choices=Region.choices)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")
        ordering = ["-valid_from", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="province_code_unique_per_generation"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="province_valid_to_after_valid_from",
            ),
        ]

    def __str__(self):
        return self.full_label

    @property
    def short_name(self):
        for prefix in ("Thành phố ", "Tỉnh "):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name

    @property
    def label(self):
        """The name a page shows ("Phú Thọ", "Phú Thọ (trước 1/7/2025)"): see ``with_generation``."""
        return with_generation(self.short_name, self.valid_to)

    @property
    def full_label(self):
        """The full name with its generation ("Tỉnh Phú Thọ (trước 1/7/2025)"): pickers, headings, reports."""
        return with_generation(self.name, self.valid_to)

    @property
    def is_current(self):
        return self.valid_to is None

    def reports_year(self, year):
        end = datetime.date(year, 12, 31)
        return self.valid_from <= end and (self.valid_to is None or self.valid_to >= end)


def with_generation(name, valid_to):
    """The one rule for naming a unit where it can stand beside one of another generation.

    A unit that has ceased (the 63 before the 1 July 2025 merger) always carries the day its
    successor took over, so "Phú Thọ (trước 1/7/2025)" and the current "Phú Thọ" never read alike:
    in pickers, tables, chart series, maps, exports and reports (all read ``Province.label`` or
    ``full_label``, which answer through here, in the language of the page).
    """
    if valid_to is None:
        return name
    return gettext("%(name)s (trước %(day)s)") % {"name": name, "day": day_text(valid_to + datetime.timedelta(days=1))}


def day_text(day):
    """A generation's first day as labels write it: 1/7/2025, in English 1 Jul 2025."""
    return date_format(day, pgettext("generation label", "j/n/Y"))


class Membership(models.Model):
    """A user's role in one province. A user may hold roles in several provinces."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("Chuyên viên nhập liệu")
        APPROVER = "approver", _("Lãnh đạo phê duyệt")
        VIEWER = "viewer", _("Người xem")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="memberships"
    )
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh, thành phố"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = _("phân quyền theo tỉnh")
        verbose_name_plural = _("phân quyền theo tỉnh")
        ordering = ["province__code", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "province", "role"], name="membership_unique_role"),
        ]

    def __str__(self):
        """Names the user and province when they were fetched with the role, their ids otherwise.

        A list of roles (the user's admin page, a deletion summary) then never runs a query per row.
        """
        user = self.user if Membership.user.is_cached(self) else f"#{self.user_id}"
        province = self.province if Membership.province.is_cached(self) else f"#{self.province_id}"
        return f"{user} · {self.get_role_display()} · {province}"


class Preference(models.Model):
    """What a user asks of the system: whether to receive e-mails, and in which language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="preference"
    )
    receive_emails = models.BooleanField(
        _("nhận thông báo qua e-mail"),
        default=True,
        help_text=_("Khi số liệu được gửi duyệt, trả lại hoặc phê duyệt, và khi sắp đến hạn báo cáo."),
    )
    language = models.CharField(
        _("ngôn ngữ của e-mail"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("tùy chọn thông báo")
        verbose_name_plural = _("tùy chọn thông báo")

    def __str__(self):
        return f"#{self.user_id}"

    @classmethod
    def of(cls, user):
        """The user's preference, the defaults (not saved) when they never set one."""
        try:
            return user.preference
        except cls.DoesNotExist:
            return cls(user=user)


class ReportingAgency(models.Model):
    """Who sends a unit's periodic report (or, with no province, the national one), from a report year on.

    Every field left blank takes the default of ``provinces.agencies`` (the department or the
    ministry in charge that year), so an administrator sets only what differs.
    """

    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reporting_agencies",
        help_text=_("Để trống với báo cáo toàn quốc."),
    )
    from_year = models.PositiveSmallIntegerField(
        _("áp dụng cho báo cáo từ năm"), help_text=_("Báo cáo các năm từ năm này trở đi dùng các thông tin dưới đây.")
    )
    governing_body = models.CharField(
        _("cơ quan chủ quản"), max_length=200, blank=True, help_text=_("Ví dụ: UBND TỈNH PHÚ THỌ. Để trống: mặc định.")
    )
    name = models.CharField(
        _("cơ quan báo cáo"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Sở Khoa học và Công nghệ. Để trống: mặc định theo năm báo cáo."),
    )
    abbreviation = models.CharField(
        _("chữ viết tắt"), max_length=30, blank=True, help_text=_("Dùng trong số, ký hiệu: Số: …/BC-SKHCN.")
    )
    place = models.CharField(
        _("địa danh"), max_length=100, blank=True, help_text=_("Dùng trong dòng “<địa danh>, ngày … tháng … năm …”.")
    )
    signer_title = models.CharField(
        _("chức vụ người ký"),
        max_length=200,
        blank=True,
        help_text=_("Mỗi dòng một dòng của khối chữ ký, ví dụ: KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC."),
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=100, blank=True)
    recipients = models.TextField(_("kính gửi"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    distribution = models.TextField(
        _("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận, ví dụ: - Như trên; - Lưu: VT.")
    )

    class Meta:
        verbose_name = _("cơ quan báo cáo")
        verbose_name_plural = _("cơ quan báo cáo")
        ordering = ["province__code", "-from_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "from_year"],
                condition=Q(province__isnull=False),
                name="reporting_agency_unique_per_unit_year",
            ),
            models.UniqueConstraint(
                fields=["from_year"], condition=Q(province__isnull=True), name="reporting_agency_unique_national_year"
            ),
        ]

    def __str__(self):
        return f"{self.name or _('(mặc định)')} · {self.from_year}"


class LoadedSource(models.Model):
    """What a loader (``load_units``, ``load_documents``, ``load_demo``) last loaded into this database.

    Not shown anywhere: ``provinces/loaded.py`` compares its fingerprint with the loader's sources so
    that a loader with nothing new to load changes nothing.
    """

    name = models.CharField(max_length=50, unique=True)
    fingerprint = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.name} {self.fingerprint[:12]}"


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A provincial system's key to the write API: bound to one unit and to the editor role of one user.

    Only a hash of the secret is stored (``provinces.tokens``): the administrator sees the secret once,
    when the token is issued. A revoked token stays, so the history keeps naming it.
    """

    name = models.CharField(_("tên"), max_length=100, help_text=_("Ví dụ: Hệ thống báo cáo của Sở KH&CN."))
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh, thành phố"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text=_("Người nhập liệu của tỉnh mà mã này thay mặt; lịch sử số liệu ghi tên người này."),
    )
    prefix = models.CharField(_("tiền tố"), max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["province__code", "name"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self):
        return self.revoked_at is None


class ApiSubmission(models.Model):
    """A batch received through the write API under a client's idempotency key, and the answer it got.

    Saved in the transaction of the batch itself: a retried request with the same key gets the same
    answer and changes nothing; a failed batch leaves no row, so it may be sent again.
    """

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="submissions")
    key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64)  # sha256 of the unit, the year and the body
    status_code = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="api_submission_unique_key")]

    def __str__(self):
        return f"{self.token_id}:{self.key}"
