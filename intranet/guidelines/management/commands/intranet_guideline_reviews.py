from django.core.management.base import BaseCommand
from django.utils import timezone

from intranet.guidelines import reviews
from intranet.management.options import iso_date


class Command(BaseCommand):
    help = (
        "E-mail guideline owners 4 and 2 weeks before a review is due, and weekly "
        "while it is overdue; list what is overdue. Run daily from the scheduler."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=iso_date,
            help="Act as if today were this date (YYYY-MM-DD), e.g. to catch up.",
        )

    def handle(self, *args, date=None, **options):
        today = date or timezone.localdate()
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
