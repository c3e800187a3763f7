"""The public face of the blog: the Newsroom listing and its RSS and Atom feeds.

Open to everyone; every list is narrowed by the audience rule as it stands for an
anonymous visitor, so only public posts ever appear, whoever asks.
"""

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .feeds import FEED_LENGTH, PostItems
from .models import BlogPostPage

PER_PAGE = 10
MAX_AGE = 300


def public_posts():
    """Every public post, newest first: what the outside world may read."""
    return (
        BlogPostPage.objects.visible_to(AnonymousUser())
        .order_by("-first_published_at", "-pk")
        .for_cards()
        .prefetch_related("authors__person__intranet_profile")
    )


@login_not_required
@require_GET
def index(request):
    page = Paginator(public_posts(), PER_PAGE).get_page(request.GET.get("page"))
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

    def link(self):
        return reverse("intranet:newsroom:index")

    def items(self):
        return (
            BlogPostPage.objects.visible_to(AnonymousUser())
            .order_by("-first_published_at", "-pk")
            .defer_streamfields()
            .prefetch_related("authors__person__intranet_profile")[:FEED_LENGTH]
        )

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response


class NewsroomAtomFeed(NewsroomFeed):
    feed_type = Atom1Feed
    subtitle = NewsroomFeed.description


rss = login_not_required(require_GET(NewsroomFeed()))
atom = login_not_required(require_GET(NewsroomAtomFeed()))
