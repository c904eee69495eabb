"""link: across articles.

- :mod:`.cluster` — event linking: mentions of one real-world event become one cluster
  (incremental; rules in ``data/linking.yaml``).
- :mod:`.timelines` — actor and dyad timelines: counts, mean intensity, QuadClass per period.
- :mod:`.tls` — topic timeline summaries (DATEWISE-style day ranking and sentence choice).
- :mod:`.dateref` — a regex-only finder of day-level date references, for corpus-scale work.
- :mod:`.report` — Markdown and HTML renderings.

Everything here is computation over values handed in; nothing imports the store, the CLI or
the evaluation code (``dateline.store.timeline_queries`` reads and writes the rows).
"""
