from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import Profile, profile_of
from .names import name_key
from .notifications import notify_followers_once
from .pages import LeaderProfilePage, LeaderUpdatePage


@receiver(page_published, sender=LeaderUpdatePage)
def tell_followers(sender, instance, **kwargs):
    notify_followers_once(instance)


@receiver(post_save, sender=LeaderProfilePage)
@receiver(post_delete, sender=LeaderProfilePage)
def forget_leaders(sender, **kwargs):
    LeaderProfilePage.owners_changed()


@receiver(post_save, sender=LeaderProfilePage)
def leader_permissions(sender, instance, **kwargs):
    """Whenever a profile is saved, its leader (and only they) may post under it."""
    from .leaders import ensure_workflow, grant_leader_permissions

    if instance.user_id and instance.path:
        grant_leader_permissions(instance)
        ensure_workflow()


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def make_profile(sender, instance, created, raw=False, **kwargs):
    """Every new user gets the profile colleagues see, which follows their name."""
    if raw:
        return
    if created:
        Profile.objects.get_or_create(user=instance)
    elif kwargs.get("update_fields") is None or {"first_name", "last_name"} & set(
        kwargs["update_fields"]
    ):
        # A renamed person's full name is looked up by its key; keep it current.
        Profile.objects.filter(user=instance).update(
            full_name_key=name_key(instance.get_full_name())
        )


@receiver(user_logged_in)
def make_missing_profile(sender, request, user, **kwargs):
    """Someone who was a user before the intranet came gets a profile on signing in."""
    profile_of(user)
