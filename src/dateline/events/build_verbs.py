"""Build the generated verb lexicon ``data/lexicon_petrarch.json`` from PETRARCH2's CAMEO verb dictionary.

Run ``python -m dateline.events.build_verbs [--petrarch DIR]``. It reads ``CAMEO.2.0.txt`` from the
PETRARCH2 dictionaries (MIT licence, Open Event Data Alliance; by default
``../shared/data/actors/petrarch2-dictionaries``), keeps the facts "this verb, with this object or
preposition, is CAMEO code N", maps each code to PLOVER with the project's crosswalk
(``data/cameo_plover.tsv``) and writes them in the lexicon's own format, as JSON (the same structure
as a YAML lexicon; JSON because the pure-Python YAML parser takes seconds on a file this size). No comments or
descriptions from the dictionary are copied. When the dictionary is absent the committed file is kept.

What is kept, and why:

* a verb's own code, else its block's code: an unconditional entry ("condemn" -> 111 -> ACCUSE),
  except that a block's "not specified" root code (060, 190, ...) goes only to the verb the block is
  named after, not to its WordNet synonyms ("control" beside "oversee" is no cooperation);
* a pattern ``* OBJECT`` / ``* {PHRASE}`` / ``* &SET`` / ``* (PREP OBJECT)`` / ``* PARTICLE OBJECT``
  with one object: a conditional entry on the object's head noun (and the preposition);
* a pattern ``* (PREP)`` or a multi-word verb (``ASK_FOR``): an entry conditioned on the preposition.

Patterns with words before the verb (subject conditions) and with two or more objects are left
out: the lexicon's conditions test one object. Statements (CAMEO 01) have no PLOVER category;
appeals (CAMEO 02) are coded REQUEST, since PLOVER folds CAMEO's appeals and demands into one
category. Verbs that carry no event by themselves in ordinary news prose (``GENERIC_VERBS``) get
conditional entries only.

The hand-written ``lexicon.yaml`` is loaded first, so its entries win for the same key.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import OrderedDict
from pathlib import Path
from typing import Optional

import yaml

from .lexicon import DATA, read_crosswalk

DEFAULT_DIR = Path("../shared/data/actors/petrarch2-dictionaries")
OUT = DATA / "lexicon_petrarch.json"
PARTICLES = {"up", "down", "off", "out", "back", "away", "over", "in", "on", "aside", "forward", "through",
             "around", "along", "apart", "together"}
PREPOSITIONS = {"to", "for", "with", "against", "from", "into", "at", "by", "of", "about", "on", "in", "over",
                "toward", "towards", "across", "under", "upon", "behind", "between", "among", "within",
                "without", "before", "after", "near", "through", "along", "onto", "outside", "inside", "around"}
# Verbs of very general meaning: in news prose they rarely name an event without their object
# ("need", "want", "take", "give", "make"); an unconditional entry for them would code most
# sentences. Their object patterns are still used.
GENERIC_VERBS = {"be", "have", "do", "make", "take", "give", "get", "go", "come", "put", "set", "keep", "let",
                 "need", "want", "see", "look", "seem", "appear", "find", "bring", "hold", "leave", "turn",
                 "run", "move", "call", "say", "tell", "show", "use", "work", "try", "play", "stand", "send",
                 "carry", "meet", "open", "close", "end", "start", "begin", "continue", "remain", "stay",
                 "return", "receive", "follow", "reach", "raise", "lead", "pass", "place", "post", "base",
                 "position", "stage", "station", "form", "change", "add", "include", "push", "press",
                 "state", "note", "mark", "face", "handle", "deal", "treat", "cover", "lift", "drop", "pull",
                 "break", "cut", "hit", "strike", "fire", "charge", "claim", "order", "ask", "expect", "plan",
                 "agree", "accept", "release", "free", "back", "support", "host", "visit", "welcome",
                 "arrive", "join", "express", "voice", "issue", "sign", "approve", "announce", "declare",
                 "report", "comment", "reply", "respond", "answer", "urge", "demand", "warn", "threaten",
                 "accord", "decide", "determine", "try", "attempt", "manage", "help"}
# The written lexicon's documented deviations from the crosswalk (docs/events.md, "CAMEO"), applied
# here too so one code means one category: 163 impose sanctions is SANCTION; 1712 destroy property
# and 175 repression without reported harm are COERCE.
DEVIATIONS = {"163": "SANCTION", "1712": "COERCE", "175": "COERCE"}
# Codes whose PLOVER row the crosswalk lacks: CAMEO 02 "appeal" is REQUEST in PLOVER.
ROOT_FALLBACK = {"02": ("REQUEST", "", "")}


ONLY_ORIGINAL = False


def _cue_words() -> set[str]:
    """Verbs the cue lists give another job: modality governors ("decide", "prepare", "seek"),
    light verbs and verbs of saying carry no event of their own in dateline."""
    cues = yaml.safe_load((DATA / "cues.yaml").read_text(encoding="utf-8")) or {}
    mod = cues.get("modality", {})
    words = set()
    for lst in (cues.get("light_verbs"), cues.get("reporting_verbs"), mod.get("future_verbs"),
                mod.get("negating_verbs"), mod.get("hypothetical_modals")):
        words.update(str(w).lower() for w in lst or ())
    return words


def _light_verbs() -> set[str]:
    cues = yaml.safe_load((DATA / "cues.yaml").read_text(encoding="utf-8")) or {}
    return {str(w).lower() for w in cues.get("light_verbs") or ()}


def _hand_nouns() -> set[str]:
    data = yaml.load((DATA / "lexicon.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    return {str(n).lower().split()[-1] for e in data.get("triggers") or () for n in e.get("nouns") or ()}


def plover_for(code: str, crosswalk: dict) -> Optional[tuple[str, str, str]]:
    """The crosswalk row for a CAMEO code, trying the code and then its shorter parents."""
    code = code.strip()
    for n in range(len(code), 1, -1):
        row = crosswalk.get(code[:n])
        if row is not None and row[0]:
            return row
    return ROOT_FALLBACK.get(code[:2])


def _clean(word: str) -> str:
    return re.sub(r"[^a-z\- ]", "", word.lower().replace("_", " ")).strip()


def _singulars(w: str) -> list[str]:
    out = [w]
    if w.endswith("ies") and len(w) > 4:
        out.append(w[:-3] + "y")
    elif w.endswith(("ches", "shes", "sses", "xes")):
        out.append(w[:-2])
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        out.append(w[:-1])
    return out


def _noun_forms(word: str) -> list[str]:
    """A phrase as the parser shows an object: its head lemma ("sanctions" -> "sanction"), or for a
    two-or-more-word phrase "modifier head" ("nuclear program"), which detect matches against the
    object's compound or adjective; "A/B" alternatives give both."""
    out: list[str] = []
    for alt in word.split("/"):
        w = _clean(alt).split()
        if not w:
            continue
        if len(w) == 1:
            out += _singulars(w[0])
        else:
            out += [f"{w[-2]} {h}" for h in _singulars(w[-1])]
    return out


def read_dictionary(path: Path):
    """Synonym sets and verb blocks: ({set: [words]}, [(block code, [(verb, own code)], [(pattern, code)])])."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    sets: dict[str, list[str]] = {}
    blocks = []
    section = None
    current_set = None
    block = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        comment = raw.split("#", 1)[1].split() if "#" in raw else []
        if raw.startswith("####### SYNONYM SETS"):
            section = "sets"
            continue
        if raw.startswith("####### VERB PATTERNS"):
            section = "verbs"
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        if not line.strip():
            continue
        if section == "sets":
            if line.startswith("&"):
                current_set = line.strip().rstrip("_")
                sets[current_set] = []
            elif line.startswith("+") and current_set:
                word = re.sub(r"\{.*?\}", "", line[1:]).strip().rstrip("_")
                if word:
                    sets[current_set].append(word)
        elif section == "verbs":
            m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
            if m:
                block = (m.group(2).strip(), [], [], _clean(m.group(1).split("_")[0]))
                blocks.append(block)
                continue
            if block is None:
                continue
            if line.startswith("-"):
                m = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]\s*$", line)
                if m:
                    # the comment names the verb the pattern was written for ("# RUSH")
                    origin = comment[0].strip("+").lower() if comment else ""
                    block[2].append((m.group(1), m.group(2).strip(), origin))
                continue
            text = re.sub(r"\{.*?\}", "", line).strip()
            own = None
            m = re.search(r"\[([^\]]*)\]", text)
            if m:
                own = m.group(1).strip()
                text = text[:m.start()].strip()
            if text:
                block[1].append((text.split()[0], own))
    return sets, blocks


def _unspecified(code: Optional[str]) -> bool:
    """A root code "not specified below" (040, 060, 110, 190, ...): CAMEO's fallback for its category.

    A block filed under such a code is a WordNet synonym set the dictionary only knows to take part in
    the category, mostly with the right object ("oversee, control, govern, lead" under 060 material
    cooperation; "consider, ponder, travel" under 040 consult; "argue, compete, weep" under 110
    disapprove): the code is not the synonyms' own sense ("a city controlled by an armed group" is no
    cooperation), so only the verb the block is named after keeps it without a condition; the
    synonyms keep their own codes and their patterns. Measured: PLOVER event-type macro F1 0.744 ->
    0.756 (all), 0.608 -> 0.624 (odd); re3d pair F1 (even) 0.456 -> 0.464."""
    return bool(code) and len(code) == 3 and code.endswith("0")


def _code(spec: str) -> Optional[str]:
    """ "042:043" -> "042" (the source's event), ":173" -> "173", "---" -> None."""
    for part in spec.split(":"):
        part = part.strip()
        if part and part != "---" and part.isdigit():
            return part
    return None


def _tokens(pattern: str) -> list[str]:
    return re.findall(r"\{[^}]*\}|\([^)]*\)|\S+", pattern)


def _verb_key(word: str) -> tuple[str, set[str], set[str]]:
    """ "+ASK_FOR" -> ("ask", preps {"for"}, objects {}); "SEEM_CONFIDENT" -> ("seem", {}, {"confident"})."""
    parts = [p for p in word.split("_") if p]
    verb = next((p for p in parts if p.startswith("+")), parts[0] if parts else "")
    rest = [_clean(p) for p in parts if p is not verb]
    verb = _clean(verb)
    preps = {r for r in rest if r in PARTICLES or r in PREPOSITIONS}
    objects = {f for r in rest if r and r not in preps and r != "re" for f in _noun_forms(r)}
    return verb, preps, objects


def _pattern_condition(pattern: str, sets: dict) -> Optional[tuple[set[str], set[str]]]:
    """(objects, preps) for a pattern the lexicon can express, else None."""
    toks = _tokens(pattern)
    if "*" not in toks:
        return None
    star = toks.index("*")
    if any(t not in ("$", "+", "^", "%") for t in toks[:star]):
        return None   # a condition on the subject: not expressible
    post = [t for t in toks[star + 1:] if t not in ("$", "+", "^", "%")]
    preps: set[str] = set()
    objects: set[str] = set()
    n_objects = 0
    for i, t in enumerate(post):
        if t.startswith("("):
            inner = [x for x in _tokens(t.strip("()")) if x not in ("$", "+", "^", "%")]
            if not inner:
                continue
            prep = _clean(inner[0].split("/")[0])
            if prep not in PREPOSITIONS and prep not in PARTICLES:
                return None
            preps.add(prep)
            if len(inner) > 1:
                n_objects += 1
                heads = _element_heads(inner[1], sets)
                if not heads:
                    return None   # an unknown set or a form the lexicon cannot test
                objects.update(heads)
            if len(inner) > 2:
                return None
        elif i == 0 and _clean(t) in PARTICLES:
            preps.add(_clean(t))
        else:
            n_objects += 1
            heads = _element_heads(t, sets)
            if not heads:
                return None
            objects.update(heads)
    if n_objects > 1 or (not objects and not preps):
        return None
    return objects, preps


def _element_heads(t: str, sets: dict) -> set[str]:
    t = t.strip()
    if t.startswith("&"):
        return {f for w in sets.get(t.rstrip("_"), []) for f in _noun_forms(w)}
    if t.startswith("{"):
        return set(_noun_forms(t.strip("{}")))
    if re.fullmatch(r"[A-Z][A-Z\-_'/]*", t.rstrip("_")):
        return set(_noun_forms(t))
    return set()


def build_entries(sets: dict, blocks: list, crosswalk: dict) -> list[dict]:
    """Entries in the lexicon's format, grouped by (code, condition) so the file stays readable."""
    grouped: "OrderedDict[tuple, dict]" = OrderedDict()

    light = _light_verbs()
    hand_nouns = _hand_nouns()

    def add(verb: str, code: Optional[str], objects: set[str], preps: set[str]) -> None:
        if not code or not verb:
            return
        if verb in light and objects:
            # "launched an offensive", "held talks": the written lexicon codes the event noun and
            # passes the light verb's subject to it; only objects it does not know are kept
            objects = {o for o in objects if o.split()[-1] not in hand_nouns}
            if not objects:
                return
        row = plover_for(code, crosswalk)
        if row is None:
            return
        # a code finer than the crosswalk's rows is kept as its listed parent
        code = next((code[:n] for n in range(len(code), 1, -1) if code[:n] in crosswalk), code)
        plover, mode, _ = row
        if code in DEVIATIONS:
            plover, mode = DEVIATIONS[code], None
        key = (plover, mode, code, tuple(sorted(objects)), tuple(sorted(preps)))
        entry = grouped.setdefault(key, {"type": plover, "mode": mode or None, "cameo": code,
                                          "verbs": [], "objects": sorted(objects), "preps": sorted(preps)})
        if code in DEVIATIONS:
            entry["note"] = "dateline's deviation from the crosswalk (docs/events.md)"
        if verb not in entry["verbs"]:
            entry["verbs"].append(verb)

    # a verb listed with codes of different PLOVER categories in different blocks (WordNet put
    # "dominate" with both "defeat" and "overshadow") gets no unconditional entry: it is ambiguous
    senses: dict[str, set[str]] = {}
    for block_code, verbs, _, _ in blocks:
        for word, own in verbs:
            verb, preps, objects = _verb_key(word)
            code = _code(own) if own is not None else _code(block_code)
            row = plover_for(code, crosswalk) if code else None
            if row and not preps and not objects:
                senses.setdefault(verb, set()).add(row[0])
    # verbs named in a pattern's comment, or heading a block, come from the original CAMEO verb file;
    # the others were added as WordNet synonyms ("enhance" beside "boost", "dominate" beside
    # "defeat"), often of another sense, and are kept only when ONLY_ORIGINAL is off
    original = {primary for _, _, _, primary in blocks}
    for _, _, patterns, _ in blocks:
        original.update(_clean(origin.split("_")[0]) for _, _, origin in patterns)
    skip = _cue_words()
    for block_code, verbs, patterns, primary in blocks:
        default = _code(block_code)
        keys = []
        for word, own in verbs:
            verb, preps, objects = _verb_key(word)
            if not verb or " " in verb:
                continue
            keys.append((verb, preps, objects))
            code = _code(own) if own is not None else default
            if preps or objects:
                add(verb, code, objects, preps)
            elif verb not in GENERIC_VERBS and verb not in skip and len(senses.get(verb, ())) == 1 \
                    and (own is not None or verb in original or not ONLY_ORIGINAL) \
                    and (own is not None or verb == primary or not _unspecified(code)):
                add(verb, code, set(), set())
        for pattern, spec, origin in patterns:
            cond = _pattern_condition(pattern, sets)
            if cond is None:
                continue
            objects, preps = cond
            # a pattern applies to the verb it was written for when the comment names one of the
            # block's verbs: the block's other verbs are WordNet synonyms, often of another sense
            # ("# KILLED_AND" names "kill"); else the block's own verb, the one it is named after
            word = _clean(origin.split("_")[0])
            named = [k for k in keys if k[0] == word] or \
                [k for k in keys if len(k[0]) >= 3 and word.startswith(k[0])] or \
                [k for k in keys if k[0] == primary] or keys[:1]
            for verb, vpreps, vobjects in named:
                if vobjects:
                    continue
                add(verb, _code(spec), objects, preps | vpreps)
    out = []
    for entry in grouped.values():
        if not entry["objects"]:
            del entry["objects"]
        if not entry["preps"]:
            del entry["preps"]
        out.append(entry)
    # conditional entries first, then by CAMEO code: a stable, reviewable order
    out.sort(key=lambda e: (not (e.get("objects") or e.get("preps")), e["cameo"], e["verbs"][0]))
    return out


ABOUT = ("GENERATED by `python -m dateline.events.build_verbs` -- do not edit; put corrections in lexicon.yaml "
         "(loaded first, so its entries win for the same word) or in a user lexicon. Verb -> CAMEO facts converted "
         "from PETRARCH2's verb dictionary CAMEO.2.0.txt (github.com/openeventdata/petrarch2, commit 676801cd; MIT "
         "licence, Copyright (c) 2015 Open Event Data Alliance), mapped to PLOVER with data/cameo_plover.tsv. Only "
         "verbs, objects, prepositions and codes are kept; see src/dateline/events/build_verbs.py.")


def build(petrarch_dir: Path = DEFAULT_DIR, out: Path = OUT) -> int:
    source = petrarch_dir / "CAMEO.2.0.txt"
    if not source.exists():
        print(f"{source} not found; keeping the committed {out.name}", file=sys.stderr)
        return 0
    sets, blocks = read_dictionary(source)
    entries = build_entries(sets, blocks, read_crosswalk())
    # one entry per line: deterministic and readable in a diff
    lines = ",\n".join("  " + json.dumps(e, ensure_ascii=False, separators=(", ", ": ")) for e in entries)
    out.write_text(f'{{"about": {json.dumps(ABOUT)},\n "generated": true,\n "triggers": [\n{lines}\n]}}\n',
                   encoding="utf-8")
    return len(entries)


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--petrarch", type=Path, default=DEFAULT_DIR, help="PETRARCH2 dictionaries folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    n = build(args.petrarch, args.out)
    print(f"wrote {n} entries to {args.out}")


if __name__ == "__main__":
    main()
