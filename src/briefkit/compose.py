"""The render context for one brief and one audience: pure data, no I/O.

Templates only lay out what this module decides: which blocks appear, how
many excerpts, the numbered notes and the references list. Every excerpt,
automatic sentence and figure carries a ``note`` (its citation number and
text); provenance records where each came from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from . import __version__
from .config import models as m
from .corpus.model import Article
from .resolve import ResolvedBrief

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


def _title(a: Article) -> str:
    if not a.title:
        return f"[{a.id}]"
    if a.title.startswith("["):  # a supplied title is not quoted
        return a.title
    return f"\u201c{a.title}\u201d"


def _citation(a: Article, tail: str) -> str:
    """Author, "Title", Publication, Date<tail>. URL — one format for notes and references."""
    parts = [format_authors(a.authors)] if a.authors else []
    parts.append(_title(a))
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


def note_text(a: Article, paragraph_id: str) -> str:
    """A full note: the reference plus the paragraph cited."""
    return _citation(a, f", \u00b6 {paragraph_id}")


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white: ``amount`` 0 is the colour, 1 is white."""
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    rgb = [int(h[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def short_note(a: Article) -> str:
    """A compact citation for tight layouts: 'Vasilevich, New Eastern Europe, 2024'."""
    who = _surname(a.authors[0]) + (" et al." if len(a.authors) > 2 else "") if a.authors else None
    if a.authors and len(a.authors) == 2:
        who = f"{_surname(a.authors[0])} and {_surname(a.authors[1])}"
    parts = [who or a.publication or _title(a)]
    if a.publication and a.publication != parts[0]:
        parts.append(a.publication)
    parts.append(a.date[:4] if a.date else "n.d.")
    return ", ".join(parts)


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


class _Notes:
    def __init__(self, articles: dict[str, Article]) -> None:
        self.articles = articles
        self.items: list[dict[str, Any]] = []
        self.cited: dict[str, Article] = {}

    def add(self, source_id: str, paragraph_id: str) -> dict[str, Any]:
        art = self.articles[source_id]
        self.cited[source_id] = art
        # with the references list beside it, a short form is enough
        short = short_note(art)
        if "/" in paragraph_id:
            short += f", \u00b6 {paragraph_id.rsplit('/', 1)[-1]}"
        note = {
            "n": len(self.items) + 1,
            "text": note_text(art, paragraph_id),
            "short": short if short.endswith(".") else short + ".",
            "url": art.url,
            "source": source_id,
            "paragraph": paragraph_id,
        }
        self.items.append(note)
        return note


def compose(
    resolved: ResolvedBrief,
    audience: Audience,
    config: m.ProjectConfig,
    *,
    assets: dict[str, str] | None = None,
    modified: dt.datetime | None = None,
    output: str = "pdf",
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Return (template context, provenance records) for one audience.

    ``modified`` is the PDF's modification date (the caller passes
    ``SOURCE_DATE_EPOCH`` when set); without it, the brief's own date, so that
    the same brief always gives the same bytes. ``output`` is "pdf" or "html".
    """
    brief = resolved.brief
    arts = resolved.articles
    notes = _Notes(arts)
    provenance: list[dict[str, Any]] = []
    show = {b: (b in audience.blocks) for b in m.BLOCKS}
    budget = audience.max_excerpts

    def excerpt_ctx(ex) -> dict[str, Any]:
        art = arts[ex.source_id]
        note = notes.add(ex.source_id, ex.paragraph_id)
        provenance.append(
            {
                "type": "excerpt",
                "kind": ex.kind,
                "note": note["n"],
                "text": ex.text,
                "source": ex.source_id,
                "paragraph": ex.paragraph_id,
                "spans": [list(s) for s in ex.spans],
                "verified": ex.method,
                **({"query": ex.query, "score": ex.score} if ex.query else {}),
            }
        )
        return {
            "text": ex.text,
            "kind": ex.kind,
            "verified": ex.verified,
            "method": ex.method,
            "note": note,
            "comment": ex.note,
            "source": ex.source_id,
            "paragraph": ex.paragraph_id,
            "attribution": short_attribution(art),
            "author": format_authors(art.authors),
            "publication": art.publication,
        }

    def summary_ctx(s) -> dict[str, Any] | None:
        if s is None:
            return None
        if s.kind == "analyst":
            cites = [notes.add(sid, sid) for sid in s.cites]
            return {"kind": "analyst", "text": s.text, "sentences": [], "cites": cites}
        sents = []
        for a in s.sentences:
            note = notes.add(a.source_id, a.paragraph_id)
            provenance.append(
                {
                    "type": "summary_sentence",
                    "note": note["n"],
                    "text": a.text,
                    "source": a.source_id,
                    "paragraph": a.paragraph_id,
                    "sentence": a.sentence_id,
                    "spans": [[a.start, a.end]],
                    "verified": "extracted",
                }
            )
            sents.append(
                {"text": a.text, "note": note, "source": a.source_id, "sentence": a.sentence_id}
            )
        return {"kind": "auto", "text": None, "sentences": sents, "cites": []}

    def figure_ctx(f) -> dict[str, Any]:
        note = notes.add(f.source_id, f.paragraph_id)
        provenance.append(
            {
                "type": "figure",
                "note": note["n"],
                "value": f.value,
                "label": f.label,
                "text": f.sentence,
                "source": f.source_id,
                "paragraph": f.paragraph_id,
                "spans": [[f.start, f.end]],
                "verified": f.method,
            }
        )
        return {
            "value": f.value,
            "label": f.label,
            "sentence": f.sentence,
            "note": note,
            "verified": f.method != "unverified",
            "attribution": short_attribution(arts[f.source_id]),
        }

    overview = summary_ctx(resolved.summary) if show["summary"] else None
    sections = []
    omitted = 0
    all_quotes: list[dict[str, Any]] = []
    all_figures: list[dict[str, Any]] = []
    for n, sec in enumerate(resolved.sections, start=1):
        summary = summary_ctx(sec.summary) if show["summary"] else None
        excerpts = []
        if show["excerpts"]:
            chosen = (
                sec.excerpts if budget is None else sec.excerpts[: max(budget - len(all_quotes), 0)]
            )
            omitted += len(sec.excerpts) - len(chosen)
            excerpts = [excerpt_ctx(ex) for ex in chosen]
            all_quotes.extend(excerpts)
        figures = [figure_ctx(f) for f in sec.figures] if show["figures"] else []
        all_figures.extend(figures)
        sections.append(
            {
                "n": n,
                "heading": sec.heading,
                "anchor": anchor(sec.heading, n),
                "text": sec.text,
                "summary": summary,
                "excerpts": excerpts,
                "figures": figures,
            }
        )
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
                "sort": (
                    _surname(a.authors[0]) if a.authors else (a.publication or a.title or a.id)
                ).lower(),
            }
            for a in notes.cited.values()
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
        "summary": overview,
        "sections": sections if show["sections"] else [],
        "quotes": all_quotes,
        # excerpts left out by the audience's max_excerpts: templates say so
        "quotes_omitted": omitted,
        "figures": all_figures,
        "recommendations": list(brief.recommendations) if show["recommendations"] else [],
        "notes": notes.items if show["notes"] else [],
        "references": references if show["references"] else [],
        "generator": f"briefkit {__version__}",
        "output": output,
    }
    return context, provenance
