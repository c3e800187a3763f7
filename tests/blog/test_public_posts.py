"""Public posts: the public layout, its caching, and what it leaves out."""

import pytest
from django.contrib.auth.models import AnonymousUser

from intranet.blog.public import link_is_public, strip_internal_links
from tests.factories import (
    BlogPostPageFactory,
    PublicPostFactory,
    UserFactory,
    comment_on,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def internal(tree):
    return BlogPostPageFactory(
        parent=tree.blog, title="Restructuring plan CANARY-int", slug="restructuring"
    )


@pytest.fixture
def public(tree, internal):
    author = UserFactory(first_name="Laura", last_name="Bennett")
    return PublicPostFactory(
        parent=tree.blog,
        title="We opened a new service centre",
        slug="new-centre",
        authors=[author],
        body=[
            (
                "paragraph",
                f'<p>Read <a id="{internal.pk}" linktype="page">the plan</a>, '
                f'<a href="https://example.org/report">the report</a> and '
                f'<a href="/blog/restructuring/">the old link</a>.</p>',
            ),
            (
                "staff_only",
                {"content": [("paragraph", "<p>Embargoed figures CANARY-staff</p>")]},
            ),
        ],
    )


def test_anonymous_reader_of_public_post_gets_the_public_layout(client, public):
    response = client.get(public.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="public-post"' in html
    assert "We opened a new service centre" in html
    assert "main-nav" not in html
    assert "user-menu" not in html
    assert "<form" not in html
    assert "csrfmiddlewaretoken" not in html


def test_anonymous_reader_of_public_post_sees_no_comments_or_reactions(
    client, public, staff
):
    comment_on(public, staff, "A comment only staff read CANARY-comment")
    html = client.get(public.url).content.decode()
    assert "CANARY-comment" not in html
    assert "conversation" not in html
    assert "react-" not in html
    assert "Sam Okafor" not in html


def test_public_post_carries_open_graph_twitter_canonical_and_article_data(
    client, public
):
    html = client.get(public.url).content.decode()
    canonical = "http://localhost/blog/new-centre/"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:title" content="We opened a new service centre">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert '<script type="application/ld+json">' in html
    assert '"@type": "Article"' in html
    assert '"name": "Laura Bennett"' in html


def test_links_to_internal_pages_become_plain_text_for_the_public(client, public):
    html = client.get(public.url).content.decode()
    assert "the plan" in html
    assert "/blog/restructuring/" not in html
    assert "the old link" in html
    assert '<a href="https://example.org/report">the report</a>' in html


def test_staff_only_blocks_are_left_out_of_the_public_version(client, public):
    html = client.get(public.url).content.decode()
    assert "CANARY-staff" not in html
    assert "Staff only" not in html


def test_staff_read_staff_only_blocks_with_a_label(staff_client, public):
    html = staff_client.get(public.url).content.decode()
    assert "CANARY-staff" in html
    assert 'data-testid="staff-only"' in html
    assert "Staff only" in html
    assert 'href="/blog/restructuring/"' in html


def test_public_post_for_anonymous_readers_is_cacheable(client, public):
    response = client.get(public.url)
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=300" in cache_control
    assert "private" not in cache_control
    assert "no-store" not in cache_control
    assert not response.cookies


def test_signed_in_staff_get_the_internal_layout_privately(staff_client, public):
    response = staff_client.get(public.url)
    html = response.content.decode()
    assert 'data-testid="post"' in html
    assert 'data-testid="public-post"' not in html
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_anonymous_visitor_of_internal_post_is_asked_to_sign_in(client, internal):
    response = client.get(internal.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "CANARY" not in response["Location"]


@pytest.mark.parametrize(
    ("href", "public"),
    [
        ("https://example.org/x", True),
        ("http://example.org/", True),
        ("mailto:press@example.org", True),
        ("#section", True),
        ("/blog/open/", True),
        ("/blog/secret/", False),
        ("/documents/1/plan.pdf", False),
        ("https://intranet.example/blog/secret/", False),
        ("https://intranet.example/blog/open/", True),
        ("javascript:alert(1)", False),
        ("//evil.example/x", False),
        ("data:text/html,hi", False),
    ],
)
def test_only_links_to_the_outside_or_to_public_pages_are_kept(href, public):
    assert link_is_public(href, {"/blog/open/"}, {"intranet.example"}) is public


def test_stripping_internal_links_keeps_their_text():
    html = (
        '<p><a href="/documents/3/x.pdf">Budget</a> and '
        "<a href='https://example.org'><b>site</b></a></p>"
    )
    assert strip_internal_links(html, set()) == (
        "<p>Budget and <a href='https://example.org'><b>site</b></a></p>"
    )


def test_public_post_leaves_out_polls_and_document_downloads(client, tree):
    from wagtail.documents.models import Document

    from tests.factories import make_poll

    poll = make_poll(question="Internal question CANARY-poll", labels=("CANARY-opt",))
    document = Document.objects.create(title="CANARY-doc")
    post = PublicPostFactory(
        parent=tree.blog,
        body=[
            ("paragraph", "<p>Visible text.</p>"),
            ("poll", poll),
            ("document", {"document": document, "title": ""}),
        ],
    )
    html = client.get(post.url).content.decode()
    assert "Visible text." in html
    assert "CANARY" not in html


def test_the_audience_rule_decides_the_layout_not_the_field_alone(client, tree):
    """A public post under a Wagtail login restriction is not public."""
    from wagtail.models import PageViewRestriction

    post = PublicPostFactory(parent=tree.blog, title="Restricted CANARY-r")
    PageViewRestriction.objects.create(page=post, restriction_type="login")
    response = client.get(post.url)
    assert response.status_code == 302
    assert AnonymousUser().is_authenticated is False
