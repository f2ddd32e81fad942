# ruff: noqa: E501 - the expected messages are long lines, kept whole to be searchable
"""Issue 21, "Commands": what a new analyst stumbled on in the first hour.

Every test goes through the real CLI (click's runner, or `briefkit` in a
process of its own for `serve`), on a copy of the example project or a small
project written here; none mocks anything.
"""

from __future__ import annotations

import html
import os
import re
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import write_project

BRIEFKIT = str(Path(sys.executable).parent / "briefkit")

HARBOUR = """\
Harbour board agrees breakwater repairs

The harbour board, which met on a grey Tuesday morning in the old customs house by the fish market after a long winter of storms that damaged the breakwater twice and flooded the lower quay three times, agreed a plan. It will cost more than the board first said. The repairs to the breakwater will start in April and last until the end of the summer.

The ferries carry about 410,000 passengers a year between the harbour and the islands. The decision passed by nine votes to four after a debate that lasted most of the evening.

Work on the lower quay follows later.
"""

GOOD_BRIEF = """\
title: Breakwater
date: 2025-03-01
audiences: [policymakers]
key_messages: [The breakwater is repaired this summer.]
sections:
  - heading: Repairs
    excerpts:
      - source: harbour
        quote: "The repairs to the breakwater will start in April"
"""


def harbour_project(root: Path, briefs: dict[str, str] | None = None) -> Path:
    return write_project(root, {"harbour.txt": HARBOUR}, briefs or {"breakwater.yaml": GOOD_BRIEF})


def only(project: Path, name: str) -> None:
    """Keep only briefings/NAME.yaml in the example project."""
    for p in (project / "briefings").glob("*.yaml"):
        if p.stem != name:
            p.unlink()


def summary_and_problems(stderr: str) -> tuple[list[str], str]:
    lines = stderr.splitlines()
    return [ln for ln in lines[:-1] if not ln.startswith("  ")], lines[-1]


# -- 1: check reports every independent problem of a brief, each once ------------------

SCHEMA_AND_MORE = """\
title: Breakwater
bogus: 1
date: 2025-13-45
audiences: [policymakers, senators]
sections:
  - heading: Repairs
    excerpts:
      - source: harbour
        qoute: "The repairs to the breakwater"
      - source: nowhere
        quote: "anything"
      - source: harbour
        quote: "The repairs to the breakwater will start in May"
  - excerpts:
      - source: harbour
        quote: "Work on the lower quay follows later."
"""


def test_a_schema_error_hides_nothing_else_in_the_brief(tmp_path, run) -> None:
    root = harbour_project(tmp_path / "p", {"t1.yaml": SCHEMA_AND_MORE})
    result = run(root, "check")
    assert result.exit_code == 2, result.output
    problems, summary = summary_and_problems(result.stderr)
    assert problems == [
        "briefings/t1.yaml:2:1: unknown key 'bogus'",
        "briefings/t1.yaml:3:7: date: input should be a valid date or datetime, month value is outside expected range of 1-12",
        "briefings/t1.yaml:4:27: audiences[1]: unknown audience 'senators'",
        "briefings/t1.yaml:9:9: sections[0].excerpts[0]: unknown key 'qoute'",
        # the item before it was set aside: its line is still its own
        "briefings/t1.yaml:10:17: unknown source 'nowhere'",
        "briefings/t1.yaml:13:16: quote not found verbatim in source 'harbour': \"The repairs to the breakwater will start in May\"",
        "briefings/t1.yaml:14:5: sections[1]: missing required key 'heading'",
    ]
    assert summary == "7 problem(s) in 1 brief(s)"


def test_check_by_id_of_a_brief_with_schema_errors_names_no_phantom_brief(tmp_path, run) -> None:
    """Two schema errors used to add `no brief 't1' … did you mean 't1'?` and count it."""
    brief = GOOD_BRIEF.replace("title: Breakwater", "title: Breakwater\nbogus: 1").replace(
        "2025-03-01", "2025-13-45"
    )
    root = harbour_project(tmp_path / "p", {"t1.yaml": brief, "other.yaml": GOOD_BRIEF})
    for command in ("check", "build"):
        result = run(root, command, "t1")
        assert result.exit_code == 2, result.output
        assert "no brief" not in result.stderr and "did you mean 't1'" not in result.stderr
        problems, _summary = summary_and_problems(result.stderr)
        assert [p.split(": ", 1)[0] for p in problems] == [
            "briefings/t1.yaml:2:1",
            "briefings/t1.yaml:3:7",
        ]
    assert run(root, "check", "t1").stderr.splitlines()[-1] == "2 problem(s) in 1 brief(s)"


def test_a_problem_found_twice_is_reported_once(tmp_path, run) -> None:
    brief = GOOD_BRIEF.replace("audiences: [policymakers]", "audiences: [policymakers, senators]")
    brief = brief.replace("date: 2025-03-01", "date: not-a-date")
    root = harbour_project(tmp_path / "p", {"t1.yaml": brief})
    result = run(root, "check")
    assert result.exit_code == 2
    assert result.stderr.count("unknown audience 'senators'") == 1
    assert result.stderr.splitlines()[-1] == "2 problem(s) in 1 brief(s)"


# -- 2: check --strict fails where build --strict fails -------------------------------


def lower_limit(project: Path, audience: str, pages: int) -> None:
    path = project / "config" / "briefkit.yaml"
    config = yaml.safe_load(path.read_text())
    config["audiences"][audience]["max_pages"] = pages
    path.write_text(yaml.safe_dump(config, allow_unicode=True))


def test_check_strict_finds_the_page_limits_build_strict_fails_on(project, run) -> None:
    only(project, "different-baskets")
    lower_limit(project, "policymakers", 1)
    build = run(project, "build", "--strict")
    assert build.exit_code == 2, build.output
    build_problems, _ = summary_and_problems(build.stderr)
    assert build_problems == [
        "briefings/different-baskets.yaml: brief 'different-baskets' for 'policymakers' has 2 pages; the limit is 1"
    ]
    check = run(project, "check", "--strict")
    assert check.exit_code == 2, check.output
    check_problems, summary = summary_and_problems(check.stderr)
    assert check_problems == build_problems
    assert summary == "1 problem(s) in 1 brief(s)"
    # nothing of the check's renders is left behind in out/
    before = sorted(p.name for p in (project / "out" / "different-baskets").iterdir())
    run(project, "check", "--strict")
    assert sorted(p.name for p in (project / "out" / "different-baskets").iterdir()) == before
    # without --strict neither fails
    assert run(project, "check").exit_code == 0
    lower_limit(project, "policymakers", 2)
    assert run(project, "check", "--strict").exit_code == 0


# -- 3: outside a project; an audience no brief lists ---------------------------------


def test_build_outside_a_project_says_so(tmp_path, run, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for command in ("build", "check", "serve"):
        result = run(None, command)
        assert result.exit_code == 2, result.output
        assert result.stderr.splitlines() == [
            f"not in a briefkit project: no config/briefkit.yaml or briefings/ folder in {tmp_path} or any folder above it",
            "  hint: create one with `briefkit init DIR`, or name it with `briefkit --project DIR ...`",
        ]
        assert result.stdout == ""


def test_a_missing_file_outside_a_project_is_a_missing_file(tmp_path, run, monkeypatch) -> None:
    """`summarize x.txt` outside a project: the path is wrong, not the folder."""
    monkeypatch.chdir(tmp_path)
    result = run(None, "summarize", "missing.txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "no file 'missing.txt'"


def test_project_option_naming_a_folder_that_is_no_project(tmp_path, run) -> None:
    result = run(tmp_path / "nowhere", "build")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path}/nowhere is not a briefkit project (it has no config/briefkit.yaml or briefings/ folder)"
    )
    assert "`briefkit init" in result.stderr


def test_build_for_an_audience_no_brief_lists(tmp_path, run) -> None:
    root = harbour_project(tmp_path / "p")
    result = run(root, "build", "-a", "full")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        "nothing to build: no brief in briefings/ lists the audience 'full'",
        "  hint: the briefs list: policymakers; add 'full' to the audiences: of a brief to build it for them",
    ]
    assert not (root / "out").exists()


def test_build_in_a_project_without_briefs_is_not_an_error(tmp_path, run) -> None:
    root = write_project(tmp_path / "p", {"harbour.txt": HARBOUR})
    result = run(root, "build")
    assert result.exit_code == 0
    assert result.stdout == (
        "nothing to build: no briefs in briefings/ (add one with `briefkit new brief NAME`)\n"
    )


# -- 4: HTML builds say HTML; -q prints only errors ----------------------------------


def test_html_build_reports_html_files(tmp_path, run) -> None:
    root = harbour_project(tmp_path / "p")
    result = run(root, "build", "--format", "html")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert re.fullmatch(
        r"wrote out/breakwater/breakwater-policymakers\.html  \(\d+ KB\)", lines[0]
    ), lines
    assert "page" not in result.stdout
    assert lines[-1] == "built 1 HTML file(s) for 1 brief(s), 0 warning(s)"

    both = run(root, "build", "--format", "both", "--force")
    assert both.exit_code == 0, both.output
    lines = both.stdout.splitlines()
    assert re.fullmatch(r"wrote out/breakwater/breakwater-policymakers\.pdf  \(1 page, \d+ KB\)", lines[0])
    assert re.fullmatch(r"wrote out/breakwater/breakwater-policymakers\.html  \(\d+ KB\)", lines[1])
    assert lines[-1] == "built 1 PDF(s) and 1 HTML file(s) for 1 brief(s), 0 warning(s)"


def with_a_warning(root: Path) -> str:
    """A registry entry for a file that is not there: a warning in every command."""
    (root / "seeds" / "sources.yaml").write_text("sources:\n  gone:\n    file: gone.txt\n")
    return "warning: seeds/sources.yaml:3:11: source 'gone': file 'gone.txt' not found in seeds/"


@pytest.mark.parametrize("where", ["global", "command"])
def test_quiet_prints_only_errors(tmp_path, run, where) -> None:
    root = harbour_project(tmp_path / "p")
    warning = with_a_warning(root)
    loud = run(root, "check")
    assert loud.exit_code == 0 and loud.stderr.splitlines()[0] == warning

    def quiet(*args: str):
        return run(root, "-q", *args) if where == "global" else run(root, args[0], "-q", *args[1:])

    for args in (("check",), ("build",)):
        result = quiet(*args)
        assert result.exit_code == 0, result.output
        assert (result.stdout, result.stderr) == ("", ""), args
    # --strict makes the warning an error: printed, even with -q
    strict = quiet("check", "--strict")
    assert strict.exit_code == 2
    assert strict.stderr.splitlines()[0] == warning.removeprefix("warning: ")
    # and an error is always printed
    (root / "briefings" / "breakwater.yaml").write_text(GOOD_BRIEF.replace("harbour", "nowhere"))
    broken = quiet("build")
    assert broken.exit_code == 2
    assert broken.stderr.splitlines()[0] == "briefings/breakwater.yaml:8:17: unknown source 'nowhere'"


def test_quiet_is_documented_in_the_help(run) -> None:
    assert "Print only errors" in run(None, "--help").stdout
    assert "Print only errors" in run(None, "build", "--help").stdout
    assert "Print only problems" in run(None, "check", "--help").stdout


# -- 5: completion --------------------------------------------------------------------


def complete(root: Path, args: list[str], incomplete: str) -> list[str]:
    """What the shell gets from the real `briefkit` command line."""
    from click.shell_completion import BashComplete

    from briefkit.cli import cli

    comp = BashComplete(cli, {}, "briefkit", "_BRIEFKIT_COMPLETE")
    return [c.value for c in comp.get_completions(["-C", str(root), *args], incomplete)]


def test_completion_of_newsletter_sources_show_and_templates_eject(project) -> None:
    assert complete(project, ["newsletter"], "") == ["different-baskets", "sanctions-political-prisoners"]
    assert complete(project, ["newsletter"], "sa") == ["sanctions-political-prisoners"]
    assert complete(project, ["newsletter", "different-baskets", "--attach"], "") == [
        "full",
        "journalists",
        "newsletter",
        "policymakers",
    ]
    assert complete(project, ["newsletter", "different-baskets", "--audience"], "j") == ["journalists"]
    ids = complete(project, ["sources", "show"], "")
    assert "leukavets-2024" in ids and "vasilevich-2024" in ids and len(ids) == 5
    assert complete(project, ["sources", "show"], "vas") == ["vasilevich-2024"]
    names = complete(project, ["templates", "eject"], "")
    assert {"policymakers.html", "journalists.html", "newsletter.html", "full.html"} <= set(names)
    assert complete(project, ["templates", "eject"], "news") == ["newsletter.html"]


def test_completion_through_the_shell_protocol(project) -> None:
    """As bash asks: `_BRIEFKIT_COMPLETE=bash_complete` with COMP_WORDS/COMP_CWORD."""
    env = {
        **os.environ,
        "_BRIEFKIT_COMPLETE": "bash_complete",
        "COMP_WORDS": f"briefkit -C {project} sources show ",
        "COMP_CWORD": "5",
    }
    out = subprocess.run([BRIEFKIT], env=env, capture_output=True, text=True, timeout=60)
    assert "plain,vasilevich-2024" in out.stdout.splitlines(), out


# -- 6 and 9: serve ---------------------------------------------------------------------


class Served:
    """`briefkit serve --port 0 --no-open` in its own process; its output read in a thread."""

    def __init__(self, project: Path) -> None:
        self.proc = subprocess.Popen(
            [BRIEFKIT, "-C", str(project), "serve", "--port", "0", "--no-open"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        end = time.monotonic() + 60
        while not any(ln.startswith("serving http://") for ln in self.lines):
            assert time.monotonic() < end and self.proc.poll() is None, self.lines
            time.sleep(0.05)
        url = next(ln for ln in self.lines if ln.startswith("serving http://")).split()[1]
        self.url = url.rstrip("/")
        self.port = int(self.url.rsplit(":", 1)[1])

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=30) as r:
            return r.read().decode()

    def wait_ready(self, timeout: float = 120) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            page = self.get("/")
            if "Rendering the previews" not in page:
                return page
            time.sleep(0.2)
        raise AssertionError("the previews were never ready")

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self._reader.join(5)
        return "\n".join(self.lines)


@pytest.fixture
def served():
    started: list[Served] = []

    def _start(project: Path) -> Served:
        s = Served(project)
        started.append(s)
        return s

    yield _start
    for s in started:
        s.stop()


def hang_up(port: int, path: str, *, reset: bool) -> None:
    """Ask for ``path``, read a few bytes, and go away (reset: abruptly, as a killed tab)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    s.recv(16)
    if reset:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()


def test_serve_is_quiet_when_a_client_hangs_up(project, served) -> None:
    only(project, "different-baskets")
    server = served(project)
    server.wait_ready()
    for i in range(6):
        hang_up(server.port, "/brief/different-baskets/full", reset=i % 2 == 0)
    time.sleep(1.0)
    assert "different-baskets" in server.get("/")  # still answering
    output = server.stop()
    for word in ("Traceback", "BrokenPipeError", "ConnectionResetError", "Exception occurred"):
        assert word not in output, output


def test_serve_index_shows_each_audience_description(project, served) -> None:
    path = project / "config" / "briefkit.yaml"
    config = yaml.safe_load(path.read_text())
    config["audiences"]["ministers"] = {
        "template": "policymakers.html",
        "description": "One page for the minister's private office & advisers",
    }
    config["audiences"]["policymakers"]["description"] = "Two pages for officials"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    only(project, "different-baskets")
    page = served(project).wait_ready()
    assert "<h2>Audiences</h2>" in page
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    for name, about in (
        ("ministers", "One page for the minister's private office & advisers"),
        ("policymakers", "Two pages for officials"),
        ("journalists", "Quote-and-figure sheet: pull quotes, key figures, background, contact"),
    ):
        assert re.search(rf"{name}\s+{re.escape(about)}", text), (name, text)
    # and as the tooltip of each audience's link
    assert 'title="Two pages for officials">policymakers</a>' in page


# -- 7: a misquote's diff shows only what differs ------------------------------------


def test_misquote_diff_has_no_neighbouring_words(tmp_path, run) -> None:
    brief = GOOD_BRIEF.replace(
        '        quote: "The repairs to the breakwater will start in April"',
        '        quote: "The decision was passed by nine votes to four"\n'
        "      - source: harbour\n"
        '        quote: "The ferries carry 410,000 passengers a year"\n'
        "      - source: harbour\n"
        '        quote: "the repairs to the breakwater will begin in April"',
    )
    root = harbour_project(tmp_path / "p", {"breakwater.yaml": brief})
    result = run(root, "check")
    assert result.exit_code == 2
    details = [ln.strip() for ln in result.stderr.splitlines() if ln.startswith("  ") and "hint" not in ln]
    assert details == [
        'closest passage (harbour/p2, 91% similar): "The decision passed by nine votes to four"',
        "differences: The decision {+was+} passed by nine votes to four",
        'closest passage (harbour/p2, 86% similar): "The ferries carry about 410,000 passengers a year"',
        "differences: The ferries carry [-about-] 410,000 passengers a year",
        'closest passage (harbour/p1, 88% similar): "The repairs to the breakwater will start in April"',
        "differences: The repairs to the breakwater will [-start-] {+begin+} in April",
    ]


# -- 8: the new brief's sample quote is a sentence that stands alone -------------------


def test_new_brief_sample_quote_is_a_whole_sentence_that_stands_alone(tmp_path, run) -> None:
    # the alphabetically first source has no sentence fit to quote: the next one is used
    root = write_project(
        tmp_path / "p",
        {"aaa-notes.txt": "Notes\n\nNothing yet.\n\nMore soon.\n", "harbour.txt": HARBOUR},
    )
    result = run(root, "new", "brief", "repairs")
    assert result.exit_code == 0, result.output
    text = (root / "briefings" / "repairs.yaml").read_text()
    quotes = re.findall(r'^    #     quote: "(.*)"$', text, re.M)[:1]  # then the figure's
    # not the first sentence (47 words, cut at 14 before), not "It will cost …" (points back)
    assert quotes == ["The repairs to the breakwater will start in April and last until the end of the summer."]
    assert "#   - source: harbour" in text
    assert "#   - paragraph: harbour/p1" in text
    # uncommented, the quote checks
    brief = text.replace("    # excerpts:", "    excerpts:").replace(
        "    #   - source: harbour\n", "      - source: harbour\n"
    )
    brief = brief.replace(f'    #     quote: "{quotes[0]}"', f'        quote: "{quotes[0]}"')
    (root / "briefings" / "repairs.yaml").write_text(brief)
    assert yaml.safe_load(brief)["sections"][0]["excerpts"][0]["quote"] == quotes[0]
    assert run(root, "check", "repairs").exit_code == 0
