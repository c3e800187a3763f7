"""The load balancer's health check answers at the cost of its own probe."""

import pytest

from intranet import views

pytestmark = pytest.mark.django_db


def test_the_health_check_of_a_signed_in_person_costs_only_its_database_probe(
    staff_client, django_assert_num_queries
):
    """The check holds no words, so nobody's session, account or language is looked
    up for it: the one query is its own ``SELECT 1``, signed in or not."""
    with django_assert_num_queries(1) as probe:
        response = staff_client.get("/health/")
    assert response.json()["status"] == "ok"
    assert probe.captured_queries[0]["sql"] == "SELECT 1"


def test_a_healthy_answer_is_given_again_for_a_second_without_a_query(
    client, django_assert_num_queries, monkeypatch
):
    clock = [1000.0]
    monkeypatch.setattr(views.time, "monotonic", lambda: clock[0])
    with django_assert_num_queries(1):
        client.get("/health/")
    clock[0] += 0.9
    with django_assert_num_queries(0):
        again = client.get("/health/")
    assert again.status_code == 200
    assert again.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    clock[0] += 0.2
    with django_assert_num_queries(1):
        client.get("/health/")


def test_an_unhealthy_answer_is_not_remembered(client, monkeypatch):
    monkeypatch.setattr(views, "_database_state", lambda: "unavailable")
    down = client.get("/health/")
    assert down.status_code == 503
    assert down.json()["status"] == "unavailable"
    monkeypatch.undo()
    assert client.get("/health/").status_code == 200


def test_a_page_still_speaks_the_language_its_reader_chose(staff_client, staff):
    staff.intranet_profile.language = "fi"
    staff.intranet_profile.save()
    response = staff_client.get("/blog/")
    assert response["Content-Language"] == "fi"
    assert '<html lang="fi"' in response.content.decode()
