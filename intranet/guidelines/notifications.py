"""Asking staff to acknowledge a must-read guideline.

When a must-read guideline is first published, or a substantive change gives it a
new version, everyone who may see it and has not acknowledged that version finds it
under the bell. It is urgent: those who get e-mail have it at once, not in a digest.
A guideline's translations are one guideline: whoever acknowledged the version in
any language is not asked, nobody is asked twice, and a translation's first
publication asks nobody.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django_tasks import task
from wagtail.models import Page

from intranet import pages
from intranet.social.models import Kind
from intranet.social.notifications import notify_many

from .models import Acknowledgement


@task()
def ask_to_acknowledge(page_id: int, version: int) -> int:
    page = (
        pages.guideline_model()
        .objects.live()
        .filter(pk=page_id, version=version)
        .first()
    )
    if page is None or not page.must_read:
        return 0  # unpublished, changed again or no longer must-read meanwhile
    done = Acknowledgement.objects.filter(
        page__translation_key=page.translation_key, version=version
    ).values("user")
    people = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(pk__in=done)
        .order_by("pk")
    )
    return notify_many(people, Kind.GUIDELINE, page, urgent=True)


def ask_after_commit(page, entry) -> None:
    """Ask for acknowledgements if publishing made ``entry`` a version to read."""
    if entry is None or not page.must_read:
        return
    if entry.substantive or entry.version == 1 and _first_entry(entry):
        transaction.on_commit(
            lambda: ask_to_acknowledge.enqueue(page.pk, entry.version)
        )


def _first_entry(entry) -> bool:
    """The guideline's first publication in any language."""
    versions = Page.objects.filter(pk=entry.page_id).values("translation_key")
    return (
        not type(entry)
        .objects.filter(page__translation_key__in=versions, pk__lt=entry.pk)
        .exists()
    )
