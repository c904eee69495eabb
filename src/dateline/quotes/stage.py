"""Registration of the quotes stage: find attributions, resolve speakers, link actors and events."""

from __future__ import annotations

import bisect

from ..model import Quote, Record, TextSpan
from ..pipeline import register
from .detect import Found, find_attributions
from .speakers import ActorIndex, resolve_speaker


def _span(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(text=text[start:end], start=start, end=end)


def build_quotes(record: Record, doc, found: list[Found]) -> list[Quote]:
    """Compute: one Quote per attribution, with speaker, the actors and events inside its content."""
    text = record.article.text
    index = ActorIndex(record.actors, record.mentions)
    actor_starts = [a.start for a in index.actors]
    events = sorted(record.events, key=lambda e: e.trigger.start)
    trigger_starts = [e.trigger.start for e in events]
    quotes: list[Quote] = []
    for f in found:
        qid = record.new_id("q", quotes)
        speaker, why = resolve_speaker(index, doc, f.source, f.source_token)
        about: list[str] = []
        event_ids: list[str] = []
        for s, e in f.parts:
            for k in range(bisect.bisect_left(actor_starts, s), len(index.actors)):
                a = index.actors[k]
                if a.start >= e:
                    break
                if a.end <= e and a.id != speaker and a.id not in about:
                    about.append(a.id)
            for k in range(bisect.bisect_left(trigger_starts, s), len(events)):
                if events[k].trigger.start >= e:
                    break
                event_ids.append(events[k].id)
        start, end = f.content
        quotes.append(Quote(
            id=qid, kind=f.kind, speaker=speaker,
            source=_span(text, *f.source) if f.source else None,
            cue=_span(text, *f.cue),
            content=_span(text, start, end),
            content_parts=[_span(text, s, e) for s, e in f.parts] if len(f.parts) > 1 else [],
            about=about, events=event_ids, score=f.score,
            reason=f"{f.how}; {f.kind}; speaker: {why}"))
    return quotes


@register("quotes", "dateline.quotes.v1", requires=("sentences", "mentions", "actors", "events"),
          assigns=("quotes",),
          spacy=("token.tag", "token.pos", "token.lemma", "token.dep", "token.head", "doc.sents", "doc.ents",
                 "token.ent_type"),
          description="direct, indirect and mixed quotes with cue, source and content spans (PolNeAR style), "
                      "speaker resolved to an actor, the actors and events inside the content")
def make_quotes_stage(config: dict):
    def quotes_stage(record: Record, doc) -> None:
        if doc is None or not record.article.text.strip():
            record.quotes = []
            return
        quotes = build_quotes(record, doc, find_attributions(doc, record.article.text))
        # Write: the quotes, then the reported-by link on the events inside each statement.
        record.quotes = quotes
        by_id = {e.id: e for e in record.events}
        for q in quotes:
            for eid in q.events:
                event = by_id.get(eid)
                if event is not None and event.reported_by is None:
                    event.reported_by = q.id

    return quotes_stage
