"""Read project files only when they are regular files.

A project can hold files written by others. A FIFO (named pipe) with a source
or YAML name makes a plain ``open()`` wait for a writer for ever; a device or
a socket is no better. Every project file briefkit reads goes through
:func:`read_regular`, which refuses anything but a regular file before
opening it (``stat`` follows links, as reading does), then checks the opened
descriptor again: it is opened non-blocking, so that even a FIFO swapped in
between the two checks cannot hang the open.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegularFileError(OSError):
    """The path is a FIFO, socket, device or folder, not a regular file."""

    def __init__(self, path: Path | str, kind: str) -> None:
        super().__init__(f"{kind}, not a regular file")
        self.filename = str(path)
        self.kind = kind
        self.strerror = f"it is {kind}, not a regular file"


def file_kind(mode: int) -> str:
    """What a ``st_mode`` is, in words ("a FIFO (named pipe)", "a socket", ...)."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "a special file"


def not_regular(path: Path | str) -> str | None:
    """What ``path`` is when it is not a regular file (following links); None if it is one.

    Raises OSError when it cannot be looked at (missing, no permission, a
    broken link).
    """
    mode = os.stat(path).st_mode
    return None if stat.S_ISREG(mode) else file_kind(mode)


def read_regular(path: Path | str, *, limit: int | None = None) -> bytes:
    """The bytes of a regular file: at most ``limit + 1`` of them when a limit is given.

    Raises :class:`NotRegularFileError` (an OSError) for anything else, before
    opening it, so that reading never blocks on a FIFO or a device.
    """
    kind = not_regular(path)
    if kind is not None:
        raise NotRegularFileError(path, kind)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # swapped after the first look
            raise NotRegularFileError(path, file_kind(mode))
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1  # closed by the file object from now on
            return fh.read() if limit is None else fh.read(limit + 1)
    finally:
        if fd >= 0:
            os.close(fd)
