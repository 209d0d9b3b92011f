"""Forms of the data-entry page: one small form per indicator row and per task row."""

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import TaskReport
from indicators.validation import check_figure

RESOLVE_CHOICES = [("mine", _("Giữ giá trị của tôi")), ("theirs", _("Lấy giá trị đã lưu của người kia"))]


class NumberInput(forms.TextInput):
    """A text box for numbers typed the Vietnamese way (55.802; 95,4), parsed on the server."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", "class": "num-input", **(attrs or {})})


def disable_all_but_version(form):
    """A row that cannot be edited still posts the version it shows: the approver acts on that one."""
    for name, field in form.fields.items():
        if name != "version":
            field.disabled = True


class ConflictMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    resolve = forms.ChoiceField(choices=RESOLVE_CHOICES, required=False, widget=forms.RadioSelect)


class FigureForm(ConflictMixin):
    # The number fields have no length limit of their own: check_figure says "Số quá lớn" for a number
    # beyond the column (an import cell of 1E+300 is 301 digits) and "không phải là một số" for text.
    value = forms.CharField(label=_("Giá trị"), required=False, widget=NumberInput)
    numerator = forms.CharField(label=_("Tử số"), required=False, widget=NumberInput)
    denominator = forms.CharField(label=_("Mẫu số"), required=False, widget=NumberInput)
    source = forms.CharField(label=_("Nguồn"), required=False, max_length=300)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)
    confirm_jump = forms.BooleanField(label=_("Tôi xác nhận giá trị này đúng"), required=False)

    def __init__(self, *args, indicator, previous=None, editable=True, confirmed_value=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.previous = previous
        # The stored value: saved once, so its jump was confirmed (or was none); asked again only if it changes.
        self.confirmed_value = confirmed_value
        self.checked = None
        self.needs_confirmation = False
        self.conflict = None
        if indicator.is_ratio:
            # The value of a ratio is computed from numerator and denominator, never typed.
            del self.fields["value"]
            self.fields["numerator"].label = indicator.display_numerator_label
            self.fields["denominator"].label = indicator.display_denominator_label
        else:
            del self.fields["numerator"], self.fields["denominator"]
        if not editable:
            disable_all_but_version(self)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.checked = check_figure(
            self.indicator,
            None if self.indicator.is_ratio else data.get("value"),
            data.get("numerator"),
            data.get("denominator"),
            previous=self.previous,
            confirm_jump=data.get("confirm_jump"),
        )
        if self.checked.warnings and self.confirmed_value is not None and self.checked.value == self.confirmed_value:
            self.checked.warnings.clear()
        for name, message in self.checked.errors.items():
            self.add_error(name if name in self.fields else None, message)
        for name, message in self.checked.warnings.items():
            self.add_error(name if name in self.fields else None, message)
            self.needs_confirmation = True
        return data

    @property
    def has_input(self):
        data = self.cleaned_data
        return any(data.get(name) for name in ("value", "numerator", "denominator") if name in self.fields)

    def values(self):
        """The model fields this form sets, once valid."""
        data = self.cleaned_data
        return {
            "value": self.checked.value,
            "numerator": self.checked.numerator,
            "denominator": self.checked.denominator,
            "source": data["source"].strip(),
            "note": data["note"].strip(),
        }


class TaskReportForm(ConflictMixin):
    progress = forms.ChoiceField(label=_("Tiến độ"), choices=[("", "—"), *TaskReport.Progress.choices], required=False)
    narrative = forms.CharField(
        label=_("Đánh giá"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, task, editable=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        self.conflict = None
        if not editable:
            disable_all_but_version(self)

    def clean(self):
        data = super().clean()
        if data.get("narrative") and not data.get("progress"):
            self.add_error("progress", _("Chọn tiến độ trước khi viết đánh giá."))
        return data

    @property
    def has_input(self):
        return bool(self.cleaned_data.get("progress"))

    def values(self):
        return {"progress": self.cleaned_data["progress"], "narrative": self.cleaned_data["narrative"].strip()}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
