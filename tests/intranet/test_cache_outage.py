"""The site outlives its cache: with Redis gone, pages are served and comments are
taken, the outage is logged once, and Redis is used again once it is back.

The Redis here is a real server of the test's own, stopped mid-test, not a mock:
what fails is the connection, as in production.
"""

import logging
import time
import uuid

import pytest
import redis
from django.test import Client

from intranet.social.models import Comment, ExternalChannel, Network
from tests.factories import (
    PASSWORD,
    DiscussionThreadPageFactory,
    PublicPostFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def site_on_redis(settings, redis_server, throttles_on):
    settings.CACHES = redis_server.caches(RETRY_SECONDS=0.2)
    return redis_server


def outage_messages(caplog):
    return [r for r in caplog.records if r.name == "intranet.cache" and r.levelno >= 40]


def comment(client, page, text):
    return client.post(page.url, {"text": text, "token": str(uuid.uuid4())})


def browse(client, pages):
    """Every page a member of staff opens; returns their status codes."""
    return [client.get(url).status_code for url in ["/", *pages]]


def test_without_redis_pages_are_served_comments_taken_and_the_outage_logged_once(
    site_on_redis, tree, post, caplog
):
    caplog.set_level(logging.INFO)
    thread = DiscussionThreadPageFactory(parent=tree.discussions)
    public = PublicPostFactory(parent=tree.blog, slug="public-news")
    ExternalChannel.objects.create(
        network=Network.LINKEDIN, name="Northwind", url="https://example.com/nw"
    )
    people = [UserFactory(username=f"person{n}") for n in range(4)]
    clients = []
    for person in people:
        client = Client()
        client.force_login(person)
        clients.append(client)
    pages = [post.url, thread.url]
    store = redis.Redis(port=site_on_redis.port)

    assert browse(clients[0], pages) == [200, 200, 200]
    assert comment(clients[0], post, "Before the outage").status_code == 302
    assert Client().get(public.url).status_code == 200
    assert store.dbsize() > 0

    site_on_redis.stop()
    served = []
    for client in clients[1:]:
        served += browse(client, pages)
    for client, page in zip(clients[1:], [post, thread, post], strict=True):
        served.append(comment(client, page, "During the outage").status_code)
    served.append(Client().get(public.url).status_code)
    signing_in = Client().post(LOGIN, {"username": "person0", "password": PASSWORD})
    served.append(signing_in.status_code)
    health = Client().get("/health/")

    # 3 people x 3 pages, 3 comments, a public post, a sign-in: all served.
    assert served == [200] * 9 + [302] * 3 + [200, 302]
    assert Comment.objects.filter(comment="During the outage").count() == 3
    # The throttle still holds, in this worker: a second comment within 5 s waits.
    refused = comment(clients[1], thread, "Straight after")
    assert refused.status_code == 400
    assert "You are commenting very quickly" in refused.content.decode()
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "database": "ok", "cache": "unavailable"}
    assert len(outage_messages(caplog)) == 1
    assert "cannot be reached" in outage_messages(caplog)[0].getMessage()

    site_on_redis.start()
    time.sleep(0.3)
    assert browse(clients[0], pages) == [200, 200, 200]
    assert store.dbsize() > 0
    assert any("answers again" in r.getMessage() for r in caplog.records)
    assert Client().get("/health/").json()["cache"] == "ok"
    assert len(outage_messages(caplog)) == 1


def test_what_was_replaced_during_the_outage_does_not_come_back_stale(
    site_on_redis, tree
):
    from django.core.cache import cache

    cache.set("channels", "before")
    site_on_redis.stop()
    cache.delete("channels")
    assert cache.get("channels") is None
    site_on_redis.start()
    time.sleep(0.3)
    assert cache.get("channels") is None
    cache.set("channels", "after")
    assert redis.Redis(port=site_on_redis.port).dbsize() == 1
    assert cache.get("channels") == "after"


def test_every_call_the_site_makes_is_answered_from_memory_while_redis_is_away(
    site_on_redis, tree
):
    from django.core.cache import cache
    from wagtail.models import Site

    site_on_redis.stop()
    assert Site.get_site_root_paths()  # Wagtail's own, with a version
    Site.clear_site_root_paths_cache()
    cache.set_many({"a": 1, "b": 2}, 60)
    cache.delete_many(["a"])
    assert cache.get_many(["a", "b"]) == {"b": 2}
    assert cache.has_key("b")
    assert cache.touch("b", 60)
    assert cache.delete("b")
    assert cache.add("counter", 1, 60) is True
    assert cache.add("counter", 1, 60) is False
    assert cache.incr("counter") == 2
    assert cache.get_many(["counter", "missing"]) == {"counter": 2}
    assert cache.get_or_set("made", lambda: "fresh", 60) == "fresh"
    with pytest.raises(ValueError):
        cache.incr("missing")
