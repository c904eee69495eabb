"""Resolution rules: from a parsed spaCy Doc to actor drafts (compute only; stage.py writes them).

The rules, in the order they run (docs/actors.md explains each):

1. phrase matching of KB names, country names, demonyms and capitals on normalised tokens;
2. named units: NER entities (PERSON, ORG, NORP, GPE, FAC, LOC) joined with the matches;
3. role noun phrases ("Russian warplanes", "the regime", "pro-Assad activists"), with their
   country from a modifier, a possessor, an "of" phrase or the article's context;
4. people: KB names valid on the publication date, titles ("Kenyan Foreign Minister X") and
   appositives ("X, the Kenyan foreign minister"), surnames that refer back to a full name;
5. metonymy: a country, capital or seat of power is an actor as subject or object, a place after
   "in", "at", "near" ...;
6. pronouns (he, she) and role nominals ("the president") that refer back to a person.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from .kb import KB, Entity, norm, role_at

ENT_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"}
# Prepositions after which a country or capital is a place, not an actor ("fighting in Damascus").
PLACE_PREPS = {"in", "at", "inside", "across", "throughout", "near", "around", "into", "within", "outside",
               "through", "over", "from", "via", "along", "beyond", "toward", "towards", "north", "south",
               "east", "west", "of", "on", "off", "onto", "under", "between"}
# Prepositions after which a capital or seat still acts ("talks with Damascus", "pressure by Ankara").
ACTOR_PREPS = {"by", "with", "against", "between", "among", "for"}
MOTION_VERBS = {"go", "send", "return", "travel", "deploy", "flee", "move", "arrive", "head", "come", "fly",
                "export", "import", "deport", "extradite", "migrate", "escape", "bring", "ship", "visit"}
SUBJ_OBJ = {"nsubj", "nsubjpass", "dobj", "dative", "agent", "poss", "attr", "appos", "ROOT", "oprd", "csubj"}
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod"}
# Heads so general that a modifier's sector wins ("military officials" -> MIL, "rebel forces" -> REB).
GENERIC_HEADS = {"official", "officials", "force", "forces", "troop", "troops", "unit", "leader", "member",
                 "spokesman", "spokeswoman", "spokesperson", "commander", "delegation", "group", "source",
                 "representative", "fighter", "fighters", "leadership", "soldier", "soldiers", "personnel"}
FORMER = {"former", "ex", "ex-", "then", "erstwhile", "retired", "onetime", "one-time", "late"}
PRONOUNS = {"he", "she", "him"}
NOT_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "GPE", "LOC", "FAC"}
# Words at the start of a PERSON entity that are a title, not a name ("President Putin").
TITLE_WORDS = {"president", "prime", "minister", "foreign", "secretary", "general", "king", "queen", "prince",
               "sheikh", "gen.", "gen", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen.", "senator",
               "chancellor", "emir", "ayatollah", "colonel", "col.", "lt.", "major", "commander", "defence",
               "defense", "interior", "vice", "deputy", "chief", "premier", "ambassador", "envoy", "pope",
               "sultan", "crown", "state", "supreme", "leader", "marshal", "field", "admiral", "rep.", "gov."}


class _Tokens:
    """doc[i], made once per index and kept."""

    __slots__ = ("doc", "cache", "n")

    def __init__(self, doc):
        self.doc, self.cache, self.n = doc, {}, len(doc)

    def __getitem__(self, i: int):
        tok = self.cache.get(i)
        if tok is None:
            tok = self.cache[i] = self.doc[i]
        return tok

    def __len__(self) -> int:
        return self.n


def _pos_names() -> dict[int, str]:
    from spacy import symbols

    return {getattr(symbols, n): n for n in ("NOUN", "PROPN", "PRON", "ADJ", "VERB", "DET", "ADP", "NUM")}


POS_NAMES = _pos_names()


@dataclass
class Draft:
    """An actor before it is written to the record: token span and resolved fields."""

    start: int  # token index
    end: int
    head: int
    name: Optional[str] = None
    country: Optional[str] = None
    sector: Optional[str] = None
    kb_id: Optional[str] = None
    score: float = 0.0
    reason: str = ""
    kind: str = "named"  # named | person | nominal | pronoun
    coref: Optional[int] = None  # index of the draft this one refers back to
    office: Optional[str] = None
    title_heads: tuple[str, ...] = ()
    surname: Optional[str] = None


@dataclass
class Match:
    start: int
    end: int
    key: str
    entities: list = field(default_factory=list)  # [[kb_id, exact]]
    demonym: Optional[str] = None
    capital: Optional[str] = None
    inner: list = field(default_factory=list)  # matches inside a longer NER entity


@dataclass
class Context:
    """What the rules share for one document."""

    doc: object
    kb: KB
    date: Optional[dt.date]
    ntok: list[str]
    matches: dict[int, Match]  # token index -> the match covering it
    places: list[tuple[int, str]] = field(default_factory=list)  # (char offset, ISO3) of places named
    place_counts: Counter = field(default_factory=Counter)
    mentions: list[tuple[int, str]] = field(default_factory=list)  # (char offset, ISO3) of any country named
    owner: dict[int, int] = field(default_factory=dict)  # token index -> index of the named draft on it
    place_at: dict[int, str] = field(default_factory=dict)
    place_spans: frozenset = frozenset()  # (start, end) characters of places the places stage resolved
    toks: list = field(default_factory=list)
    pos: list = field(default_factory=list)
    role_last: frozenset = frozenset()  # last words of the role phrases
    sent_bounds: list = field(default_factory=list)
    sent_starts_cache: list = field(default_factory=list)


# --- 1. phrase matching -----------------------------------------------------------------------------

def match_phrases(doc, kb: KB, ntok: list[str], toks: Optional[list] = None, text: Optional[str] = None) -> list[Match]:
    """Longest KB, country, demonym and capital names, left to right, on normalised tokens."""
    toks = toks if toks is not None else _Tokens(doc)
    text = text if text is not None else doc.text  # Doc.text joins every token on each call
    out: list[Match] = []
    i, n = 0, len(toks)
    while i < n:
        cands = kb.first.get(ntok[i])
        found = None
        if cands:
            for length, key in cands:
                if i + length > n:
                    continue
                if length > 1 and " ".join(ntok[i:i + length]) != key:
                    continue
                m = _accept(text, toks, kb, i, i + length, key)
                if m is not None:
                    found = m
                    break
        if found is not None:
            out.append(found)
            i = found.end
        else:
            i += 1
    return out


def _accept(doc_text: str, toks: list, kb: KB, start: int, end: int, key: str) -> Optional[Match]:
    first = toks[start]
    last = toks[end - 1]
    text = doc_text[first.idx:last.idx + len(last.text)]
    ents = kb.aliases.get(key) or []
    # Acronyms (IS, WHO, AA) only in capitals; other one-word names only capitalised.
    ents = [e for e in ents if (not e[1] or text.replace(" ", "") == e[1].replace(" ", ""))]
    capitalised = first.text[:1].isupper()
    if end - start == 1 and not capitalised:
        return None
    if end - start > 1 and not capitalised and not first.lower_ in ("al", "el", "ad", "as"):
        if not any(c.isupper() for c in text):
            return None
    dem = kb.demonyms.get(key)
    cap = kb.capitals.get(key)
    if not ents and not dem and not cap:
        return None
    if end - start == 1 and first.is_sent_start and not ents and dem is None and first.pos_ not in ("PROPN",):
        return None
    return Match(start, end, key, ents, dem, cap)


# --- helpers ---------------------------------------------------------------------------------------

def _pick_entity(ctx: Context, entries: list, label: Optional[str]) -> Optional[Entity]:
    """Of several KB entries for one name, the one valid on the date, own data first, by NER label."""
    cands = [e for e in (ctx.kb.entity(x[0]) for x in entries) if e is not None]
    if not cands:
        return None
    want = {"PERSON": "p", "ORG": "o", "GPE": "c", "NORP": "c"}.get(label or "")

    def rank(ent: Entity):
        role, status = role_at(ent, ctx.date)
        return (status not in ("current", "undated", "no-date"), want is not None and ent.type != want,
                not ent.own, ent.type == "o" and ent.kb_id.startswith("pp:"))

    return min(cands, key=rank)


def _role_lookup(kb: KB, words: list[str]) -> Optional[tuple[str, list]]:
    """The longest role phrase that ends the word list ("foreign minister", "forces")."""
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        phrase = " ".join(words[-n:])
        for cand in (phrase, _singular(phrase)):
            if cand in kb.roles:
                return cand, kb.roles[cand]
    return None


_ROLE_LAST: dict[int, frozenset] = {}


def _role_last_words(kb: KB) -> frozenset:
    key = id(kb.roles)
    if key not in _ROLE_LAST:
        _ROLE_LAST[key] = frozenset(p.split(" ")[-1] for p in kb.roles)
    return _ROLE_LAST[key]


def _singular(phrase: str) -> str:
    if phrase.endswith("ies"):
        return phrase[:-3] + "y"
    if phrase.endswith(("ches", "shes", "sses")):
        return phrase[:-2]
    if phrase.endswith("men"):
        return phrase[:-3] + "man"
    if phrase.endswith("s") and not phrase.endswith("ss"):
        return phrase[:-1]
    return phrase


def _head_words(doc, tok) -> list[str]:
    """The head noun with the compounds right before it, lower-cased: "air force" -> ["air", "force"]."""
    words = [tok.lower_]
    j = tok.i - 1
    while j >= 0 and len(words) < 3:
        prev = doc[j]
        if prev.dep_ not in ("compound", "amod") or prev.head.i not in (tok.i, j + 1):
            break
        words.insert(0, prev.lower_)
        j -= 1
    return words


def _country_of_entity(ent: Entity, ctx: Context) -> tuple[Optional[str], Optional[str], str]:
    role, status = role_at(ent, ctx.date)
    country = (role.country if role and role.country else None) or ent.country
    sector = role.sector if role else ent.sector
    return country, sector, status


def _is_place_position(tok) -> bool:
    """Is the token a place in its clause (object of "in", "at" ..., or a locative modifier)?"""
    t = tok
    while t.dep_ in ("conj", "appos") and t.head.i != t.i:
        t = t.head  # "in Anbar, Iraq": the appositive of a place is a place
    if t.dep_ == "pobj":
        prep = t.head.lower_
        if prep in ACTOR_PREPS:
            return False
        if prep == "to":
            verb = t.head.head
            return verb.lemma_.lower() in MOTION_VERBS
        return prep in PLACE_PREPS
    if t.dep_ == "dobj" and t.head.lemma_.lower() in ("visit", "tour", "enter", "leave", "reach", "cross"):
        return True
    return False


def _acts(tok) -> bool:
    """Is the token an agent or patient (subject, object, possessor), not a place or a modifier?"""
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ in SUBJ_OBJ:
        return True
    if t.dep_ == "pobj":
        return t.head.lower_ in ACTOR_PREPS or (t.head.lower_ == "to" and not _is_place_position(t))
    return False


# --- 2-5. the rules --------------------------------------------------------------------------------

def resolve(doc, kb: KB, date: Optional[dt.date], places: list[tuple[int, str]] = (),
            place_spans: frozenset = frozenset(), text: Optional[str] = None) -> list[Draft]:
    """Actor drafts for one Doc; ``text`` is the Doc's text when the caller has it (saves a join)."""
    # Token texts and tags come from one array; Token objects are made only where a rule looks closer
    # (doc[i] makes a new object on every call, and making one per token costs more than the rules).
    from spacy.attrs import IDX, LENGTH, POS

    text = text if text is not None else doc.text
    arr = doc.to_array([IDX, LENGTH, POS]).tolist()
    ntok = [norm(text[a:a + n]) for a, n, _ in arr]
    toks = _Tokens(doc)
    matches = match_phrases(doc, kb, ntok, toks, text)
    by_tok: dict[int, Match] = {}
    for m in matches:
        for i in range(m.start, m.end):
            by_tok[i] = m
    ctx = Context(doc, kb, date, ntok, by_tok, list(places))
    ctx.toks = toks
    ctx.pos = [POS_NAMES.get(p, "") for _, _, p in arr]
    ctx.role_last = _role_last_words(kb)
    ctx.place_spans = place_spans
    drafts: list[Draft] = []
    used: set[int] = set()  # tokens already inside an actor

    units = _named_units(doc, matches, by_tok)
    absorbed = _absorbed_by_roles(doc, kb, units, by_tok)
    # Countries and capitals named as places give the context country of nominals.
    for (start, end, label, m) in units:
        iso = _unit_country(kb, m)
        root = doc[start:end].root
        if iso and (_is_place_position(root) or (label in ("GPE", "LOC") and not _acts(root))):
            ctx.places.append((doc[start].idx, iso))
        if m is not None:
            iso = iso or m.demonym or next((e[0][2:] for e in m.entities if e[0].startswith("c:")), None)
            if iso:
                ctx.mentions.append((doc[start].idx, iso))
    ctx.places.sort()
    ctx.place_counts = Counter(iso for _, iso in ctx.places)
    ctx.place_at = dict(ctx.places)

    persons: list[int] = []  # draft indices of people, in text order
    for (start, end, label, m) in units:
        if start in absorbed:
            continue
        d = _resolve_unit(ctx, start, end, label, m, drafts, persons)
        if d is not None and d.kind == "named" and d.start > 0 and doc[d.start - 1].lower_ == "the" \
                and d.start <= doc[d.start - 1].head.i < d.end:
            d.start -= 1  # "the United Nations", "the Kremlin": the article belongs to the name
        if d is not None:
            drafts.append(d)
            used.update(range(d.start, d.end))
            if d.kind == "person":
                persons.append(len(drafts) - 1)

    _untagged_surnames(ctx, drafts, persons, used)
    for idx, d in enumerate(drafts):
        for i in range(d.start, d.end):
            ctx.owner[i] = idx
    # A place inside an actor ("Moscow said") or a demonym ("Russian") is no context place.
    demonym_chars = {doc[m.start].idx for m in matches if m.demonym}
    actor_chars = {doc[i].idx for i in ctx.owner}
    ctx.places = [(off, iso) for off, iso in ctx.places if off not in demonym_chars and off not in actor_chars]
    ctx.place_counts = Counter(iso for _, iso in ctx.places)
    ctx.place_at = dict(ctx.places)
    for d in _role_phrases(ctx, used, drafts, persons):
        drafts.append(d)
    _pronouns(ctx, drafts)
    _link_same_person(drafts)
    return drafts


def _link_same_person(drafts: list[Draft]) -> None:
    """A later mention of a KB person ("the Russian president" after "Putin") refers back to the first."""
    first: dict[str, int] = {}
    for idx in sorted(range(len(drafts)), key=lambda i: drafts[i].start):
        d = drafts[idx]
        if not d.kb_id or not d.kb_id.startswith(("p:", "pp:", "u:")):
            continue
        if d.kb_id in first and d.coref is None:
            d.coref = first[d.kb_id]
        first.setdefault(d.kb_id, idx)


def _untagged_surnames(ctx: Context, drafts: list[Draft], persons: list[int], used: set[int]) -> None:
    """A proper noun the model did not tag ("Okello said") that is the surname of a person named earlier."""
    surnames = {drafts[i].surname: i for i in persons if drafts[i].end - drafts[i].start > 1 and drafts[i].surname}
    if not surnames:
        return
    for i, low in enumerate(ctx.ntok):
        if low in surnames and i not in used and ctx.pos[i] == "PROPN" and drafts[surnames[low]].start < i:
            if (i + 1 < len(ctx.toks) and ctx.pos[i + 1] == "PROPN") or (i > 0 and ctx.pos[i - 1] == "PROPN"):
                continue  # part of a longer name
            d = _resolve_person(ctx, i, i + 1, None, drafts, persons)
            if d.coref is not None:
                drafts.append(d)
                used.add(i)
                persons.append(len(drafts) - 1)


def _named_units(doc, matches: list[Match], by_tok: dict[int, Match]) -> list[tuple[int, int, Optional[str], Optional[Match]]]:
    """NER entities with the match that covers them, plus matches outside any entity."""
    units = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in ENT_LABELS:
            continue
        start, end = ent.start, ent.end
        if doc[start].lower_ == "the":
            start += 1
        while end > start and doc[end - 1].tag_ in ("POS",) or (end > start and doc[end - 1].is_punct):
            end -= 1
        if end <= start:
            continue
        m = by_tok.get(start)
        if m is not None and m.start == start and m.end >= end:
            whole: Optional[Match] = m
            end = m.end
        else:
            # Matches inside a longer entity (the demonym of "Kenyan Red Cross") are kept as evidence.
            inner = list({id(by_tok[i]): by_tok[i] for i in range(start, end) if i in by_tok}.values())
            whole = Match(start, end, "~", [], None, None, inner) if inner else None
        units.append((start, end, ent.label_, whole))
        covered.update(range(start, end))
        if ent.start < start:
            covered.add(ent.start)
    for m in matches:
        if any(i in covered for i in range(m.start, m.end)):
            continue
        units.append((m.start, m.end, None, m))
    units.sort()
    return units


def _unit_country(kb: KB, m: Optional[Match]) -> Optional[str]:
    if m is None:
        return None
    for kb_id, _ in m.entities:
        if kb_id.startswith("c:"):
            return kb_id[2:]
    if m.capital:
        return m.capital
    return None


def _absorbed_by_roles(doc, kb: KB, units, by_tok) -> set[int]:
    """Start tokens of countries, demonyms and organisations that only modify a role noun."""
    out = set()
    for (start, end, label, m) in units:
        if label == "PERSON" and not (m is not None and m.key != "~" and m.demonym):
            continue
        root = doc[start:end].root
        t = root
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        if t.dep_ in MODIFIER_DEPS and t.dep_ != "poss" and t.head.i >= end:
            head = t.head
            if _role_lookup(kb, _head_words(doc, head)) is not None and head.pos_ in ("NOUN", "PROPN"):
                if m is not None and any(e[0].startswith("p:") for e in m.entities):
                    continue
                out.add(start)
        elif t.dep_ == "poss" and label != "PERSON" and not (m and any(e[0].startswith(("p:", "pp:")) for e in m.entities)):
            head = t.head
            if _role_lookup(kb, _head_words(doc, head)) is not None:
                out.add(start)
    return out


def _resolve_unit(ctx: Context, start: int, end: int, label: Optional[str], m: Optional[Match],
                  drafts: list[Draft], persons: list[int]) -> Optional[Draft]:
    doc, kb = ctx.doc, ctx.kb
    span = doc[start:end]
    root = span.root
    # A PERSON entity that begins with a title: the title is evidence, the name is the rest.
    if label == "PERSON" and m is not None and m.key != "~" and m.demonym and m.end >= end:
        label = "NORP"  # "Bosnian Serbs", "Bangladeshi" tagged as people are a demonym
    if label == "PERSON":
        j = start
        while j < end - 1 and (doc[j].lower_ in TITLE_WORDS or doc[j].lower_.rstrip(".") in TITLE_WORDS):
            j += 1
        if j > start:
            m2 = ctx.matches.get(j)
            m = m2 if (m2 is not None and m2.start == j and m2.end >= end) else None
            start = j
            span = doc[start:end]
    entry = None
    if m is not None and m.entities:
        entry = _pick_entity(ctx, m.entities, label)
    if entry is None and label in ("PERSON", "ORG") and (span.start_char, span.end_char) in ctx.place_spans:
        return None  # the model's PERSON or ORG is a place the places stage resolved ("Palmyra")
    if label == "PERSON" or (entry is not None and entry.type == "p" and label is None):
        return _resolve_person(ctx, start, end, entry, drafts, persons)
    whole = m is not None and m.key != "~"
    if whole and m.demonym and (label in ("NORP", None) or entry is None or entry.type == "c"):
        return _resolve_country(ctx, start, end, label, m, None)
    if entry is not None and entry.type == "c":
        return _resolve_country(ctx, start, end, label, m, entry)
    if whole and m.capital and (entry is None or _is_place_position(root)):
        return _resolve_country(ctx, start, end, label, m, None)
    if entry is not None:
        if (entry.kb_id.startswith("seat:") or m.capital) and _is_place_position(root):
            return None
        country, sector, status = _country_of_entity(entry, ctx)
        reason = f"KB alias '{span.text}' -> {entry.name}"
        if status == "former":
            reason += " (dissolved or renamed before the date)"
        return Draft(start, end, root.i, entry.name, country, sector, entry.kb_id,
                     0.9 if entry.own else 0.75, reason, "named")
    # Not in the KB.
    if label == "ORG":
        inner = m.inner if m is not None else []
        country = next((_unit_country(kb, x) or x.demonym for x in inner if (_unit_country(kb, x) or x.demonym)), None)
        country = country or next((e[0][2:] for x in inner for e in x.entities if e[0].startswith("c:")), None)
        for child in root.children:  # "Ivory Coast's Supreme Court"
            if not country and child.dep_ == "poss":
                pm = ctx.matches.get(child.i)
                country = _unit_country(kb, pm) if pm is not None else None
        role = _role_lookup(kb, [t.lower_ for t in span])
        sector = role[1][0] if role else None
        why = [f"unknown organisation '{span.text}'"]
        if country:
            why.append(f"country from '{kb.country_name(country) or country}' in its name")
        if role:
            why.append(f"sector from '{role[0]}'")
        return Draft(start, end, root.i, span.text, country, sector, None, 0.5 if (country or role) else 0.3,
                     "; ".join(why), "named")
    return None


def _resolve_country(ctx: Context, start: int, end: int, label: Optional[str], m: Match,
                     entry: Optional[Entity]) -> Optional[Draft]:
    doc, kb = ctx.doc, ctx.kb
    root = doc[start:end].root
    text = doc[start:end].text
    if m.demonym and entry is None:
        iso = m.demonym
        # A demonym is an actor as a noun ("the Russians", "Palestinians"), not as an adjective.
        if root.pos_ not in ("NOUN", "PROPN") or root.dep_ in ("amod", "compound") or not _acts(root):
            return None
        if start > 0 and doc[start - 1].lower_ == "ethnic":
            # "ethnic Albanians" are a group, not Albania's people: the country is where they live.
            ctry, why = _context_country(ctx, root.i, exclude=[iso])
            return Draft(start - 1, end, root.i, text, ctry, "CVL", None, 0.5,
                         f"ethnic group '{text}'" + (f"; {why}" if why else ""), "named")
        return Draft(start, end, root.i, kb.country_name(iso), iso, "CVL", f"c:{iso}", 0.7,
                     f"demonym '{text}' as a noun -> people of {kb.country_name(iso)} (CVL)", "named")
    iso = entry.country if entry is not None else m.capital
    if entry is None and m.capital:
        if not _acts(root):
            return None
        return Draft(start, end, root.i, f"{kb.country_name(iso)} government", iso, "GOV", f"c:{iso}", 0.75,
                     f"metonymy: capital '{text}' as {root.dep_} stands for the government", "named")
    if _is_place_position(root) or (root.dep_ in ("compound", "amod", "nmod") and root.head.i >= end):
        return None
    return Draft(start, end, root.i, kb.country_name(iso), iso, "GOV", f"c:{iso}", 0.8,
                 f"country name '{text}' as {root.dep_} -> its government", "named")


# --- people ----------------------------------------------------------------------------------------

@dataclass
class Title:
    country: Optional[str] = None
    org: Optional[str] = None
    sector: Optional[str] = None
    office: Optional[str] = None
    former: bool = False
    heads: tuple[str, ...] = ()
    text: str = ""


def _analyze_title(ctx: Context, tokens) -> Title:
    """Country, organisation, sector, office and "former" from title words."""
    kb = ctx.kb
    out = Title(text=" ".join(t.text for t in tokens))
    words = []
    for t in tokens:
        low = t.lower_
        if low in FORMER or low.startswith("ex-"):
            out.former = True
        m = ctx.matches.get(t.i)
        if m is not None:
            if m.demonym and not out.country:
                out.country = m.demonym
            for kb_id, _ in m.entities:
                ent = kb.entity(kb_id)
                if ent is None:
                    continue
                if ent.type == "c" and not out.country:
                    out.country = ent.country
                elif ent.type == "o" and not out.org:
                    out.org = kb_id
                    out.country = out.country or ent.country
                    out.sector = out.sector or ent.sector
            if m.capital and not out.country:
                out.country = m.capital
        if t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") or t.lower_ in ("secretary-general",):
            words.append(low)
    role = None
    for k in range(len(words), 0, -1):
        role = _role_lookup(kb, words[:k])
        if role is not None:
            break
    if role is not None:
        phrase, (sector, kind, office) = role
        if out.org and sector == "GOV":
            sector = kb.entity(out.org).sector or sector
        out.sector = sector if not out.sector or out.org is None else out.sector
        out.office = office
        out.heads = (phrase,)
    return out


def _title_tokens(doc, start: int, end: int):
    """Title words before a name in its noun phrase, and an appositive after or around it."""
    root = doc[start:end].root
    before = [doc[i] for i in range(root.left_edge.i, start) if doc[i].dep_ not in ("det", "punct", "case")
              and not doc[i].ent_type_ == "PERSON"]
    appos = []
    for child in root.children:
        if child.dep_ == "appos" and child.i >= end:
            appos = [t for t in child.subtree if t.i < child.i + 1 or t.dep_ in ("prep", "pobj")]
            break
    if not appos and root.dep_ == "appos" and root.head.i < start:
        head = root.head
        appos = [t for t in head.subtree if t.i <= head.i]
    return before, appos


def _resolve_person(ctx: Context, start: int, end: int, entry: Optional[Entity], drafts: list[Draft],
                    persons: list[int]) -> Draft:
    doc, kb = ctx.doc, ctx.kb
    text = doc[start:end].text
    root = doc[start:end].root
    before, appos = _title_tokens(doc, start, end)
    before = sorted(set(before) | {t for t in doc[root.left_edge.i:start] if t.ent_type_ == "PERSON"
                                   and (t.lower_ in TITLE_WORDS or t.lower_.rstrip(".") in TITLE_WORDS)},
                    key=lambda t: t.i)
    title = _analyze_title(ctx, before + appos) if (before or appos) else Title()
    surname = norm(doc[end - 1].text)
    d = Draft(start, end, root.i, text, kind="person", surname=surname)
    # The actor's span takes in the title before the name ("Russian Foreign Minister Sergei Lavrov").
    if before:
        d.start = min(t.i for t in before)
        if d.start > 0 and doc[d.start - 1].dep_ == "det" and doc[d.start - 1].head.i >= d.start:
            d.start -= 1
    # Within the article, a surname or a short form refers back to the full name already seen.
    if end - start == 1 or entry is None:
        same = [i for i in persons if drafts[i].surname == surname and drafts[i].end - drafts[i].start > 1
                and drafts[i].coref is None]
        if end - start == 1 and same:
            names = {drafts[i].name for i in same}
            ante = drafts[same[-1]]
            d.coref = same[-1]
            d.name, d.country, d.sector, d.kb_id = ante.name, ante.country, ante.sector, ante.kb_id
            d.office, d.title_heads = ante.office, ante.title_heads
            d.score = 0.8 if len(names) == 1 else 0.55
            d.reason = f"surname '{text}' -> {ante.name} earlier in the article"
            if len(names) > 1:
                d.reason += f" (nearest of {len(names)} people with this surname)"
            if title.former:
                d.sector, d.reason = "ELI", d.reason + "; 'former' -> not in office"
            return d
    if entry is not None:
        country, sector, status = _country_of_entity(entry, ctx)
        d.name, d.kb_id, d.country = entry.name, entry.kb_id, country
        role, _ = role_at(entry, ctx.date)
        d.office = role.office if role else None
        why = f"KB person '{text}' -> {entry.name}"
        if status in ("current", "undated"):
            d.sector, d.score = sector, 0.9 if entry.own else 0.75
            why += f", {role.office or sector} on {ctx.date}" if ctx.date and role else ""
        elif status == "no-date":
            d.sector, d.score = sector, 0.7
            why += f", latest role ({role.office or sector}; no publication date)"
        elif status == "former":
            d.sector, d.score = "ELI", 0.8
            why += f", out of office since {role.end} -> former official (ELI)"
        else:
            d.sector, d.score = None, 0.6
            why += f", not yet in office on {ctx.date}"
        if title.former and d.sector not in ("ELI", None):
            d.sector, why = "ELI", why + "; 'former' in the text -> not in office"
        elif not title.former and title.sector and status in ("former", "not-yet", "undated"):
            # The text's own title ("President X") says more than the KB's dates for this article.
            d.sector, d.score = title.sector, 0.7
            why += f"; but the text calls them '{title.text}' -> {title.sector}"
        d.reason = why
        return d
    # An unknown person: what the text says.
    d.country, d.score = title.country, 0.5
    d.sector = title.sector
    ctx_why = ""
    if not d.country and title.sector in ("GOV", "MIL", "COP", "JUD", "LEG", "OPP", "SPY") and not title.org:
        d.country, ctx_why = _context_country(ctx, root.i, any_mention=True)
    d.office, d.title_heads = title.office, title.heads
    if title.former and d.sector:
        d.sector = "ELI"
    if title.country or title.sector:
        d.reason = f"unknown person; title '{title.text}'" + (" (former)" if title.former else "")
        d.reason += f"; {ctx_why}" if ctx_why else ""
        d.score = 0.6 if not ctx_why else 0.5
    else:
        d.reason = "unknown person; nothing in the text gives a country or sector"
        d.score = 0.4
    return d


# --- role noun phrases -----------------------------------------------------------------------------

def _role_phrases(ctx: Context, used: set[int], drafts: list[Draft], persons: list[int]) -> list[Draft]:
    doc, kb = ctx.doc, ctx.kb
    out: list[Draft] = []
    roles = kb.roles
    for i, pos in enumerate(ctx.pos):
        if pos not in ("NOUN", "PROPN") or i in used:
            continue
        tok = ctx.toks[i]
        low = ctx.ntok[i]
        # Cheap test first: the head word (or its singular) must end some role phrase.
        if low not in ctx.role_last and _singular(low) not in ctx.role_last:
            continue
        if tok.dep_ in ("compound", "amod") and tok.head.i > tok.i:
            # A modifier of a later noun (the "rebel" of "rebel forces"), or a title before a name.
            continue
        first = tok
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        if first is not tok and first.dep_ in ("compound", "amod") and first.head.i > tok.i:
            continue  # "regime" in "Russian and regime warplanes" modifies the head with "Russian"
        words = _head_words(doc, tok)
        role = _role_lookup(kb, words)
        if role is None:
            continue
        if tok.ent_type_ in NOT_ACTOR_ENTS:
            continue
        phrase, (sector, kind, office) = role
        made = _role_np(ctx, tok, phrase, sector, kind, office, used, drafts + out, persons)
        for d in made:
            used.update(range(d.start, d.end))
        out.extend(made)
    return out


def _role_np(ctx: Context, head, phrase: str, sector: str, kind: str, office: Optional[str], used: set[int],
             drafts: list[Draft], persons: list[int]) -> list[Draft]:
    doc, kb = ctx.doc, ctx.kb
    start = head.left_edge.i
    # Never swallow a person's name into a nominal: start after it (and after its "'s").
    for i in range(head.i - 1, start - 1, -1):
        if i in used:
            start = i + 1
            break
    while start < head.i and (doc[start].dep_ in ("case", "cc") or doc[start].is_punct):
        start += 1
    end = head.i + 1
    of_country = None
    of_org = None
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    m = ctx.matches.get(pobj.i)
                    iso = _unit_country(kb, m) or (m.demonym if m else None) if m else None
                    if m is not None and not iso:
                        ent = _pick_entity(ctx, m.entities, None) if m.entities else None
                        if ent is not None:
                            iso = ent.country
                    if iso:
                        of_country = iso
                        end = pobj.right_edge.i + 1
                    elif m is not None and m.entities and (ent := _pick_entity(ctx, m.entities, None)) is not None \
                            and ent.type == "o":
                        of_org = ent  # "the members of the Security Council"
                        end = pobj.right_edge.i + 1
    mods = [doc[i] for i in range(start, head.i) if doc[i].dep_ not in ("det", "punct", "case", "predet")]
    givers: list[tuple[int, str, str, Optional[str]]] = []  # (token index, ISO3 or '', why, kb_id)
    former = any(t.lower_ in FORMER or t.lower_.startswith("ex-") for t in mods)
    pro = anti = backed = False
    mod_sector = None
    seen_matches: set[int] = set()
    for k, t in enumerate(mods):
        low = t.lower_
        prev = mods[k - 1].lower_ if k else ""
        prev2 = mods[k - 2].lower_ if k > 1 else ""
        m = ctx.matches.get(t.i)
        if low in ("backed", "led", "supported", "sponsored", "allied", "aligned", "funded", "trained", "armed"):
            backed = True  # "Turkish-backed rebels" are not Turkish
            givers = []
            continue
        if m is not None and m.start not in seen_matches:
            seen_matches.add(m.start)
            negation = prev == "anti" or (prev == "-" and prev2 == "anti")
            proness = prev == "pro" or (prev == "-" and prev2 == "pro")
            iso, why, kb_id = None, "", None
            if m.demonym:
                iso, why = m.demonym, f"demonym '{doc[m.start:m.end].text}'"
            elif m.entities:
                ent = _pick_entity(ctx, m.entities, None)
                if ent is not None:
                    c, s, status = _country_of_entity(ent, ctx)
                    iso, why, kb_id = c, f"'{doc[m.start:m.end].text}' ({ent.name})", ent.kb_id
                    if ent.type == "o" and s and s != "GOV":
                        mod_sector = mod_sector or s
            elif m.capital:
                iso, why = m.capital, f"capital '{doc[m.start:m.end].text}'"
            if negation:
                anti = True
                continue
            if proness:
                pro = True
            if iso or kb_id:
                givers.append((t.i, iso or "", why, kb_id))
            continue
        if low in ("pro", "anti"):
            continue
        r = kb.roles.get(low) or kb.roles.get(_singular(low))
        if r is not None and t.pos_ in ("NOUN", "ADJ", "PROPN") and low not in ("state", "people"):
            if r[0] != "GOV" or low in ("regime", "government", "junta"):
                mod_sector = mod_sector or r[0]
            if low in ("regime", "government", "junta") and t.dep_ == "conj":
                givers.append((t.i, "", f"'{t.text}'", None))
    # The possessor gives the country when it is a person or organisation ("Assad's army").
    for child in head.children:
        if child.dep_ == "poss" and child.i < head.i and child.i in ctx.owner:
            d = drafts[ctx.owner[child.i]]
            if kind == "act" and d.kind == "person":
                continue  # "Putin's proposal": Putin is the actor already
            if (d.country or d.kb_id) and not any(d.start <= g[0] < d.end for g in givers):
                givers.append((child.i, d.country or "", f"possessor '{doc[d.start:d.end].text}'", None))
    if of_country and not givers:
        givers.append((end - 1, of_country, f"'of {kb.country_name(of_country)}'", None))
    if of_org is not None and not givers:
        givers.append((end - 1, of_org.country or "", f"'of {of_org.name}'", of_org.kb_id))
        if of_org.sector and phrase in GENERIC_HEADS | {"member", "members"}:
            mod_sector = mod_sector or of_org.sector

    head_sector = sector
    if mod_sector and (phrase in GENERIC_HEADS or head.lower_ in GENERIC_HEADS) and not (
            mod_sector == "GOV" and sector in ("MIL", "COP")):
        head_sector = mod_sector
    if former:
        head_sector = "ELI"
    elif pro and head_sector in ("CVL", "OPP", "GOV"):
        head_sector = "SUP"
    elif anti and head_sector in ("CVL", "GOV"):
        head_sector = "OPP"

    if kind == "act":
        head_sector = mod_sector or sector
    coordinated = len(givers) > 1 and any(doc[g[0]].dep_ == "conj" for g in givers)
    groups = givers if coordinated else (givers[:1] if givers else [])
    if kind == "act" and not any(g[1] or g[3] for g in groups):
        return []  # an act or statement without a named author is no actor
    out: list[Draft] = []
    text_head = doc[start:end].text
    for n, (tok_i, iso, why, kb_id) in enumerate(groups):
        s = start if n == 0 else tok_i
        country = iso or None
        sec = head_sector
        if not country and not kb_id:
            # A coordinated "regime" or "government": its country comes from the context.
            country, ctx_why = _context_country(ctx, head.i, exclude=[g[1] for g in groups if g[1]])
            why = f"{why} ({ctx_why})" if country else why
        label = f"author of '{phrase}'" if kind == "act" else f"role '{phrase}'"
        d = Draft(s, end, head.i, None, country, sec, None, 0.8 if country else 0.5,
                  f"{label} + {why}" + (" (former)" if former else "") + (" (supporters)" if pro else ""),
                  "act" if kind == "act" else "nominal", office=office, title_heads=(phrase,))
        if backed:
            d.reason += "; backer's country not used"
        _name_nominal(ctx, d, kind, office, former, kb_id)
        out.append(d)
    if not groups:
        country, why = _context_country(ctx, head.i)
        d = Draft(start, end, head.i, None, country, head_sector, None, 0.55 if country else 0.4,
                  f"role '{phrase}'" + (f"; {why}" if why else "; no country in the text"), "nominal",
                  office=office, title_heads=(phrase,))
        if kind == "person" and doc[start].lower_ in ("the", "this", "that"):
            ante = _antecedent(drafts, persons, head.i, office, phrase)
            if ante is not None:
                a = drafts[ante]
                d.coref, d.name, d.country, d.sector, d.kb_id = ante, a.name, a.country, a.sector, a.kb_id
                d.score, d.reason = 0.65, f"role '{phrase}' refers back to {a.name}"
                if former:
                    d.sector = "ELI"
        if d.coref is None:
            _name_nominal(ctx, d, kind, office, former, None)
        out.append(d)
    # Appositive: "the Kenyan foreign minister, Jane Roe," is one person; the nominal refers to her.
    linked = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    if head.dep_ == "appos" and head.head.ent_type_ == "PERSON":
        linked.append(head.head)
    for child in linked:
        idx = ctx.owner.get(child.i)
        if idx is not None and out:
            pd = drafts[idx]
            if pd.kind == "person":
                nd = out[0]
                nd.coref = idx
                if pd.kb_id is None:
                    pd.country = pd.country or nd.country
                    pd.sector = pd.sector or nd.sector
                nd.name, nd.kb_id = pd.name, pd.kb_id
    return out


def _name_nominal(ctx: Context, d: Draft, kind: str, office: Optional[str], former: bool,
                  org_id: Optional[str]) -> None:
    """Give a nominal its name: the KB office holder on the date ("the Russian president"), else a label."""
    kb = ctx.kb
    holder_key = org_id if (org_id and org_id.startswith("org:")) else d.country
    if kind == "person" and office and holder_key and not former:
        kb_id = kb.office_holder(holder_key, office, ctx.date)
        ent = kb.entity(kb_id) if kb_id else None
        if ent is not None:
            d.name, d.kb_id = ent.name, ent.kb_id
            d.country = d.country or ent.country
            role, _ = role_at(ent, ctx.date)
            d.sector = role.sector if role else d.sector
            d.score = 0.8
            d.reason += f"; {office} of {kb.country_name(d.country) or holder_key} on {ctx.date or 'the latest date'}" \
                        f" -> {ent.name}"
            return
    if org_id and not d.kb_id and kind in ("group", "act"):
        ent = kb.entity(org_id)
        if ent is not None and ent.type == "o":
            d.kb_id, d.name = ent.kb_id, ent.name
            return
    label = kb.country_name(d.country)
    d.name = f"{label} {d.sector or ''}".strip() if label else (d.sector or None)


def _antecedent(drafts: list[Draft], persons: list[int], before: int, office: Optional[str],
                phrase: str) -> Optional[int]:
    """The nearest earlier person with the same office or title word, else None."""
    for idx in reversed(persons):
        d = drafts[idx]
        if d.start >= before:
            continue
        if (office and d.office == office) or phrase in d.title_heads:
            return idx
    return None


def _sentences(ctx: Context) -> list[tuple[int, int, int, int]]:
    """(first token, end token, start char, end char) of each sentence, computed once per document."""
    if not ctx.sent_bounds:
        ctx.sent_bounds = [(s.start, s.end, s.start_char, s.end_char) for s in ctx.doc.sents]
    return ctx.sent_bounds


@dataclass
class _Sent:
    start_char: int
    end_char: int


def _sentence_of(ctx: Context, tok_i: int) -> _Sent:
    import bisect

    bounds = _sentences(ctx)
    k = bisect.bisect_right([b[0] for b in bounds], tok_i) - 1 if len(bounds) < 64 else \
        bisect.bisect_right(ctx.sent_starts_cache or _starts(ctx), tok_i) - 1
    b = bounds[max(k, 0)]
    return _Sent(b[2], b[3])


def _starts(ctx: Context) -> list[int]:
    ctx.sent_starts_cache = [b[0] for b in _sentences(ctx)]
    return ctx.sent_starts_cache


def _context_country(ctx: Context, tok_i: int, exclude: list[str] = (),
                     any_mention: bool = False) -> tuple[Optional[str], str]:
    """The country a bare nominal belongs to: a place in its own phrase ("rebels in Darfur") or its
    sentence, else (for titled people) any country named in the sentence, else the article's main place."""
    import bisect

    doc = ctx.doc
    tok = doc[tok_i]
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in ("in", "from", "of", "inside", "near"):
            for pobj in child.children:
                iso = ctx.place_at.get(pobj.idx) or ctx.place_at.get(pobj.left_edge.idx)
                if iso and iso not in exclude:
                    return iso, f"country from its place '{pobj.text}' ({iso})"
    sent = _sentence_of(ctx, tok_i)
    k = bisect.bisect_left(ctx.places, (sent.start_char, ""))
    while k < len(ctx.places) and ctx.places[k][0] < sent.end_char:
        iso = ctx.places[k][1]
        if iso not in exclude:
            return iso, f"country from a place in the sentence ({iso})"
        k += 1
    if any_mention:
        for off, iso in ctx.mentions:
            if sent.start_char <= off < sent.end_char and iso not in exclude:
                return iso, f"country named in the sentence ({iso})"
    for iso, n in ctx.place_counts.most_common(3):
        if iso not in exclude:
            return iso, f"country from the article's main place ({iso}, {n} mentions)"
    return None, ""


# --- pronouns --------------------------------------------------------------------------------------

def _pronouns(ctx: Context, drafts: list[Draft]) -> None:
    doc = ctx.doc
    people = sorted((i for i, d in enumerate(drafts) if d.kind == "person" or (d.kind == "nominal" and d.kb_id
                                                                               and d.kb_id.startswith("p:"))),
                    key=lambda i: drafts[i].start)
    if not people:
        return
    import bisect

    sent_starts = [b[0] for b in _sentences(ctx)]
    k = -1
    for i, low in enumerate(ctx.ntok):
        if low not in PRONOUNS:
            continue
        tok = ctx.toks[i]
        while k + 1 < len(people) and drafts[people[k + 1]].start < tok.i:
            k += 1
        if tok.pos_ != "PRON" or tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
            continue
        if k < 0:
            continue
        ante = people[k]
        a = drafts[ante]
        # Only within the sentence of the antecedent and the two after it.
        sents_between = bisect.bisect_right(sent_starts, tok.i) - bisect.bisect_right(sent_starts, a.start)
        if sents_between > 2:
            continue
        drafts.append(Draft(tok.i, tok.i + 1, tok.i, a.name, a.country, a.sector, a.kb_id, min(a.score, 0.6),
                            f"pronoun '{tok.text}' -> {a.name or doc[a.start:a.end].text}", "pronoun",
                            coref=ante))
