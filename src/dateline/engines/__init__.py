"""Engines that run the stages somewhere else than the embedded process pool.

``local`` (the default) is the embedded run in :mod:`dateline.runner` and needs nothing from
here. ``dask`` (:mod:`dateline.engines.dask`, the optional ``dask`` extra) runs the same
:class:`~dateline.pipeline.Pipeline` on the workers of a Dask cluster and writes Parquet shards
(:mod:`dateline.store.shards`). This package imports no engine until one is asked for.
"""

from __future__ import annotations

import importlib.util

from ..errors import DatelineError

ENGINES = ("local", "dask")


def require_dask() -> None:
    """Raise a coded error, with the install command, when the ``dask`` extra is missing."""
    missing = [m for m in ("dask", "distributed") if importlib.util.find_spec(m) is None]
    if missing:
        raise DatelineError("E501", f"The Dask engine needs {' and '.join(missing)}, which is not installed.",
                            "Install the extra: pip install 'dateline[dask]' (or run with --engine local).")


def run_dask(*args, **kwargs):
    """:func:`dateline.engines.dask.run_dask`, after checking that the extra is installed."""
    require_dask()
    from .dask import run_dask as _run_dask

    return _run_dask(*args, **kwargs)
