"""Registration of the time stage."""

from __future__ import annotations

from ..model import Record
from ..pipeline import register


@register("time", "dateline.time.v1", requires=("sentences", "mentions"), assigns=("times",),
          description="not built yet: sets no times (a no-op placeholder)", implemented=False)
def make_time_stage(config: dict):
    def time_stage(record: Record, doc) -> None:
        return None

    return time_stage
