"""Build the package, with its typesetting core compiled by mypyc where that works.

The compiled modules are the same Python source (`layout/typeset/native.py` says
which and why); where mypyc or a C compiler is missing, or with LAYOUT_PURE=1, the
package installs as plain Python and runs the same, slower. Everything else about the
package is in pyproject.toml.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup

# as `layout.typeset.native.COMPILED` (a test checks): the line composer and page
# make-up, most of an export's time
COMPILED = ["cjk", "columns", "lb_atoms", "lb_fit", "lb_runs", "linebreak", "placement", "vfill"]


def compiled_core() -> list:
    """mypyc's extension modules for COMPILED, or none: a failed build is no error."""
    if os.environ.get("LAYOUT_PURE"):
        return []
    try:
        from mypyc.build import mypycify

        extensions = mypycify([f"layout/typeset/{name}.py" for name in COMPILED],
                              opt_level="3", debug_level="0", group_name="layout.typeset.native")
    except (Exception, SystemExit) as exc:  # mypyc missing or refusing (it exits): plain Python
        print(f"setup.py: the typesetting core stays plain Python ({exc!r})", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True  # no C compiler: plain Python
    return extensions


setup(ext_modules=compiled_core())
