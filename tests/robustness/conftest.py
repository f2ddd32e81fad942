"""Fixtures for the robustness tests: one small brief in a copy of the example project."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD_BRIEF = """\
title: Test brief
date: 2024-05-01
audiences: [policymakers]
key_messages: [One message.]
sections:
  - heading: First
    excerpts:
      - source: vasilevich-2024
        quote: "making sure that Belarus and Russia are not put in the same basket"
"""

BRIEFKIT = str(Path(sys.executable).parent / "briefkit")


@pytest.fixture
def good() -> str:
    return GOOD_BRIEF


@pytest.fixture
def only_brief():
    """only_brief(project, text_or_bytes, name='test-brief.yaml'): the one brief in briefings/."""

    def _write(project: Path, text: str | bytes, name: str = "test-brief.yaml") -> Path:
        for p in (project / "briefings").glob("*.yaml"):
            p.unlink()
        path = project / "briefings" / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def cli_process():
    """Run the installed `briefkit` in a child process (for env vars read at import)."""

    def _run(project: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120):
        return subprocess.run(
            [BRIEFKIT, "-C", str(project), *args],
            capture_output=True,
            text=True,
            env={**os.environ, **(env or {})},
            timeout=timeout,
        )

    return _run
