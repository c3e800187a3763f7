"""Asking for a password reset link: the answer and its cost never tell whether an
account uses the address, the e-mail goes through the task queue, and neither a
visitor nor a target's inbox can be flooded."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks import default_task_backend

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET = "/accounts/password/reset/"
SENT = "/accounts/password/reset/sent/"


@pytest.fixture
def queue(settings):
    """A task backend that keeps what is queued instead of running it."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def ask(client, email, address="192.0.2.10"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def run(result):
    return result.task.call(*result.args, **result.kwargs)


def test_known_and_unknown_addresses_get_the_same_answer_and_a_queued_task_each(
    client, tree, staff, queue
):
    known = ask(client, staff.email)
    unknown = ask(client, "nobody@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == SENT
    assert mail.outbox == []  # nothing is sent while the visitor waits
    assert [result.task.name for result in queue.results] == [
        "send_reset_email",
        "send_reset_email",
    ]
    assert [result.kwargs["email"] for result in queue.results] == [
        staff.email,
        "nobody@example.com",
    ]


def test_the_queued_task_mails_the_known_address_only_and_its_link_resets_the_password(
    client, tree, staff, queue
):
    ask(client, "nobody@example.com")
    ask(client, staff.email)
    assert [run(result) for result in queue.results] == [0, 1]
    [message] = mail.outbox
    assert message.to == [staff.email]
    assert "\n" not in message.subject
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body)
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0]
    assert form_url.endswith("/set-password/")
    new_password = "a fresh passphrase 4 the intranet"  # noqa: S105
    response = client.post(
        form_url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert response["Location"] == "/accounts/password/reset/complete/"
    staff.refresh_from_db()
    assert staff.check_password(new_password)


def test_the_queued_task_writes_in_the_language_of_the_request(
    client, tree, staff, queue
):
    ask(client, staff.email)
    [result] = queue.results
    assert result.kwargs["language"] == "en"
    assert result.kwargs["base_url"] == "http://testserver"


def test_inactive_accounts_and_unusable_passwords_get_no_mail(
    client, tree, staff, queue
):
    UserFactory(username="gone", email="gone@example.com", is_active=False)
    sso = UserFactory(username="sso", email="sso@example.com")
    sso.set_unusable_password()
    sso.save()
    ask(client, "gone@example.com")
    ask(client, "sso@example.com")
    assert [run(result) for result in queue.results] == [0, 0]
    assert mail.outbox == []


def test_twenty_requests_for_one_address_queue_at_most_three_and_answer_the_same(
    client, tree, staff, queue, throttles_on
):
    answers = {
        ask(client, staff.email, address=f"198.51.100.{n}")["Location"]
        for n in range(20)
    }
    assert answers == {SENT}
    assert len(queue.results) == 3


def test_the_limit_per_target_ignores_the_case_of_the_address(
    client, tree, staff, queue, throttles_on
):
    for n in range(10):
        ask(client, staff.email.upper() if n % 2 else staff.email)
    assert len(queue.results) == 3


def test_one_visitor_cannot_queue_more_than_twenty_across_addresses(
    client, tree, queue, throttles_on
):
    for n in range(30):
        response = ask(client, f"guess{n}@example.com")
        assert response["Location"] == SENT
    assert len(queue.results) == 20
    ask(client, "another@example.com", address="203.0.113.5")
    assert len(queue.results) == 21  # someone else is not held back


def test_a_known_address_costs_no_more_queries_than_an_unknown_one(
    client, tree, staff, queue, django_assert_num_queries
):
    client.get(RESET)  # the site and its settings, cached from here on
    with CaptureQueriesContext(connection) as unknown:
        ask(client, "nobody@example.com")
    with django_assert_num_queries(len(unknown)) as known:
        ask(client, staff.email)
    users = get_user_model()._meta.db_table
    assert not any(users in query["sql"] for query in known.captured_queries)


def test_a_reset_asked_with_the_default_task_backend_still_arrives(client, tree, staff):
    response = client.post(reverse("intranet:password_reset"), {"email": staff.email})
    assert response["Location"] == SENT
    [message] = mail.outbox
    assert message.to == [staff.email]


def test_the_wagtail_admin_reset_form_is_switched_off_for_the_intranets_own(
    client, tree
):
    response = client.get("/admin/password_reset/")
    assert response.status_code == 404
    assert client.get("/accounts/password/reset/").status_code == 200
