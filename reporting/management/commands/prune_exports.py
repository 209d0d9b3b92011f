from django.core.management.base import BaseCommand

from reporting import background


class Command(BaseCommand):
    help = "Delete background exports older than a day (each new export does it too)."

    def handle(self, *args, **options):
        removed = background.remove_expired()
        self.stdout.write(f"{removed} expired export(s) removed")
