from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .notifications import notify_followers_once
from .pages import LeaderProfilePage, LeaderUpdatePage


@receiver(page_published, sender=LeaderUpdatePage)
def tell_followers(sender, instance, **kwargs):
    notify_followers_once(instance)


@receiver(post_save, sender=LeaderProfilePage)
def leader_permissions(sender, instance, **kwargs):
    """Whenever a profile is saved, its leader (and only they) may post under it."""
    from .leaders import ensure_workflow, grant_leader_permissions

    if instance.user_id and instance.path:
        grant_leader_permissions(instance)
        ensure_workflow()
