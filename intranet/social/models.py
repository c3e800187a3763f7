import secrets

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Case, Exists, F, Max, Min, OuterRef, Q, Subquery, When
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import (
    MaxThreadLevelExceededException,
    XtdComment,
    max_thread_level_for_content_type,
)
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.search import index

from intranet.models import UserThing

from .translations import conversation_page


def new_feed_key() -> str:
    return secrets.token_urlsafe(32)


class Network(models.TextChoices):
    LINKEDIN = "linkedin", "LinkedIn"
    X = "x", "X"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    YOUTUBE = "youtube", "YouTube"
    TIKTOK = "tiktok", "TikTok"
    OTHER = "other", _("Other")


class ExternalChannel(index.Indexed, models.Model):
    """One of the organisation's official accounts elsewhere: "where we are"."""

    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    name = models.CharField(_("account name"), max_length=100)
    url = models.URLField(_("address"))
    owner = models.CharField(
        _("owner"), max_length=120, help_text=_("The team or person who runs it.")
    )
    purpose = models.TextField(_("purpose"), max_length=500, blank=True)
    audience = models.CharField(
        _("audience"), max_length=200, blank=True, help_text=_("Who it speaks to.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("network"),
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("owner"),
        FieldPanel("purpose"),
        FieldPanel("audience"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("purpose")]

    class Meta:
        ordering = ["sort_order", "network", "name"]
        verbose_name = _("external channel")
        verbose_name_plural = _("external channels")

    def __str__(self):
        return f"{self.name} ({self.get_network_display()})"

    CACHE_KEY = "intranet:social:external-channels"

    @classmethod
    def cached_list(cls) -> list["ExternalChannel"]:
        """Every channel, from the cache: they are shown in every page's footer."""
        return cache.get_or_set(cls.CACHE_KEY, lambda: list(cls.objects.all()), 3600)


@receiver([post_save, post_delete], sender=ExternalChannel)
def forget_cached_channels(sender, **kwargs):
    cache.delete(ExternalChannel.CACHE_KEY)


# Conversations ------------------------------------------------------------------------


class CommentQuerySet(models.QuerySet):
    def for_page(self, page):
        """The comments of ``page``'s conversation, whichever version it is."""
        page = conversation_page(page)
        return self.filter(
            content_type=ContentType.objects.get_for_model(page.specific_class),
            object_pk=str(page.pk),
        )

    def thread_order(self):
        """In reading order, each with its author's profile and whether the author
        is a leader (``author_is_leader``), all in the one query."""
        leader_profiles = apps.get_model("intranet_people", "LeaderProfilePage")
        return (
            self.select_related("user__intranet_profile")
            .annotate(
                author_is_leader=Exists(
                    leader_profiles.objects.filter(user_id=OuterRef("user_id"))
                )
            )
            .order_by("thread_id", "order")
        )

    def counted(self):
        """The comments that count: not removed by their author, not hidden."""
        return self.filter(is_public=True, is_removed=False)


class Comment(XtdComment):
    """A comment on a page, threaded by django-comments-xtd.

    The author is always the signed-in account (``user``); the name and e-mail
    fields of django-comments are filled from it and never from the form.
    ``is_removed`` means its author deleted it; ``is_public = False`` means a
    moderator hid it, with a reason its author sees.
    """

    xtdcomment_ptr = models.OneToOneField(
        XtdComment,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        related_name="intranet_comment",
    )
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    hidden_reason = models.TextField(_("why it was hidden"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    submission_token = models.UUIDField(
        null=True, blank=True, unique=True, editable=False
    )
    is_question = models.BooleanField(
        _("question"),
        default=False,
        help_text=_("Asked of the page's author, who is expected to answer."),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return f"{self.user_name}: {self.comment[:50]}"

    # Threading. django-comments-xtd inserts a new comment's three rows (its own
    # two and ours), then works out the thread fields and updates all three. Here
    # a reply is placed in its thread first and a new thread's first comment takes
    # its own id as it is inserted, so each row is written once, with the same
    # thread fields django-comments-xtd would give it.

    def save(self, *args, **kwargs):
        if self.pk is not None:
            return super().save(*args, **kwargs)
        if self.parent_id and not self.thread_id:
            with transaction.atomic():
                self.place_under(Comment.objects.get(pk=self.parent_id))
                return super(XtdComment, self).save(*args, **kwargs)
        return super(XtdComment, self).save(*args, **kwargs)

    def _save_table(self, raw=False, cls=None, *args, **kwargs):
        # Between the insert of the django-comments row (which gives the id) and
        # that of the django-comments-xtd row: a new thread is its own thread and
        # its own parent, as django-comments-xtd has it.
        if cls is XtdComment and self._state.adding and not self.thread_id:
            self.thread_id = self.parent_id = self.id
        return super()._save_table(raw, cls, *args, **kwargs)

    def max_thread_level(self) -> int:
        content_type = ContentType.objects.get_for_id(self.content_type_id)
        return max_thread_level_for_content_type(content_type)

    def allow_thread(self) -> bool:
        """Whether a reply may go under this comment (the content type comes from
        Django's cache, not a query)."""
        return self.level < self.max_thread_level()

    def place_under(self, parent: "Comment") -> None:
        """Give this new comment the thread fields of a reply to ``parent``: after
        the parent's last descendant, its ancestors counting one more nested reply,
        the comments after it one place further down, exactly as django-comments-xtd
        orders a thread. Two queries (one more per level deeper than the third);
        call it in the transaction that saves the comment."""
        if not parent.allow_thread():
            raise MaxThreadLevelExceededException(self)
        thread = XtdComment.norel_objects.filter(thread_id=parent.thread_id)
        # The parent's order as it is now: earlier replies may have moved it down
        # since ``parent`` was read.
        parent_order = Subquery(thread.filter(pk=parent.pk).values("order"))
        bounds = thread.aggregate(
            after=Min(
                "order", filter=Q(level__lte=parent.level, order__gt=parent_order)
            ),
            last=Max("order"),
        )
        ancestors = {parent.pk, parent.thread_id}
        above, level = parent.parent_id, parent.level - 1
        while level > 0:
            ancestors.add(above)
            if level > 1:
                above = (
                    thread.filter(pk=above).values_list("parent_id", flat=True).get()
                )
            level -= 1
        self.parent_id = parent.pk
        self.thread_id = parent.thread_id
        self.level = parent.level + 1
        rows = Q(pk__in=ancestors)
        changes = {
            "nested_count": Case(
                When(pk__in=ancestors, then=F("nested_count") + 1),
                default=F("nested_count"),
            )
        }
        if bounds["after"] is None:
            self.order = bounds["last"] + 1
        else:
            self.order = bounds["after"]
            rows |= Q(order__gte=self.order)
            changes["order"] = Case(
                When(order__gte=self.order, then=F("order") + 1), default=F("order")
            )
        thread.filter(rows).update(**changes)

    @property
    def anchor(self) -> str:
        return f"c{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return not self.is_public


class CommentLike(UserThing):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="likes")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "comment"], name="unique_comment_like"
            )
        ]


class CommentReport(UserThing):
    """A member of staff flags a comment for the moderators, saying why."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a moderator")
        HIDDEN = "hidden", _("Comment hidden")
        DISMISSED = "dismissed", _("Dismissed: the comment stays")

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.TextField(_("reason"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("flagged comment")
        verbose_name_plural = _("flagged comments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "comment"], name="unique_comment_report"
            )
        ]

    def __str__(self):
        return f"{self.comment} ({self.get_status_display()})"


class Reaction(models.TextChoices):
    LIKE = "like", _("Like")
    CELEBRATE = "celebrate", _("Celebrate")
    INSIGHTFUL = "insightful", _("Insightful")
    SUPPORT = "support", _("Support")


REACTION_EMOJI = {
    Reaction.LIKE: "👍",
    Reaction.CELEBRATE: "🎉",
    Reaction.INSIGHTFUL: "💡",
    Reaction.SUPPORT: "🤝",
}


class PageReaction(UserThing):
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(_("reaction"), max_length=12, choices=Reaction.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page"], name="unique_page_reaction"
            )
        ]


class PageFollow(UserThing):
    """A person follows a page (a thread, a leader's profile) to hear what is new."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="follows"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="unique_page_follow")
        ]


class FeedToken(models.Model):
    """The secret in a person's feed addresses: feed readers send no cookies."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token"
    )
    key = models.CharField(max_length=64, unique=True, default=new_feed_key)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Feed token of {self.user}"

    def reset(self):
        self.key = new_feed_key()
        self.created_at = timezone.now()
        self.save(update_fields=["key", "created_at"])


# Share kit ---------------------------------------------------------------------------


SHARE_NETWORK_CHOICES = [
    ("linkedin", "LinkedIn"),
    ("x", "X"),
    ("facebook", "Facebook"),
    ("email", _("e-mail")),
    ("copy", _("copied link")),
]


def hour_of(moment):
    """The clock hour ``moment`` falls in: a share counts once in it."""
    return moment.replace(minute=0, second=0, microsecond=0)


class ShareClick(models.Model):
    """An ambassador used the share kit on a public page. One row per person, page
    and network in each clock hour: sharing again within it is not counted again,
    which the database itself holds to, however fast the requests come."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="share_clicks"
    )
    network = models.CharField(
        _("network"), max_length=10, choices=SHARE_NETWORK_CHOICES
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="share_clicks",
        verbose_name=_("ambassador"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    hour = models.DateTimeField(_("hour"), editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["page", "user"], name="shareclick_page_user")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "network", "hour"],
                name="unique_share_per_hour",
            )
        ]
        verbose_name = _("share")
        verbose_name_plural = _("shares")

    def __str__(self):
        return f"{self.user} → {self.get_network_display()}"

    def save(self, *args, **kwargs):
        if self.hour is None:
            self.hour = hour_of(self.created_at)
        super().save(*args, **kwargs)


class TrackedVisit(models.Model):
    """A visit to a public page that our tracking tag brought back from a network.

    One row per visitor and tracked link (page and network) a day, held to by the
    database. ``visitor`` is a keyed hash of the address the visit came from, never
    the address itself; visits counted before visitors were told apart have none.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="tracked_visits"
    )
    network = models.CharField(
        _("network"), max_length=10, choices=SHARE_NETWORK_CHOICES
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    # NULL, not "": the visits of unknown visitors never collide with each other.
    visitor = models.CharField(
        _("visitor"), max_length=64, null=True, blank=True, editable=False
    )
    day = models.DateField(_("day"), editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "network", "visitor", "day"],
                name="unique_visit_per_day",
            )
        ]
        verbose_name = _("visit back")
        verbose_name_plural = _("visits back")

    def __str__(self):
        return f"{self.page_id} from {self.network}"

    def save(self, *args, **kwargs):
        if self.day is None:
            self.day = timezone.localdate(self.created_at)
        super().save(*args, **kwargs)


@register_setting(icon="link-external")
class SharingSettings(BaseSiteSetting):
    """The ambassador programme's hashtag and the campaign name in tracked links."""

    hashtag = models.CharField(
        _("programme hashtag"),
        max_length=50,
        blank=True,
        validators=[
            RegexValidator(r"^(#\w+)?$", _("One hashtag: # and letters or digits."))
        ],
        help_text=_("Added to every suggested text, e.g. #NorthwindVoices."),
    )
    utm_campaign = models.SlugField(
        _("campaign name"),
        max_length=50,
        default="ambassadors",
        help_text=_("The utm_campaign of every shared link."),
    )

    panels = [FieldPanel("hashtag"), FieldPanel("utm_campaign")]

    class Meta:
        verbose_name = _("sharing")

    @classmethod
    def hashtag_for(cls, site) -> str:
        if site is None:
            from wagtail.models import Site

            site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return ""
        return cls.for_site(site).hashtag


class Kind(models.TextChoices):
    """What a notification is about; each kind has its own delivery preference."""

    REPLY = "reply", _("Replies to your comments")
    MENTION = "mention", _("Mentions of you")
    COMMENT = "comment", _("Comments on your posts and the threads you follow")
    ANSWER = "answer", _("Your reply marked as the answer")
    LEADER = "leader", _("Updates from leaders you follow")
    POST = "post", _("New posts by people and in tags you follow")
    GUIDELINE = "guideline", _("Guidelines waiting for your acknowledgement")
    HIDDEN = "hidden", _("Your comment hidden by a moderator")


class Delivery(models.TextChoices):
    """How a kind of notification reaches someone by e-mail."""

    INSTANT = "instant", _("At once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Off")


class Notification(models.Model):
    """Something new for one person, shown under the bell in the header.

    It stores who, what and where, never a copy of the words: what it shows is read
    from the page and comment when it is displayed, and only if the person may still
    see them.
    """

    Kind = Kind

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    urgent = models.BooleanField(
        default=False, help_text=_("Sent at once by e-mail, never held for a digest.")
    )
    emailed_at = models.DateTimeField(null=True, blank=True)
    shown = models.BooleanField(
        default=True, help_text=_("Listed under the bell, as the person chose.")
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.recipient})"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """How one person wants one kind of notification; no row means the default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    on_site = models.BooleanField(_("on the site"), default=True)
    email = models.CharField(
        _("by e-mail"), max_length=10, choices=Delivery.choices, default=Delivery.DAILY
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="unique_notification_preference"
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} ({self.email})"


class DigestSent(models.Model):
    """One digest e-mail per person and period: a second run in the period skips it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    period = models.CharField(max_length=10, choices=Delivery.choices)
    period_start = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    notifications = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period", "period_start"], name="unique_digest"
            )
        ]

    def __str__(self):
        return f"{self.period} digest of {self.period_start} for {self.user}"


class TagFollow(UserThing):
    """A person follows a tag to hear of new posts and threads carrying it."""

    tag = models.ForeignKey(
        "taggit.Tag", on_delete=models.CASCADE, related_name="followers"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "tag"], name="unique_tag_follow")
        ]


class PersonFollow(UserThing):
    """A person follows an author to hear of what they publish."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followers"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "author"], name="unique_person_follow"
            )
        ]


class Announcement(models.Model):
    """A page whose followers have been told it was published: told once only."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    announced_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Announced {self.page_id}"
