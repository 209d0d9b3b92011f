"""What an admin save or delete does to the pages, called where the admin makes the change.

Every admin of the rows the dashboards show (units, directives, tasks, indicators, targets, figures,
task reports, reporting agencies, comments) is a ``PublishingAdmin``: after the row and its inlines
are saved (``save_related``, the last step of the admin's transaction) or deleted, it

- refreshes the stored assessments the change reaches (a figure: its places; a target: its
  indicator at its unit or every place) — ``assessments.refresh``;
- or queues a background rebuild when the change alters a whole indicator or the whole country (a
  unit added, deleted or moved; a plan period appearing or going; an indicator added or its
  aggregation, direction or unit changed; a directive's period) — ``rebuilds.queue``;
- and bumps the data generation — ``generation.bump``.

A change of names only (a unit renamed, a title corrected) just bumps the generation.
"""

from . import assessments, generation, rebuilds


class PublishingAdmin:
    """Mixin for a ModelAdmin: a save or delete publishes what it changed (see the module docstring).

    Subclasses say what a change reaches by overriding ``reached`` (a saved row, with the form) and
    ``reached_by_delete``; either returns ``(changes, rebuild)``: an ``assessments.Changes`` to
    refresh now, and ``rebuild`` (None, ``ALL`` or a list of indicators) to queue.
    """

    ALL = "all"

    def reached(self, request, obj, form, formsets, change):
        return assessments.Changes(), None

    def reached_by_delete(self, obj):
        return assessments.Changes(), None

    def _publish(self, changes, rebuild):
        if rebuild is None and rebuilds.periods_changed():
            rebuild = self.ALL
        if rebuild == self.ALL:
            rebuilds.queue()
        else:
            if rebuild:
                rebuilds.queue(rebuild)
            assessments.refresh(changes)
        generation.bump()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._publish(*self.reached(request, form.instance, form, formsets, change))

    def delete_model(self, request, obj):
        reached = self.reached_by_delete(obj)
        super().delete_model(request, obj)
        self._publish(*reached)

    def delete_queryset(self, request, queryset):
        everything = assessments.Changes()
        rebuild = None
        for obj in queryset:
            changes, more = self.reached_by_delete(obj)
            for indicator_id, provinces in changes.indicators.items():
                for province_id in [None] if provinces is None else provinces:
                    everything.indicator(indicator_id, province_id)
            for indicator_id, firsts in changes.figures.items():
                for province_id, year in firsts.items():
                    everything.figure(indicator_id, province_id, year)
            rebuild = _merge(rebuild, more)
        super().delete_queryset(request, queryset)
        self._publish(everything, rebuild)


def _merge(rebuild, more):
    if PublishingAdmin.ALL in (rebuild, more):
        return PublishingAdmin.ALL
    if not more:
        return rebuild
    return [*(rebuild or []), *more]
