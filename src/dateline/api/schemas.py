"""Response models of the HTTP API: every field documented, so the OpenAPI schema explains itself.

Field names follow the output contract of :mod:`dateline.model` and the rows of
:mod:`dateline.store.queries`; offsets are character (code point) offsets into the article text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class ErrorDetail(_Out):
    code: str = Field(description="stable error code, e.g. E401 (bad query parameter), E410 (no such item)")
    message: str = Field(description="what went wrong")
    hint: str = Field("", description="what to do about it")


class ErrorResponse(_Out):
    error: ErrorDetail = Field(description="what went wrong, with a stable code")


class Page(_Out, Generic[T]):
    total: int = Field(description="rows that match the filters, over all pages")
    limit: int = Field(description="rows per page asked for")
    offset: int = Field(description="rows skipped")
    items: list[T] = Field(description="the rows of this page")


class Slice(_Out, Generic[T]):
    limit: int = Field(description="rows per page asked for")
    offset: int = Field(description="rows skipped")
    has_more: bool = Field(description="whether a next page exists (offset + limit)")
    items: list[T] = Field(description="the rows of this page")


class Span(_Out):
    text: str = Field(description="the characters of the article text")
    start: int = Field(description="offset of the first character in the article text")
    end: int = Field(description="offset after the last character")


# --- annotations of an article -------------------------------------------------------------------
class ActorMention(_Out):
    id: str = Field(description="actor mention id, <article id>:a<n>")
    text: str = Field(description="the mention as written")
    start: int = Field(description="start offset in the article text")
    end: int = Field(description="end offset in the article text")
    name: Optional[str] = Field(None, description="canonical name of the resolved actor")
    country: Optional[str] = Field(None, description="ISO 3166 alpha-3 country, or null")
    sector: Optional[str] = Field(None, description="sector code: GOV, MIL, REB, OPP, CVL, IGO, NGO, MED, BUS, ...")
    kb_id: Optional[str] = Field(None, description="id of the knowledge-base entry")
    score: Optional[float] = Field(None, description="confidence 0..1")
    reason: Optional[str] = Field(None, description="why the mention was resolved this way")


class PlaceMention(_Out):
    id: str = Field(description="place mention id, <article id>:p<n>")
    text: str = Field(description="the mention as written")
    start: int = Field(description="start offset in the article text")
    end: int = Field(description="end offset in the article text")
    name: Optional[str] = Field(None, description="resolved place name")
    geonameid: Optional[int] = Field(None, description="GeoNames id")
    feature: Optional[str] = Field(None, description="country | admin1 | admin2 | city | region | other")
    lat: Optional[float] = Field(None, description="latitude, WGS84 degrees")
    lon: Optional[float] = Field(None, description="longitude, WGS84 degrees")
    admin1: Optional[str] = Field(None, description="first-level administrative area")
    country: Optional[str] = Field(None, description="country code of the place")
    score: Optional[float] = Field(None, description="confidence 0..1")
    reason: Optional[str] = Field(None, description="why the mention was resolved this way")
    role: Optional[str] = Field(None, description="location | comparison | origin, when known")
    kind: str = Field("toponym", description='toponym | nominal (a common-noun place such as "the city", '
                                             'not resolved) | coordinates (a point written in the text)')
    within: Optional[str] = Field(None, description='id of the place named after it as its container ("Anbar, Iraq")')


class TimeMention(_Out):
    id: str = Field(description="time expression id, <article id>:t<n>")
    text: str = Field(description="the expression as written")
    start: int = Field(description="start offset in the article text")
    end: int = Field(description="end offset in the article text")
    type: Optional[str] = Field(None, description="DATE | TIME | DURATION | SET (TimeML)")
    value: Optional[str] = Field(None, description="TimeML value, e.g. 2018-08-10, 2018-W33, P3D")
    mod: Optional[str] = Field(None, description="TimeML mod: START, MID, END, APPROX, ...")
    anchor: Optional[str] = Field(None, description="dct | previous | none: what a relative date was resolved against")
    score: Optional[float] = Field(None, description="confidence 0..1")
    reason: Optional[str] = Field(None, description="how the value was worked out")


class Quantity(_Out):
    kind: str = Field(description="killed | injured | arrested | displaced | size | other")
    min: Optional[float] = Field(None, description="lower bound of the number")
    max: Optional[float] = Field(None, description="upper bound of the number")
    text: str = Field(description="the number as written")
    start: int = Field(description="start offset in the article text")
    end: int = Field(description="end offset in the article text")


class SentenceOut(_Out):
    id: Optional[str] = Field(None, description="sentence id, <article id>:s<n>")
    start: int = Field(description="start offset in the article text")
    end: int = Field(description="end offset in the article text")
    text: str = Field("", description="the sentence")


class QuoteOut(_Out):
    id: str = Field(description="quote id, <article id>:q<n>")
    article_id: str = Field(description="article the quote is in")
    date: Optional[dt.date] = Field(None, description="publication date of the article (a quote is dated by it)")
    kind: Optional[str] = Field(None, description="direct | indirect | mixed")
    speaker: Optional[str] = Field(None, description="actor mention id of the speaker, or null")
    speaker_name: Optional[str] = Field(None, description="resolved name (or text) of the speaker")
    source: Optional[Span] = Field(None, description="who is credited, as written")
    cue: Optional[Span] = Field(None, description="the reporting verb or cue, e.g. said")
    content: Optional[Span] = Field(None, description="what was said")
    about: list[str] = Field(default_factory=list, description="actor mention ids the quote is about")
    events: list[str] = Field(default_factory=list, description="event ids reported inside the quote")
    score: Optional[float] = Field(None, description="confidence 0..1")
    reason: Optional[str] = Field(None, description="why this was taken as a quote")


# --- events --------------------------------------------------------------------------------------
class EventRow(_Out):
    """One row of the event list (the fields of `dateline events`, plus display labels)."""

    id: str = Field(description="event id, <article id>:e<n>")
    date: Optional[dt.date] = Field(None, description="event start date, else the publication date")
    type: str = Field(description="PLOVER event type, e.g. ASSAULT")
    mode: Optional[str] = Field(None, description="PLOVER mode, e.g. aerial")
    modality: Optional[str] = Field(None, description="asserted | negated | hypothetical | future | threatened | demanded")
    cameo: Optional[str] = Field(None, description="CAMEO code")
    intensity: Optional[float] = Field(None, description="PLOVER conflict-cooperation intensity, -10..10")
    sources: list[str] = Field(default_factory=list, description="actor mention ids of who acted")
    targets: list[str] = Field(default_factory=list, description="actor mention ids of who was acted on")
    source_names: list[str] = Field(default_factory=list, description="names of the source actors, in order")
    target_names: list[str] = Field(default_factory=list, description="names of the target actors, in order")
    place: Optional[str] = Field(None, description="place mention id, or null")
    place_name: Optional[str] = Field(None, description="resolved name of the place")
    lat: Optional[float] = Field(None, description="latitude of the place")
    lon: Optional[float] = Field(None, description="longitude of the place")
    place_country: Optional[str] = Field(None, description="country code of the place")
    trigger_text: Optional[str] = Field(None, description="the word(s) that express the event")
    sentence: Optional[str] = Field(None, description="the evidence sentence")
    score: Optional[float] = Field(None, description="confidence 0..1")
    reason: Optional[str] = Field(None, description="why the event was coded this way")
    article_id: str = Field(description="article the event was read from")
    article_title: Optional[str] = Field(None, description="title of that article")
    outlet: Optional[str] = Field(None, description="publisher of that article")


class EventTimeOut(_Out):
    value: Optional[str] = Field(None, description="TimeML value of the event time")
    start_date: Optional[dt.date] = Field(None, description="first day the event may have happened")
    end_date: Optional[dt.date] = Field(None, description="last day the event may have happened")
    granularity: Optional[str] = Field(None, description="day | week | month | season | year | unknown")
    from_: Optional[str] = Field(None, alias="from", description='time id, or "publication date"')
    ref: Optional[TimeMention] = Field(None, description="the time expression the date came from")


class ArticleRef(_Out):
    id: str = Field(description="article id: sha256 (16 hex digits) of the normalised text")
    title: Optional[str] = Field(None, description="title")
    url: Optional[str] = Field(None, description="URL, as data (the server never fetches it)")
    source: Optional[str] = Field(None, description="publisher or outlet")
    published: Optional[dt.date] = Field(None, description="publication date")
    text: str = Field(description="the full normalised text; every offset points into it")


class EventDetail(_Out):
    id: str = Field(description="event id")
    type: str = Field(description="PLOVER event type")
    mode: Optional[str] = Field(None, description="PLOVER mode")
    cameo: Optional[str] = Field(None, description="CAMEO code")
    acled_type: Optional[str] = Field(None, description="ACLED event type")
    acled_subtype: Optional[str] = Field(None, description="ACLED sub-event type")
    intensity: Optional[float] = Field(None, description="PLOVER conflict-cooperation intensity, -10..10")
    modality: Optional[str] = Field(None, description="asserted | negated | hypothetical | future | threatened | demanded")
    modality_cue: Optional[Span] = Field(None, description="the words that set the modality")
    reported_by: Optional[QuoteOut] = Field(None, description="the statement the event was reported in")
    sources: list[ActorMention] = Field(default_factory=list, description="who acted, with evidence and reasons")
    targets: list[ActorMention] = Field(default_factory=list, description="who was acted on")
    place: Optional[PlaceMention] = Field(None, description="where, with evidence and reason")
    time: EventTimeOut = Field(description="when, with the time expression it came from")
    quantities: list[Quantity] = Field(default_factory=list, description="numbers: killed, injured, ...")
    trigger: Span = Field(description="the word(s) that express the event")
    sentence: SentenceOut = Field(description="the evidence sentence")
    score: Optional[float] = Field(None, description="confidence 0..1")
    reason: Optional[str] = Field(None, description="why the event was coded this way")
    cluster_id: Optional[str] = Field(None, description="the cross-article cluster (one real-world event)")
    article: ArticleRef = Field(description="the article, with its full text")


# --- articles ------------------------------------------------------------------------------------
class ArticleRow(_Out):
    id: str = Field(description="article id")
    published: Optional[dt.date] = Field(None, description="publication date")
    published_from: Optional[str] = Field(None, description="header | metadata | user | none")
    title: Optional[str] = Field(None, description="title")
    source: Optional[str] = Field(None, description="publisher or outlet")
    path: Optional[str] = Field(None, description="where the article was read from when it was ingested (data only)")
    flags: list[str] = Field(default_factory=list, description="warnings, e.g. W102 no publication date")
    n_sentences: Optional[int] = Field(None, description="number of sentences")
    n_copies: Optional[int] = Field(None, description="how many inputs had this exact text")


class ArticleDetail(_Out):
    id: str = Field(description="article id")
    title: Optional[str] = Field(None, description="title")
    url: Optional[str] = Field(None, description="URL, as data")
    source: Optional[str] = Field(None, description="publisher or outlet")
    published: Optional[dt.date] = Field(None, description="publication date")
    published_from: Optional[str] = Field(None, description="header | metadata | user | none")
    language: Optional[str] = Field(None, description="language code")
    flags: list[str] = Field(default_factory=list, description="warnings kept with the article")
    text: str = Field(description="the full normalised text; every offset points into it")
    sentences: list[SentenceOut] = Field(default_factory=list, description="sentence boundaries")
    actors: list[ActorMention] = Field(default_factory=list, description="actor mentions")
    places: list[PlaceMention] = Field(default_factory=list, description="place mentions")
    times: list[TimeMention] = Field(default_factory=list, description="time expressions")
    events: list[EventRow] = Field(default_factory=list, description="events coded in the article (every modality)")
    quotes: list[QuoteOut] = Field(default_factory=list, description="statements in the article")


# --- actors, places, quotes, clusters ------------------------------------------------------------
class ActorSummary(_Out):
    label: str = Field(description="canonical name, else the mention text: the key of /api/actors/{name}")
    country: Optional[str] = Field(None, description="ISO 3166 alpha-3 country")
    sector: Optional[str] = Field(None, description="sector code")
    kb_id: Optional[str] = Field(None, description="knowledge-base id")
    n_mentions: int = Field(description="mentions in all articles")
    n_events: int = Field(description="events the actor takes part in (every modality)")
    n_articles: int = Field(description="articles that mention the actor")


class Count(_Out):
    value: Optional[str] = Field(None, description="the value counted")
    n: int = Field(description="how many times")


class Identity(_Out):
    name: Optional[str] = Field(None, description="canonical name")
    country: Optional[str] = Field(None, description="ISO 3166 alpha-3 country")
    sector: Optional[str] = Field(None, description="sector code")
    kb_id: Optional[str] = Field(None, description="knowledge-base id")
    n: int = Field(description="mentions resolved to this identity")


class TimelineBucket(_Out):
    period: dt.date = Field(description="first day of the period")
    n_events: int = Field(description="events in the period")
    mean_intensity: Optional[float] = Field(None, description="mean PLOVER intensity (-10 conflict .. 10 cooperation)")
    sum_intensity: Optional[float] = Field(None, description="summed intensity")
    verbal_cooperation: int = Field(0, description="events of QuadClass 1")
    material_cooperation: int = Field(0, description="events of QuadClass 2")
    verbal_conflict: int = Field(0, description="events of QuadClass 3")
    material_conflict: int = Field(0, description="events of QuadClass 4")


class Timeline(_Out):
    period: str = Field(description="day | week | month | year")
    n_events: int = Field(description="events that match the filters")
    buckets: list[TimelineBucket] = Field(description="one per period that has events, in date order")


class ActorDetail(_Out):
    name: str = Field(description="the actor asked for (ISO3 country, name, KB id or text)")
    identities: list[Identity] = Field(description="resolved identities matched, most mentions first")
    aliases: list[Count] = Field(description="how the actor is written in the articles")
    roles: list[Count] = Field(description="source / target counts in events, and statements made (speaker)")
    n_mentions: int = Field(description="mentions in all articles")
    events: Page[EventRow] = Field(description="the actor's events (every modality), first page")
    statements: list["QuoteRow"] = Field(description="statements the actor made, first 50")
    timeline: list[TimelineBucket] = Field(description="the actor's events per month")


class PlaceSummary(_Out):
    name: Optional[str] = Field(None, description="resolved place name")
    lat: float = Field(description="latitude")
    lon: float = Field(description="longitude")
    country: Optional[str] = Field(None, description="country code")
    n_events: int = Field(description="events at this place that pass the filters")


class Places(_Out):
    n_events: int = Field(description="events that pass the filters")
    n_mapped: int = Field(description="of those, events with a place that has coordinates")
    items: list[PlaceSummary] = Field(description="places, most events first")


class QuoteRow(_Out):
    id: str = Field(description="quote id")
    date: Optional[dt.date] = Field(None, description="publication date of the article")
    kind: Optional[str] = Field(None, description="direct | indirect | mixed")
    speaker: Optional[str] = Field(None, description="actor mention id of the speaker")
    speaker_name: Optional[str] = Field(None, description="resolved name (or text) of the speaker")
    source: Optional[str] = Field(None, description="who is credited, as written")
    cue: Optional[str] = Field(None, description="the cue, e.g. said")
    content: Optional[str] = Field(None, description="what was said")
    about: list[str] = Field(default_factory=list, description="actor mention ids the quote is about")
    events: list[str] = Field(default_factory=list, description="event ids inside the quote")
    score: Optional[float] = Field(None, description="confidence 0..1")
    reason: Optional[str] = Field(None, description="why this was taken as a quote")
    article_id: str = Field(description="article the quote is in")


class ClusterRow(_Out):
    id: str = Field(description="cluster id")
    type: Optional[str] = Field(None, description="PLOVER type of the real-world event")
    start_date: Optional[dt.date] = Field(None, description="first possible day")
    end_date: Optional[dt.date] = Field(None, description="last possible day")
    place: Optional[str] = Field(None, description="best-supported place")
    n_articles: Optional[int] = Field(None, description="articles that report it")
    n_sources: Optional[int] = Field(None, description="distinct outlets that report it")
    first_seen: Optional[dt.date] = Field(None, description="first publication date")
    last_seen: Optional[dt.date] = Field(None, description="last publication date")
    summary: dict[str, Any] = Field(default_factory=dict, description="best-supported value per field, with the values seen")
    disagreements: dict[str, Any] = Field(default_factory=dict, description="fields whose sources disagree, with their values")


class DyadItem(_Out):
    date: Optional[dt.date] = Field(None, description="event date, or publication date of a statement")
    kind: str = Field(description="event | statement")
    type: Optional[str] = Field(None, description="PLOVER type (events)")
    cameo: Optional[str] = Field(None, description="CAMEO code")
    quadclass: Optional[int] = Field(None, description="1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict")
    intensity: Optional[float] = Field(None, description="PLOVER intensity")
    modality: Optional[str] = Field(None, description="modality (events)")
    sources: Optional[str] = Field(None, description="source actors (or the speaker), comma-separated")
    targets: Optional[str] = Field(None, description="target actors, comma-separated")
    text: str = Field("", description="the evidence sentence or the statement")
    id: str = Field(description="event or quote id")
    article_id: str = Field(description="article id")
    cluster_id: Optional[str] = Field(None, description="cluster of the event")


class DyadPeriod(_Out):
    period: dt.date = Field(description="first day of the period")
    n_events: int = Field(description="events between the two actors (either direction)")
    n_statements: int = Field(0, description="statements of the first actor about the second")
    mean_intensity: Optional[float] = Field(None, description="mean PLOVER intensity")
    verbal_cooperation: int = Field(0, description="events of QuadClass 1")
    material_cooperation: int = Field(0, description="events of QuadClass 2")
    verbal_conflict: int = Field(0, description="events of QuadClass 3")
    material_conflict: int = Field(0, description="events of QuadClass 4")


class Dyad(_Out):
    actors: list[str] = Field(description="the two actors asked for")
    period: str = Field(description="day | week | month")
    n_items: int = Field(description="events and statements found")
    periods: list[DyadPeriod] = Field(description="counts and intensity per period: cooperation vs conflict")
    items: list[DyadItem] = Field(description="the events and statements, oldest first (paged)")


class NetworkNode(_Out):
    label: str = Field(description="actor name (key of /api/actors/{name})")
    country: Optional[str] = Field(None, description="country code")
    sector: Optional[str] = Field(None, description="sector code")
    n_events: int = Field(description="events on the edges shown")


class NetworkEdge(_Out):
    source: str = Field(description="actor who acts")
    target: str = Field(description="actor acted on")
    n_events: int = Field(description="events from source to target")
    mean_intensity: Optional[float] = Field(None, description="mean PLOVER intensity of those events")


class Network(_Out):
    nodes: list[NetworkNode] = Field(description="actors on the edges shown")
    edges: list[NetworkEdge] = Field(description="who acts on whom, most events first")


class SearchHit(_Out):
    kind: str = Field(description="article | quote")
    id: str = Field(description="article id or quote id")
    article_id: str = Field(description="article id")
    title: Optional[str] = Field(None, description="article title")
    published: Optional[dt.date] = Field(None, description="publication date")
    snippet: str = Field(description="text around the first match")
    score: float = Field(description="relevance: BM25 with the fts extension, else the number of term matches")


class SearchResult(_Out):
    q: str = Field(description="the query")
    mode: str = Field(description="fts (DuckDB full-text search, BM25) or ilike (substring match of every term)")
    total: int = Field(description="hits over all pages")
    limit: int = Field(description="rows per page")
    offset: int = Field(description="rows skipped")
    items: list[SearchHit] = Field(description="hits, best first")


class Stats(_Out):
    schema_version: int = Field(description="schema version of the database")
    tables: dict[str, int] = Field(description="rows per table")
    events_by_type: dict[str, int] = Field(description="events per PLOVER type (every modality)")
    events_by_modality: dict[str, int] = Field(description="events per modality")
    first_date: Optional[dt.date] = Field(None, description="earliest event date")
    last_date: Optional[dt.date] = Field(None, description="latest event date")
    search_mode: str = Field(description="fts or ilike: how /api/search works on this server")
    modalities: list[str] = Field(description="modality filter values (plus all)")
    types: list[str] = Field(description="PLOVER event types")
