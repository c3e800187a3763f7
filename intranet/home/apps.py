from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "intranet.home"
    label = "intranet_home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.images import get_image_model

        from .models import OrganisationSettings

        for signal, sender, name in (
            (post_save, OrganisationSettings, "saved"),
            (post_delete, OrganisationSettings, "deleted"),
            (post_delete, get_image_model(), "logo-deleted"),
        ):
            signal.connect(
                OrganisationSettings.forget,
                sender=sender,
                dispatch_uid=f"intranet-organisation-{name}",
                weak=False,
            )
