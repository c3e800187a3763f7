from django.core.management.base import BaseCommand

from intranet.management.options import iso_date
from intranet.social import digests


class Command(BaseCommand):
    help = (
        "E-mail each person one digest of what is new and unread, of the kinds they "
        "chose to get daily or weekly. Run it daily (and weekly) from the scheduler; "
        "a second run in the same period sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, choices=digests.PERIODS)
        parser.add_argument(
            "--date",
            type=iso_date,
            help="Act as if today were this date (YYYY-MM-DD), e.g. to catch up.",
        )

    def handle(self, *args, period, date=None, **options):
        def progress(checked, sent):
            self.stdout.write(f"  {checked} people checked, {sent} digests sent")

        checked, sent = digests.send_digests(period, date, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"{period.capitalize()} digests: {checked} people checked, {sent} sent."
            )
        )
