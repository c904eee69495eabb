"""Registration of the places stage."""

from __future__ import annotations

from ..model import Record
from ..pipeline import register


@register("places", "dateline.places.v1", requires=("sentences", "mentions"), assigns=("places",),
          description="not built yet: sets no places (a no-op placeholder)", implemented=False)
def make_places_stage(config: dict):
    def places_stage(record: Record, doc) -> None:
        return None

    return places_stage
