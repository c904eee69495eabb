"""Flattening records into table rows: one function per table, named after it."""

from __future__ import annotations

import hashlib
import json

from ..model import Record, Reject


def reject_id(rej: Reject) -> str:
    # The same failure of the same input gets the same id, so a re-run adds nothing twice.
    key = f"{rej.source}\x1f{rej.stage}\x1f{rej.code}\x1f{rej.article_id or ''}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def reject_row(rej: Reject) -> dict:
    return {"id": reject_id(rej), **rej.model_dump()}


def record_rows(rec: Record) -> dict[str, list[dict]]:
    """All rows of one record, by table."""
    a = rec.article
    aid = a.id
    rows: dict[str, list[dict]] = {
        "articles": [{
            "id": aid, "title": a.title, "url": a.url, "source": a.source, "published": a.published,
            "published_from": a.published_from, "language": a.language, "text": a.text, "path": a.path,
            "flags": list(a.flags), "stages": list(rec.stages), "n_sentences": len(rec.sentences),
        }],
        "sentences": [{"id": s.id, "article_id": aid, "idx": i, "start": s.start, "end": s.end}
                      for i, s in enumerate(rec.sentences)],
        "mentions": [{"article_id": aid, **m.model_dump()} for m in rec.mentions],
        "actors": [{"article_id": aid, **x.model_dump()} for x in rec.actors],
        "places": [{"article_id": aid, **x.model_dump()} for x in rec.places],
        "times": [{"article_id": aid, **x.model_dump()} for x in rec.times],
        "events": [], "event_actors": [], "quotes": [],
        "rejects": [reject_row(r) for r in rec.rejects],
    }
    for e in rec.events:
        cue = e.modality_cue
        rows["events"].append({
            "id": e.id, "article_id": aid, "type": e.type, "mode": e.mode, "cameo": e.cameo,
            "acled_type": e.acled_type, "acled_subtype": e.acled_subtype, "intensity": e.intensity,
            "modality": e.modality, "modality_cue_text": cue.text if cue else None,
            "modality_cue_start": cue.start if cue else None, "modality_cue_end": cue.end if cue else None,
            "reported_by": e.reported_by, "sources": list(e.sources), "targets": list(e.targets),
            "target_from_place": e.target_from_place, "place": e.place, "time_value": e.time.value, "start_date": e.time.start_date,
            "end_date": e.time.end_date, "granularity": e.time.granularity, "time_from": e.time.from_,
            "quantities": json.dumps([q.model_dump() for q in e.quantities]),
            "trigger_text": e.trigger.text, "trigger_start": e.trigger.start, "trigger_end": e.trigger.end,
            "sentence_id": e.sentence.id, "sentence_start": e.sentence.start, "sentence_end": e.sentence.end,
            "score": e.score, "reason": e.reason,
        })
        for role, ids in (("source", e.sources), ("target", e.targets)):
            for actor_id in dict.fromkeys(ids):
                rows["event_actors"].append({"event_id": e.id, "actor_id": actor_id, "role": role})
    for q in rec.quotes:
        row = {"id": q.id, "article_id": aid, "kind": q.kind, "speaker": q.speaker,
               "about": list(q.about), "events": list(q.events), "score": q.score, "reason": q.reason,
               "content_parts": json.dumps([p.model_dump() for p in q.content_parts])}
        for part in ("source", "cue", "content"):
            span = getattr(q, part)
            row[f"{part}_text"] = span.text if span else None
            row[f"{part}_start"] = span.start if span else None
            row[f"{part}_end"] = span.end if span else None
        rows["quotes"].append(row)
    return rows
