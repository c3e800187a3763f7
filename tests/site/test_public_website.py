"""The reference site's public website, as a host has one: its home page, plain
pages and the intranet's newsroom, beside the intranet's own Site."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import HomePage
from intranet.blog.models import NewsroomPage
from tests.factories import BlogPostPageFactory, PublicPostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def welcome(db, settings):
    """A fresh database: Wagtail's Welcome page at the default Site."""
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    Site.objects.all().delete()
    Page.objects.filter(depth__gt=1).delete()
    root = Page.get_first_root_node()
    page = root.add_child(
        instance=Page(title="Welcome to your new Wagtail site!", slug="home")
    )
    Site.objects.create(
        hostname="localhost", port=80, root_page=page, is_default_site=True
    )
    return page


def test_the_public_website_replaces_wagtails_welcome_page(welcome, client):
    call_command("load_public_site")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 8123)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(pk=welcome.pk).exists()
    for path in ("/", "/about/", "/contact/", "/news/"):
        response = client.get(path, HTTP_HOST="localhost:8123")
        assert response.status_code == 200, path
    home = client.get("/", HTTP_HOST="localhost:8123").content.decode()
    assert "<h1>Northwind</h1>" in home
    assert 'href="/news/"' in home


def test_loading_the_public_website_again_adds_nothing(welcome, capsys):
    call_command("load_public_site")
    pages = Page.objects.count()
    call_command("load_public_site")
    assert Page.objects.count() == pages
    assert "nothing to add" in capsys.readouterr().out


def test_a_default_site_serving_other_pages_is_left_alone(tree, capsys):
    site = Site.objects.get(is_default_site=True)
    call_command("load_public_site")
    assert Site.objects.get(is_default_site=True).root_page_id == site.root_page_id
    assert not HomePage.objects.exists()
    assert "left as it is" in capsys.readouterr().out


def test_the_newsroom_beside_the_intranet_shows_only_public_posts(
    welcome, tree, client
):
    """The demo's arrangement: the intranet on its own Site, the public website as
    the default, the newsroom in it."""
    Site.objects.filter(root_page=tree.home).update(
        hostname="127.0.0.1", port=8123, is_default_site=False
    )
    call_command("load_public_site")
    assert NewsroomPage.objects.live().count() == 1
    PublicPostFactory(parent=tree.blog, title="Open day", slug="open-day")
    BlogPostPageFactory(parent=tree.blog, title="Pay talks CANARY", slug="pay")
    news = client.get("/news/", HTTP_HOST="localhost:8123").content.decode()
    assert 'href="http://localhost:8123/news/open-day/"' in news
    assert "CANARY" not in news
    intranet_copy = client.get("/blog/open-day/", HTTP_HOST="127.0.0.1:8123")
    assert intranet_copy.status_code == 302
    assert intranet_copy["Location"] == "http://localhost:8123/news/open-day/"
