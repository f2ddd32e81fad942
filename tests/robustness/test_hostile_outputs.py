# ruff: noqa: E501 - the expected messages are long lines, kept whole to be searchable
"""Hostile projects (issue 16): where briefkit writes, what it deletes, and what a
template or a cache file can make it do. Every case failed before its fix."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from briefkit.publish.files import STALE_TEMP_S, atomic_write, clean_stale_temp_files


def first(result) -> str:
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    return result.stderr.splitlines()[0]


def write_template(project: Path, text: str, name: str = "policymakers.html") -> None:
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / name).write_text(text, encoding="utf-8")


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


# -- 5, 6: temporary files: only briefkit's own, only stale ones ---------------


def test_clean_up_leaves_other_programs_temp_files(tmp_path):
    out = tmp_path / "thesis"
    (out / "drafts").mkdir(parents=True)
    theirs = out / "drafts" / ".chapter3.docx.tmp"
    theirs.write_text("a draft")
    old = time.time() - 10 * STALE_TEMP_S
    os.utime(theirs, (old, old))
    clean_stale_temp_files(out)
    assert theirs.exists()


def test_clean_up_leaves_a_write_in_progress_and_removes_a_stale_one(tmp_path):
    out = tmp_path / "out"
    (out / "brief").mkdir(parents=True)
    alive = out / "brief" / f".brief-policymakers.pdf.briefkit-{os.getpid()}-abc123.tmp"
    killed = out / "brief" / ".brief-full.pdf.briefkit-999999999-ghi789.tmp"
    stale = out / "brief" / f".brief-journalists.pdf.briefkit-{os.getpid()}-def456.tmp"
    alive.write_bytes(b"%PDF being written by another build")
    killed.write_bytes(b"%PDF left by a killed build")
    stale.write_bytes(b"%PDF left long ago by a process whose pid is reused")
    old = time.time() - 2 * STALE_TEMP_S
    os.utime(stale, (old, old))
    clean_stale_temp_files(out)
    assert alive.exists()  # another build's write in progress
    assert not killed.exists()
    assert not stale.exists()


def test_temp_names_are_recognisable(tmp_path):
    seen: list[str] = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append(Path(src).name)
        return real_replace(src, dst)

    os.replace = spy
    try:
        atomic_write(tmp_path / "x.pdf", b"data")
    finally:
        os.replace = real_replace
    assert seen and seen[0].startswith(f".x.pdf.briefkit-{os.getpid()}-")
    assert seen[0].endswith(".tmp")


def test_a_second_build_does_not_delete_the_first_ones_temp_file(project, run, only_brief, good):
    only_brief(project, good)
    # a write in progress in another build (this process stands for it: alive)
    in_flight = (
        project
        / "out"
        / "test-brief"
        / f".test-brief-policymakers.pdf.briefkit-{os.getpid()}-x1.tmp"
    )
    in_flight.parent.mkdir(parents=True)
    in_flight.write_bytes(b"%PDF-1.7 half written")
    result = run(project, "build")
    assert result.exit_code == 0, result.output
    assert in_flight.exists()


# -- 7: links that lead out of the project --------------------------------------


def test_brief_output_folder_linked_elsewhere_is_refused(project, run, only_brief, good, tmp_path):
    only_brief(project, good)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "test-brief-policymakers.pdf").write_bytes(b"precious")
    (project / "out").mkdir(exist_ok=True)
    (project / "out" / "test-brief").symlink_to(elsewhere, target_is_directory=True)
    result = run(project, "build")
    assert result.exit_code == 2
    line = first(result)
    assert line.startswith("out/test-brief/test-brief-policymakers.pdf: refusing to write outside ")
    assert "symbolic link" in line
    assert (elsewhere / "test-brief-policymakers.pdf").read_bytes() == b"precious"
    assert files_under(elsewhere) == {"test-brief-policymakers.pdf"}


def test_cache_folder_linked_elsewhere_is_refused(project, run, only_brief, good, tmp_path):
    only_brief(project, good)
    elsewhere = tmp_path / "cache-elsewhere"
    elsewhere.mkdir()
    (project / ".briefkit").symlink_to(elsewhere, target_is_directory=True)
    for args in (("build",), ("search", "Belarus")):
        result = run(project, *args)
        assert result.exit_code == 2, (args, result.output)
        assert first(result).startswith(".briefkit: refusing to write outside "), args
    assert files_under(elsewhere) == set()


def test_cache_files_linked_elsewhere_are_not_followed(project, run, only_brief, good, tmp_path):
    only_brief(project, good)
    elsewhere = tmp_path / "victim"
    elsewhere.mkdir()
    cache = project / ".briefkit"
    cache.mkdir(exist_ok=True)
    for name in ("build-state.lock", "index.sqlite.lock", ".gitignore", "index.sqlite"):
        (cache / name).symlink_to(elsewhere / name)
    out = project / "out"
    out.mkdir(exist_ok=True)
    (out / ".manifest.lock").symlink_to(elsewhere / "manifest.lock")
    result = run(project, "build")
    assert result.exit_code == 0, result.output
    result = run(project, "search", "Belarus")
    assert result.exit_code == 0, result.output
    assert files_under(elsewhere) == set()


# -- 8: user errors that were internal errors ----------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        "{{ 2.0 ** 10000 }}",
        "{{ 'a'|center(2**70) }}",
        "{{ '%c' % 99999999 }}",
        "{{ 10**5000 }}",
        "{{ range(10**7)|list|length }}",
    ],
)
def test_template_arithmetic_bombs_are_user_errors(project, run, only_brief, good, expression):
    write_template(project, "<html>\n<body>\n" + expression + "\n</body></html>\n")
    only_brief(project, good)
    result = run(project, "build")
    assert result.exit_code == 2, result.output
    assert first(result).startswith("templates/policymakers.html"), first(result)


def test_template_extends_twice(project, run, only_brief, good):
    write_template(project, '{% extends "base.html" %}\n{% extends "base.html" %}\n')
    only_brief(project, good)
    result = run(project, "build")
    assert result.exit_code == 2, result.output
    assert first(result).startswith("templates/policymakers.html"), first(result)


@pytest.mark.parametrize(
    "outputs",
    [
        {"out/test-brief/test-brief-policymakers.pdf": ["a", "list"]},
        {"out/test-brief/test-brief-policymakers.pdf": "a string"},
        {"out/test-brief/test-brief-policymakers.pdf": {"static": {}, "files": ["x"]}},
        {"out/test-brief/test-brief-policymakers.pdf": {"static": {}, "files": {"/dev/zero": "0"}}},
        ["not", "a", "map"],
    ],
)
def test_hostile_build_state_is_ignored(project, run, only_brief, good, outputs):
    only_brief(project, good)
    cache = project / ".briefkit"
    cache.mkdir(exist_ok=True)
    (cache / "build-state.json").write_text(json.dumps({"version": 1, "outputs": outputs}))
    result = run(project, "build")
    assert result.exit_code == 0, result.output
    assert (project / "out" / "test-brief" / "test-brief-policymakers.pdf").exists()


def test_cache_folder_is_a_file(project, run, only_brief, good):
    only_brief(project, good)
    (project / ".briefkit").write_text("not a folder")
    result = run(project, "build")
    assert result.exit_code == 2, result.output
    assert first(result).startswith(".briefkit"), first(result)


def test_index_file_is_a_folder(project, run, only_brief, good):
    only_brief(project, good)
    (project / ".briefkit" / "index.sqlite").mkdir(parents=True)
    result = run(project, "search", "Belarus")
    assert result.exit_code == 2, result.output
    assert "index.sqlite: a folder is in the place of briefkit's cache file" in first(result)


# -- 10: the report survives a state that cannot be saved ----------------------


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_read_only_cache_keeps_the_report(project, run, only_brief, good):
    only_brief(project, good)
    cache = project / ".briefkit"
    cache.mkdir(exist_ok=True)
    cache.chmod(0o555)
    try:
        result = run(project, "build")
    finally:
        cache.chmod(0o755)
    assert "Traceback" not in result.output
    assert "test-brief-policymakers.pdf" in result.output
    assert "1 PDF(s) written" in result.output


def test_state_save_failure_is_reported_after_the_outputs(project, run, only_brief, good):
    """A full disk when the state is saved: the PDFs and the summary are still reported."""
    only_brief(project, good)
    cache = project / ".briefkit"
    cache.mkdir(exist_ok=True)
    (cache / "build-state.json").mkdir()  # the rename onto it fails like a full disk would
    result = run(project, "build")
    assert "Traceback" not in result.output
    assert result.exit_code == 2
    assert (project / "out" / "test-brief" / "test-brief-policymakers.pdf").exists()
    assert "build-state.json" in result.stderr
    assert "test-brief-policymakers.pdf" in result.output
    assert "1 PDF(s) written, 1 error(s)" in result.output  # the summary line is not lost


def test_state_never_reads_a_fifo_or_device(tmp_path):
    """A build state naming /dev/zero or a FIFO must not hang the freshness check."""
    from briefkit.buildstate import file_sha

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert file_sha(fifo) is None
    assert file_sha(Path("/dev/zero")) is None
    assert time.monotonic() - started < 1.0
    (tmp_path / "plain").write_bytes(b"x")
    assert file_sha(tmp_path / "plain") == (
        "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
    )


def test_build_for_an_audience_no_brief_lists_says_so(project, run, only_brief, good):
    # issue 21: an error (exit 2, like an unknown brief id), saying which audiences the briefs list
    only_brief(project, good)  # lists policymakers only
    result = run(project, "build", "-a", "full")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        "nothing to build: no brief in briefings/ lists the audience 'full'",
        "  hint: the briefs list: policymakers; add 'full' to the audiences: of a brief to "
        "build it for them",
    ]


@pytest.mark.parametrize("command", ["build", "check"])
def test_deeply_nested_template_expression(project, run, only_brief, good, command):
    write_template(project, "<html>\n<body>\n{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}\n</body></html>\n")
    only_brief(project, good)
    result = run(project, command)
    assert result.exit_code == 2, result.output
    assert first(result).startswith("templates/policymakers.html"), first(result)


def test_check_reports_a_constant_too_large_to_compile(project, run, only_brief, good):
    write_template(project, "<html>\n<body>\n{{ 10**5000 }}\n</body></html>\n")
    only_brief(project, good)
    result = run(project, "check")
    assert result.exit_code == 2, result.output
    assert first(result).startswith("templates/policymakers.html: template cannot be compiled: ValueError")
