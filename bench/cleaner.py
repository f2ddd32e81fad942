"""Score the plain-text cleaner against hand-made gold bodies.

For every ``NAME.txt`` + ``NAME.gold.txt`` pair under ``bench/cleaner_data/``
print the token-overlap F1 (bag of lower-cased word tokens) of three outputs
against the gold body: the raw dump, a simple line filter (keep lines with at
least 8 words and final punctuation) and briefkit's cleaner.

    .venv/bin/python bench/cleaner.py
    .venv/bin/python bench/cleaner.py --speed   # seconds for 1, 2.5 and 10 MiB dumps
    .venv/bin/python bench/cleaner.py --clean-articles   # 100 clean BBC articles lose nothing

The cleaner's real measure, on 700 pages from some 600 sites by grouped
cross-validation, is ``bench/train_cleaner.py cv``.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

from briefkit.corpus.clean import clean_text_dump

DATA = Path(__file__).resolve().parent / "cleaner_data"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def f1(predicted: str, gold: str) -> float:
    p, g = tokens(predicted), tokens(gold)
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def line_filter(text: str) -> str:
    keep = [
        line
        for line in text.splitlines()
        if len(line.split()) >= 8 and re.search(r"[.!?…][\"'”’)]*\s*$", line)
    ]
    return "\n".join(keep)


def briefkit(text: str) -> str:
    return "\n".join(block.text for block in clean_text_dump(text).blocks)


def similar_paragraphs(size: int) -> str:
    """Many near-identical paragraphs: the worst case for repeat and pull-quote checks."""
    para = (
        "The council said on {n} May that the {n}th review of the scheme found the "
        "cycle lanes had cut serious injuries on the ring road, and that a further "
        "report would follow before the budget vote in the autumn."
    )
    out, total, n = [], 0, 0
    while total < size:
        out.append(para.format(n=n))
        total += len(out[-1]) + 2
        n += 1
    return "\n\n".join(out)


def speed() -> int:
    import resource

    clean_text_dump("Warm up the language model and the trees once. " * 20)
    print("| dump | size | seconds | peak RSS of the process so far |")
    print("|---|---:|---:|---:|")
    for mib in (1, 2.5, 10):
        text = similar_paragraphs(int(mib * 1024 * 1024))
        started = time.perf_counter()
        clean_text_dump(text)
        took = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"| similar paragraphs | {mib} MiB | {took:.1f} | {peak:.0f} MiB |")
    return 0


BBC = Path(__file__).resolve().parents[2] / "shared" / "data" / "bbc-news-summary" / "article"


def clean_articles() -> int:
    """Clean text loses nothing: the share of each BBC article's words that survive."""
    paths = sorted(BBC.glob("*/*.txt"))
    if not paths:
        print(f"no articles under {BBC}", file=sys.stderr)
        return 1
    recalls, lost = [], []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        result = clean_text_dump(text)
        kept = tokens(briefkit(text))
        whole = tokens("\n".join(line for line in text.splitlines()[1:]))  # line 1: headline
        recalls.append(sum((kept & whole).values()) / max(1, sum(whole.values())))
        lost += [
            f"{path.parent.name}/{path.name}: [{d.reason}] {d.text[:90]}"
            for d in result.dropped
            if d.line > 1
        ]
    full = sum(r >= 0.999 for r in recalls)
    print(
        f"{len(paths)} BBC articles: mean word recall {sum(recalls) / len(recalls):.4f}, "
        f"{full} kept whole; {len(lost)} body lines dropped"
    )
    for line in lost[:40]:
        print("  ", line)
    return 0


def main() -> int:
    if "--speed" in sys.argv[1:]:
        return speed()
    if "--clean-articles" in sys.argv[1:]:
        return clean_articles()
    pairs = sorted(p for p in DATA.glob("*.txt") if not p.name.endswith(".gold.txt"))
    rows = []
    slowest = 0.0
    for dump in pairs:
        gold_path = dump.with_name(dump.stem + ".gold.txt")
        if not gold_path.exists():
            continue
        text = dump.read_text(encoding="utf-8")
        gold = gold_path.read_text(encoding="utf-8")
        started = time.perf_counter()
        cleaned = briefkit(text)
        slowest = max(slowest, time.perf_counter() - started)
        rows.append((dump.name, f1(text, gold), f1(line_filter(text), gold), f1(cleaned, gold)))
    if not rows:
        print(f"no dump/gold pairs in {DATA}", file=sys.stderr)
        return 1
    print(f"{'file':<22} {'plain':>7} {'filter':>7} {'briefkit':>9}")
    for name, plain, filt, ours in rows:
        print(f"{name:<22} {plain:7.3f} {filt:7.3f} {ours:9.3f}")
    means = [sum(r[k] for r in rows) / len(rows) for k in (1, 2, 3)]
    print(f"{'mean':<22} {means[0]:7.3f} {means[1]:7.3f} {means[2]:9.3f}")
    print(f"slowest briefkit run: {slowest * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
