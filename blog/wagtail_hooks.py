from wagtail import hooks

from intranet.panels import HomePanel

from .models import BlogPostPage


@hooks.register("intranet_profile_sections")
def posts_by_person(request, person):
    posts = (
        BlogPostPage.objects.visible_to(request.user)
        .filter(authors__person=person)
        .order_by("-first_published_at")
        .defer_streamfields()[:10]
    )
    posts = list(posts)
    if not posts:
        return None
    return HomePanel(
        order=10, template="blog/includes/profile_posts.html", context={"posts": posts}
    )
