from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager, Site
from wagtail.query import PageQuerySet
from wagtail.search import index

from intranet import audience, headers, pages, renditions, translations
from intranet.blocks import BaseStreamBlock
from intranet.discussions.blocks import PollBlock
from intranet.models import AudienceMixin, IntranetPageMixin, SectionPage
from intranet.social import sharing
from intranet.social.models import Comment, PageReaction
from intranet.social.pages import CommentablePageMixin
from intranet.social.translations import conversation_ids

from .blocks import StaffOnlyBlock
from .forms import BlogPostAdminForm

WORDS_PER_MINUTE = 200


class BlogBodyBlock(BaseStreamBlock):
    """What a blog post is made of: the shared blocks, and a poll staff vote in."""

    poll = PollBlock()
    staff_only = StaffOnlyBlock()


class BlogPostQuerySet(PageQuerySet):
    def visible_to(self, user):
        return audience.visible_to(self, user)

    def newest_first(self):
        return self.order_by("-pinned", "-first_published_at", "-pk")

    def for_cards(self):
        """Everything a post card shows but its counts, in a fixed number of queries."""
        return self.defer_streamfields().prefetch_related(
            Prefetch(
                "featured_image",
                queryset=get_image_model().objects.prefetch_renditions(renditions.CARD),
            ),
            Prefetch(
                "authors",
                queryset=author_model().objects.select_related(
                    "person__intranet_profile"
                ),
            ),
            "tags",
        )


def with_counts(posts):
    """Give each post its comment and reaction counts: two queries for a whole page
    (three when some are translations: their counts are their original's)."""
    posts = list(posts)
    talk = conversation_ids(posts)
    ids = list(set(talk.values()))
    comments = dict(
        Comment.objects.counted()
        .filter(
            content_type=ContentType.objects.get_for_model(pages.blog_post_model()),
            object_pk__in=[str(pk) for pk in ids],
        )
        .values_list("object_pk")
        .annotate(n=Count("pk"))
    )
    reactions = dict(
        PageReaction.objects.filter(page_id__in=ids)
        .values_list("page_id")
        .annotate(n=Count("pk"))
    )
    for post in posts:
        post.comment_count = comments.get(str(talk[post.pk]), 0)
        post.reaction_count = reactions.get(talk[post.pk], 0)
    return posts


BlogPostManager = PageManager.from_queryset(BlogPostQuerySet)


def author_model():
    """The site's model of a post's authors (the ``authors`` of its post page)."""
    return pages.blog_post_model()._meta.get_field("authors").related_model


def tagged_items():
    """The lookup from a tag to the site's tagged posts, e.g. ``blog_blogposttag_items``."""
    through = pages.blog_post_model()._meta.get_field("tags").remote_field.through
    return through._meta.get_field("tag").related_query_name()


class AbstractBlogPostTag(TaggedItemBase):
    """A post's tag. The site's model adds the key to its post page::

    content_object = ParentalKey(
        "BlogPostPage", on_delete=models.CASCADE, related_name="tagged_items"
    )
    """

    class Meta:
        abstract = True


class AbstractBlogIndexPage(IntranetPageMixin, SectionPage):
    """The internal blog: what the organisation says, and the conversation about it."""

    intranet_template = "intranet/blog/blog_index_page.html"

    subpage_types = ["intranet:blog_post"]
    per_page = 12

    class Meta:
        abstract = True
        verbose_name = _("blog index page")

    def visible_posts(self, user):
        """The posts on this blog ``user`` may see, each once: in their language
        where it has a version in it (``intranet.translations``)."""
        return translations.one_per_page(
            translations.children_of(
                self, pages.blog_post_model().objects.all()
            ).visible_to(user)
        )

    def posts_for(self, user):
        return self.visible_posts(user).newest_first().for_cards()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        posts = self.posts_for(request.user)
        all_posts = self.visible_posts(request.user)
        tag = request.GET.get("tag", "").strip()
        author = request.GET.get("author", "").strip()
        if tag:
            context["tag"] = Tag.objects.filter(slug=tag).first()
            if context["tag"] is None:
                raise Http404
            posts = posts.filter(tags=context["tag"])
        if author:
            context["author"] = (
                author_model()
                .objects.filter(person__username=author)
                .select_related("person__intranet_profile")
                .first()
            )
            if context["author"] is None:
                raise Http404
            context["author"] = context["author"].person
            posts = posts.filter(authors__person=context["author"]).distinct()
        page = Paginator(posts, self.per_page).get_page(request.GET.get("page"))
        page.object_list = with_counts(page.object_list)
        context["posts"] = page
        context["tags"] = (
            Tag.objects.filter(**{f"{tagged_items()}__content_object__in": all_posts})
            .annotate(post_count=Count(tagged_items()))
            .order_by("-post_count", "name")[:30]
        )
        return context


class AbstractBlogPostPage(
    IntranetPageMixin,
    AudienceMixin,
    sharing.ShareablePageMixin,
    CommentablePageMixin,
    Page,
):
    """A post on the blog: read, react to and discussed by staff.

    An editor can make a post public: anonymous visitors then read it at its usual
    address in the public layout (``blog/blog_post_page_public.html``), without the
    conversation, staff-only blocks or links into the intranet, and ambassadors get
    its share kit.
    """

    counts_reads = True

    intranet_template = "intranet/blog/blog_post_page.html"

    PUBLIC_TEMPLATE = "intranet/blog/blog_post_page_public.html"
    PUBLIC_MAX_AGE = 300

    # What its publication makes ahead (intranet.renditions), with its body images.
    image_renditions = {"featured_image": renditions.FEATURED_IMAGE}

    standfirst = models.TextField(
        _("standfirst"),
        max_length=300,
        help_text=_("One or two sentences that say what the post is about."),
    )
    featured_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its alt text is the image's description in the image library."),
    )
    body = StreamField(BlogBodyBlock(), verbose_name=_("body"))
    on_behalf_of = models.CharField(
        _("on behalf of"),
        max_length=120,
        blank=True,
        help_text=_("A team the authors write for, e.g. “The Communications team”."),
    )
    # The site's model declares its tags on its own tag model:
    #     tags = ClusterTaggableManager(through=BlogPostTag, blank=True)
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Pinned posts come first on the blog.")
    )
    change_note = models.CharField(
        _("what changed"),
        max_length=250,
        blank=True,
        help_text=_("When you update a published post, tell readers what changed."),
    )
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    objects = BlogPostManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        FieldPanel("featured_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                InlinePanel("authors", label=_("Author"), min_num=1),
                FieldPanel("on_behalf_of"),
            ],
            heading=_("Authors"),
        ),
        FieldPanel("tags"),
        FieldPanel("change_note"),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("pinned")]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("audience"),
        *sharing.ShareablePageMixin.share_panels,
        *CommentablePageMixin.comment_panels,
    ]
    base_form_class = BlogPostAdminForm
    preview_modes = [("", _("Staff view")), ("public", _("Public view"))]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields(
            "authors",
            [
                index.RelatedFields(
                    "person",
                    [
                        index.SearchField("first_name"),
                        index.SearchField("last_name"),
                        index.RelatedFields(
                            "intranet_profile", [index.SearchField("display_name")]
                        ),
                    ],
                )
            ],
        ),
        index.FilterField("audience"),
    ]
    parent_page_types = ["intranet:blog_index"]
    subpage_types = []

    class Meta:
        abstract = True
        verbose_name = _("blog post")

    def save(self, *args, **kwargs):
        self.reading_minutes = self.count_reading_minutes()
        super().save(*args, **kwargs)

    def count_reading_minutes(self) -> int:
        words = len(self.standfirst.split())
        for block in self.body:
            words += len(strip_tags(str(block.render_as_block())).split())
        return max(1, round(words / WORDS_PER_MINUTE))

    @property
    def people(self):
        """The post's authors, looked up once for this instance with their people."""
        people = self.__dict__.get("_people")
        if people is None:
            authors = self.authors.all()
            # A fresh query brings the people along; prefetched or unsaved authors
            # are already at hand.
            if getattr(authors, "_result_cache", True) is None:
                authors = authors.select_related("person__intranet_profile")
            people = [author.person for author in authors]
            self.__dict__["_people"] = people
        return people

    def reach_owner_ids(self) -> set[int]:
        return super().reach_owner_ids() | {person.pk for person in self.people}

    @property
    def was_updated(self) -> bool:
        return bool(
            self.change_note
            and self.first_published_at
            and self.last_published_at
            and self.last_published_at > self.first_published_at
        )

    def conversation_recipients(self, comment):
        return self.people

    def related_posts(self, user, limit=3, tags=None):
        tags = self.tags.all() if tags is None else tags
        tag_ids = [tag.pk for tag in tags]
        if not tag_ids:
            return type(self).objects.none()
        return (
            translations.one_per_page(type(self).objects.visible_to(user))
            .filter(tags__in=tag_ids)
            .exclude(translation_key=self.translation_key)
            .annotate(shared=Count("pk"))
            .order_by("-shared", "-first_published_at")
            .defer_streamfields()[:limit]
        )

    def renders_public(self, request) -> bool:
        """Whether this request gets the public layout."""
        mode = getattr(request, "public_preview", None)
        if mode is not None:
            return mode
        return not request.user.is_authenticated

    def clean(self):
        super().clean()
        if self.slug in NewsroomPage.RESERVED_SLUGS:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                {
                    "slug": _(
                        "“%(slug)s” is the address of the newsroom's feed: choose "
                        "another slug."
                    )
                    % {"slug": self.slug}
                }
            )

    def get_template(self, request, *args, **kwargs):
        if self.renders_public(request):
            return self.PUBLIC_TEMPLATE
        return super().get_template(request, *args, **kwargs)

    def public_url(self, request=None) -> str:
        """Where the world reads this post: in the public site's newsroom when there
        is one, else at its own address."""
        newsroom = NewsroomPage.for_request(request)
        if newsroom is not None:
            return newsroom.post_url(self, request)
        return self.get_full_url(request)

    def public_context(self, request) -> dict:
        """The public layout: nothing but the post. No conversation, reactions,
        related internal posts or names of who reacted."""
        from .public import public_body

        newsroom = NewsroomPage.for_request(request)
        return {
            "page": self,
            "self": self,
            "post": self,
            "request": request,
            "public_body": public_body(self, request),
            "canonical_url": self.public_url(request),
            "is_preview": getattr(request, "is_preview", False),
            "newsroom_links": newsroom.links(request) if newsroom else None,
        }

    def get_context(self, request, *args, **kwargs):
        if self.renders_public(request):
            return self.public_context(request)
        context = super().get_context(request, *args, **kwargs)
        context["post_tags"] = list(self.tags.all())
        context["related_posts"] = self.related_posts(
            request.user, tags=context["post_tags"]
        )
        if self.is_public and self.live and not getattr(request, "is_preview", False):
            context["share"] = sharing.share_panel(
                self, request, self.public_url(request), authors=self.people
            )
        return context

    def serve(self, request, *args, **kwargs):
        shared = (
            self.is_public
            and request.method in ("GET", "HEAD")
            and audience.is_public(self)
        )
        if shared and request.user.is_authenticated:
            # The share panel's forms end in a redirect to the network.
            headers.allow(request, "form-action", sharing.SHARE_FORM_ACTIONS)
        if shared and not request.user.is_authenticated:
            newsroom = NewsroomPage.for_request(request)
            if newsroom is not None:
                # The intranet copy stays internal: the world reads it in the newsroom.
                query = request.META.get("QUERY_STRING", "")
                return redirect(
                    newsroom.post_url(self, request) + ("?" + query if query else "")
                )
        response = super().serve(request, *args, **kwargs)
        if shared:
            counted = sharing.record_visit(self, request)
            if not request.user.is_authenticated:
                if counted or "utm_medium" in request.GET:
                    # Tracked links must reach us each time, or visits go uncounted.
                    patch_cache_control(response, public=True, no_cache=True)
                else:
                    patch_cache_control(
                        response, public=True, max_age=self.PUBLIC_MAX_AGE
                    )
        return response

    def serve_preview(self, request, mode_name):
        request.public_preview = mode_name == "public"
        return super().serve_preview(request, mode_name)

    def get_sitemap_urls(self, request=None):
        # Read at the newsroom when there is one: that copy is the one listed.
        if NewsroomPage.for_request(request):
            return []
        return super().get_sitemap_urls(request)


class AbstractBlogPostAuthor(Orderable):
    """One of a post's authors. The site's model adds the key to its post page::

    page = ParentalKey(
        "BlogPostPage", on_delete=models.CASCADE, related_name="authors"
    )
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="blog_authorships",
        verbose_name=_("person"),
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return str(self.person)


class NewsroomPage(RoutablePageMixin, Page):
    """The public website's newsroom: the intranet's public posts, under the public
    site's address and in its layout.

    A host places it anywhere in its public tree (never inside an intranet). It
    lists the posts an editor made public and serves each at ``<newsroom>/<slug>/``
    in the public layout (``intranet/public_base.html``, which the host overrides
    to wear its own header and footer), with OG and canonical data. Comments,
    reactions, staff-only blocks and internal links stay on the intranet copy, which
    stays internal: anonymous visitors who reach it are sent here.
    """

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    template = "intranet/blog/newsroom.html"
    post_template = "intranet/blog/blog_post_page_public.html"
    subpage_types = []
    PER_PAGE = 10
    MAX_AGE = 300
    # The newsroom's own addresses, which a post's slug cannot take.
    RESERVED_SLUGS = frozenset({"rss", "atom"})

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("newsroom")
        verbose_name_plural = _("newsrooms")

    @classmethod
    def can_create_at(cls, parent):
        # The newsroom is the public website's: never inside an intranet.
        return super().can_create_at(parent) and not audience.in_intranet(parent)

    def can_move_to(self, parent):
        return super().can_move_to(parent) and not audience.in_intranet(parent)

    @classmethod
    def for_request(cls, request=None):
        """The live newsroom that public posts are read at, or None: the one in the
        request's Wagtail Site first, else the first in the tree."""
        cached = getattr(request, "_intranet_newsroom", False) if request else False
        if cached is not False:
            return cached
        newsrooms = list(cls.objects.live().public().order_by("path")[:20])
        newsroom = newsrooms[0] if newsrooms else None
        site = Site.find_for_request(request) if request else None
        if site is not None:
            in_site = [n for n in newsrooms if n.path.startswith(site.root_page.path)]
            newsroom = in_site[0] if in_site else newsroom
        if request is not None:
            request._intranet_newsroom = newsroom
        return newsroom

    @staticmethod
    def public_posts():
        """Every public post, newest first: what the outside world may read, each
        once, in the reader's language where it has a version in it."""
        return (
            translations.one_per_page(
                pages.blog_post_model().objects.visible_to(AnonymousUser())
            )
            .order_by("-first_published_at", "-pk")
            .for_cards()
            .prefetch_related("authors__person__intranet_profile")
        )

    def post_url(self, post, request=None) -> str:
        return self.get_full_url(request) + self.reverse_subpage(
            "post", args=[post.slug]
        )

    def links(self, request=None) -> dict:
        url = self.get_url(request)
        return {
            "index": url,
            "rss": url + self.reverse_subpage("rss"),
            "atom": url + self.reverse_subpage("atom"),
        }

    def _cache(self, request, response, **public):
        """Shared caches may keep what an anonymous visitor gets; what is rendered
        for a signed-in person (the host's layout may carry its user bar) is not
        stored."""
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
        else:
            patch_cache_control(response, public=True, **public)
        return response

    def _public(self, request, response):
        return self._cache(request, response, max_age=self.MAX_AGE)

    @path("")
    def index(self, request):
        page = Paginator(self.public_posts(), self.PER_PAGE).get_page(
            request.GET.get("page")
        )
        for post in page:
            post.public_link = self.post_url(post, request)
        context = self.get_context(request)
        context.update(posts=page, page_obj=page, newsroom_links=self.links(request))
        return self._public(request, TemplateResponse(request, self.template, context))

    @path("rss/")
    def rss(self, request):
        from .newsroom import NewsroomFeed

        return NewsroomFeed(self)(request)

    @path("atom/")
    def atom(self, request):
        from .newsroom import NewsroomAtomFeed

        return NewsroomAtomFeed(self)(request)

    @path("<slug:slug>/")
    def post(self, request, slug):
        # A post and its translations may share a slug: the reader's version first.
        post = (
            translations.reader_first(
                pages.blog_post_model()
                .objects.visible_to(AnonymousUser())
                .filter(slug=slug),
                "-first_published_at",
                "-pk",
            )
            .select_related("featured_image")
            .prefetch_related("authors__person__intranet_profile")
            .first()
        )
        if post is None:
            raise Http404
        moved = self.reader_version_redirect(post, request)
        if moved is not None:
            return self._public(request, moved)
        counted = sharing.record_visit(post, request)
        context = post.public_context(request)
        # The host's layout sees the newsroom as the page it serves: its breadcrumbs,
        # menus and user bar never reach into the intranet's tree.
        context.update(
            page=self, self=self, newsroom=self, newsroom_links=self.links(request)
        )
        response = TemplateResponse(request, self.post_template, context)
        if counted or "utm_medium" in request.GET:
            # Tracked links must reach us each time, or visits go uncounted.
            return self._cache(request, response, no_cache=True)
        return self._public(request, response)

    def reader_version_redirect(self, post, request):
        """To the post's public version in the reader's language, when it has
        another slug; None otherwise."""
        version = translations.translation_in(post, translations.reader_language())
        if version is None or version.pk == post.pk or version.slug == post.slug:
            return None
        if not audience.is_public(version):
            return None
        query = request.META.get("QUERY_STRING", "")
        return redirect(
            self.post_url(version, request) + ("?" + query if query else "")
        )

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        for post in self.public_posts().defer_streamfields():
            urls.append(
                {
                    "location": self.post_url(post, request),
                    "lastmod": post.last_published_at,
                }
            )
        return urls
