"""Previews: a PDF page rasterised to PNG; the watch loop re-runs on change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from layout.errors import InputError
from layout.preview import render_png, watch
from layout.render.pdf_file import Name, PdfFile


def _write_pdf(path: Path) -> None:
    """A 200 × 100 pt page with a black square."""
    with open(path, "wb") as out:
        pdf = PdfFile(out)
        tree = pdf.reserve()
        page = pdf.add({"Type": Name("Page"), "Parent": tree, "MediaBox": [0, 0, 200, 100],
                        "Contents": pdf.add_stream(b"10 10 50 50 re f")})
        pdf.add({"Type": Name("Pages"), "Kids": [page], "Count": 1}, tree)
        pdf.close(pdf.add({"Type": Name("Catalog"), "Pages": tree}), pdf.add({}))


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


def test_a_watch_reads_the_document_again_only_when_it_changes(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from layout import cli

    document = tmp_path / "issue.txt"
    document.write_text("本报讯 市里召开会议。", encoding="utf-8")
    reads: list[Path] = []
    monkeypatch.setattr(cli, "read_issue", lambda path, verbose=False, to_typeset=False: reads.append(path) or len(reads))
    current = cli.issue_reader(document)
    assert (current(), current(), current()) == (1, 1, 1)  # spec edits: the same issue
    stat = document.stat()
    os.utime(document, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert current() == 2  # the document was edited
    document.unlink()
    assert current() == 3  # gone: read_issue reports it (here, the stand-in counts)


def test_a_watch_polls_the_specs_a_spec_extends_and_its_font_files(tmp_path: Path) -> None:
    import shutil

    from layout import cli

    root = Path(__file__).resolve().parent.parent
    house = tmp_path / "house"
    papers = tmp_path / "papers"
    house.mkdir(), papers.mkdir()
    face = Path(shutil.copy(root / "fonts" / "NotoSansSC-Bold.ttf", house / "House-Hei.ttf"))
    (house / "base.yaml").write_text(f"extends: {root / 'specs' / 'lvliang-daily.yaml'}\n"
                                     "fonts:\n  hei: [House-Hei.ttf]\n", encoding="utf-8")
    spec = papers / "daily.yaml"
    spec.write_text("extends: ../house/base.yaml\n", encoding="utf-8")
    document = tmp_path / "issue.yaml"
    watched = {p.resolve() for p in cli.watched_files(document, spec)}
    assert {document.resolve(), spec.resolve(), (house / "base.yaml").resolve(), face.resolve(),
            (root / "specs" / "lvliang-daily.yaml").resolve()} <= watched
    spec.write_text("grid: {columns: zero}\n", encoding="utf-8")  # broken: its folder, still
    assert {p.resolve() for p in cli.watched_files(document, spec)} == {document.resolve(),
                                                                            spec.resolve()}


def test_watch_sees_an_edit_that_keeps_the_modification_time_and_a_file_that_appears(
        tmp_path: Path) -> None:
    spec, extra = tmp_path / "spec.yaml", tmp_path / "base.yaml"
    spec.write_text("a: 1\n")
    runs: list[int] = []

    def action() -> None:
        runs.append(len(runs))
        if len(runs) == 1:  # an edit within the same tick of a coarse clock
            stat = spec.stat()
            spec.write_text("a: 12\n")
            os.utime(spec, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        elif len(runs) == 2:
            extra.write_text("b: 1\n")

    watch([spec, extra], action, on_error=lambda exc: None, interval=0.01, rounds=4)
    assert len(runs) == 3
