import pytest
from django.test import RequestFactory

from intranet import views

pytestmark = pytest.mark.django_db


def test_unknown_page_gives_a_styled_404_to_staff(staff_client, tree):
    response = staff_client.get("/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "We cannot find that page" in text
    assert 'class="main-nav"' in text


def test_unknown_page_tells_anonymous_visitors_nothing(client, tree):
    response = client.get("/no-such-page/")
    # Anonymous visitors are asked to sign in; they learn nothing about what exists.
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_server_error_page_renders_without_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = views.server_error(request)
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content


def test_permission_denied_page_is_styled(rf, staff, tree):
    request = rf.get("/")
    request.user = staff
    response = views.permission_denied(request)
    assert response.status_code == 403
    assert b"You cannot do that here" in response.content
