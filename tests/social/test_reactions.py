import pytest

from intranet.social.models import PageReaction
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def react(client, page, kind):
    return client.post(f"/social/pages/{page.pk}/react/", {"kind": kind})


def test_one_reaction_per_person_that_toggles_and_changes(staff_client, post, staff):
    react(staff_client, post, "celebrate")
    assert PageReaction.objects.get().kind == "celebrate"
    react(staff_client, post, "insightful")
    assert PageReaction.objects.get().kind == "insightful"
    react(staff_client, post, "insightful")
    assert not PageReaction.objects.exists()


def test_staff_see_counts_and_who_reacted(staff_client, post):
    PageReaction.objects.create(
        page=post,
        user=UserFactory(first_name="Mikko", last_name="Laine"),
        kind="support",
    )
    html = staff_client.get(post.url).content.decode()
    assert 'data-testid="react-support"' in html
    assert "Mikko Laine" in html.split('class="who-reacted"')[1]


def test_an_unknown_reaction_changes_nothing(staff_client, post):
    response = react(staff_client, post, "<script>")
    assert response.status_code == 302
    assert not PageReaction.objects.exists()
