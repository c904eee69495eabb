"""Response models of the HTTP API: every field documented, so the OpenAPI schema explains itself.

The mentions of an article (actors, places, times, quantities, spans) are the classes of
:mod:`dateline.model` itself; the other answers are the rows of :mod:`dateline.store` queries, with
the field names of the output contract. Offsets are character (code point) offsets into the article
text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from .. import model as m

T = TypeVar("T")
# Stored rows carry columns the answer leaves out (article ids, query columns): ignore them.
API_CONFIG = ConfigDict(extra="ignore", populate_by_name=True)


class _Out(BaseModel):
    model_config = API_CONFIG


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


class Span(m.TextSpan):
    model_config = API_CONFIG


# --- annotations of an article: the classes of dateline.model, read from the store ----------------
class ActorMention(m.Actor):
    model_config = API_CONFIG


class PlaceMention(m.Place):
    model_config = API_CONFIG


class TimeMention(m.TimeRef):
    model_config = API_CONFIG


class Quantity(m.Quantity):
    model_config = API_CONFIG


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
    target_from_place: bool = Field(False, description="the text names no target, so the event's place stands for "
                                                       "it (PLOVER's convention)")
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
    """One row of `dateline actors`."""

    name: str = Field(description="canonical name, else the mention text: the key of /api/actors/{name}")
    kb_id: Optional[str] = Field(None, description="knowledge-base id")
    country: Optional[str] = Field(None, description="ISO 3166 alpha-3 country")
    sector: Optional[str] = Field(None, description="sector code")
    mentions: int = Field(description="mentions in all articles")
    articles: int = Field(description="articles that mention the actor")
    events: int = Field(description="events the actor takes part in (every modality)")
    first: Optional[dt.date] = Field(None, description="publication date of the first article that mentions it")
    last: Optional[dt.date] = Field(None, description="publication date of the last article that mentions it")


class Count(_Out):
    value: Optional[str] = Field(None, description="the value counted")
    n: int = Field(description="how many times")


class Alias(_Out):
    text: str = Field(description="the actor as written in an article")
    mentions: int = Field(description="how many mentions are written so")


class Identity(_Out):
    country: Optional[str] = Field(None, description="ISO 3166 alpha-3 country")
    sector: Optional[str] = Field(None, description="sector code")
    mentions: int = Field(description="mentions resolved to this country and sector")
    first: Optional[dt.date] = Field(None, description="first publication date with this identity")
    last: Optional[dt.date] = Field(None, description="last publication date with this identity")


class KbRole(_Out):
    kb_id: str = Field(description="knowledge-base id")
    sector: Optional[str] = Field(None, description="sector code")
    country: Optional[str] = Field(None, description="ISO 3166 alpha-3 country")
    org: Optional[str] = Field(None, description="organisation the role is in")
    office: Optional[str] = Field(None, description="office held, e.g. president")
    start: Optional[str] = Field(None, description="start of the role (YYYY-MM-DD), if known")
    end: Optional[str] = Field(None, description="end of the role (YYYY-MM-DD), if known")


class RoleCount(_Out):
    role: str = Field(description="source | target (in events) or speaker (of quotes)")
    n: int = Field(description="events (or quotes) in that role")


class ActorQuote(_Out):
    id: str = Field(description="quote id")
    date: Optional[dt.date] = Field(None, description="publication date of the article")
    kind: Optional[str] = Field(None, description="direct | indirect | mixed")
    role: str = Field(description="speaker: the actor said it; about: the actor is mentioned in it")
    speaker_name: Optional[str] = Field(None, description="resolved name (or text) of the speaker")
    source: Optional[str] = Field(None, description="who is credited, as written")
    cue: Optional[str] = Field(None, description="the cue, e.g. said")
    content: Optional[str] = Field(None, description="what was said")
    article_id: str = Field(description="article the quote is in")


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
    """The answer of `dateline actor NAME`, with the events as a first page of the event list and a
    monthly timeline."""

    name: str = Field(description="canonical name, else the text as written")
    kb_ids: list[str] = Field(description="knowledge-base entries the mentions resolved to")
    aliases: list[Alias] = Field(description="how the actor is written in the articles, most used first")
    roles: list[Identity] = Field(description="country and sector the mentions resolved to, most mentions first")
    kb_roles: list[KbRole] = Field(description="the knowledge base's dated roles of its entries")
    mentions: int = Field(description="mentions in all articles")
    articles: int = Field(description="articles that mention the actor")
    event_roles: list[RoleCount] = Field(description="how often it was source or target of an event, or a speaker")
    events_actor: str = Field(description="the --actor value (the `actor` filter) that lists its events")
    events: Page[EventRow] = Field(description="its events (every modality), first page")
    quotes: list[ActorQuote] = Field(description="quotes by it (role speaker) or about it (role about)")
    timeline: list[TimelineBucket] = Field(description="its events per month")


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
