"""What briefkit needs from the machine, and one clear line when a piece is missing.

Two kinds of pieces:

- **Python packages**, declared in ``pyproject.toml`` and installed by pip.
  A package that a dependency needs but fails to bring (lxml 6 no longer
  provides the ``html_clean`` extra that jusText asks for) is declared here too.
- **System libraries** that WeasyPrint loads with ``dlopen``: Pango, HarfBuzz
  and fontconfig when it is imported, HarfBuzz-subset when it writes fonts.

Code that needs one of them imports it through this module, so a missing piece
is a :class:`~briefkit.errors.DependencyError` that names the command to
install it, never "internal error". ``briefkit doctor`` checks all of them.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import io
import logging
import re
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DependencyError

log = logging.getLogger(__name__)

DOCTOR = "`briefkit doctor` checks every piece briefkit needs"


# -- system libraries ------------------------------------------------------


@dataclass(frozen=True)
class SystemLibrary:
    name: str
    # file names to load, in the order WeasyPrint tries them (text/ffi.py)
    sonames: tuple[str, ...]
    # package names by platform family (see platform_family)
    packages: dict[str, str]
    required: bool
    why: str
    # name of a C function returning the version string (or int, for fontconfig)
    version_function: str | None = None
    minimum: tuple[int, ...] = ()
    names_in_errors: tuple[str, ...] = field(default=())


PANGO = SystemLibrary(
    "Pango",
    ("libpango-1.0.so.0", "libpango-1.0.dylib", "libpango-1.0-0.dll", "libpango-1.0-0"),
    {
        "debian": "libpango-1.0-0 libpangoft2-1.0-0",
        "fedora": "pango",
        "alpine": "pango",
        "arch": "pango",
        "macos": "pango",
    },
    True,
    "lays out the text of every PDF (through WeasyPrint)",
    "pango_version_string",
    (1, 44),
    ("pango", "pangoft2", "gobject"),
)
HARFBUZZ = SystemLibrary(
    "HarfBuzz",
    ("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll", "libharfbuzz-0"),
    {
        "debian": "libharfbuzz0b",
        "fedora": "harfbuzz",
        "alpine": "harfbuzz",
        "arch": "harfbuzz",
        "macos": "harfbuzz",
    },
    True,
    "shapes text (through WeasyPrint)",
    "hb_version_string",
    (),
    ("harfbuzz-0", "harfbuzz.so", "libharfbuzz'", "'harfbuzz'"),
)
HARFBUZZ_SUBSET = SystemLibrary(
    "HarfBuzz-subset",
    (
        "libharfbuzz-subset.so.0",
        "libharfbuzz-subset.0.dylib",
        "libharfbuzz-subset-0.dll",
        "libharfbuzz-subset-0",
    ),
    {
        "debian": "libharfbuzz-subset0",
        "fedora": "harfbuzz",
        "alpine": "harfbuzz-subset",
        "arch": "harfbuzz",
        "macos": "harfbuzz",
    },
    False,
    "subsets the fonts embedded in each PDF; without it WeasyPrint falls back to "
    "fontTools and builds take 2-3 times as long",
    None,
    (4, 1),  # HarfBuzz itself must be 4.1 or newer for WeasyPrint to use it
    ("harfbuzz-subset",),
)
FONTCONFIG = SystemLibrary(
    "fontconfig",
    ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll", "libfontconfig-1"),
    {
        "debian": "libfontconfig1",
        "fedora": "fontconfig",
        "alpine": "fontconfig",
        "arch": "fontconfig",
        "macos": "fontconfig",
    },
    True,
    "finds fonts (through WeasyPrint)",
    "FcGetVersion",
    (),
    ("fontconfig",),
)
LIBRARIES = (PANGO, HARFBUZZ, HARFBUZZ_SUBSET, FONTCONFIG)

_INSTALLERS = {
    "debian": "apt-get install {}",
    "fedora": "dnf install {}",
    "alpine": "apk add {}",
    "arch": "pacman -S {}",
    "macos": "brew install {}",
}


@functools.cache
def platform_family() -> str:
    """debian, fedora, alpine, arch, macos or other: which package names to suggest."""
    if sys.platform == "darwin":
        return "macos"
    try:
        text = Path("/etc/os-release").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "other"
    ids = set()
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key in ("ID", "ID_LIKE"):
            ids.update(value.strip().strip('"').lower().split())
    for family, members in (
        ("debian", {"debian", "ubuntu"}),
        ("fedora", {"fedora", "rhel", "centos"}),
        ("alpine", {"alpine"}),
        ("arch", {"arch"}),
    ):
        if ids & members:
            return family
    return "other"


def install_command(*libraries: SystemLibrary) -> str:
    """The command that installs ``libraries`` on this machine (or where to look)."""
    family = platform_family()
    if family not in _INSTALLERS:
        names = ", ".join(lib.name for lib in libraries)
        return f"install {names} with your system's package manager (on Debian/Ubuntu: " + (
            _INSTALLERS["debian"].format(" ".join(lib.packages["debian"] for lib in libraries))
            + ")"
        )
    packages = " ".join(dict.fromkeys(lib.packages[family] for lib in libraries))
    return _INSTALLERS[family].format(packages)


def load_library(lib: SystemLibrary) -> ctypes.CDLL | None:
    for name in lib.sonames:
        with contextlib.suppress(OSError):
            return ctypes.CDLL(name)
    return None


def library_version(lib: SystemLibrary, handle: ctypes.CDLL) -> str | None:
    """The library's own idea of its version, e.g. "1.50.12"; None if it cannot say."""
    if not lib.version_function:
        return None
    try:
        func = getattr(handle, lib.version_function)
    except AttributeError:
        return None
    if lib.version_function == "FcGetVersion":  # an int: 21400 -> 2.14.0
        func.restype = ctypes.c_int
        n = func()
        return f"{n // 10000}.{n // 100 % 100}.{n % 100}"
    func.restype = ctypes.c_char_p
    raw = func()
    return raw.decode() if raw else None


def version_tuple(text: str | None) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text or "")[:3])


@functools.cache
def subsetting_with_harfbuzz() -> bool:
    """Whether WeasyPrint will subset fonts with HarfBuzz (fast) rather than fontTools.

    Mirrors WeasyPrint's own test (``pdf/fonts.py``): HarfBuzz-subset loads and
    HarfBuzz is 4.1.0 or newer. Uses ctypes, so the parent process never has to
    import WeasyPrint to know.
    """
    if load_library(HARFBUZZ_SUBSET) is None:
        return False
    harfbuzz = load_library(HARFBUZZ)
    if harfbuzz is None:
        return False
    return version_tuple(library_version(HARFBUZZ, harfbuzz)) >= HARFBUZZ_SUBSET.minimum


_warned_subsetting = False


def warn_if_slow_subsetting() -> None:
    """Log once per process when PDFs will be written without HarfBuzz-subset."""
    global _warned_subsetting
    if _warned_subsetting or subsetting_with_harfbuzz():
        return
    _warned_subsetting = True
    log.warning(
        "HarfBuzz-subset (with HarfBuzz 4.1 or newer) is not installed, so WeasyPrint "
        "subsets fonts with fontTools and builds take 2-3 times as long\n"
        "  hint: %s; %s",
        install_command(HARFBUZZ_SUBSET),
        DOCTOR,
    )


# -- WeasyPrint ----------------------------------------------------------------


def _library_named_in(message: str) -> SystemLibrary:
    low = message.lower()
    # the most specific names first: "harfbuzz-subset" also contains "harfbuzz"
    for lib in (HARFBUZZ_SUBSET, FONTCONFIG, PANGO, HARFBUZZ):
        if any(name in low for name in lib.names_in_errors):
            return lib
    return PANGO


def import_weasyprint():
    """Import WeasyPrint, or raise DependencyError naming the system library it lacks.

    WeasyPrint loads Pango, HarfBuzz and fontconfig when it is imported; when
    one is missing it prints a paragraph to stdout and raises OSError. Neither
    reaches the user: they get one line and the command that installs it.
    """
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed), warnings.catch_warnings():
            # "HarfBuzz-Subset will be required by future versions": said by
            # warn_if_slow_subsetting instead, once, with how to install it
            warnings.simplefilter("ignore", DeprecationWarning)
            import weasyprint
    except OSError as exc:
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]  # a half-imported package: the next try starts afresh
        lib = _library_named_in(str(exc))
        named = re.search(r"cannot load library '([^']+)'", str(exc))
        tried = f" (WeasyPrint could not load {named.group(1)})" if named else ""
        raise DependencyError(
            f"cannot render PDFs: the system library {lib.name} is missing{tried}",
            hint=f"install it: {install_command(lib)}; {DOCTOR}",
        ) from None
    return weasyprint


# -- Python packages -----------------------------------------------------------


def requirement_for(distribution: str) -> str:
    """How briefkit's own metadata asks for ``distribution``, e.g. "lxml_html_clean>=0.4"."""
    from importlib.metadata import PackageNotFoundError, requires

    want = _canonical(distribution)
    try:
        declared = requires("briefkit") or []
    except PackageNotFoundError:
        declared = []
    for req in declared:
        if ";" in req:
            continue
        name = re.split(r"[\s<>=!~\[;(]", req, maxsplit=1)[0]
        if _canonical(name) == want:
            return req.replace(" ", "")
    return distribution


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pip_install(distribution: str) -> str:
    return f"python -m pip install '{requirement_for(distribution)}'"


def missing_package(exc: ImportError, purpose: str) -> DependencyError:
    """The error for an ImportError raised while importing what ``purpose`` needs."""
    text = str(exc)
    # lxml >= 5.2 raises a plain ImportError naming the project it moved to
    moved = re.search(r"separate project (\w+)", text)
    name = moved.group(1) if moved else (exc.name or text).split(".")[0]
    return DependencyError(
        f"{purpose} needs the Python package {name}, which is not installed",
        hint=f"install it: {pip_install(name)} "
        f"(or reinstall briefkit: python -m pip install -e .); {DOCTOR}",
    )


def import_html_extractor():
    """Import trafilatura (and the lxml pieces it needs), or raise DependencyError."""
    try:
        import trafilatura
    except ImportError as exc:
        raise missing_package(exc, "reading HTML sources") from None
    return trafilatura
