"""The public website beside the intranet, as the reference site has it: its home
page, a plain page and the newsroom with a public post, read by an anonymous
visitor, free of serious barriers at both widths."""

from urllib.parse import urlsplit

from wagtail.models import Page, Site

from home.models import HomePage, PublicPage
from intranet.blog.models import NewsroomPage
from tests.browser.conftest import screenshot
from tests.browser.test_accessibility import new_page, walk, width  # noqa: F401
from tests.factories import PublicPostFactory


def test_the_public_website_and_its_newsroom_have_no_serious_barriers(
    site,
    new_page,  # noqa: F811 - the accessibility tests' fixture, at both widths
    width,  # noqa: F811
):
    port = urlsplit(site.url).port
    home = Page.get_first_root_node().add_child(
        instance=HomePage(
            title="Northwind", slug="northwind", intro="<p>By lake and by road.</p>"
        )
    )
    for child in (
        PublicPage(title="About us", slug="about", show_in_menus=True),
        NewsroomPage(title="News", slug="news", show_in_menus=True),
    ):
        home.add_child(instance=child)
    Site.objects.create(hostname="127.0.0.1", port=port, root_page=home)
    PublicPostFactory(
        parent=site.blog,
        title="We opened a new service centre in Oulu",
        slug="oulu-centre",
        standfirst="Forty new colleagues answer customers from Monday.",
    )
    public = f"http://127.0.0.1:{port}"
    visitor = new_page()
    problems = walk(
        visitor,
        public,
        [
            (f"public-home-{width}", "/"),
            (f"public-page-{width}", "/about/"),
            (f"public-newsroom-{width}", "/news/"),
            (f"public-newsroom-post-{width}", "/news/oulu-centre/"),
        ],
    )
    assert not problems, "\n".join(problems)
    assert visitor.get_by_role("heading", level=1).inner_text() == (
        "We opened a new service centre in Oulu"
    )
    screenshot(visitor, f"public-newsroom-post-{width}")
    visitor.goto(f"{public}/news/")
    assert visitor.get_by_test_id("newsroom-card").count() == 1
    screenshot(visitor, f"public-newsroom-{width}")
