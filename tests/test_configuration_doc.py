"""docs/configuration.md documents every key of config/briefkit.yaml, and its examples are valid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from briefkit.config import models as m

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "configuration.md"

# (section of the doc's tables, model): every field of the model has a row there
SECTIONS = {
    "organisation": m.Organisation,
    "organisation.colours": m.Colours,
    "paths": m.Paths,
    "audiences": m.Audience,
    "newsletter": m.NewsletterConfig,
}
HIDDEN = {("newsletter", "password")}  # accepted only to be refused: documented in prose


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, re.S)


def table_keys(text: str) -> set[str]:
    """The first cell of every table row, when it is a `key`."""
    return set(re.findall(r"^\| `([a-z_]+)` \|", text, re.M))


def test_every_model_field_is_documented():
    text = doc_text()
    keys = table_keys(text)
    for field in m.ProjectConfig.model_fields:
        assert f"## `{field}`" in text, f"no section for top-level key {field!r}"
    for section, model in SECTIONS.items():
        for field in model.model_fields:
            if (section, field) in HIDDEN:
                assert f"`{field}:`" in text
                continue
            assert field in keys, f"{section}.{field} has no row in docs/configuration.md"
    for block in m.BLOCKS:
        assert f"`{block}`" in text
    for name, settings in m.DEFAULT_AUDIENCES.items():
        assert f"| `{name}` | `{settings['template']}` |" in text


def test_documented_defaults_match_the_models():
    text = doc_text()
    colours = m.Colours()
    for key in m.Colours.model_fields:
        assert f'| `{key}` | `"{getattr(colours, key)}"` |' in text
    paths = m.Paths()
    for key in m.Paths.model_fields:
        assert f"| `{key}` | `{getattr(paths, key)}` |" in text
    cfg = m.NewsletterConfig()
    assert f"| `{cfg.password_env}` |" in text
    assert f"| `{cfg.port}` |" in text and f"| `{cfg.timeout:g}` |" in text
    assert f"default `[{', '.join(m.ProjectConfig().default_audiences)}]`" in text


def _config_blocks() -> list[str]:
    return [b for b in yaml_blocks(doc_text()) if not b.startswith("# in briefings/")]


@pytest.mark.parametrize("block", _config_blocks())
def test_every_config_example_is_valid(block):
    data = yaml.safe_load(block)
    assert isinstance(data, dict)
    m.ProjectConfig.model_validate(data)


def test_brief_settings_example_is_valid():
    [block] = [b for b in yaml_blocks(doc_text()) if b.startswith("# in briefings/")]
    data = yaml.safe_load(block)
    for settings in data["settings"].values():
        m.AudienceOverride.model_validate(settings)


def _keys(data: object) -> set[str]:
    """Every key at any depth of a YAML mapping."""
    out: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            out.add(str(key))
            out |= _keys(value)
    return out


def test_bundled_config_keys_are_documented_and_it_points_to_the_doc():
    path = ROOT / "config" / "briefkit.yaml"
    text = path.read_text(encoding="utf-8")
    assert "docs/configuration.md" in text
    data = yaml.safe_load(text)
    m.ProjectConfig.model_validate(data)
    documented = table_keys(doc_text()) | set(m.ProjectConfig.model_fields)
    audiences = set(data.get("audiences", {}))
    for key in _keys(data) - audiences:
        assert key in documented, f"config/briefkit.yaml key {key!r} is not in the doc"


def test_model_schema_fields_have_no_undocumented_nested_models():
    """A new nested section in ProjectConfig needs its own table (add it to SECTIONS)."""
    nested = set()
    for name, field in m.ProjectConfig.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            nested.add(name)
    assert nested <= set(SECTIONS)
