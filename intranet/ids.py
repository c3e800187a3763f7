"""Ids and numbers that arrive from outside: in an address, a form, a query string.

Python's ``int()`` takes more than the digits a browser sends: other scripts'
digits (``٣``), spaces, signs and underscores, and it refuses strings past its
conversion limit with a ``ValueError``; ``str.isdigit()`` passes ``²``, which
``int()`` then refuses. A number past a column's range makes the database fail
(SQLite's 64-bit integers, PostgreSQL's ``integer``). So every id and number the
intranet reads goes through ``parse_id`` or ``parse_number``: ASCII digits only,
no sign, no space, within what the column holds, and ``None`` for anything else,
which the caller answers with a 400 or a 404.

Addresses use the ``intranet_id`` path converter (``<intranet_id:pk>``), which
matches only such ids, so a hostile one is a 404 before any view runs; forms use
``IdField``.
"""

import re

from django import forms
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

# A primary key is a 64-bit column (BigAutoField) or a 32-bit one (Wagtail's pages).
BIGINT_MAX = 2**63 - 1
INT_MAX = 2**31 - 1

_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_number(value, *, minimum: int = 0, maximum: int = INT_MAX) -> int | None:
    """``value`` as a whole number from ``minimum`` to ``maximum``, or None when it
    is anything but a short string of ASCII digits in that range."""
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def parse_id(value, *, maximum: int = BIGINT_MAX) -> int | None:
    """``value`` as a database id (1 and up, fitting a 64-bit column), or None."""
    return parse_number(value, minimum=1, maximum=maximum)


class IdConverter:
    """``<intranet_id:pk>``: an id in an address, as ``parse_id`` reads it."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # the address does not match: a 404
        return number

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "intranet_id")


class IdField(forms.IntegerField):
    """A form's id: ASCII digits only, 1 and up, fitting a 64-bit column."""

    default_error_messages = {"invalid": _("This is not a valid id.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if parse_number(str(value), maximum=BIGINT_MAX) is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(value)
