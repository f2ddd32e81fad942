"""Train and measure the text-dump cleaner's line classifier.

Data: the 700 real pages of ``../shared/data/web-pages-2026`` turned into
plain-text dumps in four styles (``bench/cleaner_dumps.py``). Every logical
line of a dump is labelled article text when most of its words align, in
order, with the page's true main content (difflib on word ids; matches of
three words or more, or a whole line of the truth).

Measure: 4-gram shingle F1 of the kept text against the true main content
(the Scrapinghub article-extraction benchmark's metric), per page, averaged;
by **cross-validation grouped by site** (GroupKFold, 5 folds: a site's pages
are never in both the training and the test part, in any style).

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python bench/train_cleaner.py cv        # grouped CV table (~10 min)
    .venv/bin/python bench/train_cleaner.py train     # fit on all, write the model

``train`` writes ``src/briefkit/corpus/cleaner_model.json``; the model is
deterministic for a given scikit-learn version (fixed seeds). The shipped
model has one stage; ``BRIEFKIT_STAGES=2`` adds a stacked second stage
(properly nested in the cross-validation; about an hour on two cores).
Set ``BRIEFKIT_OLD_CLEANER`` to a folder holding the hand-tuned cleaner as
``oldclean.py`` to add its column. Caches go to ``bench/.cache/``.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import cleaner_dumps  # noqa: E402

from briefkit.corpus import clean  # noqa: E402
from briefkit.corpus.dumplines import FEATURES, features, looks_like_markdown, units  # noqa: E402
from briefkit.corpus.language import words  # noqa: E402
from briefkit.corpus.linemodel import (  # noqa: E402
    MODEL_FILE,
    STACK_FEATURES,
    LineModel,
    export_hgb,
    stack_features,
)

CACHE = HERE / ".cache"
MODEL_PATH = HERE.parent / "src" / "briefkit" / "corpus" / MODEL_FILE
FOLDS = 5
PARAMS = dict(
    max_iter=250,
    learning_rate=0.08,
    max_leaf_nodes=31,
    min_samples_leaf=30,
    l2_regularization=1.0,
    random_state=0,
    early_stopping=False,
)
_TOKEN = re.compile(r"\w+", re.UNICODE)


# ---------------------------------------------------------------- metric


def shingles(text: str, n: int = 4) -> Counter:
    toks = [t.lower() for t in _TOKEN.findall(text)]
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def prf(predicted: str, gold: str) -> tuple[float, float, float]:
    p, g = shingles(predicted), shingles(gold)
    if not p and not g:
        return 1.0, 1.0, 1.0
    if not p or not g:
        return 0.0, 0.0, 0.0
    overlap = sum((p & g).values())
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1


# ---------------------------------------------------------------- labels


def labels(texts: list[str], gold: str) -> list[int]:
    """1 for each unit whose words mostly align with the true main content."""
    vocab: dict[str, int] = {}
    gold_ids: list[int] = []
    line_bounds: set[tuple[int, int]] = set()
    for line in gold.split("\n"):
        toks = words(line)
        if toks:
            start = len(gold_ids)
            gold_ids.extend(vocab.setdefault(t, len(vocab)) for t in toks)
            line_bounds.add((start, len(gold_ids)))
    dump_ids: list[int] = []
    owner: list[int] = []
    for k, text in enumerate(texts):
        for t in words(text):
            dump_ids.append(vocab.setdefault(t, len(vocab)))
            owner.append(k)
    matched = [0] * len(texts)
    sm = SequenceMatcher(None, dump_ids, gold_ids, autojunk=False)
    for a, b, size in sm.get_matching_blocks():
        if size >= 3 or (b, b + size) in line_bounds:
            for j in range(a, a + size):
                matched[owner[j]] += 1
    counts = Counter(owner)
    return [int(counts[k] > 0 and matched[k] >= 0.5 * counts[k]) for k in range(len(texts))]


# ---------------------------------------------------------------- data


def _page(args: tuple[str, str, str, str]) -> dict:
    style, page_id, text, gold = args
    us = units(text)
    if not us:
        return {"id": page_id, "style": style, "texts": [], "x": [], "y": []}
    lang = clean.page_language(us)
    toks = [words(u.text) for u in us]
    cues = [clean.unit_cue(u.text, toks[i], lang) for i, u in enumerate(us)]
    x = features(us, lang, cues, looks_like_markdown(text.splitlines()))
    texts = [u.text for u in us]
    return {"id": page_id, "style": style, "texts": texts, "x": x, "y": labels(texts, gold)}


def dataset() -> list[dict]:
    """Every page in every style: units, features, labels (cached)."""
    path = CACHE / f"dataset-{len(FEATURES)}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    gt = cleaner_dumps.truth()
    jobs = [
        (style, pid, text, item["main_content"])
        for style in cleaner_dumps.STYLES
        for pid, text, item in cleaner_dumps.dumps(style)
    ]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        pages = list(pool.map(_page, jobs, chunksize=4))
    for page in pages:
        page["site"] = cleaner_dumps.site(gt[page["id"]]["url"])
    print(f"features for {len(pages)} dumps in {time.perf_counter() - started:.0f} s")
    path.write_bytes(pickle.dumps(pages, protocol=pickle.HIGHEST_PROTOCOL))
    return pages


def _xy(pages: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs = [np.asarray(p["x"], dtype=np.float64) for p in pages if p["x"]]
    ys = [np.asarray(p["y"]) for p in pages if p["x"]]
    w = [
        np.sqrt(1.0 + np.array([len(words(t)) for t in p["texts"]], dtype=np.float64))
        for p in pages
        if p["x"]
    ]
    return np.vstack(xs), np.concatenate(ys), np.concatenate(w)


def _fit(x: np.ndarray, y: np.ndarray, w: np.ndarray):
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(**PARAMS)
    model.fit(x, y, sample_weight=w)
    return model


def fit_model(pages: list[dict], stages: int = 2) -> tuple[LineModel, dict]:
    """Fit stage 1 on all ``pages``; stage 2 on stage 1's grouped out-of-fold scores."""
    pages = [p for p in pages if p["x"]]
    x, y, w = _xy(pages)
    first = _fit(x, y, w)
    data = {"features": list(FEATURES), "threshold": 0.5, "stages": [export_hgb(first)]}
    if stages > 1:
        oof = out_of_fold_scores(1)
        x2 = np.vstack([np.hstack([_x(p), stack_features(oof[_key(p)])]) for p in pages])
        second = _fit(x2, y, w)
        data["stages"].append(export_hgb(second))
        data["stack_features"] = list(STACK_FEATURES)
    return LineModel.from_json(data), data


# ---------------------------------------------------------------- evaluation


def kept_text(result) -> str:
    return "\n".join(b.text for b in result.blocks)


class FixedScores:
    """Stands in for a LineModel: the scores were computed beforehand (out of fold)."""

    def __init__(self, score: np.ndarray, threshold: float = 0.5) -> None:
        self.score, self.threshold = score, threshold

    def scores(self, rows: list[list[float]]) -> np.ndarray:
        assert len(rows) == len(self.score), "the dump's lines changed since the scores"
        return self.score


def _evaluate_one(args: tuple) -> dict:
    style, page_id, text, texts, y, score, threshold = args
    truth = cleaner_dumps.truth_cached()[page_id]
    gold = truth["main_content"]
    result = clean.clean_text_dump(text, model=FixedScores(score, threshold))
    return {
        "style": style,
        "id": page_id,
        "type": truth["page_type"],
        "ours": prf(kept_text(result), gold),
        "plain": prf(text, gold),
        "oracle": prf("\n".join(t for t, lab in zip(texts, y, strict=True) if lab), gold),
        **metadata_hits(result.metadata, truth),
    }


def evaluate(pages: list[dict], scores: dict, dumps: dict, threshold: float = 0.5) -> list[dict]:
    jobs = [
        (
            p["style"],
            p["id"],
            dumps[(p["style"], p["id"])],
            p["texts"],
            p["y"],
            scores[(p["style"], p["id"])],
            threshold,
        )
        for p in pages
    ]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(_evaluate_one, jobs, chunksize=8))


def _norm(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text or "")]


def metadata_hits(found, truth: dict) -> dict:
    """Title, author and date found in a dump against the truth (None: truth has none).

    Title: the same words (lower-cased, punctuation ignored), or one contains the
    other with at least 80% of the words (a site name or kicker around it).
    Author: one of the true authors' names is among the names found.
    Date: the same YYYY-MM-DD.
    """
    out: dict = {"title": None, "author": None, "date": None}
    if truth.get("title"):
        t, f = _norm(truth["title"]), _norm(found.title or "")
        same = t == f
        if not same and t and f:
            short, long_ = sorted((t, f), key=len)
            joined = " ".join(long_)
            same = " ".join(short) in joined and len(short) >= 0.8 * len(long_)
        out["title"] = same
    if truth.get("author"):
        names = {" ".join(_norm(a)) for a in found.authors}
        wanted = [" ".join(_norm(a)) for a in re.split(r",|;|\band\b", truth["author"])]
        out["author"] = any(w and w in names for w in wanted)
    if truth.get("publish_date"):
        out["date"] = (found.date or "")[:10] == truth["publish_date"][:10]
    return out


def metadata_table(rows: list[dict]) -> str:
    out = ["| dump style | title right | author right | date right |", "|---|---:|---:|---:|"]
    for style in (*cleaner_dumps.STYLES, "all"):
        sel = [r for r in rows if style in ("all", r["style"])]
        cells = []
        for key in ("title", "author", "date"):
            have = [r[key] for r in sel if r[key] is not None]
            cells.append(f"{sum(have) / len(have):.0%} of {len(have)}" if have else "—")
        out.append(f"| {style} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def _old_one(args: tuple[str, str, str, str]) -> tuple[tuple[str, str], tuple, dict]:
    old, style, page_id, text = args
    if old not in sys.path:
        sys.path.insert(0, old)
    import oldclean  # type: ignore[import-not-found]

    truth = cleaner_dumps.truth_cached()[page_id]
    result = oldclean.clean_text_dump(text)
    return (
        (style, page_id),
        prf(kept_text(result), truth["main_content"]),
        metadata_hits(result.metadata, truth),
    )


def old_cleaner_rows(pages: list[dict], dumps: dict, gt: dict) -> dict:
    """The hand-tuned cleaner this model replaced, for comparison.

    Set BRIEFKIT_OLD_CLEANER to a folder holding it as ``oldclean.py``
    (``git show 103ae3f:src/briefkit/corpus/clean.py`` with absolute imports).
    """
    old = os.environ.get("BRIEFKIT_OLD_CLEANER")
    if not old:
        return {}
    jobs = [(old, p["style"], p["id"], dumps[(p["style"], p["id"])]) for p in pages]
    out = {}
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for key, scores, hits in pool.map(_old_one, jobs, chunksize=8):
            out[key] = scores
            OLD_METADATA[key] = hits
    return out


OLD_METADATA: dict = {}


def table(rows: list[dict], old: dict) -> str:
    out = [
        "| dump style | pages | uncleaned F1 | old cleaner F1 | learned P | learned R | "
        "**learned F1** | labels' ceiling F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for style in (*cleaner_dumps.STYLES, "all"):
        sel = [r for r in rows if style in ("all", r["style"])]
        if not sel:
            continue

        def mean(key: str, k: int, sel: list[dict] = sel) -> float:
            return sum(r[key][k] for r in sel) / len(sel)

        old_f1 = f"{sum(old[(r['style'], r['id'])][2] for r in sel) / len(sel):.3f}" if old else "—"
        out.append(
            f"| {style} | {len(sel)} | {mean('plain', 2):.3f} | {old_f1} | "
            f"{mean('ours', 0):.3f} | {mean('ours', 1):.3f} | **{mean('ours', 2):.3f}** | "
            f"{mean('oracle', 2):.3f} |"
        )
    return "\n".join(out)


def by_type(rows: list[dict]) -> str:
    types = sorted({r["type"] for r in rows})
    out = ["| page type | dumps | learned F1 |", "|---|---:|---:|"]
    for t in types:
        sel = [r for r in rows if r["type"] == t]
        out.append(f"| {t} | {len(sel)} | {sum(r['ours'][2] for r in sel) / len(sel):.3f} |")
    return "\n".join(out)


def _all_dumps() -> dict:
    return {
        (style, pid): text
        for style in cleaner_dumps.STYLES
        for pid, text, _ in cleaner_dumps.dumps(style)
    }


def _folds(pages: list[dict]) -> list[np.ndarray]:
    from sklearn.model_selection import GroupKFold

    groups = np.array([p["site"] for p in pages])
    return [test for _, test in GroupKFold(n_splits=FOLDS).split(pages, groups=groups)]


def _key(p: dict) -> tuple[str, str]:
    return (p["style"], p["id"])


def out_of_fold_scores(stages: int) -> dict:
    """Every dump's line scores from models that never saw its site (cached).

    Stage 1: five models, each trained on four folds, score the fifth. Stage 2
    (stacking) is nested properly: the stage-1 scores it learns from, for the
    training part of outer fold k, come from models that saw neither fold k nor
    the page's own fold (one model per pair of folds, trained on the other three).
    """
    path = CACHE / f"oof-{len(FEATURES)}-{stages}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    pages = [p for p in dataset() if p["x"]]
    folds = _folds(pages)
    if stages == 1:
        scores: dict = {}
        for k, test in enumerate(folds, start=1):
            started = time.perf_counter()
            held = set(test)
            model = _fit(*_xy([pages[i] for i in range(len(pages)) if i not in held]))
            for i in test:
                scores[_key(pages[i])] = model.predict_proba(_x(pages[i]))[:, 1]
            print(f"fold {k}/{FOLDS}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    else:
        first = out_of_fold_scores(1)
        fold_of = {i: k for k, test in enumerate(folds) for i in test}
        pair_path = CACHE / f"oof-pairs-{len(FEATURES)}.pickle"
        pair: dict = pickle.loads(pair_path.read_bytes()) if pair_path.exists() else {}
        for k in range(FOLDS if not pair else 0):
            for j in range(k + 1, FOLDS):
                started = time.perf_counter()
                train = [p for i, p in enumerate(pages) if fold_of[i] not in (k, j)]
                model = _fit(*_xy(train))
                for i in (*folds[k], *folds[j]):
                    outer = j if fold_of[i] == k else k
                    pair[(outer, _key(pages[i]))] = model.predict_proba(_x(pages[i]))[:, 1]
                print(f"pair {k},{j}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
        pair_path.write_bytes(pickle.dumps(pair))
        scores = {}
        for k, test in enumerate(folds):
            started = time.perf_counter()
            train = [i for i in range(len(pages)) if fold_of[i] != k]
            x2 = np.vstack(
                [
                    np.hstack([_x(pages[i]), stack_features(pair[(k, _key(pages[i]))])])
                    for i in train
                ]
            )
            _, y, w = _xy([pages[i] for i in train])
            second = _fit(x2, y, w)
            for i in test:
                key = _key(pages[i])
                x = np.hstack([_x(pages[i]), stack_features(first[key])])
                scores[key] = second.predict_proba(x)[:, 1]
            print(f"stage 2 fold {k + 1}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    path.write_bytes(pickle.dumps(scores))
    return scores


def _x(page: dict) -> np.ndarray:
    return np.asarray(page["x"], dtype=np.float64)


def report(stages: int, threshold: float = 0.5) -> str:
    pages = [p for p in dataset() if p["x"]]
    scores = out_of_fold_scores(stages)
    dumps = _all_dumps()
    rows = evaluate(pages, scores, dumps, threshold)
    (CACHE / "cv-rows.json").write_text(json.dumps(rows))
    old = old_cleaner_rows(pages, dumps, {})
    old_rows = [{"style": s, **hits} for (s, _), hits in OLD_METADATA.items()]
    sites = len({p["site"] for p in pages})
    articles = [r for r in rows if r["type"] in ARTICLE_TYPES]
    text = (
        f"Grouped {FOLDS}-fold cross-validation by site ({sites} sites, "
        f"{len({p['id'] for p in pages})} pages, {stages} stage(s), threshold {threshold}); "
        "4-gram shingle F1, mean over pages.\n\n"
        "Articles and blog posts (what briefs cite):\n\n" + table(articles, old) + "\n\n"
        "All 700 pages (forums, docs, product, listing and service pages too):\n\n"
        + table(rows, old)
        + "\n\n"
        + by_type(rows)
        + "\n\n"
        "Metadata found in the dumps (all pages whose truth has it):\n\n"
        + metadata_table(rows)
        + "\n"
        + ("\nThe old cleaner's metadata:\n\n" + metadata_table(old_rows) + "\n" if old else "")
    )
    failures = sorted(articles, key=lambda r: r["ours"][2])[:15]
    text += "\nLowest article pages: " + ", ".join(
        f"{r['style']}/{r['id']} {r['ours'][2]:.2f}" for r in failures
    )
    return text


ARTICLE_TYPES = ("article", "blog")


def train(stages: int) -> None:
    pages = dataset()
    _, data = fit_model(pages, stages=stages)
    import sklearn

    data["info"] = {
        "trained_by": "bench/train_cleaner.py",
        "pages": len({p["id"] for p in pages}),
        "dumps": len(pages),
        "styles": list(cleaner_dumps.STYLES),
        "scikit_learn": sklearn.__version__,
        "params": PARAMS,
    }
    MODEL_PATH.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size / 1024:.0f} KiB)")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "cv"
    stages = int(os.environ.get("BRIEFKIT_STAGES", "1"))
    if command == "cv":
        threshold = float(os.environ.get("BRIEFKIT_THRESHOLD", "0.5"))
        text = report(stages, threshold)
        print(text)
        (HERE / "results").mkdir(exist_ok=True)
        (HERE / "results" / "cleaner_cv.md").write_text(
            "Command: `.venv/bin/python bench/train_cleaner.py cv`\n\n" + text + "\n",
            encoding="utf-8",
        )
    elif command == "train":
        train(stages)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
