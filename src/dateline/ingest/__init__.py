"""Ingest: files, folders, globs, stdin; text, JSON Lines, CSV and HTML; dates; duplicates.

Ingest knows nothing of the stages: it yields :class:`~dateline.model.Article`
or :class:`~dateline.model.Reject` records.
"""

from .reader import read_inputs

__all__ = ["read_inputs"]
