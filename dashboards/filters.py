"""The dashboards' filters, kept in the query string so that a link reproduces the view.

One FilterSet over indicators: category and directive narrow the indicators themselves;
the other fields choose the year asked, the units shown and the target, and are applied by
``indicators.dashboard`` once the figures are loaded (status can only be filtered after the
statuses are computed). Each page keeps the fields it uses (``fields=``).
"""

from dataclasses import dataclass, field

import django_filters
from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField, ModelChoiceIterator, ModelMultipleChoiceField

from directives.models import Directive
from indicators.models import Indicator, Measurement
from indicators.progress import FILTER_CHOICES
from indicators.targets import as_period, plan_periods
from provinces.generations import Units, generation_groups, units_reporting
from provinces.models import Province

STATUS_CHOICES = FILTER_CHOICES
# Formatted when shown, not at import: "_() % ..." here would freeze the label in Vietnamese.
_period_label = lazy(lambda period: gettext("Chỉ tiêu giai đoạn %(period)s") % {"period": period}, str)


def period_choices(periods):
    """ "So với": every plan period some target falls due in, named by its last year in the URL."""
    return [(str(period.key), _period_label(period)) for period in periods]


def default_units(year, published):
    """The units a page shows when the URL names none: those that report the year asked, else the latest year.

    So a page opens on today's 34 units for 2025 and later, and on the 63 old ones for a year before the merger
    (``provinces.generations.units_reporting``); either stays one choice away in the form.
    """
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = max(published, default=None)
    return units_reporting(year)


class GenerationIterator(ModelChoiceIterator):
    """A unit picker's options in one group per generation (``provinces.generations.generation_groups``)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for heading, units in generation_groups(self.queryset):
            yield (heading, [self.choice(unit) for unit in units])


class UnitChoiceField(ModelChoiceField):
    iterator = GenerationIterator


class UnitsChoiceField(ModelMultipleChoiceField):
    iterator = GenerationIterator


class UnitFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class UnitsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = UnitsChoiceField


@dataclass(frozen=True)
class Params:
    """The validated filter values a view hands to ``indicators.dashboard``."""

    year: int | None = None
    units: str = Units.LEGACY
    window: object = None  # the targets.Period asked for, None: the default period
    periods: list = field(default_factory=list)  # every plan period with a target
    province: Province | None = None
    region: str = ""
    category: str = ""
    directive: Directive | None = None
    status: str = ""
    compare: list = field(default_factory=list)

    @property
    def current_units(self):
        return self.units == Units.CURRENT


class DashboardFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Năm"), choices=[], empty_label=_("Năm mới nhất"), method="applied_later"
    )
    units = django_filters.ChoiceFilter(
        label=_("Đơn vị hành chính"), choices=Units.choices, empty_label=None, method="applied_later"
    )
    target = django_filters.ChoiceFilter(
        label=_("So với"), choices=[], empty_label=_("Giai đoạn hiện hành"), method="applied_later"
    )
    province = UnitFilter(
        label=_("Tỉnh, thành phố"),
        queryset=Province.objects.order_by("slug"),
        to_field_name="slug",
        empty_label=_("Tất cả"),
        method="applied_later",
    )
    region = django_filters.ChoiceFilter(
        label=_("Vùng"), choices=Province.Region.choices, empty_label=_("Cả nước"), method="applied_later"
    )
    category = django_filters.ChoiceFilter(
        label=_("Nhóm chỉ số"), field_name="category", choices=Indicator.Category.choices, empty_label=_("Tất cả")
    )
    directive = django_filters.ModelChoiceFilter(
        label=_("Văn bản"),
        queryset=Directive.objects.all(),
        to_field_name="slug",
        field_name="tasks__directive",
        distinct=True,
        empty_label=_("Tất cả"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=STATUS_CHOICES, empty_label=_("Tất cả"), method="applied_later"
    )
    compare = UnitsFilter(
        label=_("So sánh các tỉnh"),
        queryset=Province.objects.order_by("slug"),
        to_field_name="slug",
        method="applied_later",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choice-list"}),  # a tap per province, no Ctrl-click
    )

    class Meta:
        model = Indicator
        fields = []  # every filter is declared above

    def __init__(self, data=None, *args, fields=None, defaults=None, **kwargs):
        """``defaults`` fill in parameters absent from ``data`` (an explicit empty value stays empty); a
        callable one is given the units the page shows (the user's home unit is the one of that generation)."""
        wanted = fields is None or {"year", "units"} & set(fields)
        published = Measurement.objects.published_years() if wanted else []  # one read for both fields
        if data is not None:
            data = data.copy()
            units = data.get("units") or default_units(data.get("year"), published)
            if (fields is None or "units" in fields) and "units" not in data:
                data["units"] = units
            for name, value in (defaults or {}).items():
                value = value(units) if callable(value) else value
                if name not in data and value:
                    data.setlist(name, value if isinstance(value, list) else [value])
        super().__init__(data, *args, **kwargs)
        if "year" in self.filters:
            self.filters["year"].extra["choices"] = [(year, str(year)) for year in published]
        if fields is not None:
            for name in list(self.filters):
                if name not in fields:
                    del self.filters[name]
        self.periods = plan_periods()
        if "target" in self.filters:
            self.filters["target"].extra["choices"] = period_choices(self.periods)

    def applied_later(self, queryset, name, value):
        """Places, years and statuses are chosen after loading, in indicators.dashboard."""
        return queryset

    @property
    def params(self):
        """The valid values (call ``is_valid()`` first: invalid ones are left at their defaults)."""
        data = getattr(self.form, "cleaned_data", {})
        return Params(
            year=int(data["year"]) if data.get("year") else None,
            units=data.get("units") or Units.LEGACY,
            window=as_period(data["target"]) if data.get("target") else None,
            periods=self.periods,
            province=data.get("province"),
            region=data.get("region") or "",
            category=data.get("category") or "",
            directive=data.get("directive"),
            status=data.get("status") or "",
            compare=list(data.get("compare") or []),
        )

    @property
    def error_messages(self):
        """Each invalid filter as "label: message", to say what was ignored."""
        if not self.is_bound:
            return []
        result = []
        for name, errors in self.form.errors.items():
            label = self.form.fields[name].label if name in self.form.fields else name
            result.extend(f"{label}: {error}" for error in errors)
        return result
