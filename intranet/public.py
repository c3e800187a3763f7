"""What the site says to search engines: sitemap.xml and robots.txt.

The sitemap lists only the pages the audience rule lets an anonymous visitor read.
"""

from xml.etree import ElementTree as ET

from django.apps import apps
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Site

from intranet import audience

MAX_AGE = 3600
MAX_URLS = 50_000  # the sitemap protocol's limit for one file
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def disallowed_paths() -> list[str]:
    """The intranet's own addresses crawlers have no business in (``/accounts/``,
    ``/social/``, …, under wherever the site includes ``intranet.urls``), and
    Wagtail's admin and documents, as this site routes them."""
    prefix = reverse("intranet:health").removesuffix("health/")
    paths = [
        f"{prefix}{section}/" for section in ("accounts", "social", "threads", "feeds")
    ]
    paths.append(reverse("intranet:search"))
    for name, args in (("wagtailadmin_home", ()), ("wagtaildocs_serve", (1, "x"))):
        try:
            url = reverse(name, args=args)
        except NoReverseMatch:
            continue
        paths.append("/" + url.strip("/").split("/")[0] + "/")
    return paths


class PublicSitemap(Sitemap):
    """Wagtail's sitemap, narrowed to pages an anonymous visitor may read."""

    def items(self):
        return audience.visible_to(super().items(), AnonymousUser())


@login_not_required
@require_GET
def sitemap(request):
    """sitemap.xml, written here: django.contrib.sitemaps' template is not installed."""
    urlset = ET.Element("urlset", xmlns=SITEMAP_NS)
    count = 0
    for page in PublicSitemap(request).items().iterator():
        for info in page.get_sitemap_urls(request):
            if count >= MAX_URLS:
                break
            url = ET.SubElement(urlset, "url")
            ET.SubElement(url, "loc").text = info["location"]
            if info.get("lastmod"):
                ET.SubElement(url, "lastmod").text = info["lastmod"].date().isoformat()
            count += 1
    body = ET.tostring(urlset, encoding="utf-8", xml_declaration=True)
    response = HttpResponse(body, content_type="application/xml")
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@login_not_required
@require_GET
def robots(request):
    lines = ["User-agent: *", f"Allow: {reverse('intranet:newsroom:index')}"]
    newsroom = apps.get_model("intranet_blog", "NewsroomPage").for_request(request)
    if newsroom is not None and newsroom.get_site() == Site.find_for_request(request):
        lines.append(f"Allow: {newsroom.get_url(request)}")
    lines += [f"Disallow: {path}" for path in disallowed_paths()]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('intranet:sitemap'))}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
