from django.apps import AppConfig


class SocialConfig(AppConfig):
    name = "intranet.social"
    label = "intranet_social"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_delete, pre_save
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished

        from .signals import gather_before_deletion, gather_on_publication

        # django-comments-xtd hides every reply below a comment that is removed or
        # hidden. Here replies stay: a removed or hidden comment leaves a placeholder
        # and the conversation under it goes on. (Listed after django_comments_xtd
        # in INSTALLED_APPS, so this runs after the library connects its handler.)
        pre_save.disconnect(
            publish_or_unpublish_on_pre_save, sender="intranet_social.Comment"
        )
        # A page's versions share one conversation, on whichever is the original.
        page_published.connect(gather_on_publication, dispatch_uid="social-gather")
        page_unpublished.connect(
            gather_on_publication, dispatch_uid="social-gather-unpublished"
        )
        pre_delete.connect(
            gather_before_deletion, sender=Page, dispatch_uid="social-gather-delete"
        )
