"""EPUBCheck 4.2.6: 0 errors and 0 warnings on the small issue and the long issue.

Both checks run in parallel (each JVM takes ~4 s). Without java or the jar the test is
skipped with the reason printed, except under CI (CI=true), where it fails: CI installs
EPUBCheck, so a missing one is a broken CI image, not a reason to pass.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from test_epub_support import epubcheck_command, long_issue, small_issue

from layout.fonts import load_fontset
from layout.render.epub import render_epub
from layout.spec.schema import EpubSpec, Spec
from layout.typeset.placed import PageBreak


def _require_epubcheck() -> list[str]:
    command = epubcheck_command()
    if command is None:
        reason = "EPUBCheck not available (need `java` and /usr/share/java/epubcheck.jar or $EPUBCHECK_JAR)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI must install it (apt-get install epubcheck)")
        print(reason)
        pytest.skip(reason)
    return command


def test_epubcheck_clean(tmp_path):
    command = _require_epubcheck()
    fonts = load_fontset()
    small, long = tmp_path / "small.epub", tmp_path / "long.epub"
    render_epub(small_issue(), Spec(), small, fonts=fonts)
    issue = long_issue()
    # print pagination that differs from the document's pages, as the PDF's would
    breaks = [PageBreak(n + 1, min(n * 5, len(issue.articles()) - 1), n % 3) for n in range(14)]
    render_epub(issue, Spec(epub=EpubSpec(vertical=True)), long, fonts=fonts, page_breaks=breaks)
    runs = {p: subprocess.Popen([*command, str(p), "--json", str(p.with_suffix(".json"))],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for p in (small, long)}
    for path, proc in runs.items():
        out, _ = proc.communicate(timeout=120)
        report = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        checker = report["checker"]
        messages = [f"{m['severity']} {m['ID']}: {m['message']} @ {m['locations'][:1]}"
                    for m in report["messages"]]
        assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0), \
            f"{path.name}:\n" + "\n".join(messages) + "\n" + out[-2000:]
        assert proc.returncode == 0, out[-2000:]
