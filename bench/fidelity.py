"""Fidelity of drafted text: key figures and standalone sentences, on a held-out set.

A brief must never say more than its source. Two hand-made sets under
``bench/fidelity/`` (see its README) measure the two places where briefkit
lifts text out of an article:

* ``figures.jsonl`` -- sentences with the key figures a careful editor would put
  in a figures box (value as written, hedging qualifier, unit, what is counted,
  and the scope it is limited to) and the numbers that are not figures at all
  (years, dates, clock times, ordinals, phone and version numbers, names like
  G7). Scored against ``briefkit.figures.figures_in_sentence``: only eligible
  candidates count as reported. A figure is *found* when an eligible candidate
  has the same value (case, spaces and dash kind ignored; a bare number with a
  separate unit also matches "72 hours"); it is *right* when the qualifier is
  the same words ("" for exact numbers) and the label holds every word of
  ``label_all``, one of ``label_any`` and none of ``label_not`` (words match at
  the start of a word, so "detain" matches "detained"). Scope is scored only
  where the set gives ``scope_any``. Every other eligible candidate is a false
  positive.
* ``drafted.jsonl`` -- candidate summary sentences with an editor's verdict
  when printed alone under a heading: ``standalone`` (print as is),
  ``needs_context`` (never bare: with its previous sentence, with bracketed
  insertions, or left out) and ``never`` (truncated, off topic, boilerplate).
  Scored against ``briefkit.standalone.judge``.

Run from the repository root::

    .venv/bin/python bench/fidelity.py                # two Markdown tables
    .venv/bin/python bench/fidelity.py --failures     # ... and every miss
    .venv/bin/python bench/fidelity.py --json         # machine-readable
    .venv/bin/python bench/fidelity.py --check-data   # validate the two sets
    .venv/bin/python bench/fidelity.py --save         # also write bench/results/fidelity.md

``--check-data`` needs the source data (``../shared/data`` or ``--data DIR``)
to confirm that BBC and web sentences are copied verbatim. An API that is
missing or misbehaves is reported as API errors, never a crash.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "bench" / "fidelity"
DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "bench" / "results" / "fidelity.md"

VERDICTS = ("standalone", "needs_context", "never")
REASONS = (
    "ok",
    "pronoun subject",
    "demonstrative + noun",
    "the latter/former",
    "surname only",
    "relative date",
    "dangling connective",
    "truncated",
    "off topic",
    "incident/event not introduced",
)
NEVER_REASONS = ("truncated", "off topic")
KINDS = ("ok", "with_previous", "insert", "reject")
CANDIDATE_FIELDS = ("value", "qualifier", "unit", "label", "scope", "eligible")
VERDICT_FIELDS = ("kind", "printed", "reason")
ORIGIN = re.compile(
    r"^(?:bbc:(?:business|entertainment|politics|sport|tech)/\d{3}\.txt|web:\d{4}|written)$"
)
ID = {"figures": re.compile(r"^fig-\d{3,}$"), "drafted": re.compile(r"^dr-\d{3,}$")}

# --------------------------------------------------------------------- text

_SPACES = re.compile(r"\s+")
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def fold(text: str) -> str:
    """Case-, space-, quote- and dash-insensitive form used for every comparison."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES).translate(_DASHES)
    return _SPACES.sub(" ", text).strip().casefold()


def has_term(text: str, term: str) -> bool:
    """`term` occurs in `text` starting at the beginning of a word."""
    return re.search(r"(?<!\w)" + re.escape(fold(term)), fold(text)) is not None


def value_matches(expected: str, value: str, unit: str) -> bool:
    e, v = fold(expected), fold(value)
    if not v:
        return False
    if e == v:
        return True
    # "72" with unit "hours" is the figure written "72 hours"
    if unit and e.startswith(v + " "):
        return " " not in e[len(v) + 1 :]
    # "$1,000 per class", "25% a year": the rate written right after the number
    # belongs to it (the set gives the bare number; a value with its rate says
    # no more than the source). Decided by the lead after the first runs.
    return bool(v.startswith(e + " ") and _RATE.fullmatch(v[len(e) :]))


_RATE = re.compile(r"(?:\s+(?:per|a|an|each)\s+[^\W\d]+(?:\s+[^\W\d]+)?){1,2}")


def mentions(container: str, value: str) -> bool:
    """`value` is `container` or a whole-token part of it (for not_figures)."""
    c, v = fold(container), fold(value)
    if not c or not v:
        return False
    pattern = r"(?<![\w.,])" + re.escape(v) + r"(?![\w])"
    return (
        c == v
        or re.search(pattern, c) is not None
        or re.search(r"(?<![\w.,])" + re.escape(c) + r"(?![\w])", v) is not None
    )


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:.0f}%" if d else "–"


def origin_kind(item: dict) -> str:
    return item["origin"].split(":", 1)[0]


# --------------------------------------------------------------------- data


def load_jsonl(path: Path) -> list[dict]:
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path.name}:{n}: not JSON: {exc}") from exc
            item["_line"] = n
            items.append(item)
    return items


class Sources:
    """Text of the BBC and web-pages-2026 originals, loaded on demand."""

    def __init__(self, data: Path):
        self.data = data
        self._web: dict | None = None

    def web(self) -> dict:
        if self._web is None:
            path = self.data / "web-pages-2026" / "ground-truth.json"
            self._web = json.loads(path.read_text(encoding="utf-8"))
        return self._web

    def text(self, origin: str) -> tuple[str, str]:
        """(title, text) of an origin; raises LookupError/OSError when unavailable."""
        kind, _, ref = origin.partition(":")
        if kind == "bbc":
            path = self.data / "bbc-news-summary" / "article" / ref
            text = path.read_text(encoding="utf-8")
            return text.splitlines()[0].strip(), text
        if kind == "web":
            entry = self.web()[ref]
            if entry.get("page_type") != "article":
                raise LookupError(f"web page {ref} is a {entry.get('page_type')}, not an article")
            return entry.get("title") or "", entry["main_content"]
        raise LookupError(origin)


def _strs(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


def check_figures(items: list[dict], sources: Sources) -> list[str]:
    problems = []
    for item in items:
        where = f"figures.jsonl:{item['_line']} {item.get('id', '?')}"
        keys = set(item) - {"_line"}
        required = {"id", "origin", "language", "sentence", "expected", "not_figures"}
        if missing := required - keys:
            problems.append(f"{where}: missing {sorted(missing)}")
            continue
        if extra := keys - required - {"previous"}:
            problems.append(f"{where}: unknown keys {sorted(extra)}")
        if not ID["figures"].match(str(item["id"])):
            problems.append(f"{where}: id should look like fig-001")
        if not ORIGIN.match(str(item["origin"])):
            problems.append(f"{where}: bad origin {item['origin']!r}")
        if not re.fullmatch(r"[a-z]{2}", str(item["language"])):
            problems.append(f"{where}: language should be a two-letter code")
        sentence = item["sentence"]
        if not isinstance(sentence, str) or not sentence.strip():
            problems.append(f"{where}: empty sentence")
            continue
        if "previous" in item and (not isinstance(item["previous"], str) or not item["previous"]):
            problems.append(f"{where}: previous must be a non-empty string (or omitted)")
        if not isinstance(item["expected"], list):
            problems.append(f"{where}: expected must be a list")
            continue
        for k, exp in enumerate(item["expected"]):
            at = f"{where} expected[{k}]"
            if not isinstance(exp, dict):
                problems.append(f"{at}: not an object")
                continue
            need = {"value", "qualifier", "unit", "label_all", "label_any", "label_not"}
            if missing := need - set(exp):
                problems.append(f"{at}: missing {sorted(missing)}")
                continue
            if extra := set(exp) - need - {"scope_any"}:
                problems.append(f"{at}: unknown keys {sorted(extra)}")
            if not isinstance(exp["value"], str) or exp["value"] not in sentence:
                problems.append(f"{at}: value {exp['value']!r} is not in the sentence")
            q = exp["qualifier"]
            if not isinstance(q, str) or (q and fold(q) not in fold(sentence)):
                problems.append(f"{at}: qualifier {q!r} is not in the sentence")
            if not isinstance(exp["unit"], str):
                problems.append(f"{at}: unit must be a string")
            for key in ("label_all", "label_any", "label_not"):
                if not isinstance(exp[key], list) or not all(
                    isinstance(t, str) and t.strip() for t in exp[key]
                ):
                    problems.append(f"{at}: {key} must be a list of words")
            if not (exp["label_all"] or exp["label_any"]):
                problems.append(f"{at}: label_all and label_any are both empty")
            if "scope_any" in exp and not _strs(exp["scope_any"]):
                problems.append(f"{at}: scope_any must be a non-empty list of words")
        if not _strs(item["not_figures"]) and item["not_figures"] != []:
            problems.append(f"{where}: not_figures must be a list of strings")
        else:
            for nf in item["not_figures"]:
                if nf not in sentence:
                    problems.append(f"{where}: not_figure {nf!r} is not in the sentence")
                if any(fold(nf) == fold(e.get("value", "")) for e in item["expected"]):
                    problems.append(f"{where}: {nf!r} is both expected and a non-figure")
        problems += _check_origin(where, item, [item.get("previous")], sources)
    return problems


def check_drafted(items: list[dict], sources: Sources) -> list[str]:
    problems = []
    for item in items:
        where = f"drafted.jsonl:{item['_line']} {item.get('id', '?')}"
        keys = set(item) - {"_line"}
        required = {
            "id",
            "origin",
            "language",
            "title",
            "article_date",
            "focus",
            "previous",
            "sentence",
            "verdict",
            "reason",
        }
        if missing := required - keys:
            problems.append(f"{where}: missing {sorted(missing)}")
            continue
        if extra := keys - required - {"earlier_text", "acceptable_printed"}:
            problems.append(f"{where}: unknown keys {sorted(extra)}")
        if not ID["drafted"].match(str(item["id"])):
            problems.append(f"{where}: id should look like dr-001")
        if not ORIGIN.match(str(item["origin"])):
            problems.append(f"{where}: bad origin {item['origin']!r}")
        if not re.fullmatch(r"[a-z]{2}", str(item["language"])):
            problems.append(f"{where}: language should be a two-letter code")
        for key in ("title", "focus", "sentence"):
            if not isinstance(item[key], str) or not item[key].strip():
                problems.append(f"{where}: {key} must be a non-empty string")
        if item["article_date"] is not None:
            try:
                date.fromisoformat(item["article_date"])
            except (TypeError, ValueError):
                problems.append(f"{where}: article_date must be YYYY-MM-DD or null")
        previous = item["previous"]
        if (
            not isinstance(previous, list)
            or len(previous) > 2
            or not all(isinstance(p, str) and p for p in previous)
        ):
            problems.append(f"{where}: previous must be a list of at most two sentences")
            previous = []
        verdict, reason = item["verdict"], item["reason"]
        if verdict not in VERDICTS:
            problems.append(f"{where}: verdict {verdict!r} not in {VERDICTS}")
        if reason not in REASONS:
            problems.append(f"{where}: reason {reason!r} not in {REASONS}")
        if (verdict == "standalone") != (reason == "ok"):
            problems.append(f"{where}: reason 'ok' goes with verdict 'standalone' only")
        if verdict == "never" and reason not in NEVER_REASONS:
            problems.append(f"{where}: a 'never' verdict needs reason {NEVER_REASONS}")
        if "acceptable_printed" in item:
            forms = item["acceptable_printed"]
            if verdict != "needs_context":
                problems.append(f"{where}: acceptable_printed only for needs_context")
            if not _strs(forms):
                problems.append(f"{where}: acceptable_printed must be a list of strings")
            else:
                for form in forms:
                    if "[" not in form:
                        problems.append(f"{where}: printed form without a [bracketed] insertion")
                    if fold(form) == fold(item["sentence"]):
                        problems.append(f"{where}: printed form is the bare sentence")
        if "earlier_text" in item and (
            not isinstance(item["earlier_text"], str) or not item["earlier_text"]
        ):
            problems.append(f"{where}: earlier_text must be a non-empty string")
        problems += _check_origin(
            where, item, [*previous, item.get("earlier_text")], sources, title=item["title"]
        )
    return problems


def _check_origin(
    where: str, item: dict, context: list, sources: Sources, title: str | None = None
) -> list[str]:
    if item["origin"] == "written" or not ORIGIN.match(str(item["origin"])):
        return []
    try:
        source_title, text = sources.text(item["origin"])
    except (OSError, LookupError, ValueError) as exc:
        return [f"{where}: cannot read origin {item['origin']}: {exc}"]
    problems = []
    sentence = item["sentence"]
    at = text.find(sentence)
    if at < 0:
        problems.append(f"{where}: sentence is not verbatim in {item['origin']}")
    for part in context:
        if not part:
            continue
        found = text.find(part)
        if found < 0:
            problems.append(f"{where}: {part[:50]!r}... is not verbatim in {item['origin']}")
        elif at >= 0 and text.find(part, 0, at + len(sentence)) < 0:
            problems.append(f"{where}: {part[:50]!r}... comes after the sentence")
    if title is not None and fold(title) != fold(source_title):
        problems.append(f"{where}: title differs from the origin's ({source_title!r})")
    return problems


def check_data(figures: list[dict], drafted: list[dict], sources: Sources) -> list[str]:
    problems = check_figures(figures, sources) + check_drafted(drafted, sources)
    ids = Counter(str(i.get("id")) for i in figures + drafted)
    problems += [f"duplicate id {i} ({n}x)" for i, n in ids.items() if n > 1]
    for name, items in (("figures", figures), ("drafted", drafted)):
        seen = Counter((i.get("origin"), i.get("sentence")) for i in items)
        problems += [f"{name}: sentence listed {n}x: {s[1]!r}" for s, n in seen.items() if n > 1]
    return problems


# --------------------------------------------------------------------- API


def load_api(module: str, name: str) -> tuple[Callable | None, str]:
    try:
        mod = __import__(module, fromlist=[name])
        return getattr(mod, name), ""
    except Exception as exc:  # ImportError, AttributeError, or a module that fails to load
        return None, f"{module}.{name} not available ({type(exc).__name__}: {exc})"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


# ------------------------------------------------------------------ figures


def score_figures(items: list[dict], api: Callable | None, api_error: str) -> dict:
    results = []
    started = time.perf_counter()
    for item in items:
        res: dict[str, Any] = {"id": item["id"], "errors": [], "figures": [], "false_positives": []}
        candidates: list[dict] = []
        if api is None:
            res["errors"].append(api_error)
        else:
            try:
                raw = api(
                    item["sentence"], previous=item.get("previous", ""), language=item["language"]
                )
                raw = list(raw)
            except Exception as exc:
                raw = []
                res["errors"].append(f"{type(exc).__name__}: {exc}".splitlines()[0])
            for cand in raw:
                missing = [f for f in CANDIDATE_FIELDS if not hasattr(cand, f)]
                if missing:
                    res["errors"].append(f"candidate without {', '.join(missing)}")
                    continue
                c = {f: _text(getattr(cand, f)) for f in CANDIDATE_FIELDS[:-1]}
                c["eligible"] = bool(cand.eligible)
                candidates.append(c)
        eligible = [c for c in candidates if c["eligible"]]
        used: set[int] = set()
        for exp in item["expected"]:
            fig = {
                "value": exp["value"],
                "qualifier": exp["qualifier"],
                "found": False,
                "qualifier_ok": False,
                "label_ok": False,
                "scope_ok": None,
                "ineligible_match": False,
                "got": None,
            }
            best, best_key = None, None
            for n, c in enumerate(eligible):
                if n in used or not value_matches(exp["value"], c["value"], c["unit"]):
                    continue
                key = _grade(exp, c)
                if best_key is None or key > best_key:
                    best, best_key = n, key
            if best is not None:
                used.add(best)
                c = eligible[best]
                q_ok, l_ok, s_ok = _grade(exp, c)
                fig.update(
                    found=True,
                    qualifier_ok=q_ok,
                    label_ok=l_ok,
                    got=c,
                    scope_ok=s_ok if "scope_any" in exp else None,
                )
            else:
                fig["ineligible_match"] = any(
                    value_matches(exp["value"], c["value"], c["unit"])
                    for c in candidates
                    if not c["eligible"]
                )
            fig["right"] = fig["found"] and fig["qualifier_ok"] and fig["label_ok"]
            res["figures"].append(fig)
        for n, c in enumerate(eligible):
            if n not in used:
                listed = any(mentions(nf, c["value"]) for nf in item["not_figures"])
                res["false_positives"].append({**c, "listed_non_figure": listed})
        results.append(res)
    elapsed = time.perf_counter() - started
    return {
        "available": api is not None,
        "api_error": api_error,
        "items": results,
        "ms_per_sentence": 1000 * elapsed / max(1, len(items)),
    }


def _grade(exp: dict, c: dict) -> tuple[bool, bool, bool]:
    q_ok = fold(exp["qualifier"]) == fold(c["qualifier"])
    label = c["label"]
    l_ok = (
        all(has_term(label, t) for t in exp["label_all"])
        and (not exp["label_any"] or any(has_term(label, t) for t in exp["label_any"]))
        and not any(has_term(label, t) for t in exp["label_not"])
    )
    s_ok = "scope_any" not in exp or any(has_term(c["scope"], t) for t in exp["scope_any"])
    return q_ok, l_ok, s_ok


def split_of(item: dict) -> str:
    """ "dev" or "test": half of the origins (whole articles or pages) each, fixed.

    Rules may be improved by reading the failures of the dev half only
    (``--failures --split dev``); the test half stays unseen, and the tables
    report both, so that overfitting shows as a gap between them.
    """
    group = item["origin"] if item["origin"] != "written" else item["id"]
    return "dev" if zlib.crc32(group.encode()) % 2 == 0 else "test"


def figure_groups(item: dict) -> list[str]:
    groups = ["all", f"split: {split_of(item)}", f"origin: {origin_kind(item)}"]
    if item["language"] != "en":
        groups.append("language: not English")
    return groups


def summarise_figures(items: list[dict], scored: dict) -> dict[str, dict]:
    rows: dict[str, Counter] = defaultdict(Counter)
    order = [
        "all",
        "split: dev",
        "split: test",
        "origin: bbc",
        "origin: web",
        "origin: written",
        "language: not English",
        "qualified figures",
        "exact figures",
    ]
    for item, res in zip(items, scored["items"], strict=True):
        item_groups = figure_groups(item)
        for g in item_groups:
            r = rows[g]
            r["sentences"] += 1
            r["api_errors"] += bool(res["errors"])
            r["false_positives"] += len(res["false_positives"])
            r["fp_listed"] += sum(fp["listed_non_figure"] for fp in res["false_positives"])
            if not item["expected"]:
                r["no_figure"] += 1
                r["no_figure_clean"] += not res["false_positives"]
        for exp, fig in zip(item["expected"], res["figures"], strict=True):
            kind = "qualified figures" if exp["qualifier"] else "exact figures"
            for g in [*item_groups, kind]:
                r = rows[g]
                r["figures"] += 1
                r["found"] += fig["found"]
                r["right"] += fig["right"]
                r["qualifier_ok"] += fig["found"] and fig["qualifier_ok"]
                r["label_ok"] += fig["found"] and fig["label_ok"]
                r["ineligible_match"] += fig["ineligible_match"]
                if fig["scope_ok"] is not None:
                    r["scoped_found"] += 1
                    r["scope_ok"] += fig["scope_ok"]
                elif "scope_any" in exp:
                    r["scoped_missed"] += 1
    return {g: dict(rows[g]) for g in order if g in rows}


def figures_table(summary: dict[str, dict]) -> list[str]:
    lines = [
        "| figures | sentences | expected | found | right | qualifier | label | scope "
        "| false pos. / sentence | no-figure sentences clean | API errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for group, r in summary.items():
        sentence_level = not group.endswith(" figures")
        n = r.get("sentences", 0)
        fp = f"{r.get('false_positives', 0) / n:.2f}" if sentence_level and n else "–"
        clean = pct(r.get("no_figure_clean", 0), r.get("no_figure", 0)) if sentence_level else "–"
        errors = r.get("api_errors", 0) if sentence_level else "–"
        lines.append(
            f"| {group} | {n if sentence_level else '–'} | {r.get('figures', 0)} "
            f"| {pct(r.get('found', 0), r.get('figures', 0))} "
            f"| {pct(r.get('right', 0), r.get('figures', 0))} "
            f"| {pct(r.get('qualifier_ok', 0), r.get('found', 0))} "
            f"| {pct(r.get('label_ok', 0), r.get('found', 0))} "
            f"| {pct(r.get('scope_ok', 0), r.get('scoped_found', 0))} | {fp} | {clean} "
            f"| {errors} |"
        )
    return lines


# ------------------------------------------------------------------ drafted


def score_drafted(items: list[dict], api: Callable | None, api_error: str) -> dict:
    results = []
    started = time.perf_counter()
    for item in items:
        res: dict[str, Any] = {
            "id": item["id"],
            "error": "",
            "kind": None,
            "printed": None,
            "judge_reason": None,
        }
        if api is None:
            res["error"] = api_error
        else:
            try:
                verdict = api(
                    item["sentence"],
                    previous=tuple(item["previous"]),
                    title=item["title"],
                    date=item["article_date"],
                    focus=item["focus"],
                    language=item["language"],
                    # the summariser knows the article's text before the sentence
                    earlier=item.get("earlier_text", ""),
                )
                missing = [f for f in VERDICT_FIELDS if not hasattr(verdict, f)]
                if missing:
                    res["error"] = f"verdict without {', '.join(missing)}"
                else:
                    res.update(
                        kind=_text(verdict.kind),
                        printed=_text(verdict.printed),
                        judge_reason=_text(verdict.reason),
                    )
                    if res["kind"] not in KINDS:
                        res["error"] = f"unknown kind {res['kind']!r}"
            except Exception as exc:
                res["error"] = f"{type(exc).__name__}: {exc}".splitlines()[0]
        res["outcome"], res["unchecked"] = _outcome(item, res)
        results.append(res)
    elapsed = time.perf_counter() - started
    return {
        "available": api is not None,
        "api_error": api_error,
        "items": results,
        "ms_per_sentence": 1000 * elapsed / max(1, len(items)),
    }


def _outcome(item: dict, res: dict) -> tuple[str, bool]:
    """('acceptable' | 'printed wrongly' | 'held back' | 'api error', insert unchecked)."""
    if res["error"]:
        return "api error", False
    kind, printed, sentence = res["kind"], fold(res["printed"] or ""), fold(item["sentence"])
    verdict = item["verdict"]
    if verdict == "standalone":
        if kind == "ok" and printed == sentence:
            return "acceptable", False
        return "held back", False
    if verdict == "never":
        return ("acceptable", False) if kind == "reject" else ("printed wrongly", False)
    # needs_context
    if kind in ("reject", "with_previous"):
        return "acceptable", False
    if kind == "ok" or printed in ("", sentence):
        return "printed wrongly", False
    forms = item.get("acceptable_printed")
    if not forms:
        return "acceptable", True
    return (
        ("acceptable", False) if printed in {fold(f) for f in forms} else ("printed wrongly", False)
    )


def summarise_drafted(items: list[dict], scored: dict) -> dict[str, dict]:
    rows: dict[str, Counter] = defaultdict(Counter)
    for item, res in zip(items, scored["items"], strict=True):
        groups = ["all", f"split: {split_of(item)}", f"origin: {origin_kind(item)}"]
        if item["language"] != "en":
            groups.append("language: not English")
        groups.append(f"reason: {item['reason']}")
        for g in groups:
            r = rows[g]
            r["sentences"] += 1
            r[res["outcome"]] += 1
            r["insert unchecked"] += res["unchecked"]
    order = ["all", "split: dev", "split: test", "origin: bbc", "origin: web"]
    order += ["origin: written", "language: not English"]
    order += [f"reason: {r}" for r in REASONS]
    return {g: dict(rows[g]) for g in order if g in rows}


def drafted_table(summary: dict[str, dict]) -> list[str]:
    lines = [
        "| drafted sentences | sentences | acceptable | printed wrongly | held back "
        "| insert (unchecked) | API errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for group, r in summary.items():
        n = r["sentences"]
        lines.append(
            f"| {group} | {n} | {pct(r.get('acceptable', 0), n)} "
            f"| {pct(r.get('printed wrongly', 0), n)} | {pct(r.get('held back', 0), n)} "
            f"| {r.get('insert unchecked', 0)} | {r.get('api error', 0)} |"
        )
    return lines


# ------------------------------------------------------------------ report


def failures(figs: list[dict], fscore: dict, drafted: list[dict], dscore: dict) -> list[str]:
    out = ["", "Figures that are not right, and false positives:"]
    for item, res in zip(figs, fscore["items"], strict=True):
        notes = []
        for exp, fig in zip(item["expected"], res["figures"], strict=True):
            if fig["right"] and fig["scope_ok"] is not False:
                continue
            want = f"{exp['qualifier'] + ' ' if exp['qualifier'] else ''}{exp['value']}"
            if not fig["found"]:
                extra = " (only ineligible)" if fig["ineligible_match"] else ""
                notes.append(f"missing {want!r}{extra}")
            else:
                got = fig["got"]
                checks = (
                    ("qualifier", fig["qualifier_ok"]),
                    ("label", fig["label_ok"]),
                    ("scope", fig["scope_ok"] is not False),
                )
                bad = [what for what, ok in checks if not ok]
                notes.append(
                    f"{want!r}: wrong {'/'.join(bad)} (got qualifier {got['qualifier']!r}, "
                    f"label {got['label']!r}, scope {got['scope']!r})"
                )
        for fp in res["false_positives"]:
            tag = "non-figure" if fp["listed_non_figure"] else "unexpected"
            notes.append(f"{tag} {fp['qualifier'] + ' ' if fp['qualifier'] else ''}{fp['value']!r}")
        notes += res["errors"][:1]
        if notes:
            out.append(f"- {item['id']} ({item['origin']}): " + "; ".join(notes))
    out += ["", "Drafted sentences with an unacceptable verdict:"]
    for item, res in zip(drafted, dscore["items"], strict=True):
        if res["outcome"] == "acceptable":
            continue
        got = res["error"] or f"{res['kind']} ({res['judge_reason']!r})"
        if res["kind"] == "insert":
            got += f" printed {res['printed']!r}"
        out.append(
            f"- {item['id']} [{item['verdict']}, {item['reason']}] {res['outcome']}: {got} "
            f"-- {item['sentence'][:90]!r}"
        )
    return out


def baselines(drafted: list[dict]) -> list[str]:
    """Acceptable share of two trivial judges, to read the drafted table against."""
    out = []
    trivial = (("reject", ""), ("ok", None))
    names = ("a judge that rejects everything", "one that prints everything as is")
    for name, (kind, printed) in zip(names, trivial, strict=True):
        good = sum(
            _outcome(
                item,
                {"error": "", "kind": kind, "printed": item["sentence"] if printed is None else ""},
            )[0]
            == "acceptable"
            for item in drafted
        )
        out.append(f"{name} scores {pct(good, len(drafted))}")
    return out


def report(figs, fscore, fsum, drafted, dscore, dsum) -> str:
    lines = [
        f"Fidelity set: {len(figs)} figure sentences "
        f"({sum(len(i['expected']) for i in figs)} expected figures, "
        f"{sum(not i['expected'] for i in figs)} sentences without any), "
        f"{len(drafted)} drafted sentences. Command: `.venv/bin/python bench/fidelity.py`",
        "",
    ]
    if not fscore["available"]:
        lines += [f"figures: {fscore['api_error']}", ""]
    lines += figures_table(fsum)
    lines += [
        "",
        "found/right: share of expected figures; qualifier/label/scope: share of the "
        "figures found (scope only where the set names one); false positives: eligible "
        f"candidates not expected. {fscore['ms_per_sentence']:.1f} ms/sentence.",
        "",
    ]
    if not dscore["available"]:
        lines += [f"drafted: {dscore['api_error']}", ""]
    lines += drafted_table(dsum)
    lines += ["", "Baselines: " + "; ".join(baselines(drafted)) + "."]
    lines += [
        "",
        "printed wrongly: printed a sentence that needs context or must never be printed "
        "(or inserted words the set does not accept); held back: did not print a standalone "
        "sentence exactly as written. insert (unchecked): insertions accepted without a "
        f"reference form. {dscore['ms_per_sentence']:.1f} ms/sentence.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--check-data", action="store_true", help="validate the two sets")
    parser.add_argument("--failures", action="store_true", help="list every miss")
    parser.add_argument(
        "--split",
        choices=("dev", "test"),
        default=None,
        help="with --failures: only this half (read dev failures; keep test unseen)",
    )
    parser.add_argument(
        "--save", action="store_true", help=f"also write {RESULTS.relative_to(ROOT)}"
    )
    parser.add_argument("--sets", type=Path, default=SETS, help="folder with the two .jsonl sets")
    parser.add_argument("--data", type=Path, default=DATA, help="shared data (for --check-data)")
    args = parser.parse_args(argv)

    figs = load_jsonl(args.sets / "figures.jsonl")
    drafted = load_jsonl(args.sets / "drafted.jsonl")

    if args.check_data:
        problems = check_data(figs, drafted, Sources(args.data))
        for p in problems:
            print(p)
        kinds = Counter(origin_kind(i) for i in figs)
        dkinds = Counter(origin_kind(i) for i in drafted)
        print(
            f"{'FAILED' if problems else 'OK'}: figures {len(figs)} items {dict(kinds)}, "
            f"drafted {len(drafted)} items {dict(dkinds)}; {len(problems)} problem(s)"
        )
        return 1 if problems else 0

    figure_api, figure_err = load_api("briefkit.figures", "figures_in_sentence")
    judge_api, judge_err = load_api("briefkit.standalone", "judge")
    fscore = score_figures(figs, figure_api, figure_err)
    dscore = score_drafted(drafted, judge_api, judge_err)
    fsum, dsum = summarise_figures(figs, fscore), summarise_drafted(drafted, dscore)

    if args.json:
        for block in (fscore, dscore):
            for res in block["items"]:
                for fig in res.get("figures", []):
                    fig.pop("got", None)
        print(
            json.dumps(
                {"figures": {**fscore, "summary": fsum}, "drafted": {**dscore, "summary": dsum}},
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    text = report(figs, fscore, fsum, drafted, dscore, dsum)
    if args.failures:
        if args.split:
            keep_f = [i for i, it in enumerate(figs) if split_of(it) == args.split]
            keep_d = [i for i, it in enumerate(drafted) if split_of(it) == args.split]
            figs = [figs[i] for i in keep_f]
            fscore = {**fscore, "items": [fscore["items"][i] for i in keep_f]}
            drafted = [drafted[i] for i in keep_d]
            dscore = {**dscore, "items": [dscore["items"][i] for i in keep_d]}
        text += "\n".join(failures(figs, fscore, drafted, dscore)) + "\n"
    print(text, end="")
    if args.save:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(report(figs, fscore, fsum, drafted, dscore, dsum), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
