"""Incremental and parallel builds: rebuild exactly what changed, never lose an output."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def built(result) -> set[str]:
    return {line.split()[1] for line in result.stdout.splitlines() if line.startswith("wrote ")}


@pytest.fixture
def small(project: Path) -> Path:
    """The example project with two audiences per brief, built once."""
    for path in (project / "briefings").glob("*.yaml"):
        text = re.sub(
            r"(?m)^audiences: .*$", "audiences: [policymakers, newsletter]", path.read_text()
        )
        path.write_text(text)
    return project


def test_second_build_does_nothing_and_force_rebuilds(small: Path, run):
    first = run(small, "build", "-j", "2")
    assert first.exit_code == 0, first.output
    assert len(built(first)) == 4
    second = run(small, "build")
    assert second.exit_code == 0
    assert built(second) == set()
    assert second.stdout.strip() == "nothing to do: 4 output(s) up to date (use --force to rebuild)"
    forced = run(small, "build", "--force")
    assert len(built(forced)) == 4


def test_touching_a_template_rebuilds_its_audience_only(small: Path, run):
    assert run(small, "build").exit_code == 0
    (small / "templates").mkdir(exist_ok=True)
    from briefkit.render.env import BUILTIN_TEMPLATES

    text = (BUILTIN_TEMPLATES / "newsletter.html").read_text()
    (small / "templates" / "newsletter.html").write_text(
        text.replace("{% block body %}", "{% block body %}<!-- ours -->", 1)
    )
    result = run(small, "build")
    assert result.exit_code == 0, result.output
    assert built(result) == {
        "out/different-baskets/different-baskets-newsletter.pdf",
        "out/sanctions-political-prisoners/sanctions-political-prisoners-newsletter.pdf",
    }


def test_changing_one_source_rebuilds_only_the_briefs_that_use_it(small: Path, run):
    # make one brief use a source that the other does not
    db = small / "briefings" / "different-baskets.yaml"
    assert "saving-face-2022" in db.read_text()
    spp = small / "briefings" / "sanctions-political-prisoners.yaml"
    assert "saving-face-2022" not in spp.read_text()
    assert run(small, "build").exit_code == 0
    seed = small / "seeds" / "001_4a53a2e340e5da31.txt"
    seed.write_text(
        seed.read_text() + "\n\nA paragraph added later, with an update to the analysis above.\n"
    )
    result = run(small, "build")
    assert result.exit_code == 0, result.output
    assert built(result) == {
        "out/different-baskets/different-baskets-policymakers.pdf",
        "out/different-baskets/different-baskets-newsletter.pdf",
    }


def test_editing_a_brief_or_deleting_an_output_rebuilds_it(small: Path, run):
    assert run(small, "build").exit_code == 0
    spp = small / "briefings" / "sanctions-political-prisoners.yaml"
    spp.write_text(
        spp.read_text().replace(
            "title: Sanctions and political prisoners", "title: Sanctions and prisoners"
        )
    )
    (small / "out/different-baskets/different-baskets-newsletter.pdf").unlink()
    result = run(small, "build")
    assert built(result) == {
        "out/sanctions-political-prisoners/sanctions-political-prisoners-policymakers.pdf",
        "out/sanctions-political-prisoners/sanctions-political-prisoners-newsletter.pdf",
        "out/different-baskets/different-baskets-newsletter.pdf",
    }


def test_corrupt_build_state_is_not_trusted(small: Path, run):
    assert run(small, "build").exit_code == 0
    (small / ".briefkit" / "build-state.json").write_bytes(b"\x00garbage{")
    result = run(small, "build")
    assert result.exit_code == 0
    assert len(built(result)) == 4


def test_one_failing_brief_does_not_stop_the_others(small: Path, run):
    assert run(small, "build").exit_code == 0
    before = (small / "out/different-baskets/different-baskets-policymakers.pdf").read_bytes()
    db = small / "briefings" / "different-baskets.yaml"
    db.write_text(db.read_text().replace("put in the same basket", "put in one basket"))
    spp = small / "briefings" / "sanctions-political-prisoners.yaml"
    spp.write_text(
        spp.read_text().replace(
            "title: Sanctions and political prisoners", "title: Sanctions, prisoners"
        )
    )
    result = run(small, "build")
    assert result.exit_code == 2
    assert built(result) == {
        "out/sanctions-political-prisoners/sanctions-political-prisoners-policymakers.pdf",
        "out/sanctions-political-prisoners/sanctions-political-prisoners-newsletter.pdf",
    }
    assert "quote not found verbatim in source 'vasilevich-2024'" in result.stderr
    assert result.stderr.strip().endswith("2 PDF(s) written, 1 error(s)")
    # the previous good PDF of the failing brief is kept, untouched
    assert (
        small / "out/different-baskets/different-baskets-policymakers.pdf"
    ).read_bytes() == before


def test_stale_temporary_files_are_cleaned(small: Path, run):
    (small / "out" / "different-baskets").mkdir(parents=True)
    # named as briefkit names them, by a process that is gone (no pid is that high)
    junk = (
        small
        / "out"
        / "different-baskets"
        / ".different-baskets-policymakers.pdf.briefkit-999999999-abc123.tmp"
    )
    junk.write_bytes(b"half a pdf")
    assert run(small, "build").exit_code == 0
    assert not junk.exists()
    assert not [p for p in (small / "out").rglob("*.tmp")]
    assert os.listdir(small / "out" / "different-baskets")
