"""Atomic file output: a reader never sees a half-written file under its name."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from ..errors import Location, OutputError


def atomic_write(path: Path, data: bytes, *, display: str | None = None) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, rename it into place.

    If anything fails (disk full, permission denied, the process killed) the
    previous file under ``path`` is left exactly as it was.
    """
    shown = display or str(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _error(exc, shown) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _error(exc, shown) from None
        raise


def _error(exc: OSError, shown: str) -> OutputError:
    if exc.errno == errno.ENOSPC:
        return OutputError(
            "disk full while writing; the previous file is unchanged",
            location=Location(shown),
            hint="free some disk space and build again",
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(
            "cannot write here: permission denied",
            location=Location(shown),
            hint="make the output folder writable, or choose another with --out",
        )
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):  # `out` (or a folder in it) is a file
        return OutputError(
            "cannot create the output folder: a file is in the way",
            location=Location(shown),
            hint="remove or rename that file, or choose another folder with --out",
        )
    return OutputError(
        f"cannot write file: {exc.strerror or exc}",
        location=Location(shown),
        hint="check the output folder",
    )


def clean_stale_temp_files(folder: Path) -> None:
    """Remove temporary files left by a build that was killed mid-write."""
    if not folder.is_dir():
        return
    for tmp in folder.rglob(".*.tmp"):
        try:
            tmp.unlink()
        except OSError:
            pass
