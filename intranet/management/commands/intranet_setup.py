from django.core.management.base import BaseCommand, CommandError

from intranet import setup


class Command(BaseCommand):
    help = (
        "Create the intranet's groups (Intranet editors, moderators, leaders and "
        "policy approvers) with their permissions, and the Policy approval and "
        "Leader approval workflows. Safe on a live site and safe to run again: it "
        "adds only what is missing and never changes any other group."
    )

    def handle(self, *args, **options):
        try:
            added, home = setup.run()
        except LookupError as error:
            raise CommandError(str(error)) from error
        for thing in added:
            self.stdout.write(f"  added {thing}")
        if home is None:
            self.stdout.write(
                self.style.WARNING(
                    "There is no intranet home page yet, so the editors have no "
                    "page permissions: run this again once it exists."
                )
            )
        if added:
            self.stdout.write(
                self.style.SUCCESS(f"Intranet set up: {len(added)} things added.")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    "Nothing to do: the intranet's groups, permissions and "
                    "workflows are in place."
                )
            )
