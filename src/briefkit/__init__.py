"""briefkit: turn a folder of source articles into verified, cited policy briefs."""

from __future__ import annotations

__version__ = "0.1.0"
