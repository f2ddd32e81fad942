"""A build killed at any moment loses nothing: old outputs stay, no partial file is named."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BRIEFKIT = str(Path(sys.executable).parent / "briefkit")


def snapshot(out: Path) -> dict[Path, bytes]:
    """Every file under out/ with a final name (temporary files start with '.')."""
    return {
        p.relative_to(out): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }


def assert_complete(path: Path, data: bytes) -> None:
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), path
        assert len(PdfReader(io.BytesIO(data)).pages) >= 1
    elif path.suffix == ".json":
        json.loads(data)


def test_killed_build_loses_nothing(project, run):
    assert run(project, "build").exit_code == 0
    out = project / "out"
    before = snapshot(out)
    assert Path("manifest.json") in before and len([p for p in before if p.suffix == ".pdf"]) == 8
    rng = random.Random(20240615)
    for attempt in range(4):
        proc = subprocess.Popen(
            [BRIEFKIT, "-C", str(project), "build", "--force"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        if attempt % 2 == 0:  # as soon as a temporary file shows that writing has begun
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and proc.poll() is None:
                if any(out.rglob(".*.tmp")):
                    break
                time.sleep(0.005)
        else:
            time.sleep(rng.uniform(0.2, 1.5))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        after = snapshot(out)
        assert set(after) == set(before), attempt
        for rel, data in after.items():
            if data != before[rel]:  # a rename completed: a whole new file, never a part
                assert_complete(out / rel, data)
    # the next build cleans up what the killed ones left and still works
    result = run(project, "build", "--force")
    assert result.exit_code == 0, result.output
    assert not list(out.rglob(".*.tmp"))
    assert snapshot(out).keys() == before.keys()
