from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from intranet import audience


def _sections(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    sections = Page.objects.in_menu().child_of(site.root_page).order_by("path")
    return list(audience.visible_to(sections, request.user))


def navigation(request):
    """The main navigation: the home page's sections this person may see."""
    return {"nav_sections": SimpleLazyObject(lambda: _sections(request))}
