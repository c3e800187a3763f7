"""The organisation's social why, as a banner on each person's home page."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_social_why_shows_on_home_until_dismissed_and_returns_when_it_changes(
    staff_client, tree
):
    hub = tree.guidelines.specific
    hub.why = "<p>Our customers are already there. CANARY-WHY</p>"
    hub.save_revision().publish()
    assert "CANARY-WHY" in staff_client.get("/").content.decode()
    response = staff_client.post(f"{hub.url}why/dismiss/")
    assert response.status_code == 302
    assert "CANARY-WHY" not in staff_client.get("/").content.decode()
    assert staff_client.get(f"{hub.url}why/dismiss/").status_code == 405
    hub.refresh_from_db()
    hub.why = "<p>We changed our why. CANARY-WHY2</p>"
    hub.save_revision().publish()
    assert "CANARY-WHY2" in staff_client.get("/").content.decode()
