from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "intranet.people"
    label = "intranet_people"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
