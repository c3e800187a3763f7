"""Intranet content for the checks: a blog index under the intranet home, one
staff-only post and one public post (``audience="public"``), by a host user.

Run inside the host: ``python manage.py shell < content.py``.
"""

from django.contrib.auth import get_user_model

from intranet import pages
from intranet.blog.models import author_model

# The host's own page types, as the intranet finds them.
BlogIndexPage = pages.blog_index_model()
BlogPostPage = pages.blog_post_model()
BlogPostAuthor = author_model()
assert BlogPostPage._meta.label == "staff.IntranetBlogPostPage", BlogPostPage

intranet_home = pages.home_page_model().objects.get()
blog = intranet_home.add_child(
    instance=BlogIndexPage(title="Blog", slug="blog", show_in_menus=True)
)
blog.save_revision().publish()
author = get_user_model().objects.get(username="alice")
for title, slug, audience in (
    ("Reorganisation plans STAFFONLY", "reorganisation", "staff"),
    ("Open day PUBLICPOST", "open-day", "public"),
):
    post = blog.add_child(
        instance=BlogPostPage(
            title=title,
            slug=slug,
            audience=audience,
            standfirst=f"The standfirst of {title}.",
            body=[("paragraph", f"<p>The body of {title}.</p>")],
        )
    )
    BlogPostAuthor.objects.create(page=post, person=author, sort_order=0)
    post.save_revision().publish()
print(f"intranet: {blog.url_path} with {BlogPostPage.objects.live().count()} posts")
