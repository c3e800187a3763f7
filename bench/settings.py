"""Settings for the benchmark: a production deployment's choices on a scratch
database (``DATABASE_URL``, which ``bench/run.py`` sets).

DEBUG off, so Django's cached template loader; static files collected under
``var/bench/static`` and served by whitenoise from its compressed manifest, as
``config.settings.production`` has it; database connections kept open between
requests (``DB_CONN_MAX_AGE``, default 600 s); the cache at ``REDIS_URL`` when
set, else each process's memory. Only what needs TLS or real mail differs: the
benchmark speaks plain HTTP on loopback.
"""

from config.settings.base import *  # noqa: F403
from config.settings.base import VAR_DIR, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", "bench-only-secret-key")
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"

DATABASES["default"]["CONN_MAX_AGE"] = int(env("DB_CONN_MAX_AGE", "600"))  # noqa: F405

STATIC_ROOT = VAR_DIR / "bench" / "static"
MEDIA_ROOT = VAR_DIR / "bench" / "media"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}
if env("REDIS_URL"):
    CACHES["default"]["KEY_PREFIX"] = "intranet-bench"  # noqa: F405

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
