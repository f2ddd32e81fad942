"""A briefkit project on disk: its root, config and the paths inside it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .config.load import load_config
from .config.models import ProjectConfig
from .config.yamlload import LoadedYaml
from .errors import ConfigError, Location

CONFIG_FILE = "config/briefkit.yaml"
ALIASES_FILE = "config/aliases.yaml"
REGISTRY_FILE = "sources.yaml"
CACHE_DIR = ".briefkit"


def is_project(folder: Path) -> bool:
    """Whether ``folder`` looks like a briefkit project: a config file or a briefings/ folder."""
    return (folder / CONFIG_FILE).is_file() or (folder / "briefings").is_dir()


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` that looks like a project (else ``start``)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return folder
    return here


@dataclass
class Project:
    root: Path
    config: ProjectConfig
    config_yaml: LoadedYaml | None

    @classmethod
    def load(cls, root: Path | None = None) -> Project:
        root = (root or find_root()).resolve()
        config, loaded = load_config(root / CONFIG_FILE, CONFIG_FILE)
        project = cls(root=root, config=config, config_yaml=loaded)
        project._check_paths()
        return project

    # -- paths -----------------------------------------------------------

    def display(self, path: Path) -> str:
        """A path as shown to the user: relative to the root when inside it.

        The path as written comes first (a link is shown where it is, not where
        it leads); then with links followed.
        """
        for candidate in (Path(os.path.abspath(path)), path.resolve()):
            try:
                return candidate.relative_to(self.root).as_posix()
            except ValueError:
                continue
        return str(path)

    def inside(
        self, relative: str, *, what: str, location: Location | None = None, base: str | None = None
    ) -> Path:
        """Resolve a user-given relative path, refusing anything that leaves the project.

        Absolute paths, ``..`` escapes and symlinks pointing outside the root are
        all refused, so a brief or config can never make briefkit read
        ``/etc/passwd``.
        """
        text = str(relative)
        if not text or "\x00" in text:
            raise ConfigError(f"{what}: empty or invalid path", location=location)
        candidate = Path(text)
        if (
            candidate.is_absolute()
            or text.startswith(("~", "\\"))
            or (len(text) > 1 and text[1] == ":")
        ):
            raise ConfigError(
                f"{what}: absolute path {text!r} is not allowed",
                location=location,
                hint="give a path relative to the project folder",
            )
        # ``base``: a project folder the path is relative to (seeds/ for sources.yaml)
        resolved = (self.root / (base or "") / candidate).resolve()
        if resolved != self.root and self.root not in resolved.parents:
            raise ConfigError(
                f"{what}: path {text!r} leaves the project folder",
                location=location,
                hint="keep every file inside the project (no '..' or links pointing outside)",
            )
        return resolved

    def _check_paths(self) -> None:
        paths = self.config.paths
        for name in ("seeds", "briefings", "templates", "out"):
            loc = self.config_yaml.location(("paths", name)) if self.config_yaml else None
            self.inside(getattr(paths, name), what=f"paths.{name}", location=loc)
        if self.config.organisation.logo:  # refused at load, not once per output rendered
            loc = self.config_yaml.location(("organisation", "logo")) if self.config_yaml else None
            self.inside(self.config.organisation.logo, what="organisation.logo", location=loc)

    @cached_property
    def seeds_dir(self) -> Path:
        return self.inside(self.config.paths.seeds, what="paths.seeds")

    @cached_property
    def briefings_dir(self) -> Path:
        return self.inside(self.config.paths.briefings, what="paths.briefings")

    @cached_property
    def templates_dir(self) -> Path:
        return self.inside(self.config.paths.templates, what="paths.templates")

    @cached_property
    def out_dir(self) -> Path:
        return self.inside(self.config.paths.out, what="paths.out")

    @property
    def cache_dir(self) -> Path:
        """``.briefkit/``; refused (one line, exit 2) if a link takes it out of the project."""
        from .publish.files import ensure_within

        path = self.root / CACHE_DIR
        ensure_within(path, self.root, display=CACHE_DIR, root_display="the project")
        return path

    @property
    def registry_path(self) -> Path:
        return self.seeds_dir / REGISTRY_FILE

    @property
    def aliases_path(self) -> Path:
        return self.root / ALIASES_FILE

    def brief_files(self) -> list[Path]:
        folder = self.briefings_dir
        if not folder.is_dir():
            return []
        files = [p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()]
        return sorted(files, key=lambda p: p.name)


def source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value and value.strip().isdigit():
        return int(value)
    return None
