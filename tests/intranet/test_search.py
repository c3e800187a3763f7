import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.search_promotions.models import (
    Query,
    QueryDailyHits,
    SearchPromotion,
)
from wagtail.models import Page, PageViewRestriction

from intranet.discussions.models import DiscussionThreadPage
from intranet.search import clean_query, search_people, search_terms
from intranet.setup import LEADERS
from intranet.templatetags.search_tags import highlight, search_excerpt
from tests import factories
from tests.factories.people import LeaderProfilePageFactory, LeaderUpdatePageFactory

pytestmark = pytest.mark.django_db


@dataclass
class Found:
    post: Page
    public_post: Page
    thread: Page
    guideline: Page
    training: Page
    update: Page
    person: object


def reindex():
    call_command("update_index", verbosity=0)


def restrict_to_group(page, name="HR"):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name=name)[0])
    return restriction


@pytest.fixture
def found(tree, staff):
    """One pelican of every kind, each with a title that says which it is."""
    leader = factories.UserFactory(
        username="laura", first_name="Laura", last_name="Bennett", groups=[LEADERS]
    )
    profile = LeaderProfilePageFactory(parent=tree.people, user=leader)
    content = Found(
        post=factories.BlogPostPageFactory(
            parent=tree.blog,
            title="Pelican post",
            standfirst="The pelicans came back to the harbour.",
        ),
        public_post=factories.PublicPostFactory(
            parent=tree.blog,
            title="Pelican public post",
            standfirst="Everyone may read about the pelicans.",
        ),
        thread=factories.DiscussionThreadPageFactory(
            parent=tree.discussions,
            title="Pelican thread",
            body="Has anyone seen the pelicans today?",
        ),
        guideline=factories.GuidelinePageFactory(
            parent=tree.guidelines,
            title="Pelican guideline",
            summary="How to talk about pelicans online.",
        ),
        training=factories.TrainingModulePageFactory(
            parent=tree.guidelines,
            title="Pelican training",
            summary="Pelicans in ten minutes.",
        ),
        update=LeaderUpdatePageFactory(
            parent=profile,
            title="Pelican update",
            text="A word from me about the pelicans.",
        ),
        person=factories.UserFactory(
            username="plindqvist",
            first_name="Pelagia",
            last_name="Lindqvist",
            job_title="Pelican keeper",
            department="Harbour",
            skills="kayaks, semaphore",
        ),
    )
    reindex()
    return content


@pytest.fixture
def indexed(tree):
    """A little content to search through: one post and one colleague."""
    factories.BlogPostPageFactory(parent=tree.blog, title="Pelican post")
    factories.UserFactory(username="pia", job_title="Pelican keeper")
    reindex()
    return tree


def titles(response) -> set[str]:
    return {page.title for page in response.context["results"] if hasattr(page, "url")}


def anonymous_search(**params):
    """The search as an anonymous visitor, a reader of the public posts, gets it."""
    return Client().get("/search/", params)


# Finding things ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("posts", {"Pelican post", "Pelican public post"}),
        ("threads", {"Pelican thread"}),
        ("guidelines", {"Pelican guideline", "Pelican training"}),
        ("updates", {"Pelican update"}),
    ],
)
def test_staff_find_each_kind_of_page_and_only_that_kind(
    staff_client, found, kind, expected
):
    response = staff_client.get("/search/", {"q": "pelicans", "kind": kind})
    assert response.status_code == 200
    assert titles(response) == expected


def test_all_kinds_come_together_with_counts_by_kind(staff_client, found):
    response = staff_client.get("/search/", {"q": "pelican"})
    assert titles(response) == {
        "Pelican post",
        "Pelican public post",
        "Pelican thread",
        "Pelican guideline",
        "Pelican training",
        "Pelican update",
    }
    counts = {f["label"]: f["count"] for f in response.context["filters"]}
    assert counts == {
        "All": 7,
        "Blog posts": 2,
        "Discussions": 1,
        "Guidelines and training": 2,
        "Leader updates": 1,
        "People": 1,
    }
    html = response.content.decode()
    assert 'href="/people/profile/plindqvist/"' in html
    assert "Pelican keeper" not in html  # highlighted: <mark>Pelican</mark> keeper
    assert "<mark>Pelican</mark> keeper" in html


def test_staff_find_colleagues_by_name_username_title_department_and_skill(
    staff_client, found
):
    for query in (
        "Lindqvist",
        "plindqvist",
        "keeper",
        "harbour",
        "semaphore",
        "pelagia kayaks",
    ):
        response = staff_client.get("/search/", {"q": query, "kind": "people"})
        people = list(response.context["results"])
        assert people == [found.person], query


def test_people_search_skips_deactivated_colleagues(staff_client, found):
    found.person.is_active = False
    found.person.save()
    response = staff_client.get("/search/", {"q": "keeper", "kind": "people"})
    assert list(response.context["results"]) == []


def test_people_search_reads_percent_and_underscore_as_plain_characters(found, staff):
    assert list(search_people("_", staff)) == []
    # Only people whose names hold "100" as written (the factory numbers usernames).
    assert all("100" in person.username for person in search_people("100", staff))
    assert search_people(search_terms("%"), staff).count() == 0


def test_the_active_kind_is_marked_as_current(staff_client, found):
    html = staff_client.get(
        "/search/", {"q": "pelican", "kind": "threads"}
    ).content.decode()
    start = html.index('data-testid="search-kinds"')
    kinds = html[start : html.index("</nav>", start)]
    assert 'href="?q=pelican&amp;kind=threads" aria-current="page"' in kinds
    assert kinds.count("aria-current") == 1
    assert '<input type="hidden" name="kind" value="threads">' in html


@pytest.mark.parametrize("kind", ["nonsense", "", "PEOPLE", "posts'--", "../../"])
def test_an_unknown_kind_means_every_kind(staff_client, found, kind):
    response = staff_client.get("/search/", {"q": "pelican", "kind": kind})
    assert response.status_code == 200
    assert response.context["kind"] is None
    assert len(titles(response)) == 6


def test_a_query_of_nothing_but_punctuation_asks_for_words(staff_client, found):
    response = staff_client.get("/search/", {"q": "\"'%-!?"})
    assert response.status_code == 200
    assert b"Type a word or two" in response.content


# Highlighting ---------------------------------------------------------------------------


def test_highlighting_escapes_before_marking():
    assert highlight("<b>Pelicans</b> & co", "pelican") == (
        "&lt;b&gt;<mark>Pelicans</mark>&lt;/b&gt; &amp; co"
    )
    assert highlight("Fish & chips", "amp") == "Fish &amp; chips"
    assert highlight("a.b (c", "a b") == "<mark>a</mark>.<mark>b</mark> (c"
    assert highlight("x.*y", ".*") == "x.*y"
    assert highlight("<i>", "") == "&lt;i&gt;"


def test_a_title_holding_a_script_comes_out_as_text(staff_client, tree):
    factories.BlogPostPageFactory(
        parent=tree.blog, title="<script>alert('pelican')</script> Pelican news"
    )
    reindex()
    html = staff_client.get("/search/", {"q": "pelican"}).content.decode()
    assert "<script>alert" not in html
    assert (
        "&lt;script&gt;alert(&#x27;<mark>pelican</mark>&#x27;)&lt;/script&gt;" in html
    )
    assert "<mark>Pelican</mark> news" in html


def test_excerpts_come_from_the_summary_and_mark_the_words(staff_client, found):
    html = staff_client.get("/search/", {"q": "harbour"}).content.decode()
    assert "The <mark>pelicans</mark>" not in html
    assert "came back to the <mark>harbour</mark>." in html


def test_a_long_excerpt_starts_near_the_first_match():
    text = " ".join(["word"] * 100 + ["pelican"] + ["after"] * 100)
    excerpt = search_excerpt(text, "pelican")
    assert excerpt.startswith("… word word")
    assert "pelican" in excerpt
    assert excerpt.endswith(" …")
    assert len(excerpt.split()) <= 32
    assert search_excerpt("Short and sweet.", "pelican") == "Short and sweet."


def test_an_editors_search_description_wins_over_the_summary(staff_client, found):
    found.guideline.search_description = "Written for the search results page."
    found.guideline.save_revision().publish()
    reindex()
    html = staff_client.get(
        "/search/", {"q": "pelican", "kind": "guidelines"}
    ).content.decode()
    assert "Written for the search results page." in html


# Who sees what ----------------------------------------------------------------------


def test_staff_outside_a_group_do_not_find_its_pages(staff_client, found):
    restrict_to_group(found.guideline)
    response = staff_client.get("/search/", {"q": "pelican", "kind": "guidelines"})
    assert titles(response) == {"Pelican training"}
    assert b"Pelican guideline" not in response.content


def test_members_of_the_group_do_find_its_pages(client, found):
    restrict_to_group(found.guideline)
    client.force_login(factories.UserFactory(username="hr", groups=["HR"]))
    response = client.get("/search/", {"q": "pelican", "kind": "guidelines"})
    assert titles(response) == {"Pelican guideline", "Pelican training"}


def test_unpublished_pages_never_appear(staff_client, found):
    found.post.unpublish()
    reindex()
    response = staff_client.get("/search/", {"q": "pelican"})
    assert "Pelican post" not in titles(response)
    assert b"Pelican post<" not in response.content


def test_a_hidden_thread_is_found_only_by_its_author_and_moderators(
    staff_client, found, moderator, client
):
    from django.utils import timezone

    found.thread.hidden_at = timezone.now()
    found.thread.save()
    response = staff_client.get("/search/", {"q": "pelican", "kind": "threads"})
    assert titles(response) == set()
    client.force_login(moderator)
    response = client.get("/search/", {"q": "pelican", "kind": "threads"})
    assert titles(response) == {"Pelican thread"}


def test_anonymous_visitors_search_the_public_posts(client, found):
    response = client.get("/search/", {"q": "pelican"})
    assert response.status_code == 200
    assert titles(response) == {found.public_post.title}


def test_anonymous_visitors_only_ever_get_public_pages(found):
    found.update.audience = "public"
    found.update.save_revision().publish()
    reindex()
    response = anonymous_search(q="pelican")
    html = response.content.decode()
    assert f'href="{found.public_post.url}"' in html
    assert f'href="{found.update.url}"' in html
    for internal in (found.post, found.thread, found.guideline, found.training):
        assert internal.url not in html
        marked = internal.title.replace("Pelican", "<mark>Pelican</mark>")
        assert f">{marked}</a>" not in html
    assert (
        f">{found.public_post.title.replace('Pelican', '<mark>Pelican</mark>')}</a>"
        in html
    )
    assert "plindqvist" not in html
    assert "keeper" not in html
    assert 'data-testid="public-brand"' in html
    assert "main-nav" not in html


def test_anonymous_visitors_get_no_people_and_no_people_filter(found):
    html = anonymous_search(q="keeper", kind="people").content.decode()
    assert "/people/profile/" not in html
    assert "kind=people" not in html
    assert "kind=threads" not in html
    assert "0 results" in html
    assert list(search_people("keeper", AnonymousUser())) == []


# Paging ---------------------------------------------------------------------------


def test_paging_keeps_the_query_and_the_kind(staff_client, tree):
    for n in range(13):
        factories.BlogPostPageFactory(parent=tree.blog, title=f"Pelican {n}")
    factories.DiscussionThreadPageFactory(parent=tree.discussions, title="Pelican?")
    reindex()
    first = staff_client.get("/search/", {"q": "pelican", "kind": "posts"})
    assert first.context["paginator"].count == 13
    html = first.content.decode()
    assert 'href="?q=pelican&amp;kind=posts&amp;page=2" rel="next"' in html
    second = staff_client.get("/search/", {"q": "pelican", "kind": "posts", "page": 2})
    assert len(second.context["results"]) == 3
    assert second.context["kind"].slug == "posts"
    assert "Pelican?" not in titles(second)


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1e9", ""])
def test_odd_page_numbers_never_fail(staff_client, indexed, page):
    assert (
        staff_client.get("/search/", {"q": "pelicans", "page": page}).status_code == 200
    )


def add_herons(tree, profile, count):
    for n in range(count):
        factories.BlogPostPageFactory(parent=tree.blog, title=f"Heron post {n}")
        factories.DiscussionThreadPageFactory(
            parent=tree.discussions, title=f"Heron thread {n}"
        )
        factories.GuidelinePageFactory(
            parent=tree.guidelines, title=f"Heron guideline {n}"
        )
        LeaderUpdatePageFactory(parent=profile, title=f"Heron update {n}")
        factories.UserFactory(job_title="Heron watcher")
    reindex()


def test_a_results_page_costs_the_same_for_ten_results_as_for_four(
    staff_client, tree, django_assert_max_num_queries
):
    """A full page of results of every kind costs what a page of one of each does:
    the specific pages come in one query per page type, the counts by kind in one
    faceted query, and the excerpts from fields already loaded."""
    restrict_to_group(tree.discussions, "Moderators only")
    staff_client.force_login(
        factories.UserFactory(username="member", groups=["Moderators only"])
    )
    promote("heron", tree.guidelines)
    profile = LeaderProfilePageFactory(
        parent=tree.people, user=factories.UserFactory(groups=[LEADERS])
    )
    add_herons(tree, profile, 1)
    url = "/search/?q=heron"
    staff_client.get(url)
    with django_assert_max_num_queries(35) as few:
        response = staff_client.get(url)
    assert response.context["paginator"].count == 4
    add_herons(tree, profile, 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staff_client.get(url)
    assert response.context["paginator"].count == 24
    assert len(response.context["results"]) == 10
    assert len(response.context["people_shown"]) == 3
    assert response.context["promotions"]


# Promotions -----------------------------------------------------------------------


def promote(query_string, page=None, **fields):
    return SearchPromotion.objects.create(
        query=Query.objects.get_or_create(query_string=query_string)[0],
        page=page,
        **fields,
    )


def recommended(response) -> list[str]:
    return [p["title"] for p in response.context["promotions"]]


def test_editors_promotions_come_first_as_recommended(staff_client, found):
    promote("pelican", found.guideline, description="Read this first.", sort_order=0)
    promote(
        "pelican",
        external_link_url="https://example.com/birds",
        external_link_text="Bird society",
        sort_order=1,
    )
    response = staff_client.get("/search/", {"q": "Pelican"})
    assert recommended(response) == ["Pelican guideline", "Bird society"]
    html = response.content.decode()
    assert html.index("Recommended") < html.index('data-testid="search-results"')
    assert "Read this first." in html


def test_promotions_only_show_on_the_first_page(staff_client, tree):
    for n in range(12):
        factories.BlogPostPageFactory(parent=tree.blog, title=f"Pelican {n}")
    reindex()
    promote("pelican", Page.objects.get(title="Pelican 3"))
    assert recommended(staff_client.get("/search/?q=pelican")) == ["Pelican 3"]
    assert recommended(staff_client.get("/search/?q=pelican&page=2")) == []


def test_promotions_never_show_pages_the_person_may_not_see(
    staff_client, found, moderator, client
):
    from django.utils import timezone

    restrict_to_group(found.guideline)
    found.post.unpublish()
    found.thread.hidden_at = timezone.now()
    found.thread.save()
    for page in (found.guideline, found.post, found.thread, found.training):
        promote("pelican", page)
    assert recommended(staff_client.get("/search/?q=pelican")) == ["Pelican training"]
    client.force_login(moderator)
    assert recommended(client.get("/search/?q=pelican")) == [
        "Pelican thread",
        "Pelican training",
    ]


def test_anonymous_visitors_get_only_public_promotions(found):
    promote("pelican", found.post)
    promote("pelican", found.public_post)
    promote("pelican", external_link_url="https://example.com/x")
    html = anonymous_search(q="pelican").content.decode()
    assert "Recommended" in html
    assert "Pelican public post" in html
    assert "Pelican post<" not in html
    assert "example.com" not in html


def test_searches_are_counted_for_editors_choosing_promotions(staff_client, tree):
    for n in range(12):
        factories.BlogPostPageFactory(parent=tree.blog, title=f"Pelicans {n}")
    reindex()
    staff_client.get("/search/", {"q": "Pelicans!"})
    staff_client.get("/search/", {"q": "pelicans", "page": 2})
    assert Query.objects.get(query_string="pelicans").hits == 1


def test_anonymous_searches_add_nothing_to_the_search_statistics(found):
    """Only staff's searches are counted: forty from outside leave no row."""
    assert (
        f'href="{found.public_post.url}"'
        in anonymous_search(q="pelican").content.decode()
    )
    for n in range(40):
        assert anonymous_search(q=f"pelican {n}").status_code == 200
    assert not Query.objects.exists()
    assert not QueryDailyHits.objects.exists()


@pytest.mark.parametrize("params", [{"q": "pelican"}, {"q": "pelican", "page": 2}])
def test_an_anonymous_search_writes_nothing_to_the_database(found, params):
    with CaptureQueriesContext(connection) as captured:
        response = anonymous_search(**params)
    assert response.status_code == 200
    written = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert written == []


def test_a_signed_in_search_adds_its_hit(staff_client, found):
    staff_client.get("/search/", {"q": "pelican"})
    query = Query.objects.get(query_string="pelican")
    assert query.hits == 1
    assert QueryDailyHits.objects.get(query=query).hits == 1


# Hostile input --------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        '"unbalanced',
        'pelican "',
        "100%",
        "%",
        "_",
        "a_b\\c",
        "x" * 10_000,
        " ".join(["word"] * 1000),
        " ".join(f"w{n}" for n in range(1000)),
        "<script>alert(1)</script>",
        "\u202eevil",
        "pel\x00ican",
        "NEAR(pelican OR AND NOT",
        "pelican*",
        "(((((",
    ],
)
@pytest.mark.parametrize("kind", ["", "people", "posts"])
def test_hostile_queries_get_an_answer_quickly(staff_client, indexed, query, kind):
    started = time.monotonic()
    response = staff_client.get("/search/", {"q": query, "kind": kind})
    assert response.status_code == 200
    assert time.monotonic() - started < 1
    assert b"<script>alert(1)</script>" not in response.content


def test_control_characters_never_reach_the_database(staff_client, indexed):
    assert clean_query("pel\x00icans\r\n\t") == "pel icans"
    assert staff_client.get("/search/", {"q": "a\x00b"}).status_code == 200


def test_a_long_query_is_cut_to_a_few_words():
    assert len(clean_query("x" * 10_000)) == 200
    assert len(search_terms(" ".join(["word"] * 1000)).split()) == 12


# What results show ----------------------------------------------------------------


def test_staff_find_colleagues_by_location(staff_client, found):
    rotterdam = factories.UserFactory(username="rvos", location="Rotterdam office")
    factories.UserFactory(username="elsewhere", location="Lisbon office")
    response = staff_client.get("/search/", {"q": "rotterdam", "kind": "people"})
    assert list(response.context["results"]) == [rotterdam]
    assert "<mark>Rotterdam</mark> office" in response.content.decode()


def test_results_show_the_dates_the_cards_show(staff_client, found):
    """A post or update shows its first publication as its card does (5 Mar 2026),
    never its latest edit; a thread, like its card, how long since it was active."""
    first = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
    Page.objects.filter(pk__in=[found.post.pk, found.update.pk]).update(
        first_published_at=first, last_published_at=first + timedelta(days=200)
    )
    DiscussionThreadPage.objects.filter(pk=found.thread.pk).update(
        last_activity_at=timezone.now() - timedelta(hours=3)
    )
    html = staff_client.get("/search/", {"q": "pelican"}).content.decode()
    results = html.split('data-testid="search-results"')[1]
    post = results.split("Pelican</mark> post")[1].split("</li>")[0]
    assert ">5 Mar 2026</time>" in post
    update = results.split("Pelican</mark> update")[1].split("</li>")[0]
    assert ">5 Mar 2026</time>" in update
    assert "21 September 2026" not in results
    thread = results.split("Pelican</mark> thread")[1].split("</li>")[0]
    assert "active 3\xa0hours ago" in thread


@pytest.mark.parametrize("path", ["/", "/blog/", "/threads/new/", "/search/?q=x"])
def test_every_signed_in_page_has_a_labelled_search_form_in_its_header(
    staff_client, found, path
):
    html = staff_client.get(path).content.decode()
    header = html.split('<header class="site-header">')[1].split("</header>")[0]
    form = header.split('data-testid="header-search"')[0].rsplit("<form", 1)[1]
    assert 'role="search"' in form
    assert 'action="/search/"' in form
    assert '<label class="visually-hidden" for="header-search-q">' in header
    assert 'id="header-search-q" name="q"' in header


def test_visitors_not_signed_in_get_no_intranet_search_in_the_header(client, tree):
    html = client.get("/accounts/login/").content.decode()
    assert 'data-testid="header-search"' not in html
