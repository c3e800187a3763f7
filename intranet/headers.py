"""The headers every intranet response carries, whatever the host's settings.

The intranet's views (through ``intranet.urls``) and its pages (through
``intranet.models.IntranetPageMixin``) apply them to their own responses, so a host's public site
keeps its own policy and the intranet does not depend on site-wide middleware:

- ``Content-Security-Policy``: no inline scripts or styles, nothing from elsewhere
  but the video players; ``INTRANET["CONTENT_SECURITY_POLICY"]`` replaces the
  directives (see ``intranet.conf``). A response that already has a policy keeps it.
- ``X-Frame-Options: DENY`` (with ``frame-ancestors 'none'``): no one frames it.
- ``Cache-Control: private, no-store`` and ``Vary: Cookie`` on whatever is rendered
  for a signed-in person, so no shared cache or back button shows it to another.
"""

from functools import wraps

from django.utils.cache import patch_cache_control, patch_vary_headers

from intranet.conf import intranet_setting


def allow(request, directive: str, sources) -> None:
    """Let this one response's policy add ``sources`` to ``directive`` (the share
    panel's forms end in a redirect to the networks, for instance)."""
    extra = request.__dict__.setdefault("_intranet_csp_extra", {})
    extra.setdefault(directive, []).extend(sources)


def policy(request=None) -> str:
    directives = intranet_setting("CONTENT_SECURITY_POLICY")
    extra = getattr(request, "_intranet_csp_extra", {}) if request else {}
    parts = []
    for name in {**directives, **extra}:
        values = list(directives.get(name, [])) + list(extra.get(name, []))
        parts.append(" ".join([name, *dict.fromkeys(values)]))
    return "; ".join(parts)


def apply(request, response):
    """Give an intranet response its security and caching headers."""
    if "Content-Security-Policy" not in response:
        response["Content-Security-Policy"] = policy(request)
    if "X-Frame-Options" not in response:
        response["X-Frame-Options"] = "DENY"
    if _never_stored(response):
        return response  # nothing more to say, and no need to ask who is reading
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ["Cookie"])
    return response


def _never_stored(response) -> bool:
    directives = {
        part.strip().split("=")[0].lower()
        for part in response.get("Cache-Control", "").split(",")
    }
    return {"private", "no-store"} <= directives


def intranet_response(view):
    """Decorate a view whose responses are the intranet's."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return apply(request, view(request, *args, **kwargs))

    return wrapped
