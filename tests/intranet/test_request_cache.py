"""Entries of the shared cache that a page reads many times are read once per
request, and never kept from one request to the next."""

from collections import Counter

import pytest
from django.core.cache import cache

from intranet import audience, request_cache, translations

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_reads(monkeypatch):
    reads = Counter()
    real_get = cache.get

    def counted_get(key, *args, **kwargs):
        reads[key] += 1
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(request_cache.cache, "get", counted_get)
    return reads


def test_a_page_asks_the_cache_for_the_locales_and_homes_once(
    staff_client, post, cache_reads
):
    staff_client.get(post.url)  # the cache filled
    cache_reads.clear()
    assert staff_client.get(post.url).status_code == 200
    assert cache_reads[translations.LOCALES_CACHE_KEY] == 1
    assert cache_reads[audience.HOMES_CACHE_KEY] == 1
    assert cache_reads[audience.RESTRICTIONS_CACHE_KEY] <= 1


def test_the_next_request_sees_what_another_worker_wrote_meanwhile(staff_client, post):
    staff_client.get(post.url)
    found = translations.locales()
    cache.set(translations.LOCALES_CACHE_KEY, {**found, "sv": 999}, 60)
    request_cache.request_started()
    try:
        assert translations.locales()["sv"] == 999
    finally:
        request_cache.request_finished()


def test_outside_a_request_every_read_asks_the_cache(cache_reads):
    for _ in range(3):
        translations.locales()
    assert cache_reads[translations.LOCALES_CACHE_KEY] == 3


def test_within_a_request_what_it_wrote_or_forgot_is_seen(tree, cache_reads):
    request_cache.request_started()
    try:
        audience.view_restrictions()
        audience.view_restrictions()
        assert cache_reads[audience.RESTRICTIONS_CACHE_KEY] == 1
        audience.view_restrictions_changed()
        audience.view_restrictions()
        assert cache_reads[audience.RESTRICTIONS_CACHE_KEY] == 2
        translations.refresh_locales()
        translations.locales()
        assert cache_reads[translations.LOCALES_CACHE_KEY] == 0
    finally:
        request_cache.request_finished()
    translations.locales()
    assert cache_reads[translations.LOCALES_CACHE_KEY] == 1
