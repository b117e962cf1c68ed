"""Helpers for spec tests: write YAML into tmp_path and load it from there."""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable

import pytest

from layout.errors import SpecError
from layout.spec import Spec, load_spec


@pytest.fixture
def spec_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path as the working directory, so messages read `s.yaml:line:col`."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def load_text(spec_dir: Path) -> Callable[..., Spec]:
    """Write `text` to `name` (default s.yaml) and load it without a font manifest."""

    def load(text: str, name: str = "s.yaml", manifest: Path | None = None) -> Spec:
        (spec_dir / name).write_text(text, encoding="utf-8")
        return load_spec(Path(name), font_manifest=manifest)

    return load


@pytest.fixture
def problems_of(load_text: Callable[..., Spec]) -> Callable[..., list[str]]:
    """The SpecError problems of loading `text` (fails if it loads)."""

    def problems(text: str, name: str = "s.yaml", manifest: Path | None = None) -> list[str]:
        with pytest.raises(SpecError) as info:
            load_text(text, name, manifest)
        return list(info.value.problems)

    return problems
