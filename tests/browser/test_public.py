import re
from urllib.parse import parse_qs, urlsplit

from tests.browser.conftest import screenshot, sign_in
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
