"""The intranet's own addresses: one URLconf a site includes.

    path("", include("intranet.urls")),

Every view here needs a signed-in member of staff, unless it is marked with
Django's ``login_not_required`` (sign-in itself, the health check, the public
newsroom and feeds). That is decided here, so the intranet does not depend on the
host running ``LoginRequiredMiddleware``.
"""

from django.contrib.auth.decorators import login_required
from django.urls import URLPattern, URLResolver, include, path

from intranet import public, search, views

app_name = "intranet"


def require_login(patterns):
    """Wrap every view in ``patterns`` that is not marked open in login_required."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            require_login(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            if getattr(pattern.callback, "login_required", True):
                pattern.callback = login_required(pattern.callback)
    return patterns


urlpatterns = require_login(
    [
        path("health/", views.health, name="health"),
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
