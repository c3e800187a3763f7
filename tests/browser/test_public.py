import re
from urllib.parse import parse_qs, urlsplit

from tests.browser.conftest import SCREENSHOTS, screenshot, sign_in
from tests.factories import PublicPostFactory, UserFactory, comment_on


def test_anonymous_reader_sees_a_public_post_without_the_conversation(page, site):
    laura = UserFactory(username="laura", first_name="Laura", last_name="Bennett")
    post = PublicPostFactory(
        parent=site.blog,
        title="We opened a new service centre in Oulu",
        slug="oulu-centre",
        standfirst="Forty new colleagues answer customers from Monday.",
        authors=[laura],
        body=[
            ("paragraph", "<p>The centre answers calls, chats and messages.</p>"),
            ("staff_only", {"content": [("paragraph", "<p>Internal rota.</p>")]}),
        ],
    )
    comment_on(post, laura, "Only colleagues read this comment.")

    page.goto(f"{site.url}{post.url}")
    assert page.get_by_role("heading", level=1).inner_text() == post.title
    assert page.get_by_test_id("public-post").is_visible()
    assert page.get_by_text("The centre answers calls").is_visible()
    assert page.get_by_text("Only colleagues read this comment.").count() == 0
    assert page.get_by_text("Internal rota.").count() == 0
    assert page.locator("form").count() == 0
    assert page.locator("nav.main-nav").count() == 0
    screenshot(page, "public-post-anonymous")

    page.get_by_role("link", name="Newsroom").first.click()
    page.wait_for_url(re.compile(r"/newsroom/$"))
    assert page.get_by_test_id("newsroom-card").count() == 1
    screenshot(page, "newsroom-anonymous")


def test_an_ambassador_shares_on_linkedin_and_the_count_shows(page, site):
    UserFactory(
        username="staff", first_name="Sam", last_name="Okafor", is_ambassador=True
    )
    author = UserFactory(username="laura", first_name="Laura", last_name="Bennett")
    post = PublicPostFactory(
        parent=site.blog,
        title="Five steps to a better LinkedIn profile",
        slug="linkedin-profile",
        authors=[author],
        share_text_linkedin="Five small steps to a LinkedIn profile you enjoy.",
    )
    requested = []

    def linkedin(route):
        requested.append(route.request.url)
        route.fulfill(
            status=200,
            content_type="text/html",
            body="<!doctype html><title>LinkedIn stub</title><h1>LinkedIn stub</h1>",
        )

    # Nothing leaves the machine: every outside address is refused, and LinkedIn's
    # share address (routed last, so it is matched first) gets a stub page.
    page.context.route(
        re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"),
        lambda route: route.abort(),
    )
    page.context.route("https://www.linkedin.com/**", linkedin)

    sign_in(page, site.url, "staff")
    page.goto(f"{site.url}{post.url}")
    panel = page.get_by_test_id("share-panel")
    assert panel.is_visible()
    assert "utm_source=copy" in page.get_by_test_id("share-link").input_value()
    screenshot(page, "share-panel-ambassador")

    page.get_by_test_id("share-linkedin").click()
    page.wait_for_url("https://www.linkedin.com/**")
    assert page.get_by_role("heading", name="LinkedIn stub").is_visible()
    assert len(requested) == 1
    shared = parse_qs(urlsplit(requested[0]).query)["url"][0]
    assert shared.startswith("http://localhost/blog/linkedin-profile/?")
    assert "utm_source=linkedin" in shared
    assert "utm_medium=ambassador" in shared

    page.goto(f"{site.url}{post.url}")
    assert "You have shared this post 1 time." in panel.inner_text()
    page.get_by_test_id("share-history-link").click()
    assert page.get_by_test_id("share-history").get_by_text(post.title).is_visible()
    screenshot(page, "share-history")

    page.context.clear_cookies()
    sign_in(page, site.url, "laura")
    page.goto(f"{site.url}{post.url}")
    stats = page.get_by_test_id("share-stats")
    assert " ".join(stats.inner_text().split()) == (
        "Shared 1 time by 1 ambassador; 0 visits back"
    )
    screenshot(page, "share-stats-author")


def _public_post_with_texts(site):
    UserFactory(
        username="staff", first_name="Sam", last_name="Okafor", is_ambassador=True
    )
    return PublicPostFactory(
        parent=site.blog,
        title="Our new centre opens in Oulu",
        slug="oulu-opens",
        share_text_linkedin="Forty colleagues now answer customers from Oulu.",
        share_text_x="We opened a centre in Oulu & hired 40 people!",
        share_text_facebook="Come and see our new centre in Oulu.",
        share_text_email="Hello,\nwe opened a new centre in Oulu.",
    )


def test_an_ambassador_copies_the_linkedin_text_and_shares_on_x(page, site):
    post = _public_post_with_texts(site)
    requested = []

    def x_stub(route):
        requested.append(route.request.url)
        route.fulfill(
            status=200,
            content_type="text/html",
            body="<!doctype html><title>X stub</title><h1>X stub</h1>",
        )

    page.context.route(
        re.compile(r"^https?://(?!127\.0\.0\.1|localhost).*"),
        lambda route: route.abort(),
    )
    page.context.route("https://x.com/**", x_stub)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    sign_in(page, site.url, "staff")
    page.goto(f"{site.url}{post.url}")
    linkedin = page.get_by_test_id("share-network-linkedin")
    text = linkedin.get_by_label("Suggested text")
    assert text.input_value() == "Forty colleagues now answer customers from Oulu."
    assert text.get_attribute("readonly") is not None
    assert page.get_by_test_id("share-text-x").input_value() == (
        "We opened a centre in Oulu & hired 40 people!"
    )
    # Chromium on Linux has no share sheet: the "Share…" button stays hidden.
    assert page.get_by_test_id("share-device").is_hidden()

    copy = page.get_by_role("button", name="Copy text for LinkedIn")
    copy.click()
    status = linkedin.get_by_role("status")
    status.get_by_text("Copied: paste it into your post on LinkedIn.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == (
        "Forty colleagues now answer customers from Oulu."
    )
    screenshot(page, "share-panel-copied-1280")

    page.get_by_test_id("share-copy-x").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.testid") == "share-x"
    page.get_by_test_id("share-network-x").screenshot(
        path=str(SCREENSHOTS / "share-button-focus.png")
    )
    page.get_by_test_id("share-x").click()
    page.wait_for_url("https://x.com/**")
    assert page.get_by_role("heading", name="X stub").is_visible()
    assert len(requested) == 1
    query = parse_qs(urlsplit(requested[0]).query)
    assert query["text"] == ["We opened a centre in Oulu & hired 40 people!"]
    assert query["url"][0].startswith("http://localhost/blog/oulu-opens/?")
    assert "utm_source=x" in query["url"][0]
    assert "utm_medium=ambassador" in query["url"][0]

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{site.url}{post.url}")
    panel = page.get_by_test_id("share-panel")
    assert "You have shared this post 1 time." in panel.inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the panel fits a phone without sideways scrolling"
    panel.scroll_into_view_if_needed()
    screenshot(page, "share-panel-360")


def test_the_share_sheet_gets_the_tracked_link_where_the_browser_has_one(page, site):
    post = _public_post_with_texts(site)
    page.add_init_script(
        "navigator.share = function (data) {"
        " window.sharedData = data; return Promise.resolve(); };"
    )
    sign_in(page, site.url, "staff")
    page.goto(f"{site.url}{post.url}")
    page.get_by_role("button", name="Share…").click()
    page.get_by_test_id("share-panel").get_by_text("Shared.").wait_for()
    shared = page.evaluate("window.sharedData")
    assert shared["title"] == post.title
    assert shared["text"] == "Forty colleagues now answer customers from Oulu."
    assert "utm_source=copy" in shared["url"]
    assert "utm_medium=ambassador" in shared["url"]
    screenshot(page, "share-panel-share-sheet")


def test_without_javascript_the_texts_are_there_to_select_and_share(browser, site):
    post = _public_post_with_texts(site)
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    try:
        sign_in(page, site.url, "staff")
        page.goto(f"{site.url}{post.url}")
        for network in ("linkedin", "x", "facebook", "email"):
            assert page.get_by_test_id(f"share-text-{network}").is_visible()
            assert page.get_by_test_id(f"share-{network}").is_visible()
            assert page.get_by_test_id(f"share-copy-{network}").is_hidden()
        assert page.get_by_test_id("share-device").is_hidden()
        page.get_by_test_id("share-panel").scroll_into_view_if_needed()
        screenshot(page, "share-panel-no-js")
    finally:
        context.close()
