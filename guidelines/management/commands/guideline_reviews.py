import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from guidelines import reviews


class Command(BaseCommand):
    help = (
        "E-mail guideline owners 4 and 2 weeks before a review is due, and weekly "
        "while it is overdue; list what is overdue. Run daily from the scheduler."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Act as if today were this date (YYYY-MM-DD), e.g. to catch up.",
        )

    def handle(self, *args, date=None, **options):
        today = timezone.localdate()
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(
                    f"--date must be YYYY-MM-DD, not {date!r}"
                ) from error
        sent = reviews.send_reminders(today)
        self.stdout.write(f"Review reminders sent: {sent}")
        late = list(reviews.overdue(today))
        if not late:
            self.stdout.write("No guideline is past its review date.")
            return
        self.stdout.write(f"Past their review date ({len(late)}):")
        for page in late:
            self.stdout.write(
                f"  {page.review_date:%Y-%m-%d}  {page.title} "
                f"(owner: {page.owner_name or 'nobody'})"
            )
