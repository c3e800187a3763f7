"""A member of staff switches the intranet into Finnish and back from the header,
at 1280 and 360 pixels wide."""

from django.utils import translation

from intranet.people.models import Profile
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.factories import BlogPostPageFactory, UserFactory
from tests.factories.translations import translate


def finnish(text: str) -> str:
    with translation.override("fi"):
        return translation.gettext(text)


def test_staff_switch_to_finnish_and_back_in_the_header(page, site):
    staff = UserFactory(username="staff", first_name="Aino", last_name="Laine")
    post = BlogPostPageFactory(parent=site.blog, title="Our first month on LinkedIn")
    finnish_post = translate(post, title="Ensimmäinen kuukautemme LinkedInissä")
    sign_in(page, site.url, "staff")
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_test_id("language-fi").click()
    page.wait_for_function("document.documentElement.lang === 'fi'")
    assert page.url == f"{site.url}/"
    nav = page.get_by_test_id("nav-search")
    assert nav.inner_text() == finnish("Search") != "Search"
    assert Profile.objects.get(user=staff).language == "fi"
    screenshot(page, "language-finnish-home-1280")
    assert_accessible(page, "language-finnish-home")

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{site.url}/")
    switch_back = page.get_by_test_id("language-en")
    assert switch_back.is_visible()
    assert switch_back.get_attribute("lang") == "en"
    box = page.locator(".site-header").bounding_box()
    assert box["width"] <= 360
    screenshot(page, "language-finnish-home-360")
    assert_accessible(page, "language-finnish-home-360")

    # The post in Finnish, with a link to the English original.
    page.goto(f"{site.url}{post.url}")
    page.get_by_role("heading", name=finnish_post.title).wait_for()
    english = page.get_by_test_id("read-in-en")
    assert english.get_attribute("hreflang") == "en"
    screenshot(page, "language-finnish-post-360")
    assert_accessible(page, "language-finnish-post-360")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site.url}{post.url}")
    screenshot(page, "language-finnish-post-1280")
    english.click()
    page.get_by_role("heading", name=post.title).wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_test_id("read-in-fi").wait_for()

    page.goto(f"{site.url}/")
    page.get_by_test_id("language-en").click()
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.get_by_test_id("nav-search").inner_text() == "Search"
    assert Profile.objects.get(user=staff).language == "en"
