import posixpath
import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import (
    Http404,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.static import serve
from wagtail import views as wagtail_views
from wagtail.models import Site

from intranet import audience, conf, headers, languages, sites, translations
from intranet.context_processors import intranet_home_url
from intranet.middleware import speaks_no_language

# What the health check answered when all was well, and until when (in this
# worker's monotonic clock) it may give that answer again without asking.
HEALTHY = {"database": "ok", "cache": "ok"}
HEALTHY_FOR = 1.0  # seconds
_healthy_until = 0.0


@login_not_required
@speaks_no_language
@require_GET
@never_cache
def health(request):
    """Answer the load balancer: 200 when the database answers, 503 when not.

    The cache is reported on its own: the site serves without it, only slower, so
    its absence is for the operators to see, not a reason to take a server out.

    A healthy answer is given again for a second without asking anyone (each
    worker remembers its own), so a check polled many times a second costs no
    query; an unhealthy one is never remembered, so recovery shows at once.
    """
    global _healthy_until
    now = time.monotonic()
    if now < _healthy_until:
        state = HEALTHY
    else:
        state = {"database": _database_state(), "cache": _cache_state()}
        _healthy_until = now + HEALTHY_FOR if state == HEALTHY else 0.0
    healthy = state["database"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **state},
        status=200 if healthy else 503,
    )


@login_not_required
@require_POST
def set_language(request):
    """The header's language switcher: remember the language in a cookie and, for
    a signed-in person, on their profile; then go back to the page they were on.
    A language the site does not offer gives its default language."""
    language = languages.supported_variant(request.POST.get("language"))
    language = language or languages.default()
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = intranet_home_url(request)
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE or request.is_secure(),
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
    )
    profile = getattr(request.user, "intranet_profile", None)
    if profile is not None and profile.language != language:
        profile.language = language
        profile.save(update_fields=["language"])
    return response


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means "unavailable"
        return "unavailable"
    return "ok"


def _cache_state() -> str:
    """Whether the default cache answers: Redis is asked directly when it is
    intranet.cache's, which otherwise hides an outage behind its fallback."""
    reachable = getattr(cache, "reachable", None)
    try:
        if reachable is not None:
            return "ok" if reachable() else "unavailable"
        cache.get("intranet:health")
    except Exception:  # noqa: BLE001 - any cache failure means "unavailable"
        return "unavailable"
    return "ok"


@login_not_required
def serve_page(request, path):
    """Wagtail's page serving, open to anonymous visitors for public pages.

    An anonymous visitor asking for a page that does not exist is asked to sign in,
    exactly as for a staff-only page, so nobody outside can tell which internal
    addresses exist.

    On a site with several languages the path is routed through the tree of the
    reader's language, falling back to the page's original where it has no
    translation yet (``intranet.translations.route``).
    """
    sites.find_for_request(request)
    translations.route(request, path)
    try:
        return wagtail_views.serve(request, path)
    except Http404:
        if request.user.is_authenticated or not _intranet_address(request, path):
            raise
        return conf.redirect_to_login(request)


def _intranet_address(request, path) -> bool:
    """Whether a missing page at ``path`` would have been in an intranet."""
    site = Site.find_for_request(request)
    if site is None:
        return False
    return audience.url_path_in_intranet(site.root_page.url_path + path)


@login_not_required
@require_GET
def serve_rendition(request, path):
    """A rendition from MEDIA_ROOT, for the development server only.

    Renditions are what public posts and the newsroom show, so anyone may fetch
    them, as the README asks of production. Nothing outside ``images/`` is served
    here: original images, photos and documents stay behind sign-in.
    """
    if not posixpath.normpath(path).startswith("images/"):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


@headers.intranet_response
def permission_denied(request, exception=None):
    return render(request, "intranet/403.html", status=403)


@login_not_required
@headers.intranet_response
def page_not_found(request, exception=None):
    return render(request, "intranet/404.html", status=404)


@login_not_required
def server_error(request):
    # Rendered without the request's context: the error may be the database itself.
    response = HttpResponseServerError(
        loader.get_template("intranet/500.html").render()
    )
    response["Content-Security-Policy"] = headers.policy()
    response["X-Frame-Options"] = "DENY"
    return response
