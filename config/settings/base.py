"""Settings shared by every environment.

Values that differ per deployment come from environment variables; see
``.env.example`` for the full list. ``production.py`` refuses to start when a
required one is missing.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from intranet import INTRANET_APPS

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The reference site's page types, the intranet's apps (intranet.INTRANET_APPS, as a
# host adds them), then Wagtail's sitemaps and redirects, and Django's admin.
INSTALLED_APPS = [
    # The reference site's own page types, on the intranet's abstract bases.
    "home",
    "blog",
    "guidelines",
    *INTRANET_APPS,
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "django.contrib.admin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "intranet.middleware.refuse_nul_bytes_middleware",
    "intranet.middleware.malformed_session_cookie_middleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "intranet.middleware.language_middleware",
    "intranet.middleware.admin_access_middleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "intranet.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise. The embedded
# default needs nothing installed, so it makes its own folder on a fresh clone.
if not env("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every worker), else per-process memory.
# intranet.cache.RedisCache is django-redis that answers from each worker's memory
# while Redis is away (logged once), so an outage slows nothing down and fails no
# request; the short timeouts keep an unreachable Redis from holding requests up.
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "intranet.cache.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "intranet",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Users and login
# Django's model backend, loading the signed-in user's intranet profile with them.
AUTHENTICATION_BACKENDS = ["intranet.people.backends.ProfileBackend"]
LOGIN_URL = "intranet:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "intranet:login"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions live in the database, never only in the cache: signed-in people stay
# signed in when the cache goes away or is emptied.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# The intranet (see intranet/conf.py for every key and its default).
INTRANET = {"THROTTLES_ENABLED": True}

# Internationalisation
# English and Finnish, for the interface and for content: Wagtail's localisation
# keeps a page's translations together, and wagtail-localize translates them in the
# admin. Each person's language comes from their profile or their browser
# (intranet.middleware.language_middleware).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fi", _("Finnish"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A page sent for translation starts as a draft, whether its original is live or
# not: readers keep reading the original until a translator publishes the
# translation (wagtail-localize would otherwise publish the untranslated copy).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
TIME_ZONE = env("TIME_ZONE", "Europe/Helsinki")
USE_I18N = True
USE_TZ = True

# Static files and media
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
if env("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
            "region_name": env("AWS_S3_REGION_NAME"),
            "file_overwrite": False,
            "default_acl": "private",
            "querystring_auth": True,
        },
    }
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "intranet@example.com")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work goes through django-tasks, which Wagtail itself uses.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Security headers. The intranet sets its own Content-Security-Policy, frame and
# cache rules on its responses (INTRANET["CONTENT_SECURITY_POLICY"] to change it).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Django's sites framework: django-contrib-comments needs it.
SITE_ID = 1

# Wagtail
WAGTAIL_SITE_NAME = env("SITE_NAME", "Intranet")
WAGTAILADMIN_BASE_URL = env("BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
# Editors reset a forgotten password at the intranet's own form, which queues the
# e-mail and is throttled; Wagtail's admin form would send it inside the request.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
    "txt",
    "csv",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Limits for every uploaded image (Wagtail's image library, profile photos, leaders'
# updates), checked from the file's size and header before any pixel is decoded.
# 40 megapixels is more than any phone camera, and a full decode of that is about
# 160 MB of a worker's memory; a small file can hold far more pixels than that.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
# Wagtail's database backend; on PostgreSQL it stems each page's words by the rules
# of the page's language (intranet.search_backend), English or Finnish.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "intranet.search_backend",
        "SEARCH_CONFIG": "english",
        "SEARCH_CONFIGS": {"en": "english", "fi": "finnish"},
    },
}
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Comments: django-comments-xtd's threading under our own views (social/). None of
# the library's URLs are routed: its REST API, the cr/ shortcut and the latest-comments
# feed ignore page privacy.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "intranet.social.models.Comment"
COMMENTS_XTD_MAX_THREAD_LEVEL = 3
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_XTD_THREADED_EMAILS = False
COMMENTS_XTD_SALT = (SECRET_KEY or "intranet").encode()
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {
        "who_can_post": "users",
        "allow_flagging": True,
        "allow_feedback": True,
        "show_feedback": True,
    }
}
COMMENT_MAX_LENGTH = 3000
# Never send hashes of staff e-mail addresses to gravatar.com for admin avatars.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
