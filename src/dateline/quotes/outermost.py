"""Only outermost attributions are kept (PolNeAR: no nesting): a cue inside another's content is dropped,
a second cue's own clause is cut off the first content, and "according to" frames what it encloses."""

from __future__ import annotations

from .boundaries import _trim_text
from .common import Found, Span
from .framing import ACCORDING


def _outermost(found: list[Found], text: str) -> list[Found]:
    """Keep only attributions whose cue is not inside another one's content (PolNeAR: no nesting)."""

    def inside(pos: int, f: Found) -> bool:
        return any(s <= pos < e for s, e in f.parts)

    # "X said A and Y added B": the second cue's own clause is cut off the first content, not nested in it.
    for a in found:
        if not a.extra.get("split"):
            continue
        for b in found:
            # Only when the cue hangs from the other cue ("said A and added B", "said A, adding B").
            if b is a or not inside(a.cue[0], b) or b.cue_token not in a.extra.get("ancestors", ()):
                continue
            cut = a.source[0] if a.source and inside(a.source[0], b) else a.cue[0]
            if cut > b.parts[0][0]:
                parts = [(s, min(e, cut)) for s, e in b.parts if s < cut]
                b.parts = [p for p in (_trim_text(text, p) for p in parts) if p[1] > p[0]] or b.parts
    # "X said A, according to Y": the 'according to' phrase frames the whole sentence, so it is the
    # outer attribution and the cue inside its content is the nested one.
    framing = [f for f in found if f.how == ACCORDING]
    keep = []
    for a in found:
        nested = a.how != ACCORDING and any(inside(a.cue[0], f) for f in framing) and \
            any(b.how == ACCORDING and inside(b.cue[0], a) for b in found)
        for b in found:
            if nested:
                break
            if b is a or a.cue[0] < b.parts[0][0] or a.cue[0] >= b.parts[-1][1]:
                continue
            if a.how == ACCORDING and b.how != ACCORDING and inside(a.cue[0], b):
                continue
            if inside(a.cue[0], b) and not inside(b.cue[0], a):
                nested = True
                break
            if inside(a.cue[0], b) and inside(b.cue[0], a) and \
                    (b.parts[-1][1] - b.parts[0][0]) > (a.parts[-1][1] - a.parts[0][0]):
                nested = True
                break
        if not nested:
            keep.append(a)
    # Two cues with the same content (e.g. conjoined verbs): the first one keeps it.
    seen: set[tuple[Span, ...]] = set()
    out = []
    for f in keep:
        key = tuple(f.parts)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out
