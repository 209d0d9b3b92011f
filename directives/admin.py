from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators import rebuilds
from indicators.admin_changes import PublishingAdmin
from indicators.assessments import Changes
from indicators.models import Target
from provinces.text import vietnamese_slug

from .models import Directive, Task


class TaskInline(admin.TabularInline):
    model = Task
    fk_name = "directive"
    fields = ["section", "number", "title", "title_en", "text", "position", "parent"]
    ordering = ["position", "section", "number"]
    extra = 0
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}}

    def get_formset(self, request, obj=None, **kwargs):
        # Remembered on the request (not on this shared admin object) for formfield_for_foreignkey.
        request._task_inline_directive = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            directive = getattr(request, "_task_inline_directive", None)
            # A task's parent is another task of the same directive; a new directive has none yet.
            tasks = Task.objects.filter(directive=directive) if directive and directive.pk else Task.objects.none()
            kwargs["queryset"] = tasks.order_by("position")
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            # Evaluated once for the whole formset rather than once per inline row.
            field.choices = list(field.choices)
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class DirectiveAdminForm(forms.ModelForm):
    """The slug may be left empty: it is then made from the number and title, the Vietnamese way
    (``provinces.text.vietnamese_slug``: "05-ct-tu-day-manh-chuyen-doi-so-tinh-phu-tho")."""

    class Meta:
        model = Directive
        fields = ["slug"]  # the admin adds the fields of its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Để trống để tạo từ số hiệu và tên văn bản (bỏ dấu, đ → d).")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and "slug" not in self.errors:
            slug = vietnamese_slug(f"{cleaned.get('number', '')} {cleaned.get('title', '')}")
            if not slug:
                self.add_error("slug", _("Hãy nhập đường dẫn: số hiệu và tên văn bản không tạo được."))
            elif Directive.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
                self.add_error("slug", _("Đường dẫn “%(slug)s” đã có văn bản khác dùng.") % {"slug": slug})
            else:
                cleaned["slug"] = slug
                self.instance.slug = slug
        return cleaned


@admin.register(Directive)
class DirectiveAdmin(PublishingAdmin, admin.ModelAdmin):
    form = DirectiveAdminForm
    list_display = ["kind", "number", "local_title", "local_issuer", "issued_on", "province"]
    list_display_links = ["kind", "number"]
    list_filter = ["kind", "issuer", ("province", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["province"]
    search_fields = ["number", "title", "title_en", "issuer", "issuer_en"]
    autocomplete_fields = ["parent", "province"]
    inlines = [TaskInline]
    fieldsets = [
        (None, {"fields": ["kind", "number", "issuer", "issuer_en", "issued_on", "title", "title_en", "slug"]}),
        (_("Phạm vi và quan hệ"), {"fields": ["province", "parent"]}),
        (_("Giai đoạn"), {"fields": ["period_start", "period_end", "orientation_year"]}),
        (_("Nội dung và nguồn"), {"fields": ["summary", "source_file", "position"]}),
    ]

    def reached(self, request, obj, form, formsets, change):
        # A directive's period can start the plan its targets are judged in: their indicators, rebuilt.
        if change and rebuilds.DIRECTIVE_FIELDS & set(form.changed_data):
            indicators = set(Target.objects.filter(directive=obj).values_list("indicator_id", flat=True))
            return Changes(), sorted(indicators) or None
        return Changes(), None

    @admin.display(description=_("trích yếu"), ordering="title")
    def local_title(self, obj):
        return obj.display_title

    @admin.display(description=_("cơ quan ban hành"), ordering="issuer")
    def local_issuer(self, obj):
        return obj.display_issuer


@admin.register(Task)
class TaskAdmin(PublishingAdmin, admin.ModelAdmin):
    list_display = ["number", "local_title", "directive", "section", "position"]
    list_display_links = ["number", "local_title"]
    list_filter = ["directive", "section"]
    list_select_related = ["directive"]
    search_fields = ["text", "title", "title_en", "number"]
    autocomplete_fields = ["directive", "parent"]
    ordering = ["directive__position", "directive", "position"]

    @admin.display(description=_("tiêu đề"), ordering="title")
    def local_title(self, obj):
        return obj.heading
