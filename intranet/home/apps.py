from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "intranet.home"
    label = "intranet_home"
    default_auto_field = "django.db.models.BigAutoField"
