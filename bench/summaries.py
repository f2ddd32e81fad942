"""Benchmark: briefkit's extractive summariser against lead-N and sumy on BBC news.

Run from the repository root::

    .venv/bin/python bench/summaries.py [DATA_DIR]

Data: 100 BBC articles with reference extractive summaries (one sentence per
line; the first article line is the title). Every method is asked for as
many sentences as the reference has (about 40% of the article), so only the
choice of sentences differs. Articles are segmented by briefkit's own offline
splitter (paragraphs at blank lines), and sumy gets a document built from the
same sentences with a plain word tokenizer, so nltk's punkt is never needed.
Scores are ROUGE-1/2/L F1 (rouge-score, Porter stemming), averaged over the
documents; time is the summariser call alone, per document.
"""

from __future__ import annotations

import dataclasses
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from briefkit.corpus.model import Article, Block
from briefkit.corpus.segment import segment
from briefkit.summarise import summarise

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bbc-news-summary"
RESULTS = ROOT / "bench" / "results" / "summaries.md"


class WordTokenizer:
    """What sumy needs from a tokenizer, without nltk data."""

    language = "english"
    _word = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(self._word.findall(text))

    def to_sentences(self, text: str) -> tuple[str, ...]:  # pragma: no cover - unused
        from briefkit.corpus.sentences import split_sentences

        return tuple(text[s:e] for s, e in split_sentences(text))


def load(data: Path) -> list[tuple[str, Article, list[str]]]:
    """(name, article, reference sentences) for every article with a summary."""
    out = []
    for path in sorted((data / "article").glob("*/*.txt")):
        name = f"{path.parent.name}/{path.stem}"
        lines = path.read_text(encoding="utf-8").splitlines()
        title, body = lines[0].strip(), lines[1:]
        paras, cur = [], []
        for line in body:
            if line.strip():
                cur.append(line.strip())
            elif cur:
                paras.append(" ".join(cur))
                cur = []
        if cur:
            paras.append(" ".join(cur))
        sid = name.replace("/", "-")
        text, paragraphs = segment(sid, tuple(Block(p) for p in paras))
        article = Article(
            id=sid, path=str(path), format="text", content_hash="", text=text,
            paragraphs=paragraphs, dropped=(), title=title, standfirst=None, authors=(),
            date=None, publication=None, language="en", url=None,
        )  # fmt: skip
        ref_path = data / "summary" / path.parent.name / path.name
        reference = [s for s in ref_path.read_text(encoding="utf-8").splitlines() if s.strip()]
        out.append((name, article, reference))
    return out


def sentence_texts(article: Article) -> list[str]:
    return [s.text for p in article.body_paragraphs for s in p.sentences]


def briefkit_method(article: Article, n: int) -> list[str]:
    return [s.sentence.text for s in summarise([article], sentences=n)]


def briefkit_dated_method(article: Article, n: int) -> list[str]:
    """briefkit as it runs on a source whose date is known.

    The BBC files carry no date, so a sentence saying "on Monday" or "last
    year" cannot be dated and is passed over. Real sources mostly have one;
    any date gives the same choice (only the bracketed insertion, which ROUGE
    does not see, would differ).
    """
    dated = dataclasses.replace(article, date="2005-01-01")
    return [s.sentence.text for s in summarise([dated], sentences=n)]


def lead_method(article: Article, n: int) -> list[str]:
    return sentence_texts(article)[:n]


def sumy_method(summarizer) -> Callable[[Article, int], list[str]]:
    from sumy.models.dom import ObjectDocumentModel
    from sumy.models.dom import Paragraph as SumyParagraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = WordTokenizer()

    def run(article: Article, n: int) -> list[str]:
        doc = ObjectDocumentModel(
            tuple(
                SumyParagraph(tuple(SumySentence(s.text, tokenizer) for s in p.sentences))
                for p in article.body_paragraphs
            )
        )
        return [str(s) for s in summarizer(doc, n)]

    return run


def make_sumy(cls):
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    summarizer = cls(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer


def evaluate(data: Path = DATA) -> str:
    # bench-only dependencies (pip install -e '.[bench]'), imported here so that
    # the tests can reuse load() without them
    from rouge_score import rouge_scorer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    docs = load(data)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    methods: dict[str, Callable[[Article, int], list[str]]] = {
        "briefkit (undated, as the files are)": briefkit_method,
        "briefkit (article dates known)": briefkit_dated_method,
        "lead-N": lead_method,
        "sumy LexRank": sumy_method(make_sumy(LexRankSummarizer)),
        "sumy TextRank": sumy_method(make_sumy(TextRankSummarizer)),
    }
    rows = []
    for label, method in methods.items():
        r1, r2, rl, ms = [], [], [], []
        for _name, article, reference in docs:
            n = len(reference)
            t0 = time.perf_counter()
            chosen = method(article, n)
            ms.append((time.perf_counter() - t0) * 1000)
            score = scorer.score("\n".join(reference), "\n".join(chosen))
            r1.append(score["rouge1"].fmeasure)
            r2.append(score["rouge2"].fmeasure)
            rl.append(score["rougeL"].fmeasure)
        rows.append(
            f"| {label} | {statistics.mean(r1):.4f} | {statistics.mean(r2):.4f} | "
            f"{statistics.mean(rl):.4f} | {statistics.mean(ms):.1f} |"
        )
    words = statistics.mean(a.word_count for _n, a, _r in docs)
    ref_share = statistics.mean(len(r) / max(1, len(sentence_texts(a))) for _n, a, r in docs)
    header = [
        f"BBC News Summary, {len(docs)} documents (20 per topic), mean {words:.0f} words; "
        f"each method picks as many sentences as the reference has "
        f"(mean {100 * ref_share:.0f}% of the article's sentences).",
        "ROUGE F1 with stemming (rouge-score); ms = mean time of the summariser call.",
        "Command: `.venv/bin/python bench/summaries.py`",
        "",
        "| method | ROUGE-1 | ROUGE-2 | ROUGE-L | ms/doc |",
        "|---|---:|---:|---:|---:|",
    ]
    return "\n".join(header + rows) + "\n"


def main(argv: list[str]) -> None:
    data = Path(argv[1]) if len(argv) > 1 else DATA
    table = evaluate(data)
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv)
