"""The blog's RSS and Atom feeds, for one person.

Feed readers send no cookies, so the address carries the person's secret feed key
(social.FeedToken). Each feed holds only the posts that person may see.
"""

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from taggit.models import Tag

from intranet import languages, pages, translations
from intranet.social.models import FeedToken

FEED_LENGTH = 30


class PostItems:
    """How a post reads in any feed: its title, standfirst, link, dates and authors.
    The body stays on the page."""

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
        return ", ".join(person.intranet_profile.name for person in item.people) or None


class BlogFeed(PostItems, Feed):
    description_template = None

    def get_object(self, request, key, tag=None):
        token = FeedToken.objects.select_related("user").filter(key=key).first()
        if token is None or not token.user.is_active:
            raise Http404
        blog = pages.blog_index_model().objects.live().first()
        if blog is None:
            raise Http404
        chosen_tag = get_object_or_404(Tag, slug=tag) if tag else None
        return {"user": token.user, "blog": blog, "tag": chosen_tag, "request": request}

    def title(self, obj):
        return (
            f"{obj['blog'].title}: {obj['tag'].name}"
            if obj["tag"]
            else obj["blog"].title
        )

    def link(self, obj):
        return obj["blog"].url

    def description(self, obj):
        return obj["blog"].search_description or obj["blog"].title

    def items(self, obj):
        posts = translations.one_per_page(
            translations.children_of(
                obj["blog"], pages.blog_post_model().objects.all()
            ).visible_to(obj["user"]),
            language=languages.language_of(obj["user"]),
        )
        if obj["tag"]:
            posts = posts.filter(tags=obj["tag"])
        return (
            posts.order_by("-first_published_at")
            .defer_streamfields()
            .prefetch_related("authors__person__intranet_profile")[:FEED_LENGTH]
        )


class BlogAtomFeed(BlogFeed):
    feed_type = Atom1Feed
    subtitle = BlogFeed.description


rss = login_not_required(BlogFeed())
atom = login_not_required(BlogAtomFeed())
