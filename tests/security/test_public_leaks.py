"""Nothing internal reaches an anonymous visitor through the public face of the site.

Every internal page, comment, poll option, document title and the name of everyone
who reacted carries a unique canary. The test then visits every address an
anonymous visitor can reach (the public post and its tracked variant, the Newsroom
and its pages, the public feeds, sitemap.xml, robots.txt, search, the share
endpoint, the sign-in page and error pages) and fails if a canary shows up in any
body or header. Addresses echo what the visitor typed, so the canaries are
upper case and never part of a slug the visitor sends.
"""

import re

import pytest
from wagtail.documents.models import Document

from intranet.social.models import PageReaction
from tests.factories import (
    BlogPostPageFactory,
    DiscussionThreadPageFactory,
    PublicPostFactory,
    UserFactory,
    comment_on,
    make_poll,
)

pytestmark = pytest.mark.django_db

CANARY = re.compile(r"CANARY-\w+")


@pytest.fixture
def site_with_secrets(tree):
    secrets = {}
    reactor = UserFactory(first_name="Reactor", last_name="CANARY-reactor")
    commenter = UserFactory(first_name="Commenter", last_name="CANARY-commenter")
    internal = BlogPostPageFactory(
        parent=tree.blog,
        title="Restructuring CANARY-title",
        slug="restructuring-plan",
        standfirst="Who moves where CANARY-standfirst",
        search_description="CANARY-description",
        body=[("paragraph", "<p>Internal body CANARY-body</p>")],
        tag_names=["Topic CANARY-tag"],
    )
    thread = DiscussionThreadPageFactory(
        parent=tree.discussions,
        title="Thread CANARY-thread",
        slug="thread-canary",
        body="CANARY-thread-body",
    )
    thread_poll = make_poll(
        thread=thread, question="CANARY-poll-q", labels=("CANARY-opt-1", "CANARY-o2")
    )
    post_poll = make_poll(question="CANARY-embedded-poll", labels=("CANARY-opt-3",))
    document = Document.objects.create(title="CANARY-document")
    public = PublicPostFactory(
        parent=tree.blog,
        title="We opened a new service centre",
        slug="new-centre",
        body=[
            (
                "paragraph",
                f'<p>See <a id="{internal.pk}" linktype="page">the plan</a>, '
                f'<a id="{document.pk}" linktype="document">the budget</a> and '
                f'<a href="/blog/restructuring-plan/">the old link</a>.</p>',
            ),
            ("poll", post_poll),
            ("document", {"document": document, "title": ""}),
            (
                "staff_only",
                {"content": [("paragraph", "<p>CANARY-staff-only</p>")]},
            ),
        ],
    )
    for page in (internal, public, thread):
        comment_on(page, commenter, f"Comment on {page.slug} CANARY-comment")
        PageReaction.objects.create(page=page, user=reactor, kind="celebrate")
    ambassador = UserFactory(last_name="CANARY-ambassador", is_ambassador=True)
    from intranet.social.models import ShareClick

    ShareClick.objects.create(page=public, user=ambassador, network="linkedin")
    secrets.update(
        internal=internal,
        public=public,
        thread=thread,
        thread_poll=thread_poll,
        document=document,
    )
    return secrets


def anonymous_urls(s):
    public, internal = s["public"], s["internal"]
    urls = [
        public.url,
        f"{public.url}?utm_source=linkedin&utm_medium=ambassador&utm_campaign=x",
        "/newsroom/",
        "/newsroom/?page=2",
        "/newsroom/?page=abc",
        "/newsroom/rss/",
        "/newsroom/atom/",
        "/sitemap.xml",
        "/robots.txt",
        "/search/?q=CANARY",
        "/search/?q=restructuring",
        "/accounts/login/",
        "/accounts/login/?next=/blog/restructuring-plan/",
        "/no-such-page/",
        "/nowhere.txt",
        internal.url,
        s["thread"].url,
        f"/documents/{s['document'].pk}/canary.pdf",
        "/blog/?tag=topic-canary-tag",
    ]
    for network in ("linkedin", "x", "facebook", "email", "copy", "evil"):
        for page in (public, internal, s["thread"]):
            urls.append(f"/social/share/{page.pk}/{network}/")
            urls.append(
                f"/social/share/{page.pk}/{network}/?target=https://evil.example"
            )
    urls.append("/social/shares/")
    return urls


def assert_no_canary(response, url):
    body = response.content.decode(errors="replace")
    found = CANARY.findall(body)
    assert not found, f"{url} leaks {found[:3]}"
    for header, value in response.items():
        assert not CANARY.search(value), f"{url} leaks in {header}: {value}"


def test_no_internal_marker_reaches_an_anonymous_visitor(client, site_with_secrets):
    for url in anonymous_urls(site_with_secrets):
        response = client.get(url)
        assert response.status_code < 500, url
        assert_no_canary(response, url)


def test_the_public_post_itself_is_readable_while_nothing_internal_shows(
    client, site_with_secrets
):
    response = client.get(site_with_secrets["public"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "We opened a new service centre" in html
    assert "the plan" in html and "the budget" in html


def test_anonymous_head_requests_leak_nothing_either(client, site_with_secrets):
    for url in anonymous_urls(site_with_secrets)[:12]:
        assert_no_canary(client.head(url), url)


def test_the_canaries_are_really_there_for_staff(staff_client, site_with_secrets):
    """The test above could pass by accident if the markers were never rendered."""
    internal = site_with_secrets["internal"]
    html = staff_client.get(internal.url).content.decode()
    assert "CANARY-title" in html and "CANARY-body" in html
    assert "CANARY-comment" in html
    public_html = staff_client.get(site_with_secrets["public"].url).content.decode()
    assert "CANARY-staff-only" in public_html
    assert "CANARY-embedded-poll" in public_html
    assert "CANARY-document" in public_html
