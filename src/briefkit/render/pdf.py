"""WeasyPrint: HTML → PDF, offline, with metadata and reproducible bytes."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
from dataclasses import dataclass

from ..deps import import_weasyprint
from ..errors import RenderError
from .fetcher import SafeURLFetcher

log = logging.getLogger(__name__)

# Tagged for accessibility unless asked otherwise (`--pdf-variant pdf/a-3u`).
DEFAULT_VARIANT = "pdf/ua-1"

# A brief nests a dozen elements deep. The HTML parser takes time quadratic in
# the depth (100,000 nested <div>s: hours) and layout recurses, so refuse
# deeper HTML before parsing it.
MAX_HTML_DEPTH = 500
_VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr "
    # elements whose end tag may be left out: they do not nest in themselves
    "p li dt dd tr td th option optgroup rb rt rp colgroup caption thead tbody tfoot "
    "html head body".split()
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_SKIP = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.S | re.I)


def html_depth(html: str, limit: int = MAX_HTML_DEPTH) -> int:
    """How deeply elements nest in ``html`` (approximately; stops counting past ``limit``)."""
    depth = deepest = 0
    for m in _TAG.finditer(_SKIP.sub("", html)):
        if m[2].lower() in _VOID or m[3]:
            continue
        depth = max(0, depth - 1) if m[1] else depth + 1
        deepest = max(deepest, depth)
        if deepest > limit:
            break
    return deepest


@dataclass(frozen=True, slots=True)
class RenderedPDF:
    data: bytes
    pages: int
    refused: tuple[str, ...]


def render_pdf(
    html: str,
    *,
    base_url: str,
    fetcher: SafeURLFetcher,
    identifier: str,
    pdf_variant: str | None = DEFAULT_VARIANT,
    epoch: int | None = None,
) -> RenderedPDF:
    """Lay out ``html`` and return the PDF bytes and page count.

    ``epoch`` (seconds) stamps the subset fonts: fontTools writes the time of
    subsetting into each font's ``head`` table unless SOURCE_DATE_EPOCH is set,
    which would make every build's bytes differ.
    """
    weasyprint = import_weasyprint()

    if html_depth(html) > MAX_HTML_DEPTH:
        raise RenderError(
            f"the HTML is nested too deeply to lay out (more than {MAX_HTML_DEPTH} levels)",
            hint="simplify the template; deeply nested elements cannot be printed",
        )
    try:
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()
        options = {
            # The same brief gives the same bytes: the id derives from the brief,
            # the dates from the brief's <meta> tags.
            "pdf_identifier": hashlib.sha256(identifier.encode()).hexdigest()[:32].encode(),
            "pdf_tags": True,
            "uncompressed_pdf": False,
        }
        if pdf_variant:
            options["pdf_variant"] = pdf_variant
        with _font_timestamp(epoch):
            data = document.write_pdf(**options)
    except RecursionError:
        raise RenderError(
            "the HTML is nested too deeply to lay out",
            hint="simplify the template; deeply nested elements cannot be printed",
        ) from None
    except MemoryError:
        raise RenderError(
            "ran out of memory laying out the brief", hint="shorten the brief"
        ) from None
    return RenderedPDF(data=data, pages=len(document.pages), refused=tuple(fetcher.refused))


@contextlib.contextmanager
def _font_timestamp(epoch: int | None):
    if epoch is None or os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
