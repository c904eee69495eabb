"""Shared fixtures: the pipeline built once per test session, and the gold data location."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dateline.eval import shared_data_dir
from dateline.ingest.normalize import article_id
from dateline.model import Article, Record
from dateline.pipeline import Pipeline
from dateline.settings import load_config

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The full default pipeline (pinned spaCy model), loaded once."""
    return Pipeline.from_config(load_config())


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp


@pytest.fixture(scope="session")
def extract(pipeline):
    """extract(text, published="YYYY-MM-DD") -> Record, through every default stage."""

    def _extract(text: str, published: str | None = None) -> Record:
        date = dt.date.fromisoformat(published) if published else None
        art = Article(id=article_id(text), text=text, published=date,
                      published_from="user" if date else "none")
        return pipeline.process([Record(article=art)])[0]

    return _extract


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    """``../shared/data``; tests that need it are skipped, with the reason, when it is absent."""
    path = shared_data_dir()
    if path is None:
        pytest.skip("gold data not available: ../shared/data is absent beside the checkout")
    return path


# Counted by tests/test_fuzz.py, printed at the end of the run (`make fuzz` reports it).
FUZZ_CASES = {"n": 0}


def pytest_terminal_summary(terminalreporter):
    if FUZZ_CASES["n"]:
        terminalreporter.write_line(f"fuzz cases run: {FUZZ_CASES['n']}")
