"""Registration of the actors stage."""

from __future__ import annotations

from ..model import Record
from ..pipeline import register


@register("actors", "dateline.actors.v1", requires=("sentences", "mentions"), assigns=("actors",),
          description="not built yet: sets no actors (a no-op placeholder)", implemented=False)
def make_actors_stage(config: dict):
    def actors_stage(record: Record, doc) -> None:
        return None

    return actors_stage
