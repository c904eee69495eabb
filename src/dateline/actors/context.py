"""What the actor rules share: the Draft and Context types, lexicon constants, and helpers for
syntax (is a token a place or an agent?), KB choices and the context country."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from .kb import KB, Entity, role_at
from .match import Match


ENT_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"}


PLACE_PREPS = {"in", "at", "inside", "across", "throughout", "near", "around", "into", "within", "outside",
               "through", "over", "from", "via", "along", "beyond", "toward", "towards", "north", "south",
               "east", "west", "of", "on", "off", "onto", "under", "between"}


ACTOR_PREPS = {"by", "with", "against", "between", "among", "for"}


MOTION_VERBS = {"go", "send", "return", "travel", "deploy", "flee", "move", "arrive", "head", "come", "fly",
                "export", "import", "deport", "extradite", "migrate", "escape", "bring", "ship", "visit"}


SUBJ_OBJ = {"nsubj", "nsubjpass", "dobj", "dative", "agent", "poss", "attr", "appos", "ROOT", "oprd", "csubj"}


MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod"}


GENERIC_HEADS = {"official", "officials", "force", "forces", "troop", "troops", "unit", "leader", "member",
                 "spokesman", "spokeswoman", "spokesperson", "commander", "delegation", "group", "source",
                 "representative", "fighter", "fighters", "leadership", "soldier", "soldiers", "personnel"}


FORMER = {"former", "ex", "ex-", "then", "erstwhile", "retired", "onetime", "one-time", "late"}


PRONOUNS = {"he", "she", "him"}


NOT_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "GPE", "LOC", "FAC"}


TITLE_WORDS = {"president", "prime", "minister", "foreign", "secretary", "general", "king", "queen", "prince",
               "sheikh", "gen.", "gen", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen.", "senator",
               "chancellor", "emir", "ayatollah", "colonel", "col.", "lt.", "major", "commander", "defence",
               "defense", "interior", "vice", "deputy", "chief", "premier", "ambassador", "envoy", "pope",
               "sultan", "crown", "state", "supreme", "leader", "marshal", "field", "admiral", "rep.", "gov."}


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
    of_start: Optional[int] = None  # first token of a nominal's "of" phrase while it is being resolved
    entity_type: Optional[str] = None  # set where the rule knows it; else from ``kind`` when written


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
    by_surname: dict = field(default_factory=dict)  # surname -> indices of full-name person drafts
    sent_starts_cache: list = field(default_factory=list)


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


def _unit_country(kb: KB, m: Optional[Match]) -> Optional[str]:
    if m is None:
        return None
    for kb_id, _ in m.entities:
        if kb_id.startswith("c:"):
            return kb_id[2:]
    if m.capital:
        return m.capital
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
        k = bisect.bisect_left(ctx.mentions, (sent.start_char, ""))
        while k < len(ctx.mentions) and ctx.mentions[k][0] < sent.end_char:
            iso = ctx.mentions[k][1]
            if iso not in exclude:
                return iso, f"country named in the sentence ({iso})"
            k += 1
    for iso, n in ctx.place_counts.most_common(3):
        if iso not in exclude:
            return iso, f"country from the article's main place ({iso}, {n} mentions)"
    return None, ""
