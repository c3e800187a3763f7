"""The People section: the directory, leaders' profiles and their updates.

::

    /people/                          PeopleIndexPage: directory and "Leadership"
    /people/<leader>/                 LeaderProfilePage: one leader, linked to one user
    /people/<leader>/post/            ... "Post an update" (the leader and delegates)
    /people/<leader>/<update>/        LeaderUpdatePage: a short update, with comments

Staff profiles themselves are a Django view (``people:profile``), not pages.
"""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager, Task, TaskState
from wagtail.query import PageQuerySet
from wagtail.search import index

from intranet import (
    audience,
    ids,  # noqa: F401 - registers the intranet_id converter
    renditions,
    translations,
)
from intranet.discussions.blocks import PollBlock
from intranet.models import AudienceMixin, IntranetPageMixin, SectionPage
from intranet.search import clean_query
from intranet.social.pages import CommentablePageMixin

from .admin_forms import LeaderProfileForm, LeaderUpdateForm

PER_PAGE = 50
HIGHLIGHT_DAYS = 14
UPDATE_TEXT_LENGTH = 1500
# Sub-paths of a leader's profile that are views, so never an update's slug.
RESERVED_SLUGS = {"post", "approve"}


class PeopleIndexPage(IntranetPageMixin, SectionPage):
    """People: the staff directory and the leaders' profiles."""

    template = "intranet/people/people_index_page.html"

    subpage_types = ["intranet_people.LeaderProfilePage"]
    per_page = PER_PAGE

    class Meta:
        verbose_name = _("people index page")

    def leaders_for(self, user):
        return translations.in_tree_order(
            translations.one_per_page(
                translations.children_of(
                    self, LeaderProfilePage.objects.all()
                ).visible_to(user)
            )
            .select_related("user__intranet_profile")
            .prefetch_related(
                Prefetch(
                    "photo",
                    queryset=get_image_model().objects.prefetch_renditions(
                        renditions.PORTRAIT
                    ),
                )
            )
        )

    def get_context(self, request, *args, **kwargs):
        from .directory import directory_page

        context = super().get_context(request, *args, **kwargs)
        query = clean_query(request.GET.get("q", ""))
        department = clean_query(request.GET.get("department", ""))
        context.update(
            directory_page(
                request.user, query, department, request.GET.get("page"), self
            )
        )
        context["leaders"] = self.leaders_for(request.user)
        return context


class LeaderProfileQuerySet(PageQuerySet):
    def visible_to(self, user):
        return audience.visible_to(self, user)


class LeaderProfilePage(
    IntranetPageMixin, RoutablePageMixin, CommentablePageMixin, Page
):
    """A leader's own page: who they are, what they focus on, what they post.

    Staff follow it with the shared follow machinery and ask the leader questions on
    it: every new thread here is a question, open until the leader replies. Other
    conversation happens on each update.
    """

    template = "intranet/people/leader_profile_page.html"

    # What its publication makes ahead (intranet.renditions).
    image_renditions = {"photo": renditions.LEADER_PHOTO}

    # One profile for a person in each language: its translations are theirs too
    # (``clean`` keeps it to one a language).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="leader_profiles",
        verbose_name=_("leader"),
        help_text=_("The person whose profile this is. Only editors can change it."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=120)
    biography = models.TextField(_("biography"), max_length=3000, blank=True)
    focus_areas = models.TextField(
        _("focus areas"),
        max_length=1000,
        blank=True,
        help_text=_("One per line: what this leader is working on."),
    )
    delegates = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="delegate_for",
        verbose_name=_("delegates"),
        help_text=_(
            "People who may draft updates for this leader. The leader approves "
            "each one, and readers see who prepared it."
        ),
    )

    objects = PageManager.from_queryset(LeaderProfileQuerySet)()
    base_form_class = LeaderProfileForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("user"),
        FieldPanel("display_name"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("biography"),
        FieldPanel("focus_areas"),
        FieldPanel("delegates"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("role"),
        index.SearchField("biography"),
        index.SearchField("focus_areas"),
    ]
    parent_page_types = ["intranet_people.PeopleIndexPage"]
    subpage_types = ["intranet_people.LeaderUpdatePage"]

    class Meta:
        verbose_name = _("leader profile")

    accepts_questions = True
    questions_only = True
    shows_reactions = False
    follow_on_comment = False
    comment_actions_template = "intranet/people/includes/question_badge.html"

    OWNERS_CACHE_KEY = "intranet:leader-profile-owners"

    @classmethod
    def owner_ids(cls) -> set[int]:
        """The people who have a leader profile: asked on every home page (their
        waiting questions), so kept in the cache and forgotten when a profile is
        saved or deleted."""
        found = cache.get(cls.OWNERS_CACHE_KEY)
        if found is None:
            found = set(
                cls.objects.exclude(user=None).values_list("user_id", flat=True)
            )
            cache.set(cls.OWNERS_CACHE_KEY, found, 300)
        return found

    @classmethod
    def owners_changed(cls) -> None:
        def forget():
            cache.delete(cls.OWNERS_CACHE_KEY)

        forget()
        transaction.on_commit(forget)

    def save(self, *args, **kwargs):
        self.comments_enabled = True  # questions for the leader; moderators close them
        super().save(*args, **kwargs)

    def conversation_recipients(self, comment):
        return [self.user]

    def clean(self):
        super().clean()
        if self.slug == "profile":
            raise ValidationError(
                {"slug": _("“profile” is taken by staff profiles; choose another.")}
            )
        if (
            self.user_id
            and LeaderProfilePage.objects.filter(
                user_id=self.user_id, locale_id=self.locale_id
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {"user": _("This person already has a leader profile.")}
            )

    @property
    def focus_area_list(self) -> list[str]:
        return [line.strip() for line in self.focus_areas.splitlines() if line.strip()]

    def is_leader(self, user) -> bool:
        return user.is_authenticated and user.pk == self.user_id

    def is_delegate(self, user) -> bool:
        if not user.is_authenticated or user.pk == self.user_id:
            return False
        cache = self.__dict__.setdefault("_delegate_checks", {})
        if user.pk not in cache:
            cache[user.pk] = self.delegates.filter(pk=user.pk).exists()
        return cache[user.pk]

    def can_post(self, user) -> bool:
        """The leader, and the delegates they named, may post from the front end."""
        return user.is_active and (self.is_leader(user) or self.is_delegate(user))

    def visible_updates(self, user):
        """Its updates ``user`` may see, in all their versions."""
        return translations.children_of(
            self, LeaderUpdatePage.objects.all()
        ).visible_to(user)

    def updates_for(self, user, visible=None):
        """Its updates ``user`` may see, each once, in their language where there
        is a version in it."""
        visible = self.visible_updates(user) if visible is None else visible
        return translations.one_per_page(visible).newest_first().for_cards()

    def get_context(self, request, *args, **kwargs):
        from .leaders import open_questions, questions_in, waiting_drafts

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        if "conversation" in context:
            conversation = context["conversation"]
            if conversation.form is not None and not conversation.reply_to:
                conversation.form.fields["text"].label = _("Your question")
            asked = questions_in(conversation, self.user_id)
            context["answered_ids"] = {q.comment.pk for q in asked if q.answered}
        visible_updates = self.visible_updates(user)
        updates = Paginator(self.updates_for(user, visible_updates), PER_PAGE).get_page(
            request.GET.get("page")
        )
        context["updates"] = updates
        context["questions"] = open_questions(self, user, updates=visible_updates)
        context["can_post"] = self.can_post(user)
        context["is_leader"] = self.is_leader(user)
        context["drafts"] = waiting_drafts(self, user)
        return context

    @path("")
    def index(self, request):
        if request.method == "POST" and request.user.is_authenticated:
            return self.serve_comment_post(request)
        return self.render(request)

    @path("post/")
    def post_update(self, request):
        from .views import post_update

        return post_update(request, self)

    @path("approve/<intranet_id:update_id>/")
    def approve_update(self, request, update_id):
        from .views import approve_update

        return approve_update(request, self, update_id)


class LeaderUpdateQuerySet(PageQuerySet):
    def visible_to(self, user):
        return audience.visible_to(self, user)

    def newest_first(self):
        return self.order_by("-first_published_at", "-pk")

    def recent(self, days=HIGHLIGHT_DAYS):
        return self.filter(first_published_at__gte=timezone.now() - timedelta(days))

    def for_cards(self):
        """What an update card shows, in a fixed number of queries for any number."""
        return (
            self.defer_streamfields()
            .select_related(
                "leader__intranet_profile", "prepared_with__intranet_profile"
            )
            .prefetch_related(
                Prefetch(
                    "image",
                    queryset=get_image_model().objects.prefetch_renditions(
                        renditions.UPDATE_CARD
                    ),
                )
            )
        )


class LeaderUpdatePage(IntranetPageMixin, AudienceMixin, CommentablePageMixin, Page):
    """A leader's short update: staff comment, react and ask questions under it.

    ``leader`` comes from the profile the update sits under, never from a form.
    ``prepared_with`` names the delegate who drafted it; it is set from the person
    who created the draft, never from a form.
    """

    counts_reads = True

    def reach_owner_ids(self) -> set[int]:
        return {self.leader_id}

    template = "intranet/people/leader_update_page.html"

    # What its publication makes ahead (intranet.renditions).
    image_renditions = {"image": renditions.UPDATE_IMAGE}

    text = models.TextField(_("update"), max_length=UPDATE_TEXT_LENGTH)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its alt text is the image's description in the image library."),
    )
    video_url = models.URLField(
        _("video"),
        blank=True,
        help_text=_("A YouTube or Vimeo link."),
    )
    poll = StreamField(
        [("poll", PollBlock(label=_("poll")))],
        verbose_name=_("poll"),
        blank=True,
        max_num=1,
        help_text=_("Optional: ask staff to vote."),
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="leader_updates",
        verbose_name=_("leader"),
    )
    prepared_with = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="prepared_updates",
        verbose_name=_("prepared with"),
    )
    urgent = models.BooleanField(
        _("urgent"),
        default=False,
        help_text=_(
            "Followers who chose a digest are e-mailed at once about this update."
        ),
    )
    followers_notified_at = models.DateTimeField(null=True, editable=False)

    objects = PageManager.from_queryset(LeaderUpdateQuerySet)()
    base_form_class = LeaderUpdateForm

    accepts_questions = True
    follow_on_comment = False
    comment_actions_template = "intranet/people/includes/question_badge.html"
    public_template = "intranet/people/leader_update_page_public.html"
    PUBLIC_MAX_AGE = 300

    def get_template(self, request, *args, **kwargs):
        """Readers outside the organisation get the public layout: nothing internal."""
        if not request.user.is_authenticated:
            return self.public_template
        return super().get_template(request, *args, **kwargs)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if not request.user.is_authenticated and self.is_public:
            patch_cache_control(response, public=True, max_age=self.PUBLIC_MAX_AGE)
        return response

    content_panels = [
        *Page.content_panels,
        FieldPanel("text"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("video_url")], heading=_("Media")
        ),
        FieldPanel("poll"),
        FieldPanel("urgent"),
    ]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("audience"),
        *CommentablePageMixin.comment_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("text"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["intranet_people.LeaderProfilePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("leader update")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is taken; choose another.")})

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.path else None
        if parent is not None:
            self.leader_id = (
                LeaderProfilePage.objects.filter(pk=parent.pk)
                .values_list("user_id", flat=True)
                .first()
            )
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        """A revision never brings back who the update was made for or sent to."""
        obj = super().with_content_json(content)
        obj.leader_id = self.leader_id
        obj.prepared_with_id = self.prepared_with_id
        obj.followers_notified_at = self.followers_notified_at
        return obj

    def conversation_recipients(self, comment):
        return [self.leader] if self.leader is not None else []

    @property
    def is_highlighted(self) -> bool:
        return bool(
            self.first_published_at
            and self.first_published_at >= timezone.now() - timedelta(HIGHLIGHT_DAYS)
        )

    def get_context(self, request, *args, **kwargs):
        from .leaders import questions_in

        context = super().get_context(request, *args, **kwargs)
        if "conversation" in context:
            questions = questions_in(context["conversation"], self.leader_id)
            context["questions"] = questions
            context["answered_ids"] = {q.comment.pk for q in questions if q.answered}
        return context


class LeaderApprovalTask(Task):
    """A workflow step only the leader the page belongs to can approve.

    One "Leader approval" workflow covers every profile: a delegate's draft waits
    for its own leader, and no other leader can approve it or open it in the editor.
    """

    @staticmethod
    def leader_id_for(obj):
        obj = getattr(obj, "specific", obj)
        if isinstance(obj, LeaderUpdatePage):
            return obj.leader_id
        if isinstance(obj, LeaderProfilePage):
            return obj.user_id
        return None

    def _approves(self, obj, user) -> bool:
        return bool(
            user.is_authenticated
            and user.is_active
            and (user.is_superuser or self.leader_id_for(obj) == user.pk)
        )

    def user_can_access_editor(self, obj, user):
        return self._approves(obj, user)

    def locked_for_user(self, obj, user):
        return not self._approves(obj, user)

    def user_can_lock(self, obj, user):
        return self._approves(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self._approves(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve and publish"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        mine = LeaderUpdatePage.objects.filter(leader=user).values_list("pk", flat=True)
        return states.filter(
            Q(revision__object_id__in=[str(pk) for pk in mine])
            | Q(revision__object_id__in=[str(p.pk) for p in _profiles_of(user)])
        )

    @classmethod
    def get_description(cls):
        return _("The leader whose profile the page is under approves it")

    class Meta:
        verbose_name = _("leader approval task")
        verbose_name_plural = _("leader approval tasks")


def _profiles_of(user):
    return LeaderProfilePage.objects.filter(user=user).only("pk")
