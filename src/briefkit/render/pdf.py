"""WeasyPrint: HTML → PDF, offline, with metadata and reproducible bytes."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from ..errors import RenderError
from .fetcher import SafeURLFetcher

log = logging.getLogger(__name__)

# Tagged for accessibility unless asked otherwise (`--pdf-variant pdf/a-3u`).
DEFAULT_VARIANT = "pdf/ua-1"


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
) -> RenderedPDF:
    """Lay out ``html`` and return the PDF bytes and page count."""
    import weasyprint

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
