"""Load the directives, tasks, indicators, targets and figures of the five source documents.

The facts live in ``indicators/source_documents.py``. Every row is found by its natural key;
missing rows are created. A row that exists but differs from the documents (someone corrected
it in the admin, or reopened a figure) is left as it is and reported, unless ``--update`` asks
for the documents to win. Running the command again changes nothing, not even the audit history.
"""

from collections import Counter, defaultdict

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directives.models import Directive, Task
from indicators import assessments, generation
from indicators import source_documents as docs
from indicators.models import Indicator, Measurement, Target
from provinces import loaded
from provinces.models import Province

CREATED, UPDATED, UNCHANGED, KEPT = "created", "updated", "unchanged", "kept"


def sync(model, key, values, before_save=None, update=True, new=None):
    """Get the ``model`` row matching ``key`` or create it; save it only if ``values`` differ.

    Values use attribute names (``province_id``, not ``province``), so comparing does not fetch
    related rows. ``new(**key, **values)`` builds a missing row (the model's constructor unless
    given). ``before_save(obj, outcome)`` may touch the row just before it is saved. With
    ``update`` off, a differing row is not touched, except that English texts it lacks (``*_en``
    fields left blank, as after the migration that added them) are filled in. Returns the row and
    one of CREATED, UPDATED, UNCHANGED, KEPT.
    """
    obj = model._default_manager.filter(**key).first()
    if obj is None:
        obj, outcome = (new or model)(**key, **values), CREATED
    else:
        changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
        if not changed:
            return obj, UNCHANGED
        if not update:
            # An English text the row lacks is filled in even so: adding a translation overwrites no one's edit.
            blank_english = {n: v for n, v in changed.items() if n.endswith("_en") and not getattr(obj, n)}
            if not blank_english:
                return obj, KEPT
            kept = len(blank_english) < len(changed)
            for name, value in blank_english.items():
                setattr(obj, name, value)
            obj.full_clean()
            if before_save:
                before_save(obj, UPDATED)
            obj.save()
            return obj, KEPT if kept else UPDATED
        for name, value in changed.items():
            setattr(obj, name, value)
        outcome = UPDATED
    obj.full_clean()
    if before_save:
        before_save(obj, outcome)
    obj.save()
    return obj, outcome


def _figure_from_document(figure, outcome):
    """A measurement written by this command: say so in its history, and bump its version on change."""
    if outcome == UPDATED:
        figure.version += 1
    figure._change_reason = f"load_documents: {figure.source_file}"


def documents_fingerprint():
    """What this command loads from: the documents' facts and its own code (``provinces/loaded.py``)."""
    return loaded.fingerprint(docs.__file__, __file__, parts=[loaded.stored("units")])


class Command(BaseCommand):
    help = "Create or update the directives, tasks, indicators, targets and figures of the five source documents."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="overwrite rows that differ from the documents (by default they are kept and reported)",
        )
        parser.add_argument("--reload", action="store_true", help="load even when nothing changed since the last load")

    def handle(self, *args, reload=False, **options):
        digest = documents_fingerprint()
        # --update always runs: it is asked for to overwrite what was edited since the last load.
        if loaded.unchanged(self, "documents", digest, reload or options["update"]):
            return
        # The stored assessments and the data generation follow once, at the end.
        with transaction.atomic():
            self.load(*args, **options)
            assessments.rebuild()
            generation.bump()
            loaded.mark("documents", digest)

    def load(self, *args, update=False, **options):
        self.update = update
        self.counts = defaultdict(Counter)
        provinces = self._provinces()

        directives = {}
        for record in docs.DIRECTIVES:  # parents come before their children in the list
            directives[record.slug] = self._sync(
                Directive,
                {"slug": record.slug},
                {
                    "kind": record.kind,
                    "number": record.number,
                    "issuer": record.issuer,
                    "issuer_en": record.issuer_en,
                    "issued_on": record.issued_on,
                    "title": record.title,
                    "title_en": record.title_en,
                    "summary": record.summary,
                    "source_file": record.source_file,
                    "position": record.position,
                    "province_id": provinces[record.province].pk if record.province else None,
                    "parent_id": directives[record.parent].pk if record.parent else None,
                    "period_start": record.period_start,
                    "period_end": record.period_end,
                    "orientation_year": record.orientation_year,
                },
            )

        tasks = {}
        for record in docs.TASKS:  # parent tasks come before their sub-items in the list
            directive = directives[record.directive]
            parent = tasks[(record.directive, record.section, record.parent)] if record.parent else None
            tasks[(record.directive, record.section, record.number)] = self._sync(
                Task,
                {"directive_id": directive.pk, "section": record.section, "number": record.number},
                {
                    "title": record.title,
                    "title_en": record.title_en,
                    "text": record.text,
                    "position": record.position,
                    "parent_id": parent.pk if parent else None,
                },
            )

        indicators = {}
        for record in docs.INDICATORS:
            indicators[record.code] = self._sync(
                Indicator,
                {"code": record.code},
                {
                    "name_vi": record.name_vi,
                    "name_en": record.name_en,
                    "unit": record.unit,
                    "unit_label": record.unit_label,
                    "unit_label_en": record.unit_label_en,
                    "direction": record.direction,
                    "numerator_label": record.numerator_label,
                    "denominator_label": record.denominator_label,
                    "numerator_label_en": record.numerator_label_en,
                    "denominator_label_en": record.denominator_label_en,
                    "aggregation": record.aggregation,
                    "category": record.category,
                    "description": record.description,
                    "description_en": record.description_en,
                    "source_file": record.source_file,
                    "position": record.position,
                    "national_only": record.national_only,
                },
            )
        self._link_tasks(indicators, tasks)
        for indicator in indicators.values():
            indicator.apply_cap_to_measurements()  # a changed unit reaches every figure, not only these

        for record in docs.TARGETS:
            self._sync(
                Target,
                {
                    "indicator_id": indicators[record.indicator].pk,
                    "province_id": provinces[record.province].pk if record.province else None,
                    "deadline_year": record.deadline_year,
                    "subject": record.subject,
                },
                {
                    "value": record.value,
                    "strict": record.strict,
                    "baseline_year": record.baseline_year,
                    "baseline_value": None,
                    "directive_id": directives[record.directive].pk if record.directive else None,
                    "note": record.note,
                    "subject_en": record.subject_en,
                    "note_en": record.note_en,
                    "source_file": record.source_file,
                    "is_demo": False,
                },
            )

        for record in docs.MEASUREMENTS:
            indicator = indicators[record.indicator]
            self._sync(
                Measurement,
                {"indicator": indicator, "province_id": provinces[record.province].pk, "year": record.year},
                {
                    "value": record.value,
                    "numerator": None,
                    "denominator": None,
                    "status": record.status,
                    "is_demo": False,
                    "source": record.source,
                    "source_file": record.source_file,
                    "note": record.note,
                    "year_note": record.year_note,
                },
                before_save=_figure_from_document,
                new=Measurement.objects.new,
            )

        for label, counts in self.counts.items():
            line = f"{label}: {counts[CREATED]} created, {counts[UPDATED]} updated, {counts[UNCHANGED]} unchanged"
            if counts[KEPT]:
                line += f", {counts[KEPT]} kept as edited here (differ from the documents; --update overwrites)"
            self.stdout.write(line)

    def _sync(self, model, key, values, before_save=None, new=None):
        obj, outcome = sync(model, key, values, before_save, update=self.update, new=new)
        self.counts[model.__name__][outcome] += 1
        return obj

    def _provinces(self):
        """The units the documents were written for, as they stood before the 2025 merger."""
        found, missing = {}, []
        for code in docs.PROVINCE_CODES:
            try:
                found[code] = Province.objects.legacy().get(code=code)
            except Province.DoesNotExist:
                missing.append(code)
        if missing:
            raise CommandError(
                "The administrative units are not loaded (no pre-2025 province with GSO code "
                f"{', '.join(missing)}). Run `manage.py load_units` first."
            )
        return found

    def _link_tasks(self, indicators, tasks):
        wanted = defaultdict(set)
        for task_key, codes in docs.TASK_INDICATORS.items():
            for code in codes:
                wanted[code].add(tasks[task_key].pk)
        for code, indicator in indicators.items():
            current = set(indicator.tasks.values_list("pk", flat=True))
            missing = wanted[code] - current
            if missing:
                indicator.tasks.add(*missing)
            self.counts["Indicator–task link"][CREATED] += len(missing)
            self.counts["Indicator–task link"][UNCHANGED] += len(wanted[code] & current)
