"""The guidelines hub, the guidelines themselves and the training modules."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Subquery
from django.forms import RadioSelect
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PagePermissionTester, Workflow
from wagtail.query import PageQuerySet
from wagtail.search import index

from intranet import audience, ids, pages, roles, translations
from intranet.guidelines.blocks import (
    GoalBlock,
    GuidelineBodyBlock,
    LessonBlock,
    QuestionBlock,
)
from intranet.models import (
    IntranetPageMixin,
    RestrictionsOnceMixin,
    SectionPage,
    person_of,
)
from intranet.setup import POLICY_WORKFLOW

from .records import (
    Acknowledgement,
    ChangeLogEntry,
    KnowledgeCheckResult,
    LessonCompletion,
)

REVIEW_PERIOD = datetime.timedelta(days=365)


class Kind(models.TextChoices):
    POLICY = "policy", _("Policy")
    PRINCIPLES = "principles", _("Principles")
    HOWTO = "howto", _("How-to")
    TRAINING = "training", _("Training")


class ChangeType(models.TextChoices):
    EDITORIAL = (
        "editorial",
        _("Editorial: wording, links or typos. Nobody is asked to read it again."),
    )
    SUBSTANTIVE = (
        "substantive",
        _(
            "Substantive: what people must do has changed. Everyone who must read it "
            "acknowledges the new version."
        ),
    )


def a_year_from_now() -> datetime.date:
    return timezone.localdate() + REVIEW_PERIOD


def involves_policy(page) -> bool:
    """A policy, in this draft or as it is live (turning a policy into something
    else needs approval too)."""
    if page.kind == Kind.POLICY:
        return True
    return (
        bool(page.pk)
        and type(page).objects.filter(pk=page.pk, kind=Kind.POLICY).exists()
    )


def is_policy_approver(user) -> bool:
    """Those who hold the approve_policy permission, and superusers."""
    return roles.is_policy_approver(user)


# Guidelines ---------------------------------------------------------------------------


class GuidelineQuerySet(PageQuerySet):
    def visible_to(self, user):
        return audience.visible_to(self, user)

    def must_read(self):
        return self.filter(must_read=True)

    def with_acknowledgement_of(self, user):
        """Annotate ``acknowledged`` (the current version) and ``acknowledged_version``
        (the newest version this person acknowledged, or None), in any language."""
        mine = Acknowledgement.objects.filter(
            user=user, page__translation_key=OuterRef("translation_key")
        )
        return self.annotate(
            acknowledged=Exists(mine.filter(version=OuterRef("version"))),
            acknowledged_version=Subquery(
                mine.order_by("-version").values("version")[:1]
            ),
        )

    def waiting_for(self, user):
        """Must-read guidelines this person may see and has not acknowledged as
        they stand now."""
        return (
            self.must_read()
            .visible_to(user)
            .with_acknowledgement_of(user)
            .filter(acknowledged=False)
        )

    def review_overdue(self, today=None):
        return self.filter(review_date__lt=today or timezone.localdate())


GuidelineManager = PageManager.from_queryset(GuidelineQuerySet)


class GuidelinePermissionTester(PagePermissionTester):
    """Policies are published through the approval workflow: only policy approvers
    (and superusers) publish them, which is what completing the workflow does."""

    def can_publish(self):
        if involves_policy(self.page.specific_deferred):
            return not self.page_is_root and is_policy_approver(self.user)
        return super().can_publish()


class AbstractGuidelinePage(
    IntranetPageMixin, RestrictionsOnceMixin, RoutablePageMixin, Page
):
    """A policy, a set of principles, a how-to or a piece of training, with an owner,
    a review date, a version and a change log that readers see."""

    counts_reads = True

    def reach_owner_ids(self) -> set[int]:
        return super().reach_owner_ids() | ({self.owner_person_id} - {None})

    intranet_template = "intranet/guidelines/guideline_page.html"

    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.HOWTO
    )
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences, shown on the hub and in search results."),
    )
    body = StreamField(GuidelineBodyBlock(), verbose_name=_("body"))
    must_read = models.BooleanField(
        _("must read"),
        default=False,
        help_text=_(
            "Everyone is asked to acknowledge it, and again after a substantive change."
        ),
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("content owner (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_guidelines",
    )
    owner_team = models.ForeignKey(
        "auth.Group",
        verbose_name=_("content owner (team)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_guidelines",
        help_text=_("Everyone in the team hears when a review is due."),
    )
    review_date = models.DateField(_("review by"), default=a_year_from_now)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    change_type = models.CharField(
        _("kind of change"),
        max_length=12,
        choices=ChangeType.choices,
        default=ChangeType.EDITORIAL,
    )
    change_summary = models.CharField(
        _("what changed"),
        max_length=300,
        blank=True,
        help_text=_(
            "Readers see this in the change log. Needed for a substantive change."
        ),
    )

    objects = GuidelineManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("must_read"),
                FieldPanel("owner_person"),
                FieldPanel("owner_team"),
                FieldPanel("review_date"),
            ],
            heading=_("Reading, ownership and review"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("change_type", widget=RadioSelect),
                FieldPanel("change_summary"),
            ],
            heading=_("This change"),
            help_text=_("Asked at every publication. The choice resets after it."),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("must_read"),
    ]
    parent_page_types = ["intranet:guidelines_hub"]
    subpage_types = []
    exclude_fields_in_copy = ["version"]

    class Meta:
        abstract = True
        verbose_name = _("guideline")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        errors = {}
        if not self.owner_person_id and not self.owner_team_id:
            errors["owner_person"] = _(
                "Choose who owns this guideline: a person or a team."
            )
        if (
            self.change_type == ChangeType.SUBSTANTIVE
            and not self.change_summary.strip()
        ):
            errors["change_summary"] = _(
                "Say what changed: readers see it when they are asked to read again."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def owner_name(self) -> str:
        if self.owner_person_id:
            return person_of(self, "owner_person").intranet_profile.name
        if self.owner_team_id:
            return self.owner_team.name
        return ""

    @property
    def review_overdue(self) -> bool:
        return self.review_date < timezone.localdate()

    def with_content_json(self, content):
        """The version belongs to the page, not to a revision: publishing an older
        revision never takes it back."""
        obj = super().with_content_json(content)
        obj.version = self.version
        return obj

    def permissions_for_user(self, user):
        return GuidelinePermissionTester(user, self)

    def _policy_workflow(self):
        if self.kind != Kind.POLICY:
            return None
        return Workflow.objects.filter(name=POLICY_WORKFLOW, active=True).first()

    def get_workflow(self):
        """A policy always goes through the Policy approval workflow, wherever it sits."""
        return self._policy_workflow() or super().get_workflow()

    @property
    def has_workflow(self):
        return self._policy_workflow() is not None or super().has_workflow

    # Reading ---------------------------------------------------------------------------

    def change_log_entries(self):
        """What changed, in every language the guideline is written in: a
        substantive change made in one is news in the others. Each entry carries
        ``language``, the language it was written in."""
        return (
            ChangeLogEntry.objects.filter(page__translation_key=self.translation_key)
            .select_related("published_by__intranet_profile")
            .annotate(language=F("page__locale__language_code"))
            .order_by("-published_at", "-pk")
        )

    def changes_since(self, version, entries):
        """The substantive changes a reader who acknowledged ``version`` has not seen."""
        if version is None:
            return []
        return [e for e in entries if e.substantive and e.version > version]

    def reading_state(self, user):
        """Whether this person has acknowledged the current version (in any
        language), and what changed since the one they acknowledged."""
        versions = list(
            Acknowledgement.objects.filter(
                user=user, page__translation_key=self.translation_key
            )
            .order_by("-version")
            .values_list("version", "created_at")
        )
        current = next((when for v, when in versions if v == self.version), None)
        previous = versions[0][0] if versions else None
        return {"acknowledged_at": current, "acknowledged_version": previous}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        entries = list(self.change_log_entries())
        context["change_log"] = entries
        context["body_blocks"] = numbered_blocks(self.body)
        context["contents"] = section_headings(self.body)
        context["more_guidelines"] = (
            translations.one_per_page(
                translations.siblings_of(self, type(self).objects.all()).visible_to(
                    request.user
                )
            )
            .order_by("title")
            .defer_streamfields()[:5]
        )
        if self.must_read and request.user.is_authenticated:
            state = self.reading_state(request.user)
            context.update(state)
            if state["acknowledged_at"] is None:
                context["changes_since"] = self.changes_since(
                    state["acknowledged_version"], entries
                )
        return context

    @path("acknowledge/", name="acknowledge")
    def acknowledge(self, request):
        """POST "I have read and understood this" for the version the reader saw."""
        from intranet.guidelines import services

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.must_read:
            raise Http404
        version = ids.parse_id(request.POST.get("version"), maximum=ids.INT_MAX)
        outcome = services.acknowledge(request.user, self, version)
        if outcome is services.Acknowledged.STALE:
            messages.warning(
                request,
                _(
                    "This guideline changed while you were reading it. Read what "
                    "changed, then acknowledge version %(version)s."
                )
                % {"version": self.version},
            )
            return redirect(self.url + "#acknowledge")
        messages.success(
            request,
            _("Thank you: you have acknowledged version %(version)s of “%(title)s”.")
            % {"version": self.version, "title": self.title},
        )
        return redirect(self.url)


def section_headings(stream) -> list[dict]:
    """The body's section headings, for the "On this page" list beside it."""
    return [
        {
            "text": block.value["text"],
            "anchor": "section-" + slugify(block.value["text"]),
        }
        for block in stream
        if block.block_type == "heading" and block.value.get("size") != "h3"
    ]


def numbered_blocks(stream):
    """The blocks of a body, each with its number among the principles (or None)."""
    numbered, count = [], 0
    for block in stream:
        number = None
        if block.block_type == "principle":
            count += 1
            number = count
        numbered.append((block, number))
    return numbered


# Training -----------------------------------------------------------------------------


class TrainingModuleQuerySet(PageQuerySet):
    def visible_to(self, user):
        return audience.visible_to(self, user)

    def required_for_ambassadors(self):
        return self.filter(required_for_ambassadors=True)

    def not_passed_by(self, user):
        """Modules this person has not passed, in any of their languages."""
        return self.exclude(
            Exists(
                KnowledgeCheckResult.objects.filter(
                    user=user,
                    module__translation_key=OuterRef("translation_key"),
                    passed=True,
                )
            )
        )


TrainingModuleManager = PageManager.from_queryset(TrainingModuleQuerySet)


class AbstractTrainingModulePage(
    IntranetPageMixin, RestrictionsOnceMixin, RoutablePageMixin, Page
):
    """Lessons in order, each marked done by the learner, and an optional knowledge
    check with a pass mark."""

    counts_reads = True

    intranet_template = "intranet/guidelines/training_module_page.html"

    summary = models.TextField(_("summary"), max_length=300)
    lessons = StreamField(
        [("lesson", LessonBlock())], verbose_name=_("lessons"), min_num=1
    )
    questions = StreamField(
        [("question", QuestionBlock())],
        verbose_name=_("knowledge check"),
        blank=True,
        help_text=_("Optional multiple-choice questions at the end of the module."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The share of correct answers needed to pass."),
    )
    required_for_ambassadors = models.BooleanField(
        _("required for ambassadors"),
        default=False,
        help_text=_("Staff can opt in as ambassadors only after passing this check."),
    )

    objects = TrainingModuleManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("lessons"),
        MultiFieldPanel(
            [
                FieldPanel("questions"),
                FieldPanel("pass_mark"),
                FieldPanel("required_for_ambassadors"),
            ],
            heading=_("Knowledge check"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("lessons"),
    ]
    parent_page_types = ["intranet:guidelines_hub"]
    subpage_types = []

    class Meta:
        abstract = True
        verbose_name = _("training module")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.required_for_ambassadors and not len(self.questions):
            raise ValidationError(
                {
                    "required_for_ambassadors": _(
                        "Add a knowledge check first: ambassadors must pass one."
                    )
                }
            )

    @property
    def lesson_ids(self) -> list[str]:
        return [lesson.id for lesson in self.lessons]

    @property
    def question_ids(self) -> list[str]:
        return [question.id for question in self.questions]

    def needed_to_pass(self) -> int:
        total = len(self.questions)
        return -(-total * self.pass_mark // 100)  # ceiling

    def progress_for(self, user) -> dict:
        """The person's lessons done and check result, in any of the module's
        languages (a translation's lessons keep their ids)."""
        done = set(
            LessonCompletion.objects.filter(
                user=user, module__translation_key=self.translation_key
            ).values_list("lesson_id", flat=True)
        )
        result = (
            KnowledgeCheckResult.objects.filter(
                user=user, module__translation_key=self.translation_key
            )
            .order_by("-passed", "-updated_at")
            .first()
        )
        lessons = [(lesson, lesson.id in done) for lesson in self.lessons]
        done_count = sum(1 for _lesson, is_done in lessons if is_done)
        return {
            "lessons": lessons,
            "lessons_done": done_count,
            "lessons_total": len(lessons),
            "all_lessons_done": done_count == len(lessons),
            "result": result,
        }

    def review(self, answers: dict, user) -> list[dict]:
        """Each question with the answer given and every answer's explanation, the
        answers in the order this person was shown them."""
        from intranet.guidelines.forms import answer_order

        reviewed = []
        for question in self.questions:
            given = answers.get(question.id)
            options = question.value["answers"]
            reviewed.append(
                {
                    "question": question.value["question"],
                    "answers": [
                        {
                            "text": options[index]["text"],
                            "correct": options[index]["correct"],
                            "explanation": options[index]["explanation"],
                            "chosen": given == index,
                        }
                        for index in answer_order(user, question)
                    ],
                }
            )
        return reviewed

    def get_context(self, request, *args, **kwargs):
        from intranet.guidelines.forms import KnowledgeCheckForm

        context = super().get_context(request, *args, **kwargs)
        context.update(self.progress_for(request.user))
        if len(self.questions):
            context["check_form"] = KnowledgeCheckForm(self, request.user)
            context["needed_to_pass"] = self.needed_to_pass()
            result = context["result"]
            if result is not None:
                context["review"] = self.review(result.answers, request.user)
        return context

    @path("lessons/<str:lesson_id>/done/", name="lesson-done")
    def lesson_done(self, request, lesson_id):
        from intranet.guidelines import services

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if lesson_id not in self.lesson_ids:
            raise Http404
        services.mark_lesson_done(request.user, self, lesson_id)
        title = next(ls.value["title"] for ls in self.lessons if ls.id == lesson_id)
        messages.success(
            request, _("“%(title)s” is marked as done.") % {"title": title}
        )
        return redirect(f"{self.url}#lesson-{lesson_id}")

    @path("check/", name="check")
    def knowledge_check(self, request):
        from intranet.guidelines import services
        from intranet.guidelines.forms import KnowledgeCheckForm

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not len(self.questions):
            raise Http404
        form = KnowledgeCheckForm(self, request.user, request.POST)
        if not form.is_valid():
            response = self.render(request, context_overrides={"check_form": form})
            response.status_code = 400
            return response
        result = services.record_check(request.user, self, form.answers())
        if result.passed:
            messages.success(
                request,
                _("You passed: %(score)s of %(total)s correct.")
                % {"score": result.score, "total": result.total},
            )
        else:
            messages.warning(
                request,
                ngettext(
                    "%(score)s of %(total)s correct: you need %(needed)s to pass. "
                    "Read the explanations and try again.",
                    "%(score)s of %(total)s correct: you need %(needed)s to pass. "
                    "Read the explanations and try again.",
                    result.score,
                )
                % {
                    "score": result.score,
                    "total": result.total,
                    "needed": self.needed_to_pass(),
                },
            )
        return redirect(f"{self.url}#result")


# The hub ------------------------------------------------------------------------------


class AbstractGuidelinesHubPage(IntranetPageMixin, RoutablePageMixin, SectionPage):
    """The social-media policy, the principles, the "why" and training."""

    intranet_template = "intranet/guidelines/guidelines_hub_page.html"

    why = RichTextField(
        _("why we are on social media"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
    )
    goals = StreamField(
        [("goal", GoalBlock())],
        verbose_name=_("what we want from it"),
        blank=True,
    )

    content_panels = [
        *SectionPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("why"), FieldPanel("goals")], heading=_("Our social why")
        ),
    ]
    search_fields = [*SectionPage.search_fields, index.SearchField("why")]
    subpage_types = [
        "intranet:guideline",
        "intranet:training_module",
    ]

    RECENT_CHANGES = 5
    SEARCH_RESULTS = 20

    class Meta:
        abstract = True
        verbose_name = _("guidelines hub page")

    def guidelines_for(self, user):
        return translations.in_tree_order(
            translations.one_per_page(
                translations.children_of(
                    self, pages.guideline_model().objects.all()
                ).visible_to(user)
            )
            .with_acknowledgement_of(user)
            .defer_streamfields()
            .select_related("owner_person__intranet_profile", "owner_team")
        )

    def modules_for(self, user):
        return translations.in_tree_order(
            translations.one_per_page(
                translations.children_of(
                    self, pages.training_module_model().objects.all()
                ).visible_to(user)
            ).defer_streamfields()
        )

    def grouped(self, guidelines, modules):
        groups = []
        for kind in Kind:
            items = [g for g in guidelines if g.kind == kind]
            if kind == Kind.TRAINING:
                items += modules
            if items:
                groups.append({"kind": kind, "label": kind.label, "items": items})
        return groups

    def search_guidelines(self, user, query: str):
        from intranet.search import clean_query, search_terms

        terms = search_terms(clean_query(query))
        if not terms:
            return []
        pages = audience.visible_to(Page.objects.descendant_of(self), user)
        return list(
            pages.specific().search(terms, operator="and")[: self.SEARCH_RESULTS]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        guidelines = list(self.guidelines_for(user))
        context["groups"] = self.grouped(guidelines, list(self.modules_for(user)))
        # The changes to these guidelines in any language, each shown as the
        # guideline listed here (in this hub's language).
        listed = {g.translation_key: g for g in guidelines}
        recent = list(
            ChangeLogEntry.objects.filter(page__translation_key__in=list(listed))
            .annotate(
                key=F("page__translation_key"),
                language=F("page__locale__language_code"),
            )
            .order_by("-published_at", "-pk")[: self.RECENT_CHANGES]
        )
        for entry in recent:
            entry.guideline = listed[entry.key]
        context["recent_changes"] = recent
        context["waiting_count"] = sum(
            1 for g in guidelines if g.must_read and not g.acknowledged
        )
        query = request.GET.get("q", "").strip()
        if query:
            context["query"] = query
            context["search_results"] = self.search_guidelines(user, query)
        return context

    def why_banner_for(self, user) -> bool:
        """Show the "why" on this person's home page, unless they put it away since
        the hub was last published."""
        from .records import WhyBannerDismissal

        if not self.why or not user.is_authenticated:
            return False
        if "why_dismissed_at" in self.__dict__:  # read with the hub
            dismissed_at = self.why_dismissed_at
        else:
            dismissal = WhyBannerDismissal.objects.filter(user=user).first()
            dismissed_at = dismissal.created_at if dismissal else None
        return dismissed_at is None or (
            self.last_published_at is not None and self.last_published_at > dismissed_at
        )

    @path("why/dismiss/", name="dismiss-why")
    def dismiss_why(self, request):
        """Put the "why" banner away from this person's home page."""
        from django.http import HttpResponseNotAllowed
        from django.utils import timezone

        from intranet.context_processors import intranet_home_url

        from .records import WhyBannerDismissal

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        WhyBannerDismissal.objects.update_or_create(
            user=request.user, defaults={"created_at": timezone.now()}
        )
        return redirect(intranet_home_url(request))

    @path("mine/", name="mine")
    def my_guidelines(self, request):
        """What is waiting for this person, what they have read, and their training."""
        user = request.user
        guidelines = translations.children_of(
            self, pages.guideline_model().objects.all()
        )
        waiting = list(
            translations.in_tree_order(
                translations.one_per_page(
                    guidelines.waiting_for(user)
                ).defer_streamfields()
            )
        )
        changes = (
            ChangeLogEntry.objects.filter(
                page__translation_key__in=[g.translation_key for g in waiting],
                substantive=True,
            )
            .annotate(
                key=F("page__translation_key"),
                language=F("page__locale__language_code"),
            )
            .order_by("-version")
        )
        for guideline in waiting:
            guideline.changes = guideline.changes_since(
                guideline.acknowledged_version,
                [c for c in changes if c.key == guideline.translation_key],
            )
        acknowledged = translations.in_tree_order(
            translations.one_per_page(guidelines.visible_to(user))
            .must_read()
            .with_acknowledgement_of(user)
            .filter(acknowledged=True)
            .defer_streamfields()
        )
        modules = list(self.modules_for(user))
        results = {}
        for result in (
            KnowledgeCheckResult.objects.filter(
                user=user,
                module__translation_key__in=[m.translation_key for m in modules],
            )
            .annotate(key=F("module__translation_key"))
            .order_by("passed", "updated_at")
        ):
            results[result.key] = result  # a pass, else the latest, wins
        for module in modules:
            module.result = results.get(module.translation_key)
        return TemplateResponse(
            request,
            "intranet/guidelines/my_guidelines.html",
            {
                "page": self,
                "self": self,
                "waiting": waiting,
                "acknowledged": acknowledged,
                "modules": modules,
            },
        )
