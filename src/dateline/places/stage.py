"""Registration of the places stage: toponyms found, resolved with the article as context, written as Places."""

from __future__ import annotations

from ..model import Place, Record
from ..pipeline import register
from .gazetteer import gazetteer
from .coordinates import find_coordinates
from .nominals import find_nominals
from .resolve import Resolution, Toponym, contains, resolve
from .names import fold
from .toponyms import find
from .toponyms import tables as toponym_tables


def compute(doc, gaz, mentions=None) -> list[tuple[Toponym, Resolution, str | None]]:
    """Compute: each toponym with its resolution and role (``mentions``: (start, end, label) triples)."""
    tops, roles = find(doc, gaz, mentions)
    if not tops:
        return []
    return list(zip(tops, resolve(gaz, tops), roles))


def place_of(pid: str, top: Toponym, res: Resolution, role: str | None) -> Place:
    e = res.entry
    if e is None:
        return Place(id=pid, text=top.written or top.text, start=top.start, end=top.end, score=0.0,
                     reason=res.reason, role=role)
    return Place(id=pid, text=top.written or top.text, start=top.start, end=top.end, name=e.name,
                 geonameid=e.gid if e.gid > 0 else None, feature=e.feature, lat=e.lat, lon=e.lon,
                 admin1=e.admin1 if e.feature not in ("country", "region") else None,
                 country=e.country, score=res.score, reason=res.reason, role=role)


@register("places", "dateline.places.v1", requires=("sentences", "mentions"), assigns=("places",),
          spacy=("token.pos", "token.lemma", "token.dep", "token.head", "doc.ents", "token.ent_type"),
          description="toponyms (GPE/LOC/FAC, provinces, demonyms, state abbreviations) resolved offline to "
                      "GeoNames with the article's focus, admin hierarchy and population; common-noun "
                      "places (\"the city\") kept as unresolved nominal places; coordinates written in the text")
def make_places_stage(config: dict):
    tables = config.get("places_tables") or ()
    # Open (on a fresh machine: build) the gazetteer when the pipeline is built, not inside the first
    # article, whose time budget the one-off build would otherwise spend.
    gazetteer(tables)

    def places_stage(record: Record, doc) -> None:
        if doc is None or not len(doc):
            return
        mentions = [(m.start, m.end, m.label) for m in record.mentions]
        results = compute(doc, gazetteer(tables), mentions)
        aid = record.article.id
        places = [place_of(f"{aid}:p{i}", top, res, role) for i, (top, res, role) in enumerate(results)]
        demonyms = toponym_tables()[0]  # "Tashkent, Uzbek": a demonym after a comma is no container
        for i, (top, res, _) in enumerate(results):
            c = top.container
            # "Anbar, Iraq": kept only when the resolved places agree, so "Syria, Iraq and Jordan" is no pair.
            if c is not None and res.entry is not None and results[c][1].entry is not None \
                    and contains(results[c][1].entry, res.entry) and fold(results[c][0].text) not in demonyms:
                places[i].within = places[c].id
            elif c is not None and top.container_by_of and res.entry is None and results[c][1].entry is not None:
                places[i].within = places[c].id  # "the X district of Baghdad", X not in the gazetteer
        # Common-noun places ("the city", "a petrol station"), kept apart from toponyms by their kind and
        # never where a toponym or a named entity is.
        tops = [(p.start, p.end) for p in places]
        for s, e in find_nominals(doc, tops + [(m.start, m.end) for m in record.mentions], tops,
                                  record.article.text):
            places.append(Place(id=f"{aid}:p{len(places)}", text=record.article.text[s:e], start=s, end=e,
                                kind="nominal", reason="common noun naming a place; not resolved"))
        # Coordinates written in the text ("35°12′N 43°52′E") are places given by their point.
        for s, e, lat, lon in find_coordinates(record.article.text):
            if not any(s < p.end and p.start < e for p in places):
                places.append(Place(id=f"{aid}:p{len(places)}", text=record.article.text[s:e], start=s, end=e,
                                    lat=lat, lon=lon, kind="coordinates", score=1.0,
                                    reason="coordinates written in the text"))
        record.places = places

    return places_stage
