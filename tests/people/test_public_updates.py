"""A leader update an editor made public, as the outside world reads it."""

import pytest

from intranet.forms import AudienceAdminForm
from intranet.people.pages import LeaderUpdatePage
from intranet.social.models import PageReaction
from tests.factories import UserFactory, comment_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def update(tree):
    from tests.factories.people import LeaderProfilePageFactory, LeaderUpdatePageFactory

    laura = UserFactory(
        username="laura",
        first_name="Laura",
        last_name="Bennett",
        job_title="Chief executive",
    )
    profile = LeaderProfilePageFactory(
        parent=tree.people, user=laura, title="Laura Bennett"
    )
    return LeaderUpdatePageFactory(
        parent=profile,
        title="What I heard this month",
        text="Thank you for the calls. See https://example.com/x",
    )


def test_only_editors_choose_who_reads_a_leader_update():
    assert issubclass(LeaderUpdatePage.base_form_class, AudienceAdminForm)


def test_a_staff_only_update_asks_anonymous_visitors_to_sign_in(client, update):
    response = client.get(update.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_public_update_shows_the_public_layout_and_nothing_internal(
    client, update, staff
):
    update.audience = "public"
    update.save_revision().publish()
    comment_on(update, staff, "Internal reply CANARY-UPD")
    PageReaction.objects.create(page=update, user=staff, kind="like")
    response = client.get(update.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="public-leader-update"' in html
    assert "Laura Bennett</bdi>, Chief executive" in html
    assert "CANARY-UPD" not in html
    assert "Sam Okafor" not in html
    assert 'class="main-nav"' not in html
    assert f'href="{update.get_parent().url}"' not in html  # no link to the profile
    assert "csrfmiddlewaretoken" not in html
    assert "public" in response["Cache-Control"]
    assert '<a href="https://example.com/x" rel="nofollow noopener">' in html


def test_the_sitemap_lists_an_update_only_once_it_is_public(client, update):
    assert update.url not in client.get("/sitemap.xml").content.decode()
    update.audience = "public"
    update.save_revision().publish()
    assert update.url in client.get("/sitemap.xml").content.decode()
