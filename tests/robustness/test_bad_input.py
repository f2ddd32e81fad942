# ruff: noqa: E501 - the expected messages are long lines, kept whole to be searchable
"""Bad briefs, config and templates: one clear first line (file:line:col: what), exit code 2.

Cases already covered by tests/test_config_errors.py (unknown brief key, wrong
type of key_messages, tab in a brief, duplicate brief key, empty brief, alias
bomb, unsafe brief id, paths.out leaving the project) are not repeated here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def first(result) -> str:
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    return result.stderr.splitlines()[0]


def edit_config(project: Path, old: str, new: str) -> None:
    cfg = project / "config" / "briefkit.yaml"
    text = cfg.read_text(encoding="utf-8")
    assert old in text, old
    cfg.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- YAML --------------------------------------------------------------------


def test_yaml_unclosed_quote(project, run, only_brief, good):
    only_brief(project, good.replace("title: Test brief", 'title: "Test brief'))
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result).startswith("briefings/test-brief.yaml:")
    assert "YAML syntax error: " in first(result)


def test_yaml_tab_in_config(project, run):
    edit_config(
        project,
        "    paper: A4\n    max_pages: 2\n    max_excerpts: 3",
        "\tpaper: A4\n    max_pages: 2\n    max_excerpts: 3",
    )
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result) == (
        "config/briefkit.yaml:26:1: YAML syntax error: a tab character is used for indentation"
    )


def test_yaml_duplicate_key_in_config(project, run):
    edit_config(project, "language: en\n", "language: en\nlanguage: de\n")
    result = run(project, "check")
    assert result.exit_code == 2
    assert (
        first(result)
        == "config/briefkit.yaml:20:1: duplicate key 'language' (first given on line 19)"
    )


def test_unknown_config_key_did_you_mean(project, run):
    edit_config(project, "organisation:", "organisaton:")
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result) == "config/briefkit.yaml:3:1: unknown key 'organisaton'"
    assert result.stderr.splitlines()[1].startswith("  hint: did you mean 'organisation'?")


def test_unknown_registry_key_did_you_mean(project, run):
    reg = project / "seeds" / "sources.yaml"
    reg.write_text(
        reg.read_text().replace("    authors: [Hanna Vasilevich]", "    author: [Hanna Vasilevich]")
    )
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result) == "seeds/sources.yaml:20:5: sources.vasilevich-2024: unknown key 'author'"
    assert "did you mean 'authors'?" in result.stderr


def test_wrong_type_list_for_string(project, run, only_brief, good):
    only_brief(project, good.replace("title: Test brief", "title: [a, b]"))
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result) == "briefings/test-brief.yaml:1:8: title: input should be a valid string"


def test_wrong_type_sections_is_text(project, run, only_brief, good):
    only_brief(project, good.split("sections:")[0] + "sections: just some text\n")
    result = run(project, "check")
    assert result.exit_code == 2
    assert (
        first(result) == "briefings/test-brief.yaml:5:11: sections: input should be a valid tuple"
    )


def test_top_level_list(project, run, only_brief):
    only_brief(project, "- title: a\n- title: b\n")
    result = run(project, "check")
    assert result.exit_code == 2
    assert (
        first(result)
        == "briefings/test-brief.yaml:1:1: expected a mapping of keys at the top, got list"
    )


def test_zero_byte_config(project, run):
    (project / "config" / "briefkit.yaml").write_bytes(b"")
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result) == "config/briefkit.yaml:1:1: file is empty"


def test_non_utf8_brief(project, run, only_brief, good):
    only_brief(project, good.encode().replace(b"Test brief", b"Test \xe9 brief"))
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result) == "briefings/test-brief.yaml:1:13: file is not valid UTF-8"
    assert result.stderr.splitlines()[1] == "  hint: save the file as UTF-8"


def test_non_utf8_config(project, run):
    cfg = project / "config" / "briefkit.yaml"
    cfg.write_bytes(cfg.read_bytes().replace(b"Baltic", b"B\xe4ltic"))
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result) == "config/briefkit.yaml:4:10: file is not valid UTF-8"


def test_yaml_size_cap(project, run, only_brief, good):
    only_brief(project, good + "# " + "x" * (1024 * 1024) + "\n")
    result = run(project, "check")
    assert result.exit_code == 2
    assert (
        first(result) == "briefings/test-brief.yaml: file is larger than 1024 KiB (1,048,828 bytes)"
    )


# -- briefs: ids and file names ---------------------------------------------------------


def test_brief_file_name_not_safe(project, run, only_brief, good):
    only_brief(project, good, name="Bad Name!.yaml")
    result = run(project, "check")
    assert result.exit_code == 2
    assert (
        first(result)
        == "briefings/Bad Name!.yaml:1:1: brief file name 'Bad Name!.yaml' is not a safe id"
    )
    assert "hint: rename the file" in result.stderr


def test_brief_id_with_slash(project, run, only_brief, good):
    only_brief(project, "id: a/b\n" + good)
    result = run(project, "build")
    assert result.exit_code == 2
    assert first(result).startswith(
        "briefings/test-brief.yaml:1:5: id: brief id 'a/b' is not a safe name"
    )
    assert not (project / "out" / "a").exists()


# -- references: sources, paragraphs, audiences, templates --------------------------


def test_missing_paragraph(project, run, only_brief, good):
    only_brief(
        project,
        good.replace(
            '      - source: vasilevich-2024\n        quote: "making sure that Belarus and Russia are not put in the same basket"',
            "      - paragraph: vasilevich-2024/p999",
        ),
    )
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result) == (
        "briefings/test-brief.yaml:8:20: paragraph 'vasilevich-2024/p999' does not exist: "
        "'vasilevich-2024' has 15 paragraphs"
    )


def test_paragraph_of_missing_source(project, run, only_brief, good):
    only_brief(
        project,
        good.replace(
            '      - source: vasilevich-2024\n        quote: "making sure that Belarus and Russia are not put in the same basket"',
            "      - paragraph: vasilevich-2042/p1",
        ),
    )
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result) == "briefings/test-brief.yaml:8:20: unknown source 'vasilevich-2042'"
    assert result.stderr.splitlines()[1] == "  hint: did you mean 'vasilevich-2024'?"


def test_unknown_audience_in_brief(project, run, only_brief, good):
    only_brief(project, good.replace("[policymakers]", "[policymaker]"))
    result = run(project, "build")
    assert result.exit_code == 2
    assert (
        first(result)
        == "briefings/test-brief.yaml:3:13: audiences[0]: unknown audience 'policymaker'"
    )
    assert "did you mean 'policymakers'?" in result.stderr


def test_unknown_audience_on_command_line(project, run, only_brief, good):
    only_brief(project, good)
    result = run(project, "build", "-a", "senators")
    assert result.exit_code == 2
    assert first(result) == "unknown audience 'senators'"


def test_audience_template_missing(project, run, only_brief, good):
    edit_config(
        project, "    max_excerpts: 3\n", "    max_excerpts: 3\n    template: nosuch.html\n"
    )
    only_brief(project, good)
    for command in ("check", "build"):
        result = run(project, command)
        assert result.exit_code == 2
        assert first(result) == (
            "config/briefkit.yaml:29:15: template 'nosuch.html' for audience 'policymakers' not found"
        )


def test_brief_settings_template_missing(project, run, only_brief, good):
    only_brief(project, good + "settings:\n  policymakers:\n    template: mine.html\n")
    result = run(project, "build")
    assert result.exit_code == 2
    assert first(result) == (
        "briefings/test-brief.yaml:12:15: template 'mine.html' for audience 'policymakers' not found"
    )


# -- paths that leave the project -------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        (
            "seeds",
            "../../etc",
            "config/briefkit.yaml:14:10: paths.seeds: path '../../etc' leaves the project folder",
        ),
        (
            "briefings",
            "/etc",
            "config/briefkit.yaml:15:14: paths.briefings: absolute path '/etc' is not allowed",
        ),
        (
            "templates",
            "~/templates",
            "config/briefkit.yaml:16:14: paths.templates: absolute path '~/templates' is not allowed",
        ),
        (
            "out",
            "/tmp",
            "config/briefkit.yaml:17:8: paths.out: absolute path '/tmp' is not allowed",
        ),
    ],
)
def test_config_paths_leaving_project(project, run, key, value, expected):
    edit_config(project, f"  {key}: {key}\n", f"  {key}: {value}\n")
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result) == expected


def test_config_path_symlink_out(project, run, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    os.symlink(outside, project / "linked-out")
    edit_config(project, "  out: out\n", "  out: linked-out\n")
    result = run(project, "build")
    assert result.exit_code == 2
    assert (
        first(result)
        == "config/briefkit.yaml:17:8: paths.out: path 'linked-out' leaves the project folder"
    )
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "../../etc/passwd",
            "organisation.logo: path '../../etc/passwd' leaves the project folder",
        ),
        ("/etc/passwd", "organisation.logo: absolute path '/etc/passwd' is not allowed"),
        ("assets/evil.svg", "organisation.logo: path 'assets/evil.svg' leaves the project folder"),
    ],
)
def test_logo_leaving_project(project, run, only_brief, good, value, expected):
    os.symlink("/etc/passwd", project / "assets" / "evil.svg")
    edit_config(project, "logo: assets/bdm-logo.svg", f"logo: {value}")
    only_brief(project, good)
    for command in ("check", "build"):
        result = run(project, command)
        assert result.exit_code == 2
        # reported once, when the config is loaded, not once per output
        assert result.stderr.splitlines() == [
            f"config/briefkit.yaml:8:9: {expected}",
            result.stderr.splitlines()[1],
        ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "../../../etc/passwd",
            "sources.vasilevich-2024.file: path '../../../etc/passwd' leaves the project folder",
        ),
        ("/etc/passwd", "sources.vasilevich-2024.file: absolute path '/etc/passwd' is not allowed"),
    ],
)
def test_registry_file_leaving_project(project, run, only_brief, good, value, expected):
    reg = project / "seeds" / "sources.yaml"
    reg.write_text(reg.read_text().replace("file: 002_21ec470f5940310a.txt", f"file: {value}"))
    only_brief(project, good)
    result = run(project, "check")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == f"warning: seeds/sources.yaml:18:11: {expected}"
    # the brief citing it then fails: the source was never read
    assert "briefings/test-brief.yaml:8:17: unknown source 'vasilevich-2024'" in lines


def test_seed_symlink_out_is_skipped(project, run, only_brief, good):
    os.symlink("/etc/passwd", project / "seeds" / "evil.txt")
    only_brief(project, good)
    result = run(project, "check")
    assert result.exit_code == 0
    assert (
        first(result)
        == "warning: seeds/evil.txt: source is a link to a file outside the project; skipped"
    )
    result = run(project, "sources")
    assert "root:" not in result.stdout
    result = run(project, "check", "--strict")
    assert result.exit_code == 2
    assert (
        first(result) == "seeds/evil.txt: source is a link to a file outside the project; skipped"
    )


def test_template_symlink_out(project, run, only_brief, good):
    (project / "templates").mkdir(exist_ok=True)
    os.symlink("/etc/passwd", project / "templates" / "policymakers.html")
    only_brief(project, good)
    for command in ("check", "build"):
        result = run(project, command)
        assert result.exit_code == 2
        assert first(result) == (
            "templates/policymakers.html: template 'policymakers.html' is a link to a file outside templates/"
        )
        assert "root:" not in result.output


# -- templates ----------------------------------------------------------------------


def write_template(project: Path, text: str, name: str = "policymakers.html") -> None:
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / name).write_text(text, encoding="utf-8")


def test_template_syntax_error(project, run, only_brief, good):
    write_template(project, "<html>\n<body>\n{% if brief %}\n<p>never closed\n</body></html>\n")
    only_brief(project, good)
    for command in ("check", "build"):
        result = run(project, command)
        assert result.exit_code == 2
        assert first(result).startswith(
            "templates/policymakers.html:4: template syntax error: Unexpected end of template."
        )


def test_template_bad_tag(project, run, only_brief, good):
    write_template(project, "<html>\n<body>\n{% frobnicate %}\n</body></html>\n")
    only_brief(project, good)
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result) == (
        "templates/policymakers.html:3: template syntax error: Encountered unknown tag 'frobnicate'."
    )


def test_template_undefined_variable(project, run, only_brief, good):
    write_template(
        project,
        "<html>\n<body>\n<h1>{{ brief.title }}</h1>\n<p>{{ no_such_thing }}</p>\n</body></html>\n",
    )
    only_brief(project, good)
    result = run(project, "build")
    assert result.exit_code == 2
    assert (
        first(result)
        == "templates/policymakers.html:4: undefined variable in template: 'no_such_thing' is undefined"
    )


def test_template_missing_include(project, run, only_brief, good):
    write_template(project, "<html>\n<body>\n{% include 'parts/nosuch.html' %}\n</body></html>\n")
    only_brief(project, good)
    result = run(project, "build")
    assert result.exit_code == 2
    assert first(result) == (
        "templates/policymakers.html:3: template 'parts/nosuch.html' not found (included from 'policymakers.html')"
    )


# -- more of the catalogue (docs/errors.md) -----------------------------------------------

PARA = "      - paragraph: vasilevich-2024/p3.s1-99\n"
QUOTE = '      - source: vasilevich-2024\n        quote: "making sure that Belarus and Russia are not put in the same basket"\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: !!python/object:os.system x\n",
            "briefings/test-brief.yaml:1:8: unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system'",
        ),
        (
            "base: &b {title: x}\nother:\n  <<: *b\n",
            "briefings/test-brief.yaml:3:3: YAML merge keys (<<) are not supported",
        ),
        ("a: &a [1, *a]\n", "briefings/test-brief.yaml:1:4: recursive YAML alias"),
        (
            "a: " + "[" * 5000 + "]" * 5000 + "\n",
            "briefings/test-brief.yaml: YAML is nested too deeply",
        ),
        (
            "? [a, b]\n: c\n",
            "briefings/test-brief.yaml:1:3: a key must be a plain value, not a list or mapping",
        ),
    ],
    ids=["python-tag", "merge-key", "recursive-alias", "deep-nesting", "complex-key"],
)
def test_yaml_refusals(project, run, only_brief, text, expected):
    only_brief(project, text)
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result) == expected


def test_sentences_out_of_range(project, run, only_brief, good):
    only_brief(project, good.replace(QUOTE, PARA))
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result).startswith(
        "briefings/test-brief.yaml:8:20: sentences 1-99 do not exist in 'vasilevich-2024/p3'"
    )


def test_figure_value_not_in_its_quote(project, run, only_brief, good):
    only_brief(
        project,
        good
        + (
            "    figures:\n"
            '      - value: "2,000"\n'
            "        label: detained\n"
            "        source: vasilevich-2024\n"
            '        quote: "As a result, more than 1,100 Belarusians were detained."\n'
        ),
    )
    result = run(project, "check")
    assert result.exit_code == 2
    assert (
        first(result)
        == "briefings/test-brief.yaml:11:16: figure value '2,000' does not appear in its quote"
    )


def test_two_briefs_with_one_id(project, run, only_brief, good):
    only_brief(project, "id: same\n" + good, name="a.yaml")
    (project / "briefings" / "b.yaml").write_text("id: same\n" + good)
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result) == "briefings/b.yaml:1:5: brief id 'same' is also used by briefings/a.yaml"


def test_settings_for_unknown_audience(project, run, only_brief, good):
    only_brief(project, good + "settings:\n  senators:\n    max_pages: 1\n")
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result) == "briefings/test-brief.yaml:11:3: settings: unknown audience 'senators'"


def test_auto_summary_without_sources(project, run, only_brief, good):
    only_brief(
        project,
        good.replace("  - heading: First\n", "  - heading: First\n    summary: {auto: true}\n"),
    )
    result = run(project, "check")
    assert result.exit_code == 2
    assert (
        first(result)
        == "briefings/test-brief.yaml:7:14: an automatic summary needs 'sources' or 'query'"
    )


@pytest.mark.parametrize(
    ("logo", "expected"),
    [
        (
            "assets/nosuch.svg",
            "config/briefkit.yaml:8:9: organisation.logo: file 'assets/nosuch.svg' not found",
        ),
        (
            "config/briefkit.yaml",
            "config/briefkit.yaml:8:9: organisation.logo: 'config/briefkit.yaml' is not an SVG, PNG or JPEG file",
        ),
    ],
)
def test_logo_missing_or_not_an_image(project, run, only_brief, good, logo, expected):
    edit_config(project, "logo: assets/bdm-logo.svg", f"logo: {logo}")
    only_brief(project, good)
    result = run(project, "build")
    assert result.exit_code == 2
    assert first(result) == expected


def test_source_of_control_characters(project, run, only_brief, good):
    (project / "seeds" / "noise.txt").write_bytes(bytes(range(1, 9)) * 200)
    only_brief(project, good + "      - paragraph: noise/p1\n")
    result = run(project, "check")
    assert result.exit_code == 2
    assert (
        first(result) == "seeds/noise.txt: source does not look like text (many control characters)"
    )


def test_template_unsafe_and_type_errors(project, run, only_brief, good):
    write_template(project, "<html>\n<body>\n{{ brief.__class__.__mro__ }}\n</body></html>\n")
    only_brief(project, good)
    result = run(project, "build")
    assert result.exit_code == 2
    assert first(result).startswith("templates/policymakers.html:3: ")
    write_template(project, "<html>\n<body>\n{{ 1 + 'a' }}\n</body></html>\n")
    result = run(project, "build")
    assert result.exit_code == 2
    assert first(result) == (
        "templates/policymakers.html:3: template error: TypeError: unsupported operand type(s) for +: 'int' and 'str'"
    )


def test_page_limit_is_a_warning_then_an_error_with_strict(project, run, only_brief, good):
    edit_config(project, "  full:\n    paper: A4", "  full:\n    paper: A4\n    max_pages: 1")
    only_brief(
        project,
        good.replace("[policymakers]", "[full]")
        + "".join(
            f"  - heading: Part {i}\n    text: {'Words that fill the page. ' * 60}\n"
            for i in range(6)
        ),
    )
    result = run(project, "build")
    assert result.exit_code == 0, result.output
    assert first(result).startswith(
        "warning: briefings/test-brief.yaml: brief 'test-brief' for 'full' has "
    )
    result = run(project, "build", "--strict", "--force")
    assert result.exit_code == 2
    assert first(result).startswith("briefings/test-brief.yaml: brief 'test-brief' for 'full' has ")


def test_control_character_in_yaml(project, run, only_brief, good):
    # found by test_properties: PyYAML's reader refused it before parsing, as an internal error
    only_brief(project, good.replace("title: Test brief", "title: Test\x1f brief"))
    result = run(project, "check")
    assert result.exit_code == 2
    assert first(result) == (
        "briefings/test-brief.yaml:1:12: YAML syntax error: control character U+001F is not allowed"
    )
