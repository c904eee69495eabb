"""Registration of the quotes stage."""

from __future__ import annotations

from ..model import Record
from ..pipeline import register


@register("quotes", "dateline.quotes.v1", requires=("sentences", "mentions"), assigns=("quotes",),
          description="not built yet: sets no quotes (a no-op placeholder)", implemented=False)
def make_quotes_stage(config: dict):
    def quotes_stage(record: Record, doc) -> None:
        return None

    return quotes_stage
