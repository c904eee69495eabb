"""Loading the event lexicon, the cue lists and the CAMEO crosswalk (data files in ``data/``).

The shipped files are read once per process. Users extend them with their own YAML files in the
same format, listed in the environment variable ``DATELINE_EVENTS_LEXICON`` (separated by the
path separator) or passed to :func:`load` directly; triggers are appended after the shipped ones
(an earlier entry wins for the same word, so put overrides in a file listed first with
``override: true``), cue lists are extended and mappings updated.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import yaml

from ..model import PLOVER_TYPES

DATA = Path(__file__).resolve().parent / "data"
ENV_VAR = "DATELINE_EVENTS_LEXICON"
# verb entries converted from PETRARCH2's CAMEO verb dictionary by build_verbs.py; loaded after the
# hand-written lexicon, so a hand entry wins for the same word
GENERATED = "lexicon_petrarch.json"


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry: which words code which PLOVER category, mode, CAMEO and ACLED type."""

    type: str
    mode: Optional[str]
    cameo: Optional[str]
    acled: Optional[tuple[str, str]]
    intensity: float
    objects: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    examples: tuple[str, ...] = ()
    note: str = ""
    generated: bool = False   # converted from PETRARCH2 (build_verbs.py): yields to written entries

    @property
    def conditional(self) -> bool:
        return bool(self.objects or self.preps)


@dataclass
class Lexicon:
    categories: dict[str, dict]
    # lemma (or "lemma particle") -> entries; conditional entries first, in file order
    verbs: dict[str, list[Trigger]] = field(default_factory=dict)
    # noun lemma or "modifier noun" -> entries
    nouns: dict[str, list[Trigger]] = field(default_factory=dict)
    entries: list[Trigger] = field(default_factory=list)
    cues: dict = field(default_factory=dict)
    cameo: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    _sets: dict = field(default_factory=dict, repr=False)
    # first word of every verb key and last word of every noun key: a cheap test before the lookups
    verb_heads: frozenset[str] = frozenset()
    noun_heads: frozenset[str] = frozenset()

    def cue_set(self, *path: str) -> frozenset[str]:
        """A cue list as a set, e.g. ``cue_set("modality", "threat_verbs")`` (cached: called per token)."""
        found = self._sets.get(path)
        if found is None:
            node = self.cues
            for key in path:
                node = node.get(key, {}) if isinstance(node, dict) else {}
            found = frozenset(str(x).lower() for x in node) if isinstance(node, list) else frozenset()
            self._sets[path] = found
        return found

    def polarity(self, plover: str) -> str:
        return self.categories.get(plover, {}).get("polarity", "neutral")

    def intensity(self, plover: str) -> float:
        return float(self.categories.get(plover, {}).get("intensity", 0.0))


class LexiconError(ValueError):
    pass


class _Loader(yaml.SafeLoader):
    """YAML without the 1.1 booleans on/off/yes/no: lexicons list the prepositions "on" and "off"."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read_yaml(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        # a .json lexicon (the generated one) has the same structure; json reads it 50x faster
        data = (json.load(fh) if path.suffix == ".json" else yaml.load(fh, Loader=_Loader)) or {}
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: the top level must be a mapping")
    return data


def read_crosswalk(path: Path = DATA / "cameo_plover.tsv") -> dict[str, tuple[str, str, str]]:
    """CAMEO code -> (PLOVER category, mode, context)."""
    table: dict[str, tuple[str, str, str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("cameo\t") or not line.strip():
                continue
            parts = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
            table[parts[0]] = (parts[1], parts[2], parts[3])
    return table


def _entry(raw: dict, categories: dict, where: str) -> Trigger:
    kind = str(raw.get("type", "")).upper()
    if kind not in PLOVER_TYPES:
        raise LexiconError(f"{where}: type {kind!r} is not a PLOVER category ({', '.join(PLOVER_TYPES)})")
    acled = raw.get("acled")
    if acled is not None and (not isinstance(acled, list) or len(acled) != 2):
        raise LexiconError(f"{where}: acled must be [event type, sub-event type] or null")
    intensity = raw.get("intensity", categories.get(kind, {}).get("intensity", 0.0))
    return Trigger(type=kind, mode=raw.get("mode") or None,
                   cameo=str(raw["cameo"]) if raw.get("cameo") is not None else None,
                   acled=tuple(acled) if acled else None, intensity=float(intensity),
                   objects=frozenset(str(o).lower() for o in raw.get("objects") or ()),
                   preps=frozenset(str(p).lower() for p in raw.get("preps") or ()),
                   examples=tuple(raw.get("examples") or ()), note=str(raw.get("note") or ""),
                   generated=bool(raw.get("generated")))


def _merge_cues(base: dict, layer: dict) -> None:
    for key, value in layer.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge_cues(base[key], value)
        elif isinstance(value, list) and isinstance(base.get(key), list):
            base[key] = base[key] + [v for v in value if v not in base[key]]
        else:
            base[key] = value


def build(lexicon_files: Iterable[Path], cue_files: Iterable[Path]) -> Lexicon:
    categories: dict[str, dict] = {}
    raw_entries: list[tuple[dict, str]] = []
    for path in lexicon_files:
        data = _read_yaml(Path(path))
        categories.update(data.get("categories") or {})
        generated = bool(data.get("generated"))
        entries = [({**e, "generated": generated} if generated else e, f"{path} trigger {i + 1}")
                   for i, e in enumerate(data.get("triggers") or [])]
        raw_entries = entries + raw_entries if data.get("override") else raw_entries + entries
    cues: dict = {}
    for path in cue_files:
        _merge_cues(cues, _read_yaml(Path(path)))
    lex = Lexicon(categories=categories, cues=cues, cameo=read_crosswalk())
    for raw, where in raw_entries:
        entry = _entry(raw, categories, where)
        lex.entries.append(entry)
        for table, words in ((lex.verbs, raw.get("verbs") or ()), (lex.nouns, raw.get("nouns") or ())):
            for word in words:
                table.setdefault(" ".join(str(word).lower().split()), []).append(entry)
    lex.verb_heads = frozenset(k.split()[0] for k in lex.verbs)
    lex.noun_heads = frozenset(k.split()[-1] for k in lex.nouns)
    # conditional entries are tried first; among equals, file order decides. Entries of a generated
    # file come after every written one for the same key: the written lexicon knows "arrest" is COERCE
    # whatever PETRARCH2 says of "arrest protesters"; generated entries fill in the verbs and
    # conditions it lacks.
    for table in (lex.verbs, lex.nouns):
        for key, entries in table.items():
            table[key] = sorted(entries, key=lambda e: (e.generated, not e.conditional))
    return lex


def user_files() -> list[Path]:
    value = os.environ.get(ENV_VAR, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


@functools.lru_cache(maxsize=4)
def _cached(extra: tuple[str, ...]) -> Lexicon:
    extra_paths = [Path(p) for p in extra]
    lex_files = [DATA / "lexicon.yaml", DATA / GENERATED] + [p for p in extra_paths if _read_yaml(p).get("triggers") is not None
                                           or _read_yaml(p).get("categories") is not None]
    cue_files = [DATA / "cues.yaml"] + [p for p in extra_paths if p not in lex_files]
    return build(lex_files, cue_files)


def load(extra: Optional[Iterable[str | Path]] = None) -> Lexicon:
    """The shipped lexicon plus the user's files (``extra`` or ``$DATELINE_EVENTS_LEXICON``), cached."""
    paths = [str(p) for p in (extra if extra is not None else user_files())]
    return _cached(tuple(paths))
