"""Score briefkit's HTML path against trafilatura on 700 real web pages.

Data: ``../shared/data/web-pages-2026/`` (gzipped HTML in ``html/<id>.html.gz``,
truth in ``ground-truth.json``). For every page, the body text of

- trafilatura's defaults, ``trafilatura.extract(html)`` (text output),
- trafilatura with ``include_tables=True`` (stated explicitly),
- trafilatura with ``include_tables=False`` (briefkit's old setting),
- briefkit's ``extract_html`` (blocks joined by newlines),

is scored against ``main_content`` with the 4-gram shingle metric of the
Scrapinghub article-extraction-benchmark: lower-cased ``\\w+`` tokens, 4-gram
shingles counted as multisets, precision, recall and F1 per page. Means are
over pages; as in that benchmark, precision is averaged over pages where the
extractor returned something, recall over pages whose truth has text. A page
with an empty extraction counts F1 = 0.

Metadata: briefkit's title / author / date (``extract_html(...).metadata``)
beside trafilatura's own ``extract_metadata``, against the truth's fields.

    .venv/bin/python bench/html_path.py [--data DIR] [--jobs 2] [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shlex
import statistics
import sys
import time
import warnings
from collections import Counter, defaultdict
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "web-pages-2026"
RESULTS = ROOT / "bench" / "results" / "html_path.md"

_TOKEN = re.compile(r"\w+", re.UNICODE)


# -- shingle F1 --------------------------------------------------------------


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """4-gram word shingles of ``text`` as a multiset; a shorter text is one shingle."""
    tokens = [t.lower() for t in _TOKEN.findall(text or "")]
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def shingle_prf(predicted: str, truth: str) -> tuple[float | None, float | None, float]:
    """(precision, recall, F1) of the predicted shingles; None where undefined."""
    p, t = shingles(predicted), shingles(truth)
    n_p, n_t = sum(p.values()), sum(t.values())
    if not n_p and not n_t:
        return 1.0, 1.0, 1.0
    tp = sum((p & t).values())
    precision = tp / n_p if n_p else None
    recall = tp / n_t if n_t else None
    f1 = 2 * tp / (n_p + n_t)  # = 2PR / (P + R), and 0 when either side is empty
    return precision, recall, f1


# -- metadata matching --------------------------------------------------------


def _words(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text or "")]


def title_match(predicted: str | None, truth: str) -> tuple[bool, bool]:
    """(normalised exact match, token F1 >= 0.9)."""
    p, t = _words(predicted or ""), _words(truth)
    if not p or not t:
        return False, False
    overlap = sum((Counter(p) & Counter(t)).values())
    f1 = 2 * overlap / (len(p) + len(t))
    return p == t, f1 >= 0.9


_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\|)\s*", re.IGNORECASE)


def author_match(predicted: list[str], truth: str) -> bool:
    """Any name of the truth's author list appears (as whole words) in what was found."""
    found = " " + " ".join(" ".join(_words(a)) for a in predicted) + " "
    if not found.strip():
        return False
    for name in _NAME_SPLIT.split(truth):
        words = _words(name)
        if len(words) and sum(len(w) for w in words) > 2 and f" {' '.join(words)} " in found:
            return True
    return False


def date_match(predicted: str | None, truth: str) -> bool:
    return bool(predicted) and predicted[:10] == truth[:10]


# -- one page -----------------------------------------------------------------


def _read(data: Path, page_id: str) -> str:
    from briefkit.corpus.read import decode_bytes

    raw = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
    return decode_bytes(raw)[0]


def _timed(fn, *args):
    start = time.perf_counter()
    try:
        result = fn(*args)
    except Exception as exc:  # a crash is a result here
        result = exc
    return result, time.perf_counter() - start


def score_page(job: tuple[str, str, dict]) -> dict:
    import logging

    import trafilatura

    from briefkit.corpus.html import extract_html

    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    data, page_id, truth = Path(job[0]), job[1], job[2]
    html = _read(data, page_id)
    bodies: dict[str, str] = {}
    seconds: dict[str, float] = {}
    errors: list[str] = []
    runs = {
        "trafilatura default": lambda h: trafilatura.extract(h),
        "trafilatura tables=True": lambda h: trafilatura.extract(h, include_tables=True),
        "trafilatura tables=False": lambda h: trafilatura.extract(h, include_tables=False),
    }
    for name, fn in runs.items():
        out, secs = _timed(fn, html)
        if isinstance(out, Exception):
            errors.append(f"{name}: {out!r}")
            out = None
        bodies[name], seconds[name] = out or "", secs
    result, secs = _timed(extract_html, html)
    if isinstance(result, Exception):
        errors.append(f"briefkit: {result!r}")
        bodies["briefkit"], meta_bk = "", None
    else:
        bodies["briefkit"] = "\n".join(b.text for b in result.blocks)
        meta_bk = result.metadata
    seconds["briefkit"] = secs
    meta_tr, _ = _timed(trafilatura.extract_metadata, html)
    if isinstance(meta_tr, Exception):
        meta_tr = None

    scores = {name: shingle_prf(body, truth["main_content"]) for name, body in bodies.items()}
    found = {
        "briefkit": (
            meta_bk.title if meta_bk else None,
            list(meta_bk.authors) if meta_bk else [],
            meta_bk.date if meta_bk else None,
        ),
        "trafilatura": (
            meta_tr.title if meta_tr else None,
            [meta_tr.author] if meta_tr and meta_tr.author else [],
            meta_tr.date if meta_tr else None,
        ),
    }
    meta = {}
    for who, (title, authors, date) in found.items():
        meta[who] = {
            "title": title_match(title, truth["title"]) if truth.get("title") else None,
            "author": author_match(authors, truth["author"]) if truth.get("author") else None,
            "date": date_match(date, truth["publish_date"]) if truth.get("publish_date") else None,
            "spurious_author": bool(authors) and not truth.get("author"),
            "spurious_date": bool(date) and not truth.get("publish_date"),
            "found": [title, authors, date],
        }
    return {
        "id": page_id,
        "page_type": truth["page_type"],
        "scores": scores,
        "seconds": seconds,
        "meta": meta,
        "errors": errors,
        "words": {name: len(body.split()) for name, body in bodies.items()},
    }


# -- report -------------------------------------------------------------------


def _mean(values) -> float:
    values = [v for v in values if v is not None]
    return statistics.fmean(values) if values else float("nan")


def _pct(hits: list[bool | None]) -> str:
    asked = [h for h in hits if h is not None]
    return f"{100 * sum(asked) / len(asked):.1f}% ({sum(asked)}/{len(asked)})" if asked else "–"


def report(pages: list[dict], command: str) -> str:
    systems = list(pages[0]["scores"])
    lines = [
        f"Command: `{command}`",
        "",
        f"{len(pages)} pages of web-pages-2026. Body: 4-gram shingle precision / recall / F1 "
        "(lower-cased `\\w+` tokens, shingle multisets), means over pages.",
        "",
        "| extractor | P | R | F1 | F1 = 0 | ms / page | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in systems:
        ps = [p["scores"][name] for p in pages]
        zeros = sum(1 for s in ps if s[2] == 0)
        errs = sum(1 for p in pages if any(e.startswith(name + ":") for e in p["errors"]))
        lines.append(
            f"| {name} | {_mean(s[0] for s in ps):.3f} | {_mean(s[1] for s in ps):.3f} "
            f"| {_mean(s[2] for s in ps):.3f} | {zeros} "
            f"| {1000 * _mean(p['seconds'][name] for p in pages):.0f} | {errs} |"
        )
    lines += ["", "Mean F1 by page type:", ""]
    lines.append("| page type | pages | " + " | ".join(systems) + " |")
    lines.append("|---|---:|" + "---:|" * len(systems))
    by_type: dict[str, list[dict]] = defaultdict(list)
    for p in pages:
        by_type[p["page_type"]].append(p)
    for kind, group in sorted(by_type.items(), key=lambda kv: -len(kv[1])):
        cells = " | ".join(f"{_mean(p['scores'][n][2] for p in group):.3f}" for n in systems)
        lines.append(f"| {kind} | {len(group)} | {cells} |")
    lines += [
        "",
        "Metadata against the truth (share of pages whose truth has the field). "
        "Title: normalised exact match (lower-cased `\\w+` tokens equal) and token F1 ≥ 0.9. "
        "Author: any name of the truth's list (split at , ; & and) found as whole words. "
        "Date: same YYYY-MM-DD. Spurious: a value found where the truth has none.",
        "",
        "| metadata | title exact | title F1≥0.9 | author | date "
        "| spurious author | spurious date |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for who in ("briefkit", "trafilatura"):
        m = [p["meta"][who] for p in pages]
        no_author = [
            p["meta"][who]["spurious_author"] for p in pages if p["meta"][who]["author"] is None
        ]
        no_date = [p["meta"][who]["spurious_date"] for p in pages if p["meta"][who]["date"] is None]
        label = "briefkit `extract_html`" if who == "briefkit" else "trafilatura `extract_metadata`"
        lines.append(
            f"| {label} | {_pct([x['title'][0] if x['title'] else None for x in m])} "
            f"| {_pct([x['title'][1] if x['title'] else None for x in m])} "
            f"| {_pct([x['author'] for x in m])} | {_pct([x['date'] for x in m])} "
            f"| {_pct(no_author)} | {_pct(no_date)} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="first N pages only")
    parser.add_argument("--scores", type=Path, help="also write per-page scores (JSON)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[: args.limit or None]
    jobs = [(str(args.data), page_id, truth[page_id]) for page_id in ids]
    start = time.perf_counter()
    with Pool(args.jobs) as pool:
        pages = list(pool.imap(score_page, jobs, chunksize=4))
    command = shlex.join([".venv/bin/python", "bench/html_path.py", *sys.argv[1:]])
    table = report(pages, command)
    table += f"\nWall time {time.perf_counter() - start:.0f} s with {args.jobs} processes.\n"
    print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    if args.scores:
        args.scores.write_text(json.dumps(pages, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
