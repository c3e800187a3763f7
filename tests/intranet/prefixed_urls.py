"""A host's URLs, as the README shows them: the intranet under /intranet/."""

from django.urls import include, path, re_path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from intranet import views as intranet_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("intranet/", include("intranet.urls")),
    re_path(r"^((?:[\w\-]+/)*)$", intranet_views.serve_page, name="wagtail_serve"),
]
