from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from indicators import rebuilds
from indicators.admin_changes import PublishingAdmin
from indicators.assessments import Changes

from .models import MERGER_DATE, Membership, Province, ReportingAgency


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
