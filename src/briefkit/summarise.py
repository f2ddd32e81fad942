"""Extractive, query-focused summaries: whole sentences chosen from the sources.

The summary never rewrites anything: every sentence it returns is a
:class:`~briefkit.corpus.model.Sentence` of an article, so it is verbatim and
citable by id. How sentences are chosen:

1. *Centrality*: a continuous LexRank (Erkan & Radev 2004) over TF-IDF cosine
   similarity, biased (Otterbacher et al. 2005) so that the random walk
   restarts, given a focus, at sentences that share its terms. Central
   sentences say what many others say.
2. *Priors*: news puts the gist first, so early sentences (of an article and
   of a paragraph) get a prior; sentences sharing words with the title or the
   focus score higher; very short and very long sentences are damped.
3. *Redundancy*: sentences are taken by Maximal Marginal Relevance, so a
   second sentence saying the same as the first loses to a new point.
4. *Standing alone*: every candidate is judged by :mod:`briefkit.standalone`.
   A sentence that points back ("However,", "She said", "These measures",
   "the incident") either comes with the sentence before it (marked
   ``with_previous``) or is passed over; one that only lacks a first name or
   the year of "last year" gets them in square brackets; a truncated or
   off-topic one is never chosen.

Weights were set on 100 BBC articles (``bench/summaries.py``) and kept round
and few so as not to fit that set; they are module constants below.
Pure Python: a 1,000-word article takes a few milliseconds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .corpus.model import Article, Sentence
from .standalone import Insertion, NameBook, Verdict, apply_insertions, judge, off_topic
from .textstats import content_terms

DEFAULT_SENTENCES = 3

# Score = centrality + position + title/focus relevance, times a length factor.
W_CENTRALITY = 1.0
W_POSITION = 0.3
W_TITLE = 0.3
W_FOCUS = 1.0
DAMPING = 0.85  # LexRank/PageRank damping: the walk follows similarity 85% of the time
MMR_LAMBDA = 0.7  # weight of the score against similarity to what is already chosen
CONTEXT_MIN = 0.5  # see _with_context
CHAIN_MAX = 3  # a sentence and at most two it depends on


@dataclass(frozen=True)
class SummarySentence:
    source_id: str
    paragraph_id: str
    sentence: Sentence
    with_previous: bool = False  # added as context for a dangling next sentence
    insertions: tuple[Insertion, ...] = ()  # bracketed words that make it read alone
    reason: str = ""  # the judge's reason (see briefkit.standalone)

    @property
    def printed(self) -> str:
        return apply_insertions(self.sentence.text, self.insertions)


@dataclass(frozen=True)
class _Candidate:
    order: int  # global source order: article order, then offset
    article: int
    source_id: str
    paragraph_id: str
    sentence: Sentence
    position: int  # 0-based among the article's body sentences
    in_paragraph: int  # 0-based within its paragraph
    n_words: int
    previous: int | None  # candidate just before, same article, no heading between
    verdict: Verdict


def summarise(
    articles: Sequence[Article],
    *,
    sentences: int | None = None,
    words: int | None = None,
    focus: str | None = None,
    strict_focus: bool = False,
) -> list[SummarySentence]:
    """Choose sentences that summarise ``articles``, returned in source order.

    ``sentences`` caps the number of sentences and ``words`` the number of
    words (both may be given; with neither, 3 sentences). Sentences added as
    context for a dangling sentence count against both budgets. ``focus``
    (a section heading, a question) makes sentences about it more likely;
    with ``strict_focus`` a sentence sharing no word with the focus or its
    article's title is not chosen, as long as enough sentences about the
    focus are there to fill the budget.
    """
    if (sentences is not None and sentences < 0) or (words is not None and words < 0):
        raise ValueError("sentences and words must not be negative")
    if sentences is None and words is None:
        sentences = DEFAULT_SENTENCES
    cands = _candidates(articles)
    if not cands or sentences == 0 or words == 0:
        return []
    if strict_focus and focus:
        cands = _off_topic_out(cands, articles, focus, sentences, words)
    scores, sim = score_sentences(cands, articles, focus)
    chosen = _select(cands, scores, sim, max_sentences=sentences, max_words=words)
    out: list[SummarySentence] = []
    for c, ctx in sorted(((cands[i], ctx) for i, ctx in chosen.items()), key=_order):
        # "[Svetlana] Matskevich" is not needed when the summary gave the full
        # name already, a few sentences up
        printed_so_far = " ".join(s.sentence.text for s in out)
        insertions = tuple(
            ins
            for ins in c.verdict.insertions
            if not (ins.supplies == "first name" and ins.full_name in printed_so_far)
        )
        out.append(
            SummarySentence(
                c.source_id,
                c.paragraph_id,
                c.sentence,
                with_previous=ctx,
                insertions=insertions,
                reason=c.verdict.reason,
            )
        )
    return out


def _order(item: tuple[_Candidate, bool]) -> int:
    return item[0].order


def _candidates(articles: Sequence[Article]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for a, article in enumerate(articles):
        position = 0
        previous: int | None = None
        before: list[str] = []  # sentences since the last heading
        names = NameBook(" ".join(filter(None, (article.title, article.standfirst))))
        for para in article.paragraphs:
            if para.kind == "heading":
                previous = None  # a heading changes the subject: no context across it
                before = []
                names.add(para.text)
                continue
            for k, sent in enumerate(para.sentences):
                verdict = judge(
                    sent.text,
                    previous=before[-2:],
                    title=article.title or "",
                    date=article.date,
                    language=article.language or "en",
                    names=names,
                )
                before.append(sent.text)
                names.add(sent.text)
                out.append(
                    _Candidate(
                        order=len(out),
                        article=a,
                        source_id=article.id,
                        paragraph_id=para.id,
                        sentence=sent,
                        position=position,
                        in_paragraph=k,
                        n_words=len(sent.text.split()),
                        previous=previous,
                        verdict=verdict,
                    )
                )
                previous = len(out) - 1
                position += 1
    return out


def _off_topic_out(
    cands: list[_Candidate],
    articles: Sequence[Article],
    focus: str,
    sentences: int | None,
    words: int | None,
) -> list[_Candidate]:
    """Candidates with those about something else entirely marked "reject".

    Word overlap is a crude test ("Charging will take twelve minutes" is about
    "batteries"), so it only applies when the sentences that do share a word
    with the focus can fill the budget on their own.
    """
    titles = [a.title or "" for a in articles]
    off = [off_topic(c.sentence.text, focus, titles[c.article]) for c in cands]
    usable = [c for c, o in zip(cands, off, strict=True) if not o and c.verdict.printable_alone]
    need = sentences if sentences is not None else max(1, (words or 0) // 25)
    if len(usable) < need:
        return cands
    reject = Verdict("reject", reason="off topic: shares no word with the focus or the title")
    return [replace(c, verdict=reject) if o else c for c, o in zip(cands, off, strict=True)]


# -- scoring ------------------------------------------------------------------


def score_sentences(
    cands: Sequence[_Candidate], articles: Sequence[Article], focus: str | None
) -> tuple[list[float], list[dict[int, float]]]:
    """Per-candidate scores and the sparse cosine similarity between candidates."""
    vectors, idf = _tfidf([content_terms(c.sentence.text) for c in cands])
    sim = _similarities(vectors)
    n = len(cands)

    position = [_position_prior(c) for c in cands]
    titles = [_vector(content_terms(a.title or ""), idf) for a in articles]
    title_rel = [_cosine(vectors[i], titles[c.article]) for i, c in enumerate(cands)]
    focus_vec = _vector(content_terms(focus or ""), idf)
    focus_rel = [_cosine(v, focus_vec) for v in vectors] if focus_vec else [0.0] * n

    # With a focus the random walk restarts mostly at sentences about it
    # (biased LexRank), so centrality means "central to the focus". Without
    # one it restarts anywhere: biasing the walk to the lead as well as adding
    # the position prior counted position twice and lost to plain LexRank.
    bias = [0.1 + r for r in focus_rel] if any(focus_rel) else [1.0] * n
    centrality = _lexrank(sim, bias)
    top = max(centrality) or 1.0
    scores = []
    for i, c in enumerate(cands):
        s = (
            W_CENTRALITY * centrality[i] / top
            + W_POSITION * position[i]
            + W_TITLE * title_rel[i]
            + W_FOCUS * focus_rel[i]
        )
        scores.append(s * _length_factor(c.n_words))
    return scores, sim


def _position_prior(c: _Candidate) -> float:
    # News leads: the first sentences of an article carry its gist; the first
    # sentence of a paragraph usually states the paragraph's point.
    lead = 1.0 / math.sqrt(1.0 + c.position)
    return 0.8 * lead + (0.2 if c.in_paragraph == 0 else 0.0)


def _length_factor(n: int) -> float:
    # Fragments ("He agreed.") carry little; very long sentences eat the budget.
    if n < 5:
        return 0.3
    if n < 10:
        return 0.6 + 0.08 * (n - 5)
    if n <= 40:
        return 1.0
    return max(0.5, 1.0 - (n - 40) / 60)


def _tfidf(docs: list[list[str]]) -> tuple[list[dict[str, float]], dict[str, float]]:
    df: dict[str, int] = {}
    for terms in docs:
        for t in set(terms):
            df[t] = df.get(t, 0) + 1
    n = len(docs)
    idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}
    return [_vector(terms, idf) for terms in docs], idf


def _vector(terms: list[str], idf: dict[str, float]) -> dict[str, float]:
    if not terms:
        return {}
    tf: dict[str, int] = {}
    for t in terms:
        tf[t] = tf.get(t, 0) + 1
    # Unknown words (a focus term no sentence has) get the highest idf.
    top = max(idf.values(), default=1.0)
    vec = {t: (1.0 + math.log(k)) * idf.get(t, top) for t, k in tf.items()}
    norm = math.sqrt(sum(w * w for w in vec.values()))
    return {t: w / norm for t, w in vec.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[t] for t, w in a.items() if t in b)


def _similarities(vectors: list[dict[str, float]]) -> list[dict[int, float]]:
    """Sparse cosine similarity (vectors are unit length), via an inverted index."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, vec in enumerate(vectors):
        for t, w in vec.items():
            postings.setdefault(t, []).append((i, w))
    sim: list[dict[int, float]] = [{} for _ in vectors]
    for plist in postings.values():
        for x, (i, wi) in enumerate(plist):
            row = sim[i]
            for j, wj in plist[x + 1 :]:
                row[j] = row.get(j, 0.0) + wi * wj
    for i, row in enumerate(sim):
        for j, v in row.items():
            sim[j][i] = v
    return sim


def _lexrank(sim: list[dict[int, float]], bias: list[float]) -> list[float]:
    """Continuous LexRank by power iteration, restarting according to ``bias``."""
    n = len(sim)
    total = sum(bias) or 1.0
    restart = [b / total for b in bias]
    out_sum = [sum(row.values()) for row in sim]
    rank = [1.0 / n] * n
    for _ in range(100):
        nxt = [(1.0 - DAMPING) * r for r in restart]
        leaked = 0.0
        for i, row in enumerate(sim):
            if out_sum[i] <= 0.0:
                leaked += rank[i]  # an isolated sentence hands its rank to the restart
                continue
            share = DAMPING * rank[i] / out_sum[i]
            for j, v in row.items():
                nxt[j] += share * v
        if leaked:
            for j in range(n):
                nxt[j] += DAMPING * leaked * restart[j]
        delta = sum(abs(a - b) for a, b in zip(nxt, rank, strict=True))
        rank = nxt
        if delta < 1e-9:
            break
    return rank


# -- selection ----------------------------------------------------------------


def _select(
    cands: Sequence[_Candidate],
    scores: list[float],
    sim: list[dict[int, float]],
    *,
    max_sentences: int | None,
    max_words: int | None,
) -> dict[int, bool]:
    """Indices chosen (with their ``with_previous`` flag), by MMR under the budgets."""
    top = max(scores) or 1.0
    rel = [s / top for s in scores]
    chosen: dict[int, bool] = {}
    used_words = 0
    passed: set[int] = set()

    def fits(extra_sentences: int, extra_words: int) -> bool:
        if max_sentences is not None and len(chosen) + extra_sentences > max_sentences:
            return False
        return max_words is None or used_words + extra_words <= max_words

    while True:
        best, best_value = -1, -math.inf
        for i in range(len(cands)):
            if i in chosen or i in passed:
                continue
            redundancy = max((sim[i].get(j, 0.0) for j in chosen), default=0.0)
            value = MMR_LAMBDA * rel[i] - (1.0 - MMR_LAMBDA) * redundancy
            if value > best_value:  # strict: ties go to the earlier sentence
                best, best_value = i, value
        if best < 0:
            break
        passed.add(best)
        plan = _with_context(cands, chosen, best, rel)
        if plan is None:
            continue  # dangling, and its context cannot be given: pass it over
        extra_words = sum(cands[j].n_words for j in plan)
        if not fits(len(plan), extra_words):
            if max_sentences is not None and len(chosen) >= max_sentences:
                break
            continue  # too long for what is left of the word budget; try shorter ones
        for j in plan:
            chosen[j] = j != best
            # a sentence passed over for want of this one may now be taken
            passed.difference_update(
                [k for k in passed if cands[k].previous == j and k not in chosen]
            )
        used_words += extra_words
    return chosen


def _with_context(
    cands: Sequence[_Candidate], chosen: dict[int, bool], i: int, rel: list[float]
) -> list[int] | None:
    """The sentences to add for candidate ``i``: itself, maybe what it depends on, or none.

    A sentence that cannot stand alone brings the sentences it depends on (at
    most CHAIN_MAX in all, back to one that stands alone or is already
    chosen), and only when the one just before it is worth reading too (scores
    at least CONTEXT_MIN of it); otherwise the pair would spend the budget on
    filler, and the sentence is passed over.
    """
    plan = [i]
    while True:
        c = cands[plan[0]]
        if c.verdict.kind in ("ok", "insert"):
            break
        if c.verdict.kind != "with_previous":
            return None  # truncated, off topic, undatable, or nothing before it
        p = c.previous
        if p is None or cands[p].verdict.kind == "reject":
            return None
        if p in chosen:
            break
        if len(plan) >= CHAIN_MAX:
            return None  # a long chain of references: too much context for one point
        plan.insert(0, p)
    if len(plan) > 1 and rel[plan[-2]] < CONTEXT_MIN * rel[i]:
        return None
    return plan
