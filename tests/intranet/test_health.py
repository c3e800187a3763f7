"""The load balancer's health check answers at the cost of its own probe."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_health_check_of_a_signed_in_person_costs_only_its_database_probe(
    staff_client, django_assert_num_queries
):
    """The check holds no words, so nobody's session, account or language is looked
    up for it: the one query is its own ``SELECT 1``, signed in or not."""
    staff_client.get("/health/")
    with django_assert_num_queries(1) as probe:
        response = staff_client.get("/health/")
    assert response.json()["status"] == "ok"
    assert probe.captured_queries[0]["sql"] == "SELECT 1"


def test_a_page_still_speaks_the_language_its_reader_chose(staff_client, staff):
    staff.intranet_profile.language = "fi"
    staff.intranet_profile.save()
    response = staff_client.get("/blog/")
    assert response["Content-Language"] == "fi"
    assert '<html lang="fi"' in response.content.decode()
