"""Previews: a PDF page rasterised to PNG; the watch loop re-runs on change."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from layout.errors import InputError
from layout.preview import render_png, watch


def _write_pdf(path: Path) -> None:
    canvas = Canvas(str(path), pagesize=(200, 100))
    canvas.rect(10, 10, 50, 50, fill=1)
    canvas.showPage()
    canvas.save()


def test_render_png(tmp_path: Path) -> None:
    out = tmp_path / "page.png"
    render_png(_write_pdf, 1, out, dpi=144)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width == 400  # 200 pt at 144 dpi


def test_watch_reruns_on_change_and_survives_bad_input(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("a: 1\n")
    runs: list[int] = []
    errors: list[str] = []

    def action() -> None:
        runs.append(len(runs))
        if len(runs) == 2:
            raise InputError("spec.yaml:1:1: error: broken for a moment")
        if len(runs) == 1:  # the user edits the spec while we watch
            stamp = spec.stat().st_mtime + 5
            os.utime(spec, (stamp, stamp))

    watch([spec], action, on_error=lambda exc: errors.append(str(exc)), interval=0.01, rounds=3)
    assert len(runs) == 2
    assert errors == ["spec.yaml:1:1: error: broken for a moment"]
