from django import forms
from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from indicators import rebuilds
from indicators.admin_changes import PublishingAdmin
from indicators.assessments import Changes

from . import tokens
from .models import MERGER_DATE, ApiToken, Membership, Province, ReportingAgency


class GenerationFilter(admin.SimpleListFilter):
    title = _("thế hệ")
    parameter_name = "generation"

    def lookups(self, request, model_admin):
        return [
            ("legacy", _("63 đơn vị trước %(day)s") % {"day": f"{MERGER_DATE:%d/%m/%Y}"}),
            ("current", _("34 đơn vị từ %(day)s") % {"day": f"{MERGER_DATE:%d/%m/%Y}"}),
        ]

    def queryset(self, request, queryset):
        if self.value() == "legacy":
            return queryset.legacy()
        if self.value() == "current":
            return queryset.current()
        return queryset


REPORTING_AGENCY_FIELDS = [
    "from_year",
    "governing_body",
    "name",
    "abbreviation",
    "place",
    "signer_title",
    "signer_name",
    "recipients",
    "distribution",
]


class ReportingAgencyInline(admin.StackedInline):
    """The agency that sends the unit's periodic report: blank fields take the defaults of ``provinces.agencies``."""

    model = ReportingAgency
    extra = 0
    fields = REPORTING_AGENCY_FIELDS


@admin.register(Province)
class ProvinceAdmin(PublishingAdmin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "region", "valid_from", "valid_to", "successor"]
    list_filter = [GenerationFilter, "kind", "region"]
    list_select_related = ["successor"]
    search_fields = ["name", "code", "slug"]
    autocomplete_fields = ["successor"]
    inlines = [ReportingAgencyInline]

    def reached(self, request, obj, form, formsets, change):
        # Where figures add up changes with a unit's region, successor or dates; a name changes no stored row.
        structural = not change or rebuilds.UNIT_FIELDS & set(form.changed_data)
        return Changes(), self.ALL if structural else None

    def reached_by_delete(self, obj):
        return Changes(), self.ALL


@admin.register(ReportingAgency)
class ReportingAgencyAdmin(PublishingAdmin, admin.ModelAdmin):
    """Every unit's reporting agency in one list; the national report's is the row without a province."""

    list_display = ["province", "from_year", "name", "abbreviation", "place", "signer_name"]
    list_select_related = ["province"]
    search_fields = ["province__name", "name", "signer_name"]
    autocomplete_fields = ["province"]
    fields = ["province", *REPORTING_AGENCY_FIELDS]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "province", "role"]
    list_filter = ["role", ("province", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "province"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "province__name"]
    autocomplete_fields = ["user", "province"]

    def get_queryset(self, request):
        # A role's __str__ (the change page's title) names its user and province only when they were fetched.
        return super().get_queryset(request).select_related("user", "province")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["province"]

    def get_queryset(self, request):
        # Each row's title is the role's __str__, which names the user and province only when they were fetched.
        return super().get_queryset(request).select_related("user", "province")


# Roles are managed where users are: on the user's own admin page.
admin.site.unregister(User)


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    inlines = [*auth_admin.UserAdmin.inlines, MembershipInline]


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "province", "user"]

    def clean(self):
        data = super().clean()
        if data.get("province") and data.get("user"):
            try:
                tokens.check_holder(data["user"], data["province"])
            except forms.ValidationError as error:
                self.add_error("user", error)
        return data


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Issue a token (its text is shown once, on the next page), see when it was last used, revoke it."""

    form = ApiTokenForm
    list_display = ["name", "province", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("province", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["province", "user"]
    search_fields = ["name", "prefix", "province__name", "user__username"]
    autocomplete_fields = ["province", "user"]
    readonly_fields = ["prefix", "created_at", "created_by", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        # An issued token cannot be moved to another unit or user: issue a new one and revoke this one.
        return [*self.readonly_fields, "province", "user"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["name"])
            return
        token, text = tokens.issue(obj.name, obj.province, obj.user, created_by=request.user)
        obj.pk = token.pk
        obj.prefix = token.prefix
        messages.warning(
            request,
            _("Mã truy cập (chỉ hiện lần này, hãy lưu lại ngay): %(token)s") % {"token": text},
        )

    @admin.action(description=_("Thu hồi các mã đã chọn"))
    def revoke(self, request, queryset):
        for token in queryset:
            tokens.revoke(token)
        self.message_user(request, _("Đã thu hồi %(count)s mã.") % {"count": len(queryset)})
