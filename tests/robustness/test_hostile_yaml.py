"""Hostile YAML (issue 16, hole 1): every YAML briefkit reads goes through the limited loader.

The front matter of a Markdown source used to be read with plain
``yaml.safe_load``: a 400-byte "billion laughs" made ``briefkit sources``
allocate gigabytes. Each run here is a child process with a memory and CPU
cap, so that a regression fails the test instead of eating the machine.
"""

from __future__ import annotations

import itertools
import resource
import subprocess
import sys
from pathlib import Path

import pytest

BRIEFKIT = str(Path(sys.executable).parent / "briefkit")
MEMORY_CAP = 768 * 1024 * 1024  # `briefkit sources` needs about 150 MB
SECONDS = 60


def bomb(key: str = "title") -> str:
    """Nine levels of nine: 387,420,489 strings if expanded; under 400 bytes written."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghi"
    for prev, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    lines.append(f"{key}: *i")
    return "\n".join(lines) + "\n"


BOMB_MESSAGE = "front matter: YAML expands to more than 100,000 values (an alias bomb?)"


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    resource.setrlimit(resource.RLIMIT_CPU, (SECONDS, SECONDS))


def bounded(project: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `briefkit -C project ARGS` with a memory and CPU cap and a wall-clock timeout."""
    return subprocess.run(
        [BRIEFKIT, "-C", str(project), *args],
        capture_output=True,
        text=True,
        timeout=SECONDS,
        preexec_fn=_limits,
    )


def no_crash(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "internal error" not in result.stderr, result.stderr
    assert "MemoryError" not in result.stderr, result.stderr


def write_bomb_source(project: Path) -> Path:
    path = project / "seeds" / "bomb.md"
    path.write_text(f"---\n{bomb()}---\n# Laughs\n\nSome text of the article.\n", encoding="utf-8")
    return path


# -- the hole: a Markdown source's front matter ----------------------------------


def test_front_matter_bomb_in_sources_is_one_warning(project):
    write_bomb_source(project)
    result = bounded(project, "sources", "--json")
    no_crash(result)
    assert result.returncode == 0
    assert f"warning: seeds/bomb.md:2:14: {BOMB_MESSAGE}" in result.stderr.splitlines()
    assert "hint: remove the front matter" in result.stderr
    import json

    ids = [row["id"] for row in json.loads(result.stdout)]
    assert "bomb" not in ids  # skipped
    assert "vasilevich-2024" in ids  # the others are listed


def test_front_matter_bomb_cited_by_a_brief_is_exit_2(project, only_brief, good):
    write_bomb_source(project)
    only_brief(project, good + "      - paragraph: bomb/p1\n")
    result = bounded(project, "check")
    no_crash(result)
    assert result.returncode == 2
    assert f"seeds/bomb.md:2:14: {BOMB_MESSAGE}" in result.stderr.splitlines()


def test_front_matter_bomb_with_a_query_selector_builds(project, only_brief, good):
    # a query reads (indexes) every source, cited or not
    write_bomb_source(project)
    only_brief(project, good + "      - query: Belarus Russia basket\n")
    result = bounded(project, "build")
    no_crash(result)
    assert result.returncode == 0, result.stderr
    assert f"warning: seeds/bomb.md:2:14: {BOMB_MESSAGE}" in result.stderr.splitlines()
    assert (project / "out" / "test-brief" / "test-brief-policymakers.pdf").is_file()


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("a: &a [1, *a]\ntitle: x\n", "seeds/loop.md:2:4: front matter: recursive YAML alias"),
        (
            "title: " + "[" * 5000 + "]" * 5000 + "\n",
            "seeds/loop.md:1: front matter: YAML is nested too deeply",
        ),
    ],
    ids=["recursive-alias", "deep-nesting"],
)
def test_front_matter_other_limits(project, front, expected):
    (project / "seeds" / "loop.md").write_text(f"---\n{front}---\nText.\n", encoding="utf-8")
    result = bounded(project, "sources")
    no_crash(result)
    assert result.returncode == 0
    assert f"warning: {expected}" in result.stderr.splitlines()


def test_front_matter_that_is_not_yaml_is_still_text(project, run):
    """Only the limits are errors: front matter that is merely odd is read as before (or better)."""
    seeds = project / "seeds"
    # not YAML: the lines stay part of the text, as before
    (seeds / "odd.md").write_text("---\n: bad: yaml: [\n---\nBody text of odd.\n", encoding="utf-8")
    # an impossible date made safe_load raise ValueError: an internal error (exit 1)
    (seeds / "baddate.md").write_text(
        "---\ntitle: Bad date\ndate: 2024-13-01\n---\nBody text of baddate.\n", encoding="utf-8"
    )
    # a repeated key: the last value wins, as with safe_load
    (seeds / "twice.md").write_text(
        "---\ntitle: First\ntitle: Second\n---\nBody text of twice.\n", encoding="utf-8"
    )
    result = run(project, "sources", "--json")
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    import json

    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["baddate"]["title"] == "Bad date"
    assert rows["baddate"]["date"] is None
    assert rows["twice"]["title"] == "Second"
    assert "odd" in rows


# -- the siblings: every other YAML file already used the limited loader ----------------


@pytest.mark.parametrize(
    ("file", "command"),
    [
        ("config/briefkit.yaml", "build"),
        ("seeds/sources.yaml", "build"),
        ("config/aliases.yaml", "search"),  # read by `search` and by query selectors
        ("briefings/test-brief.yaml", "build"),
    ],
    ids=["config", "registry", "aliases", "brief"],
)
def test_bomb_in_every_yaml_file(project, only_brief, good, file, command):
    """Siblings of the hole: these already went through the limited loader; kept that way."""
    only_brief(project, good)
    (project / file).write_text(bomb("x"), encoding="utf-8")
    expected = f"{file}:1:14: YAML expands to more than 100,000 values (an alias bomb?)"
    result = bounded(project, command, *(["Belarus"] if command == "search" else []))
    no_crash(result)
    assert result.returncode == 2
    assert expected in result.stderr.splitlines()
