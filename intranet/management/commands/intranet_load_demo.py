import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from intranet.conf import intranet_settings
from intranet.demo import DEMO_PASSWORD, registry, site_address


class Command(BaseCommand):
    help = (
        "Load the demo intranet: the page tree, groups, demo users and content. "
        "Safe to run again: it adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (the demo users share a known password).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a real deployment. The demo adds "
                f"users whose password is '{DEMO_PASSWORD}'. Use --force if you mean it."
            )
        added = 0
        # The demo posts comments through the real services: no flood limits, no mail.
        quiet = override_settings(
            INTRANET={**intranet_settings(), "THROTTLES_ENABLED": False},
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        )
        with quiet, transaction.atomic():
            for step in registry.ordered():
                started = time.monotonic()
                self.stdout.write(f"  {step.name}…", ending="")
                self.stdout.flush()
                count = step.run(self.stdout) or 0
                took = time.monotonic() - started
                self.stdout.write(f" {count} added ({took:.1f}s)")
                added += count
        if added:
            self.stdout.write(
                self.style.SUCCESS(f"Demo content loaded: {added} things added.")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    "Nothing to add: the demo content is already in place."
                )
            )
        self.stdout.write(
            f"\nSign in at {site_address()}accounts/login/ with password "
            f"'{DEMO_PASSWORD}' as one of:"
        )
        for username, role in [
            ("admin", "superuser: everything"),
            ("editor", "Intranet editors: publishes posts and guidelines"),
            ("leader", "Intranet leaders: posts on their own profile (Laura Bennett)"),
            ("oliver", "Intranet leaders: chief operating officer"),
            ("priya", "Intranet leaders: head of People"),
            ("moderator", "Intranet moderators: keeps the conversation in the policy"),
            ("staff", "a member of staff"),
            ("satu", "a member of staff who reads the intranet in Finnish"),
        ]:
            self.stdout.write(f"  {username:<10} {role}")
