import pytest

pytestmark = pytest.mark.django_db


def test_every_page_carries_an_enforced_policy_and_safe_headers(client, tree):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in response
    script_src = next(
        d for d in policy.split(";") if d.strip().startswith("script-src")
    )
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_foreign_host_header_is_refused(client, tree, settings):
    settings.ALLOWED_HOSTS = ["intranet.example.com"]
    response = client.get("/accounts/login/", HTTP_HOST="elsewhere.example")
    assert response.status_code == 400


def test_health_check_answers_without_login(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_forms_reject_posts_without_a_csrf_token(tree, staff):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    response = client.post("/accounts/profile/", {"job_title": "x"})
    assert response.status_code == 403
