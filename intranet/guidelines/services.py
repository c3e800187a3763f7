"""The guidelines' business rules: acknowledging, training, and what publishing means."""

import enum

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet import pages
from intranet.guidelines.models.records import (
    Acknowledgement,
    ChangeLogEntry,
    KnowledgeCheckResult,
    LessonCompletion,
)
from intranet.social.notifications import mark_read

MUST_READ_CACHE_KEY = "guidelines:must-read-versions"


def must_read_versions() -> dict[int, int]:
    """Every live must-read guideline's current version, by page id (cached: the
    home page asks on every visit; publishing or unpublishing a guideline forgets
    it). Who may see which is decided afterwards, by the audience rule."""

    return cache.get_or_set(
        MUST_READ_CACHE_KEY,
        lambda: dict(
            pages.guideline_model()
            .objects.live()
            .must_read()
            .values_list("pk", "version")
        ),
        3600,
    )


def forget_must_read_versions():
    cache.delete(MUST_READ_CACHE_KEY)


def pending_for(user) -> list[int]:
    """Ids of must-read guidelines whose current version ``user`` has not
    acknowledged: none at all costs no query, all read costs one."""
    versions = must_read_versions()
    if not versions:
        return []
    done = set(
        Acknowledgement.objects.filter(user=user, page_id__in=versions).values_list(
            "page_id", "version"
        )
    )
    return [pk for pk, version in versions.items() if (pk, version) not in done]


class Acknowledged(enum.Enum):
    RECORDED = "recorded"
    ALREADY = "already"
    STALE = "stale"


def acknowledge(user, page, version: int | None) -> Acknowledged:
    """Record that ``user`` read ``version`` of ``page``.

    Only the current version is ever recorded: a reader who opened the page before a
    substantive change (or sent no version, or a made-up one) is asked again. Two
    submits at once store one row: the unique constraint decides.
    """
    current = type(page).objects.filter(pk=page.pk).values_list("version", flat=True)
    if version is None or version != current.first():
        return Acknowledged.STALE
    if Acknowledgement.objects.filter(user=user, page=page, version=version).exists():
        return Acknowledged.ALREADY
    try:
        with transaction.atomic():
            Acknowledgement.objects.create(user=user, page=page, version=version)
    except IntegrityError:
        return Acknowledged.ALREADY
    mark_read(user, page=page)  # the request to acknowledge it is answered
    return Acknowledged.RECORDED


def mark_lesson_done(user, module, lesson_id: str) -> bool:
    """Mark one lesson done; True when it was not done before."""
    try:
        with transaction.atomic():
            _record, created = LessonCompletion.objects.get_or_create(
                user=user, module=module, lesson_id=lesson_id
            )
    except IntegrityError:
        return False
    return created


def score(module, answers: dict[str, int]) -> int:
    correct = 0
    for question in module.questions:
        chosen = answers.get(question.id)
        options = question.value["answers"]
        if (
            chosen is not None
            and 0 <= chosen < len(options)
            and options[chosen]["correct"]
        ):
            correct += 1
    return correct


def record_check(user, module, answers: dict[str, int]) -> KnowledgeCheckResult:
    """Record an attempt at a module's knowledge check. Passing once is enough:
    a later, weaker attempt keeps the pass."""
    total = len(module.questions)
    correct = score(module, answers)
    passed = correct * 100 >= module.pass_mark * total
    now = timezone.now()
    with transaction.atomic():
        result = (
            KnowledgeCheckResult.objects.select_for_update()
            .filter(user=user, module=module)
            .first()
        )
        if result is None:
            try:
                with transaction.atomic():
                    return KnowledgeCheckResult.objects.create(
                        user=user,
                        module=module,
                        score=correct,
                        total=total,
                        passed=passed,
                        passed_at=now if passed else None,
                        answers=answers,
                        created_at=now,
                        updated_at=now,
                    )
            except IntegrityError:
                result = KnowledgeCheckResult.objects.select_for_update().get(
                    user=user, module=module
                )
        result.score, result.total, result.answers = correct, total, answers
        result.attempts = F("attempts") + 1
        result.updated_at = now
        if passed and not result.passed:
            result.passed, result.passed_at = True, now
        result.save()
        result.refresh_from_db()
        return result


def record_publication(page, revision, user=None) -> ChangeLogEntry | None:
    """What publishing ``revision`` of a guideline means for its readers.

    The first publication is version 1. After that, a substantive change bumps the
    version (everyone who must read it is asked again) and an editorial one does
    not; both go in the change log with the editor's "what changed". The choice
    then resets, so the next edit starts as editorial. Publishing the same
    revision twice records it once.
    """
    from intranet.guidelines.models import ChangeType

    if not page.live:
        return None  # scheduled for later: recorded when it goes live
    with transaction.atomic():
        locked = pages.guideline_model().objects.select_for_update().get(pk=page.pk)
        if (
            revision is not None
            and ChangeLogEntry.objects.filter(revision=revision).exists()
        ):
            return None
        first = not ChangeLogEntry.objects.filter(page=locked).exists()
        substantive = page.change_type == ChangeType.SUBSTANTIVE and not first
        version = locked.version + 1 if substantive else locked.version
        summary = page.change_summary.strip()
        if first:
            summary = summary or _("First published.")
        elif not summary:
            summary = _("Editorial changes: wording and links.")
        pages.guideline_model().objects.filter(pk=page.pk).update(
            version=version, change_type=ChangeType.EDITORIAL, change_summary=""
        )
        page.version = version
        page.change_type, page.change_summary = ChangeType.EDITORIAL, ""
        transaction.on_commit(forget_must_read_versions)
        forget_must_read_versions()
        return ChangeLogEntry.objects.create(
            page=locked,
            revision=revision,
            version=version,
            summary=summary[:300],
            substantive=substantive,
            published_at=timezone.now(),
            published_by=user or getattr(revision, "user", None),
        )
