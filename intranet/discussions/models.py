import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from intranet import audience, roles
from intranet.models import IntranetPageMixin, SectionPage
from intranet.social.pages import CommentablePageMixin

EDIT_WINDOW = timezone.timedelta(hours=1)


class DiscussionIndexPage(IntranetPageMixin, SectionPage):
    """Discussions: threads any member of staff can start."""

    template = "intranet/discussions/discussion_index_page.html"

    subpage_types = ["intranet_discussions.DiscussionThreadPage"]
    per_page = 20

    class Meta:
        verbose_name = _("discussion index page")

    def get_context(self, request, *args, **kwargs):
        from .listing import thread_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(thread_listing(self, request))
        return context


class ThreadQuerySet(PageQuerySet):
    def visible_to(self, user):
        """Threads this person may see: hidden ones only to their author and moderators."""
        return audience.visible_to(self, user)

    def in_listing_order(self):
        return self.order_by("-pinned", "-last_activity_at", "-pk")


ThreadManager = PageManager.from_queryset(ThreadQuerySet)


class DiscussionThreadTag(TaggedItemBase):
    content_object = ParentalKey(
        "intranet_discussions.DiscussionThreadPage",
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )


class DiscussionThreadPage(IntranetPageMixin, CommentablePageMixin, Page):
    """A question or idea any member of staff raised, and the replies to it."""

    counts_reads = True

    template = "intranet/discussions/discussion_thread_page.html"

    body = models.TextField(_("what you want to say"), max_length=5000)
    tags = ClusterTaggableManager(through=DiscussionThreadTag, blank=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    answer = models.ForeignKey(
        "intranet_social.Comment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answer"),
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.TextField(_("why it was hidden"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ThreadManager()

    @classmethod
    def hidden_from(cls, user):
        """Threads a moderator hid: hidden from all but their author and moderators
        (see ``intranet.audience.hidden_from``)."""
        if roles.is_moderator(user):
            return cls.objects.none()
        hidden = cls.objects.filter(hidden_at__isnull=False)
        return hidden.exclude(owner=user) if user.is_authenticated else hidden

    follow_on_comment = True
    comment_actions_template = "intranet/discussions/includes/answer_button.html"
    # Moderation state, kept when a revision is published (see with_content_json).
    moderation_fields = [
        "pinned",
        "last_activity_at",
        "answer_id",
        "hidden_at",
        "hidden_reason",
        "hidden_by_id",
        "edited_at",
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    settings_panels = [*Page.settings_panels, *CommentablePageMixin.comment_panels]
    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["intranet_discussions.DiscussionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("discussion thread")

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for name in self.moderation_fields:
            setattr(obj, name, getattr(self, name))
        return obj

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def hides_from(self, user) -> bool:
        """Hidden by a moderator, and ``user`` is neither its author nor a moderator
        (``intranet.audience`` applies this to every way in)."""
        return self.is_hidden and not (
            user.is_authenticated
            and (self.owner_id == user.pk or roles.is_moderator(user))
        )

    @property
    def is_locked(self) -> bool:
        return self.comments_closed

    @property
    def state(self) -> str:
        if self.comments_closed:
            return "locked"
        if self.answer_id:
            return "answered"
        return "open"

    def can_edit(self, user) -> bool:
        return (
            user.is_authenticated
            and self.owner_id == user.pk
            and self.first_published_at is not None
            and timezone.now() - self.first_published_at <= EDIT_WINDOW
            and not self.is_hidden
        )

    def conversation_recipients(self, comment):
        from intranet.social.services import followers

        return list(followers(self))

    def get_context(self, request, *args, **kwargs):
        from .polls import poll_context
        from .services import can_mark_answer

        context = super().get_context(request, *args, **kwargs)
        poll = self.shared_poll() if self.pk else None
        context["poll"] = poll_context(poll, request.user) if poll else None
        context["can_edit_thread"] = self.can_edit(request.user)
        context["can_mark_answer"] = can_mark_answer(request.user, self)
        return context

    def shared_poll(self):
        """The thread's poll, whichever of its versions it was started on: one poll,
        one count of votes, in every language (its options as they were written)."""
        return Poll.objects.filter(thread__translation_key=self.translation_key).first()


class ResultsShown(models.TextChoices):
    ALWAYS = "always", _("Always")
    AFTER_VOTING = "after_voting", _("After voting")
    AFTER_CLOSING = "after_closing", _("After the poll closes")


class Poll(index.Indexed, ClusterableModel):
    """A question with options. It belongs to a thread, or editors embed it in a post."""

    question = models.CharField(_("question"), max_length=200)
    thread = models.OneToOneField(
        DiscussionThreadPage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="poll",
        verbose_name=_("thread"),
    )
    max_choices = models.PositiveSmallIntegerField(
        _("choices per person"),
        default=1,
        help_text=_("1 for a single choice; more lets people pick up to that many."),
    )
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    results_shown = models.CharField(
        _("show results"),
        max_length=20,
        choices=ResultsShown.choices,
        default=ResultsShown.AFTER_VOTING,
    )
    secret = models.BooleanField(
        _("secret ballot"),
        default=True,
        help_text=_(
            "Show only counts, never names. Recorded: that each person voted, and on "
            "which day; apart from that, each ballot's chosen options. Not recorded: "
            "anything tying a ballot to a person (no name, key, number or time), so "
            "nobody, administrators included, can tell who voted what. A voter can "
            "change their vote only with the receipt shown to them once, when they "
            "voted. Cannot be changed once people have voted."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    panels = [
        FieldPanel("question"),
        InlinePanel("options", label=_("Option"), min_num=2, max_num=10),
        MultiFieldPanel(
            [
                FieldPanel("max_choices"),
                FieldPanel("closes_at"),
                FieldPanel("results_shown"),
                FieldPanel("secret"),
            ],
            heading=_("Voting"),
        ),
    ]
    search_fields = [index.SearchField("question"), index.AutocompleteField("question")]

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["-created_at"]

    def __str__(self):
        return self.question

    @property
    def is_closed(self) -> bool:
        return self.closes_at is not None and self.closes_at <= timezone.now()

    def clean(self):
        if self.max_choices < 1:
            raise ValidationError(
                {"max_choices": _("People must be able to pick one.")}
            )
        if self.pk is not None and self.has_votes():
            before = Poll.objects.filter(pk=self.pk).values_list("secret", flat=True)
            if before and before[0] != self.secret:
                raise ValidationError(
                    {
                        "secret": _(
                            "People have already voted, so the ballot stays as they "
                            "were told it is. Start a new poll to change this."
                        )
                    }
                )

    def has_votes(self) -> bool:
        return self.pk is not None and self.participations.exists()


class PollOption(Orderable):
    poll = ParentalKey(Poll, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("option"), max_length=120)

    panels = [FieldPanel("label")]

    def __str__(self):
        return self.label


class PollParticipation(models.Model):
    """That a person voted in a poll: one per person and poll, enforced here.

    It says nothing of what they chose. A secret poll's ballot is stored apart from it,
    with nothing (no key, number or time) that ties the two together.
    """

    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="poll_participations",
    )
    voted_on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "user"], name="one_vote_per_person")
        ]


class Ballot(models.Model):
    """What was chosen in one vote.

    Its id is random and it keeps no time. On a secret poll it names nobody: the only
    way back to it is ``receipt_hash``, the SHA-256 of a random receipt that only the
    voter was shown. On an open poll ``voter`` names the person, to show names.

    What the columns cannot hide is the database's own bookkeeping: someone who reads
    PostgreSQL's system columns (the id of the transaction that wrote a row) or the
    order rows sit in storage could still pair a ballot with the participation
    written with it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    receipt_hash = models.CharField(max_length=64, null=True, blank=True)
    choices = models.ManyToManyField(
        PollOption, through="BallotChoice", related_name="ballots"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "voter"],
                condition=models.Q(voter__isnull=False),
                name="one_open_ballot_per_person",
            ),
            models.UniqueConstraint(
                fields=["receipt_hash"], name="one_ballot_per_receipt"
            ),
        ]

    @staticmethod
    def hash_receipt(receipt: str) -> str:
        return hashlib.sha256(receipt.encode()).hexdigest()


class BallotChoice(models.Model):
    """One option chosen on a ballot; its id is random too, so rows keep no order.

    It keeps the table and column names of the plain many-to-many it replaced, so
    SQL that tallies votes straight from the database goes on working.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(
        Ballot, on_delete=models.CASCADE, related_name="ballot_choices"
    )
    option = models.ForeignKey(
        PollOption,
        on_delete=models.CASCADE,
        related_name="ballot_choices",
        db_column="polloption_id",
    )

    class Meta:
        db_table = "intranet_discussions_ballot_choices"
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "option"], name="one_choice_per_option"
            )
        ]
