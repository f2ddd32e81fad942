# ruff: noqa: E501 - the expected messages are long lines, kept whole to be searchable
"""Broken sources, unwritable output, a full disk, hostile templates: clear lines, nothing lost."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

# -- sources: a warning naming the file, the build goes on; an error with --strict ----


def add_bad_sources(project: Path) -> None:
    seeds = project / "seeds"
    (seeds / "folder.txt").mkdir()  # unreadable as a file (chmod does not stop root)
    (seeds / "image.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    )
    with open(seeds / "huge.txt", "wb") as fh:
        fh.truncate(10 * 1024 * 1024 + 1)


BAD_SOURCE_WARNINGS = [
    "warning: seeds/folder.txt: source is a folder, not a file; skipped",
    "warning: seeds/huge.txt: source is too large (10,485,761 bytes; the limit is 10,485,760); skipped",
    "warning: seeds/image.txt: source is a binary file, not text; skipped",
]


def warning_lines(stderr: str) -> list[str]:
    return sorted(line for line in stderr.splitlines() if line.startswith("warning: "))


def test_bad_sources_warn_and_the_build_goes_on(project, run, only_brief, good):
    add_bad_sources(project)
    only_brief(project, good)
    result = run(project, "build")
    assert result.exit_code == 0, result.output
    assert warning_lines(result.stderr) == BAD_SOURCE_WARNINGS
    assert (project / "out" / "test-brief" / "test-brief-policymakers.pdf").is_file()
    result = run(project, "check")
    assert result.exit_code == 0
    assert warning_lines(result.stderr) == BAD_SOURCE_WARNINGS


def test_bad_sources_are_errors_with_strict(project, run, only_brief, good):
    add_bad_sources(project)
    only_brief(project, good)
    for command in ("check", "build"):
        result = run(project, command, "--strict")
        assert result.exit_code == 2
        # each problem once, as an error
        assert warning_lines(result.stderr) == []
        assert (
            result.stderr.splitlines()[0]
            == "seeds/folder.txt: source is a folder, not a file; skipped"
        )


def test_citing_a_bad_source_says_why(project, run, only_brief, good):
    (project / "seeds" / "image.txt").write_bytes(b"\x00\x01binary\x00" * 100)
    only_brief(project, good + "      - paragraph: image/p1\n")
    result = run(project, "check")
    assert result.exit_code == 2
    assert (
        "seeds/image.txt: source is a binary file, not text; skipped" in result.stderr.splitlines()
    )


def test_non_utf8_source_is_decoded(project, run, only_brief, good):
    text = (
        "Les élections à Minsk\n\n"
        "Le régime biélorusse a arrêté des centaines d'opposants après les élections de 2020, "
        "selon les défenseurs des droits humains.\n\n"
        "Beaucoup d'exilés vivent désormais en Pologne et en Lituanie, où ils continuent leur travail.\n"
    )
    (project / "seeds" / "latin.txt").write_bytes(text.encode("cp1252"))
    only_brief(
        project,
        good
        + (
            "      - source: latin\n"
            '        quote: "Le régime biélorusse a arrêté des centaines d\'opposants"\n'
        ),
    )
    result = run(project, "build")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    from pdfutil import pdf_text

    assert "régime biélorusse" in pdf_text(
        project / "out" / "test-brief" / "test-brief-policymakers.pdf"
    )


# -- output -------------------------------------------------------------------------


def test_out_is_a_file(project, run, only_brief, good):
    (project / "out").write_text("not a folder")
    only_brief(project, good)
    result = run(project, "build")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "out/test-brief/test-brief-policymakers.pdf: cannot create the output folder: a file is in the way"
    )
    assert lines[1] == "  hint: remove or rename that file, or choose another folder with --out"
    assert (project / "out").read_text() == "not a folder"


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 64 KiB tmpfs (we run as root in CI); skipped where mounting is not allowed."""
    mnt = tmp_path / "small-disk"
    mnt.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def test_disk_full_keeps_the_previous_file(project, run, only_brief, good, small_disk):
    only_brief(project, good)
    result = run(project, "build", "--out", str(small_disk))
    assert result.exit_code == 0, result.output
    pdf = small_disk / "test-brief" / "test-brief-policymakers.pdf"
    before = {p: p.read_bytes() for p in small_disk.rglob("*") if p.is_file()}
    # fill the disk, leaving less room than a PDF needs
    st = os.statvfs(small_disk)
    free = st.f_bavail * st.f_frsize
    with open(small_disk / "filler", "wb") as fh, contextlib.suppress(OSError):
        fh.write(b"\0" * max(0, free - 4096))
    result = run(project, "build", "--out", str(small_disk), "--force")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{pdf}: disk full while writing; the previous file is unchanged"
    )
    assert "Traceback" not in result.output
    after = {p: p.read_bytes() for p in small_disk.rglob("*") if p.is_file() and p.name != "filler"}
    assert after == before  # previous files intact, no partial or temporary file left


# -- limits: time and memory of rendering ------------------------------------------------


def write_template(project: Path, text: str, name: str = "policymakers.html") -> None:
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / name).write_text(text, encoding="utf-8")


@pytest.mark.slow
def test_endless_template_is_stopped(project, only_brief, good, cli_process):
    # Jinja's sandbox caps one range() at 100,000 items; two nested ones take for ever
    write_template(
        project,
        "<html><body>{% for i in range(100000) %}{% for j in range(100000) %}"
        "{% endfor %}{% endfor %}</body></html>",
    )
    only_brief(project, good)
    (project / "briefings" / "other.yaml").write_text(
        good.replace("[policymakers]", "[journalists]")
    )
    # -j 1: the other brief ('other' sorts first) renders alone, well within its 6 s
    # even on a busy CI machine (a normal render takes about 1 s)
    result = cli_process(
        project, "build", "-j", "1", env={"BRIEFKIT_RENDER_TIMEOUT": "6"}, timeout=90
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "rendering 'test-brief' for 'policymakers' took longer than 6 s; stopped"
    assert "Traceback" not in result.stderr
    assert (project / "out" / "other" / "other-journalists.pdf").is_file(), (
        result.stderr
    )  # the other brief is built
    assert not (project / "out" / "test-brief" / "test-brief-policymakers.pdf").exists()


def test_template_memory_is_bounded(project, only_brief, good, cli_process):
    write_template(project, "<html><body>{{ 'x' * 10**10 }}</body></html>")
    only_brief(project, good)
    result = cli_process(project, "build", env={"BRIEFKIT_MEMORY_LIMIT_MB": "1024"}, timeout=60)
    assert result.returncode == 2
    assert (
        result.stderr.splitlines()[0]
        == "rendering 'test-brief' for 'policymakers' ran out of memory"
    )


def test_recursive_macro(project, run, only_brief, good):
    write_template(
        project,
        "{% macro r(n) %}<div>{% if n %}{{ r(n - 1) }}{% endif %}</div>{% endmacro %}\n"
        "<html><body>{{ r(5000) }}</body></html>\n",
    )
    only_brief(project, good)
    result = run(project, "build")
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[0]
        == "templates/policymakers.html:1: template recursion is too deep"
    )
    assert "RecursionError" not in result.output


@pytest.mark.parametrize("depth", [400, 100_000])
def test_deeply_nested_html(project, run, only_brief, good, depth):
    # 400 levels overflow the layout's recursion; 100,000 would take the HTML parser hours
    write_template(project, f"<html><body>{{{{ ('<div>' * {depth}) | safe }}}}x</body></html>")
    only_brief(project, good)
    result = run(project, "build")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(
        "templates/policymakers.html: the HTML is nested too deeply to lay out"
    )
    assert "RecursionError" not in result.output
