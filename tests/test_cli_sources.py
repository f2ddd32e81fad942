"""`briefkit sources`: the table, one article, and cleaning arbitrary files."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write_project


def test_sources_table_lists_every_seed(project: Path, run):
    result = run(project, "sources")
    assert result.exit_code == 0, result.output
    for sid in (
        "leukavets-2024",
        "saving-face-2022",
        "vasilevich-2024",
        "temnycky-2023",
        "stepanenko-2023",
    ):
        assert sid in result.stdout
    assert "Hanna Vasilevich" in result.stdout


def test_sources_json_says_which_metadata_was_given(project: Path, run):
    result = run(project, "sources", "--json")
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["vasilevich-2024"]["metadata"]["date"] == "given"
    assert rows["vasilevich-2024"]["date"] == "2024-04-08"
    assert rows["vasilevich-2024"]["metadata"]["language"] == "found"
    assert rows["vasilevich-2024"]["language"] == "en"
    assert all(r["paragraphs"] > 3 for r in rows.values())


def test_show_lists_paragraph_ids_and_dropped_lines(project: Path, run):
    result = run(project, "sources", "show", "vasilevich-2024")
    assert result.exit_code == 0
    assert "[vasilevich-2024/p1]" in result.stdout
    assert "authors:     Hanna Vasilevich (given)" in result.stdout
    dropped = run(project, "sources", "show", "vasilevich-2024", "--dropped")
    assert "Cookies settings" in dropped.stdout
    assert "[vasilevich-2024/p1]" not in dropped.stdout


def test_show_unknown_source(project: Path, run):
    result = run(project, "sources", "show", "vasilevich-2042")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "unknown source 'vasilevich-2042'\n  hint: did you mean 'vasilevich-2024'?\n"
    )


def test_clean_json_interface(tmp_path: Path, run):
    page = tmp_path / "post.txt"
    page.write_text(
        "How we fixed our boiler\n\nBy Jane Example\n\n"
        "Our old boiler had been making noises all winter, so we finally called a plumber to look at it.\n\n"
        "He found that the pressure valve was stuck, which explained the banging we had heard at night.\n",
        encoding="utf-8",
    )
    result = run(None, "sources", "clean", str(page), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 1
    item = data[0]
    assert set(item) == {
        "path",
        "title",
        "authors",
        "date",
        "publication",
        "language",
        "paragraphs",
        "dropped",
    }
    assert item["path"] == str(page)
    assert item["paragraphs"][0]["id"] == "post/p1"
    assert all(set(p) == {"id", "text"} for p in item["paragraphs"])
    assert all(set(d) == {"text", "reason"} for d in item["dropped"])
    assert any("pressure valve was stuck" in p["text"] for p in item["paragraphs"])


def test_clean_skips_binary_and_empty_files_with_a_warning(tmp_path: Path, run):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    result = run(None, "sources", "clean", str(binary), str(empty), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert f"warning: {binary}: source is a binary file, not text" in result.stderr
    assert f"warning: {empty}: source is empty" in result.stderr
    strict = run(None, "sources", "clean", str(binary), "--strict")
    assert strict.exit_code == 2
    assert strict.stderr.startswith(f"{binary}: source is a binary file, not text")


def test_encodings_and_line_endings(tmp_path: Path, run):
    text = "Заголовок статьи\n\nЭто первый абзац статьи, в котором говорится о выборах и о том, как они прошли.\n"
    write_project(tmp_path / "p", {})
    seeds = tmp_path / "p" / "seeds"
    (seeds / "cp1251.txt").write_bytes(text.replace("\n", "\r\n").encode("cp1251"))
    (seeds / "utf16.txt").write_bytes(text.encode("utf-16"))
    (seeds / "latin1.txt").write_bytes(
        "Café société\n\nLe café était fermé ce matin-là, à cause de la grève générale.".encode(
            "latin-1"
        )
    )
    result = run(tmp_path / "p", "sources", "--json")
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert set(rows) == {"cp1251", "utf16", "latin1"}
    for sid in ("cp1251", "utf16"):
        shown = run(tmp_path / "p", "sources", "show", sid).stdout
        assert "Это первый абзац статьи" in shown
        assert "\r" not in shown
    assert "Le café était fermé" in run(tmp_path / "p", "sources", "show", "latin1").stdout
