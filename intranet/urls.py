from django.conf import settings
from django.urls import include, path, re_path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from intranet import public, search, views

handler403 = "intranet.views.permission_denied"
handler404 = "intranet.views.page_not_found"
handler500 = "intranet.views.server_error"

urlpatterns = [
    path("health/", views.health, name="health"),
    path("search/", search.search, name="search"),
    path("accounts/", include("people.auth_urls")),
    path("", include("people.urls")),
    path("social/", include("social.urls")),
    path("threads/", include("discussions.urls")),
    path("feeds/", include("blog.feed_urls")),
    path("newsroom/", include("blog.newsroom_urls")),
    path("sitemap.xml", public.sitemap, name="sitemap"),
    path("robots.txt", public.robots, name="robots"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += [
        re_path(
            r"^{}(?P<path>images/.+)$".format(settings.MEDIA_URL.strip("/") + "/"),
            views.serve_rendition,
        ),
        *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
    ]

# Wagtail serves the page tree last. The view itself is open so that public posts
# reach the outside world; intranet.audience decides, page by page, who may see what
# (see the before_serve_page hook in intranet/wagtail_hooks.py).
urlpatterns += [
    re_path(
        r"^((?:[\w\-]+/)*)$",
        views.serve_page,
        name="wagtail_serve",
    ),
]
