"""The public face of the blog: the newsroom's RSS and Atom feeds, and the
intranet's own newsroom listing for a site that has placed no newsroom page.

Open to everyone; every list is narrowed by the audience rule as it stands for an
anonymous visitor, so only public posts ever appear, whoever asks.
"""

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from intranet import pages, translations

from .feeds import FEED_LENGTH, PostItems
from .models import NewsroomPage

PER_PAGE = 10
MAX_AGE = 300


@login_not_required
@require_GET
def index(request):
    newsroom = NewsroomPage.for_request(request)
    if newsroom is not None:
        return redirect(newsroom.url)
    page = Paginator(NewsroomPage.public_posts(), PER_PAGE).get_page(
        request.GET.get("page")
    )
    for post in page:
        post.public_link = post.url
    response = render(
        request, "intranet/blog/newsroom.html", {"posts": page, "page_obj": page}
    )
    if not request.user.is_authenticated:
        patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


class NewsroomFeed(PostItems, Feed):
    """Public posts: title, standfirst and link. The body stays on the page."""

    title = _("Newsroom")
    description = _("Posts the organisation has made public.")
    description_template = None

    def __init__(self, newsroom=None):
        super().__init__()
        self.newsroom = newsroom

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response

    def link(self):
        if self.newsroom is not None:
            return self.newsroom.get_full_url(self.request)
        return reverse("intranet:newsroom:index")

    def item_link(self, item):
        if self.newsroom is not None:
            return self.newsroom.post_url(item, self.request)
        return super().item_link(item)

    def items(self):
        return (
            translations.one_per_page(
                pages.blog_post_model().objects.visible_to(AnonymousUser())
            )
            .order_by("-first_published_at", "-pk")
            .defer_streamfields()
            .prefetch_related("authors__person__intranet_profile")[:FEED_LENGTH]
        )


class NewsroomAtomFeed(NewsroomFeed):
    feed_type = Atom1Feed
    subtitle = NewsroomFeed.description


@login_not_required
@require_GET
def rss(request):
    """The public posts, linked where the world reads them: the newsroom page when
    the site has one. One feed object per request, since it keeps the request."""
    return NewsroomFeed(NewsroomPage.for_request(request))(request)


@login_not_required
@require_GET
def atom(request):
    return NewsroomAtomFeed(NewsroomPage.for_request(request))(request)
