import pytest

from tests.browser.conftest import screenshot, sign_in
from tests.factories import UserFactory


@pytest.fixture
def sam(site):
    return UserFactory(username="staff", first_name="Sam", last_name="Okafor")


def test_staff_sign_in_through_the_form_and_land_on_home(page, site, sam):
    sign_in(page, site.url, "staff")
    assert page.get_by_test_id("greeting").inner_text() == "Hello, Sam Okafor"
    for section in ("blog", "discussions", "guidelines", "people"):
        assert page.get_by_test_id(f"section-{section}").is_visible()
    screenshot(page, "home-staff")


def test_the_login_page_keeps_the_user_name_after_a_wrong_password(page, site, sam):
    page.goto(f"{site.url}/accounts/login/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill("not-it")
    page.get_by_test_id("login-submit").click()
    assert page.get_by_test_id("form-errors").is_visible()
    assert page.get_by_label("Username").input_value() == "staff"
    screenshot(page, "login-error")


def test_home_works_at_360_pixels_wide(page, site, sam):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, site.url, "staff")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360
    screenshot(page, "home-mobile")
