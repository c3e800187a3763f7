"""The public version of a post: what an anonymous reader of a public post gets.

Staff-only blocks, polls (voting is for staff) and document downloads (documents are
internal) are left out. In what remains, a link survives only when it points outside
the intranet (http, https or mailto on another host) or at a page the public may
read; every other link is rendered as its plain text, so no internal address, title
behind a link or document leaks out.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.safestring import mark_safe
from wagtail.models import Page

from intranet import audience

INTERNAL_BLOCKS = frozenset({"staff_only", "poll", "document"})
LINK_RE = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
HREF_RE = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def public_paths() -> set[str]:
    """The paths of every page the public may read, e.g. ``/blog/why/``."""
    pages = audience.visible_to(Page.objects.all(), AnonymousUser())
    paths = set()
    for page in pages.defer_streamfields():
        url = page.get_url()
        if url:
            paths.add(urlsplit(url).path)
    return paths


def _own_hosts(request) -> set[str]:
    hosts = {urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or ""}
    if request is not None:
        hosts.add(request.get_host().split(":")[0])
    hosts.update(h for h in settings.ALLOWED_HOSTS if h not in ("*", ""))
    return {h.lower().lstrip(".") for h in hosts if h}


def link_is_public(href: str, allowed_paths: set[str], own_hosts: set[str]) -> bool:
    href = href.strip()
    if href.startswith("#"):
        return True
    parts = urlsplit(href)
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return True
    if scheme in ("http", "https"):
        host = (parts.hostname or "").lower()
        if host and host not in own_hosts:
            return True
        return parts.path in allowed_paths
    if scheme or parts.netloc:
        return False  # javascript:, data:, //host and anything else unexpected
    return parts.path in allowed_paths and parts.path.startswith("/")


def strip_internal_links(html: str, allowed_paths: set[str], own_hosts=()) -> str:
    """Keep links to public pages and to the outside world; unwrap every other one."""
    own_hosts = set(own_hosts)

    def replace(match):
        href = HREF_RE.search(match.group(1))
        value = (
            (href.group(1) if href.group(1) is not None else href.group(2))
            if href
            else ""
        )
        if href and link_is_public(value, allowed_paths, own_hosts):
            return match.group(0)
        return match.group(2)

    return LINK_RE.sub(replace, html)


def public_body(page, request) -> str:
    """The post's body as the public reads it, rendered and cleaned."""
    allowed = public_paths()
    hosts = _own_hosts(request)
    context = {"page": page, "request": request, "public_view": True}
    parts = [
        str(block.render_as_block(context=context))
        for block in page.body
        if block.block_type not in INTERNAL_BLOCKS
    ]
    return mark_safe(strip_internal_links("".join(parts), allowed, hosts))  # noqa: S308 - rendered by Wagtail's escaping templates
