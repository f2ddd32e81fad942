"""Atomic file output: a reader never sees a half-written file under its name."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from pathlib import Path

from ..errors import Location, OutputError

# Temporary files are named ".<name>.briefkit-<pid>-<random>.tmp": the clean-up
# recognises its own and leaves every other ".*.tmp" alone.
TEMP_MARK = ".briefkit-"
TEMP_SUFFIX = ".tmp"
# A temporary file lives for one write (seconds). It is stale when the process
# that wrote it is gone (a killed build), or, whatever the process (another
# machine sharing the folder, a reused pid), when it is this old.
STALE_TEMP_S = 15 * 60


def ensure_within(
    path: Path, root: Path, *, display: str | None = None, root_display: str | None = None
) -> None:
    """Refuse ``path`` if, with every symbolic link followed, it is not inside ``root``.

    Links inside the project are fine; a folder linked to somewhere else (an
    ``out/<brief>`` or ``.briefkit`` pointing at a home directory) is not.
    """
    real_root = root.resolve()
    real = path.resolve()  # follows links, dangling ones too
    if real == real_root or real.is_relative_to(real_root):
        return
    raise OutputError(
        f"refusing to write outside {root_display or root}: a symbolic link leads to {real}",
        location=Location(display or str(path)),
        hint="remove the link (briefkit recreates the folder), or choose a folder with --out",
    )


def atomic_write(
    path: Path,
    data: bytes,
    *,
    display: str | None = None,
    root: Path | None = None,
    root_display: str | None = None,
) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, rename it into place.

    If anything fails (disk full, permission denied, the process killed) the
    previous file under ``path`` is left exactly as it was. With ``root``, the
    folder written to must be inside it once links are followed
    (:func:`ensure_within`); the rename replaces a link named ``path`` itself,
    never the file it points to.
    """
    shown = display or str(path)
    if root is not None:
        ensure_within(path.parent, root, display=shown, root_display=root_display)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}{TEMP_MARK}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=path.parent
        )
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
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _error(exc, shown) from None
        raise


def write_error(exc: OSError, shown: str) -> OutputError:
    """One line for an OSError met while writing ``shown``."""
    return _error(exc, shown)


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


def clean_stale_temp_files(folder: Path, *, now: float | None = None) -> None:
    """Remove briefkit's own temporary files left by a build killed mid-write.

    Only names briefkit makes (``.<name>.briefkit-<pid>-<random>.tmp``), only
    in ``folder`` and the folders directly in it (where outputs go, links not
    followed), and only stale ones: the process that wrote it is gone, or it
    is older than :data:`STALE_TEMP_S`. Another build's write in progress is
    left alone.
    """
    if folder.is_symlink() or not folder.is_dir():
        return
    limit = (time.time() if now is None else now) - STALE_TEMP_S
    folders = [folder]
    try:
        folders += [d for d in folder.iterdir() if d.is_dir() and not d.is_symlink()]
    except OSError:
        return
    for where in folders:
        try:
            candidates = list(where.glob(f".*{TEMP_MARK}*{TEMP_SUFFIX}"))
        except OSError:
            continue
        for tmp in candidates:
            try:
                st = tmp.lstat()
                if stat.S_ISREG(st.st_mode) and (
                    st.st_mtime < limit or not _writer_alive(tmp.name)
                ):
                    tmp.unlink()
            except OSError:
                pass


def _writer_alive(name: str) -> bool:
    """Is the process that named this temporary file still running (on this machine)?"""
    pid_text = name.rpartition(TEMP_MARK)[2].partition("-")[0]
    if not pid_text.isdigit():
        return False  # no writer named: nothing to wait for
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True  # another user's process
    except (ProcessLookupError, OverflowError, ValueError):
        return False
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed process nobody has reaped yet still answers os.kill (Linux: /proc)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rpartition(b")")[2].split()[:1] == [b"Z"]
    except OSError:
        return False


def open_lock_file(path: Path, *, display: str | None = None) -> int:
    """Open (creating) a lock file briefkit owns, never through a symbolic link.

    A link in its place (planted in a shared project) is removed, not followed,
    so no file outside the project is created or truncated.
    """
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    try:
        try:
            return os.open(path, flags, 0o644)
        except OSError as exc:
            if exc.errno != errno.ELOOP:
                raise
            os.unlink(path)
            return os.open(path, flags, 0o644)
    except OSError as exc:
        raise _error(exc, display or str(path)) from None


def own_cache_file(path: Path, *, display: str | None = None) -> None:
    """Make sure a cache file briefkit is about to open is a plain file or absent.

    A symbolic link is removed (the cache is rebuilt); a folder in its place
    is an error with one line, since briefkit never deletes a folder.
    """
    try:
        st = path.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _error(exc, display or str(path)) from None
    if stat.S_ISLNK(st.st_mode):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    elif stat.S_ISDIR(st.st_mode):
        raise OutputError(
            "a folder is in the place of briefkit's cache file",
            location=Location(display or str(path)),
            hint="remove it (the cache is rebuilt)",
        )
