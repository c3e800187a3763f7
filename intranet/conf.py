"""The intranet's settings: one ``INTRANET`` dictionary in the site's settings.

Every key is optional; what is not given takes its default here::

    INTRANET = {
        # Flood limits on comments, reactions, reports and sign-in attempts.
        "THROTTLES_ENABLED": True,
        # Failed sign-ins allowed from one address in a minute, whatever the
        # accounts. Far above the limits per account (10 a minute) and per account
        # from one address (5 a minute): behind a proxy, the whole office may share
        # one address, and names made up by one visitor must not lock out the rest.
        "LOGIN_ATTEMPTS_PER_ADDRESS": 100,
        # How many proxies of the site's own (a TLS proxy, a load balancer) stand in
        # front of it, each adding the address it saw to X-Forwarded-For. With 0,
        # the header is ignored and REMOTE_ADDR is the visitor's address; set it
        # only when every request passes through those proxies, or anyone may
        # claim any address.
        "TRUSTED_PROXIES": 0,
        # Where anonymous visitors to the intranet are sent to sign in: a URL or a
        # URL name. The intranet's own sign-in page unless the site has another.
        "LOGIN_URL": "intranet:login",
        # The Content-Security-Policy of every intranet response: directive to
        # sources. The default allows nothing from elsewhere but the video players.
        "CONTENT_SECURITY_POLICY": {"default-src": ["'self'"], ...},
        # How long records of who read what are kept, in days (13 months):
        # ``manage.py intranet_prune_reads`` deletes older ones.
        "READS_RETENTION_DAYS": 396,
        # Departments and locations with fewer people are folded into "Other" in
        # every engagement figure, so no figure is about one or two named people.
        "MIN_GROUP_SIZE": 5,
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
    "LOGIN_ATTEMPTS_PER_ADDRESS": 100,
    "TRUSTED_PROXIES": 0,
    "LOGIN_URL": "intranet:login",
    "READS_RETENTION_DAYS": 396,
    "MIN_GROUP_SIZE": 5,
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
