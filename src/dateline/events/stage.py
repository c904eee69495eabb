"""The events stage: who did what to whom, coded in PLOVER with CAMEO and ACLED, modality kept apart.

Compute first (:func:`compute`: triggers, arguments, modality, quantities for every sentence, as
plain drafts), write second (:func:`write`: new actors for unresolved agents, then the events).
The words that decide are data: ``data/lexicon.yaml`` (triggers), ``data/cues.yaml`` (modality,
light verbs, quantities), ``data/cameo_plover.tsv`` (the CAMEO crosswalk); see docs/events.md.

This module registers the stage and runs it sentence by sentence; the rules live beside it, one concern
a module:
- draft.py: the Draft an event is computed into (score depth penalty, cue span, event time);
- drafting.py: a sentence's drafts from its trigger candidates;
- arguments.py: what the argument rules share (the Arg, one argument per conjunct, pronouns, argument
  spans), with the rules beside it: subjects.py (a verb's subject or controller), verb_arguments.py
  and noun_arguments.py (sources and targets of a verb or noun trigger), owners.py (who an object or
  an act belongs to), place_time.py (the event's place and time);
- verb_sides.py: sides of a verb event the general argument rules (arguments.py and the modules
  beside it) leave out;
- endings.py: events another verb ends ("suspended their protests");
- senses.py: senses of a trigger word that name no event or another one ("released a statement",
  "fired into the air", "the unions called a strike");
- across_drafts.py: rules over a sentence's drafts together (inherited targets, ranking, orders,
  rallies, quantities);
- linking.py: argument spans to actors, new actors for unresolved agents;
- place_target.py: the event's place standing for a missing target (PLOVER convention);
- writing.py: the Event objects, with their evidence.
"""

from __future__ import annotations

from ..model import Record
from ..pipeline import register
from . import lexicon as lexmod
from .draft import Draft
from .drafting import _sentence_drafts
from .writing import write

# Names moved out of this module, importable from here as before.
from .across_drafts import (ALONGSIDE_PREPS, EXECUTED_TYPES, EXECUTIVE_VERBS, RALLY_VERBS,  # noqa: F401
                            _attach_quantities, _executed_orders, _fought_alongside, _inherit_targets, _rallies,
                            _rank_below_governors)
from .arguments import PERSONAL_PRONOUNS  # noqa: F401
from .draft import _depth_penalty, _event_time, _span  # noqa: F401
from .endings import OWN_ENDING_TYPES, _ended_by  # noqa: F401
from .linking import _for_args, _identity, _link  # noqa: F401
from .place_target import PLACE_TARGET_TYPES, _place_as_target  # noqa: F401
from .verb_sides import (FORCE_NOUNS, MODAL_DEMAND, MODAL_KEY, TOPIC_PREPS, _modal_demands,  # noqa: F401
                         _more_verb_sides, _prep_targets, _reporting_subjects)

# longer "sentences" are usually tables or run-on lists; parse-based rules fail there
MAX_SENTENCE_TOKENS = 400


def compute(record: Record, doc, lex=None) -> list[Draft]:
    """Compute: event drafts for every sentence of the record (nothing is written)."""
    lex = lex or lexmod.load()
    drafts: list[Draft] = []
    text_len = len(record.article.text)
    for sentence in record.sentences:
        if sentence.end > text_len:
            continue
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None or not len(span) or len(span) > MAX_SENTENCE_TOKENS:
            continue
        drafts.extend(_sentence_drafts(record, doc, span, sentence, lex))
    return drafts


@register("events", "dateline.events.v1", requires=("sentences", "mentions", "actors", "times", "places"),
          assigns=("events",),
          spacy=("token.tag", "token.pos", "token.lemma", "token.dep", "token.head", "doc.sents", "doc.ents",
                 "token.ent_type"),
          description="PLOVER events with mode, intensity, CAMEO and ACLED codes, arguments, modality and "
                      "quantities from the dependency parse and a YAML trigger lexicon")
def make_events_stage(config: dict):
    lex = lexmod.load()

    def events_stage(record: Record, doc) -> None:
        if doc is None or not record.sentences:
            return
        write(record, compute(record, doc, lex), lex)

    return events_stage
