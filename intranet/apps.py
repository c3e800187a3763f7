from django.apps import AppConfig


class IntranetConfig(AppConfig):
    name = "intranet"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Intranet"

    def ready(self):
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.images import get_image_model
        from wagtail.models import Locale, Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_slug_changed, post_page_move

        from . import (
            checks,  # noqa: F401 - registers the system checks
            renditions,
            request_cache,
            sites,
        )
        from .audience import intranet_homes_changed, view_restrictions_changed
        from .pages import use_intranet_templates
        from .translations import locales_changed

        use_intranet_templates()
        request_started.connect(
            request_cache.request_started, dispatch_uid="intranet-request-cache-on"
        )
        request_finished.connect(
            request_cache.request_finished, dispatch_uid="intranet-request-cache-off"
        )

        def homes_changed(sender, **kwargs):
            if getattr(sender, "is_intranet_home", False):
                intranet_homes_changed()

        def tree_changed(sender, **kwargs):
            intranet_homes_changed()  # a move or new slug above a home moves it too
            view_restrictions_changed()  # and the restricted pages' paths with it

        post_save.connect(
            homes_changed, dispatch_uid="intranet-homes-saved", weak=False
        )
        post_delete.connect(
            homes_changed, dispatch_uid="intranet-homes-deleted", weak=False
        )
        post_page_move.connect(
            tree_changed, dispatch_uid="intranet-homes-moved", weak=False
        )
        page_slug_changed.connect(
            tree_changed, dispatch_uid="intranet-homes-renamed", weak=False
        )
        post_save.connect(
            locales_changed,
            sender=Locale,
            dispatch_uid="intranet-locales-saved",
            weak=False,
        )
        post_delete.connect(
            locales_changed,
            sender=Locale,
            dispatch_uid="intranet-locales-deleted",
            weak=False,
        )
        for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                view_restrictions_changed,
                sender=PageViewRestriction,
                dispatch_uid=f"intranet-view-restrictions-{name}",
                weak=False,
            )
        m2m_changed.connect(
            view_restrictions_changed,
            sender=PageViewRestriction.groups.through,
            dispatch_uid="intranet-view-restriction-groups",
            weak=False,
        )
        for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                sites.sites_changed,
                sender=Site,
                dispatch_uid=f"intranet-sites-{name}",
                weak=False,
            )

        def page_saved(sender, instance, **kwargs):
            if isinstance(instance, Page):
                sites.page_saved(sender, instance, **kwargs)

        post_save.connect(page_saved, dispatch_uid="intranet-site-roots", weak=False)
        # Renditions are made ahead, never in a page view (intranet.renditions).
        post_save.connect(
            renditions.image_saved,
            sender=get_image_model(),
            dispatch_uid="intranet-renditions-image",
        )
        page_published.connect(
            renditions.page_published, dispatch_uid="intranet-renditions-page"
        )
        post_save.connect(
            renditions.settings_saved,
            sender="intranet_home.OrganisationSettings",
            dispatch_uid="intranet-renditions-logo",
        )
