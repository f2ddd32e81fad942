from __future__ import annotations

from pathlib import Path

import pytest

from briefkit.aliases import Aliases, load_aliases
from briefkit.errors import BriefkitErrors, ConfigError
from briefkit.project import Project

ALIASES = """\
# each group: spellings of one name; search finds any of them
groups:
  - [Tsikhanouskaya, Tikhanovskaya, Tsikhanovskaya, Tikhanovsky]
  - [Lukashenka, Lukashenko]
  - [Kalinouski, Kalinoŭski, Kalinowski]
"""


def make_project(root: Path, aliases: str | None) -> Project:
    (root / "seeds").mkdir(parents=True)
    (root / "briefings").mkdir()
    if aliases is not None:
        (root / "config").mkdir()
        (root / "config" / "aliases.yaml").write_text(aliases, encoding="utf-8")
    return Project.load(root)


def test_expand_finds_the_whole_group(tmp_path: Path) -> None:
    aliases = load_aliases(make_project(tmp_path, ALIASES))
    assert aliases.expand("Lukashenko") == ("Lukashenka", "Lukashenko")
    assert aliases.expand("LUKASHENKA") == ("Lukashenka", "Lukashenko")
    assert aliases.expand("Tikhanovsky")[0] == "Tsikhanouskaya"
    assert len(aliases.expand("tsikhanovskaya")) == 4


def test_expand_ignores_diacritics_and_matches_the_stem(tmp_path: Path) -> None:
    aliases = load_aliases(make_project(tmp_path, ALIASES))
    group = ("Kalinouski", "Kalinoŭski", "Kalinowski")
    assert aliases.expand("kalinouski") == group
    assert aliases.expand("KALINOŬSKI") == group
    assert aliases.expand("Lukashenka's") == ("Lukashenka", "Lukashenko")
    assert aliases.expand("Lukashenko’s") == ("Lukashenka", "Lukashenko")
    assert aliases.expand("Tsikhanouskaya's")[1] == "Tikhanovskaya"


def test_unknown_term_is_left_alone(tmp_path: Path) -> None:
    aliases = load_aliases(make_project(tmp_path, ALIASES))
    assert aliases.expand("Putin") == ("Putin",)
    assert aliases.expand("Luka") == ("Luka",)


def test_missing_or_empty_file_means_no_aliases(tmp_path: Path) -> None:
    assert not load_aliases(make_project(tmp_path / "a", None))
    assert load_aliases(make_project(tmp_path / "b", "")) == Aliases()
    assert Aliases().expand("Lukashenka") == ("Lukashenka",)


def test_invalid_file_reports_file_line_col(tmp_path: Path) -> None:
    project = make_project(tmp_path, "groups:\n  - [Lukashenka, Lukashenko]\n  - Minsk\n")
    with pytest.raises(ConfigError) as err:
        load_aliases(project)
    assert err.value.one_line() == (
        "config/aliases.yaml:3:5: groups[1]: must be a non-empty list of spellings"
    )


def test_spelling_in_two_groups_and_unknown_key_are_both_reported(tmp_path: Path) -> None:
    text = "group: []\ngroups:\n  - [Lukashenka, Lukashenko]\n  - [Lukashenko, Lukashenkau]\n"
    project = make_project(tmp_path, text)
    with pytest.raises(BriefkitErrors) as err:
        load_aliases(project)
    lines = [e.one_line() for e in err.value.errors]
    assert lines == [
        "config/aliases.yaml:1:1: unknown key 'group'",
        "config/aliases.yaml:4:6: groups[1][0]: 'Lukashenko' is already in groups[0]"
        " ('Lukashenko')",
    ]


def test_yaml_syntax_error_has_location(tmp_path: Path) -> None:
    project = make_project(tmp_path, "groups:\n  - [Lukashenka, Lukashenko\n")
    with pytest.raises(ConfigError) as err:
        load_aliases(project)
    assert err.value.one_line().startswith("config/aliases.yaml:")
