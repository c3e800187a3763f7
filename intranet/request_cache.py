"""The shared cache, read once per request.

Some entries of the shared cache (Redis in production) are read many times while
one page is built: the locales for every link to a page's other language, the
intranet homes for every audience check. Between Django's ``request_started`` and
``request_finished`` signals, ``get()`` remembers what the cache answered, so the
request asks it once; outside a request (management commands, tasks, the shell)
it asks every time. What the request itself writes or forgets through ``set()``
and ``delete()`` is seen by its next ``get()``.
"""

from contextvars import ContextVar

from django.core.cache import cache

_answers: ContextVar[dict | None] = ContextVar("intranet_request_cache", default=None)


def request_started(**kwargs) -> None:
    _answers.set({})


def request_finished(**kwargs) -> None:
    _answers.set(None)


def get(key: str):
    answers = _answers.get()
    if answers is None:
        return cache.get(key)
    if key not in answers:
        answers[key] = cache.get(key)
    return answers[key]


def set(key: str, value, timeout: int) -> None:  # noqa: A001 - the cache's own name
    cache.set(key, value, timeout)
    answers = _answers.get()
    if answers is not None:
        answers[key] = value


def delete(key: str) -> None:
    cache.delete(key)
    answers = _answers.get()
    if answers is not None:
        answers.pop(key, None)
