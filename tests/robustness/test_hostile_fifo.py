"""FIFOs, sockets and other special files in a project (issue 16, hole 9).

Opening a FIFO for reading waits for a writer for ever, so `build` and
`sources` used to hang on one in seeds/. Only regular files are read now:
a special file with a source name is skipped with a warning naming it, and
one in the place of a YAML file is an error with its name. Every run is a
child process with a timeout, so that a regression fails instead of hanging.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")

BRIEFKIT = str(Path(sys.executable).parent / "briefkit")
TIMEOUT = 60  # a hang fails the test after this many seconds (a run takes 2-4 s)

FIFO_HINT = (
    "  hint: only regular files are read: remove it, or replace it with the article saved as a file"
)


def briefkit(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BRIEFKIT, "-C", str(project), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


def no_crash(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "internal error" not in result.stderr, result.stderr


def warnings(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("warning: ")]


# -- sources in seeds/ ---------------------------------------------------------------


def test_fifo_in_seeds_is_skipped_by_sources(project):
    os.mkfifo(project / "seeds" / "pipe.txt")
    result = briefkit(project, "sources", "--json")
    no_crash(result)
    assert result.returncode == 0
    assert warnings(result) == [
        "warning: seeds/pipe.txt: source is a FIFO (named pipe), not a regular file; skipped"
    ]
    assert FIFO_HINT in result.stderr.splitlines()
    ids = [row["id"] for row in json.loads(result.stdout)]
    assert "pipe" not in ids and "vasilevich-2024" in ids


def test_link_to_a_fifo_in_seeds_does_not_hang_build(project, only_brief, good):
    # a link inside the project passes the "outside the project" check: it used to be opened
    os.mkfifo(project / "seeds" / "pipe-target")
    os.symlink("pipe-target", project / "seeds" / "linked.md")
    only_brief(project, good + "      - query: Belarus Russia basket\n")
    result = briefkit(project, "build")
    no_crash(result)
    assert result.returncode == 0, result.stderr
    assert (
        "warning: seeds/linked.md: source is a FIFO (named pipe), not a regular file; skipped"
        in warnings(result)
    )
    assert (project / "out" / "test-brief" / "test-brief-policymakers.pdf").is_file()


def test_registry_entry_naming_a_fifo(project, only_brief, good):
    seeds = project / "seeds"
    os.mkfifo(seeds / "pipe.txt")
    reg = seeds / "sources.yaml"
    reg.write_text(reg.read_text().replace("file: 002_21ec470f5940310a.txt", "file: pipe.txt"))
    only_brief(project, good)
    result = briefkit(project, "check")
    no_crash(result)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    # reported once (not again when seeds/ is walked), then the brief citing it fails
    assert (
        lines.count(
            "warning: seeds/pipe.txt: source is a FIFO (named pipe), not a regular file; skipped"
        )
        == 1
    )
    assert "briefings/test-brief.yaml:8:17: unknown source 'vasilevich-2024'" in lines


def test_socket_in_seeds_is_skipped(project, tmp_path):
    # a UNIX socket path must be short: bind in a short folder, then move the socket in
    with socket.socket(socket.AF_UNIX) as sock:
        short = Path("/tmp") / f"bk-{os.getpid()}.sock"
        sock.bind(str(short))
        try:
            os.rename(short, project / "seeds" / "sock.md")
        except OSError:
            short.unlink()
            pytest.skip("cannot move a socket into the project folder")
        result = briefkit(project, "sources")
    no_crash(result)
    assert result.returncode == 0
    assert warnings(result) == [
        "warning: seeds/sock.md: source is a socket, not a regular file; skipped"
    ]


def test_sources_clean_of_a_fifo(project, tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    result = briefkit(project, "sources", "clean", str(pipe))
    no_crash(result)
    assert result.returncode == 0
    assert result.stderr.splitlines()[0] == (
        f"warning: {pipe}: source is a FIFO (named pipe), not a regular file"
    )
    result = briefkit(project, "sources", "clean", "--strict", str(pipe))
    assert result.returncode == 2
    assert (
        result.stderr.splitlines()[0]
        == f"{pipe}: source is a FIFO (named pipe), not a regular file"
    )


# -- siblings: YAML files -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "command"),
    [
        ("config/briefkit.yaml", "check"),
        ("seeds/sources.yaml", "sources"),
        ("config/aliases.yaml", "search"),  # was silently ignored: the aliases were lost
    ],
    ids=["config", "registry", "aliases"],
)
def test_fifo_in_place_of_a_yaml_file(project, file, command):
    path = project / file
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    result = briefkit(project, command, *(["Belarus"] if command == "search" else []))
    no_crash(result)
    assert result.returncode == 2
    assert result.stderr.splitlines()[:2] == [
        f"{file}: file is a FIFO (named pipe), not a regular file",
        "  hint: briefkit reads only regular files: replace it with an ordinary file",
    ]
