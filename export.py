#!/usr/bin/env python3
"""Command line: reconstruct a newspaper issue from OCR text and export it to PDF / EPUB.

`python export.py --help` lists the commands, which are `layout.cli`'s. This file is
small because Python compiles the file it runs anew every run (the commands' 680 lines
took 5 ms of a 1-page export's ~80), while a module it imports is compiled once.
"""

import gc
import sys


def run() -> int:
    """The program. The cycle collector is off while it starts: the ~110 modules it
    imports and the fonts, spec and document it loads all live to the end, so the
    collector's passes over them (~3 ms) find nothing. `layout.cli` turns it on once
    they are made."""
    gc.disable()
    from layout.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
