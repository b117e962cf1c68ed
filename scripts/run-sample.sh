#!/usr/bin/env bash
# The main job on the bundled sample: writes out/<sample>.yaml, .pdf and .epub.
# Installs what it needs (a virtual environment with the package) on first run.
. "$(dirname "$0")/_env.sh"
exec "$PY" export.py build samples/lvliang-daily-2023-02-17.txt --out-dir "${OUT_DIR:-out}" "$@"
