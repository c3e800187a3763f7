"""The guidelines' business rules: acknowledging, training, and what publishing means.

A guideline and its translations are one guideline: they share one version, a
substantive change in any language gives them all the next one, and acknowledging
or passing the training in one language counts in every language. Records are kept
on the original (``intranet.social.translations.conversation_page``) and read
across the versions by their ``translation_key``.
"""

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
from intranet.social.translations import conversation_page

MUST_READ_CACHE_KEY = "guidelines:must-read-versions:by-translation"


def must_read_versions() -> dict[int, tuple[int, str]]:
    """Every live must-read guideline's current version and translation key, by
    page id (cached: the home page asks on every visit; publishing or unpublishing
    a guideline forgets it). Who may see which is decided afterwards, by the
    audience rule."""

    def read():
        rows = (
            pages.guideline_model()
            .objects.live()
            .must_read()
            .values_list("pk", "version", "translation_key")
        )
        return {pk: (version, str(key)) for pk, version, key in rows}

    return cache.get_or_set(MUST_READ_CACHE_KEY, read, 3600)


def forget_must_read_versions():
    cache.delete(MUST_READ_CACHE_KEY)


def pending_for(user) -> list[int]:
    """Ids of must-read guidelines (every version of each) whose current version
    ``user`` has not acknowledged in any language: none at all costs no query, all
    read costs one."""
    versions = must_read_versions()
    if not versions:
        return []
    done = {
        (str(key), version)
        for key, version in Acknowledgement.objects.filter(
            user=user,
            page__translation_key__in={key for _v, key in versions.values()},
        ).values_list("page__translation_key", "version")
    }
    return [pk for pk, (v, key) in versions.items() if (key, v) not in done]


class Acknowledged(enum.Enum):
    RECORDED = "recorded"
    ALREADY = "already"
    STALE = "stale"


def acknowledge(user, page, version: int | None) -> Acknowledged:
    """Record that ``user`` read ``version`` of ``page``.

    Only the current version is ever recorded: a reader who opened the page before a
    substantive change (or sent no version, or a made-up one) is asked again. Two
    submits at once store one row: the unique constraint decides. Read in any
    language, it is recorded on the original and counts for every translation.
    """
    current = type(page).objects.filter(pk=page.pk).values_list("version", flat=True)
    if version is None or version != current.first():
        return Acknowledged.STALE
    if Acknowledgement.objects.filter(
        user=user, page__translation_key=page.translation_key, version=version
    ).exists():
        return Acknowledged.ALREADY
    original = conversation_page(page)
    try:
        with transaction.atomic():
            Acknowledgement.objects.create(user=user, page=original, version=version)
    except IntegrityError:
        return Acknowledged.ALREADY
    mark_read(user, page=original)  # the request to acknowledge it is answered
    return Acknowledged.RECORDED


def mark_lesson_done(user, module, lesson_id: str) -> bool:
    """Mark one lesson done (in every language of the module: the lessons of a
    translation keep their ids); True when it was not done before."""
    try:
        with transaction.atomic():
            _record, created = LessonCompletion.objects.get_or_create(
                user=user, module=conversation_page(module), lesson_id=lesson_id
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
    a later, weaker attempt keeps the pass. Taken in any language, the result is
    the original module's, so it counts for every translation."""
    total = len(module.questions)
    correct = score(module, answers)
    passed = correct * 100 >= module.pass_mark * total
    now = timezone.now()
    module = conversation_page(module)
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

    The version is one for all the guideline's translations: a translation's first
    publication takes the version the guideline has (and asks nobody again), and a
    substantive change in any language gives every version the next one.
    """
    from intranet.guidelines.models import ChangeType

    if not page.live:
        return None  # scheduled for later: recorded when it goes live
    model = pages.guideline_model()
    with transaction.atomic():
        versions = dict(
            model.objects.select_for_update()
            .filter(translation_key=page.translation_key)
            .order_by("pk")
            .values_list("pk", "version")
        )
        if (
            revision is not None
            and ChangeLogEntry.objects.filter(revision=revision).exists()
        ):
            return None
        first = not ChangeLogEntry.objects.filter(page_id=page.pk).exists()
        substantive = page.change_type == ChangeType.SUBSTANTIVE and not first
        current = max(versions.values(), default=page.version)
        version = current + 1 if substantive else current
        summary = page.change_summary.strip()
        if first:
            summary = summary or _("First published.")
        elif not summary:
            summary = _("Editorial changes: wording and links.")
        model.objects.filter(pk=page.pk).update(
            version=version, change_type=ChangeType.EDITORIAL, change_summary=""
        )
        if any(v != version for pk, v in versions.items() if pk != page.pk):
            model.objects.filter(translation_key=page.translation_key).update(
                version=version
            )
        page.version = version
        page.change_type, page.change_summary = ChangeType.EDITORIAL, ""
        transaction.on_commit(forget_must_read_versions)
        forget_must_read_versions()
        return ChangeLogEntry.objects.create(
            page=page,
            revision=revision,
            version=version,
            summary=summary[:300],
            substantive=substantive,
            published_at=timezone.now(),
            published_by=user or getattr(revision, "user", None),
        )
