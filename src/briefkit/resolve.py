"""Resolve a brief against the corpus: every excerpt, summary and figure made concrete.

This is the stage where trust is enforced. Each selector becomes an
:class:`~briefkit.select.Excerpt` with offsets into its source, every
automatic sentence or figure keeps the paragraph it came from, and every
problem in the brief is collected and raised together with its file:line:col.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .config import models as m
from .config.yamlload import LoadedYaml
from .errors import BriefkitError, Location, QuoteError, raise_all
from .select import (
    Excerpt,
    check_source,
    excerpt_from_match,
    resolve_paragraph,
    unverified_excerpt,
    verify_quote,
)
from .standalone import Insertion, apply_insertions

if TYPE_CHECKING:
    from .corpus.load import Corpus
    from .corpus.model import Article
    from .project import Project

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Attributed:
    """A sentence taken from a source (auto summaries)."""

    text: str  # the source's own words, verbatim
    source_id: str
    paragraph_id: str
    sentence_id: str
    start: int  # offsets into the article's text
    end: int
    insertions: tuple[Insertion, ...] = ()  # in order, not overlapping
    # printed before the next sentence because that one depends on it
    context: bool = False

    @property
    def printed(self) -> str:
        """The sentence as the reader sees it: the source's words plus the insertions."""
        return apply_insertions(self.text, self.insertions)


@dataclass(frozen=True, slots=True)
class ResolvedSummary:
    kind: str  # "analyst" | "auto"
    text: str | None = None  # the analyst's words
    cites: tuple[str, ...] = ()  # source ids the analyst cites
    sentences: tuple[Attributed, ...] = ()  # auto: in source order


@dataclass(frozen=True, slots=True)
class FigureItem:
    value: str  # the number as written in the source: "1,100", "97%", "€2.3 billion"
    label: str  # a noun phrase naming what is counted
    source_id: str
    paragraph_id: str
    sentence: str  # the sentence (or quoted passage) stating it
    start: int
    end: int
    method: str  # "auto" | "exact" | "normalised" | "unverified"
    # as written in the source, before or around the value: "more than",
    # "believed to exceed", "up to", "no longer than"; "" when there is none
    qualifier: str = ""
    unit: str = ""  # "%", "EUR", "years", …; "" for a plain count
    scope: str = ""  # when, where or at what event the number holds, from the source
    qualifier_after: bool = False  # "1,000 or more": the qualifier follows the value
    # the sentence before, when the scope was taken from it ("As a result, …")
    context_sentence: str | None = None

    @property
    def display(self) -> str:
        """The number as the box prints it: never without its qualifier."""
        from .figures import display

        return display(self.value, self.qualifier, self.qualifier_after)


@dataclass(frozen=True, slots=True)
class ResolvedSection:
    heading: str
    text: str | None
    summary: ResolvedSummary | None
    excerpts: tuple[Excerpt, ...]
    figures: tuple[FigureItem, ...]


@dataclass
class ResolvedBrief:
    brief: m.Brief
    file: str
    summary: ResolvedSummary | None
    sections: tuple[ResolvedSection, ...]
    articles: dict[str, Article] = field(default_factory=dict)  # every source used, by id
    warnings: list[BriefkitError] = field(default_factory=list)

    @property
    def source_hashes(self) -> dict[str, str]:
        return {sid: a.content_hash for sid, a in sorted(self.articles.items())}


class _Resolver:
    def __init__(
        self,
        project: Project,
        corpus: Corpus,
        brief: m.Brief,
        loaded: LoadedYaml,
        *,
        allow_unverified: bool,
    ) -> None:
        self.project = project
        self.corpus = corpus
        self.brief = brief
        self.loaded = loaded
        self.allow_unverified = allow_unverified
        self.errors: list[BriefkitError] = []
        self.warnings: list[BriefkitError] = []
        self.used: dict[str, Article] = {}
        self.shown_figures: list = []  # auto figures of earlier sections: not repeated
        self._index = None

    def loc(self, *path: object) -> Location:
        return self.loaded.location(tuple(path))

    def article(self, source_id: str, path: tuple) -> Article | None:
        try:
            check_source(self.corpus, source_id, location=self.loc(*path))
            art = self.corpus.get(source_id)
        except BriefkitError as exc:
            if exc.location is None:
                exc.location = self.loc(*path)
            self.errors.append(exc)
            return None
        self.used[source_id] = art
        return art

    # -- excerpts ---------------------------------------------------------

    def excerpt(self, ex: object, path: tuple) -> list[Excerpt]:
        try:
            if isinstance(ex, m.QuoteExcerpt):
                art = self.article(ex.source, (*path, "source"))
                if art is None:
                    return []
                try:
                    match = verify_quote(
                        self.corpus, ex.source, ex.quote, location=self.loc(*path, "quote")
                    )
                except QuoteError as exc:
                    if not self.allow_unverified:
                        raise
                    self.warnings.append(exc)
                    return [
                        replace(
                            unverified_excerpt(ex.source, ex.quote, ex.note),
                            speaker=ex.speaker,
                            speaker_origin="given" if ex.speaker else "",
                        )
                    ]
                return [self.credit(excerpt_from_match(art, match, note=ex.note), ex, path)]
            if isinstance(ex, m.ParagraphExcerpt):
                source_id = ex.paragraph.split("/", 1)[0]
                if self.article(source_id, (*path, "paragraph")) is None:
                    return []
                found = resolve_paragraph(
                    self.corpus,
                    ex.paragraph,
                    location=self.loc(*path, "paragraph"),
                    note=ex.note,
                )
                return [self.credit(found, ex, path)]
            if isinstance(ex, m.QueryExcerpt):
                return self.query_excerpts(ex, path)
        except BriefkitError as exc:
            self.errors.append(exc)
        return []

    def index(self):
        if self._index is None:
            from .index import Index

            self._index = Index.open(self.project)
            self._index.update(self.corpus)
        return self._index

    def aliases(self):
        from .aliases import load_aliases

        return load_aliases(self.project)

    def query_excerpts(self, ex: m.QueryExcerpt, path: tuple) -> list[Excerpt]:
        sources = list(ex.sources) if ex.sources else None
        for i, sid in enumerate(sources or []):
            if self.article(sid, (*path, "sources", i)) is None:
                return []
        hits = self.index().search(
            ex.query, sources=sources, top=ex.top, must=ex.must, aliases=self.aliases()
        )
        if not hits:
            raise QuoteError(
                f"query {ex.query!r} found no passage"
                + (f" in {', '.join(sources)}" if sources else ""),
                location=self.loc(*path, "query"),
                hint="try other words, or check with `briefkit search`",
            )
        out = []
        for hit in hits:
            art = self.corpus.get(hit.source_id)
            self.used[hit.source_id] = art
            para = art.paragraph(int(hit.paragraph_id.rsplit("/p", 1)[1]))
            if para is None:  # the index is stale for this source; never cite what is not there
                continue
            found = Excerpt(
                "query",
                art.id,
                para.id,
                para.text,
                ((para.start, para.end),),
                "query",
                ex.note,
                round(hit.score, 3),
                ex.query,
            )
            out.append(self.credit(found, ex, path))
        return out

    def credit(self, excerpt: Excerpt, ex: object, path: tuple) -> Excerpt:
        """The excerpt with whose words they are: the brief's `speaker:`, else the source's.

        A quotation whose speaker neither the brief nor the source names is a
        warning: it would otherwise be credited only "quoted in" the article.
        """
        from .attribution import attribute

        art = self.used[excerpt.source_id]
        para = art.paragraph(int(excerpt.paragraph_id.rsplit("/p", 1)[1]))
        found = attribute(art, para, excerpt.start, excerpt.end)
        given = getattr(ex, "speaker", None)
        if given:
            if found.speaker and not _same_person(given, found.speaker):
                self.warnings.append(
                    BriefkitError(
                        f"speaker {given!r}: the source credits these words to {found.speaker!r} "
                        f"({found.evidence})",
                        location=self.loc(*path, "speaker"),
                        hint="check who said them; the brief's speaker is printed",
                    )
                )
            return replace(excerpt, speaker=given, speaker_origin="given", quoted=True)
        if found.quoted and not found.speaker and excerpt.kind == "quote":
            self.warnings.append(
                BriefkitError(
                    f"these words stand in quotation marks in '{excerpt.source_id}', but no "
                    f"speaker is named near them ({excerpt.paragraph_id}); they will be credited "
                    "only as quoted in the article",
                    location=self.loc(*path, "quote"),
                    hint="add speaker: NAME to this excerpt",
                )
            )
        return replace(
            excerpt,
            speaker=found.speaker,
            speaker_origin="found" if found.speaker else "",
            quoted=found.quoted,
        )

    # -- summaries ----------------------------------------------------------

    def summary(
        self, s: object, path: tuple, heading: str | None, shown: frozenset[str] = frozenset()
    ) -> ResolvedSummary | None:
        if s is None:
            return None
        if isinstance(s, str):
            return ResolvedSummary("analyst", text=s)
        if isinstance(s, m.ManualSummary):
            for i, sid in enumerate(s.cites):
                self.article(sid, (*path, "cites", i))
            return ResolvedSummary("analyst", text=s.text, cites=tuple(s.cites))
        assert isinstance(s, m.AutoSummary)
        articles = self.summary_articles(s, path)
        if not articles:
            return None

        from .summarise import summarise

        # Paragraphs the section already shows as excerpts are not summarised
        # again: the draft should add to the quotes, not repeat them.
        if shown:
            articles = [
                replace(a, paragraphs=tuple(p for p in a.paragraphs if p.id not in shown))
                for a in articles
            ]

        focus = s.focus or s.query or heading
        n = s.sentences if s.sentences is not None or s.words is not None else 3
        # an explicit focus also keeps out sentences about something else entirely
        picked = summarise(
            articles,
            sentences=n,
            words=s.words,
            focus=focus,
            strict_focus=bool(s.focus or s.query),
        )
        sents = tuple(
            Attributed(
                p.sentence.text,
                p.source_id,
                p.paragraph_id,
                p.sentence.id,
                p.sentence.start,
                p.sentence.end,
                insertions=p.insertions,
                context=p.with_previous,
            )
            for p in picked
        )
        if not sents:
            self.warnings.append(
                BriefkitError("automatic summary found no sentences", location=self.loc(*path))
            )
        return ResolvedSummary("auto", sentences=sents)

    def summary_articles(self, s: m.AutoSummary, path: tuple) -> list[Article]:
        if s.sources:
            arts = [self.article(sid, (*path, "sources", i)) for i, sid in enumerate(s.sources)]
            return [a for a in arts if a is not None]
        if s.query:
            hits = self.index().search(s.query, top=10, aliases=self.aliases())
            ids = list(dict.fromkeys(h.source_id for h in hits))[:5]
            arts = [self.corpus.get(i) for i in ids]
            self.used.update({a.id: a for a in arts})
            return arts
        self.errors.append(
            BriefkitError(
                "an automatic summary needs 'sources' or 'query'",
                location=self.loc(*path),
                hint="add e.g. sources: [source-id]",
            )
        )
        return []

    # -- figures --------------------------------------------------------------

    def figures(self, f: object, path: tuple) -> list[FigureItem]:
        if f is None:
            return []
        if isinstance(f, m.AutoFigures):
            if f.sources:
                arts = [self.article(sid, (*path, "sources", i)) for i, sid in enumerate(f.sources)]
                articles = [a for a in arts if a is not None]
            else:
                articles = list(self.used.values()) or self.corpus.articles()
            from .figures import find_figures

            found = find_figures(articles, about=f.about, top=f.top, shown=self.shown_figures)
            self.shown_figures.extend(found)
            for fig in found:
                self.used.setdefault(
                    fig.source_id, next(a for a in articles if a.id == fig.source_id)
                )
            return [
                FigureItem(
                    fig.value,
                    fig.label,
                    fig.source_id,
                    fig.paragraph_id,
                    fig.sentence.text,
                    fig.start,
                    fig.end,
                    "auto",
                    qualifier=fig.qualifier,
                    unit=fig.unit,
                    scope=fig.scope,
                    qualifier_after=fig.qualifier_after,
                    context_sentence=fig.context.text if fig.context else None,
                )
                for fig in found
            ]
        items = []
        for i, cf in enumerate(f):  # curated figures: verified like quotes
            p = (*path, i)
            art = self.article(cf.source, (*p, "source"))
            if art is None:
                continue
            try:
                match = verify_quote(
                    self.corpus,
                    cf.source,
                    cf.quote,
                    location=self.loc(*p, "quote"),
                    what="figure quote",
                )
                from .figures import qualifier_dropped
                from .textnorm import fold

                if fold(cf.value) not in fold(cf.quote):
                    raise QuoteError(
                        f"figure value {cf.value!r} does not appear in its quote",
                        location=self.loc(*p, "value"),
                        hint="the value must be written in the quoted passage exactly as in "
                        "the source",
                    )
                dropped = qualifier_dropped(cf.value, cf.quote, language=art.language or "en")
                if dropped:
                    raise QuoteError(
                        f"figure value {cf.value!r} drops the qualifier its quote gives: "
                        f"the quote says '{dropped} {cf.value}'",
                        location=self.loc(*p, "value"),
                        hint=f'write value: "{dropped} {cf.value}" (a figure never says '
                        "more than its source)",
                    )
            except QuoteError as exc:
                if not self.allow_unverified:
                    self.errors.append(exc)
                    continue
                self.warnings.append(exc)
                items.append(
                    FigureItem(
                        cf.value,
                        cf.label,
                        cf.source,
                        f"{cf.source}/?",
                        cf.quote,
                        0,
                        0,
                        "unverified",
                    )
                )
                continue
            text = " … ".join(art.text[s:e] for s, e in match.spans)
            items.append(
                FigureItem(
                    cf.value,
                    cf.label,
                    cf.source,
                    match.paragraph.id,
                    text,
                    match.spans[0][0],
                    match.spans[-1][1],
                    match.method,
                )
            )
        return items

    # -- the brief ------------------------------------------------------------

    def run(self) -> ResolvedBrief:
        b = self.brief
        self.check_audiences()
        overview = self.summary(b.summary, ("summary",), b.title)
        sections = []
        for i, sec in enumerate(b.sections):
            base = ("sections", i)
            excerpts: list[Excerpt] = []
            for j, ex in enumerate(sec.excerpts):
                excerpts.extend(self.excerpt(ex, (*base, "excerpts", j)))
            shown = frozenset(ex.paragraph_id for ex in excerpts)
            summary = self.summary(sec.summary, (*base, "summary"), sec.heading, shown)
            figures = self.figures(sec.figures, (*base, "figures"))
            sections.append(
                ResolvedSection(sec.heading, sec.text, summary, tuple(excerpts), tuple(figures))
            )
        raise_all(self.errors)
        return ResolvedBrief(
            b,
            self.loaded.file,
            overview,
            tuple(sections),
            dict(sorted(self.used.items())),
            self.warnings,
        )

    def check_audiences(self) -> None:
        known = self.project.config.audiences
        for i, name in enumerate(self.brief.audiences):
            if name not in known:
                import difflib

                close = difflib.get_close_matches(name, list(known), n=1)
                self.errors.append(
                    BriefkitError(
                        f"audiences[{i}]: unknown audience '{name}'",
                        location=self.loc("audiences", i),
                        hint=(f"did you mean '{close[0]}'? " if close else "")
                        + f"known audiences: {', '.join(sorted(known))} (add more in config/briefkit.yaml)",
                    )
                )
        for name in self.brief.settings:
            if name not in known:
                self.errors.append(
                    BriefkitError(
                        f"settings: unknown audience '{name}'",
                        location=self.loaded.location(("settings", name), key=True),
                        hint=f"known audiences: {', '.join(sorted(known))}",
                    )
                )


def _same_person(a: str, b: str) -> bool:
    """Whether two credits can name the same person ("Zhyhar", "Vladimir Zhyhar")."""
    words_a = {w.lower().strip(".,") for w in a.split()}
    words_b = {w.lower().strip(".,") for w in b.split()}
    return bool(words_a & words_b)


def resolve_brief(
    project: Project,
    corpus: Corpus,
    brief: m.Brief,
    loaded: LoadedYaml,
    *,
    allow_unverified: bool = False,
) -> ResolvedBrief:
    """Make every selector of ``brief`` concrete; raise every problem at once."""
    return _Resolver(project, corpus, brief, loaded, allow_unverified=allow_unverified).run()
