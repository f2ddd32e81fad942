"""A WeasyPrint URL fetcher that can only read what it is allowed to.

Templates, stylesheets and briefs come from users and sources from the web.
The fetcher serves ``data:`` URLs and files under a fixed set of folders (the
project's templates and assets, the package's own templates and fonts), and
refuses everything else — ``http(s)://``, ``file:///etc/passwd``, ``../``
escapes, links pointing outside — without ever opening it.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..deps import import_weasyprint

import_weasyprint()  # a missing Pango is one clear line, not an OSError from this import

from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

log = logging.getLogger(__name__)


class RefusedURL(ValueError):
    pass


class SafeURLFetcher(URLFetcher):
    def __init__(self, roots: list[Path], *, context: str = "template") -> None:
        super().__init__(timeout=1, allowed_protocols={"data", "file"}, allow_redirects=False)
        self.roots = [r.resolve() for r in roots if r is not None]
        self.context = context
        self.refused: list[str] = []

    def _refuse(self, url: str, why: str) -> RefusedURL:
        shown = url if len(url) < 120 else url[:117] + "..."
        self.refused.append(f"{shown} ({why})")
        # render_one turns each refusal into a warning (or an error with
        # --strict) naming the template; logging it too would print it twice.
        log.debug("%s: refused to load %s: %s", self.context, shown, why)
        return RefusedURL(f"refused: {why}")

    def fetch(self, url: str, headers=None):  # type: ignore[override]
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise self._refuse(
                url, f"{scheme or 'relative'} URLs are never fetched; briefkit works offline"
            )
        path = Path(unquote(urlsplit(url).path))
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise self._refuse(url, "no such file") from None
        if not any(resolved == root or root in resolved.parents for root in self.roots):
            raise self._refuse(url, "outside the template and asset folders")
        if not resolved.is_file():
            raise self._refuse(url, "not a file")
        mime = mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
        data = resolved.read_bytes()
        return URLFetcherResponse(resolved.as_uri(), data, {"Content-Type": mime})
