"""Rate limits hold when many requests arrive at once, in every worker.

Counting and deciding is one step in the shared cache, so twenty comments sent at
the same instant, or thirty guesses at a password, get no further than one at a
time would. The cache is the site's real one: Redis, here a server of the test's
own, and the per-process memory the test settings use.
"""

import threading
import time
import uuid
from unittest import mock

import pytest
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test import Client, RequestFactory

from intranet import throttle
from intranet.discussions import services as discussions
from intranet.people.forms import LoginForm
from intranet.social import services as social
from intranet.social.models import Comment
from tests.concurrency import at_once
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, settings, throttles_on):
    """The cache every thread counts in: per-process memory or a real Redis."""
    if request.param == "redis":
        server = request.getfixturevalue("redis_server")
        settings.CACHES = server.caches(backend="django_redis.cache.RedisCache")
    return request.param


def slowly(answer):
    """A stand-in that takes the time a real check takes, so requests overlap."""

    def check(*args, **kwargs):
        time.sleep(0.02)
        return answer

    return check


def test_a_limit_allows_no_more_than_its_count_however_many_ask_at_once(
    shared_cache,
):
    limit = throttle.Limit("race", count=3, seconds=60)
    outcomes = at_once(20, lambda: throttle.hit(limit, "someone"))
    assert outcomes.count(0) == 3
    assert all(wait > 0 for wait in outcomes if wait)


def test_twenty_comments_at_once_from_one_person_pass_the_flood_check_once(
    shared_cache, staff
):
    def comment():
        social.check_flood(staff, f"Thought {uuid.uuid4()}")
        return "allowed"

    outcomes = at_once(20, comment)
    assert outcomes.count("allowed") == 1
    assert all(isinstance(o, social.Throttled) for o in outcomes if o != "allowed")


def test_ten_threads_started_at_once_by_one_person_pass_the_flood_check_once(
    shared_cache, staff
):
    def start():
        discussions.check_flood(staff)
        return "allowed"

    outcomes = at_once(10, start)
    assert outcomes.count("allowed") == 1


def test_thirty_wrong_passwords_at_once_reach_the_password_check_at_most_five_times(
    shared_cache,
):
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="10.1.1.1")
    checks = mock.Mock(side_effect=slowly(None))

    def sign_in():
        form = LoginForm(request, data={"username": "staff", "password": "wrong"})
        return form.is_valid()

    with mock.patch.object(auth_forms, "authenticate", checks):
        outcomes = at_once(30, sign_in)
    assert outcomes == [False] * 30
    assert 1 <= checks.call_count <= 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_comments_posted_at_once_by_one_person_store_exactly_one(
    shared_cache, post, staff
):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writes need PostgreSQL: SQLite serialises them")
    clients = []
    for _ in range(20):
        client = Client()
        client.force_login(staff)
        clients.append(client)
    tokens = iter(range(20))
    lock = threading.Lock()

    def send():
        with lock:
            n = next(tokens)
        response = clients[n].post(
            post.url, {"text": f"Thought number {n}", "token": str(uuid.uuid4())}
        )
        return response.status_code

    outcomes = at_once(20, send)
    assert Comment.objects.filter(user=staff).count() == 1
    assert sorted(outcomes) == [302] + [400] * 19


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_wrong_passwords_posted_at_once_reach_the_check_at_most_five_times(
    shared_cache, tree
):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent sign-ins need PostgreSQL: SQLite serialises them")
    UserFactory(username="staff")
    real = ModelBackend.authenticate
    calls = []

    def counted(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    def guess():
        return Client(REMOTE_ADDR="10.1.1.1").post(
            LOGIN, {"username": "staff", "password": "wrong"}
        )

    with mock.patch.object(ModelBackend, "authenticate", counted):
        responses = at_once(30, guess)
    assert [r.status_code for r in responses] == [200] * 30
    assert 1 <= len(calls) <= 5
    # The right password is still refused for the rest of the minute.
    response = Client(REMOTE_ADDR="10.1.1.1").post(
        LOGIN, {"username": "staff", "password": PASSWORD}
    )
    assert b"Too many failed sign-in attempts" in response.content
