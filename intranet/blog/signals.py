from django.dispatch import receiver
from wagtail.signals import page_published

from intranet.social import services as social

from .models import BlogPostPage


@receiver(page_published, sender=BlogPostPage, dispatch_uid="blog-post-announce")
def announce_post(sender, instance, **kwargs):
    """A post's first publication (from the editor, a workflow or the scheduler)
    reaches the people who follow its authors or its tags."""
    social.announce(instance)
