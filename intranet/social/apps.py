from django.apps import AppConfig


class SocialConfig(AppConfig):
    name = "intranet.social"
    label = "intranet_social"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_save
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save

        # django-comments-xtd hides every reply below a comment that is removed or
        # hidden. Here replies stay: a removed or hidden comment leaves a placeholder
        # and the conversation under it goes on. (Listed after django_comments_xtd
        # in INSTALLED_APPS, so this runs after the library connects its handler.)
        pre_save.disconnect(
            publish_or_unpublish_on_pre_save, sender="intranet_social.Comment"
        )
