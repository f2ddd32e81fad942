# ruff: noqa: E501  (test data: long sentences written and read back verbatim)
"""`briefkit templates list|eject` and the override order."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from briefkit.render.env import BUILTIN_TEMPLATES

from .conftest import make_project, run


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("tpl") / "proj")


def test_list_shows_builtin_templates(project):
    result = run(project, "templates", "list")
    assert result.exit_code == 0, result.output
    lines = dict(line.split(None, 1) for line in result.output.splitlines())
    assert lines["policymakers.html"] == "built-in"
    assert lines["briefkit.css"] == "built-in"


def test_eject_then_list_then_refuse_then_force(project):
    result = run(project, "templates", "eject", "briefkit.css")
    assert result.exit_code == 0, result.output
    copied = project / "templates" / "briefkit.css"
    assert copied.read_bytes() == (BUILTIN_TEMPLATES / "briefkit.css").read_bytes()
    listed = run(project, "templates", "list").output
    assert "briefkit.css       project (templates/briefkit.css)" in listed
    assert "policymakers.html  built-in" in listed

    copied.write_text("/* mine */")
    again = run(project, "templates", "eject", "briefkit.css")
    assert again.exit_code == 2
    assert (
        again.output.splitlines()[0]
        == "templates/briefkit.css: templates/briefkit.css already exists"
    )
    assert copied.read_text() == "/* mine */"

    forced = run(project, "templates", "eject", "briefkit.css", "--force")
    assert forced.exit_code == 0
    assert copied.read_bytes() == (BUILTIN_TEMPLATES / "briefkit.css").read_bytes()
    copied.unlink()


def test_eject_unknown_name(project):
    result = run(project, "templates", "eject", "policymaker.html")
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == "no built-in template 'policymaker.html'"
    assert "did you mean 'policymakers.html'?" in result.output


def test_a_project_file_overrides_that_file_only(tmp_path):
    root = make_project(tmp_path / "proj")
    (root / "templates").mkdir()
    css = (BUILTIN_TEMPLATES / "briefkit.css").read_text()
    (root / "templates" / "briefkit.css").write_text(css + "\n/* project-override-marker */\n")
    (root / "templates" / "newsletter.html").write_text(
        '{% extends "base.html" %}{% block body %}<h1>{{ brief.title }}</h1><p>Project newsletter</p>{% endblock %}'
    )
    result = run(
        root,
        "build",
        "different-baskets",
        "-a",
        "newsletter",
        "-a",
        "policymakers",
        "--format",
        "both",
    )
    assert result.exit_code == 0, result.output
    out = root / "out" / "different-baskets"
    news = (out / "different-baskets-newsletter.html").read_text()
    pol = (out / "different-baskets-policymakers.html").read_text()
    # the project's CSS is used by both; the project's newsletter only by the newsletter
    assert "project-override-marker" in news and "project-override-marker" in pol
    assert "Project newsletter" in news and "Project newsletter" not in pol
    # the rest still comes from the package: base.html's metadata, macros, fonts.css
    assert "The evidence" in pol and "Key messages" in pol
    text = pypdf.PdfReader(out / "different-baskets-newsletter.pdf").pages[0].extract_text()
    assert "Project newsletter" in text
