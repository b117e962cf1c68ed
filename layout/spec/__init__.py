"""spec stage: YAML layout spec -> typed `Spec` (`load_spec`), plus the templates.

`load_spec(path)` validates everything at load and raises `SpecError` with every
problem; `fill_template` / `template_values` fill masthead, footer and running-head
templates for the page maker and the EPUB exporter.
"""

from __future__ import annotations

from pathlib import Path

from layout.spec.schema import STYLE_KEYS, Spec
from layout.spec.template import TEMPLATE_FIELDS, fill_template, template_values

__all__ = ["STYLE_KEYS", "TEMPLATE_FIELDS", "Spec", "check_spec", "fill_template",
           "load_spec", "template_values"]

FONT_MANIFEST = Path(__file__).resolve().parents[2] / "fonts" / "fonts.yaml"
# what makes a Spec of a spec file (`layout.read_cache` keys on their source)
SPEC_READERS = ("spec/*.py", "model.py", "errors.py")


def load_spec(path: Path | str, *, font_manifest: Path | None = FONT_MANIFEST) -> Spec:
    """Load, merge and validate a layout spec; raise SpecError with every problem.

    A spec read before, unchanged with every file it extends and names, is served from
    the read cache: YAML's parser and the validator (~20 ms of imports) are then not
    loaded at all. `font_manifest`: see `layout.spec.load.load_spec`.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError:
        data = None  # the loader reports it in its own words
    if data is None:
        return check_spec(path, font_manifest=font_manifest)
    from layout.read_cache import read_once_with

    def opened(spec: Spec) -> list[Path]:
        return [*spec.files, *spec.face_files.values(), *([font_manifest] if font_manifest else [])]

    # the name holds where the file is: its `extends` and font files are relative to it
    return read_once_with("spec", f"{path}\0{path.resolve()}\0{font_manifest}", data, SPEC_READERS,
                          lambda: check_spec(path, font_manifest=font_manifest), opened)


def check_spec(path: Path | str, *, font_manifest: Path | None = FONT_MANIFEST) -> Spec:
    """Load, merge and validate a layout spec from its files, never from the cache
    (what `export.py check SPEC.yaml` runs)."""
    from layout.spec.load import load_spec as load

    return load(path, font_manifest=font_manifest)
