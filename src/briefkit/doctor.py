"""`briefkit doctor`: is everything briefkit needs on this machine, and if not, how to get it.

Each check returns a :class:`Check`; the CLI prints them. Like ``flutter
doctor``, it never stops at the first problem and always says the command
that fixes one.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from . import deps

MIN_PYTHON = (3, 11)

OK, WARN, MISSING, SKIPPED = "ok", "warning", "missing", "skipped"


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # ok | warning | missing | skipped
    detail: str
    fix: str | None = None
    required: bool = True

    @property
    def failed(self) -> bool:
        return self.status == MISSING and self.required

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def run_checks(project_root: Path | None = None) -> list[Check]:
    """Every check, in the order a person would fix them."""
    checks = [check_python(), *check_packages(), check_html_extractor()]
    libraries = [check_library(lib) for lib in deps.LIBRARIES]
    checks += libraries
    checks.append(check_sqlite())
    checks.append(check_fonts())
    if any(c.failed for c in libraries):
        checks.append(
            Check("WeasyPrint", SKIPPED, "not tried: a system library it needs is missing")
        )
    else:
        checks.append(check_weasyprint())
    if project_root is not None:
        checks += check_project(project_root)
    checks.append(check_chromium())
    return checks


def check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    need = ".".join(map(str, MIN_PYTHON))
    if sys.version_info[:2] < MIN_PYTHON:
        return Check(
            "Python",
            MISSING,
            f"{version}; briefkit needs {need} or newer",
            f"install Python {need} or newer and create the virtual environment with it",
        )
    in_venv = sys.prefix != getattr(sys, "base_prefix", sys.prefix)
    where = "in a virtual environment" if in_venv else "not in a virtual environment"
    return Check("Python", OK, f"{version} ({where})")


def check_packages() -> list[Check]:
    """Every package briefkit's metadata asks for, installed at a version it accepts."""
    from importlib.metadata import PackageNotFoundError, requires, version

    from packaging.requirements import Requirement

    try:
        declared = [Requirement(r) for r in requires("briefkit") or []]
    except PackageNotFoundError:
        return [
            Check(
                "Python packages",
                MISSING,
                "briefkit is imported from a folder but not installed",
                "python -m pip install -e .",
            )
        ]
    problems: list[Check] = []
    checked = 0
    for req in declared:
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue  # an extra: [test], [bench]
        checked += 1
        try:
            have = version(req.name)
        except PackageNotFoundError:
            problems.append(
                Check(req.name, MISSING, "not installed", f"python -m pip install '{req}'")
            )
            continue
        if req.specifier and not req.specifier.contains(have, prereleases=True):
            problems.append(
                Check(
                    req.name,
                    MISSING,
                    f"{have} is installed; briefkit needs {req.specifier}",
                    f"python -m pip install --upgrade '{req}'",
                )
            )
    if problems:
        return problems
    return [Check("Python packages", OK, f"all {checked} at the versions briefkit asks for")]


def check_html_extractor() -> Check:
    from importlib.metadata import version

    try:
        deps.import_html_extractor()
    except deps.DependencyError as exc:
        return Check("HTML extractor", MISSING, exc.message, exc.hint)
    return Check("HTML extractor", OK, f"trafilatura {version('trafilatura')}")


def check_library(lib: deps.SystemLibrary) -> Check:
    fix = deps.install_command(lib)
    handle = deps.load_library(lib)
    if handle is None:
        return Check(
            lib.name,
            MISSING if lib.required else WARN,
            f"not found; it {lib.why}",
            fix,
            required=lib.required,
        )
    if lib is deps.HARFBUZZ_SUBSET:
        if deps.subsetting_with_harfbuzz():
            return Check(lib.name, OK, "fonts are subset with HarfBuzz", required=False)
        harfbuzz = deps.load_library(deps.HARFBUZZ)
        have = deps.library_version(deps.HARFBUZZ, harfbuzz) if harfbuzz else None
        return Check(
            lib.name,
            WARN,
            f"HarfBuzz {have or '?'} is older than 4.1, so WeasyPrint subsets fonts with "
            "fontTools and builds take 2-3 times as long",
            fix,
            required=False,
        )
    have = deps.library_version(lib, handle)
    if lib.minimum and have and deps.version_tuple(have) < lib.minimum:
        need = ".".join(map(str, lib.minimum))
        return Check(
            lib.name, MISSING, f"{have} is installed; WeasyPrint needs {need} or newer", fix
        )
    return Check(lib.name, OK, have or "found")


def check_sqlite() -> Check:
    import sqlite3

    from .errors import BriefkitError
    from .index import _check_fts5

    try:
        _check_fts5()
    except BriefkitError as exc:
        return Check("SQLite FTS5", MISSING, exc.message, exc.hint)
    return Check("SQLite FTS5", OK, f"SQLite {sqlite3.sqlite_version} with full-text search")


def font_files() -> list[Path]:
    return sorted((Path(__file__).parent / "render" / "fonts").glob("*.ttf"))


def check_fonts() -> Check:
    files = font_files()
    bad = []
    for path in files:
        try:
            head = path.read_bytes()[:4]
        except OSError:
            head = b""
        if head not in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
            bad.append(path.name)
    if not files or bad:
        what = ", ".join(bad) if bad else "no font files"
        return Check(
            "Shipped fonts",
            MISSING,
            f"unreadable or missing: {what}",
            "reinstall briefkit: python -m pip install --force-reinstall -e .",
        )
    return Check("Shipped fonts", OK, f"{len(files)} IBM Plex font files")


def check_weasyprint() -> Check:
    """Render a one-page PDF with the shipped fonts: the real thing, end to end."""
    from importlib.metadata import version

    from .errors import BriefkitError

    start = time.perf_counter()  # importing WeasyPrint is part of what a build pays
    try:
        from .render.fetcher import SafeURLFetcher
        from .render.pdf import render_pdf

        fonts = Path(__file__).parent / "render" / "fonts"
        html = (
            "<html><head><style>@font-face{font-family:Plex;src:url(IBMPlexSerif-Regular.ttf)}"
            "body{font-family:Plex}</style></head><body><p>briefkit doctor: Łódź, Мінск, "
            "“quotes” — 1,100</p></body></html>"
        )
        pdf = render_pdf(
            html,
            base_url=fonts.as_uri() + "/",
            fetcher=SafeURLFetcher([fonts], context="doctor"),
            identifier="doctor",
        )
    except BriefkitError as exc:
        return Check("WeasyPrint", MISSING, exc.message, exc.hint)
    seconds = time.perf_counter() - start
    if pdf.pages != 1 or not pdf.data.startswith(b"%PDF"):
        return Check("WeasyPrint", MISSING, "rendered a test page, but the PDF is wrong")
    return Check(
        "WeasyPrint",
        OK,
        f"{version('weasyprint')} renders a test page with the shipped fonts ({seconds:.2f} s)",
    )


def _writable(folder: Path) -> str | None:
    """Why ``folder`` (or, not there yet, the folder that will hold it) cannot be written."""
    target = folder
    while not target.exists():
        if target.parent == target:
            return "no existing parent folder"
        target = target.parent
    if not target.is_dir():
        return f"{target} is not a folder"
    try:
        with tempfile.NamedTemporaryFile(dir=target, prefix=".briefkit-doctor-"):
            pass
    except OSError as exc:
        return f"cannot write in {target}: {exc.strerror or exc}"
    return None


def check_project(root: Path) -> list[Check]:
    from .errors import BriefkitError
    from .project import Project

    try:
        project = Project.load(root)
    except BriefkitError as exc:
        return [Check("Project", MISSING, exc.one_line(), exc.hint)]
    checks = []
    for name, folder in (("out/", project.out_dir), (".briefkit/", project.cache_dir)):
        problem = _writable(folder)
        shown = project.display(folder) + "/"
        if problem:
            checks.append(
                Check(
                    f"{name} writable",
                    MISSING,
                    problem,
                    f"make {shown} writable by this user (or build with --out DIR)",
                )
            )
        else:
            checks.append(Check(f"{name} writable", OK, f"{shown} in {project.root}"))
    return checks


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def check_chromium() -> Check:
    found = find_chromium()
    if found:
        return Check("Chromium", OK, f"{found} (for briefkit's own browser test)", required=False)
    fix = {
        "debian": "apt-get install chromium",
        "fedora": "dnf install chromium",
        "alpine": "apk add chromium",
        "arch": "pacman -S chromium",
        "macos": "brew install --cask chromium",
    }.get(deps.platform_family(), "install Chromium")
    return Check(
        "Chromium",
        WARN,
        "not found; only briefkit's own browser test needs it (skipped without it)",
        fix,
        required=False,
    )
