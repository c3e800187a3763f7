"""Settings for the benchmark: development settings with DEBUG off, as in production
(cached templates), on a scratch database of its own."""

from config.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
