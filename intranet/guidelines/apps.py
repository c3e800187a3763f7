from django.apps import AppConfig


class GuidelinesConfig(AppConfig):
    name = "intranet.guidelines"
    label = "intranet_guidelines"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from intranet.guidelines import signals  # noqa: F401 - connects the receivers
