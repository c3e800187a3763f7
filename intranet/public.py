"""What the site says to search engines: sitemap.xml and robots.txt.

The sitemap lists only the pages the audience rule lets an anonymous visitor read.
"""

from xml.etree import ElementTree as ET

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap

from intranet import audience

MAX_AGE = 3600
MAX_URLS = 50_000  # the sitemap protocol's limit for one file
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
DISALLOWED = (
    "/admin/",
    "/accounts/",
    "/social/",
    "/threads/",
    "/feeds/",
    "/search/",
    "/documents/",
)


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
    lines = ["User-agent: *", "Allow: /newsroom/"]
    lines += [f"Disallow: {path}" for path in DISALLOWED]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('intranet:sitemap'))}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
