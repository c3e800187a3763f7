from django.apps import AppConfig


class GuidelinesConfig(AppConfig):
    name = "guidelines"
    default_auto_field = "django.db.models.BigAutoField"
