"""Plain-text dumps of the 700 real pages in ``../shared/data/web-pages-2026``.

A person who saves an article as text gets one of a few styles; each is made
here from the page's HTML with the tool that produces it:

- ``inner``: browser-like inner text (``html-text`` with layout guessing),
  what a select-all copy from a browser gives, blank lines between blocks;
- ``copy``: the same without blank lines, as some browsers copy it;
- ``wrapped``: the inner text saved as text hard-wrapped at 72 columns;
- ``inscriptis``: a text-mode browser rendering with indented lists;
- ``markdown``: ``html2text``, hard-wrapped at 78 columns with Markdown marks
  and links, images left out;
- ``clean``: only the headline and the true main content, as when a person
  copies just the article: the cleaner must keep all of it.

The page's ``<title>`` is left out (a browser does not show it in the page).

The tools are in the ``train`` extra, never needed at run time. Dumps are
cached under ``bench/.cache/dumps/STYLE/ID.txt``.

    .venv/bin/python bench/cleaner_dumps.py      # makes the cache (about a minute)
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
DATA = Path(os.environ.get("BRIEFKIT_WEB_PAGES", HERE.parent.parent / "shared/data/web-pages-2026"))
CACHE = HERE / ".cache" / "dumps"
STYLES = ("inner", "copy", "wrapped", "inscriptis", "markdown", "clean")
_TITLE = re.compile(r"<title\b[^>]*>.*?</title\s*>", re.IGNORECASE | re.DOTALL)


def truth() -> dict[str, dict]:
    return json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))


_TRUTH: dict[str, dict] = {}


def truth_cached() -> dict[str, dict]:
    if not _TRUTH:
        _TRUTH.update(truth())
    return _TRUTH


def site(url: str | None) -> str:
    """The page's site, for grouping: host without www. and without a country subdomain."""
    host = (urlparse(url or "").hostname or "unknown").lower()
    host = re.sub(r"^(?:www\d?|m|en|amp)\.", "", host)
    return host


def html_of(page_id: str) -> str:
    raw = gzip.decompress((DATA / "html" / f"{page_id}.html.gz").read_bytes())
    return raw.decode("utf-8", "replace")


def render(html: str, style: str, item: dict | None = None) -> str:
    html = _TITLE.sub("", html, count=1)
    if style == "clean":
        item = item or {}
        return f"{item.get('title') or ''}\n\n{item['main_content']}\n"
    if style in ("inner", "copy", "wrapped"):
        import html_text

        text = html_text.extract_text(html, guess_layout=True)
        if style == "copy":
            text = "\n".join(line for line in text.splitlines() if line.strip())
        if style == "wrapped":
            import textwrap

            text = "\n".join(textwrap.fill(line, 72) for line in text.splitlines())
        return text
    if style == "inscriptis":
        import inscriptis

        return inscriptis.get_text(html)
    if style == "markdown":
        import html2text

        h = html2text.HTML2Text()
        h.body_width = 78
        h.ignore_images = True
        return h.handle(html)
    raise ValueError(style)


def _make(page_id: str) -> str:
    html = html_of(page_id)
    item = truth_cached()[page_id]
    for style in STYLES:
        out = CACHE / style / f"{page_id}.txt"
        if out.exists():
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            text = render(html, style, item)
        except Exception as exc:  # a tool failing on one page is not fatal
            print(f"{page_id} {style}: {exc}", file=sys.stderr)
            text = ""
        out.write_text(text, encoding="utf-8")
    return page_id


def dumps(style: str) -> Iterator[tuple[str, str, dict]]:
    """(page id, dump text, truth) for every page in one style, making missing dumps."""
    gt = truth()
    if any(not (CACHE / style / f"{k}.txt").exists() for k in gt):
        make_all()
    for page_id, item in sorted(gt.items()):
        yield page_id, (CACHE / style / f"{page_id}.txt").read_text(encoding="utf-8"), item


def make_all() -> None:
    ids = sorted(truth())
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for _ in pool.map(_make, ids, chunksize=8):
            pass


if __name__ == "__main__":
    make_all()
    print(f"dumps in {CACHE}")
