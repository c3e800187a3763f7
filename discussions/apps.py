from django.apps import AppConfig


class DiscussionsConfig(AppConfig):
    name = "discussions"

    def ready(self):
        from django.db.models.signals import post_save

        from social.models import Comment

        from .signals import record_activity

        post_save.connect(
            record_activity, sender=Comment, dispatch_uid="thread-activity"
        )
