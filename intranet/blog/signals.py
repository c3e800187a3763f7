from django.dispatch import receiver
from wagtail.signals import page_published

from intranet import pages
from intranet.social import services as social


@receiver(page_published, dispatch_uid="blog-post-announce")
def announce_post(sender, instance, **kwargs):
    """A post's first publication (from the editor, a workflow or the scheduler)
    reaches the people who follow its authors or its tags."""
    if not issubclass(sender, pages.base("blog_post")):
        return
    social.announce(instance)
