"""A social intranet for Wagtail: the tree under an intranet home page.

A site installs it with one line in its settings::

    from intranet import INTRANET_APPS

    INSTALLED_APPS += [app for app in INTRANET_APPS if app not in INSTALLED_APPS]

``manage.py check`` names any of these apps that is missing (``intranet.checks``).
"""

# What the intranet needs in INSTALLED_APPS, in an order that works: the intranet's
# own apps, the Wagtail and Django apps it builds on, and django-comments-xtd before
# django_comments before intranet.social (template lookup order).
INTRANET_APPS = [
    "intranet",
    "intranet.home",
    "intranet.blog",
    "intranet.discussions",
    "intranet.guidelines",
    "intranet.people",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.contrib.table_block",
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
    "django_comments_xtd",
    "django_comments",
    "intranet.social",
    "django_tasks",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
