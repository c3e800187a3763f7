from tests.browser.conftest import screenshot, sign_in
from tests.factories import UserFactory


def test_the_header_search_finds_a_colleague_by_location_at_any_width(browser, site):
    UserFactory(username="staff", first_name="Sam", last_name="Okafor")
    UserFactory(
        username="rvos", first_name="Ruth", last_name="Vos", location="Rotterdam office"
    )
    for width in (1280, 360):
        page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
        sign_in(page, site.url, "staff")
        header = page.locator(".site-header")
        search = page.get_by_role("search", name="Site search")
        assert search.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        box, bar = search.bounding_box(), header.bounding_box()
        assert (
            bar["y"] <= box["y"]
            and box["y"] + box["height"] <= bar["y"] + bar["height"]
        )
        assert box["x"] + box["width"] <= width
        screenshot(page, f"header-search-{width}")

        page.get_by_label("Search the intranet").first.fill("rotterdam")
        page.get_by_label("Search the intranet").first.press("Enter")
        page.wait_for_url("**/search/?q=rotterdam")
        card = page.get_by_test_id("person-card")
        assert "Ruth Vos" in card.inner_text()
        assert "Rotterdam office" in card.inner_text()
        assert page.get_by_test_id("header-search-input").input_value() == "rotterdam"
        screenshot(page, f"header-search-results-{width}")
        page.context.close()
