import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection

from guidelines.models import GuidelinePage
from intranet.guidelines import services
from intranet.guidelines.models import Acknowledgement, ChangeLogEntry, ChangeType
from tests.factories import (
    AcknowledgementFactory,
    GuidelinePageFactory,
    UserFactory,
    publish_change,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(tree):
    return GuidelinePageFactory(
        parent=tree.guidelines, title="Social media policy", slug="policy", policy=True
    )


def acknowledge(client, page, version=None):
    return client.post(
        page.url + "acknowledge/",
        {"version": page.version if version is None else version},
    )


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_staff_see_the_acknowledgement_button_at_the_end_of_a_must_read(
    staff_client, policy
):
    text = staff_client.get(policy.url).content.decode()
    assert "I have read and understood this" in text
    assert text.index("I have read and understood this") > text.index("Questions")
    assert 'name="version" value="1"' in text


def test_guidelines_that_are_not_must_read_ask_for_no_acknowledgement(
    staff_client, tree
):
    howto = GuidelinePageFactory(parent=tree.guidelines)
    assert (
        "I have read and understood this"
        not in staff_client.get(howto.url).content.decode()
    )
    assert acknowledge(staff_client, howto).status_code == 404
    assert not Acknowledgement.objects.exists()


def test_acknowledging_records_person_page_and_version(staff_client, staff, policy):
    response = acknowledge(staff_client, policy)
    assert response.status_code == 302
    assert response["Location"] == policy.url
    ack = Acknowledgement.objects.get()
    assert (ack.user, ack.page_id, ack.version) == (staff, policy.pk, 1)
    assert "you have acknowledged version 1" in messages_of(response)[0]
    text = staff_client.get(policy.url).content.decode()
    assert 'data-testid="acknowledged"' in text
    assert 'data-testid="acknowledge"' not in text


def test_acknowledging_twice_keeps_one_record(staff_client, policy):
    acknowledge(staff_client, policy)
    acknowledge(staff_client, policy)
    assert Acknowledgement.objects.count() == 1


def test_a_double_submit_that_loses_the_race_stores_one_row(staff, policy, monkeypatch):
    """The unique constraint, not the look-up before it, is what holds: here the
    look-up misses the row the other submit just stored."""
    Acknowledgement.objects.create(user=staff, page=policy, version=1)
    monkeypatch.setattr(
        Acknowledgement.objects, "filter", lambda **kw: Acknowledgement.objects.none()
    )
    outcome = services.acknowledge(staff, policy, 1)
    monkeypatch.undo()
    assert outcome is services.Acknowledged.ALREADY
    assert Acknowledgement.objects.count() == 1


def test_acknowledging_from_a_page_opened_before_a_substantive_change_asks_again(
    staff_client, policy
):
    opened = GuidelinePage.objects.get(pk=policy.pk)  # what the reader saw: v1
    publish_change(policy, "Live video now needs a second pair of eyes.")
    response = acknowledge(staff_client, opened, version=1)
    assert response.status_code == 302
    assert response["Location"] == policy.url + "#acknowledge"
    assert not Acknowledgement.objects.exists()
    assert "acknowledge version 2" in messages_of(response)[0]


@pytest.mark.parametrize("version", ["", "abc", "0", "3", "-1", "2.0"])
def test_a_wrong_version_is_never_recorded(staff_client, policy, version):
    response = staff_client.post(policy.url + "acknowledge/", {"version": version})
    assert response.status_code == 302
    assert not Acknowledgement.objects.exists()


def test_acknowledging_needs_a_post(staff_client, policy):
    assert staff_client.get(policy.url + "acknowledge/").status_code == 405
    assert not Acknowledgement.objects.exists()


def test_acknowledging_needs_the_csrf_token(staff, policy):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    assert acknowledge(client, policy).status_code == 403
    assert not Acknowledgement.objects.exists()


def test_a_substantive_change_bumps_the_version_and_asks_everyone_again(
    staff_client, staff, policy
):
    acknowledge(staff_client, policy)
    policy = publish_change(policy, "Added a section on live video.")
    assert policy.version == 2
    entry = policy.change_log.first()
    assert (entry.version, entry.substantive, entry.summary) == (
        2,
        True,
        "Added a section on live video.",
    )
    response = staff_client.get(policy.url)
    assert response.context["acknowledged_at"] is None
    assert [c.summary for c in response.context["changes_since"]] == [
        "Added a section on live video."
    ]
    text = response.content.decode()
    assert "has changed since you acknowledged version 1" in text
    assert 'data-testid="acknowledge"' in text
    acknowledge(staff_client, policy)
    assert sorted(Acknowledgement.objects.values_list("version", flat=True)) == [1, 2]


def test_an_editorial_change_asks_nobody_again(staff_client, policy):
    acknowledge(staff_client, policy)
    policy = publish_change(policy, "Fixed a typo.", substantive=False)
    assert policy.version == 1
    entry = policy.change_log.first()
    assert (entry.version, entry.substantive, entry.summary) == (
        1,
        False,
        "Fixed a typo.",
    )
    response = staff_client.get(policy.url)
    assert response.context["acknowledged_at"] is not None
    assert "Fixed a typo." in response.content.decode()


def test_an_editorial_change_without_a_summary_still_shows_in_the_change_log(policy):
    policy = publish_change(policy, "", substantive=False)
    assert policy.change_log.first().summary.startswith("Editorial changes")


def test_the_change_choice_resets_after_publishing(policy):
    policy = publish_change(policy, "New rules.")
    assert policy.change_type == ChangeType.EDITORIAL
    assert policy.change_summary == ""
    # The edit form starts from the live copy when there is no draft.
    latest = policy.get_latest_revision_as_object()
    assert latest.change_type == ChangeType.EDITORIAL


def test_publishing_the_same_revision_twice_logs_it_once(policy):
    revision = policy.latest_revision
    services.record_publication(policy, revision)
    assert ChangeLogEntry.objects.filter(page=policy).count() == 1


def test_publishing_an_older_revision_never_takes_the_version_back(policy):
    first = policy.latest_revision
    policy = publish_change(policy, "New rules.")
    assert policy.version == 2
    first.publish()
    assert GuidelinePage.objects.get(pk=policy.pk).version == 2


def test_my_guidelines_lists_what_is_waiting_with_what_changed(staff_client, tree):
    policy = GuidelinePageFactory(
        parent=tree.guidelines, title="Social media policy", policy=True
    )
    principles = GuidelinePageFactory(
        parent=tree.guidelines, title="Our principles", policy=True
    )
    acknowledge(staff_client, policy)
    acknowledge(staff_client, principles)
    publish_change(policy, "Live video needs a second pair of eyes.")
    response = staff_client.get("/guidelines/mine/")
    assert response.status_code == 200
    assert [g.title for g in response.context["waiting"]] == ["Social media policy"]
    assert [g.title for g in response.context["acknowledged"]] == ["Our principles"]
    assert "Live video needs a second pair of eyes." in response.content.decode()


def test_home_page_lists_the_guidelines_waiting_for_each_person(
    staff_client, staff, tree
):
    policy = GuidelinePageFactory(
        parent=tree.guidelines, title="Social media policy", policy=True
    )
    text = staff_client.get("/").content.decode()
    assert 'data-testid="home-guidelines"' in text
    assert "Social media policy" in text
    acknowledge(staff_client, policy)
    assert 'data-testid="home-guidelines"' not in staff_client.get("/").content.decode()
    publish_change(policy, "New rules.")
    text = staff_client.get("/").content.decode()
    assert "Social media policy" in text
    assert "Changed since you read it" in text
    other = UserFactory()
    AcknowledgementFactory(user=other, page=GuidelinePage.objects.get(pk=policy.pk))
    staff_client.force_login(other)
    assert 'data-testid="home-guidelines"' not in staff_client.get("/").content.decode()


def test_home_page_costs_no_query_for_guidelines_when_nothing_is_must_read(
    staff_client, tree, django_assert_max_num_queries
):
    """The must-read list is cached, so the most visited page pays nothing for the
    guidelines panel when no guideline is must-read."""
    GuidelinePageFactory(parent=tree.guidelines)
    staff_client.get("/")
    from intranet.guidelines.wagtail_hooks import guidelines_waiting

    request = staff_client.get("/").wsgi_request
    with django_assert_max_num_queries(0):
        assert guidelines_waiting(request) is None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_acknowledgements_at_once_store_one_row(tree):
    if connection.vendor != "postgresql":
        pytest.skip("races need PostgreSQL: SQLite serialises every write")
    user = UserFactory()
    policy = GuidelinePageFactory(parent=tree.guidelines, policy=True)
    barrier = threading.Barrier(4)
    outcomes = []

    def submit():
        from django.db import connections

        try:
            barrier.wait()
            outcomes.append(services.acknowledge(user, policy, 1))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Acknowledgement.objects.filter(user=user, page=policy).count() == 1
    assert outcomes.count(services.Acknowledged.RECORDED) == 1
    assert len(outcomes) == 4
