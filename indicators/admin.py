from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from directives.models import Task

from . import rebuilds
from .admin_changes import PublishingAdmin
from .assessments import Changes, published_key
from .models import Comment, Indicator, Measurement, Target, TaskReport
from .source_documents import SOURCE_TITLES, source_of
from .validation import check_figure


@admin.display(description=_("văn bản nguồn"), ordering="source_file")
def source_document(obj):
    """The source document by its title, with the file name beneath."""
    if not obj.source_file:
        return "—"
    if obj.source_file not in SOURCE_TITLES:
        return obj.source_file
    return format_html('{}<br><span class="quiet">{}</span>', source_of(obj.source_file).title, obj.source_file)


class TargetInline(admin.TabularInline):
    model = Target
    fields = [
        "province",
        "deadline_year",
        "value",
        "strict",
        "subject",
        "subject_en",
        "baseline_year",
        "baseline_value",
        "directive",
        "note",
        "note_en",
        "source_file",
        "is_demo",
    ]
    autocomplete_fields = ["province", "directive"]
    extra = 0

    def get_queryset(self, request):
        # Each row's title is the target's __str__, which names the province only when it was fetched.
        return super().get_queryset(request).select_related("indicator", "province")


class IndicatorAdminForm(forms.ModelForm):
    """Explains beside "allows over 100%" why an indicator cannot be capped at 100 while figures above 100 exist.

    The database would refuse the cap (measurement_percentage_within_0_100) when save_model copies it
    onto the figures; this says so before anything is saved.
    """

    class Meta:
        model = Indicator
        fields = ["unit", "allows_over_100"]  # the admin adds the fields of its fieldsets

    def clean(self):
        cleaned = super().clean()
        indicator = self.instance
        if indicator.pk is None or not {"unit", "allows_over_100"} & set(self.changed_data):
            return cleaned
        capped = cleaned.get("unit") == Indicator.Unit.PERCENT and not cleaned.get("allows_over_100")
        above = indicator.measurements.filter(value__gt=100).count() if capped else 0
        if above:
            message = ngettext(
                "%(count)s số liệu của chỉ số này lớn hơn 100: sửa chúng trước, hoặc chọn “cho phép vượt 100%%”.",
                "%(count)s số liệu của chỉ số này lớn hơn 100: sửa chúng trước, hoặc chọn “cho phép vượt 100%%”.",
                above,
            )
            self.add_error("allows_over_100", message % {"count": above})
        return cleaned


@admin.register(Indicator)
class IndicatorAdmin(PublishingAdmin, admin.ModelAdmin):
    form = IndicatorAdminForm
    list_display = ["code", "local_name", "unit", "aggregation", "category", source_document]
    list_display_links = ["code", "local_name"]
    readonly_fields = [source_document]
    list_filter = ["unit", "category", "aggregation", "national_only"]
    search_fields = ["code", "name_vi", "name_en", "description"]
    filter_horizontal = ["tasks"]
    inlines = [TargetInline]
    fieldsets = [
        (None, {"fields": ["code", "name_vi", "name_en", "category", "position", "national_only"]}),
        (
            _("Đơn vị và cách tính"),
            {
                "fields": [
                    "unit",
                    "unit_label",
                    "unit_label_en",
                    "direction",
                    "allows_over_100",
                    "numerator_label",
                    "numerator_label_en",
                    "denominator_label",
                    "denominator_label_en",
                    "aggregation",
                ]
            },
        ),
        (_("Định nghĩa và nguồn"), {"fields": ["description", "description_en", "source_file", source_document]}),
        (_("Nhiệm vụ được đo"), {"fields": ["tasks"]}),
    ]

    @admin.display(description=_("tên"), ordering="name_vi")
    def local_name(self, obj):
        return obj.name

    def view_on_site(self, obj):
        """The admin's "Xem trên trang" button opens the indicator's dashboard."""
        return reverse("indicator-detail", args=[obj.code])

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "tasks":
            kwargs["queryset"] = Task.objects.select_related("directive").order_by(
                "directive__position", "directive__pk", "position"
            )
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "tasks":
            # Task numbers repeat across directives: name the directive in each choice.
            field.label_from_instance = lambda task: f"{task.directive} – {task}"
        return field

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            # The unit or allows_over_100 may have changed: the figures' copy of the 0–100 rule follows.
            obj.apply_cap_to_measurements()

    def reached(self, request, obj, form, formsets, change):
        changes = Changes()
        if change and rebuilds.INDICATOR_FIELDS & set(form.changed_data):
            return changes, [obj]  # every stored row of the indicator changes: in the background
        if not change or any(formset.has_changed() for formset in formsets if formset.model is Target):
            changes.indicator(obj.pk)  # a new indicator (no figures yet) or its targets: its rows, now
        return changes, None


@admin.register(Target)
class TargetAdmin(PublishingAdmin, admin.ModelAdmin):
    list_display = [
        "indicator",
        "province",
        "deadline_year",
        "value",
        "strict",
        "local_subject",
        "directive",
        "local_note",
        "is_demo",
        source_document,
    ]
    list_filter = ["deadline_year", "is_demo", ("province", admin.RelatedOnlyFieldListFilter), "indicator"]
    list_select_related = ["indicator", "province", "directive"]
    search_fields = ["indicator__code", "indicator__name_vi", "indicator__name_en", "province__name", "subject", "note"]
    autocomplete_fields = ["indicator", "province", "directive"]

    @admin.display(description=_("đối tượng"), ordering="subject")
    def local_subject(self, obj):
        return obj.display_subject

    @admin.display(description=_("ghi chú"), ordering="note")
    def local_note(self, obj):
        return obj.display_note

    def get_queryset(self, request):
        # The change page's title is the target's __str__, which names them only when they were fetched.
        return super().get_queryset(request).select_related("indicator", "province")

    def reached(self, request, obj, form, formsets, change):
        changes = Changes()
        changes.indicator(obj.indicator_id, obj.province_id)
        if change and {"indicator", "province"} & set(form.changed_data):
            changes.indicator(form.initial.get("indicator"), form.initial.get("province"))
        return changes, None

    def reached_by_delete(self, obj):
        changes = Changes()
        changes.indicator(obj.indicator_id, obj.province_id)
        return changes, None


class VersionCheckedForm(forms.ModelForm):
    """Refuses to save over a figure someone changed after this change form was opened.

    The form carries the version it was built from; at save, the stored row is locked (the admin saves
    inside a transaction) and must still be at that version, or the form is shown again with the error.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version if self.instance.pk else 0

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        stored = (
            type(self.instance)
            ._default_manager.select_for_update(of=("self",))
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if cleaned.get("seen_version") != stored:
            raise forms.ValidationError(
                _(
                    "Số liệu đã được người khác thay đổi từ lúc bạn mở trang này nên chưa được lưu. "
                    "Hãy mở lại trang để xem giá trị mới rồi sửa lại."
                ),
                code="conflict",
            )
        return cleaned


class MeasurementAdminForm(VersionCheckedForm):
    """Keeps the database's 0–100 and numerator ≤ denominator rules friendly.

    ``capped_at_100`` is copied from the indicator here (``Measurement.set_indicator``), and a breach
    of either rule is shown as a message next to the value instead of failing at the database.
    """

    class Meta:
        model = Measurement
        fields = [
            "indicator",
            "province",
            "year",
            "value",
            "numerator",
            "denominator",
            "status",
            "return_reason",
            "is_demo",
            "source",
            "source_file",
            "note",
            "year_note",
        ]

    def clean(self):
        cleaned = super().clean()
        indicator = cleaned.get("indicator")
        if indicator is None:
            return cleaned
        self.instance.set_indicator(indicator)
        value, numerator, denominator = (cleaned.get(name) for name in ("value", "numerator", "denominator"))
        if "value" in self.errors or "numerator" in self.errors or "denominator" in self.errors:
            return cleaned

        # The same rules as the entry sheet and the import; here the value is typed beside its
        # numerator and denominator, so it must also agree with them.
        checked = check_figure(indicator, value, numerator, denominator, value_typed=True)
        errors = checked.errors
        for name, message in errors.items():
            self.add_error(name, message)
        return cleaned

    def _get_validation_exclusions(self):
        # The rules clean() has already explained field by field are not repeated by the model's
        # constraint check as a generic "constraint violated" message.
        exclude = super()._get_validation_exclusions()
        if self.errors:
            exclude.update({"value", "numerator", "denominator"})
        return exclude


class ReportedFigureAdmin(PublishingAdmin, SimpleHistoryAdmin):
    readonly_fields = ["version", "updated_at", "updated_by"]
    list_select_related = ["province", "updated_by"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1  # optimistic locking: a form opened before this edit must not overwrite it
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A revert to a past version saves through save_model alone (no save_related): it is published here."""
        before = self.model.objects.filter(pk=object_id).first() if request.method == "POST" else None
        response = super().history_form_view(request, object_id, version_id, extra_context)
        after = self.model.objects.filter(pk=object_id).first() if before is not None else None
        if after is not None and after.version != before.version:
            changes = Changes()
            if isinstance(after, Measurement):
                changes.published(after, published_key(before))
            self._publish(changes, None)
        return response


@admin.register(Measurement)
class MeasurementAdmin(ReportedFigureAdmin):
    form = MeasurementAdminForm
    list_display = ["indicator", "province", "year", "value", "status", "is_demo", "updated_by", source_document]
    readonly_fields = [*ReportedFigureAdmin.readonly_fields, source_document]
    list_filter = ["status", "is_demo", "year", "indicator"]
    list_select_related = ["indicator", "province", "updated_by"]
    search_fields = ["province__name"]
    autocomplete_fields = ["indicator", "province"]

    def save_model(self, request, obj, form, change):
        # What the dashboards showed of it before this edit (the stored row, not the form's instance).
        before = Measurement.objects.filter(pk=obj.pk).first() if change else None
        form.published_before = published_key(before) if before else None
        super().save_model(request, obj, form, change)

    def reached(self, request, obj, form, formsets, change):
        changes = Changes()
        changes.published(obj, getattr(form, "published_before", None))
        return changes, None

    def reached_by_delete(self, obj):
        changes = Changes()
        was = published_key(obj)
        if was is not None:
            changes.figure(*was)
        return changes, None


@admin.register(TaskReport)
class TaskReportAdmin(ReportedFigureAdmin):
    form = VersionCheckedForm
    list_display = ["task", "province", "year", "progress", "status", "is_demo", "updated_by"]
    list_filter = ["status", "progress", "is_demo", "year"]
    list_select_related = ["task", "province", "updated_by"]
    search_fields = ["province__name", "task__title", "task__text", "task__directive__number"]
    autocomplete_fields = ["task", "province"]


@admin.register(Comment)
class CommentAdmin(PublishingAdmin, admin.ModelAdmin):
    list_display = ["created_at", "province", "indicator", "year", "author", "text"]
    list_filter = ["year", ("province", admin.RelatedOnlyFieldListFilter), "indicator"]
    list_select_related = ["province", "indicator", "author"]
    search_fields = ["text", "author__username", "province__name"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at"]
    autocomplete_fields = ["province", "indicator", "author"]
