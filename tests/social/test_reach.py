import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from intranet.models import PageRead
from intranet.reading import week_of
from intranet.social import engagement, reach
from intranet.social.models import Comment, PageReaction
from tests.factories import (
    BlogPostPageFactory,
    DiscussionThreadPageFactory,
    LeaderUpdatePageFactory,
    UserFactory,
    comment_on,
    leader_profile,
    make_editor,
)

pytestmark = pytest.mark.django_db


def read(person, page, when=None):
    when = when or timezone.now()
    PageRead.objects.create(
        user=person, page=page, week=week_of(when), first_seen=when, last_seen=when
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def author(db):
    return UserFactory(username="writer", department="Communications")


@pytest.fixture
def article(tree, author):
    return BlogPostPageFactory(parent=tree.blog, authors=[author])


def test_the_author_sees_seen_by_n_of_m_by_department(tree, article, author):
    sales = [UserFactory(department="Sales") for _ in range(5)]
    for person in sales[:4]:
        read(person, article)
    PageReaction.objects.create(user=sales[0], page=article, kind="like")
    comment_on(article, sales[1], "Useful")
    response = signed_in(author).get(article.url)
    html = response.content.decode()
    assert 'data-testid="reach-panel"' in html
    everyone = engagement.staff().count() - 1  # the author is not their own reader
    panel = html[html.index('data-testid="reach-panel"') :]
    assert f"Seen by <strong>4</strong> of {everyone} colleagues" in panel, panel[:1500]
    figures = reach.reach_of(article)
    assert (figures.comments, figures.reactions, figures.took_part) == (1, 1, 2)
    sales_group = next(g for g in figures.departments if str(g.name) == "Sales")
    assert (sales_group.people, sales_group.counts["read"]) == (5, 4)
    assert "<svg" in html


def test_a_colleague_who_is_not_an_author_sees_no_reach(tree, article, staff_client):
    read(UserFactory(), article)
    html = staff_client.get(article.url).content.decode()
    assert 'data-testid="reach-panel"' not in html
    assert "Seen by" not in html


def test_an_editor_sees_the_reach_of_any_post(tree, article):
    html = signed_in(make_editor(tree)).get(article.url).content.decode()
    assert 'data-testid="reach-panel"' in html


def test_the_reach_panel_costs_nothing_for_those_who_may_not_see_it(
    tree, article, staff_client, django_assert_max_num_queries
):
    """A colleague's view of a post: the permission check is all the panel costs."""
    staff_client.get(article.url)
    with django_assert_max_num_queries(22):
        staff_client.get(article.url)


def test_the_leader_sees_the_reach_of_their_update(tree):
    profile = leader_profile(tree)
    update = LeaderUpdatePageFactory(parent=profile, leader=profile.user)
    html = signed_in(profile.user).get(update.url).content.decode()
    assert 'data-testid="reach-panel"' in html


def test_the_thread_starter_sees_the_reach_of_their_thread(tree, staff):
    thread = DiscussionThreadPageFactory(parent=tree.discussions, owner=staff)
    assert (
        'data-testid="reach-panel"' in signed_in(staff).get(thread.url).content.decode()
    )
    other = UserFactory()
    assert (
        'data-testid="reach-panel"'
        not in signed_in(other).get(thread.url).content.decode()
    )


def test_reach_counts_only_those_who_may_see_a_restricted_page(tree, article):
    group = Group.objects.create(name="Managers")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    managers = [UserFactory() for _ in range(3)]
    for manager in managers:
        manager.groups.add(group)
    UserFactory()  # not a manager
    assert reach.reach_of(article).audience == 3


def test_small_departments_are_folded_in_the_reach_panel(tree, article):
    for _ in range(2):
        read(UserFactory(department="Legal"), article)
    figures = reach.reach_of(article)
    assert "Legal" not in [str(g.name) for g in figures.departments]


def test_markup_in_department_names_is_text_on_the_panel(tree, article, author):
    for _ in range(5):
        read(UserFactory(department="<img src=x onerror=alert(1)>"), article)
    html = signed_in(author).get(article.url).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


# In the admin -------------------------------------------------------------------


def test_an_editor_opens_the_reach_in_the_admin(tree, article):
    response = signed_in(make_editor(tree)).get(
        f"/admin/reports/engagement/reach/{article.pk}/"
    )
    assert response.status_code == 200
    assert 'data-testid="page-reach"' in response.content.decode()


def test_the_reach_button_is_in_the_page_listing_for_editors(tree, article):
    response = signed_in(make_editor(tree)).get(f"/admin/pages/{tree.blog.pk}/")
    assert f"/admin/reports/engagement/reach/{article.pk}/" in response.content.decode()


def test_another_posts_reach_is_403_and_reveals_nothing(tree, article):
    from tests.factories import make_page_admin

    writer = make_page_admin(tree, "Writers", "someone")
    own = BlogPostPageFactory(parent=tree.blog, authors=[writer])
    client = signed_in(writer)
    assert client.get(f"/admin/reports/engagement/reach/{own.pk}/").status_code == 200
    script = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    forbidden = client.get(f"/admin/reports/engagement/reach/{article.pk}/", **script)
    assert forbidden.status_code == 403
    assert article.title.encode() not in forbidden.content
    turned_away = client.get(f"/admin/reports/engagement/reach/{article.pk}/")
    assert (turned_away.status_code, turned_away["Location"]) == (302, "/admin/")
    missing = client.get("/admin/reports/engagement/reach/999999/", **script)
    assert missing.status_code == 403  # the same answer: nothing says it exists
    index = client.get(f"/admin/reports/engagement/reach/{tree.blog.pk}/", **script)
    assert index.status_code == 403


def test_plain_staff_get_403_on_a_posts_reach_in_the_admin(staff_client, article):
    response = staff_client.get(f"/admin/reports/engagement/reach/{article.pk}/")
    assert response.status_code == 403
    assert article.title.encode() not in response.content


# The leaders' view --------------------------------------------------------------


def test_how_a_leaders_updates_land_and_how_long_questions_wait(tree):
    profile = leader_profile(tree)
    update = LeaderUpdatePageFactory(parent=profile, leader=profile.user)
    sales = [UserFactory(department="Sales") for _ in range(5)]
    for _ in range(4):
        UserFactory(department="Leadership")  # with the leader, five: no "Other"
    for person in sales[:3]:
        read(person, update)
    now = timezone.now()
    asked = comment_on(update, sales[0], "When do we hear about the budget?")
    Comment.objects.filter(pk=asked.pk).update(
        is_question=True, submit_date=now - datetime.timedelta(hours=5)
    )
    answer = comment_on(update, profile.user, "Next week.", parent=asked)
    Comment.objects.filter(pk=answer.pk).update(
        submit_date=now - datetime.timedelta(hours=3)
    )
    waiting = comment_on(update, sales[1], "And the offices?")
    Comment.objects.filter(pk=waiting.pk).update(
        is_question=True, submit_date=now - datetime.timedelta(hours=10)
    )
    figures = engagement.leaders(engagement.Period.last_days(28))
    mine = next(f for f in figures if f.profile.pk == profile.pk)
    assert mine.updates == 1
    assert mine.readers == 3
    assert dict(mine.departments)["Sales"] == 60.0
    assert (mine.questions, mine.answered, mine.waiting) == (2, 1, 1)
    assert mine.median_hours == 2.0
    assert mine.longest_waiting_hours >= 10.0


def test_the_leaders_view_costs_the_same_for_one_or_many_leaders(
    tree, django_assert_num_queries
):
    first = leader_profile(tree)
    LeaderUpdatePageFactory(parent=first, leader=first.user)
    period = engagement.Period.last_days(28)
    engagement.leaders(period)  # content types cached
    with django_assert_num_queries(5) as one:
        engagement.leaders(period)
    for n in range(3):
        other = leader_profile(tree, username=f"lead{n}", first_name=f"Lead{n}")
        update = LeaderUpdatePageFactory(parent=other, leader=other.user)
        read(UserFactory(), update)
    with django_assert_num_queries(len(one)):
        engagement.leaders(period)


def test_an_editor_opens_the_leaders_view(tree):
    profile = leader_profile(tree)
    LeaderUpdatePageFactory(parent=profile, leader=profile.user)
    response = signed_in(make_editor(tree)).get("/admin/reports/engagement/leaders/")
    assert response.status_code == 200
    assert profile.title in response.content.decode()


def test_a_page_few_can_see_shows_no_reading_figures(tree, article, author):
    board = Group.objects.create(name="Board")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    author.groups.add(board)
    members = [UserFactory() for _ in range(3)]
    for member in members:
        member.groups.add(board)
    read(members[0], article)
    assert reach.reach_of(article).hidden
    html = signed_in(author).get(article.url).content.decode()
    panel = html[html.index('data-testid="reach-panel"') :].split("</section>")[0]
    assert "Fewer than 5 colleagues can see this page" in panel
    assert "Seen by" not in panel
    assert "<svg" not in panel


def test_an_editor_who_may_not_see_a_page_may_not_see_its_reach(tree, article):
    board = Group.objects.create(name="Board")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(board)
    editor = make_editor(tree)
    assert not reach.can_see_reach(editor, article)
    response = signed_in(editor).get(
        f"/admin/reports/engagement/reach/{article.pk}/",
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 403
    assert article.title.encode() not in response.content
    editor.groups.add(board)
    assert reach.can_see_reach(type(editor).objects.get(pk=editor.pk), article)


def test_a_leaders_own_reading_of_their_update_does_not_count(tree):
    profile = leader_profile(tree)
    update = LeaderUpdatePageFactory(parent=profile, leader=profile.user)
    for _ in range(5):
        UserFactory(department="Sales")
    read(profile.user, update)
    figures = engagement.leaders(engagement.Period.last_days(28))
    mine = next(f for f in figures if f.profile.pk == profile.pk)
    assert mine.readers == 0
