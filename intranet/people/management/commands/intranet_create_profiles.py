"""Give every existing user the profile colleagues see.

New users get one when they are created, and anyone without one gets it on
signing in; this command is for a site that had users before the intranet came,
so the directory lists them all from the start. Safe to run again.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from intranet.people.models import Profile


class Command(BaseCommand):
    help = "Create the intranet profile of every user who has none yet."

    def handle(self, *args, **options):
        missing = get_user_model().objects.filter(intranet_profile__isnull=True)
        created = Profile.objects.bulk_create(
            [Profile(user_id=pk) for pk in missing.values_list("pk", flat=True)],
            ignore_conflicts=True,
        )
        self.stdout.write(f"Created {len(created)} profiles.")
