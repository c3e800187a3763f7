"""The system checks tell a host what to add, instead of failing at request time."""

import pytest
from django.apps import apps
from django.core import checks as django_checks

from intranet import INTRANET_APPS, checks


def ids(messages):
    return [message.id for message in messages]


def test_the_reference_site_passes_every_intranet_check():
    messages = [
        m for m in django_checks.run_checks() if m.id and m.id.startswith("intranet.")
    ]
    assert messages == []


def test_a_missing_app_is_named_with_what_to_add(monkeypatch):
    real = apps.get_app_configs()
    monkeypatch.setattr(
        apps,
        "get_app_configs",
        lambda: [c for c in real if c.name != "django_comments_xtd"],
    )
    messages = checks.check_installed_apps()
    assert ids(messages) == ["intranet.E001"]
    assert "'django_comments_xtd'" in messages[0].msg
    assert "INSTALLED_APPS" in messages[0].hint


def test_comment_apps_out_of_order_are_reported(monkeypatch):
    real = apps.get_app_configs()
    social = next(c for c in real if c.name == "intranet.social")
    reordered = [social, *[c for c in real if c is not social]]
    monkeypatch.setattr(apps, "get_app_configs", lambda: reordered)
    assert ids(checks.check_installed_apps()) == ["intranet.E002"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("COMMENTS_APP", "django_comments"),
        ("COMMENTS_XTD_MODEL", "django_comments_xtd.models.XtdComment"),
        ("COMMENTS_XTD_CONFIRM_EMAIL", True),
    ],
)
def test_a_wrong_comment_setting_is_named(settings, name, value):
    setattr(settings, name, value)
    messages = checks.check_comment_settings()
    assert ids(messages) == ["intranet.E003"]
    assert name in messages[0].msg
    assert name in messages[0].hint


def test_a_forgotten_comment_setting_is_named(settings):
    del settings.COMMENTS_XTD_MODEL
    messages = checks.check_comment_settings()
    assert ids(messages) == ["intranet.E003"]
    assert "COMMENTS_XTD_MODEL" in messages[0].msg


def test_flat_comments_are_refused(settings):
    settings.COMMENTS_XTD_MAX_THREAD_LEVEL = 0
    assert ids(checks.check_comment_settings()) == ["intranet.E004"]


def test_a_missing_site_id_is_reported(settings):
    del settings.SITE_ID
    assert ids(checks.check_comment_settings()) == ["intranet.E005"]


def test_templates_without_app_directories_are_reported(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "APP_DIRS": False}]
    messages = checks.check_templates()
    assert ids(messages) == ["intranet.E006"]
    assert "APP_DIRS" in messages[0].hint


def test_a_missing_context_processor_is_named(settings):
    engine = settings.TEMPLATES[0]
    processors = [
        p
        for p in engine["OPTIONS"]["context_processors"]
        if p != "intranet.context_processors.navigation"
    ]
    settings.TEMPLATES = [
        {**engine, "OPTIONS": {**engine["OPTIONS"], "context_processors": processors}}
    ]
    messages = checks.check_templates()
    assert ids(messages) == ["intranet.E007"]
    assert "intranet.context_processors.navigation" in messages[0].msg


def test_a_missing_tasks_backend_is_reported(settings):
    del settings.TASKS
    messages = checks.check_tasks()
    assert ids(messages) == ["intranet.E008"]
    assert "TASKS" in messages[0].hint


def test_the_intranet_setting_must_be_a_dictionary(settings):
    settings.INTRANET = ["THROTTLES_ENABLED"]
    assert ids(checks.check_intranet_setting()) == ["intranet.E009"]


def test_an_intranet_value_of_the_wrong_type_is_an_error(settings):
    settings.INTRANET = {"THROTTLES_ENABLED": "no"}
    messages = checks.check_intranet_setting()
    assert ids(messages) == ["intranet.E009"]
    assert "bool" in messages[0].msg


def test_an_unknown_intranet_key_is_a_warning_that_lists_the_known_ones(settings):
    settings.INTRANET = {"THROTTLE_ENABLED": False}
    messages = checks.check_intranet_setting()
    assert ids(messages) == ["intranet.W001"]
    assert "THROTTLES_ENABLED" in messages[0].hint


def test_a_host_without_the_intranet_setting_gets_the_defaults(settings):
    del settings.INTRANET
    assert checks.check_intranet_setting() == []
    from intranet.conf import intranet_setting

    assert intranet_setting("THROTTLES_ENABLED") is True


# The apps of a site made by `wagtail start`, as Wagtail 8 writes them.
WAGTAIL_START_APPS = [
    "home",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]


def test_the_apps_a_site_adds_are_the_apps_the_check_asks_for():
    assert checks.REQUIRED_APPS == INTRANET_APPS
    intranet_apps = [
        c.name for c in apps.get_app_configs() if c.name.startswith("intranet")
    ]
    assert set(intranet_apps) <= set(INTRANET_APPS)


def test_the_reference_site_installs_its_page_types_then_the_intranet_apps(settings):
    site_apps = ["home", "blog", "guidelines"]
    assert settings.INSTALLED_APPS[: len(site_apps)] == site_apps
    following = settings.INSTALLED_APPS[len(site_apps) :]
    assert following[: len(INTRANET_APPS)] == INTRANET_APPS


def test_a_wagtail_start_site_adding_the_intranet_apps_as_the_readme_says(monkeypatch):
    installed = list(WAGTAIL_START_APPS)
    installed += [app for app in INTRANET_APPS if app not in installed]
    assert len(installed) == len(set(installed))
    assert installed[: len(WAGTAIL_START_APPS)] == WAGTAIL_START_APPS
    configs = [type("Config", (), {"name": name}) for name in installed]
    monkeypatch.setattr(apps, "get_app_configs", lambda: configs)
    assert checks.check_installed_apps() == []


def test_a_missing_language_middleware_is_named(settings):
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != checks.LANGUAGE_MIDDLEWARE
    ]
    [message] = checks.check_language_middleware()
    assert message.id == "intranet.W002"
    assert checks.LANGUAGE_MIDDLEWARE in message.hint


def test_a_language_middleware_before_authentication_is_an_error(settings):
    rest = [m for m in settings.MIDDLEWARE if m != checks.LANGUAGE_MIDDLEWARE]
    settings.MIDDLEWARE = [checks.LANGUAGE_MIDDLEWARE, *rest]
    [message] = checks.check_language_middleware()
    assert message.id == "intranet.E013"


def test_one_language_needs_no_language_middleware(settings):
    settings.LANGUAGES = [("en", "English")]
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != checks.LANGUAGE_MIDDLEWARE
    ]
    assert checks.check_language_middleware() == []
