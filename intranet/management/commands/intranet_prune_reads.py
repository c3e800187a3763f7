from django.core.management.base import BaseCommand

from intranet import reading
from intranet.conf import intranet_setting


class Command(BaseCommand):
    help = (
        "Delete the records of who read which page that are older than the retention "
        "period (INTRANET['READS_RETENTION_DAYS'], 396 days by default). Run it daily."
    )

    def handle(self, *args, **options):
        deleted = reading.prune_reads()
        self.stdout.write(
            f"Deleted {deleted} records of reading last seen more than "
            f"{intranet_setting('READS_RETENTION_DAYS')} days ago."
        )
