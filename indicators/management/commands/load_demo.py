from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from indicators import demo
from provinces import loaded
from provinces.models import Province


class Command(BaseCommand):
    help = "Load deterministic demo figures (marked as demo) and, with --users, the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--users", action="store_true", help="also create the demo accounts (password 'demo')")
        parser.add_argument("--force", action="store_true", help="create demo accounts even with DEBUG off")
        parser.add_argument(
            "--reload",
            action="store_true",
            help="add missing demo figures even when nothing changed since the last load",
        )

    def handle(self, *args, users=False, force=False, reload=False, **options):
        if not Province.objects.exists():
            raise CommandError("No administrative units: run `manage.py load_units` first.")
        if users and not settings.DEBUG and not force:
            # Refused before anything is written: a production database gets neither accounts nor figures.
            raise CommandError(
                "Refusing to create demo accounts with the password 'demo' on a production configuration "
                "(DEBUG is off). Pass --force if you really mean it."
            )
        # The demo follows the units and documents it was made for: a change to either makes it again.
        digest = loaded.fingerprint(demo.__file__, __file__, parts=[loaded.stored("units"), loaded.stored("documents")])
        if not loaded.unchanged(self, "demo", digest, reload):
            with transaction.atomic():
                counts = demo.load_demo_figures()
                loaded.mark("demo", digest)
            self.stdout.write(f"demo figures: {counts['measurements']} measurements, {counts['targets']} targets")
            for code in counts["skipped"]:
                self.stdout.write(
                    f"skipped indicator {code!r}: it has no demo series (added after the source documents)"
                )
        if users:
            names = demo.load_demo_users()
            self.stdout.write("demo accounts (password 'demo'): " + ", ".join(names))
