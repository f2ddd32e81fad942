"""Benchmark: the SQLite FTS5 search index on a 10,000-article corpus.

Run from the repository root::

    .venv/bin/python bench/corpus_index.py [--articles 10000] [--queries 200]

The corpus is generated deterministically (seeded RNG) under
``bench/.corpus/`` from the 100 BBC news articles in
``/work/shared/data/bbc-news-summary/article/*/*.txt`` and the project's own
``seeds/*.txt``: every generated article has an id line, a title borrowed
from a real article and 6-16 paragraphs, each made of 2-5 sentences drawn
from the whole pool, so every file is distinct while the vocabulary stays
real English news prose.

Measured, each in a fresh step:

- first index: ``Index.open`` + ``Corpus(project)`` + ``update`` on an empty cache;
- re-index with nothing changed, and after one source changed;
- search latency over N queries of 1-4 content words (some with alias names);
- peak RSS of this process (``resource.getrusage``), and the index file size.

Prints a markdown table and writes it to ``bench/results/corpus_index.md``.
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import resource
import shutil
import sqlite3
import sys
import time
from pathlib import Path

from briefkit.aliases import load_aliases
from briefkit.corpus.load import Corpus
from briefkit.index import INDEX_FILE, STOPWORDS, Index
from briefkit.project import Project

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "data" / "bbc-news-summary" / "article"
OUT = ROOT / "bench" / ".corpus"
RESULTS = ROOT / "bench" / "results" / "corpus_index.md"
SEED = 20240615

ALIASES = """\
groups:
  - [Tsikhanouskaya, Tikhanovskaya, Tsikhanovskaya, Tikhanovsky]
  - [Lukashenka, Lukashenko]
  - [Kalinouski, Kalinoŭski, Kalinowski]
"""


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“\"])", " ".join(text.split()))
    return [p for p in parts if len(p.split()) >= 4 and p[-1] in '.!?”"']


def load_pool() -> tuple[list[str], list[str]]:
    """Sentences and titles from the BBC articles and the project's seeds."""
    files = sorted(BBC.glob("*/*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    sentences: list[str] = []
    titles: list[str] = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        head, _, body = text.strip().partition("\n")
        titles.append(" ".join(head.split()))
        for block in re.split(r"\n\s*\n", body):
            sentences.extend(_sentences(block))
    return sentences, titles


def make_corpus(root: Path, n: int) -> None:
    sentences, titles = load_pool()
    rng = random.Random(SEED)
    if root.exists():
        shutil.rmtree(root)
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    (root / "briefings").mkdir()
    (root / "config").mkdir()
    (root / "config" / "aliases.yaml").write_text(ALIASES, encoding="utf-8")
    for i in range(n):
        title = f"{rng.choice(titles)} ({i:05d})"
        paragraphs = [
            " ".join(rng.sample(sentences, rng.randint(2, 5))) for _ in range(rng.randint(6, 16))
        ]
        body = "\n\n".join([title, f"Article {i:05d} of the benchmark corpus.", *paragraphs])
        (seeds / f"article-{i:05d}.txt").write_text(body + "\n", encoding="utf-8")


def make_queries(n: int) -> list[str]:
    sentences, _ = load_pool()
    rng = random.Random(SEED + 1)
    names = ["Lukashenka", "Tikhanovskaya", "Kalinouski", "opposition", "sanctions"]
    queries = []
    for i in range(n):
        words = [
            w
            for w in re.findall(r"[A-Za-z]+", rng.choice(sentences))
            if len(w) > 3 and w.lower() not in STOPWORDS
        ]
        picked = rng.sample(words, min(len(words), rng.randint(1, 4)))
        if i % 10 == 0:
            picked.append(rng.choice(names))
        queries.append(" ".join(picked) or "election")
    return queries


class TimedCorpus(Corpus):
    """A Corpus that adds up the time spent reading, cleaning and segmenting."""

    spent = 0.0

    def get(self, source_id: str):
        t = time.perf_counter()
        try:
            return super().get(source_id)
        finally:
            TimedCorpus.spent += time.perf_counter() - t


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="reuse bench/.corpus if present")
    args = parser.parse_args()

    root = OUT / "project"
    t = time.perf_counter()
    count = len(list((root / "seeds").glob("*.txt"))) if root.exists() else 0
    if not (args.keep and count == args.articles):
        make_corpus(root, args.articles)
    generate_s = time.perf_counter() - t
    shutil.rmtree(root / ".briefkit", ignore_errors=True)

    project = Project.load(root)
    rows: list[tuple[str, str, str]] = []

    t = time.perf_counter()
    with Index.open(project) as index:
        first = index.update(TimedCorpus(project))
    first_s = time.perf_counter() - t
    clean_s = TimedCorpus.spent
    rss_after_build = peak_rss_mb()
    con = sqlite3.connect(project.cache_dir / INDEX_FILE)
    paragraphs = con.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    con.close()
    size_mb = (project.cache_dir / INDEX_FILE).stat().st_size / 1e6
    rows.append(("first index (open + Corpus + update)", f"{first_s:.1f} s", "< 60 s"))
    # Sources are cleaned in worker processes (one per core) while this process
    # writes to SQLite, so the time spent cleaning is not separable here.
    del clean_s

    def reindex(label: str, target: str = "") -> object:
        t0 = time.perf_counter()
        corpus = Corpus(project)
        t1 = time.perf_counter()
        with Index.open(project) as index:
            stats = index.update(corpus)
        t2 = time.perf_counter()
        rows.append((f"{label}: total", f"{(t2 - t0) * 1000:.0f} ms", target))
        rows.append((f"{label}: Corpus(project) discovery", f"{(t1 - t0) * 1000:.0f} ms", ""))
        rows.append((f"{label}: open + update", f"{(t2 - t1) * 1000:.0f} ms", ""))
        return stats

    reindex("re-index, nothing changed")
    changed = root / "seeds" / "article-04242.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8")
        + "\nA new closing paragraph about potash exports and sanctions.\n",
        encoding="utf-8",
    )
    one = reindex("re-index, one source changed", "< 1 s")
    assert (one.changed, one.unchanged) == (1, args.articles - 1), one

    queries = make_queries(args.queries)
    aliases = load_aliases(project)
    latencies = []
    found = 0
    with Index.open(project) as index:
        index.search("warm up", top=10)
        for q in queries:
            t = time.perf_counter()
            hits = index.search(q, top=10, aliases=aliases)
            latencies.append((time.perf_counter() - t) * 1000)
            found += bool(hits)
    rows.append(
        (f"search p50 ({len(queries)} queries)", f"{percentile(latencies, 0.5):.1f} ms", "")
    )
    rows.append(("search p95", f"{percentile(latencies, 0.95):.1f} ms", "< 50 ms"))
    rows.append(("search max", f"{max(latencies):.1f} ms", ""))
    rows.append(("peak RSS (after first index)", f"{rss_after_build:.0f} MB", ""))
    rows.append(("peak RSS (end)", f"{peak_rss_mb():.0f} MB", ""))
    rows.append(("index file", f"{size_mb:.0f} MB", ""))

    lines = [
        "# Search index benchmark",
        "",
        f"Command: `.venv/bin/python bench/corpus_index.py --articles {args.articles}"
        f" --queries {args.queries}`",
        "",
        f"Corpus: {args.articles:,} generated articles, {paragraphs:,} paragraphs "
        f"(generated in {generate_s:.1f} s); first update: {first.added:,} added. "
        f"{found}/{len(queries)} queries had hits.",
        f"Machine: Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{platform.machine()}, {platform.system()}.",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
