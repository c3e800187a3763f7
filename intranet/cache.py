"""A Redis cache that the site outlives: django-redis, falling back to memory.

The intranet keeps only what it can rebuild in the cache (sessions belong in the
database), so when Redis cannot be reached it need not fail a single request. Point
``CACHES`` at this backend instead of ``django_redis.cache.RedisCache``, with the
same ``LOCATION`` and ``OPTIONS``::

    CACHES = {"default": {"BACKEND": "intranet.cache.RedisCache",
                          "LOCATION": "redis://127.0.0.1:6379/0"}}

While Redis is away, every call (get, set, add, incr, delete, and the rest of
Django's cache API) is answered by the worker's own memory, so pages render and rate
limits still hold, per worker. The outage is logged once per worker, with the error;
Redis is tried again every ``OPTIONS["RETRY_SECONDS"]`` seconds (default 5) and,
once it answers, the keys written meanwhile are deleted from it, so that nothing
removed or replaced during the outage comes back stale, and the recovery is logged.

django-redis's own ``IGNORE_EXCEPTIONS`` is not enough: it logs every failed call,
answers ``add`` and ``incr`` as if the key were taken or missing (throttles would
then refuse everyone or no one), and loses every invalidation made meanwhile.

Only this module needs django-redis; a site on another cache never imports it.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError)
# Past this many keys written during one outage, the rest may come back stale from
# Redis until they expire; the recovery message says so.
MAX_REMEMBERED_KEYS = 10_000


class _Outage:
    """Whether one Redis location is away, shared by every thread of the process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down = False
        self.retry_at = 0.0
        self.written: set[tuple[str, int | None]] = set()
        self.forgotten = False


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


def _key_of(args, kwargs):
    return args[0] if args else kwargs["key"]


class RedisCache(DjangoRedisCache):
    """django-redis's cache, answered from the worker's memory while Redis is away."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._outage = _outage(str(server))
        self._memory = LocMemCache(
            f"intranet-fallback:{server}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "OPTIONS": {"MAX_ENTRIES": 5000},
            },
        )

    @property
    def unavailable(self) -> bool:
        """Whether Redis was away at the last try."""
        return self._outage.down

    def reachable(self) -> bool:
        """Ask Redis itself, now, whether it answers (for the health check)."""
        try:
            self.client.get_client(write=False).ping()
        except UNREACHABLE:
            return False
        return True

    def _redis_ready(self) -> bool:
        outage = self._outage
        if not outage.down:
            return True
        with outage.lock:
            if not outage.down:
                return True
            if time.monotonic() < outage.retry_at:
                return False
            try:
                self._forget_written(outage.written)
            except UNREACHABLE:
                outage.retry_at = time.monotonic() + self.retry_seconds
                return False
            logger.warning(
                "The cache at %s answers again; the %d keys written while it was "
                "away are deleted from it.",
                self._server,
                len(outage.written),
            )
            if outage.forgotten:
                logger.warning(
                    "More keys were written during the outage than remembered: "
                    "those may be stale in the cache at %s until they expire.",
                    self._server,
                )
            outage.down = False
            outage.written = set()
            outage.forgotten = False
            self._memory.clear()
            return True

    def _forget_written(self, written) -> None:
        by_version: dict[int | None, list[str]] = {}
        for key, version in written:
            by_version.setdefault(version, []).append(key)
        for version, keys in by_version.items():
            DjangoRedisCache.delete_many(self, keys, version=version)
        self.client.get_client(write=True).ping()

    def _went_away(self, error) -> None:
        outage = self._outage
        with outage.lock:
            outage.retry_at = time.monotonic() + self.retry_seconds
            if outage.down:
                return
            outage.down = True
        logger.error(
            "The cache at %s cannot be reached (%s); this worker answers from its "
            "own memory until it is back, trying again every %g seconds.",
            self._server,
            error,
            self.retry_seconds,
            exc_info=error,
        )

    def _remember(self, keys, version) -> None:
        outage = self._outage
        with outage.lock:
            for key in keys:
                if len(outage.written) >= MAX_REMEMBERED_KEYS:
                    outage.forgotten = True
                    return
                outage.written.add((key, version))

    def _call(self, name, written, args, kwargs):
        if self._redis_ready():
            try:
                return getattr(DjangoRedisCache, name)(self, *args, **kwargs)
            except UNREACHABLE as error:
                self._went_away(error)
        kwargs.pop("client", None)
        if written is not None:
            self._remember(written, kwargs.get("version"))
        return getattr(self._memory, name)(*args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", None, args, kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", None, args, kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", None, args, kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", [_key_of(args, kwargs)], args, kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", [_key_of(args, kwargs)], args, kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", [_key_of(args, kwargs)], args, kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", [_key_of(args, kwargs)], args, kwargs)

    def decr(self, *args, **kwargs):
        return self._call("decr", [_key_of(args, kwargs)], args, kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", [_key_of(args, kwargs)], args, kwargs)

    def set_many(self, data, *args, **kwargs):
        return self._call("set_many", list(data), (data, *args), kwargs)

    def delete_many(self, keys, *args, **kwargs):
        keys = list(keys)
        return self._call("delete_many", keys, (keys, *args), kwargs)

    def clear(self):
        self._memory.clear()
        return self._call("clear", None, (), {})
