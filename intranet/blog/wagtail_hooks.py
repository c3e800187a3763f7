from wagtail import hooks

from intranet import pages, translations
from intranet.panels import HomePanel


@hooks.register("intranet_profile_sections")
def posts_by_person(request, person):
    posts = (
        translations.one_per_page(
            pages.blog_post_model().objects.visible_to(request.user)
        )
        .filter(authors__person=person)
        .order_by("-first_published_at")
        .defer_streamfields()[:10]
    )
    posts = list(posts)
    if not posts:
        return None
    return HomePanel(
        order=10,
        template="intranet/blog/includes/profile_posts.html",
        context={"posts": posts},
    )


@hooks.register("intranet_home_panels")
def latest_posts(request):
    """The newest posts the reader may see, pinned ones first."""
    from .models import with_counts

    blog = pages.blog_index_model().objects.live().first()
    if blog is None or not request.user.is_authenticated:
        return None
    posts = with_counts(blog.posts_for(request.user)[:4])
    if not posts:
        return None
    return HomePanel(
        order=30,
        template="intranet/blog/includes/home_panel.html",
        context={"posts": posts, "blog": blog},
    )
