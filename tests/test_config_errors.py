"""Bad briefs and config: one clear line each (file:line:col), a hint, exit code 2."""

from __future__ import annotations

from pathlib import Path

GOOD = """\
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


def write(project: Path, text: str, name: str = "test-brief.yaml") -> Path:
    # keep only the brief under test, so messages are about it alone
    for p in (project / "briefings").glob("*.yaml"):
        p.unlink()
    path = project / "briefings" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_brief_checks_clean(project, run):
    write(project, GOOD)
    result = run(project, "check")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "1 brief(s) OK"


def test_unknown_key_with_did_you_mean(project, run):
    write(project, GOOD.replace("key_messages:", "key_mesages:"))
    result = run(project, "check")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "briefings/test-brief.yaml:4:1: unknown key 'key_mesages'"
    assert lines[1].startswith("  hint: did you mean 'key_messages'?")
    assert lines[-1] == "1 problem(s) in 1 brief(s)"


def test_unknown_key_inside_an_excerpt(project, run):
    write(project, GOOD.replace('        quote: "making', '        qoute: "making'))
    result = run(project, "build")
    assert result.exit_code == 2
    assert (
        "briefings/test-brief.yaml:9:9: sections[0].excerpts[0]: unknown key 'qoute'"
        in result.stderr
    )
    assert "did you mean 'quote'?" in result.stderr
    assert not (project / "out" / "test-brief").exists()


def test_wrong_type(project, run):
    write(project, GOOD.replace("key_messages: [One message.]", "key_messages: 42"))
    result = run(project, "check")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "briefings/test-brief.yaml:4:15: key_messages: input should be a valid tuple"
    )


def test_bad_date(project, run):
    write(project, GOOD.replace("2024-05-01", "2024-13-01"))
    result = run(project, "check")
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith("briefings/test-brief.yaml:2:7: date: input should be a valid date")
    assert "hint: write dates as YYYY-MM-DD" in result.stderr


def test_missing_required_key(project, run):
    write(project, GOOD.replace("title: Test brief\n", ""))
    result = run(project, "check")
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[0]
        == "briefings/test-brief.yaml:1:1: missing required key 'title'"
    )


def test_missing_source_id_with_suggestion(project, run):
    write(project, GOOD.replace("source: vasilevich-2024", "source: vasilevich-2023"))
    result = run(project, "build")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "briefings/test-brief.yaml:8:17: unknown source 'vasilevich-2023'"
    assert lines[1] == "  hint: did you mean 'vasilevich-2024'?"


def test_all_problems_reported_in_one_run(project, run):
    bad = GOOD.replace("key_messages:", "key_mesages:").replace(
        "source: vasilevich-2024", "source: nope"
    )
    bad = bad.replace("audiences: [policymakers]", "audiences: [policymakers, senators]")
    write(project, bad)
    result = run(project, "check")
    assert result.exit_code == 2
    # schema errors stop before sources are looked at; both schema problems are listed
    assert "unknown key 'key_mesages'" in result.stderr
    write(
        project,
        GOOD.replace("source: vasilevich-2024", "source: nope").replace(
            "audiences: [policymakers]", "audiences: [policymakers, senators]"
        ),
    )
    result = run(project, "check")
    assert result.exit_code == 2
    assert (
        "briefings/test-brief.yaml:3:27: audiences[1]: unknown audience 'senators'" in result.stderr
    )
    assert "briefings/test-brief.yaml:8:17: unknown source 'nope'" in result.stderr
    assert result.stderr.strip().endswith("2 problem(s) in 1 brief(s)")


def test_yaml_syntax_error(project, run):
    write(project, GOOD.replace("title: Test brief", "title: Test: brief: broken"))
    result = run(project, "check")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "briefings/test-brief.yaml:1:12: YAML syntax error: mapping values are not allowed here"
    )


def test_tabs(project, run):
    write(project, GOOD.replace("  - heading: First", "\t- heading: First"))
    result = run(project, "check")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "briefings/test-brief.yaml:6:1: YAML syntax error: a tab character is used for indentation"
    )
    assert "indent with spaces only" in result.stderr


def test_duplicate_keys_are_reported(project, run):
    write(project, GOOD + "title: Another title\n")
    result = run(project, "check")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "briefings/test-brief.yaml:10:1: duplicate key 'title' (first given on line 1)"
    )


def test_empty_file(project, run):
    write(project, "# nothing yet\n")
    result = run(project, "check")
    assert result.exit_code == 2
    assert result.stderr.startswith("briefings/test-brief.yaml:1:1: file is empty")


def test_alias_bomb_is_refused(project, run):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    prev = "a"
    for name in "bcdefghi":
        bomb += f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        prev = name
    write(project, bomb)
    result = run(project, "check")
    assert result.exit_code == 2
    assert "YAML expands to more than 100,000 values (an alias bomb?)" in result.stderr


def test_unsafe_brief_id(project, run):
    write(project, "id: ../../etc/passwd\n" + GOOD)
    result = run(project, "check")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "briefings/test-brief.yaml:1:5: id: brief id '../../etc/passwd' is not a safe name"
    )


def test_config_error_points_into_config(project, run):
    cfg = project / "config" / "briefkit.yaml"
    cfg.write_text(
        cfg.read_text().replace(
            "paper: A4\n    max_pages: 2\n    max_excerpts: 3",
            "paper: A5\n    max_pages: 2\n    max_excerpts: 3",
        )
    )
    result = run(project, "check")
    assert result.exit_code == 2
    assert result.stderr.startswith("config/briefkit.yaml:")
    assert "audiences.policymakers.paper: input should be 'A4' or 'Letter'" in result.stderr


def test_config_path_outside_project_is_refused(project, run):
    cfg = project / "config" / "briefkit.yaml"
    cfg.write_text(cfg.read_text().replace("out: out", "out: ../../tmp/x"))
    result = run(project, "build")
    assert result.exit_code == 2
    assert "paths.out: path '../../tmp/x' leaves the project folder" in result.stderr


def test_no_traceback(project, run):
    write(project, GOOD.replace("key_messages:", "key_mesages:"))
    result = run(project, "build")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
