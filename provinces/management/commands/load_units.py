"""Load the committed administrative-units fixture into Province.

Rows are matched on (code, valid_from), the per-generation key, so rerunning after a fixture
change updates rows in place and keeps every foreign key pointing at them.
"""

import datetime
import json
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from provinces import loaded
from provinces.models import Province

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "units.json"


class Command(BaseCommand):
    help = "Create or update the 63 legacy and 34 current provinces from provinces/fixtures/units.json."

    def add_arguments(self, parser):
        parser.add_argument("--fixture", type=Path, default=FIXTURE, help="default: %(default)s")
        parser.add_argument("--reload", action="store_true", help="load even when nothing changed since the last load")

    def handle(self, *args, reload=False, **options):
        # The units change every place the stored assessments add up: rebuild them once, at the end.
        from indicators import assessments, generation

        digest = loaded.fingerprint(options["fixture"], __file__)
        if loaded.unchanged(self, "units", digest, reload):
            return
        with transaction.atomic():
            self.load(*args, **options)
            assessments.rebuild()
            generation.bump()
            loaded.mark("units", digest)

    def load(self, *args, fixture, **options):
        document = json.loads(fixture.read_text(encoding="utf-8"))
        counts = Counter()
        # Current units first: legacy rows point at them as successors.
        current = self.load_generation(document["current"], {}, counts)
        self.load_generation(document["legacy"], current, counts)
        self.stdout.write(f"{counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged")

    def load_generation(self, generation, successors, counts):
        valid_from = datetime.date.fromisoformat(generation["valid_from"])
        valid_to = generation["valid_to"] and datetime.date.fromisoformat(generation["valid_to"])
        existing = {p.code: p for p in Province.objects.filter(valid_from=valid_from)}
        loaded = {}
        for unit in generation["units"]:
            successor = successors[unit["successor_code"]] if "successor_code" in unit else None
            values = {
                "name": unit["name"],
                "slug": unit["slug"],
                "kind": unit["kind"],
                "region": unit["region"],
                "valid_to": valid_to,
                "successor_id": successor.pk if successor else None,
            }
            # Not update_or_create: it saves even when nothing differs, and we report unchanged rows.
            province = existing.get(unit["code"])
            if province is None:
                province = Province.objects.create(code=unit["code"], valid_from=valid_from, **values)
                counts["created"] += 1
            else:
                changed = [field for field, value in values.items() if getattr(province, field) != value]
                for field in changed:
                    setattr(province, field, values[field])
                if changed:
                    province.save(update_fields=changed)
                counts["updated" if changed else "unchanged"] += 1
            loaded[unit["code"]] = province
        return loaded
