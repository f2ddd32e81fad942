"""What briefkit needs is declared, and a missing piece is one clear line, never a traceback.

The declaration tests read the installed distribution's metadata (what pip
saw), not pyproject.toml, and every import in the code (found with ``ast``,
including imports inside functions).
"""

from __future__ import annotations

import ast
import ctypes
import json
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import pytest

from conftest import ROOT, write_project

BRIEFKIT = str(Path(sys.executable).parent / "briefkit")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(*extras: str) -> set[str]:
    """Distributions briefkit's installed metadata asks for (runtime, plus ``extras``)."""
    from packaging.requirements import Requirement

    names = set()
    for text in requires("briefkit") or []:
        req = Requirement(text)
        if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in extras):
            names.add(_canonical(req.name))
    return names


def _imported(folder: Path) -> dict[str, str]:
    """Top-level modules imported anywhere under ``folder`` -> one file that imports it."""
    # the project's own modules: under the folder, and bench/ scripts the tests load
    local = {p.stem for p in [*folder.rglob("*.py"), *(ROOT / "bench").rglob("*.py")]}
    local |= {p.name for p in folder.iterdir() if p.is_dir()}
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in local or top == "briefkit":
                    continue
                found.setdefault(top, path.name)
    return found


def _undeclared(folder: Path, declared: set[str]) -> list[str]:
    dists = packages_distributions()
    problems = []
    for module, where in sorted(_imported(folder).items()):
        provided_by = {_canonical(d) for d in dists.get(module, [])}
        if not provided_by:
            problems.append(f"{where}: imports {module}, which no installed distribution provides")
        elif not provided_by & declared:
            problems.append(f"{where}: imports {module} (from {sorted(provided_by)}), not declared")
    return problems


def test_every_import_of_briefkit_is_a_declared_dependency() -> None:
    assert _undeclared(ROOT / "src" / "briefkit", _declared()) == []


def test_every_import_of_the_tests_is_declared_in_the_test_extra() -> None:
    assert _undeclared(ROOT / "tests", _declared("test")) == []


def test_the_check_finds_an_undeclared_import(tmp_path: Path) -> None:
    """The test above can fail: an import of rich with only click declared is caught."""
    (tmp_path / "mod.py").write_text("def f():\n    import rich.console\n    import json\n")
    problems = _undeclared(tmp_path, {"click"})
    assert len(problems) == 1 and "imports rich" in problems[0]


def test_the_piece_jusText_needs_but_lxml_no_longer_brings_is_declared() -> None:
    # lxml >= 5.2 moved lxml.html.clean out; trafilatura -> jusText imports it
    assert "lxml-html-clean" in _declared()
    import lxml.html.clean  # noqa: F401 - it imports in this environment


# -- a missing Python package ---------------------------------------------------

HTML = """<html><head><title>Grain corridor</title></head><body><article>
<h1>Grain corridor</h1><p>Exports of grain through the Black Sea ports rose in March,
the port authority said on Thursday, after months of disruption.</p></article></body></html>"""


def _without_module(module: str, project: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the CLI in a child process where ``import module`` fails as if not installed."""
    code = (
        f"import sys; sys.modules[{module!r}] = None; "
        "from briefkit.cli import main; sys.argv[0] = 'briefkit'; main()"
    )
    return subprocess.run(
        [sys.executable, "-c", code, "-C", str(project), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_html_source_without_lxml_html_clean_names_what_to_install(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"corridor.html": HTML})
    result = _without_module("lxml_html_clean", project, "sources", "show", "corridor")
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "seeds/corridor.html: reading HTML sources needs the Python package "
        "lxml_html_clean, which is not installed"
    )
    assert "python -m pip install 'lxml_html_clean>=" in lines[1]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_html_source_reads_in_this_environment(tmp_path: Path, run) -> None:
    project = write_project(tmp_path / "p", {"corridor.html": HTML})
    result = run(project, "sources", "show", "corridor")
    assert result.exit_code == 0, result.output
    assert "Exports of grain through the Black Sea ports rose in March" in result.stdout


# -- a missing system library -----------------------------------------------------


def _library_path(soname: str) -> Path | None:
    """Where the dynamic loader finds ``soname`` on this machine."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return None
    for line in Path("/proc/self/maps").read_text().splitlines():
        if line.rstrip().endswith(soname) or f"/{soname}." in line:
            return Path(line.split()[-1])
    return None


def _can_hide_libraries() -> bool:
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount --bind /dev/null /dev/null"],
        capture_output=True,
        timeout=30,
    )
    return probe.returncode == 0


hiding = pytest.mark.skipif(
    not _can_hide_libraries(), reason="hides libraries with unshare + bind mounts: Linux, as root"
)


def _hidden(libraries: list[Path], *argv: str) -> subprocess.CompletedProcess:
    """Run ``argv`` in a mount namespace where each of ``libraries`` is an empty file."""
    mounts = " && ".join(f"mount --bind /dev/null '{lib}'" for lib in libraries)
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", f'{mounts} && exec "$@"', "sh", *argv],
        capture_output=True,
        text=True,
        timeout=300,
    )


@hiding
def test_build_without_pango_says_what_to_install_and_keeps_old_pdfs(project: Path) -> None:
    pango = _library_path("libpango-1.0.so.0")
    assert pango is not None
    first = subprocess.run(
        [BRIEFKIT, "-C", str(project), "build", "-a", "newsletter"], capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    pdfs = {p: p.read_bytes() for p in (project / "out").rglob("*.pdf")}
    assert len(pdfs) == 2

    result = _hidden([pango], BRIEFKIT, "-C", str(project), "build", "--force")
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if not line.startswith(("warning", " "))]
    assert errors[0] == (
        "cannot render PDFs: the system library Pango is missing "
        "(WeasyPrint could not load libpango-1.0-0)"
    )
    assert "install it: " in result.stderr and "libpango" in result.stderr
    assert errors.count(errors[0]) == 1  # once, not once per output
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "WeasyPrint could not import some external libraries" not in result.stdout
    assert {p: p.read_bytes() for p in (project / "out").rglob("*.pdf")} == pdfs

    doctor = _hidden([pango], BRIEFKIT, "-C", str(project), "doctor")
    assert doctor.returncode == 1
    assert re.search(r"^✗ Pango +not found", doctor.stdout, re.M), doctor.stdout
    assert "fix: " in doctor.stdout
    assert "1 required piece(s) missing: Pango." in doctor.stderr


@hiding
def test_without_harfbuzz_subset_a_build_warns_once_and_doctor_does_not_fail(
    project: Path,
) -> None:
    subset = _library_path("libharfbuzz-subset.so.0")
    if subset is None:
        pytest.skip("HarfBuzz-subset is not installed here (apt-get install libharfbuzz-subset0)")
    result = _hidden([subset], BRIEFKIT, "-C", str(project), "build", "-a", "newsletter")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "HarfBuzz-subset" in line]
    assert len(warnings) == 1 and "2-3 times as long" in warnings[0]
    assert len(list((project / "out").rglob("*.pdf"))) == 2

    doctor = _hidden([subset], BRIEFKIT, "-C", str(project), "doctor", "--json")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    checks = {c["name"]: c for c in json.loads(doctor.stdout)["checks"]}
    assert checks["HarfBuzz-subset"]["status"] == "warning"
    assert checks["WeasyPrint"]["status"] == "ok"


def test_build_with_harfbuzz_subset_does_not_warn(project: Path) -> None:
    if _library_path("libharfbuzz-subset.so.0") is None:
        pytest.skip("HarfBuzz-subset is not installed here")
    result = subprocess.run(
        [BRIEFKIT, "-C", str(project), "build", "-a", "newsletter"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "HarfBuzz" not in result.stderr, result.stderr


# -- briefkit doctor ------------------------------------------------------------------


def test_doctor_in_a_project_checks_everything(project: Path, run) -> None:
    result = run(project, "doctor", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    checks = {c["name"]: c for c in report["checks"]}
    assert report["ok"] is True
    for name in (
        "Python",
        "Python packages",
        "HTML extractor",
        "Pango",
        "HarfBuzz",
        "HarfBuzz-subset",
        "fontconfig",
        "SQLite FTS5",
        "Shipped fonts",
        "WeasyPrint",
        "out/ writable",
        ".briefkit/ writable",
        "Chromium",
    ):
        assert name in checks
    for name in ("Python", "Python packages", "Pango", "WeasyPrint", "out/ writable"):
        assert checks[name]["status"] == "ok", checks[name]
    assert "renders a test page" in checks["WeasyPrint"]["detail"]
    assert not (project / "out").exists()  # doctor writes nothing behind


def test_doctor_says_when_out_cannot_be_written(project: Path, run) -> None:
    # a file where the folder should be: refused even for root, who may write anywhere
    (project / "out").write_text("not a folder")
    result = run(project, "doctor")
    assert result.exit_code == 1
    assert re.search(r"^✗ out/ writable +.*/out is not a folder$", result.stdout, re.M), (
        result.stdout
    )
    assert "fix: make out/ writable" in result.stdout
    assert result.stderr.startswith("1 required piece(s) missing: out/ writable.")


def test_doctor_reports_a_broken_project_config(project: Path, run) -> None:
    (project / "config" / "briefkit.yaml").write_text("audiences: [\n")
    result = run(project, "doctor")
    assert result.exit_code == 1
    assert re.search(r"^✗ Project +config/briefkit.yaml:\d+", result.stdout, re.M), result.stdout


def test_doctor_outside_a_project(tmp_path: Path, run) -> None:
    result = run(tmp_path, "doctor")
    assert result.exit_code == 0, result.output
    assert "(not in a briefkit project: folders not checked)" in result.stdout
    assert result.stdout.rstrip().endswith("briefkit has everything it needs.")
