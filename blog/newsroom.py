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

from .models import BlogPostPage

PER_PAGE = 10
FEED_LENGTH = 30
MAX_AGE = 300


def public_posts():
    """Every public post, newest first: what the outside world may read."""
    return (
        BlogPostPage.objects.visible_to(AnonymousUser())
        .order_by("-first_published_at", "-pk")
        .for_cards()
        .prefetch_related("authors__person")
    )


@login_not_required
@require_GET
def index(request):
    page = Paginator(public_posts(), PER_PAGE).get_page(request.GET.get("page"))
    response = render(request, "blog/newsroom.html", {"posts": page, "page_obj": page})
    if not request.user.is_authenticated:
        patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


class NewsroomFeed(Feed):
    """Public posts: title, standfirst and link. The body stays on the page."""

    title = _("Newsroom")
    description = _("Posts the organisation has made public.")
    description_template = None

    def link(self):
        return reverse("newsroom:index")

    def items(self):
        return (
            BlogPostPage.objects.visible_to(AnonymousUser())
            .order_by("-first_published_at", "-pk")
            .defer_streamfields()
            .prefetch_related("authors__person")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(person.name for person in item.people) or None

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response


class NewsroomAtomFeed(NewsroomFeed):
    feed_type = Atom1Feed
    subtitle = NewsroomFeed.description


rss = login_not_required(require_GET(NewsroomFeed()))
atom = login_not_required(require_GET(NewsroomAtomFeed()))
