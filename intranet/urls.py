"""The intranet's own addresses: one URLconf a site includes.

    path("", include("intranet.urls")),

Every view here needs a signed-in member of staff, unless it is marked with
Django's ``login_not_required`` (sign-in itself, the health check, the public
newsroom and feeds). That is decided here, so the intranet does not depend on the
host running ``LoginRequiredMiddleware``. And every view but the site-wide ones
(the health check, the sitemap, robots.txt, the public newsroom) answers 404 on a
Wagtail Site that has no intranet.
"""

from functools import wraps

from django.contrib.auth.decorators import login_not_required, login_required
from django.http import Http404
from django.urls import URLResolver, include, path, re_path
from django.utils.functional import lazy
from wagtail.images.views.serve import ServeView
from wagtail.models import Site

from intranet import audience, conf, headers, public, search, views

reverse_lazy_login = lazy(conf.login_url, str)

app_name = "intranet"
SITE_WIDE = {"health", "sitemap", "robots"}
SITE_WIDE_NAMESPACES = {"newsroom"}


def site_has_intranet(request) -> bool:
    """Whether the request's Wagtail Site holds an intranet, or is inside one."""
    site = Site.find_for_request(request)
    if site is None:
        return False
    roots = [r.root_path for r in Site.get_site_root_paths() if r.site_id == site.pk]
    return any(
        home.startswith(root) or root.startswith(home)
        for root in roots
        for _path, home in audience.intranet_homes()
    )


def on_an_intranet_site(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not site_has_intranet(request):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def require_login(patterns):
    """Wrap every view in ``patterns`` that is not marked open in login_required
    (a site may use it for other URLs of its own, such as Wagtail's documents)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            require_login(pattern.url_patterns)
        elif getattr(pattern.callback, "login_required", True):
            pattern.callback = login_required(
                pattern.callback, login_url=reverse_lazy_login()
            )
    return patterns


def require_intranet_site(patterns, namespace=""):
    """Wrap every view in ``patterns`` that is not site-wide in the intranet-site
    check."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            require_intranet_site(pattern.url_patterns, pattern.namespace or namespace)
        elif pattern.name not in SITE_WIDE and namespace not in SITE_WIDE_NAMESPACES:
            pattern.callback = on_an_intranet_site(pattern.callback)
    return patterns


def with_headers(patterns):
    """Give every response of ``patterns`` the intranet's headers (see
    intranet.headers)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            with_headers(pattern.url_patterns)
        else:
            pattern.callback = headers.intranet_response(pattern.callback)
    return patterns


def protect(patterns):
    return with_headers(require_intranet_site(require_login(patterns)))


urlpatterns = protect(
    [
        path("health/", views.health, name="health"),
        path("language/", views.set_language, name="language"),
        path("search/", search.search, name="search"),
        path("accounts/", include("intranet.people.auth_urls")),
        path("", include("intranet.people.urls")),
        path("social/", include("intranet.social.urls")),
        path("threads/", include("intranet.discussions.urls")),
        path("feeds/", include("intranet.blog.feed_urls")),
        path("newsroom/", include("intranet.blog.newsroom_urls")),
        path("sitemap.xml", public.sitemap, name="sitemap"),
        path("robots.txt", public.robots, name="robots"),
    ]
)

# Wagtail's rendition view, where a page links a picture whose rendition is not made
# yet (intranet.renditions.ready): it makes it on the browser's request. Its
# addresses are signed with SECRET_KEY, so it makes and serves only the renditions
# a page linked to. On any site, to anyone, as the renditions themselves are (public
# posts and the newsroom show them); without the intranet's page headers, so
# browsers may cache the picture.
urlpatterns += [
    re_path(
        r"^images/([^/]*)/(\d+)/([^/]*)/[^/]*$",
        login_not_required(ServeView.as_view()),
        name="image",
    ),
]
