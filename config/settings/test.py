"""The test suite: fast hashing, local-memory cache (Redis when REDIS_URL is set)."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not env("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
INTRANET = {**INTRANET, "THROTTLES_ENABLED": False}  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
MEDIA_ROOT = Path(env("TEST_MEDIA_ROOT", str(VAR_DIR / "test-media")))  # noqa: F405
# Static files come from the finders; nothing is collected for the tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
