"""Where the tool keeps what it derives: one folder, named before anything is cached."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Where derived data is cached: `$LAYOUT_CACHE_DIR`, else the XDG cache."""
    if env := os.environ.get("LAYOUT_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cjk-newspaper-layout"
