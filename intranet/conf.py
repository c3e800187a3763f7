"""The intranet's settings: one ``INTRANET`` dictionary in the site's settings.

Every key is optional; what is not given takes its default here::

    INTRANET = {
        # Flood limits on comments, reactions, reports and sign-in attempts.
        "THROTTLES_ENABLED": True,
    }

``intranet.checks`` reports unknown keys and values of the wrong type.
"""

from django.conf import settings

DEFAULTS = {
    "THROTTLES_ENABLED": True,
}


def intranet_settings() -> dict:
    """The INTRANET setting merged over the defaults, read afresh each time."""
    return {**DEFAULTS, **getattr(settings, "INTRANET", {})}


def intranet_setting(name: str):
    return intranet_settings()[name]
