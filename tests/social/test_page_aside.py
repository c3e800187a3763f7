"""The column beside a post, a thread and a leader's update: who wrote it, who is
in the conversation, what is related, and what to follow."""

import pytest

from tests.factories import BlogPostPageFactory, UserFactory, comment_on
from tests.factories.discussions import DiscussionThreadPageFactory
from tests.factories.people import LeaderUpdatePageFactory, leader_profile

pytestmark = pytest.mark.django_db


def aside_of(html: str) -> str:
    start = html.index('data-testid="page-aside"')
    return html[start : html.index("</aside>", start)]


def test_the_conversation_lists_each_commenter_once_and_counts_the_rest(
    staff_client, tree
):
    post = DiscussionThreadPageFactory(parent=tree.discussions)
    people = [UserFactory(first_name=f"Person{n}", last_name="X") for n in range(11)]
    for person in people:
        comment_on(post, person, "Me too")
    comment_on(post, people[0], "And again")
    aside = aside_of(staff_client.get(post.url).content.decode())
    assert aside.count("<bdi>Person0 X</bdi>") == 1
    assert "<bdi>Person7 X</bdi>" in aside
    assert "<bdi>Person8 X</bdi>" not in aside
    assert "+3 more" in aside


def test_a_thread_shows_who_started_it_beside_it(staff_client, tree):
    starter = UserFactory(first_name="Ana", last_name="Lind", job_title="Nurse")
    thread = DiscussionThreadPageFactory(parent=tree.discussions, owner=starter)
    html = staff_client.get(thread.url).content.decode()
    assert 'aria-label="About this thread"' in html
    assert "<bdi>Ana Lind</bdi>" in aside_of(html)


def test_a_leaders_update_shows_the_leader_beside_it(staff_client, tree):
    profile = leader_profile(tree)
    update = LeaderUpdatePageFactory(parent=profile)
    aside = aside_of(staff_client.get(update.url).content.decode())
    assert "<bdi>Laura Bennett</bdi>" in aside
    assert 'data-testid="follow"' in aside


def test_a_post_shows_its_authors_commenters_and_related_posts_beside_it(
    staff_client, tree
):
    author = UserFactory(first_name="Elina", last_name="Virtanen", job_title="Editor")
    reader = UserFactory(first_name="Ravi", last_name="Nair")
    post = BlogPostPageFactory(
        parent=tree.blog, authors=[author], tag_names=["tampere"]
    )
    related = BlogPostPageFactory(
        parent=tree.blog, title="Tampere, again", tag_names=["tampere"]
    )
    comment_on(post, reader, "Lovely day.")
    html = staff_client.get(post.url).content.decode()
    assert 'aria-label="About this post"' in html
    aside = aside_of(html)
    assert "<bdi>Elina Virtanen</bdi>" in aside and "Editor" in aside
    assert 'data-testid="person-follow"' in aside
    assert "<bdi>Ravi Nair</bdi>" in aside
    assert related.title in aside
    assert html.count("Related posts") == 1


def test_a_post_with_its_aside_costs_the_same_with_one_author_as_with_four(
    staff_client, tree, django_assert_max_num_queries
):
    """The author cards, their follow buttons and the commenters are a fixed few
    queries: four authors and ten commenters cost what one of each does."""
    one = BlogPostPageFactory(parent=tree.blog, authors=[UserFactory()])
    four = BlogPostPageFactory(
        parent=tree.blog, authors=[UserFactory() for _ in range(4)]
    )
    comment_on(one, UserFactory(), "First")
    for _ in range(10):
        comment_on(four, UserFactory(), "Me too")
    staff_client.get(one.url)
    staff_client.get(four.url)  # both reads of the day counted: compare like with like
    with django_assert_max_num_queries(22) as small:
        staff_client.get(one.url)
    with django_assert_max_num_queries(len(small)):
        staff_client.get(four.url)
