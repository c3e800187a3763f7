"""What a host's own public surfaces show of the intranet beside them: its search
(narrowed as the README asks), Wagtail's sitemap and the newsroom. Nothing
staff-only, whoever asks."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from intranet import audience
from intranet.blog.models import NewsroomPage
from tests.conftest import intranet_as_section
from tests.factories import (
    BlogPostPageFactory,
    DiscussionThreadPageFactory,
    PublicPostFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(tree, staff):
    """The public site at localhost with the intranet as its section /intranet/, a
    newsroom, one public post and staff-only pages that must stay inside."""
    home = intranet_as_section(
        tree,
        Page(title="About CANARY-public", slug="about"),
        NewsroomPage(title="News", slug="news"),
    )
    BlogPostPageFactory(parent=tree.blog, title="Layoffs CANARY-staff", slug="layoffs")
    DiscussionThreadPageFactory(
        parent=tree.discussions, title="Thread CANARY-staff", slug="thread", owner=staff
    )
    PublicPostFactory(parent=tree.blog, title="Open day CANARY-public", slug="open-day")
    return home


def test_a_host_search_narrowed_by_the_audience_rule_shows_public_pages_only(section):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    for page in Page.objects.live().specific():
        backend.add(page)
    results = audience.visible_to(Page.objects.live(), AnonymousUser()).search("CANARY")
    titles = {page.title for page in results}
    assert "About CANARY-public" in titles
    assert not any("CANARY-staff" in title for title in titles)


def test_wagtails_own_sitemap_on_the_host_lists_nothing_staff_only(section):
    request = RequestFactory().get("/sitemap.xml", HTTP_HOST="localhost")
    locations = [
        url["location"]
        for page in Sitemap(request).items()
        for url in page.get_sitemap_urls(request)
    ]
    body = "\n".join(f"<loc>{location}</loc>" for location in locations)
    assert "http://localhost/about/" in body
    assert "http://localhost/news/open-day/" in body
    for inside in ("layoffs", "/thread/", "/intranet/blog/", "/intranet/</loc>"):
        assert inside not in body, inside


def test_the_hosts_pages_and_newsroom_show_nothing_staff_only(client, section):
    for path in ("/", "/about/", "/news/", "/news/open-day/", "/news/rss/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "CANARY-staff" not in response.content.decode(), path
    assert client.get("/news/layoffs/").status_code == 404


def test_staff_documents_are_never_stored_by_a_shared_cache(client, tree, staff, media):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document(title="Rota")
    document.file.save("rota.txt", ContentFile(b"staff only"), save=True)
    client.force_login(staff)
    response = client.get(document.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
