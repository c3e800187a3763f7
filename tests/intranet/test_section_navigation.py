"""An intranet that is a section of the host's public site (``/intranet/``) finds
its own home: the header, the navigation and sign-in lead there, not to the host's
home page."""

import pytest
from django.urls import reverse

from intranet.context_processors import intranet_home_url
from tests.security.test_host_leaks import section  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_the_intranet_home_is_its_sections_address(rf, section):  # noqa: F811
    assert intranet_home_url(rf.get("/", HTTP_HOST="localhost")) == "/intranet/"


def test_the_intranet_home_is_the_site_root_when_the_intranet_is_the_site(rf, tree):
    assert intranet_home_url(rf.get("/")) == "/"


def test_the_header_and_navigation_lead_to_the_sections_home_and_sections(
    client,
    staff,
    section,  # noqa: F811
    tree,
):
    client.force_login(staff)
    html = client.get("/intranet/blog/", HTTP_HOST="localhost").content.decode()
    assert 'class="brand" href="/intranet/"' in html
    assert '<a href="/intranet/"  data-testid="nav-home">' in html
    assert 'href="/intranet/blog/"' in html and 'data-testid="nav-blog"' in html
    assert 'data-testid="nav-about"' not in html  # the host's page, not a section


def test_the_home_link_is_current_on_the_intranet_home(client, staff, section, tree):  # noqa: F811
    client.force_login(staff)
    html = client.get("/intranet/", HTTP_HOST="localhost").content.decode()
    assert 'href="/intranet/" aria-current="page" data-testid="nav-home"' in html


def test_signing_in_lands_on_the_intranet_home_of_the_section(
    client,
    staff,
    section,  # noqa: F811
):
    staff.set_password("a-long-password-1")
    staff.save()
    response = client.post(
        reverse("intranet:login"),
        {"username": "staff", "password": "a-long-password-1"},
        HTTP_HOST="localhost",
    )
    assert response.status_code == 302
    assert response["Location"] == "/intranet/"


def test_signing_out_goes_back_to_the_intranet_sign_in(settings, client, staff, tree):
    del settings.LOGOUT_REDIRECT_URL  # a host's settings, with no LOGOUT_REDIRECT_URL
    client.force_login(staff)
    response = client.post(reverse("intranet:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("intranet:login")


def test_putting_the_why_banner_away_goes_back_to_the_sections_home(
    client,
    staff,
    section,  # noqa: F811
    tree,
):
    client.force_login(staff)
    hub = tree.guidelines.specific
    hub.refresh_from_db()
    response = client.post(f"{hub.url}why/dismiss/", HTTP_HOST="localhost")
    assert response.status_code == 302
    assert response["Location"] == "/intranet/"


def test_resetting_the_feeds_without_a_safe_next_goes_to_the_sections_home(
    client,
    staff,
    section,  # noqa: F811
):
    client.force_login(staff)
    response = client.post(
        reverse("intranet:social:feeds-reset"),
        {"next": "https://elsewhere.example/"},
        HTTP_HOST="localhost",
    )
    assert response["Location"] == "/intranet/"
