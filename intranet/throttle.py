"""Rate limits kept in the cache, so that they hold across worker processes.

A limit allows ``count`` events per ``seconds`` for one key (an account, an address,
a person). Counters live in Django's default cache: Redis in production, shared by
every worker. Limits can be switched off with ``INTRANET["THROTTLES_ENABLED"]`` (the
test suite does, and switches them back on in the tests that exercise them).
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


def wait_seconds(limit: Limit, key: str) -> int:
    """Seconds until ``key`` may act again under ``limit``; 0 when it may now."""
    if not _enabled():
        return 0
    count_key, start_key = _keys(limit, key)
    values = cache.get_many([count_key, start_key])
    if values.get(count_key, 0) < limit.count:
        return 0
    started = values.get(start_key, time.time())
    return max(1, math.ceil(started + limit.seconds - time.time()))


def record(limit: Limit, key: str) -> None:
    """Count one event for ``key``; the window starts with the first event."""
    if not _enabled():
        return
    count_key, start_key = _keys(limit, key)
    if cache.add(count_key, 1, limit.seconds):
        cache.set(start_key, time.time(), limit.seconds)
        return
    try:
        cache.incr(count_key)
    except ValueError:  # expired between add() and incr()
        cache.add(count_key, 1, limit.seconds)
        cache.set(start_key, time.time(), limit.seconds)


def reset(limit: Limit, key: str) -> None:
    cache.delete_many(list(_keys(limit, key)))


def wait_message(seconds: int) -> str:
    """A human answer to "when can I try again?"."""
    if seconds < 60:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
