from django.apps import AppConfig


class IntranetConfig(AppConfig):
    name = "intranet"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Intranet"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
