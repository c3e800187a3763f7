from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site


def _sections(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(Page.objects.live().in_menu().child_of(site.root_page).order_by("path"))


def navigation(request):
    """The main navigation: the home page's sections shown in menus."""
    return {"nav_sections": SimpleLazyObject(lambda: _sections(request))}
