"""Rate limits kept in the cache, so that they hold across worker processes.

A limit allows ``count`` events per ``seconds`` for one key (an account, an address,
a person). Counters live in Django's default cache: Redis in production, shared by
every worker. Limits can be switched off with ``INTRANET["THROTTLES_ENABLED"]`` (the
test suite does, and switches them back on in the tests that exercise them).

``hit()`` counts and decides in one step: the cache's atomic ``add`` and ``incr``
hand every concurrent caller a different count, so no more than ``count`` of them
are ever allowed, however many arrive at once. ``release()`` gives an allowed event
back when what it allowed did not happen (a sign-in that succeeded, a comment
refused by another limit).
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import ngettext

from intranet.conf import intranet_setting


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int
    seconds: int


def _keys(limit: Limit, key: str) -> tuple[str, str]:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    base = f"throttle:{limit.scope}:{digest}"
    return f"{base}:n", f"{base}:t"


def _enabled() -> bool:
    return intranet_setting("THROTTLES_ENABLED")


def _count(limit: Limit, count_key: str, start_key: str) -> int:
    """Add one to the window's counter and return the new count."""
    for _attempt in range(3):
        if cache.add(count_key, 1, limit.seconds):
            cache.set(start_key, time.time(), limit.seconds)
            return 1
        try:
            return cache.incr(count_key)
        except ValueError:  # the window ended between add() and incr()
            continue
    return limit.count + 1


def _wait(limit: Limit, start_key: str) -> int:
    started = cache.get(start_key)
    if started is None:  # the first caller has not stored the start yet
        return limit.seconds
    return max(1, math.ceil(started + limit.seconds - time.time()))


def hit(limit: Limit, key: str) -> int:
    """Count one event for ``key`` if ``limit`` allows it: 0 when it does, else the
    seconds until it will (and then nothing is counted)."""
    if not _enabled():
        return 0
    count_key, start_key = _keys(limit, key)
    if _count(limit, count_key, start_key) <= limit.count:
        return 0
    _uncount(count_key)
    return _wait(limit, start_key)


def release(limit: Limit, key: str) -> None:
    """Give back one event that ``hit()`` allowed."""
    if not _enabled():
        return
    _uncount(_keys(limit, key)[0])


def _uncount(count_key: str) -> None:
    try:
        cache.decr(count_key)
    except ValueError:  # the window has ended anyway
        pass


def wait_seconds(limit: Limit, key: str) -> int:
    """Seconds until ``key`` may act again under ``limit``; 0 when it may now.

    Only a look: two callers may both read 0. Use ``hit()`` to count and decide at
    once.
    """
    if not _enabled():
        return 0
    count_key, start_key = _keys(limit, key)
    values = cache.get_many([count_key, start_key])
    if values.get(count_key, 0) < limit.count:
        return 0
    started = values.get(start_key, time.time())
    return max(1, math.ceil(started + limit.seconds - time.time()))


def record(limit: Limit, key: str) -> None:
    """Count one event for ``key`` whatever the limit says; the window starts with
    the first event."""
    if not _enabled():
        return
    _count(limit, *_keys(limit, key))


def reset(limit: Limit, key: str) -> None:
    cache.delete_many(list(_keys(limit, key)))


def client_address(request) -> str:
    """The address a request came from.

    ``REMOTE_ADDR``, unless ``INTRANET["TRUSTED_PROXIES"]`` says how many proxies of
    our own stand in front of the site: then the address the outermost of them saw,
    counted from the right of ``X-Forwarded-For`` (what a client writes further
    left is not to be believed).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = intranet_setting("TRUSTED_PROXIES")
    if proxies < 1:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if not forwarded:
        return remote
    return forwarded[-min(proxies, len(forwarded))]


def wait_message(seconds: int) -> str:
    """A human answer to "when can I try again?"."""
    if seconds < 60:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
