"""`briefkit build --watch`: rebuild PDFs on change, report errors and go on."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path


def save(path: Path, text: str) -> None:
    """Save as an editor does: the whole new text at once (no half-written file to see)."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


BRIEF_FILE = "briefings/battery-ferries.yaml"


def wait_for(lines: list[str], predicate, timeout: float = 60) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for line in list(lines):
            if predicate(line):
                return line
        time.sleep(0.05)
    raise AssertionError(f"not seen in {timeout}s; output: {lines}")


def test_watch_and_build(new_project: Path) -> None:
    from briefkit.build import BuildOptions
    from briefkit.project import Project
    from briefkit.watch import watch_and_build

    lines: list[str] = []
    stop = threading.Event()
    # HTML only, to keep the test quick: the watch loop is the same for PDFs.
    options = BuildOptions(audiences=("newsletter",), formats=("html",))
    t = threading.Thread(
        target=watch_and_build,
        args=(Project.load(new_project), options, lines.append),
        kwargs={"stop_event": stop},
        daemon=True,
    )
    t.start()
    out = new_project / "out/battery-ferries/battery-ferries-newsletter.html"
    brief = new_project / BRIEF_FILE
    try:
        wait_for(lines, lambda s: s.startswith("watching "))
        assert "wrote out/battery-ferries/battery-ferries-newsletter.html" in lines
        del lines[:]
        save(brief, brief.read_text().replace("Battery ferries for Lanternfield", "Electric boats"))
        wait_for(lines, lambda s: s.startswith("built "))
        assert lines[0] == f"changed: {BRIEF_FILE}"
        assert "<title>Electric boats" in out.read_text()
        del lines[:]
        good = brief.read_text()
        save(brief, good.replace("key_messages:\n", "key_messages: [oops\n"))
        error = wait_for(lines, lambda s: s.startswith(f"{BRIEF_FILE}:"))
        assert wait_for(lines, lambda s: s.startswith("built ")).startswith("built 0 file(s)")
        assert "hint:" in error
        del lines[:]
        save(brief, good.replace("Electric boats", "Quiet boats"))
        assert wait_for(lines, lambda s: s.startswith("built ")).startswith(
            "built 1 file(s), 0 error(s)"
        )
        assert "<title>Quiet boats" in out.read_text()
    finally:
        stop.set()
        t.join(10)
    assert not t.is_alive()
