import pytest

from intranet.social.models import ExternalChannel, Network

pytestmark = pytest.mark.django_db


def test_the_footer_lists_the_official_channels_and_follows_edits(staff_client, tree):
    channel = ExternalChannel.objects.create(
        network=Network.LINKEDIN,
        name="Northwind on LinkedIn",
        url="https://www.linkedin.com/company/example",
        owner="Communications",
    )
    assert b"Northwind on LinkedIn" in staff_client.get("/").content
    channel.name = "Renamed channel"
    channel.save()
    assert b"Renamed channel" in staff_client.get("/").content
    channel.delete()
    assert b"Renamed channel" not in staff_client.get("/").content


def test_the_footer_costs_no_query_once_cached(
    staff_client, tree, django_assert_num_queries
):
    ExternalChannel.objects.create(
        network=Network.X, name="@northwind", url="https://x.com/n", owner="Comms"
    )
    ExternalChannel.cached_list()
    with django_assert_num_queries(0):
        assert [c.name for c in ExternalChannel.cached_list()] == ["@northwind"]
