"""Share and visit counts say what people did, not how often a script asked: one
share per person, page and network an hour, one visit per visitor and tracked link a
day, held to by the database even when the requests race each other."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from intranet.social import sharing
from intranet.social.models import ShareClick, SharingSettings, TrackedVisit
from tests.concurrency import at_once
from tests.factories import PublicPostFactory, UserFactory

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 3, 10, 12, 5, tzinfo=UTC)
TRACKED = "?utm_source=linkedin&utm_medium=ambassador&utm_campaign=spring"


@pytest.fixture
def public(tree):
    settings = SharingSettings.for_site(Site.objects.get(is_default_site=True))
    settings.utm_campaign = "spring"
    settings.save()
    return PublicPostFactory(parent=tree.blog, slug="centre", title="New centre")


@pytest.fixture
def ambassador(db):
    return UserFactory(username="amb", is_ambassador=True)


def share(client, page, network):
    return client.post(f"/social/share/{page.pk}/{network}/")


def test_a_script_copying_the_link_a_hundred_times_counts_one_share(
    client, public, ambassador
):
    client.force_login(ambassador)
    answers = {share(client, public, "copy").status_code for _ in range(100)}
    # Every copy still works for the ambassador; only the first is counted.
    assert answers == {204}
    assert ShareClick.objects.filter(page=public, network="copy").count() == 1


def test_every_repeated_share_still_sends_the_ambassador_to_the_network(
    client, public, ambassador
):
    client.force_login(ambassador)
    locations = {share(client, public, "linkedin")["Location"] for _ in range(20)}
    assert len(locations) == 1
    assert locations.pop().startswith("https://www.linkedin.com/sharing/")
    assert ShareClick.objects.count() == 1


def test_another_network_another_person_or_the_next_hour_counts_again(
    client, public, ambassador
):
    other = UserFactory(is_ambassador=True)
    with time_machine.travel(NOON, tick=False):
        client.force_login(ambassador)
        share(client, public, "copy")
        share(client, public, "x")
        share(client, public, "x")
        client.force_login(other)
        share(client, public, "copy")
    assert ShareClick.objects.count() == 3
    with time_machine.travel(NOON + timedelta(minutes=50), tick=False):
        client.force_login(ambassador)
        share(client, public, "copy")  # 12:55, the same hour
    assert ShareClick.objects.count() == 3
    with time_machine.travel(NOON + timedelta(hours=1), tick=False):
        share(client, public, "copy")
    assert ShareClick.objects.filter(user=ambassador, network="copy").count() == 2
    assert ShareClick.objects.count() == 4


def test_a_burst_of_sixty_visits_from_one_address_counts_once(client, public):
    for _ in range(60):
        assert client.get(public.url + TRACKED).status_code == 200
    assert TrackedVisit.objects.filter(page=public, network="linkedin").count() == 1


def test_another_address_another_link_or_the_next_day_counts_again(client, public):
    with time_machine.travel(NOON, tick=False):
        client.get(public.url + TRACKED)
        client.get(public.url + TRACKED, REMOTE_ADDR="10.0.0.9")
        client.get(public.url + TRACKED.replace("linkedin", "x"))
        client.get(public.url + TRACKED)
    assert TrackedVisit.objects.count() == 3
    evening = NOON + timedelta(hours=9)
    assert timezone.localdate(evening) == timezone.localdate(NOON)
    with time_machine.travel(evening, tick=False):
        client.get(public.url + TRACKED)
    assert TrackedVisit.objects.count() == 3
    with time_machine.travel(NOON + timedelta(days=1), tick=False):
        client.get(public.url + TRACKED)
    assert TrackedVisit.objects.count() == 4


def test_a_visit_keeps_no_address(client, public):
    client.get(public.url + TRACKED, REMOTE_ADDR="192.0.2.44")
    visit = TrackedVisit.objects.get()
    assert visit.visitor and "192.0.2.44" not in visit.visitor
    assert visit.day == timezone.localdate(visit.created_at)


def test_the_share_stats_add_up_after_a_script_and_a_burst(client, tree, public):
    ambassadors = [UserFactory(is_ambassador=True) for _ in range(2)]
    for person in ambassadors:
        client.force_login(person)
        for _ in range(50):
            share(client, public, "linkedin")
    client.logout()
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        for _ in range(20):
            client.get(public.url + TRACKED, REMOTE_ADDR=address)
    stats = sharing.stats_for(public)
    assert (stats.shares, stats.ambassadors, stats.visits) == (2, 2, 3)
    client.force_login(public.people[0])
    html = " ".join(client.get(public.url).content.decode().split())
    assert "Shared 2 times by 2 ambassadors; 3 visits back" in html
    client.force_login(ambassadors[0])
    history = client.get("/social/shares/")
    assert history.status_code == 200
    assert history.context["total"] == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sixty_visits_at_once_from_one_address_count_once(tree):
    if connection.vendor != "postgresql":
        pytest.skip("races need PostgreSQL: SQLite serialises every write")
    public = PublicPostFactory(parent=tree.blog, slug="centre")
    url = public.url + TRACKED
    answers = at_once(60, lambda: Client().get(url, REMOTE_ADDR="10.1.2.3").status_code)
    assert answers == [200] * 60
    assert TrackedVisit.objects.filter(page=public).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_shares_at_once_by_one_ambassador_count_once(tree):
    if connection.vendor != "postgresql":
        pytest.skip("races need PostgreSQL: SQLite serialises every write")
    public = PublicPostFactory(parent=tree.blog, slug="centre")
    ambassador = UserFactory(is_ambassador=True)

    def copy():
        client = Client()
        client.force_login(ambassador)
        return share(client, public, "copy").status_code

    assert at_once(20, copy) == [204] * 20
    assert ShareClick.objects.filter(page=public).count() == 1
