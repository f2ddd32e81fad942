"""Shared fixtures: example projects copied into temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BBC = SHARED / "data" / "bbc-news-summary"


def copy_example(dest: Path) -> Path:
    for name in ("seeds", "briefings", "config"):
        shutil.copytree(ROOT / name, dest / name)
    if (ROOT / "templates").is_dir():
        shutil.copytree(ROOT / "templates", dest / "templates")
    if (ROOT / "assets").is_dir():
        shutil.copytree(ROOT / "assets", dest / "assets")
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the bundled example project."""
    return copy_example(tmp_path / "project")


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project, built once for the whole test session (read-only!)."""
    from briefkit.cli import cli

    root = copy_example(tmp_path_factory.mktemp("built") / "project")
    result = CliRunner().invoke(cli, ["-C", str(root), "build"])
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def run():
    """Run the CLI: run(project_dir, *args) -> click Result (stdout and stderr apart)."""
    from briefkit.cli import cli

    def _run(project_dir: Path | None, *args: str, input: str | None = None):
        argv = (["-C", str(project_dir)] if project_dir is not None else []) + list(args)
        return CliRunner().invoke(cli, argv, input=input, catch_exceptions=False)

    return _run


def write_project(
    root: Path,
    sources: dict[str, str],
    briefs: dict[str, str] | None = None,
    config: str | None = None,
) -> Path:
    """A small project written from strings: {file name: text}."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "briefings").mkdir(exist_ok=True)
    for name, text in sources.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    for name, text in (briefs or {}).items():
        (root / "briefings" / name).write_text(text, encoding="utf-8")
    if config is not None:
        (root / "config").mkdir(exist_ok=True)
        (root / "config" / "briefkit.yaml").write_text(config, encoding="utf-8")
    return root
