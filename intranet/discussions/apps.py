from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "intranet.discussions"
    label = "intranet_discussions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from intranet.social.models import Comment

        from .models import DiscussionThreadPage
        from .signals import announce_thread, record_activity

        post_save.connect(
            record_activity, sender=Comment, dispatch_uid="thread-activity"
        )
        page_published.connect(
            announce_thread,
            sender=DiscussionThreadPage,
            dispatch_uid="thread-announce",
        )
