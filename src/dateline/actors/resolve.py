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
from typing import Optional

from .kb import KB, Entity, norm
from .context import (
    Context, Draft, ENT_LABELS, MODIFIER_DEPS, TITLE_WORDS, _acts, _context_country, _country_of_entity,
    _head_words, _is_place_position, _pick_entity, _role_last_words, _role_lookup, _unit_country,
)
from .match import Match, _Tokens, match_phrases, pos_names
from .people import (
    _first_person, _it_pronouns, _link_same_person, _plural_pronouns, _pronouns, _resolve_person, _untagged_surnames,
)
from .nominals import _role_phrases


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
    names = pos_names()
    ctx.pos = [names.get(p, "") for _, _, p in arr]
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
    ctx.mentions.sort()
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
        elif d is not None and d.kind == "named" and d.start > 0 and doc[d.start - 1].lower_ == "the" \
                and d.end - d.start >= 2 and doc[d.end - 1].dep_ == "compound" \
                and doc[d.start - 1].head.i == doc[d.end - 1].head.i >= d.end:
            # "the Human Rights Council web page": a many-word name said with its article, modifying a
            # noun that the parser gave the article to; the article is still read with the name.
            d.start -= 1
        if d is not None:
            drafts.append(d)
            used.update(range(d.start, d.end))
            if d.kind == "person":
                persons.append(len(drafts) - 1)
                if d.end - d.start > 1 and d.coref is None:
                    ctx.by_surname.setdefault(d.surname, []).append(len(drafts) - 1)

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
    _first_person(ctx, drafts)
    _plural_pronouns(ctx, drafts)
    _it_pronouns(ctx, drafts)
    _link_same_person(drafts)
    return _drop_absorbed(drafts)


def _drop_absorbed(drafts: list[Draft]) -> list[Draft]:
    """Drafts a longer title took in ("Minister for the Middle East ...") are removed; links remapped."""
    if not any(d.kind == "absorbed" for d in drafts):
        return drafts
    keep = [i for i, d in enumerate(drafts) if d.kind != "absorbed"]
    new_index = {old: new for new, old in enumerate(keep)}
    out = []
    for i in keep:
        d = drafts[i]
        if d.coref is not None:
            d.coref = new_index.get(d.coref)
        out.append(d)
    return out


def _named_units(doc, matches: list[Match], by_tok: dict[int, Match]) -> list[tuple[int, int, Optional[str], Optional[Match]]]:
    """NER entities with the match that covers them, plus matches outside any entity."""
    units = []
    covered: set[int] = set()
    ents = []
    for ent in doc.ents:
        # Two person names with nothing but capitalised proper nouns between them are one name the tagger
        # split ("Amira Saleh" + "Hadi" + "al-Jabouri").
        if ents and ent.label_ == "PERSON" and ents[-1].label_ == "PERSON" and ents[-1].end <= ent.start \
                and ent.start - ents[-1].end <= 2 \
                and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in doc[ents[-1].end:ent.start]):
            ents[-1] = doc[ents[-1].start:ent.end]
            ents[-1].label_ = "PERSON"
            continue
        ents.append(ent)
    for ent in ents:
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
    if label in ("PERSON", "ORG") and end - start == 1 and end + 1 < len(doc) and doc[end].text == ":" \
            and doc[end + 1].like_num:
        return None  # a field's label in a list of values ("Frequency: 12.5"), not a name
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
    if entry is None and label in ("PERSON", "ORG") and any(
            ps <= span.start_char and span.end_char <= pe for ps, pe in ctx.place_spans):
        return None  # the model's PERSON or ORG is a place the places stage resolved ("Palmyra")
    if label == "PERSON" and entry is None and (_gloss(span) or (start > 0 and doc[start - 1].text == "Operation")):
        # another name of the thing before the brackets ("Operation Nasr (Victory)"), or the name of a
        # military operation the tagger read as a person ("Operation Desert Hammer")
        return None
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
    if label == "ORG" and _not_a_group(span):
        return None
    if label == "ORG" and _technical_acronym(span, kb.roles):
        return None
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


def _gloss(span) -> bool:
    """A name in brackets right after the name of an organisation, work or event is another name of it (a
    translation or transliteration), not a person: "Operation Nasr (Victory)", "The Tamarind
    Foundation (Arabic: ... Muassasat al-Tamar)". A bracket with a clause in it is no gloss."""
    doc = span.doc
    lo = span.sent.start
    i = span.start - 1
    while i >= lo and doc[i].text not in ("(", ")"):
        if doc[i].tag_ in ("VBD", "VBZ", "VBP"):
            return False
        i -= 1
    if i <= lo or doc[i].text != "(":
        return False
    before = doc[i - 1]
    return before.ent_type_ in ("ORG", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "LAW") or (
        not before.ent_type_ and before.pos_ == "PROPN" and before.text[:1].isupper())


# Head words of names of written works, instruments and agreements: "the X Book of Y", "the X Report",
# "Resolution 2254", "the X Accord", "a nationwide Cessation of Hostilities". Such a name the tagger calls
# an organisation names no group of people (the events stage does not take one as a participant either).
WORK_HEADS = frozenset({"book", "books", "report", "resolution", "charter", "declaration", "treaty", "accord",
                        "accords", "protocol", "manifesto", "gospel", "scripture", "scriptures", "memorandum",
                        "agreement", "cessation", "ceasefire", "truce", "convention"})


def _not_a_group(span) -> bool:
    """An ORG entity that names no group of people: a military operation ("Operation Desert Hammer" is an
    event), a written work or instrument ("the X Book of Revelation", "the Y Accord"), or a unit of
    measure after a number ("60 MW", "12 Mb/s")."""
    doc = span.doc
    if len(span) > 1 and span[0].text == "Operation":
        return True
    if span.root.lower_ in WORK_HEADS and span.root.text[:1].isupper():
        return True
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.like_num and (
            "/" in span.text or (len(span) == 1 and span.text.isupper() and len(span.text) <= 4)):
        return True
    return False


def _technical_acronym(span, roles: dict) -> bool:
    """An unknown all-capitals ORG that only modifies a lower-case common noun which names no group of
    people is a technical term, not an organisation: "IP addresses", "DNS servers", "GPS coordinates".
    ("YPG fighters" is kept: "fighters" is a role.)"""
    if len(span) != 1 or not span.text.isupper() or len(span.text) > 5:
        return False
    tok = span[0]
    head = tok.head
    if tok.dep_ != "compound" or head.i != tok.i + 1 or not head.is_lower or head.pos_ != "NOUN":
        return False
    return head.lower_ not in roles and head.lemma_.lower() not in roles


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
                         f"ethnic group '{text}'" + (f"; {why}" if why else ""), "named", entity_type="ethnic group")
        # The noun phrase's own words before it belong to the mention, as in role nominals: "all Libyans",
        # "three Egyptians", "young Yemenis".
        first = start
        for t in sorted((c for c in root.lefts if c.i < start), key=lambda c: c.i, reverse=True):
            if t.right_edge.i != first - 1 or t.dep_ not in ("det", "predet", "nummod", "amod", "quantmod"):
                break
            first = t.left_edge.i
        if first < start and doc[first].lower_ == "the":
            first += 1  # "the" is added with the other named actors' articles
        return Draft(first, end, root.i, kb.country_name(iso), iso, "CVL", f"c:{iso}", 0.7,
                     f"demonym '{text}' as a noun -> people of {kb.country_name(iso)} (CVL)", "named")
    iso = entry.country if entry is not None else m.capital
    if entry is None and m.capital:
        if not _acts(root):
            return None
        return Draft(start, end, root.i, f"{kb.country_name(iso)} government", iso, "GOV", f"c:{iso}", 0.75,
                     f"metonymy: capital '{text}' as {root.dep_} stands for the government", "named")
    if _is_place_position(root) or (root.dep_ in ("compound", "amod", "nmod") and root.head.i >= end):
        return None
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in root.children):
        return None  # "a free and stable Libya": the country as it may be, not its government
    return Draft(start, end, root.i, kb.country_name(iso), iso, "GOV", f"c:{iso}", 0.8,
                 f"country name '{text}' as {root.dep_} -> its government", "named")
