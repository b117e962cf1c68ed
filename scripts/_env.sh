# Shared set-up for the README's commands: a virtual environment with the package.
# Usage (sourced): ENV_EXTRAS=test . scripts/_env.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV=${VENV:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
# a venv installed for the tests holds all the main job needs: keep to that install
# (installing the base package again would compile the typesetting core again)
if [ -z "${ENV_EXTRAS:-}" ] && [ -f "$VENV/.installed-test" ]; then
  ENV_EXTRAS=test
fi
stamp="$VENV/.installed-${ENV_EXTRAS:-base}"
# installed again when the package's metadata or this script changed, or when a source of
# the compiled typesetting core is newer than its build (layout/typeset/native.py exits 1)
# editable_mode=compat: the checkout goes on sys.path through a plain .pth line. The
# default for this flat layout is an import hook that every start of Python runs,
# ~12 ms of imports (pathlib, urllib, ipaddress, importlib.util) before any command
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ setup.py -nt "$stamp" ] \
   || [ scripts/_env.sh -nt "$stamp" ] || ! "$VENV/bin/python" layout/typeset/native.py; then
  echo "installing the package (this compiles the typesetting core: about a minute)" >&2
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
    --config-settings editable_mode=compat -e ".${ENV_EXTRAS:+[$ENV_EXTRAS]}"
  touch "$stamp"
fi
PY="$VENV/bin/python"
# Byte-compile the package, as pip does for what it installs (the editable install is
# not): with PYTHONDONTWRITEBYTECODE set, every run would compile ~60 modules (~45 ms).
# Up-to-date files are skipped; a stale one is only recompiled in memory, never wrong.
"$PY" -m compileall -q -x '/(\.venv|build|tests)/' layout export.py >/dev/null
