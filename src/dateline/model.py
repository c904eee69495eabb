"""The one typed data model of dateline.

Every stage receives a :class:`Record` and adds to it; nothing else is passed
between stages. This module imports nothing else of the package (a dependency
rule that keeps the stages independent of each other).

Offsets are character offsets into ``article.text``. Every list item carries a
stable ``id`` (``<article id>:<kind><n>``) and items refer to each other by id.
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

PublishedFrom = Literal["header", "metadata", "user", "none"]
EntityType = Literal["person", "group", "ethnic group"]
PlaceKind = Literal["toponym", "nominal", "coordinates"]
Feature = Literal["country", "admin1", "admin2", "city", "region", "other"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Anchor = Literal["dct", "previous", "none"]
Modality = Literal["asserted", "negated", "hypothetical", "future", "threatened", "demanded"]
QuantityKind = Literal["killed", "injured", "arrested", "displaced", "size", "other"]
QuoteKind = Literal["direct", "indirect", "mixed"]

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class TextSpan(_Base):
    """A piece of the article text: its characters and where they are."""

    text: str = Field(description="the characters of the article text")
    start: int = Field(description="offset of the first character in the article text")
    end: int = Field(description="offset after the last character")


class Article(_Base):
    """One input document after ingest."""

    id: str = Field(description="sha256 (first 16 hex digits) of the normalised text")
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = Field(None, description="publisher or outlet name")
    published: Optional[_dt.date] = Field(None, description="publication date (ISO), the anchor of relative dates")
    published_from: PublishedFrom = Field("none", description="where the publication date came from")
    language: str = "en"
    text: str
    path: Optional[str] = Field(None, description="file (and line or row) the article was read from")
    flags: list[str] = Field(default_factory=list, description="warnings kept with the article, e.g. NO_DATE, BAD_UTF8")


class Sentence(_Base):
    id: str = Field(description="sentence id, <article id>:s<n>")
    start: int = Field(description="start offset in the article text")
    end: int = Field(description="end offset in the article text")


class Mention(_Base):
    """A named-entity span as the NLP model tagged it."""

    id: str
    text: str
    start: int
    end: int
    label: str


class Actor(_Base):
    id: str = Field(description="actor mention id, <article id>:a<n>")
    text: str = Field(description="the mention as written")
    start: int = Field(description="start offset in the article text")
    end: int = Field(description="end offset in the article text")
    name: Optional[str] = Field(None, description="canonical name of the resolved actor")
    country: Optional[str] = Field(None, description="ISO 3166 alpha-3, or null")
    sector: Optional[str] = Field(None, description="GOV, MIL, REB, OPP, CVL, IGO, NGO, MED, BUS, JUD, ...")
    kb_id: Optional[str] = Field(None, description="id of the knowledge-base entry")
    score: float = Field(0.0, description="confidence 0..1")
    reason: str = Field("", description="why it was resolved this way: the rule, the alias, the evidence")
    coref: Optional[str] = Field(None, description="id of the earlier actor mention this one refers back to")
    entity_type: Optional[EntityType] = Field(
        None, description='what the mention names: "person" (one person: a name, "the minister", "he"), "group" '
        '(an organisation, a government or a group of people: "the regime", "Moscow", "civilians", "we") or '
        '"ethnic group" ("ethnic Albanians"); null for the author of a work ("the report\'s authors")')


class Place(_Base):
    id: str = Field(description="place mention id, <article id>:p<n>")
    text: str = Field(description="the mention as written")
    start: int = Field(description="start offset in the article text")
    end: int = Field(description="end offset in the article text")
    name: Optional[str] = Field(None, description="resolved place name")
    geonameid: Optional[int] = Field(None, description="GeoNames id")
    feature: Optional[Feature] = Field(None, description="kind of place: country, admin1, admin2, city, region, other")
    lat: Optional[float] = Field(None, description="latitude, WGS84 degrees")
    lon: Optional[float] = Field(None, description="longitude, WGS84 degrees")
    admin1: Optional[str] = Field(None, description="first-level administrative area")
    country: Optional[str] = Field(None, description="ISO 3166 alpha-3, or null")
    score: float = Field(0.0, description="confidence 0..1")
    reason: str = Field("", description="why it was resolved this way: the rule, the alias, the evidence")
    role: Optional[str] = Field(None, description="location | comparison | origin, from the words around the name")
    kind: PlaceKind = Field("toponym", description='"toponym" (a name, resolved to the gazetteer when it could be), '
                            '"nominal" (a common-noun place such as "the city" or "a petrol station": '
                            'unresolved, no gazetteer entry) or "coordinates" (a point written in the text, '
                            '"35°12′N 43°52′E": lat and lon, no gazetteer entry)')
    within: Optional[str] = Field(None, description='id of the place named right after this one as the area it '
                                  'lies in ("Anbar, Iraq": Anbar is within Iraq), when the gazetteer agrees')


class TimeRef(_Base):
    id: str = Field(description="time expression id, <article id>:t<n>")
    text: str = Field(description="the expression as written")
    start: int = Field(description="start offset in the article text")
    end: int = Field(description="end offset in the article text")
    type: TimexType = Field(description="DATE | TIME | DURATION | SET (TimeML)")
    value: Optional[str] = Field(None, description="TimeML value (2018-08-10, 2018-W33, P3D, PRESENT_REF ...)")
    mod: Optional[str] = Field(None, description="TimeML mod (START, MID, END, APPROX, ...)")
    anchor: Anchor = Field("none", description="what a relative value was resolved against: the publication date "
                           "(dct), the previous date in the text, or nothing")
    score: float = Field(0.0, description="confidence 0..1")
    reason: str = Field("", description="why it was resolved this way: the rule, the alias, the evidence")
    start_date: Optional[_dt.date] = Field(None, description="first day the value covers (DATE/TIME only)")
    end_date: Optional[_dt.date] = Field(None, description="last day the value covers (DATE/TIME only)")
    granularity: Optional[str] = Field(None, description="day | week | month | quarter | season | year | "
                                                         "decade | century | unknown")


class Quantity(_Base):
    kind: QuantityKind = Field(description="killed | injured | arrested | displaced | size | other")
    min: Optional[float] = Field(None, description="lower bound of the number")
    max: Optional[float] = Field(None, description="upper bound of the number")
    text: str = Field(description="the number as written")
    start: int = Field(description="start offset in the article text")
    end: int = Field(description="end offset in the article text")


class EventTime(_Base):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    value: Optional[str] = None
    start_date: Optional[_dt.date] = Field(None, description="first day the time can mean")
    end_date: Optional[_dt.date] = Field(None, description="last day the time can mean")
    granularity: Optional[str] = Field(None, description="day | week | month | season | year | unknown")
    from_: Optional[str] = Field(None, alias="from", description='time id, or "publication date"')


class Event(_Base):
    id: str
    type: str = Field(description="PLOVER event type")
    mode: Optional[str] = None
    cameo: Optional[str] = Field(None, description="CAMEO event code (its first two digits are the root)")
    acled_type: Optional[str] = Field(None, description="ACLED event type, for asserted events ACLED would record")
    acled_subtype: Optional[str] = Field(None, description="ACLED sub-event type")
    intensity: Optional[float] = Field(None, description="PLOVER conflict-cooperation intensity, -10..10")
    modality: Modality = Field("asserted", description="asserted, or what kept the event from being one")
    modality_cue: Optional[TextSpan] = Field(None, description="the cue words that decided the modality")
    reported_by: Optional[str] = Field(None, description="quote id when the event sits inside a statement")
    sources: list[str] = Field(default_factory=list, description="actor ids")
    targets: list[str] = Field(default_factory=list, description="actor ids")
    target_from_place: bool = Field(False, description="the text names no target, so the event's place stands for "
                                                       "it (PLOVER's convention); no actor in the text is acted on")
    place: Optional[str] = Field(None, description="place id")
    time: EventTime = Field(default_factory=EventTime, description="when: resolved date range and its source")
    quantities: list[Quantity] = Field(default_factory=list, description="counts of killed, injured, ... with bounds")
    trigger: TextSpan
    sentence: Sentence
    score: float = 0.0
    reason: str = ""


class Quote(_Base):
    id: str
    kind: QuoteKind
    speaker: Optional[str] = Field(None, description="actor id, or null")
    source: Optional[TextSpan] = None
    cue: Optional[TextSpan] = None
    content: TextSpan
    content_parts: list[TextSpan] = Field(default_factory=list, description="the pieces of a content that its "
                                          "cue interrupts or that runs on in a later paragraph (empty when one piece)")
    about: list[str] = Field(default_factory=list, description="actor ids")
    events: list[str] = Field(default_factory=list, description="event ids")
    score: float = 0.0
    reason: str = ""


class Reject(_Base):
    """An input or a stage result that could not be kept, stored with its reason."""

    source: str = Field(description="file path (with line/row) or article id")
    article_id: Optional[str] = Field(None, description="the article, when one was read")
    stage: str
    code: str
    reason: str


class Record(_Base):
    """Everything dateline knows about one article; each stage adds a field."""

    schema_version: int = SCHEMA_VERSION
    article: Article = Field(description="the article as ingest read it")
    sentences: list[Sentence] = Field(default_factory=list, description="sentence bounds (nlp stage)")
    mentions: list[Mention] = Field(default_factory=list, description="named-entity spans (nlp stage)")
    times: list[TimeRef] = Field(default_factory=list, description="time expressions (time stage)")
    places: list[Place] = Field(default_factory=list, description="toponyms (places stage)")
    actors: list[Actor] = Field(default_factory=list, description="actor mentions (actors stage; events adds unresolved arguments)")
    events: list[Event] = Field(default_factory=list, description="coded events (events stage)")
    quotes: list[Quote] = Field(default_factory=list, description="attributions (quotes stage)")
    rejects: list[Reject] = Field(default_factory=list, description="stage failures for this article")
    stages: list[str] = Field(default_factory=list, description="stages that ran, in order")

    def new_id(self, kind: str, items: list) -> str:
        """A stable id for the next item of a list: ``<article id>:<kind><n>``."""
        return f"{self.article.id}:{kind}{len(items)}"


class EventCluster(_Base):
    """One real-world event reported by one or more event mentions."""

    id: str
    type: str
    members: list[str] = Field(default_factory=list, description="event ids")
    n_articles: int = Field(0, description="articles that report it")
    n_sources: int = Field(0, description="distinct sources (outlets) that report it")
    first_seen: Optional[_dt.date] = Field(None, description="publication date of the first report")
    last_seen: Optional[_dt.date] = Field(None, description="publication date of the last report")
    start_date: Optional[_dt.date] = Field(None, description="earliest date of the event itself")
    end_date: Optional[_dt.date] = Field(None, description="latest date of the event itself")
    place: Optional[str] = Field(None, description="best-supported place (name) of the event")
    summary: dict = Field(default_factory=dict, description="best-supported value per field, with disagreements")
