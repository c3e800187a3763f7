from django.utils.functional import SimpleLazyObject
from wagtail.models import Page

from intranet import audience, sites, translations


def intranet_home_path(request) -> str | None:
    """The tree path of the page the intranet's navigation starts from: the intranet
    home inside the request's Site (a section such as ``example.org/intranet/``),
    else the Site's root page (the intranet is the whole Site)."""
    site = sites.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    inside = sorted(
        path for path, _url in audience.intranet_homes() if path.startswith(root.path)
    )
    return inside[0] if inside else root.path


def intranet_home_url(request) -> str:
    """The address of the intranet's home page on the request's Site: ``/`` when the
    intranet is the whole Site, its section's address (``/intranet/``) when not."""
    site = sites.find_for_request(request)
    if site is None:
        return "/"
    root = site.root_page
    for path, url_path in sorted(audience.intranet_homes()):
        if path.startswith(root.path):
            return "/" + url_path.removeprefix(root.url_path)
    return "/"


def sections(request) -> list:
    """The sections of the intranet this person may see, in the reader's language:
    the navigation's, and the home page's way in to each (worked out once for a
    request)."""
    found = getattr(request, "_intranet_sections", None)
    if found is None:
        found = request._intranet_sections = _sections(request)
    return found


def _sections(request):
    home = intranet_home_path(request)
    if home is None:
        return []
    sections = Page.objects.in_menu().filter(
        path__startswith=home, depth=len(home) // Page.steplen + 1
    )
    if translations.several():
        # Each section in the reader's language where it has a version in it.
        sections = translations.one_per_page(
            audience.visible_to(
                Page.objects.in_menu().filter(
                    translation_key__in=sections.values("translation_key")
                ),
                request.user,
            )
        )
        return list(translations.in_tree_order(sections))
    return list(audience.visible_to(sections.order_by("path"), request.user))


def navigation(request):
    """The main navigation: the intranet home's address and its sections this person
    may see."""
    return {
        "nav_sections": SimpleLazyObject(lambda: sections(request)),
        "intranet_home_url": SimpleLazyObject(lambda: intranet_home_url(request)),
    }
