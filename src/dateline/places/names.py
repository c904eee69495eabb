"""Name folding: one key for the spellings of a place name.

"Khān Shaykhūn", "Khan Shaykhun" and "KHAN SHAYKHUN" share a key; so do "St. Louis" and
"Saint Louis", "Fort Worth" and "Ft. Worth". The same function builds the index and reads it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

# Words written in several ways in place names; every spelling folds to the first.
_WORD_FOLDS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft", "and": "and", "&": "and"}
_DROP = re.compile(r"[\u2019'`´.]")
_SPLIT = re.compile(r"[^0-9a-z]+")
# Latin letters with diacritics fold well; other scripts turn into guesses, so we keep them out of the index.
_LATIN_MAX = 0x24F

# Words that name the kind of an administrative area, stripped to find its bare name ("Idlib Governorate").
ADMIN_WORDS = ("governorate", "province", "county", "parish", "oblast", "region", "district", "state",
               "prefecture", "department", "municipality", "borough", "township", "canton", "krai", "raion",
               "rayon", "emirate", "territory", "division", "wilaya", "muhafazah")


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """The lookup key of a name: ASCII, lower case, punctuation dropped, common words unified."""
    text = unidecode(name).lower()
    text = _DROP.sub("", text.replace("&", " and "))
    words = [w for w in _SPLIT.split(text) if w]
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return " ".join(_WORD_FOLDS.get(w, w) for w in words)


def is_latin(name: str) -> bool:
    """True when every letter of the name is Latin (so folding keeps its meaning)."""
    return all(ord(ch) <= _LATIN_MAX for ch in name)


def strip_admin_word(key: str) -> tuple[str, str | None]:
    """("idlib governorate") -> ("idlib", "governorate"); a key without such a word comes back as is."""
    head, _, last = key.rpartition(" ")
    if head and last in ADMIN_WORDS:
        if head.endswith(" of") or head in ("the",):
            return key, None
        return head, last
    if key.startswith(("province of ", "state of ", "governorate of ", "county of ", "region of ")):
        word, _, rest = key.partition(" of ")
        return rest, word
    return key, None
