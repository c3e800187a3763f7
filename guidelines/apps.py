from django.apps import AppConfig


class GuidelinesConfig(AppConfig):
    name = "guidelines"

    def ready(self):
        from guidelines import signals  # noqa: F401 - connects the receivers
