"""Search results: a short excerpt, and the searched words marked in it.

Both filters take the search terms as one string of words (``intranet.search``
keeps only letters, digits and underscores). Text is always escaped here, piece by
piece, before any ``<mark>`` goes in, so a title holding markup comes out as text.
"""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

EXCERPT_WORDS = 30
WORDS_BEFORE_MATCH = 5


def terms_pattern(terms: str) -> re.Pattern | None:
    """Words that start with one of the terms; the terms are escaped, never syntax."""
    words = sorted(set(str(terms or "").lower().split()), key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)


@register.filter
def search_excerpt(text, terms: str = "") -> str:
    """About thirty words of ``text``: its start, or the stretch around the first
    searched word when that word comes later."""
    words = str(text or "").split()
    if len(words) <= EXCERPT_WORDS:
        return " ".join(words)
    start = 0
    pattern = terms_pattern(terms)
    if pattern:
        first = next((n for n, word in enumerate(words) if pattern.search(word)), None)
        if first is not None and first >= EXCERPT_WORDS:
            start = first - WORDS_BEFORE_MATCH
    excerpt = " ".join(words[start : start + EXCERPT_WORDS])
    if start:
        excerpt = "… " + excerpt
    if start + EXCERPT_WORDS < len(words):
        excerpt += " …"
    return excerpt


@register.filter
def highlight(text, terms: str = ""):
    """``text`` escaped, with each searched word in ``<mark>``."""
    text = str(text or "")
    pattern = terms_pattern(terms)
    if not pattern:
        return escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above
