"""Role noun phrases: "Russian warplanes", "the regime", "pro-Assad activists", "a Russian proposal"."""

from __future__ import annotations

from typing import Optional

from .kb import role_at
from .context import (
    Context, Draft, FORMER, GENERIC_HEADS, NOT_ACTOR_ENTS, _context_country, _country_of_entity,
    _head_words, _pick_entity, _role_lookup, _singular, _unit_country,
)
from .people import _antecedent

# Adjectives of condemnation: the writer's judgement of a group, never part of its name.
EVALUATIVE = frozenset({
    "brutal", "murderous", "barbaric", "barbarous", "evil", "vile", "heinous", "ruthless", "cowardly",
    "savage", "bloodthirsty", "despicable", "callous", "cruel", "monstrous", "sadistic", "wicked",
    "despotic", "tyrannical", "genocidal",
})


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
            # The words of an "of" phrase stay free: "diplomats" in "a group of Moroccan diplomats"
            # is an actor of its own, and gives the group its country below.
            used.update(range(d.start, d.of_start if d.of_start is not None else d.end))
        out.extend(made)
    _of_phrase_country(ctx, drafts + out, out)
    return out


def _names_the_group(ctx: Context, head, i: int, drafts: list[Draft]) -> bool:
    """Is token ``i`` inside a person's name that modifies the group's head noun directly (as a
    compound or a possessor)?"""
    idx = ctx.owner.get(i)
    if idx is None or drafts[idx].kind != "person":
        return False
    d = drafts[idx]
    return any(ctx.doc[j].head.i == head.i and ctx.doc[j].dep_ in ("compound", "poss") for j in range(d.start, d.end))


def _of_phrase_country(ctx: Context, everyone: list[Draft], out: list[Draft]) -> None:
    """A nominal whose country came from no word of its own takes the country (and, for a generic
    head such as "group" or "member", the sector) of the actor named in its "of" phrase."""
    for d in out:
        if d.of_start is None:
            continue
        doc = ctx.doc
        inner = next((x for x in everyone if x is not d and d.of_start <= x.start and x.end <= d.end
                      and (x.country or x.sector)), None)
        lo, hi = doc[d.of_start].idx, doc[d.end - 1].idx + 1
        d.of_start = None
        if d.kb_id:
            continue  # a KB office holder's country is already known
        if inner is None:
            # "residents of Aleppo": a place named in the phrase gives the country.
            iso = next((c for off, c in ctx.place_at.items() if lo <= off < hi), None)
            if iso and iso != d.country:
                d.country = iso
                d.reason += f"; country from its place ({iso})"
            continue
        text = doc[inner.start:inner.end].text
        if inner.country and inner.country != d.country:
            d.country = inner.country
            d.reason += f"; country from '{text}' ({inner.country})"
        if inner.sector and any(h in GENERIC_HEADS | {"group", "groups", "members"} for h in d.title_heads):
            d.sector = inner.sector
        if d.coref is not None:
            p = everyone[d.coref]
            if p.kb_id is None and not p.country:
                p.country = d.country  # "a member of the Syrian parliament, X": X is Syrian


def _role_np(ctx: Context, head, phrase: str, sector: str, kind: str, office: Optional[str], used: set[int],
             drafts: list[Draft], persons: list[int]) -> list[Draft]:
    doc, kb = ctx.doc, ctx.kb
    start = head.left_edge.i
    # Never swallow a person's name into a nominal: start after it (and after its "'s").
    for i in range(head.i - 1, start - 1, -1):
        if i in used:
            if kind == "group" and _names_the_group(ctx, head, i, drafts):
                continue  # "the Assad regime", "Assad's forces": the leader's name is part of the group's
            start = i + 1
            break
    while start < head.i and (doc[start].dep_ in ("case", "cc") or doc[start].is_punct):
        start += 1
    # A count is a quantity said of the group, not part of its name: "killed 70 members" names
    # "members", "at least 10 U.S. Marines" names "U.S. Marines", "more than five million people"
    # names "people". The count's own modifiers ("at least", "more than") go with it. Quantifier words
    # ("all parties", "some members") stay: they are determiners, not counts.
    for child in head.lefts:
        if child.dep_ == "nummod" and child.i >= start and child.like_num:
            start = max(start, child.right_edge.i + 1)
    # A leading word of condemnation is the writer's judgement, not the group's name: "the brutal
    # shabiha militias" names "shabiha militias", "the murderous regime of X" names "regime of X".
    k = start
    while k < head.i and doc[k].dep_ in ("det", "predet"):
        k += 1
    if k < head.i and doc[k].lower_ in EVALUATIVE and doc[k].dep_ in ("amod", "compound"):
        start = k + 1
        while start < head.i and doc[start].is_punct:
            start += 1
    # A nominal does not run over a line break or a footnote mark before it ("[1]\nThe former leader").
    for i in range(head.i - 1, start - 1, -1):
        if doc[i].is_space or doc[i].text in ("]", ")"):
            start = i + 1
            break
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
    if kind == "person" and of_country is None and of_org is None:
        end = _title_for_phrase(ctx, head, end, drafts)
    of_start = None
    if kind in ("person", "group") and end == head.i + 1:
        end = _of_phrase(doc, head, end)
        of_start = head.i + 1 if end > head.i + 1 else None
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
        if child.dep_ in ("poss", "compound") and child.i < head.i and child.i in ctx.owner:
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
        d.of_start = of_start  # the country may still come from the "of" phrase
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
                # One person: the name's country (from the KB or the text) is the title's too.
                nd.country = nd.country or pd.country
    return out


def _of_phrase(doc, head, end: int) -> int:
    """An "of" phrase right after a group or a person's role names whom it is ("guarantors of the
    ceasefire", "the leader of the armed groups", "a group of businessmen"): part of the nominal.

    Kept short and plain: a phrase with a verb or a clause ("the families of those who were killed"),
    or punctuation other than a hyphen or an apostrophe, is left out.
    """
    for child in head.rights:
        if child.dep_ != "prep" or child.lower_ != "of" or child.i != end:
            continue
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.pos_ not in ("NOUN", "PROPN"):
            return end
        new_end = pobj.right_edge.i + 1
        if new_end - child.i > 8:
            return end
        for i in range(child.i, new_end):
            t = doc[i]
            if t.pos_ in ("VERB", "AUX", "PRON") or (t.is_punct and t.text not in ("-", "'", "\u2019")):
                return end
        return new_end
    return end


def _title_for_phrase(ctx: Context, head, end: int, drafts: list[Draft]) -> int:
    """An office "for" a region or portfolio is part of the title: "Minister for the Middle East",
    "Special Representative for Syria", "Minister for Central Asia Jane Doe" (the name the tagger
    ran into the region, as one organisation, comes with it). Returns the new end token.

    Only a capitalised object counts ("Minister for Europe", not "a minister for a day"); a known
    person (a name the tagger found) or organisation in the phrase stops the widening; an unknown
    organisation made of the region and the name is absorbed (it is not an organisation).
    """
    doc = ctx.doc
    for child in head.rights:
        if child.dep_ != "prep" or child.lower_ != "for" or child.i != end:
            continue
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if pobj is None or not pobj.text[:1].isupper():
            return end
        new_end = pobj.right_edge.i + 1
        if any(doc[i].is_punct and doc[i].text not in ("-", "'", "’") for i in range(child.i, new_end)):
            return end
        inside = {ctx.owner[i] for i in range(child.i, new_end) if i in ctx.owner}
        for idx in inside:
            d = drafts[idx]
            if d.start < child.i or d.end > new_end:
                return end
            if d.kind == "person" or (d.kb_id and not d.kb_id.startswith("c:")):
                return end  # "Envoy for the United Nations": a named organisation stays one
        for idx in inside:
            drafts[idx].kind = "absorbed"
        return new_end
    return end


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
