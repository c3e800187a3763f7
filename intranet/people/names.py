"""Names that look alike, so no one can take a colleague's name.

``name_key`` is a name's *skeleton*, after Unicode's confusable detection
(UTS #39): two names with the same key look the same to a reader. It:

1. applies NFKC (full-width and styled letters become plain ones), drops accents
   and other combining marks, and drops invisible format characters (zero-width
   spaces and joiners, direction marks);
2. replaces each letter that has a Latin look-alike in Unicode's confusables data
   (``confusable_homoglyphs``: Cyrillic "а", Greek "Ο", …) with that letter;
3. ignores case, and treats a few Latin look-alikes as one: "I", "l", "1" and "|";
   "0" and "o"; "rn" and "m"; "vv" and "w";
4. keeps only letters and digits, so spaces and punctuation make no difference.

Profiles store the key of their display name and of their full name, indexed, so
a new display name is checked against everyone with one query.
"""

import unicodedata
from functools import lru_cache

from confusable_homoglyphs.confusables import confusables_data

__all__ = ["name_key"]

DROPPED_CATEGORIES = {"Mn", "Me", "Cf"}  # combining marks, invisible format
LATIN_LOOKALIKES = str.maketrans({"I": "l", "1": "l", "|": "l", "0": "o"})
SEQUENCES = (("rn", "m"), ("vv", "w"))


@lru_cache(maxsize=4096)
def _latin(char: str) -> str:
    if char.isascii():
        return char
    for homoglyph in confusables_data.get(char, ()):
        similar = homoglyph["c"]
        if len(similar) == 1 and similar.isascii() and similar.isalnum():
            return similar
    return char


def name_key(name: str) -> str:
    """The skeleton of ``name``: equal for names a reader cannot tell apart."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", name or ""))
    text = "".join(
        char for char in text if unicodedata.category(char) not in DROPPED_CATEGORIES
    )
    text = "".join(_latin(char) for char in text).translate(LATIN_LOOKALIKES)
    text = "".join(_latin(char) for char in text.casefold())
    text = text.translate(LATIN_LOOKALIKES)
    for sequence, lookalike in SEQUENCES:
        text = text.replace(sequence, lookalike)
    return "".join(char for char in text if char.isalnum())
