"""Which Wagtail Site answers a request, remembered in the cache.

Wagtail asks the database on every request (``Site.find_for_request``); every page
needs the answer, which changes only when a site, or its root page, is saved. The
answer is kept in the cache by host and port, put on the request where Wagtail looks
for it first, and forgotten when a site or a site's root page changes.
"""

from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port
from wagtail.models import Site

CACHE_KEY = "intranet:sites"
# Forgotten at once and again on commit when a site changes; the timeout bounds how
# long a change that was rolled back can linger.
CACHE_SECONDS = 300


def find_for_request(request):
    """``Site.find_for_request``, from the cache."""
    if request is None or hasattr(request, "_wagtail_site"):
        return Site.find_for_request(request)
    where = (split_domain_port(request._get_raw_host())[0], request.get_port())
    known = cache.get(CACHE_KEY) or {}
    if where in known:
        request._wagtail_site = known[where]
    else:
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 - fetched now, kept with the site
        cache.set(CACHE_KEY, {**known, where: site}, CACHE_SECONDS)
    return request._wagtail_site


def _forget() -> None:
    cache.delete(CACHE_KEY)


def sites_changed(**kwargs) -> None:
    _forget()
    transaction.on_commit(_forget)


def page_saved(sender, instance, **kwargs) -> None:
    if getattr(instance, "depth", None) is not None and instance.depth <= 2:
        sites_changed()  # a site's root page, or a page that could become one
    elif Site.objects.filter(root_page_id=instance.pk).exists():
        sites_changed()
