import re

from django.conf import settings
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.http import HttpResponseBadRequest

ADMIN_PREFIX = "/admin/"
ADMIN_OPEN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/password_reset/")


def admin_access_middleware(get_response):
    """Signed-in staff without admin access get a plain 403 from the Wagtail admin.

    Wagtail itself sends them to its login page, which reads as "sign in again"; the
    truthful answer is that this part of the intranet is for editors, leaders and
    moderators. Anonymous visitors are still asked to sign in.
    """
    from intranet.views import permission_denied

    def middleware(request):
        user = getattr(request, "user", None)
        if (
            request.path.startswith(ADMIN_PREFIX)
            and not request.path.startswith(ADMIN_OPEN_PATHS)
            and user is not None
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            return permission_denied(request)
        return get_response(request)

    return middleware


def refuse_nul_bytes_middleware(get_response):
    """Keep NUL bytes away from the database, which refuses them in any query (a
    hostile ``%00`` would otherwise be a 500 on PostgreSQL): an address whose path
    holds one is a bad request; in the query string they are dropped, so a search
    pasted with one still gets its answer."""

    def middleware(request):
        if "\x00" in request.path:
            return HttpResponseBadRequest("Bad request: the address holds a NUL byte.")
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            request.META["QUERY_STRING"] = re.sub(r"%00|\x00", "", query)
        return get_response(request)

    return middleware


SIGNED_COOKIE_ENGINE = "django.contrib.sessions.backends.signed_cookies"


def is_session_key(value: str) -> bool:
    """Whether ``value`` is made of what Django's session keys are made of:
    lower-case ASCII letters and digits, 8 to 40 of them (a 32-character key in
    a 40-character column)."""
    return 8 <= len(value) <= 40 and all(ch in VALID_KEY_CHARS for ch in value)


def malformed_session_cookie_middleware(get_response):
    """A session cookie no session engine could have set is no session.

    Django's database and cache engines look the cookie's value up as it came; a
    hostile one (an escaped NUL, ``"\\000…"``) makes PostgreSQL refuse the query,
    and every page answers 500. Before ``SessionMiddleware``, such a cookie is set
    aside, the request goes on signed out, and the browser is told to drop it. The
    signed-cookie engine checks its own signature and is left alone.
    """

    def middleware(request):
        name = settings.SESSION_COOKIE_NAME
        value = request.COOKIES.get(name)
        malformed = (
            value is not None
            and settings.SESSION_ENGINE != SIGNED_COOKIE_ENGINE
            and not is_session_key(value)
        )
        if malformed:
            del request.COOKIES[name]
        response = get_response(request)
        if malformed and name not in response.cookies:
            response.delete_cookie(
                name,
                path=settings.SESSION_COOKIE_PATH,
                domain=settings.SESSION_COOKIE_DOMAIN,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
        return response

    return middleware


LANGUAGE_PARAMETER = "lang"


def speaks_no_language(view):
    """Mark a view whose answer holds no words for a person (the load balancer's
    health check): the language middleware then does not look up who is asking."""
    view.speaks_no_language = True
    return view


class LanguageMiddleware:
    """Speak each person's language: ``?lang=`` in the address for that one page
    (the links to a page's other language versions), else their profile's choice,
    else the switcher's cookie or the browser's ``Accept-Language``, else the
    site's default. A language the site does not offer is passed over.

    Goes after ``AuthenticationMiddleware``, in place of Django's
    ``LocaleMiddleware`` (the intranet's addresses carry no language prefix), as
    ``intranet.middleware.language_middleware``. The user is only looked at when a
    session cookie came, and only for a view that speaks (``speaks_no_language``),
    so a visitor without one, and the health check, cost no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        from intranet import languages

        asked = languages.supported_variant(request.GET.get(LANGUAGE_PARAMETER))
        request._intranet_language_asked = asked is not None
        language = asked or languages.asked_by_browser(request) or languages.default()
        self._speak(request, language)
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        translation.deactivate()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        from intranet import languages

        if (
            request._intranet_language_asked
            or getattr(view_func, "speaks_no_language", False)
            or settings.SESSION_COOKIE_NAME not in request.COOKIES
        ):
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            chosen = languages.chosen_by(user)
            if chosen:
                self._speak(request, chosen)
        return None

    @staticmethod
    def _speak(request, language):
        from django.utils import translation

        translation.activate(language)
        request.LANGUAGE_CODE = language


language_middleware = LanguageMiddleware
