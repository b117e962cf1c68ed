"""Reconstruct CJK newspaper issues from raw OCR text and export them to PDF and EPUB.

Stages, each a module with no knowledge of the ones after it:
raw text -> `ingest` -> `model.Issue` -> (+ `spec`) -> `typeset` -> `render.pdf` / `render.epub`.
"""

from layout.deferred_import import defer as _defer

_defer("inspect", "ipaddress")  # before `dataclasses` and `pathlib` import them (its docstring says why)

from layout import compile_cache as _compile_cache  # noqa: E402
from layout.cache_home import cache_dir as _cache_dir  # noqa: E402

_compile_cache.install(str(_cache_dir()))  # before any of the package's classes or patterns is made
