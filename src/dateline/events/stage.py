"""Registration of the events stage."""

from __future__ import annotations

from ..model import Record
from ..pipeline import register


@register("events", "dateline.events.v1", requires=("sentences", "mentions"), assigns=("events",),
          description="not built yet: sets no events (a no-op placeholder)", implemented=False)
def make_events_stage(config: dict):
    def events_stage(record: Record, doc) -> None:
        return None

    return events_stage
