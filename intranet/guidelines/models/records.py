"""What people do with the guidelines: acknowledgements, lessons done, check results.

Each points at its guideline or training module as a Wagtail page (the site owns
the page models, see ``intranet.pages``).

Every "person × thing" record is an ``intranet.models.UserThing``: a person, when, and
a named unique constraint on each concrete model, so a double submit stores one row.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.models import UserThing


class Acknowledgement(UserThing):
    """ "I have read and understood this": one version of one guideline."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="acknowledgements",
        verbose_name=_("guideline"),
    )
    version = models.PositiveIntegerField(_("version"))

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "version"],
                name="unique_guideline_acknowledgement",
            )
        ]

    def __str__(self):
        return f"{self.user} read {self.page} v{self.version}"


class LessonCompletion(UserThing):
    """A learner marked one lesson of a training module as done."""

    module = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="lesson_completions",
        verbose_name=_("training module"),
    )
    lesson_id = models.CharField(_("lesson"), max_length=64)

    class Meta:
        verbose_name = _("lesson done")
        verbose_name_plural = _("lessons done")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module", "lesson_id"], name="unique_lesson_completion"
            )
        ]

    def __str__(self):
        return f"{self.user} finished lesson {self.lesson_id} of {self.module}"


class KnowledgeCheckResult(UserThing):
    """A learner's result in a module's knowledge check: the latest attempt, and
    whether they have ever passed (passing once is enough)."""

    module = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="check_results",
        verbose_name=_("training module"),
    )
    score = models.PositiveSmallIntegerField(_("correct answers"))
    total = models.PositiveSmallIntegerField(_("questions"))
    passed = models.BooleanField(_("passed"), default=False)
    passed_at = models.DateTimeField(_("passed on"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    answers = models.JSONField(_("answers given"), default=dict)
    updated_at = models.DateTimeField(_("last attempt"), default=timezone.now)

    class Meta:
        verbose_name = _("knowledge check result")
        verbose_name_plural = _("knowledge check results")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module"], name="unique_knowledge_check_result"
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.score}/{self.total} in {self.module}"


class ChangeLogEntry(models.Model):
    """One published revision of a guideline, and what changed in it, for readers."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="change_log",
        verbose_name=_("guideline"),
    )
    revision = models.OneToOneField(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"))
    summary = models.CharField(_("what changed"), max_length=300)
    substantive = models.BooleanField(_("substantive"), default=False)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return f"{self.page} v{self.version}: {self.summary}"


class WhyBannerDismissal(UserThing):
    """A person put away the "social why" banner on their home page.

    It comes back when editors publish a new version of the hub after that.
    """

    class Meta:
        verbose_name = _("dismissed 'why' banner")
        constraints = [
            models.UniqueConstraint(fields=["user"], name="unique_why_banner_dismissal")
        ]
