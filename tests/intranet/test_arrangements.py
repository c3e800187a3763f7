"""An intranet is the tree under its home page, as its own Wagtail Site or as a
section of the public one. Inside, everything needs a signed-in member of staff
unless an editor made it public; outside, the host's pages are served as before."""

import pytest
from wagtail.models import Page, Site

from tests.conftest import intranet_as_section
from tests.factories import BlogPostPageFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def public_home(tree):
    """The organisation's public home page, as a host has it."""
    return tree.root.add_child(instance=Page(title="Northwind", slug="northwind"))


@pytest.fixture
def section(tree):
    """The public site at localhost, with the intranet as its section /intranet/."""
    about = Page(title="About us", slug="about-us")
    home = intranet_as_section(tree, about)
    return {"home": home, "about": about}


@pytest.fixture
def own_site(tree, settings):
    """The public site at www.example.org; the intranet at intranet.example.org."""
    settings.ALLOWED_HOSTS = ["www.example.org", "intranet.example.org"]
    home = public_home(tree)
    about = home.add_child(instance=Page(title="About us", slug="about-us"))
    Site.objects.all().delete()
    Site.objects.create(hostname="www.example.org", root_page=home)
    Site.objects.create(
        hostname="intranet.example.org", root_page=tree.home, is_default_site=True
    )
    return {"home": home, "about": about}


def asks_to_sign_in(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_in_a_section_the_hosts_pages_answer_anonymous_visitors(client, section):
    for path in ("/", "/about-us/"):
        response = client.get(path)
        assert response.status_code == 200, path
    assert client.get("/no-such-page/").status_code == 404


def test_in_a_section_every_intranet_page_asks_anonymous_visitors_to_sign_in(
    client, tree, section
):
    BlogPostPageFactory(parent=tree.blog, slug="news", title="Staff only")
    for path in ("/intranet/", "/intranet/blog/", "/intranet/blog/news/"):
        assert asks_to_sign_in(client.get(path)), path
    assert asks_to_sign_in(client.get("/intranet/no-such-page/"))
    assert asks_to_sign_in(client.get("/accounts/profile/"))
    assert asks_to_sign_in(client.get("/social/notifications/"))


def test_in_a_section_staff_read_the_intranet_and_the_public_site(
    staff_client, section
):
    assert staff_client.get("/intranet/").status_code == 200
    assert staff_client.get("/about-us/").status_code == 200
    assert staff_client.get("/search/").status_code == 200


def test_on_its_own_site_the_intranet_asks_anonymous_visitors_to_sign_in(
    client, tree, own_site
):
    host = {"HTTP_HOST": "intranet.example.org"}
    assert asks_to_sign_in(client.get("/", **host))
    assert asks_to_sign_in(client.get("/blog/", **host))
    assert asks_to_sign_in(client.get("/no-such-page/", **host))
    assert client.get(LOGIN, **host).status_code == 200


def test_the_public_site_beside_an_intranet_site_is_served_as_before(client, own_site):
    host = {"HTTP_HOST": "www.example.org"}
    assert client.get("/", **host).status_code == 200
    assert client.get("/about-us/", **host).status_code == 200
    assert client.get("/no-such-page/", **host).status_code == 404


@pytest.mark.parametrize(
    "path", [LOGIN, "/search/", "/accounts/profile/", "/social/notifications/"]
)
def test_intranet_views_answer_404_on_a_site_without_an_intranet(
    client, staff, own_site, path
):
    host = {"HTTP_HOST": "www.example.org"}
    assert client.get(path, **host).status_code == 404
    on_the_intranet = client.get(path, HTTP_HOST="intranet.example.org")
    assert on_the_intranet.status_code == 200 or asks_to_sign_in(on_the_intranet)
    client.force_login(staff)
    assert client.get(path, **host).status_code == 404


def test_the_intranets_headers_come_from_the_intranet_not_the_site(
    client, tree, staff, section, settings
):
    """The reference site runs no CSP or cache middleware: the intranet sets its
    own headers on its pages and views, and leaves the host's pages alone."""
    assert not any("csp" in m or "cache" in m for m in settings.MIDDLEWARE)
    client.force_login(staff)
    for path in ("/intranet/", "/search/?q=x", "/accounts/profile/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], path
        assert "private" in response["Cache-Control"], path
        assert "no-store" in response["Cache-Control"], path
        assert "Cookie" in response["Vary"], path
    hosts_page = client.get("/about-us/")
    assert hosts_page.status_code == 200
    assert "Content-Security-Policy" not in hosts_page


def test_a_site_may_change_the_intranets_policy(client, tree, staff, settings):
    settings.INTRANET = {
        "CONTENT_SECURITY_POLICY": {"default-src": ["'self'"], "img-src": ["*"]}
    }
    client.force_login(staff)
    response = client.get(tree.home.url)
    assert response["Content-Security-Policy"] == "default-src 'self'; img-src *"
