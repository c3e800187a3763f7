import re

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
