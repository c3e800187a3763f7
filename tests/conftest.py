from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_supported_language_variant
from wagtail.models import Collection, Locale, Page, Site

from intranet import views
from intranet.social import translations
from tests import factories


@dataclass
class Tree:
    root: Page
    home: Page
    blog: Page
    discussions: Page
    guidelines: Page
    people: Page


def build_tree() -> Tree:
    """The minimal page tree of ARCHITECTURE.md, served as the default site.

    Works after Wagtail's migrations (the root page exists) and after a
    transactional flush (nothing exists, as in live-server browser tests).
    """
    Locale.objects.get_or_create(
        language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
    )
    # The process remembers the locales (intranet.social.translations): read them
    # here, so that no pinned query count depends on which test ran first.
    translations.locale_ids()
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = factories.HomePageFactory(parent=root, slug="intranet-home")
    tree = Tree(
        root=root,
        home=home,
        blog=factories.BlogIndexPageFactory(parent=home),
        discussions=factories.DiscussionIndexPageFactory(parent=home),
        guidelines=factories.GuidelinesHubPageFactory(parent=home),
        people=factories.PeopleIndexPageFactory(parent=home),
    )
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True
    )
    return tree


def intranet_as_section(tree: Tree, *children: Page) -> Page:
    """Make the intranet a section, /intranet/, of a public site at localhost whose
    home page holds ``children``; returns that public home."""
    home = tree.root.add_child(instance=Page(title="Northwind", slug="northwind"))
    for child in children:
        home.add_child(instance=child)
    tree.home.move(home, pos="last-child")
    tree.home.refresh_from_db()
    tree.home.slug = "intranet"
    tree.home.save()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


@pytest.fixture
def tree(db) -> Tree:
    return build_tree()


@pytest.fixture
def staff(db):
    return factories.UserFactory(username="staff", first_name="Sam", last_name="Okafor")


@pytest.fixture
def staff_client(client, staff, tree):
    """A signed-in member of staff, on the intranet's site (intranet views answer
    404 on a Site without one)."""
    client.force_login(staff)
    return client


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttle counters, cached fragments and the health check's last healthy
    answer never leak from one test to the next."""
    cache.clear()
    views._healthy_until = 0.0
    yield
    cache.clear()


@pytest.fixture
def throttles_on(settings):
    settings.INTRANET = {**settings.INTRANET, "THROTTLES_ENABLED": True}


@pytest.fixture
def moderator(db):
    """A member of Intranet moderators, whose moderate permission makes them one."""
    from intranet import setup

    return factories.UserFactory(username="moderator", groups=[setup.MODERATORS])


@pytest.fixture
def post(tree, staff):
    """A published staff-only post by Laura, under the blog."""
    laura = factories.UserFactory(
        username="laura", first_name="Laura", last_name="Bennett"
    )
    return factories.BlogPostPageFactory(
        parent=tree.blog,
        title="Why we are on social media",
        slug="why",
        authors=[laura],
    )


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files and renditions go to a folder of their own, removed after."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def redis_server():
    """A redis-server of this test's own, stopped at the end (skips without one)."""
    from tests import redis_server as module

    if not module.available():
        pytest.skip("redis-server is not installed")
    server = module.RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run an action and then what waits for its transaction to commit (the
    notification tasks, the requests to acknowledge)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


@pytest.fixture
def pages(tree, staff):
    """One page of each type the intranet has, by name."""
    profile = factories.leader_profile(tree)
    return {
        "home": tree.home,
        "blog": tree.blog,
        "post": factories.BlogPostPageFactory(
            parent=tree.blog, slug="why", authors=[staff]
        ),
        "discussions": tree.discussions,
        "thread": factories.DiscussionThreadPageFactory(
            parent=tree.discussions, slug="lunch"
        ),
        "guidelines": tree.guidelines,
        "guideline": factories.GuidelinePageFactory(
            parent=tree.guidelines, slug="policy", policy=True
        ),
        "training": factories.TrainingModulePageFactory(
            parent=tree.guidelines, slug="training"
        ),
        "people": tree.people,
        "leader": profile,
        "update": factories.LeaderUpdatePageFactory(parent=profile, slug="news"),
    }
