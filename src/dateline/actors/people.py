"""People: KB people valid on the date, titles and appositives, surnames, pronouns and coreference."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Optional

from .kb import Entity, norm, role_at
from .context import (
    Context, Draft, FORMER, PRONOUNS, TITLE_WORDS, _context_country, _country_of_entity, _role_lookup,
    _sentences,
)


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
    surnames = ctx.by_surname
    if not surnames:
        return
    for i, low in enumerate(ctx.ntok):
        if low in surnames and i not in used and ctx.pos[i] == "PROPN" and drafts[surnames[low][0]].start < i:
            if (i + 1 < len(ctx.toks) and ctx.pos[i + 1] == "PROPN") or (i > 0 and ctx.pos[i - 1] == "PROPN"):
                continue  # part of a longer name
            d = _resolve_person(ctx, i, i + 1, None, drafts, persons)
            if d.coref is not None:
                drafts.append(d)
                used.add(i)
                persons.append(len(drafts) - 1)


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


def _title_run(doc, before: list, start: int, roles: dict = {}) -> list:
    """The title words right before a name that belong to its span: capitalised words and title words
    ("Foreign Office Minister", "Turkish Foreign Minister", "lieutenant") and lower-case roles of one person
    in the KB ("negotiator", "opposition leader"), read leftwards from the name.

    A lower-case description ("failed suicide bomber", "Jordanian-born militant") is evidence for the
    title analysis but no part of the name's span, and nor is anything left of it.
    """
    words = {t.i: t for t in before}
    run = []
    i = start - 1
    while True:
        t = words.get(i)
        if t is None and i >= 0 and (doc[i].text == "." or doc[i].lower_ in TITLE_JOINERS) and i - 1 in words:
            t = doc[i]  # "Lt . Gen." split by the tokenizer; "Minister for Interior" parsed apart
        if t is None:
            break
        low = t.lower_
        capital = t.text[:1].isupper()
        office = (roles.get(low) or roles.get(low.rstrip("s")) or (None, None))[1] == "person"
        if not (capital or low in TITLE_WORDS or low.rstrip(".") in TITLE_WORDS or low in RANK_WORDS
                or office or low in TITLE_MODIFIERS or low.startswith("ex-") or t.text in ("-", ".")
                or (t.dep_ == "compound" and run and t.head in run)
                or (low in TITLE_JOINERS and run and i - 1 in words and words[i - 1].text[:1].isupper())):
            break
        run.insert(0, t)
        i -= 1
    while run and (run[0].is_punct or run[0].lower_ in TITLE_JOINERS):
        run.pop(0)
    # "In Turkey Minister X met ...": a sentence-opening "in" + place run into the title is the setting,
    # not part of the title ("Turkish Foreign Minister X", without "in", keeps its demonym).
    k = 0
    while k < len(run) - 1 and run[k].pos_ == "PROPN" and run[k].lower_ not in TITLE_WORDS:
        k += 1
    if 0 < k < len(run) and run[0].i > 0 and doc[run[0].i - 1].lower_ == "in" \
            and (run[k].lower_ in TITLE_WORDS or run[k].lower_ in RANK_WORDS):
        run = run[k:]
    return run


# Lower-case words inside a capitalised title ("Secretary of State", "Minister for Foreign Affairs").
TITLE_JOINERS = {"of", "for", "and", "the", "de", "du", "al"}
# Lower-case words that qualify a title ("former President", "acting Governor").
TITLE_MODIFIERS = {"former", "then", "acting", "interim", "outgoing", "incoming", "ex", "late", "deputy", "vice"}


# Lower-case ranks written before a name ("lieutenant X", "sergeant X"): part of the name's span.
RANK_WORDS = {"lieutenant", "lt", "lt.", "captain", "capt.", "sergeant", "sgt.", "corporal", "private", "major",
              "colonel", "general", "brigadier", "admiral", "commander", "president", "minister", "prime",
              "senator", "sheikh", "imam", "cleric", "pope", "king", "queen", "prince", "princess", "judge"}


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
    span_title = _title_run(doc, before, start, kb.roles)
    if span_title:
        d.start = span_title[0].i
        if d.start > 0 and doc[d.start - 1].dep_ == "det" and doc[d.start - 1].head.i >= d.start:
            d.start -= 1
    # Within the article, a surname or a short form refers back to the full name already seen.
    if end - start == 1 or entry is None:
        same = [i for i in ctx.by_surname.get(surname, ()) if drafts[i].start < start]
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


FIRST_SINGULAR = {"i", "me", "my"}
FIRST_PLURAL = {"we", "us"}


def _first_person(ctx: Context, drafts: list[Draft]) -> None:
    """"I" / "me" / "my" and "we" / "us": the speaker, and the group the speaker speaks for.

    Statements and quoted speech ("Minister X said: I condemn ...; we will ...") name the speaker
    before the first person: the nearest earlier person is the speaker (any distance: a statement
    keeps its speaker), and "we" is the speaker's group, with the speaker's country. Without a
    person earlier the pronoun is kept unresolved (the author or an unnamed speaker).
    """
    doc = ctx.doc
    people = sorted((i for i, d in enumerate(drafts) if d.kind == "person"), key=lambda i: drafts[i].start)
    k = -1
    for i, low in enumerate(ctx.ntok):
        if low not in FIRST_SINGULAR and low not in FIRST_PLURAL:
            continue
        tok = ctx.toks[i]
        while k + 1 < len(people) and drafts[people[k + 1]].start < i:
            k += 1
        if tok.pos_ != "PRON" or i in ctx.owner:
            continue  # "World War I" is a numeral, not a pronoun
        if low == "my" and tok.dep_ != "poss":
            continue
        if low != "my" and tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "dative"):
            continue
        a = drafts[people[k]] if k >= 0 else None
        speaker = (a.name or doc[a.start:a.end].text) if a is not None else None
        if low in FIRST_SINGULAR:
            if a is not None:
                drafts.append(Draft(i, i + 1, i, a.name, a.country, a.sector, a.kb_id, min(a.score, 0.5),
                                    f"first-person '{tok.text}' -> the speaker {speaker}", "pronoun",
                                    coref=people[k]))
            else:
                drafts.append(Draft(i, i + 1, i, None, None, None, None, 0.2,
                                    f"first-person '{tok.text}' -> the author or an unnamed speaker", "pronoun"))
        else:
            country = a.country if a is not None else None
            why = f"the group of the speaker {speaker}" if a is not None else "the author's or an unnamed group"
            drafts.append(Draft(i, i + 1, i, None, country, None, None, 0.3 if country else 0.2,
                                f"first-person plural '{tok.text}' -> {why}", "pronoun"))


def _plural_pronouns(ctx: Context, drafts: list[Draft]) -> None:
    """"They" as a subject refers back to the nearest group or organisation named in its sentence or
    the one before ("The rebels withdrew. They said ..."); without one it is left alone."""
    groups = sorted((i for i, d in enumerate(drafts) if d.kind in ("named", "nominal") and d.end - d.start >= 1
                     and not (d.kb_id or "").startswith(("p:", "pp:"))),
                    key=lambda i: drafts[i].start)
    if not groups:
        return
    starts = [drafts[i].start for i in groups]
    sent_starts = [b[0] for b in _sentences(ctx)]
    for i, low in enumerate(ctx.ntok):
        if low != "they":
            continue
        tok = ctx.toks[i]
        if tok.pos_ != "PRON" or tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        k = bisect.bisect_left(starts, i) - 1
        while k >= 0:
            a = drafts[groups[k]]
            if a.end <= i and _is_group(ctx, a):
                break
            k -= 1
        if k < 0:
            continue
        a = drafts[groups[k]]
        if bisect.bisect_right(sent_starts, i) - bisect.bisect_right(sent_starts, a.start) > 1:
            continue
        drafts.append(Draft(i, i + 1, i, a.name, a.country, a.sector, a.kb_id, min(a.score, 0.5),
                            f"plural pronoun '{tok.text}' -> {a.name or ctx.doc[a.start:a.end].text}", "pronoun",
                            coref=groups[k]))


# Verbs whose subject "it" is mostly a dummy ("it is vital that", "it seems", "it remains unclear").
DUMMY_IT_VERBS = frozenset({"be", "seem", "appear", "become", "remain", "matter", "happen", "take", "look",
                            "sound", "follow", "mean", "emerge", "turn"})


def _it_pronouns(ctx: Context, drafts: list[Draft]) -> None:
    """"It" as the subject of a full verb right after a sentence whose subject is a named organisation
    refers to it ("The Tamarind Society is a charity. It was founded in 1990 ..."). Only the subject of
    the sentence before (or of the same sentence) is taken, and a dummy "it" ("it is vital that", "it
    seems") is left alone."""
    doc = ctx.doc
    orgs = [i for i, d in enumerate(drafts) if d.kind == "named" and _is_group(ctx, d)
            and ctx.toks[d.head].dep_ in ("nsubj", "nsubjpass")]
    if not orgs:
        return
    sent_starts = [b[0] for b in _sentences(ctx)]
    for i, low in enumerate(ctx.ntok):
        if low != "it":
            continue
        tok = ctx.toks[i]
        head = tok.head
        if tok.pos_ != "PRON" or tok.dep_ not in ("nsubj", "nsubjpass") or head.pos_ != "VERB" \
                or head.lemma_.lower() in DUMMY_IT_VERBS:
            continue
        sent = bisect.bisect_right(sent_starts, i)
        cands = [k for k in orgs if drafts[k].end <= i and sent - bisect.bisect_right(sent_starts, drafts[k].start) <= 1]
        if not cands:
            continue
        k = cands[-1]
        # No other subject between the organisation and "it" ("X is a charity. The fund ... It ...").
        if any(doc[j].dep_ in ("nsubj", "nsubjpass") and doc[j].pos_ in ("NOUN", "PROPN")
               for j in range(drafts[k].end, i)):
            continue
        a = drafts[k]
        drafts.append(Draft(i, i + 1, i, a.name, a.country, a.sector, a.kb_id, min(a.score, 0.5),
                            f"pronoun '{tok.text}' -> {a.name or doc[a.start:a.end].text}", "pronoun", coref=k))


# Singular nouns of bodies of people that "they" refers back to ("The militia seized the town. They
# killed ...", as British news writes of a government or a group).
COLLECTIVE_HEADS = frozenset({"militia", "group", "army", "government", "regime", "coalition", "police", "military",
                              "alliance", "movement", "organisation", "organization", "faction", "junta", "gang",
                              "cartel", "administration", "opposition", "party", "council", "committee", "team"})


def _is_group(ctx: Context, d: Draft) -> bool:
    """An organisation, a nominal with a plural head ("the rebels") or a collective one ("the militia"):
    what "they" can refer to."""
    if d.kind == "named":
        return not (d.kb_id or "").startswith("c:") and not d.reason.startswith(("demonym", "ethnic"))
    head = ctx.toks[d.head]
    return head.tag_ in ("NNS", "NNPS") or head.lower_ in COLLECTIVE_HEADS


def _pronouns(ctx: Context, drafts: list[Draft]) -> None:
    doc = ctx.doc
    people = sorted((i for i, d in enumerate(drafts) if d.kind == "person" or (d.kind == "nominal" and d.kb_id
                                                                               and d.kb_id.startswith("p:"))),
                    key=lambda i: drafts[i].start)
    if not people:
        return
    import bisect

    sent_starts = [b[0] for b in _sentences(ctx)]
    last_seen: dict[int, int] = {}
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
        # Only within the sentence of the antecedent, or of a pronoun already resolved to it, and the two
        # after it ("X said ... He told ... He also ...": the chain goes on).
        last = max(a.start, last_seen.get(ante, -1))
        sents_between = bisect.bisect_right(sent_starts, tok.i) - bisect.bisect_right(sent_starts, last)
        if sents_between > 2:
            continue
        last_seen[ante] = tok.i
        drafts.append(Draft(tok.i, tok.i + 1, tok.i, a.name, a.country, a.sector, a.kb_id, min(a.score, 0.6),
                            f"pronoun '{tok.text}' -> {a.name or doc[a.start:a.end].text}", "pronoun",
                            coref=ante))
