"""The render context for one brief and one audience: pure data, no I/O.

:func:`compose` decides what an audience is offered (its blocks, its
``max_excerpts``) and makes one record for every excerpt, drafted sentence,
figure and analyst citation of the resolved brief, shown or not. A record's
``note`` (its citation text) carries no number: numbers are given as the
template prints. The ``cite()`` macro calls ``cite_note(note)``, which a
:class:`NoteRecorder` answers with the next number and records as one
provenance item. Footnotes are numbered by WeasyPrint in document order,
which is the order Jinja renders them in, and endnotes are listed from the
recorder, so the PDF's note *n* is provenance item *n*. Each render (PDF,
HTML) gets its own recorder; whatever the resolved brief has that a render
did not print is listed under ``omitted`` with the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from . import __version__
from .config import models as m
from .corpus.model import Article
from .resolve import Attributed, FigureItem, ResolvedBrief
from .select import Excerpt

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def format_date(value: str | dt.date | None) -> str:
    """'2024-04-08' → '8 April 2024'; '2024-04' → 'April 2024'; '2024' → '2024'."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        value = value.isoformat()
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return value


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def format_authors(authors: tuple[str, ...]) -> str:
    if not authors:
        return ""
    if len(authors) == 1:
        return authors[0]
    return ", ".join(authors[:-1]) + " and " + authors[-1]


_OPEN_BEFORE = set(" \t\n([{\u2014\u2013-/")


def nest_quotes(text: str) -> str:
    """Double quotes inside a quotation become single ones: the text is printed
    between \u201c \u201d, so \u201cwhat\u201d and "what" inside it read \u2018what\u2019.

    Curly quotes keep their side; a straight one opens after a space or an
    opening bracket and closes otherwise. Single quotes and apostrophes are
    left as they are.
    """
    if not any(q in text for q in '"\u201c\u201d\u201e'):
        return text
    out = []
    for i, ch in enumerate(text):
        if ch in "\u201c\u201e":
            out.append("\u2018")
        elif ch == "\u201d":
            out.append("\u2019")
        elif ch == '"':
            opens = i == 0 or text[i - 1] in _OPEN_BEFORE
            out.append("\u2018" if opens else "\u2019")
        else:
            out.append(ch)
    return "".join(out)


def _title(a: Article) -> str | None:
    """The title as cited: in double quotes (quotes inside it become single), or
    a supplied descriptive title in square brackets as it is; None without one."""
    if not a.title:
        return None
    if a.title.startswith("["):  # a supplied title is not quoted
        return a.title
    return f"\u201c{nest_quotes(a.title)}\u201d"


def _title_or_id(a: Article) -> str:
    """The title, or when the source has nothing that names it, its id in brackets."""
    return _title(a) or f"[{a.id}]"


def paragraph_label(paragraph_id: str | None) -> str | None:
    """'vasilevich-2024/p7' → 'para. 7': where in the source, for a reader
    (None for a whole source or a paragraph that is not known)."""
    if not paragraph_id:
        return None
    m = re.fullmatch(r"p(\d+)(?:\.s(\d+)(?:-(\d+))?)?", paragraph_id.rsplit("/", 1)[-1])
    return f"para. {m.group(1)}" if m else None


def _citation(a: Article, tail: str) -> str:
    """Author, "Title", Publication, Date<tail>. URL — one format for notes and references."""
    parts = [format_authors(a.authors)] if a.authors else []
    title = _title(a)
    if title or not (a.authors or a.publication):
        parts.append(title or _title_or_id(a))
    if a.publication:
        parts.append(a.publication)
    parts.append(format_date(a.date) if a.date else "n.d.")
    text = ", ".join(parts) + tail
    text += "" if text.endswith(".") else "."
    return f"{text} {a.url}" if a.url else text


def reference_text(a: Article) -> str:
    """One entry of the references list."""
    return _citation(a, "")


def short_attribution(a: Article) -> str:
    """How a quote is attributed under it: 'Hanna Vasilevich, New Eastern Europe, 8 April 2024'."""
    who = format_authors(a.authors) or a.publication or a.title or a.id
    parts = [who]
    if a.publication and a.publication != who:
        parts.append(a.publication)
    if a.date:
        parts.append(format_date(a.date))
    return ", ".join(parts)


def note_text(a: Article, paragraph_id: str | None) -> str:
    """A full note: the reference plus the paragraph cited ('…, 8 April 2024, para. 7.')."""
    para = paragraph_label(paragraph_id)
    return _citation(a, f", {para}" if para else "")


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white: ``amount`` 0 is the colour, 1 is white."""
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    rgb = [int(h[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def _short_who(a: Article) -> str | None:
    """Who a short note names: 'Vasilevich', 'Berg and Lind', 'Smith et al.'."""
    if not a.authors:
        return None
    if len(a.authors) == 2:
        return f"{_surname(a.authors[0])} and {_surname(a.authors[1])}"
    return _surname(a.authors[0]) + (" et al." if len(a.authors) > 2 else "")


def short_note(a: Article) -> str:
    """A compact citation for tight layouts: 'Vasilevich, New Eastern Europe, 2024'."""
    who = _short_who(a)
    parts = [who or a.publication or _title_or_id(a)]
    if a.publication and a.publication != parts[0]:
        parts.append(a.publication)
    parts.append(a.date[:4] if a.date else "n.d.")
    return ", ".join(parts)


_SHORT_TITLE_STOP = frozenset(
    "a an and at by for from in into of on or the to with about as".split()
)


def short_title(title: str | None, words: int = 5) -> str | None:
    """A title cut to its head, for notes after the first full one: the part before
    a colon or dash when that is short, else its first words without a dangling
    'of' or 'the': 'Belarus and Russia: not in one …' → 'Belarus and Russia'."""
    if not title:
        return None
    head = re.split(r"\s*(?::|\s[\u2014\u2013-]\s|[?!]\s)", title.strip(), maxsplit=1)[0]
    head = head.rstrip(" ,;.")
    if head and len(head.split()) <= words + 1:
        return head
    cut = title.split()[:words]
    while len(cut) > 1 and cut[-1].lower().strip(",;:") in _SHORT_TITLE_STOP:
        cut.pop()
    return " ".join(cut).rstrip(",;:")


def later_note(a: Article, paragraph_id: str | None) -> str:
    """A note to a source already cited in full: author (or outlet), short title,
    paragraph — 'Vasilevich, “Belarus and Russia”, para. 7.'"""
    who = _short_who(a) or a.publication
    parts = [who] if who else []
    if a.title and a.title.startswith("["):
        parts.append(a.title)
    elif a.title:
        parts.append(f"\u201c{nest_quotes(short_title(a.title) or a.title)}\u201d")
    if not parts:
        parts.append(_title_or_id(a))
    para = paragraph_label(paragraph_id)
    if para:
        parts.append(para)
    return ", ".join(parts) + "."


def ibid_note(paragraph_id: str | None, same_place: bool) -> str:
    """The note for the same source as the note just before: 'Ibid., para. 7.'"""
    para = paragraph_label(paragraph_id)
    return "Ibid." if same_place or not para else f"Ibid., {para}."


def anchor(text: str, n: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]
    return f"s{n}-{slug}" if slug else f"s{n}"


@dataclass
class Audience:
    name: str
    template: str
    description: str | None
    paper: str
    max_pages: int | None
    max_excerpts: int | None
    blocks: tuple[str, ...]


def audience_settings(config: m.ProjectConfig, brief: m.Brief, name: str) -> Audience:
    base = config.audiences[name]
    over = brief.settings.get(name)
    blocks = base.blocks if base.blocks is not None else m.BLOCKS

    def pick(attr: str) -> Any:
        value = getattr(over, attr, None) if over is not None else None
        return value if value is not None else getattr(base, attr, None)

    return Audience(
        name=name,
        template=pick("template") or base.template,
        description=base.description,
        paper=pick("paper") or "A4",
        max_pages=pick("max_pages"),
        max_excerpts=pick("max_excerpts"),
        blocks=tuple(over.blocks)
        if over is not None and over.blocks is not None
        else tuple(blocks),
    )


def _note(a: Article, paragraph_id: str | None) -> dict[str, Any]:
    """An unnumbered note: the full text, the short form (when references follow)
    and the form for a source already cited in full (``later``).

    ``paragraph_id`` None cites the whole source (an analyst's summary).
    """
    para = paragraph_label(paragraph_id)
    short = short_note(a) + (f", {para}" if para else "")
    full = note_text(a, paragraph_id) if paragraph_id is not None else reference_text(a)
    return {
        "text": full,
        "short": short if short.endswith(".") else short + ".",
        "later": later_note(a, paragraph_id),
        "url": a.url,
        "source": a.id,
        "paragraph": paragraph_id,
    }


def source_line(a: Article) -> str:
    """Who published the words: 'Suzanne Gamboa, NBC News' (authors, publication)."""
    parts = [p for p in (format_authors(a.authors), a.publication) if p]
    return ", ".join(parts) or a.title or a.id


def credit(ex: Excerpt, a: Article) -> dict[str, Any]:
    """The credit line under an excerpt: the speaker first, then the source.

    ``who`` is printed in bold, ``rest`` after it; ``line`` is the whole line.
    Someone else's words are never credited to the article's author:

    - a speaker is known: "**Li Jifeng**, quoted in Suzanne Gamboa, NBC News";
    - the author's own words: "**Suzanne Gamboa**, NBC News";
    - someone else's words, speaker unknown: "Quoted in Suzanne Gamboa, NBC News".
    """
    speaker = " ".join((ex.speaker or "").split()) or None
    authors = {" ".join(x.split()).casefold() for x in a.authors}
    who: str | None
    if speaker and speaker.casefold() not in authors:
        who, rest = speaker, f", quoted in {source_line(a)}"
    elif speaker:  # the author, speaking in their own article
        who, rest = speaker, (f", {a.publication}" if a.publication else "")
    elif ex.quoted:
        who, rest = None, f"Quoted in {source_line(a)}"
    else:
        who = format_authors(a.authors) or a.publication or a.title or a.id
        rest = f", {a.publication}" if a.authors and a.publication else ""
    return {"who": who, "rest": rest, "line": (who or "") + rest}


def figure_caption(f: FigureItem) -> str:
    """The line under a key figure: its label, then where or when it holds."""
    scope = " ".join(f.scope.split())
    if scope and scope.casefold() not in f.label.casefold():
        return f"{f.label} \u2014 {scope}"
    return f.label


def sentence_parts(a: Attributed) -> list[dict[str, Any]]:
    """A drafted sentence as printed: source words and bracketed insertions, in order."""
    parts: list[dict[str, Any]] = []
    pos = 0
    for ins in a.insertions:
        if a.text[pos : ins.start]:
            parts.append({"text": a.text[pos : ins.start], "inserted": False})
        parts.append({"text": ins.inserted, "inserted": True})
        pos = ins.end
    if a.text[pos:]:
        parts.append({"text": a.text[pos:], "inserted": False})
    return parts


def _insertions(a: Attributed) -> list[dict[str, Any]]:
    out = []
    shift = 0  # printed offset minus source offset so far
    for ins in a.insertions:
        start = ins.start + shift
        out.append(
            {
                "start": ins.start,
                "end": ins.end,
                "replaced": a.text[ins.start : ins.end],
                "inserted": ins.inserted,
                "printed_start": start,
                "printed_end": start + len(ins.inserted),
                "source_text": False,  # the brief's words, never the source's
            }
        )
        shift += len(ins.inserted) - (ins.end - ins.start)
    return out


@dataclass(eq=False)
class Record:
    """One thing of the resolved brief a reader may see: an excerpt, a drafted
    sentence, a figure, an analyst's citation of a source, or a section.

    ``note`` is what a template cites (None for a section); ``prov`` is its
    provenance without a note number; ``reason`` says why compose does not
    offer it to the template at all (None: offered).
    """

    type: str
    prov: dict[str, Any]
    note: dict[str, Any] | None = None
    reason: str | None = None


@dataclass
class Composed:
    """What :func:`compose` returns: the context and every record of the brief."""

    context: dict[str, Any]
    records: list[Record]
    template: str
    audience: str

    def recorder(self) -> NoteRecorder:
        """A fresh recorder for one render."""
        return NoteRecorder(self)


class NoteRecorder:
    """Numbers notes as a render prints them and keeps that render's provenance.

    ``context(output)`` is the template context with ``cite_note`` (the
    function ``cite()`` calls) and ``notes`` (the endnotes cited so far, read
    when the Notes section is printed, after the body).
    """

    def __init__(self, composed: Composed) -> None:
        self._composed = composed
        self._offered = {
            id(r.note): r for r in composed.records if r.note is not None and r.reason is None
        }
        self.entries: list[dict[str, Any]] = []  # the notes printed, numbered
        self.items: list[dict[str, Any]] = []  # provenance, one per note
        self._cited: set[int] = set()  # id(Record)
        self._cited_in_full: set[str] = set()  # sources whose full reference is printed

    def cite(self, note: Any, short: bool = False, endnote: bool = False) -> dict[str, Any]:
        """Give ``note`` the next number; return what to print: ``{n, text, ...}``."""
        rec = self._offered.get(id(note))
        if rec is None or rec.note is not note:
            raise ValueError(
                "cite_note() takes a note given to the template "
                "(an excerpt's, figure's or sentence's .note, or a summary's .cites)"
            )
        n = len(self.entries) + 1
        form, text = self._form(note, short)
        entry = {
            "n": n,
            "text": text,
            "form": form,
            "full": note["text"],
            "short": note["short"],
            "url": note["url"],
            "source": note["source"],
            "paragraph": note["paragraph"],
        }
        self.entries.append(entry)
        self.items.append({"note": n, "note_text": text, **rec.prov})
        self._cited.add(id(rec))
        return entry

    def _form(self, note: dict[str, Any], short: bool) -> tuple[str, str]:
        """How a note reads where it is printed.

        ``short`` (the references follow): always the short form. Otherwise the
        first note to a source is the full reference; the next ones are "Ibid."
        when the note just before cites the same source, else the later form
        (author, short title, paragraph).
        """
        if short:
            return "short", note["short"]
        prev = self.entries[-1] if self.entries else None
        if prev is not None and prev["source"] == note["source"]:
            same = prev["paragraph"] == note["paragraph"]
            return "ibid", ibid_note(note["paragraph"], same)
        if note["source"] in self._cited_in_full:
            return "later", note.get("later") or note["text"]
        self._cited_in_full.add(note["source"])
        return "full", note["text"]

    def context(self, output: str = "pdf") -> dict[str, Any]:
        base = self._composed.context
        return {
            **base,
            "output": output,
            "cite_note": self.cite,
            "notes": _NotesSoFar(self, bool(base["show"]["notes"]) and bool(self._offered)),
        }

    def omitted(self, html: str) -> list[dict[str, Any]]:
        """Everything the resolved brief has that this render did not show, with why.

        A section counts as shown when its heading is printed.
        """
        from markupsafe import escape

        not_printed = f"not printed by template {self._composed.template}"
        out = []
        for rec in self._composed.records:
            if rec.type == "section":
                if rec.reason is None and str(escape(rec.prov["heading"])) in html:
                    continue
            elif id(rec) in self._cited:
                continue
            # what it is, never how it would have been printed
            entry = {k: v for k, v in rec.prov.items() if k not in _AS_PRINTED}
            out.append({**entry, "reason": rec.reason or not_printed})
        return out


_AS_PRINTED = frozenset({"printed", "printed_label", "credited"})


class _NotesSoFar:
    """The template's ``notes``: the notes cited so far, in order (read it after the body).

    True when the audience shows notes and there is anything to cite, so that
    a contents line printed before the body knows there will be notes.
    """

    def __init__(self, recorder: NoteRecorder, shown: bool) -> None:
        self._recorder = recorder
        self._shown = shown

    def __iter__(self):
        return iter(list(self._recorder.entries) if self._shown else [])

    def __len__(self) -> int:
        return len(self._recorder.entries) if self._shown else 0

    def __bool__(self) -> bool:
        return self._shown


def _full_brief_has_everything(
    resolved: ResolvedBrief, audience: Audience, config: m.ProjectConfig
) -> bool:
    """Whether the brief is also built for 'full' and that PDF shows every excerpt,
    figure, drafted sentence and section: what a notice may send readers to."""
    brief = resolved.brief
    names = list(brief.audiences or config.default_audiences)
    if audience.name == "full" or "full" not in names or "full" not in config.audiences:
        return False
    full = audience_settings(config, brief, "full")
    if full.template != "full.html":
        return False
    if not {"sections", "excerpts", "figures", "summary"} <= set(full.blocks):
        return False
    total = sum(len(s.excerpts) for s in resolved.sections)
    return full.max_excerpts is None or full.max_excerpts >= total


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def compose(
    resolved: ResolvedBrief,
    audience: Audience,
    config: m.ProjectConfig,
    *,
    assets: dict[str, str] | None = None,
    modified: dt.datetime | None = None,
    output: str = "pdf",
) -> Composed:
    """The template context and every record of the brief, for one audience.

    Render with a fresh :meth:`Composed.recorder` each time: its
    ``context(output)`` is what the template gets, its ``items`` after the
    render are the provenance of what was printed, in print order.

    ``modified`` is the PDF's modification date (the caller passes
    ``SOURCE_DATE_EPOCH`` when set); without it, the brief's own date, so that
    the same brief always gives the same bytes. ``output`` is "pdf" or "html".
    """
    brief = resolved.brief
    arts = resolved.articles
    records: list[Record] = []
    show = {b: (b in audience.blocks) for b in m.BLOCKS}
    budget = audience.max_excerpts

    def hidden(block: str) -> str:
        return f"audience blocks: {block.replace('_', ' ')} not shown"

    def add(type_: str, prov: dict[str, Any], note: dict[str, Any] | None, reason: str | None):
        rec = Record(type_, {"type": type_, **prov}, note, reason)
        records.append(rec)
        return rec

    def excerpt_ctx(ex: Excerpt, section: int, reason: str | None) -> dict[str, Any]:
        art = arts[ex.source_id]
        note = _note(art, ex.paragraph_id)
        who = credit(ex, art)
        # printed between double quotes: the quotes inside it become single ones
        printed = nest_quotes(ex.text)
        add(
            "excerpt",
            {
                "kind": ex.kind,
                "text": ex.text,
                "printed": printed,
                "section": section,
                "source": ex.source_id,
                "paragraph": ex.paragraph_id,
                "spans": [list(s) for s in ex.spans],
                "verified": ex.method,
                "speaker": ex.speaker,
                "speaker_origin": ex.speaker_origin,
                "quoted": ex.quoted,
                "credited": who["line"],
                **({"comment": ex.note} if ex.note else {}),
                **({"query": ex.query, "score": ex.score} if ex.query else {}),
            },
            note,
            reason,
        )
        return {
            "text": printed,
            "kind": ex.kind,
            "verified": ex.verified,
            "method": ex.method,
            "note": note,
            "comment": ex.note,
            "source": ex.source_id,
            "paragraph": ex.paragraph_id,
            "speaker": ex.speaker,
            "quoted": ex.quoted,
            "credit": who,
            "attribution": short_attribution(art),
            "author": format_authors(art.authors),
            "publication": art.publication,
        }

    def summary_ctx(s, section: int | None, reason: str | None) -> dict[str, Any] | None:
        if s is None:
            return None
        if s.kind == "analyst":
            cites = []
            for sid in s.cites:
                note = _note(arts[sid], None)
                add(
                    "analyst_citation",
                    {
                        # no source words: the analyst's own summary cites the whole source
                        "text": None,
                        "summary": s.text,
                        "printed": s.text,
                        "section": section,
                        "source": sid,
                        "paragraph": None,
                        "spans": [],
                        "verified": "analyst",
                    },
                    note,
                    reason,
                )
                cites.append(note)
            return {"kind": "analyst", "text": s.text, "sentences": [], "cites": cites}
        sents = []
        for a in s.sentences:
            note = _note(arts[a.source_id], a.paragraph_id)
            add(
                "summary_sentence",
                {
                    "text": a.text,
                    "printed": a.printed,
                    "insertions": _insertions(a),
                    "context": a.context,
                    "section": section,
                    "source": a.source_id,
                    "paragraph": a.paragraph_id,
                    "sentence": a.sentence_id,
                    "spans": [[a.start, a.end]],
                    "verified": "extracted",
                },
                note,
                reason,
            )
            sents.append(
                {
                    "text": a.printed,  # what the reader sees, insertions in brackets
                    "source_text": a.text,
                    "parts": sentence_parts(a),
                    "context": a.context,
                    "note": note,
                    "source": a.source_id,
                    "sentence": a.sentence_id,
                }
            )
        return {"kind": "auto", "text": None, "sentences": sents, "cites": []}

    def figure_ctx(f: FigureItem, section: int, reason: str | None) -> dict[str, Any]:
        note = _note(arts[f.source_id], f.paragraph_id)
        caption = figure_caption(f)
        add(
            "figure",
            {
                "display": f.display,
                "printed_label": caption,
                "value": f.value,
                "qualifier": f.qualifier,
                "unit": f.unit,
                "label": f.label,
                "scope": f.scope,
                "text": f.sentence,
                # the sentence before, where the scope (or label) came from
                **({"context": f.context_sentence} if f.context_sentence else {}),
                "section": section,
                "source": f.source_id,
                "paragraph": f.paragraph_id,
                "spans": [[f.start, f.end]],
                "verified": f.method,
            },
            note,
            reason,
        )
        return {
            "value": f.value,
            "qualifier": f.qualifier,
            "display": f.display,
            "unit": f.unit,
            "label": f.label,
            "scope": f.scope,
            "caption": caption,
            "sentence": f.sentence,
            "note": note,
            "verified": f.method != "unverified",
            "attribution": short_attribution(arts[f.source_id]),
        }

    def summary_reason(section: bool) -> str | None:
        if not show["summary"]:
            return hidden("summary")
        if section and not show["sections"]:
            return hidden("sections")
        return None

    overview_reason = summary_reason(False)
    overview = summary_ctx(resolved.summary, None, overview_reason)
    total = {"excerpts": 0, "figures": 0, "sections": 0, "sentences": 0}
    if overview_reason and resolved.summary is not None:
        total["sentences"] += len(resolved.summary.sentences)
    sections = []
    all_quotes: list[dict[str, Any]] = []
    all_figures: list[dict[str, Any]] = []
    for n, sec in enumerate(resolved.sections, start=1):
        add(
            "section",
            {"section": n, "heading": sec.heading},
            None,
            None if show["sections"] else hidden("sections"),
        )
        total["sections"] += 0 if show["sections"] else 1
        s_reason = summary_reason(True)
        summary = summary_ctx(sec.summary, n, s_reason)
        if s_reason and sec.summary is not None:
            total["sentences"] += len(sec.summary.sentences)
        left = {"excerpts": 0, "figures": 0}
        excerpts = []
        for ex in sec.excerpts:
            if not show["excerpts"]:
                reason = hidden("excerpts")
            elif budget is not None and len(all_quotes) >= budget:
                reason = f"max_excerpts: this audience shows {_plural(budget, 'excerpt')}"
            else:
                reason = None
            ctx = excerpt_ctx(ex, n, reason)
            if reason is None:
                excerpts.append(ctx)
                all_quotes.append(ctx)
            else:
                left["excerpts"] += 1
        figures = []
        for f in sec.figures:
            reason = None if show["figures"] else hidden("figures")
            ctx = figure_ctx(f, n, reason)
            if reason is None:
                figures.append(ctx)
                all_figures.append(ctx)
            else:
                left["figures"] += 1
        total["excerpts"] += left["excerpts"]
        total["figures"] += left["figures"]
        sections.append(
            {
                "n": n,
                "heading": sec.heading,
                "anchor": anchor(sec.heading, n),
                "text": sec.text,
                "summary": summary if s_reason is None else None,
                "excerpts": excerpts,
                "figures": figures,
                "left_out": left,
            }
        )
    # every source the brief draws on, shown here or not: a notice may point
    # readers to "the sources listed below" for what this audience leaves out
    cited_ids = {r.prov["source"] for r in records if r.type != "section"}
    references = sorted(
        (
            {
                "id": a.id,
                "text": reference_text(a),
                "authors": list(a.authors),
                "title": a.title,
                "publication": a.publication,
                "date": format_date(a.date),
                "url": a.url,
                "short": short_note(a),
                "sort": (
                    _surname(a.authors[0]) if a.authors else (a.publication or a.title or a.id)
                ).lower(),
            }
            for a in (arts[sid] for sid in cited_ids if sid in arts)
        ),
        key=lambda r: (r["sort"], r["date"], r["id"]),
    )
    org = config.organisation
    colours = org.colours.model_dump()
    colours.update(
        {
            "primary_tint": tint(org.colours.primary, 0.9),
            "primary_light": tint(org.colours.primary, 0.55),
            "accent_tint": tint(org.colours.accent, 0.92),
            "rule": tint(org.colours.muted, 0.6),
        }
    )
    if modified is None:
        modified_iso = brief.date.isoformat() + "T00:00:00Z"
    else:
        modified_iso = modified.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    context = {
        "brief": {
            "id": brief.id,
            "title": brief.title,
            "subtitle": brief.subtitle,
            "date": format_date(brief.date),
            "date_iso": brief.date.isoformat(),
            "authors": list(brief.authors),
            "authors_text": format_authors(brief.authors),
            "language": brief.language,
            "keywords": list(brief.keywords),
            "contact": brief.contact or org.contact,
            "created_iso": brief.date.isoformat() + "T00:00:00Z",
            "modified_iso": modified_iso,
            # the PDF's subject: the key messages, whether or not this audience shows them
            "description": " ".join(brief.key_messages),
        },
        "org": {
            "name": org.name,
            "short_name": org.short_name or org.name,
            "url": org.url,
            "contact": org.contact,
            "logo": (assets or {}).get("logo"),
            "colours": colours,
        },
        "audience": {
            "name": audience.name,
            "description": audience.description,
            "paper": audience.paper,
            "max_pages": audience.max_pages,
        },
        "show": show,
        "key_messages": list(brief.key_messages) if show["key_messages"] else [],
        "summary": overview if overview_reason is None else None,
        "sections": sections if show["sections"] else [],
        "quotes": all_quotes,
        # excerpts left out by the audience's max_excerpts or blocks: templates say so
        "quotes_omitted": total["excerpts"],
        "left_out": {**total, "full_brief": _full_brief_has_everything(resolved, audience, config)},
        "figures": all_figures,
        "recommendations": list(brief.recommendations) if show["recommendations"] else [],
        "references": references if show["references"] else [],
        "generator": f"briefkit {__version__}",
        "output": output,
    }
    return Composed(context, records, audience.template, audience.name)
