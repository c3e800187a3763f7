import re

from tests.browser.conftest import screenshot, sign_in
from tests.factories import BlogPostPageFactory, UserFactory


def test_a_mention_picked_with_the_keyboard_reaches_the_colleague(browser, page, site):
    UserFactory(username="staff", first_name="Sam", last_name="Okafor")
    UserFactory(username="lea", first_name="Lea", last_name="Fischer")
    UserFactory(username="leader", first_name="Lina", last_name="Marsh")
    laura = UserFactory(username="laura", first_name="Laura", last_name="Bennett")
    post = BlogPostPageFactory(
        parent=site.blog,
        title="Our plan for the spring campaign",
        slug="spring-campaign",
        standfirst="What we will post, and when.",
        authors=[laura],
    )

    sign_in(page, site.url, "staff")
    page.goto(f"{site.url}{post.url}")
    box = page.get_by_label("Your comment")
    # A textarea may take no other role: it stays a text box that autocompletes.
    assert box.get_attribute("role") is None
    assert box.get_attribute("aria-autocomplete") == "list"
    assert box.get_attribute("aria-expanded") is None
    box.press_sequentially("Could you check the dates, @le")

    suggestions = page.get_by_role("listbox", name="People to mention")
    leader = suggestions.get_by_role("option", name=re.compile("@leader"))
    leader.wait_for()
    box.press("Escape")
    assert suggestions.is_hidden()
    assert box.get_attribute("aria-activedescendant") is None
    assert box.input_value() == "Could you check the dates, @le"
    box.press_sequentially("a")
    leader.wait_for()
    assert box.get_attribute("aria-controls") == suggestions.get_attribute("id")
    assert suggestions.get_by_role("option").count() == 2
    assert page.get_by_role("status").filter(has_text="2 people found").count() == 1
    first = suggestions.get_by_role("option").first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    screenshot(page, "mentions-suggestions")

    box.press("ArrowDown")
    assert leader.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == leader.get_attribute("id")
    box.press("Enter")
    assert suggestions.is_hidden()
    assert box.get_attribute("aria-activedescendant") is None
    assert box.input_value() == "Could you check the dates, @leader "
    box.press_sequentially("before Friday?")
    page.get_by_test_id("comment-submit").click()
    page.wait_for_url(re.compile(r"#c\d+$"))
    mention = page.get_by_role("link", name="@leader")
    assert mention.get_attribute("href") == "/people/profile/leader/"
    screenshot(page, "mentions-posted")

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    leaders_page = context.new_page()
    leaders_page.set_default_timeout(10_000)
    sign_in(leaders_page, site.url, "leader")
    assert leaders_page.get_by_test_id("bell-count").inner_text() == "1"
    screenshot(leaders_page, "mentions-bell")
    leaders_page.get_by_test_id("bell").click()
    leaders_page.wait_for_url(f"{site.url}/social/notifications/")
    notification = leaders_page.get_by_test_id("notification").first
    assert "Sam Okafor mentioned you in “Our plan for the spring campaign”" in (
        notification.inner_text()
    )
    screenshot(leaders_page, "mentions-notifications")
    notification.get_by_role("link").click()
    leaders_page.wait_for_url(re.compile(r"/blog/spring-campaign/#c\d+$"))
    anchor = leaders_page.url.rsplit("#", 1)[1]
    comment = leaders_page.locator(f"#{anchor}")
    assert comment.is_visible()
    assert "Could you check the dates, @leader before Friday?" in comment.inner_text()
    assert comment.get_by_role("link", name="@leader").is_visible()
    screenshot(leaders_page, "mentions-landed")
    context.close()
