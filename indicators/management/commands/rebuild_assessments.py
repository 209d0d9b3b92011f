import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from indicators import assessments, generation
from indicators.models import StoredAssessment


class Command(BaseCommand):
    help = (
        "Recompute and store every assessment the dashboards read (indicators.assessments); "
        "with --check, compare what is stored with a fresh computation and exit non-zero on any difference."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="compare only, change nothing")
        parser.add_argument("--limit", type=int, default=50, help="with --check: stop after this many differences")

    def handle(self, *args, check=False, limit=50, **options):
        started = time.perf_counter()
        if check:
            differences = assessments.check(limit=limit)
            seconds = time.perf_counter() - started
            if differences:
                for key, what in differences:
                    self.stdout.write(f"{' · '.join(str(part) for part in key)}: {what}")
                raise CommandError(f"{len(differences)} stored assessments differ from a fresh computation")
            count = StoredAssessment.objects.count()
            self.stdout.write(f"{count} stored assessments agree with a fresh computation ({seconds:.1f} s)")
            return
        with transaction.atomic():
            count = assessments.rebuild()
            generation.bump()  # pages cached from the lines just replaced must not be served again
        self.stdout.write(f"{count} assessments stored in {time.perf_counter() - started:.1f} s")
