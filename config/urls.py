"""The reference site's URLs: the intranet, Wagtail's admin and documents, pages."""

from django.conf import settings
from django.urls import include, path, re_path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from intranet import views as intranet_views
from intranet.urls import require_login, with_headers

handler403 = "intranet.views.permission_denied"
handler404 = "intranet.views.page_not_found"
handler500 = "intranet.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # The intranet's documents are for staff: Wagtail serves them after a sign-in.
    path(
        "documents/",
        include(with_headers(require_login(list(wagtaildocs_urls.urlpatterns)))),
    ),
    path("", include("intranet.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += [
        re_path(
            r"^{}(?P<path>images/.+)$".format(settings.MEDIA_URL.strip("/") + "/"),
            intranet_views.serve_rendition,
        ),
        *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
    ]

# Wagtail serves the page tree last. The view itself is open so that public posts
# reach the outside world; intranet.audience decides, page by page, who may see what
# (see the before_serve_page hook in intranet/wagtail_hooks.py).
urlpatterns += [
    re_path(r"^((?:[\w\-]+/)*)$", intranet_views.serve_page, name="wagtail_serve"),
]
