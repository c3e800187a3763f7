from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from intranet.guidelines import notifications, services
from intranet.guidelines.models import GuidelinePage


@receiver(page_published, sender=GuidelinePage)
def record_what_changed(sender, instance, revision, **kwargs):
    """Every publication of a guideline (from the editor, a workflow or the
    scheduler) lands in its change log; a substantive one bumps its version."""
    entry = services.record_publication(instance, revision)
    notifications.ask_after_commit(instance, entry)


@receiver(page_unpublished, sender=GuidelinePage)
@receiver(post_delete, sender=GuidelinePage)
@receiver(post_page_move, sender=GuidelinePage)
def forget_must_read(sender, **kwargs):
    services.forget_must_read_versions()
