"""Start a project (`briefkit init`) and add a brief to it (`briefkit new brief`).

The files of a new project live in the package's ``scaffold/project/`` folder
and are copied as they are, so what a user gets is exactly what the tests
build. A new brief is written from :func:`brief_skeleton`, which lists the
project's sources and shows every selector in comments, and is valid as it is.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from .config.models import SAFE_ID
from .errors import BriefkitError, ConfigError

log = logging.getLogger(__name__)

SCAFFOLD_DIR = Path(__file__).parent / "scaffold" / "project"
# Package data cannot reliably carry dotfiles; these are renamed when copied.
RENAMED = {"gitignore": ".gitignore"}
BRIEF_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class ProjectExistsError(BriefkitError):
    """The folder already holds a project, or other files."""


def scaffold_files() -> list[tuple[Path, str]]:
    """Every file of a new project: (source in the package, path relative to the project)."""
    out = []
    for path in sorted(SCAFFOLD_DIR.rglob("*")):
        if not path.is_file() or path.name.startswith(".") or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(SCAFFOLD_DIR)
        name = RENAMED.get(rel.name, rel.name)
        out.append((path, (rel.parent / name).as_posix()))
    return out


def init_project(dest: Path) -> list[str]:
    """Create a working project in ``dest``; return the files written, relative to it.

    ``dest`` may be missing or an empty folder. An existing project is never
    overwritten, and neither is a folder that holds anything else.
    """
    from .project import CONFIG_FILE

    shown = str(dest)
    if dest.exists() and not dest.is_dir():
        raise ProjectExistsError(
            f"{shown} is a file, not a folder",
            hint="give the name of a new (or empty) folder for the project",
        )
    if dest.is_dir():
        if (dest / CONFIG_FILE).is_file() or (dest / "briefings").is_dir():
            raise ProjectExistsError(
                f"{shown} is already a briefkit project; nothing was changed",
                hint="add a brief to it with `briefkit new brief NAME`, or give a new folder",
            )
        if any(dest.iterdir()):
            raise ProjectExistsError(
                f"{shown} is not empty; nothing was changed",
                hint="give the name of a new (or empty) folder for the project",
            )
    written = []
    for source, rel in scaffold_files():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as fh:  # "x": never overwrite, even in a race
            fh.write(source.read_bytes())
        written.append(rel)
    log.info("created %d files in %s", len(written), shown)
    return written


# ---------------------------------------------------------------- new brief


@dataclass(frozen=True)
class SourceInfo:
    """What a skeleton says about one source: its id, title and a passage to quote."""

    id: str
    title: str | None = None
    paragraph_id: str | None = None  # e.g. "x/p2"
    quote: str | None = None  # a verbatim passage of that paragraph
    query: str | None = None  # words that find that paragraph


def check_brief_name(name: str) -> str:
    """The brief id for ``name`` (``x`` or ``x.yaml``), or a ConfigError."""
    stem = re.sub(r"\.ya?ml$", "", name)
    if not BRIEF_NAME.match(stem) or not SAFE_ID.match(stem):
        raise ConfigError(
            f"{name!r} is not a safe brief name",
            hint="use lower-case letters, digits, '-', '_' and '.', starting and ending with a "
            "letter or digit, e.g. `briefkit new brief ferry-costs`",
        )
    return stem


def project_sources(project) -> list[SourceInfo]:
    """The project's sources, in id order, each with a passage fit for a quote."""
    from .corpus.load import Corpus

    corpus = Corpus(project)
    out = []
    for sid in corpus.ids():
        try:
            art = corpus.get(sid)
        except BriefkitError as exc:  # unreadable: list it anyway
            log.debug("skeleton: %s", exc)
            out.append(SourceInfo(sid))
            continue
        para, sentence = sample_sentence(art)
        quote = query = None
        if sentence is not None:
            quote = sentence
            long_words = [w.strip(".,;:!?\"'()") for w in sentence.split() if len(w) > 5]
            query = " ".join(long_words[:3]) or None
        out.append(SourceInfo(sid, art.title, para.id if para else None, quote, query))
    return out


# A sample quote: a whole sentence of a real paragraph, short enough to read
# at a glance, long enough to say something.
SAMPLE_WORDS = (8, 30)


def sample_sentence(art):
    """(paragraph, sentence) fit to show as a sample quote of ``art``, or (None, None).

    The sentence is whole (never cut mid-phrase), of reasonable length, in a
    body paragraph of at least two sentences (not a heading, byline, caption
    or list item), and reads on its own: no "It", "This decision" or "However,"
    pointing back at what came before (:func:`briefkit.standalone.judge`).
    The first such sentence in the article is taken; failing that, the first
    whole sentence of reasonable length; failing that, nothing.
    """
    from .standalone import judge, truncated

    lo, hi = SAMPLE_WORDS
    body = [p for p in art.paragraphs if p.kind == "paragraph" and len(p.sentences) >= 2]
    fallback = None
    for para in body:
        for i, sent in enumerate(para.sentences):
            text = sent.text.strip()
            if "\n" in text or not lo <= len(text.split()) <= hi or truncated(text):
                continue
            if fallback is None:
                fallback = (para, text)
            verdict = judge(
                text,
                previous=[s.text for s in para.sentences[:i]],
                date=art.date,
                language=art.language or "en",
                earlier=art.text[: sent.start],
            )
            if verdict.kind == "ok":
                return para, text
    return fallback or (None, None)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def brief_skeleton(name: str, sources: list[SourceInfo], today: dt.date) -> str:
    """A brief that validates and builds as it is, with every other form in comments."""
    # the examples use the first source that has a sentence fit to quote
    default = sources[0] if sources else SourceInfo("SOURCE-ID")
    first = next((s for s in sources if s.quote), default)
    sid = first.id
    para = first.paragraph_id or f"{sid}/p1"
    quote = first.quote or "a passage copied exactly from the source"
    title = name.replace("-", " ").replace("_", " ").capitalize()
    lines = [
        f"# A new brief: its id is {name}. Every key is described in docs/briefs.md.",
        "# Preview it while you write with `briefkit serve`; check it with",
        f"# `briefkit check {name}`, build it with `briefkit build {name}`.",
        "#",
    ]
    if sources:
        width = max(len(s.id) for s in sources)
        lines.append("# Sources in this project (cite them by id; `briefkit sources show ID`):")
        lines += [f"#   {s.id:<{width}}  {s.title or '(no title found)'}" for s in sources]
    else:
        lines.append(
            "# No sources yet: put articles (.txt, .html, .md) in seeds/ and cite them by id."
        )
    lines += [
        "",
        f"title: {_q(title)}",
        "# subtitle: One line under the title",
        f"date: {today.isoformat()}",
        "# authors: [Your name]",
        "# audiences: [policymakers, journalists, newsletter, full]  # default: in config/",
        "",
        "# Your own words: what a reader must take away.",
        "key_messages:",
        "  - The first point a reader must take away.",
        "",
        "sections:",
        "  - heading: Background",
        "    # A summary in your own words. Other forms:",
        f'    #   summary: {{text: "Your words.", cites: [{sid}]}}   # cites sources',
        f"    #   summary: {{auto: true, sources: [{sid}], sentences: 3}}   # picked from sources",
        "    summary: >-",
        "      Replace this with your summary of the evidence. Add excerpts below:",
        "      every quote is checked word for word against its source.",
        "    # excerpts:",
        "    #   # a quote, verbatim from its source:",
        f"    #   - source: {sid}",
        f"    #     quote: {_q(quote)}",
        "    #     note: Who said it, or why it matters (optional).",
        "    #   # a whole paragraph by its id, or some of its sentences (.s1-2):",
        f"    #   - paragraph: {para}",
        "    #   # the passages that best match a query (try it with `briefkit search`):",
        f"    #   - query: {first.query or 'the words you are looking for'}",
        f"    #     sources: [{sid}]",
        "    #     top: 1",
        "    # figures: {auto: true, about: [cost, passengers], top: 4}  # found in sources",
        "    # figures:                                                  # or picked by you",
        '    #   - value: "18 million"',
        "    #     label: what the number counts",
        f"    #     source: {sid}",
        '    #     quote: "the sentence of the source that states the number"',
        "",
        "recommendations:",
        "  - What should be done, in your words.",
        "",
    ]
    return "\n".join(lines)


def new_brief(project, name: str, *, today: dt.date) -> Path:
    """Write ``briefings/NAME.yaml`` from the skeleton; refuse to overwrite anything."""
    stem = check_brief_name(name)
    folder = project.briefings_dir
    for ext in (".yaml", ".yml"):
        existing = folder / f"{stem}{ext}"
        if existing.exists():
            raise ConfigError(
                f"{project.display(existing)} already exists; nothing was changed",
                hint="choose another name, or edit the file",
            )
    path = folder / f"{stem}.yaml"
    text = brief_skeleton(stem, project_sources(project), today)
    folder.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as fh:
        fh.write(text)
    return path
