from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from intranet import pages
from intranet.guidelines import notifications, services


@receiver(page_published)
def record_what_changed(sender, instance, revision, **kwargs):
    """Every publication of a guideline (from the editor, a workflow or the
    scheduler) lands in its change log; a substantive one bumps its version."""
    if not issubclass(sender, pages.base("guideline")):
        return
    entry = services.record_publication(instance, revision)
    notifications.ask_after_commit(instance, entry)


@receiver(page_unpublished)
@receiver(post_delete)
@receiver(post_page_move)
def forget_must_read(sender, **kwargs):
    if not issubclass(sender, pages.base("guideline")):
        return
    services.forget_must_read_versions()
