from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "intranet.blog"
    label = "intranet_blog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
