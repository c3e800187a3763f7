"""The reference site's blog: the intranet's blog index and post, as they come.

A post's tags and authors hang off the site's own post model, so they are
declared here too, and so is what wagtail-localize, the site's translation tool,
needs to know of a post.
"""

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail_localize.fields import SynchronizedField

from intranet.blog.models import (
    AbstractBlogIndexPage,
    AbstractBlogPostAuthor,
    AbstractBlogPostPage,
    AbstractBlogPostTag,
)


class BlogIndexPage(AbstractBlogIndexPage):
    pass


class BlogPostTag(AbstractBlogPostTag):
    content_object = ParentalKey(
        "BlogPostPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class BlogPostPage(AbstractBlogPostPage):
    tags = ClusterTaggableManager(through=BlogPostTag, blank=True)

    # A translation has its original's audience (the intranet keeps it so whatever
    # is saved): wagtail-localize's editor does not offer to override it.
    override_translatable_fields = [SynchronizedField("audience", overridable=False)]


class BlogPostAuthor(AbstractBlogPostAuthor):
    page = ParentalKey(BlogPostPage, on_delete=models.CASCADE, related_name="authors")
