"""A page's language versions: the reader gets theirs where there is one and the
original otherwise, with a note and a link to the other version; a translation is
never seen by more people than its original."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.admin.panels import get_edit_handler
from wagtail.models import Locale, Page, PageViewRestriction

from intranet import audience, translations
from intranet.audience import Audience
from intranet.blog.models import NewsroomPage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def finnish(db):
    locale, _created = Locale.objects.get_or_create(language_code="fi")
    return locale


def translate(page, locale, publish=True, **fields):
    """``page``'s translation into ``locale`` (parents not translated yet become
    aliases of theirs), with ``fields`` changed, published unless told not to."""
    copy = page.specific.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    if publish:
        copy.save_revision().publish()
    else:
        copy.save_revision()
    copy.refresh_from_db()
    return copy


def speaking(user, language):
    user.intranet_profile.language = language
    user.intranet_profile.save()
    return user


@pytest.fixture
def reader(staff, finnish):
    """Sam reads the intranet in Finnish."""
    return speaking(staff, "fi")


@pytest.fixture
def reader_client(client, reader, tree):
    client.force_login(reader)
    return client


@pytest.fixture
def english_client(client, staff, tree, finnish):
    client.force_login(staff)
    return client


def article(response, testid):
    """The opening tag of the element with ``data-testid=testid``."""
    html = response.content.decode()
    found = re.search(rf'<[^>]*data-testid="{testid}"[^>]*>', html)
    assert found, f"no {testid} in the page"
    return found.group(0)


def page_content(response):
    return response.content.decode()


# A reader gets their version where there is one, the original otherwise ---------------


def test_a_finnish_reader_gets_the_finnish_translation_of_a_post(
    reader_client, post, finnish
):
    translate(post, finnish, title="Miksi olemme somessa")
    response = reader_client.get("/blog/why/")
    assert response.status_code == 200
    assert response.context["page"].locale == finnish
    assert "Miksi olemme somessa" in page_content(response)
    assert 'data-testid="not-translated"' not in page_content(response)


def test_a_finnish_reader_gets_the_original_of_a_post_not_translated_yet(
    reader_client, post, finnish, tree
):
    # The blog is in Finnish, this post is not.
    translate(tree.blog, finnish, title="Blogi")
    response = reader_client.get("/blog/why/")
    assert response.status_code == 200
    assert response.context["page"].pk == post.pk
    with translation.override("fi"):
        note = translations.not_translated_note()
    assert note in page_content(response)
    assert 'lang="en"' in article(response, "post")


def test_a_page_whose_translation_is_a_draft_is_read_in_its_original(
    reader_client, client, staff, post, finnish
):
    translate(post, finnish, publish=False, title="Luonnos: miksi olemme somessa")
    response = reader_client.get("/blog/why/")
    assert response.status_code == 200
    assert response.context["page"].pk == post.pk
    assert "Luonnos" not in page_content(response)
    # Nor does the English version link to the draft.
    english = factories.UserFactory(username="english")
    client.force_login(english)
    response = client.get("/blog/why/")
    assert 'data-testid="read-in-fi"' not in page_content(response)
    assert "?lang=fi" not in page_content(response)


def test_the_reader_is_sent_to_their_version_at_its_translated_address(
    reader_client, client, post, finnish, tree
):
    translate(tree.blog, finnish, title="Blogi", slug="blogi")
    translate(post, finnish, title="Miksi olemme somessa", slug="miksi")
    response = reader_client.get("/blog/why/?page=2")
    assert response.status_code == 302
    assert response["Location"] == "/blogi/miksi/?page=2"
    assert reader_client.get(response["Location"]).status_code == 200
    # And an English reader at the Finnish address is sent to the English post.
    english = factories.UserFactory(username="english")
    client.force_login(english)
    response = client.get("/blogi/miksi/")
    assert response.status_code == 302
    assert response["Location"] == "/blog/why/"


def test_the_links_to_the_other_version_speak_its_language(
    reader_client, post, finnish
):
    translate(post, finnish, title="Miksi olemme somessa")
    response = reader_client.get("/blog/why/")
    link = article(response, "read-in-en")
    assert 'lang="en"' in link
    assert 'hreflang="en"' in link
    assert 'href="/blog/why/?lang=en"' in link
    assert f">{translations.read_in('en')}</a>" in page_content(response)
    # Following it serves the English version, in English, for that page.
    response = reader_client.get("/blog/why/?lang=en")
    assert response.status_code == 200
    assert response.context["page"].pk == post.pk
    assert 'data-testid="not-translated"' not in page_content(response)
    link = article(response, "read-in-fi")
    assert 'href="/blog/why/?lang=fi"' in link
    assert 'lang="fi"' in link and 'hreflang="fi"' in link


def test_the_link_to_a_version_names_it_in_its_own_language():
    with translation.override("fi"):
        english = translations.read_in("en")
        finnish = translations.read_in("fi")
    assert english == "Read in English"
    # "Lue suomeksi" once the catalogue says it; the language's own name until then.
    with translation.override("fi"):
        catalogued = translation.pgettext(
            translations.READ_IN_CONTEXT, translations.READ_IN
        )
    assert finnish in {catalogued, "Suomi"} and finnish != "Read in English"


def test_a_page_of_a_site_in_one_language_shows_no_versions(staff_client, post):
    response = staff_client.get("/blog/why/")
    assert 'data-testid="page-versions"' not in page_content(response)
    assert " lang=" not in article(response, "post")


@pytest.mark.parametrize("lang", ["xx", "", "fi-XX-../", "%00", "en" * 200])
def test_an_unknown_language_in_the_address_is_passed_over(
    reader_client, post, finnish, lang
):
    translate(post, finnish, title="Miksi olemme somessa")
    response = reader_client.get("/blog/why/", {"lang": lang})
    assert response.status_code == 200
    # Sam's own language stands.
    assert response.context["page"].locale == finnish


def test_a_missing_page_is_a_404_in_every_language(reader_client, post, finnish):
    translate(post, finnish, title="Miksi olemme somessa")
    assert reader_client.get("/blog/nothing-here/").status_code == 404
    assert reader_client.get("/nowhere/at/all/").status_code == 404
    assert reader_client.get("/blog/nothing-here/?lang=en").status_code == 404


def test_a_missing_page_asks_an_anonymous_visitor_to_sign_in(client, tree, finnish):
    response = client.get("/blog/nothing-here/", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# Every page type ----------------------------------------------------------------------


PAGE_TYPES = [
    "home",
    "blog",
    "post",
    "discussions",
    "thread",
    "guidelines",
    "guideline",
    "training",
    "people",
    "leader",
    "update",
]


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_type_is_read_in_finnish_once_translated(
    reader_client, pages, finnish, name
):
    page = pages[name]
    url = page.url
    finnish_version = translate(page, finnish, title="Suomeksi")
    response = reader_client.get(url)
    assert response.status_code == 200, name
    assert response.context["page"].pk == finnish_version.pk, name
    assert 'data-testid="not-translated"' not in page_content(response)
    link = article(response, "read-in-en")
    assert f'href="{url}?lang=en"' in link
    assert 'hreflang="en"' in link


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_type_not_translated_yet_is_read_in_its_original(
    reader_client, pages, finnish, tree, name
):
    page = pages[name]
    # Another page is in Finnish, so there is a Finnish tree to route through.
    translate(pages["post" if name != "post" else "thread"], finnish, title="Muu")
    response = reader_client.get(page.url)
    assert response.status_code == 200, name
    # The original, or its alias in the Finnish tree (a parent of the translation).
    shown = response.context["page"]
    assert page.pk in (shown.pk, shown.alias_of_id), name
    with translation.override("fi"):
        note = translations.not_translated_note()
    assert note in page_content(response), name
    assert ' lang="en"' in page_content(response), name
    assert 'data-testid="read-in-' not in page_content(response), name


# A translation is never seen by more people than its original ------------------------

PUBLIC_HOST = "www.example.org"


@pytest.fixture
def newsroom(tree, settings):
    """The public website, www.example.org, with a newsroom; the intranet beside it."""
    from wagtail.models import Site

    settings.ALLOWED_HOSTS = [PUBLIC_HOST, "localhost", "testserver"]
    home = tree.root.add_child(instance=Page(title="Northwind", slug="northwind"))
    newsroom = home.add_child(instance=NewsroomPage(title="News", slug="news"))
    Site.objects.create(hostname=PUBLIC_HOST, root_page=home)
    return newsroom


def public_face(client, path, language="fi"):
    """What the world gets at ``path`` on the public website, in ``language``."""
    return client.get(path, HTTP_HOST=PUBLIC_HOST, HTTP_ACCEPT_LANGUAGE=language)


def test_translating_a_staff_only_post_never_makes_it_public(
    client, post, finnish, newsroom
):
    # A translator marks the Finnish version public; it stays staff-only.
    finnish_post = translate(
        post, finnish, title="Sisäinen CANARY-fi", audience=Audience.PUBLIC
    )
    assert finnish_post.specific.audience == Audience.STAFF
    response = client.get("/blog/why/?lang=fi", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    for path in ("/news/", "/news/rss/", "/news/atom/", "/news/why/", "/sitemap.xml"):
        response = public_face(client, path)
        assert "CANARY-fi" not in page_content(response), path
    assert not audience.can_view(AnonymousUser(), finnish_post)


def test_an_original_made_staff_only_takes_its_translations_with_it(
    client, tree, finnish, newsroom
):
    post = factories.PublicPostFactory(parent=tree.blog, slug="open", title="Open")
    finnish_post = translate(post, finnish, title="Avoin CANARY-fi")
    assert finnish_post.specific.audience == Audience.PUBLIC
    assert "CANARY-fi" in page_content(public_face(client, "/news/"))
    post.audience = Audience.STAFF
    post.save_revision().publish()
    finnish_post.refresh_from_db()
    assert finnish_post.specific.audience == Audience.STAFF
    for path in ("/news/", "/news/rss/", "/news/open/", "/sitemap.xml"):
        assert "CANARY-fi" not in page_content(public_face(client, path)), path


def test_a_translation_cannot_be_given_another_audience_in_the_admin(
    client, tree, finnish
):
    post = factories.BlogPostPageFactory(parent=tree.blog, slug="internal")
    finnish_post = translate(post, finnish, title="Sisäinen")
    editor = factories.make_editor(tree)
    form_class = get_edit_handler(type(finnish_post)).get_form_class()
    form = form_class(instance=finnish_post, for_user=editor)
    field = form.fields["audience"]
    assert field.disabled
    assert "original" in str(field.help_text)


@pytest.fixture
def hr(db):
    return Group.objects.create(name="HR")


def restrict(page, group):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([group])
    return restriction


def test_a_reader_outside_a_restricted_audience_gets_no_finnish_version(
    client, tree, finnish, hr
):
    post = factories.BlogPostPageFactory(parent=tree.blog, slug="pay", title="Pay")
    finnish_post = translate(post, finnish, title="Palkat CANARY-fi")
    # Restricted after it was translated: the Finnish copy has no restriction of its own.
    restrict(post, hr)
    assert not finnish_post.view_restrictions.exists()
    outsider = speaking(factories.UserFactory(username="outsider"), "fi")
    insider = speaking(factories.UserFactory(username="insider", groups=["HR"]), "fi")
    client.force_login(outsider)
    for path in ("/blog/pay/", "/blog/pay/?lang=fi", "/blog/pay/?lang=en"):
        response = client.get(path)
        assert response.status_code == 404, path
    assert "CANARY-fi" not in page_content(client.get("/blog/"))
    model = type(post)
    assert not model.objects.visible_to(outsider).filter(pk=finnish_post.pk).exists()
    assert not audience.can_view(outsider, finnish_post.specific)
    client.force_login(insider)
    response = client.get("/blog/pay/")
    assert response.status_code == 200
    assert response.context["page"].pk == finnish_post.pk
    assert model.objects.visible_to(insider).filter(pk=finnish_post.pk).exists()


def test_a_restriction_above_the_original_holds_for_its_translation(
    client, tree, finnish, hr
):
    post = factories.BlogPostPageFactory(parent=tree.blog, slug="pay", title="Pay")
    translate(tree.blog, finnish, title="Blogi")
    finnish_post = translate(post, finnish, title="Palkat CANARY-fi")
    restrict(tree.blog, hr)  # the English blog, after the Finnish one was made
    outsider = speaking(factories.UserFactory(username="outsider"), "fi")
    client.force_login(outsider)
    assert client.get("/blog/pay/").status_code == 404
    assert client.get("/blog/").status_code == 404
    assert not audience.can_view(outsider, finnish_post.specific)
    assert (
        not type(post).objects.visible_to(outsider).filter(pk=finnish_post.pk).exists()
    )
    assert (
        not audience.visible_to(Page.objects.all(), AnonymousUser())
        .filter(pk=finnish_post.pk)
        .exists()
    )


def test_a_restriction_on_a_translation_holds_for_the_original_too(
    client, tree, finnish, hr
):
    post = factories.BlogPostPageFactory(parent=tree.blog, slug="pay", title="Pay")
    finnish_post = translate(post, finnish, title="Palkat")
    restrict(finnish_post, hr)
    outsider = factories.UserFactory(username="outsider")
    client.force_login(outsider)
    assert client.get("/blog/pay/").status_code == 404
    assert not audience.can_view(outsider, post)


def test_a_thread_a_moderator_hid_is_hidden_in_every_language(
    client, tree, finnish, moderator
):
    from intranet.discussions import services

    author = factories.UserFactory(username="author")
    thread = factories.DiscussionThreadPageFactory(
        parent=tree.discussions, slug="rant", owner=author
    )
    finnish_thread = translate(thread, finnish, title="Purkaus CANARY-fi")
    services.hide_thread(thread, moderator, "Off topic")
    reader = speaking(factories.UserFactory(username="reader"), "fi")
    client.force_login(reader)
    assert client.get("/discussions/rant/").status_code == 404
    assert not audience.can_view(reader, finnish_thread.specific)
    assert (
        not audience.visible_to(Page.objects.all(), reader)
        .filter(pk=finnish_thread.pk)
        .exists()
    )


def test_the_newsroom_shows_each_public_post_once_in_the_readers_language(
    client, tree, finnish, newsroom
):
    post = factories.PublicPostFactory(parent=tree.blog, slug="open", title="Open day")
    translate(post, finnish, title="Avoimet ovet")
    # A draft translation of another public post is never shown.
    other = factories.PublicPostFactory(parent=tree.blog, slug="fair", title="Fair")
    translate(other, finnish, publish=False, title="Messut CANARY-draft")
    finnish_page = page_content(public_face(client, "/news/", "fi"))
    english_page = page_content(public_face(client, "/news/", "en"))
    assert "Avoimet ovet" in finnish_page and "Open day" not in finnish_page
    assert "Open day" in english_page and "Avoimet ovet" not in english_page
    assert "Fair" in finnish_page and "CANARY-draft" not in finnish_page
    response = public_face(client, "/news/open/", "fi")
    assert response.status_code == 200
    assert "Avoimet ovet" in page_content(response)
    link = article(response, "read-in-en")
    assert 'href="http://www.example.org/news/open/?lang=en"' in link
    response = public_face(client, "/news/open/?lang=en", "fi")
    assert "Open day" in page_content(response)
    assert "CANARY-draft" not in page_content(public_face(client, "/news/fair/"))


# Listings: each page once, in the reader's language where it has a version in it -----


def test_the_blog_lists_each_post_once_in_the_readers_language(
    reader_client, client, tree, finnish
):
    translated = factories.BlogPostPageFactory(
        parent=tree.blog, slug="open", title="Open day"
    )
    factories.BlogPostPageFactory(parent=tree.blog, slug="fair", title="Job fair")
    translate(translated, finnish, title="Avoimet ovet")
    # The Finnish blog is an alias until translated: both list the same posts.
    for path in ("/blog/", "/"):
        html = page_content(reader_client.get(path))
        assert html.count("Avoimet ovet") == 1, path
        assert "Open day" not in html, path
        assert "Job fair" in html, path
        # The untranslated post's card says it is in English.
        assert re.search(r'<h3 class="card__title" lang="en"><a [^>]*>Job fair', html)
    english = factories.UserFactory(username="english")
    client.force_login(english)
    html = page_content(client.get("/blog/"))
    assert "Open day" in html and "Job fair" in html
    assert "Avoimet ovet" not in html


def test_the_home_and_the_navigation_list_each_section_once_in_the_readers_language(
    reader_client, tree, finnish
):
    translate(tree.blog, finnish, title="Blogi", slug="blogi")
    html = page_content(reader_client.get("/"))
    assert 'data-testid="section-blogi"' in html
    assert 'data-testid="section-blog"' not in html
    assert 'data-testid="nav-blogi"' in html
    assert 'data-testid="nav-blog"' not in html
    # In the order of the original tree: the blog comes first, as in English.
    assert html.index('data-testid="section-blogi"') < html.index(
        'data-testid="section-discussions"'
    )


def test_the_discussions_list_each_thread_once(reader_client, tree, finnish):
    thread = factories.DiscussionThreadPageFactory(
        parent=tree.discussions, slug="lunch", title="Lunch"
    )
    translate(thread, finnish, title="Lounas")
    html = page_content(reader_client.get("/discussions/"))
    assert html.count("Lounas") == 1
    assert ">Lunch<" not in html


# What it costs ------------------------------------------------------------------------


def queries_for(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_a_second_language_costs_a_post_two_queries(client, staff, tree, post):
    """A post costs two more queries on a site with two languages than with one:
    its versions, for the link to the other and the note, and what the reader may
    see in no version (hidden or restricted in one), read once for the request. A
    Finnish reader of its Finnish version costs four more: the Finnish home, which
    their routing starts from, and the original that holds the conversation, with
    its authors and who follows them. Wagtail's own lookup of the active locale is
    not made."""
    client.force_login(staff)
    one_language = queries_for(client, "/blog/why/")
    finnish = Locale.objects.create(language_code="fi")
    two_languages = queries_for(client, "/blog/why/")
    assert two_languages == one_language + 2
    translate(post, finnish, title="Miksi olemme somessa")
    assert queries_for(client, "/blog/why/") == two_languages
    speaking(staff, "fi")
    assert queries_for(client, "/blog/why/") == two_languages + 4


def test_a_blog_costs_the_same_in_two_languages_for_three_posts_as_for_twelve(
    reader_client, tree, finnish
):
    """Choosing each post's version is part of the listing's own query."""
    posts = [factories.BlogPostPageFactory(parent=tree.blog) for _n in range(3)]
    for post in posts[:2]:
        translate(post, finnish, title=f"Suomeksi {post.title}")
    few = queries_for(reader_client, "/blog/")
    more = [factories.BlogPostPageFactory(parent=tree.blog) for _n in range(9)]
    for post in more[:5]:
        translate(post, finnish, title=f"Suomeksi {post.title}")
    assert queries_for(reader_client, "/blog/") == few


def test_the_site_knows_a_new_language_at_once(tree):
    assert not translations.several()
    finnish = Locale.objects.create(language_code="fi")
    assert translations.several()
    assert translations.locale_id("fi-FI") == finnish.pk
    finnish.delete()
    assert not translations.several()


def test_without_wagtails_localisation_pages_have_no_versions(
    settings, staff_client, post, finnish
):
    settings.WAGTAIL_I18N_ENABLED = False
    assert not translations.several()
    response = staff_client.get("/blog/why/")
    assert response.status_code == 200
    assert 'data-testid="page-versions"' not in page_content(response)


# Translations their tree does not hold up -------------------------------------------


def test_a_translation_under_a_parent_whose_translation_is_a_draft_is_served(
    reader_client, tree, post, finnish
):
    finnish_blog = translate(tree.blog, finnish, title="Blogi")
    finnish_post = translate(post, finnish, title="Miksi olemme somessa")
    finnish_blog.refresh_from_db()  # it has a child now
    finnish_blog.unpublish()
    response = reader_client.get("/blog/why/")
    assert response.status_code == 200
    assert response.context["page"].pk == finnish_post.pk
    # The blog itself is read in English, with every post on it.
    response = reader_client.get("/blog/")
    assert response.status_code == 200
    assert response.context["page"].pk == tree.blog.pk
    assert "Miksi olemme somessa" in page_content(response)


def test_a_page_written_in_finnish_only_is_read_in_finnish_by_everyone(
    client, tree, finnish, staff
):
    finnish_blog = translate(tree.blog, finnish, title="Blogi")
    only_finnish = factories.BlogPostPageFactory(
        parent=finnish_blog, slug="vain", title="Vain suomeksi", authors=[staff]
    )
    assert only_finnish.locale == finnish
    english = factories.UserFactory(username="english")
    client.force_login(english)
    response = client.get("/blog/vain/")
    assert response.status_code == 200
    assert response.context["page"].pk == only_finnish.pk
    assert 'lang="fi"' in article(response, "post")
    assert translations.not_translated_note() in page_content(response)
    # And the English blog lists it, in Finnish.
    assert "Vain suomeksi" in page_content(client.get("/blog/"))


def test_a_post_moved_under_a_section_not_translated_sends_finns_to_theirs(
    reader_client, tree, post, finnish
):
    finnish_post = translate(post, finnish, title="Miksi olemme somessa")
    news = factories.BlogIndexPageFactory(parent=tree.home, slug="news", title="News")
    post.move(news, pos="last-child")
    response = reader_client.get("/news/why/")
    assert response.status_code == 302
    assert response["Location"] == "/blog/why/"
    response = reader_client.get(response["Location"])
    assert response.context["page"].pk == finnish_post.pk


def test_translations_are_served_while_the_finnish_home_is_a_draft(
    reader_client, tree, post, finnish
):
    translate(tree.home, finnish, publish=False, title="Etusivu")
    finnish_post = translate(post, finnish, title="Miksi olemme somessa")
    response = reader_client.get("/blog/why/")
    assert response.context["page"].pk == finnish_post.pk
    response = reader_client.get("/")
    assert response.status_code == 200
    assert response.context["page"].pk == tree.home.pk
