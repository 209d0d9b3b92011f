from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from indicators import assessments, generation


class Command(BaseCommand):
    help = (
        "loaddata, then one rebuild of the stored assessments and one bump of the data generation, in one "
        "transaction: a fixture load (raw saves) refreshes nothing by itself (e.g. after dumpdata elsewhere)."
    )

    def add_arguments(self, parser):
        parser.add_argument("fixtures", nargs="+", help="fixture files, as loaddata takes them")

    def handle(self, *args, fixtures, **options):
        with transaction.atomic():
            call_command("loaddata", *fixtures, verbosity=options["verbosity"])
            count = assessments.rebuild()
            generation.bump()
        self.stdout.write(f"{count} assessments stored")
