"""spec stage: YAML layout spec -> typed `Spec` (`load_spec`), plus the templates.

`load_spec(path)` validates everything at load and raises `SpecError` with every
problem; `fill_template` / `template_values` fill masthead, footer and running-head
templates for the page maker and the EPUB exporter.
"""

from layout.spec.load import check_spec, load_spec
from layout.spec.schema import STYLE_KEYS, Spec
from layout.spec.template import TEMPLATE_FIELDS, fill_template, template_values

__all__ = ["STYLE_KEYS", "TEMPLATE_FIELDS", "Spec", "check_spec", "fill_template",
           "load_spec", "template_values"]
