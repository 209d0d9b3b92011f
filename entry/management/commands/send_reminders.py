"""Reminders by e-mail, for cron or a systemd timer (once a day): see entry/notifications.reminders."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from entry import notifications


def _day(text):
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError as error:
        raise CommandError(f"--date must be dd/mm/yyyy, not {text!r}") from error


class Command(BaseCommand):
    help = (
        "E-mail editors what is still to enter before the reporting deadline (REPORTING_DEADLINE) and what "
        "was returned, and approvers what has waited more than --days days (APPROVAL_REMINDER_DAYS)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=_day, help="the day to remind for, dd/mm/yyyy (default: today)")
        parser.add_argument("--days", type=int, help="remind approvers of figures waiting longer than this")
        parser.add_argument("--dry-run", action="store_true", help="say who would be reminded, send nothing")

    def handle(self, *args, date=None, days=None, dry_run=False, **options):
        if isinstance(date, str):  # call_command(date="02/12/2026") skips the parser's type
            date = _day(date)
        today = date or datetime.date.today()
        messages = notifications.reminders(today, days)
        for email in messages:
            self.stdout.write(f"{', '.join(email.to)}: {email.subject}")
        sent = 0 if dry_run else notifications.send(messages)
        self.stdout.write(f"{len(messages)} reminders for {today:%d/%m/%Y}, {sent} sent")
