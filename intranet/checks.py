"""System checks: what the intranet needs from the site that installs it.

Each message names the setting to add or change, so a host that forgets one finds
out from ``manage.py check`` rather than from a traceback at request time.
"""

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from intranet import INTRANET_APPS
from intranet.conf import DEFAULTS

# Every app the intranet needs; the list a site adds is the same one.
REQUIRED_APPS = INTRANET_APPS

COMMENT_SETTINGS = {
    "COMMENTS_APP": "django_comments_xtd",
    "COMMENTS_XTD_MODEL": "intranet.social.models.Comment",
    "COMMENTS_XTD_CONFIRM_EMAIL": False,
}

CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "wagtail.contrib.settings.context_processors.settings",
    "intranet.context_processors.navigation",
]

DJANGO_TEMPLATES = "django.template.backends.django.DjangoTemplates"


def _installed():
    return [config.name for config in apps.get_app_configs()]


@register(Tags.compatibility)
def check_installed_apps(app_configs=None, **kwargs):
    installed = _installed()
    errors = [
        Error(
            f"The intranet needs {name!r} in INSTALLED_APPS.",
            hint=f"Add {name!r} to INSTALLED_APPS.",
            id="intranet.E001",
        )
        for name in REQUIRED_APPS
        if name not in installed
    ]
    order = ["django_comments_xtd", "django_comments", "intranet.social"]
    if all(name in installed for name in order):
        positions = [installed.index(name) for name in order]
        if positions != sorted(positions):
            errors.append(
                Error(
                    "INSTALLED_APPS lists 'django_comments_xtd', 'django_comments' "
                    "and 'intranet.social' out of order.",
                    hint="List 'django_comments_xtd', then 'django_comments', then "
                    "'intranet.social'.",
                    id="intranet.E002",
                )
            )
    return errors


@register(Tags.compatibility)
def check_comment_settings(app_configs=None, **kwargs):
    errors = [
        Error(
            f"The intranet's comments need {name} = {value!r}.",
            hint=f"Set {name} = {value!r} in your settings.",
            id="intranet.E003",
        )
        for name, value in COMMENT_SETTINGS.items()
        if getattr(settings, name, None) != value
    ]
    level = getattr(settings, "COMMENTS_XTD_MAX_THREAD_LEVEL", 0)
    if not isinstance(level, int) or level < 1:
        errors.append(
            Error(
                "The intranet's threaded comments need COMMENTS_XTD_MAX_THREAD_LEVEL "
                "of 1 or more.",
                hint="Set COMMENTS_XTD_MAX_THREAD_LEVEL = 3 (replies to replies).",
                id="intranet.E004",
            )
        )
    if not getattr(settings, "SITE_ID", None):
        errors.append(
            Error(
                "django.contrib.sites, which the comments use, needs SITE_ID.",
                hint="Set SITE_ID = 1.",
                id="intranet.E005",
            )
        )
    return errors


@register(Tags.templates)
def check_templates(app_configs=None, **kwargs):
    engines = [e for e in settings.TEMPLATES if e.get("BACKEND") == DJANGO_TEMPLATES]
    finds_app_templates = any(
        e.get("APP_DIRS")
        or "django.template.loaders.app_directories.Loader"
        in str(e.get("OPTIONS", {}).get("loaders", ""))
        for e in engines
    )
    if not finds_app_templates:
        return [
            Error(
                "The intranet's templates live in the package, which no Django "
                "template engine searches.",
                hint="Set 'APP_DIRS': True on the DjangoTemplates engine in TEMPLATES.",
                id="intranet.E006",
            )
        ]
    processors = set()
    for engine in engines:
        processors.update(engine.get("OPTIONS", {}).get("context_processors", []))
    return [
        Error(
            f"The intranet's templates need the context processor {name!r}.",
            hint=f"Add {name!r} to TEMPLATES[...]['OPTIONS']['context_processors'].",
            id="intranet.E007",
        )
        for name in CONTEXT_PROCESSORS
        if name not in processors
    ]


@register(Tags.compatibility)
def check_tasks(app_configs=None, **kwargs):
    if getattr(settings, "TASKS", None):
        return []
    return [
        Error(
            "Notifications and digests run as django-tasks tasks, and TASKS is not set.",
            hint="Set TASKS = {'default': {'BACKEND': "
            "'django_tasks.backends.immediate.ImmediateBackend'}} for development, "
            "or the database backend of django-tasks-db in production.",
            id="intranet.E008",
        )
    ]


@register(Tags.compatibility)
def check_intranet_setting(app_configs=None, **kwargs):
    value = getattr(settings, "INTRANET", {})
    if not isinstance(value, dict):
        return [
            Error(
                "INTRANET must be a dictionary.",
                hint="See intranet/conf.py for its keys and their defaults.",
                id="intranet.E009",
            )
        ]
    messages = []
    for key, given in value.items():
        if key not in DEFAULTS:
            messages.append(
                Warning(
                    f"INTRANET has an unknown key {key!r}.",
                    hint="Known keys: " + ", ".join(sorted(DEFAULTS)) + ".",
                    id="intranet.W001",
                )
            )
        elif not isinstance(given, type(DEFAULTS[key])):
            messages.append(
                Error(
                    f"INTRANET[{key!r}] must be a {type(DEFAULTS[key]).__name__}.",
                    hint=f"The default is {DEFAULTS[key]!r}.",
                    id="intranet.E009",
                )
            )
    return messages


@register(Tags.models)
def check_page_families(app_configs=None, **kwargs):
    """Each family of pages the site owns has exactly one concrete model."""
    from intranet import pages

    messages = []
    for family, base in pages.FAMILIES.items():
        found = pages.concrete_models(family)
        name = base.rsplit(".", 1)[1]
        if not found:
            messages.append(
                Error(
                    f"No page model is declared on {name}.",
                    hint=f"Declare one in an app of the site's: "
                    f"class {name.removeprefix('Abstract')}({name}): pass "
                    f"(from {base.rsplit('.', 1)[0]}), then makemigrations. "
                    "The README's 'Add the intranet to your Wagtail site' shows all six.",
                    id="intranet.E010",
                )
            )
        elif len(found) > 1:
            labels = ", ".join(model._meta.label for model in found)
            messages.append(
                Error(
                    f"More than one page model is declared on {name}: {labels}.",
                    hint="The intranet uses one page model of each kind: keep one.",
                    id="intranet.E011",
                )
            )
    return messages


@register(Tags.models)
def check_post_relations(app_configs=None, **kwargs):
    """The site's post model declares its tags and its authors."""
    from django.core.exceptions import FieldDoesNotExist

    from intranet import pages

    found = pages.concrete_models("blog_post")
    if len(found) != 1:
        return []  # check_page_families says what is wrong
    post = found[0]
    messages = []
    for name, declaration in (
        ("tags", "tags = ClusterTaggableManager(through=BlogPostTag, blank=True)"),
        (
            "authors",
            'page = ParentalKey(BlogPostPage, related_name="authors") on a '
            "BlogPostAuthor(AbstractBlogPostAuthor)",
        ),
    ):
        try:
            post._meta.get_field(name)
        except FieldDoesNotExist:
            messages.append(
                Error(
                    f"{post._meta.label} has no {name}.",
                    hint=f"Declare {declaration}; the README's 'Add the intranet to "
                    "your Wagtail site' shows it.",
                    id="intranet.E012",
                )
            )
    return messages


LANGUAGE_MIDDLEWARE = "intranet.middleware.language_middleware"
AUTHENTICATION_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"


@register(Tags.compatibility)
def check_language_middleware(app_configs=None, **kwargs):
    """With more than one language, each person's choice needs the intranet's
    language middleware, after Django's authentication."""
    from intranet import languages

    if not settings.USE_I18N or len(languages.offered()) < 2:
        return []
    middleware = list(settings.MIDDLEWARE)
    hint = (
        f'Add "{LANGUAGE_MIDDLEWARE}" to MIDDLEWARE right after '
        f'"{AUTHENTICATION_MIDDLEWARE}" (it takes the place of LocaleMiddleware).'
    )
    if LANGUAGE_MIDDLEWARE not in middleware:
        return [
            Warning(
                "The site offers several languages but the intranet's language "
                "middleware is not installed: everyone gets LANGUAGE_CODE.",
                hint=hint,
                id="intranet.W002",
            )
        ]
    if AUTHENTICATION_MIDDLEWARE in middleware and middleware.index(
        LANGUAGE_MIDDLEWARE
    ) < middleware.index(AUTHENTICATION_MIDDLEWARE):
        return [
            Error(
                "The intranet's language middleware comes before Django's "
                "authentication, so it cannot see a person's chosen language.",
                hint=hint,
                id="intranet.E013",
            )
        ]
    return []
