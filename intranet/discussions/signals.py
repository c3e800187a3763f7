from django.contrib.contenttypes.models import ContentType

from intranet.social import services as social

from .models import DiscussionThreadPage


def record_activity(sender, instance, created, **kwargs):
    """A new reply moves its thread to the top of "latest activity"."""
    if not created:
        return
    if (
        instance.content_type_id
        != ContentType.objects.get_for_model(DiscussionThreadPage).pk
    ):
        return
    # Every version of the thread: its conversation is theirs too.
    versions = DiscussionThreadPage.objects.filter(pk=int(instance.object_pk))
    DiscussionThreadPage.objects.filter(
        translation_key__in=versions.values("translation_key")
    ).update(last_activity_at=instance.submit_date)


def announce_thread(sender, instance, **kwargs):
    """A thread's first publication (started on the front end, or in the admin)
    reaches the people who follow its author or its tags."""
    social.announce(instance)
