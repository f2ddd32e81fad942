"""PNG thumbnails of a PDF's first page, for newsletter tools and file browsers.

Rendered offline with pypdfium2; written atomically beside the PDF.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import Location, RenderError
from .files import atomic_write

DEFAULT_WIDTH = 600


def thumbnail_path(pdf_path: Path) -> Path:
    """Where the thumbnail of ``pdf_path`` goes: the same name with ``.png``."""
    return pdf_path.with_suffix(".png")


def render_thumbnail(pdf_path: Path, width: int = DEFAULT_WIDTH) -> bytes:
    """The first page of ``pdf_path`` as PNG bytes, exactly ``width`` pixels wide."""
    import pypdfium2 as pdfium

    if width < 16 or width > 4000:
        raise RenderError(f"thumbnail width {width} is out of range", hint="use 16 to 4000 pixels")
    try:
        pdf = pdfium.PdfDocument(str(pdf_path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise RenderError(
            f"cannot read the PDF for its thumbnail: {exc}",
            location=Location(str(pdf_path)),
            hint="build the brief again",
        ) from None
    try:
        if len(pdf) == 0:
            raise RenderError("the PDF has no pages", location=Location(str(pdf_path)))
        page = pdf[0]
        try:
            scale = width / page.get_width()
            bitmap = page.render(scale=scale)
            image = bitmap.to_pil().convert("RGB")
        finally:
            page.close()
    finally:
        pdf.close()
    if image.width != width:  # rounding in the renderer: at most a pixel or two
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height))
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def page_count(pdf_path: Path) -> int:
    """How many pages ``pdf_path`` has (0 if it cannot be read)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(pdf_path))
    except (pdfium.PdfiumError, OSError):
        return 0
    try:
        return len(pdf)
    finally:
        pdf.close()


def make_thumbnail(
    pdf_path: Path,
    png_path: Path | None = None,
    width: int = DEFAULT_WIDTH,
    *,
    display: str | None = None,
    root: Path | None = None,
) -> Path:
    """Write a PNG of the first page of ``pdf_path`` (default: beside it); return its path.

    With ``root``, refuse to write through a link that leads out of it.
    """
    pdf_path = Path(pdf_path)
    png_path = Path(png_path) if png_path is not None else thumbnail_path(pdf_path)
    atomic_write(png_path, render_thumbnail(pdf_path, width), display=display, root=root)
    return png_path
