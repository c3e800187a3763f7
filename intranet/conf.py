"""The intranet's settings: one ``INTRANET`` dictionary in the site's settings.

Every key is optional; what is not given takes its default here::

    INTRANET = {
        # Flood limits on comments, reactions, reports and sign-in attempts.
        "THROTTLES_ENABLED": True,
        # Where anonymous visitors to the intranet are sent to sign in: a URL or a
        # URL name. The intranet's own sign-in page unless the site has another.
        "LOGIN_URL": "intranet:login",
        # The Content-Security-Policy of every intranet response: directive to
        # sources. The default allows nothing from elsewhere but the video players.
        "CONTENT_SECURITY_POLICY": {"default-src": ["'self'"], ...},
    }

``intranet.checks`` reports unknown keys and values of the wrong type.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import resolve_url

SELF = "'self'"
NONE = "'none'"

DEFAULTS = {
    "THROTTLES_ENABLED": True,
    "LOGIN_URL": "intranet:login",
    "CONTENT_SECURITY_POLICY": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}


def intranet_settings() -> dict:
    """The INTRANET setting merged over the defaults, read afresh each time."""
    return {**DEFAULTS, **getattr(settings, "INTRANET", {})}


def intranet_setting(name: str):
    return intranet_settings()[name]


def login_url() -> str:
    """The sign-in address for the intranet, resolved."""
    return resolve_url(intranet_setting("LOGIN_URL"))


def redirect_to_login(request):
    """Send an anonymous visitor to sign in, and back here afterwards."""
    return auth_views.redirect_to_login(request.get_full_path(), login_url())
