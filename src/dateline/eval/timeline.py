"""Timeline summarisation on Timeline17: alignment-based ROUGE (many-to-one) and date F1.

Protocol (the one news-tls uses for its published T17 figures):

* the folders of a topic are pooled (``bpoil_bbc`` + ``bpoil_guardian`` ... -> ``bpoil``);
* every gold timeline is a separate reference; the input is restricted to articles published
  within the reference's first and last date; the system is asked for as many dates as the
  reference has and ``round(mean sentences per date)`` sentences per date;
* scores: tilse's ``align_date_content_costs_many_to_one`` ROUGE-1/ROUGE-2 and date P/R; precision
  and recall are averaged over reference timelines, then F1 is taken from the averages.

ROUGE is computed here as the ROUGE-1.5.5 Perl script computes it with tilse's options
(``-n 2 -m -s -t 2 -f A``): lower-casing, ``-`` split off, everything but ``[A-Za-z0-9-]``
blanked, SMART stop words removed, tokens longer than 3 characters looked up in the WordNet
exception list and otherwise Porter-stemmed by the script's own stemmer, clipped n-gram counts.
``tests/test_link_rouge.py`` checks it against numbers the Perl script printed.

Dates are found with :mod:`dateline.link.dateref` (regular expressions, no parse), so the whole
of T17 runs in about a minute. Development split: the ``bpoil`` and ``H1N1`` topics were used to
set the ranking weights; ``heldout_*`` metrics are over the other topics only.
"""

from __future__ import annotations

import collections
import datetime as dt
import re
import string
import time
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import numpy as np

from ..errors import DatelineError
from ..link.dateref import day_refs
from ..link.tls import TimelineSentence, summarise

DATA = Path(__file__).resolve().parent / "timeline_data"
DEV_TOPICS = ("bpoil", "H1N1")
SEPARATOR = "-" * 32
# tilse's preprocessing repairs this one malformed gold date (see the T17 README).
DATE_FIXES = {"2011-04-0": "2011-04-02"}


# --- ROUGE-1.5.5, -n 2 -m -s ----------------------------------------------------------------
@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(line.rstrip("\n") for line in (DATA / "rouge_stopwords.txt").read_text().splitlines())


@lru_cache(maxsize=1)
def _exceptions() -> dict[str, str]:
    out = {}
    for line in (DATA / "rouge_wordnet_exceptions.tsv").read_text().splitlines():
        k, _, v = line.partition("\t")
        out[k] = v
    return out


_C = "[^aeiou][^aeiouy]*"
_V = "[aeiouy][aeiou]*"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_VOWEL_IN = re.compile(f"^({_C})?[aeiouy]")
_CVC = re.compile(f"^{_C}[aeiouy][^aeiouwxy]$")
_STEP2 = {"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
          "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
          "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
          "iviti": "ive", "biliti": "ble", "logi": "log"}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_STEP2_RE = re.compile("(" + "|".join(_STEP2) + ")$")
_STEP3_RE = re.compile("(" + "|".join(_STEP3) + ")$")
_STEP4_RE = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")


@lru_cache(maxsize=200_000)
def porter_rouge(w: str) -> str:
    """The Porter stemmer exactly as ROUGE-1.5.5's ``stem`` (including its 2004 step-4 change)."""
    if len(w) < 3:
        return w
    first_y = w[0] == "y"
    if first_y:
        w = "Y" + w[1:]
    if (m := re.search("(ss|i)es$", w)):
        w = w[:m.start()] + m.group(1)
    elif (m := re.search("([^s])s$", w)):
        w = w[:m.start()] + m.group(1)
    if (m := re.search("eed$", w)):
        if _MGR0.search(w[:m.start()]):
            w = w[:-1]
    elif (m := re.search("(ed|ing)$", w)):
        stem = w[:m.start()]
        if _VOWEL_IN.search(stem):
            w = stem
            if re.search("(at|bl|iz)$", w):
                w += "e"
            elif re.search(r"([^aeiouylsz])\1$", w):
                w = w[:-1]
            elif _CVC.search(w):
                w += "e"
    if (m := re.search("y$", w)):
        stem = w[:m.start()]
        if _VOWEL_IN.search(stem):
            w = stem + "i"
    if (m := _STEP2_RE.search(w)):
        stem = w[:m.start()]
        if _MGR0.search(stem):
            w = stem + _STEP2[m.group(1)]
    if (m := _STEP3_RE.search(w)):
        stem = w[:m.start()]
        if _MGR0.search(stem):
            w = stem + _STEP3[m.group(1)]
    if (m := _STEP4_RE.search(w)):
        stem = w[:m.start()]
        if _MGR1.search(stem):
            w = stem
    if (m := re.search("ment$", w)):
        stem = w[:m.start()]
        if _MGR1.search(stem):
            w = stem
    if (m := re.search("ent$", w)):
        stem = w[:m.start()]
        if _MGR1.search(stem):
            w = stem
    elif (m := re.search("(s|t)(ion)$", w)):
        stem = w[:m.start()] + m.group(1)
        if _MGR1.search(stem):
            w = stem
    if (m := re.search("e$", w)):
        stem = w[:m.start()]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if w.endswith("ll") and _MGR1.search(w):
        w = w[:-1]
    if first_y:
        w = "y" + w[1:]
    return w


_ASCII_UPPER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_NOT_KEPT = re.compile(r"[^A-Za-z0-9\-]")
_TOKEN_START = re.compile(r"^[a-z0-9$]")


def rouge_tokens(sentences: Iterable[str]) -> list[str]:
    """The tokens ROUGE-1.5.5 counts for a summary given as sentences (pyrouge's SEE format)."""
    texts = []
    for sent in sentences:
        line = " ".join(tok.replace("^", "&circ;") for tok in sent.split())
        line = line.split("<", 1)[0]          # the SEE reader takes the text up to the first '<'
        if line:
            texts.append(line.translate(_ASCII_UPPER))
    if not texts:
        return []
    text = " ".join(texts).replace("-", " - ")
    text = " ".join(_NOT_KEPT.sub(" ", text).split())
    stops, exc = _stopwords(), _exceptions()
    out = []
    for tok in text.split(" ") if text else []:
        if tok in stops or not _TOKEN_START.match(tok):
            continue
        out.append((exc.get(tok) or porter_rouge(tok)) if len(tok) > 3 else tok)
    return out


def ngram_counts(tokens: list[str], n: int) -> collections.Counter:
    return collections.Counter(zip(*(tokens[i:] for i in range(n))))


def rouge_counts(pred: list[str], refs: list[list[str]]) -> dict[str, tuple[int, int, int]]:
    """{"rouge_1": (hits, peer count, model count), "rouge_2": ...} summed over references (-f A)."""
    ptoks = rouge_tokens(pred)
    out = {}
    for n in (1, 2):
        pc = ngram_counts(ptoks, n)
        hit = p = m = 0
        for ref in refs:
            rc = ngram_counts(rouge_tokens(ref), n)
            hit += sum(min(c, rc[g]) for g, c in pc.items() if g in rc)
            p += sum(pc.values())
            m += sum(rc.values())
        out[f"rouge_{n}"] = (hit, p, m)
    return out


# --- tilse's many-to-one alignment ------------------------------------------------------------
def _rouge_approx(pred: list[str], refs: list[list[str]]) -> float:
    """tilse.evaluation.util.compute_rouge_approximation: unigram F on raw tokens, punctuation out."""
    pc = collections.Counter(k for s in pred for k in s.split() if k not in string.punctuation)
    rcs = [collections.Counter(k for s in ref for k in s.split() if k not in string.punctuation) for ref in refs]
    match = sum(min(pc[t], rc[t]) for t in pc for rc in rcs)
    pd_ = len(rcs) * sum(pc.values())
    rd = sum(sum(rc.values()) for rc in rcs)
    p = match / pd_ if pd_ else 0.0
    r = match / rd if rd else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def align_m1_rouge(pred: dict[dt.date, list[str]], refs: list[dict[dt.date, list[str]]]) -> dict[str, dict]:
    """tilse ``evaluate_align_date_content_costs_many_to_one``: each predicted date is matched to
    its cheapest reference date for precision, each reference date to its cheapest predicted date
    for recall; cost = date factor x (1 - approximate ROUGE-1); hits are weighted 1/(days apart + 1)."""
    ref_dates = sorted(set().union(*[r.keys() for r in refs]))
    pred_dates = sorted(pred)
    num = {m: [0.0, 0.0] for m in ("rouge_1", "rouge_2")}   # precision, recall numerators
    den = {m: [0, 0] for m in ("rouge_1", "rouge_2")}
    if not pred_dates or not ref_dates:
        for d in ref_dates:
            for m, (_, _, mc) in rouge_counts([], [r.get(d, []) for r in refs]).items():
                den[m][1] += mc
        return _prf(num, den)

    def ref_at(d):
        return [r[d] if d in r else [] for r in refs]

    cost = np.zeros((len(pred_dates), len(ref_dates)))
    for i, p in enumerate(pred_dates):
        for j, r in enumerate(ref_dates):
            date_factor = 1 - 1 / (abs(p.toordinal() - r.toordinal()) + 1)
            cost[i, j] = date_factor * (1 - _rouge_approx(pred[p], ref_at(r)))
    for i, p in enumerate(pred_dates):          # precision: rows are predicted dates
        r = ref_dates[int(cost[i].argmin())]
        w = 1 / (abs(p.toordinal() - r.toordinal()) + 1)
        for m, (h, pc, _) in rouge_counts(pred[p], ref_at(r)).items():
            num[m][0] += w * h
            den[m][0] += pc
    for j, r in enumerate(ref_dates):           # recall: rows are reference dates
        p = pred_dates[int(cost[:, j].argmin())]
        w = 1 / (abs(p.toordinal() - r.toordinal()) + 1)
        for m, (h, _, mc) in rouge_counts(pred[p], ref_at(r)).items():
            num[m][1] += w * h
            den[m][1] += mc
    return _prf(num, den)


def _prf(num, den) -> dict[str, dict]:
    out = {}
    for m in num:
        p = num[m][0] / den[m][0] if den[m][0] else 0.0
        r = num[m][1] / den[m][1] if den[m][1] else 0.0
        out[m] = {"precision": p, "recall": r, "f_score": 2 * p * r / (p + r) if p + r else 0.0}
    return out


def date_prf(pred: Iterable[dt.date], ref: Iterable[dt.date]) -> dict[str, float]:
    pred, ref = set(pred), set(ref)
    both = len(pred & ref)
    p = both / len(pred) if pred else 0.0
    r = both / len(ref) if ref else 0.0
    return {"precision": p, "recall": r, "f_score": 2 * p * r / (p + r) if p + r else 0.0}


def average(results: list[dict]) -> dict[str, float]:
    """news-tls ``get_average_results``: mean precision and recall, then F1 of the means."""
    out: dict[str, float] = {}
    for key in ("rouge_1", "rouge_2", "dates"):
        if not results:
            p = r = 0.0
        else:
            p = sum(x[key]["precision"] for x in results) / len(results)
            r = sum(x[key]["recall"] for x in results) / len(results)
        out[key] = 2 * p * r / (p + r) if p + r else 0.0
        out[key + "_p"], out[key + "_r"] = p, r
    return out


# --- Timeline17 reading -----------------------------------------------------------------------
def read_timeline(path: Path) -> dict[dt.date, list[str]]:
    """A gold timeline file: blocks of a date line, sentences, and a 32-dash separator (tilse's reader)."""
    out: dict[dt.date, list[str]] = {}
    date, summary = None, []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if line == SEPARATOR:
            if date is not None:
                out[date] = [s.strip() for s in summary if s.strip()] or [""]
            date, summary = None, []
            continue
        day = None
        if re.fullmatch(r"\d{4}-\d\d-\d{1,2}", line):
            try:
                day = dt.date.fromisoformat(DATE_FIXES.get(line, line))
            except ValueError:
                day = None
        if day is not None:
            date = day
        elif line:
            summary.append(line)
    return out


def read_folder(folder: Path) -> list[TimelineSentence]:
    """Articles of one T17 folder: InputDocs/<date>/<id>.htm.txt, one tokenised sentence a line."""
    sents: list[TimelineSentence] = []
    for day_dir in sorted((folder / "InputDocs").iterdir()):
        try:
            pub = dt.date.fromisoformat(day_dir.name)
        except ValueError:
            continue
        for f in sorted(day_dir.iterdir()):
            art = f"{folder.name}/{day_dir.name}/{f.name}"
            lines = [ln.strip() for ln in f.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
            for pos, line in enumerate(lines):
                sents.append(TimelineSentence(text=line, published=pub, article=art, position=pos,
                                              dates=[d for d, _, _ in day_refs(line, pub)]))
    return sents


def queries() -> dict[str, list[str]]:
    out = {}
    for line in (DATA / "t17_queries.tsv").read_text().splitlines():
        if line.strip():
            topic, _, kws = line.partition("\t")
            out[topic] = [k.strip() for k in kws.split(",") if k.strip()]
    return out


def topics(gold: Path, pool: bool = True) -> dict[str, list[Path]]:
    folders = sorted(p for p in gold.iterdir() if p.is_dir() and (p / "InputDocs").is_dir())
    out: dict[str, list[Path]] = collections.defaultdict(list)
    for f in folders:
        out[f.name.split("_")[0] if pool else f.name].append(f)
    return dict(out)


def evaluate(gold: Path, limit: Optional[int] = None, pool: bool = True, topic: Optional[str] = None,
             weights: Optional[dict] = None, **kw) -> dict:
    """Score dateline's topic timelines on T17. ``limit``: only the first N topics."""
    gold = Path(gold)
    if not gold.is_dir():
        raise DatelineError("E402", f"No Timeline17 folder at {str(gold)!r}.", "Pass --gold ../shared/data/timelines/t17.")
    started = time.perf_counter()
    groups = topics(gold, pool)
    if topic:
        groups = {k: v for k, v in groups.items() if k == topic}
    names = sorted(groups)[:limit] if limit else sorted(groups)
    qs = queries()
    results, per_tl, n_docs = [], [], 0
    for name in names:
        sents = [s for folder in groups[name] for s in read_folder(folder)]
        n_docs += len({s.article for s in sents})
        kws = qs.get(name.split("_")[0], [])
        for folder in groups[name]:
            for tl_file in sorted((folder / "timelines").glob("*.txt")):
                ref = read_timeline(tl_file)
                if not ref:
                    continue
                ref_dates = sorted(ref)
                k = round(sum(len(v) for v in ref.values()) / len(ref))
                days = summarise(sents, n_dates=len(ref_dates), n_sents=max(1, k), start=ref_dates[0],
                                 end=ref_dates[-1], keywords=kws, weights=weights)
                pred = {d.date: [s.text for s in d.sentences] for d in days}
                scores = align_m1_rouge(pred, [ref])
                scores["dates"] = date_prf(pred, ref)
                scores["topic"] = name
                results.append(scores)
                per_tl.append({"topic": name, "timeline": f"{folder.name}/{tl_file.name}",
                               "ar1_f1": round(scores["rouge_1"]["f_score"], 4),
                               "ar2_f1": round(scores["rouge_2"]["f_score"], 4),
                               "date_f1": round(scores["dates"]["f_score"], 4)})
    avg = average(results)
    held = average([r for r in results if r["topic"].split("_")[0] not in DEV_TOPICS])
    metrics = {"ar1_f1": round(avg["rouge_1"], 4), "ar2_f1": round(avg["rouge_2"], 4),
               "date_f1": round(avg["dates"], 4),
               "heldout_ar1_f1": round(held["rouge_1"], 4), "heldout_ar2_f1": round(held["rouge_2"], 4),
               "heldout_date_f1": round(held["dates"], 4), "seconds": round(time.perf_counter() - started, 1)}
    return {"task": "timeline", "gold": str(gold), "n_docs": n_docs, "n_gold": len(results),
            "metrics": metrics, "timelines": per_tl}
