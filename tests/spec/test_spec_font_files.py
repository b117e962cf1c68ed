"""A spec may bring its own TrueType faces as files in its role chains."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from collections.abc import Callable

import pytest

from layout.spec import Spec
from layout.preflight import punctuation_mismatch
from layout.spec.load import FONT_MANIFEST

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "lvliang-daily-2023-02-17.txt"


OTHER_ROLES = "  song-bold: [NotoSerifSC-Bold]\n  hei: [NotoSansSC-Bold]\n  kai: [NewsKai-Regular]\n"
HOUSE_CHARS = "的一是在了和"  # common enough to be in any front page


def tiny_truetype(path: Path, ps_name: str, chars: str) -> Path:
    """A TrueType face with a square glyph for each of `chars` (and .notdef)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef"] + [f"uni{ord(c):04X}" for c in chars]
    glyphs = {}
    for name in names:
        pen = TTGlyphPen(None)
        pen.moveTo((100, -100)), pen.lineTo((100, 800)), pen.lineTo((900, 800))
        pen.lineTo((900, -100)), pen.closePath()
        glyphs[name] = pen.glyph()
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): n for c, n in zip(chars, names[1:])})
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": ps_name, "styleName": "Regular", "psName": ps_name})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.save(str(path))
    return path


@pytest.fixture
def house_font(spec_dir: Path) -> Path:
    """A TrueType face the manifest does not know, with a few common characters."""
    (spec_dir / "fonts").mkdir()
    return tiny_truetype(spec_dir / "fonts" / "House-Song.ttf", "HouseSong-Regular", HOUSE_CHARS)


def test_a_role_chain_may_name_a_font_file(load_text: Callable[..., Spec], house_font: Path) -> None:
    spec = load_text("fonts:\n  song: [fonts/House-Song.ttf, NotoSerifSC-Regular]\n" + OTHER_ROLES,
                     manifest=FONT_MANIFEST)
    assert spec.fonts["song"] == ("House-Song", "NotoSerifSC-Regular")
    assert Path(spec.face_files["House-Song"]).resolve() == house_font.resolve()


def test_a_font_file_is_found_beside_the_spec_that_names_it(
        load_text: Callable[..., Spec], spec_dir: Path, house_font: Path) -> None:
    (spec_dir / "house").mkdir()
    shutil.move(house_font, spec_dir / "house" / "House-Song.ttf")
    (spec_dir / "house" / "base.yaml").write_text("fonts:\n  song: [House-Song.ttf]\n" + OTHER_ROLES,
                                                  encoding="utf-8")
    spec = load_text("extends: house/base.yaml\nname: child\n")
    assert Path(spec.face_files["House-Song"]).resolve() == (spec_dir / "house" / "House-Song.ttf").resolve()


@pytest.mark.parametrize(("content", "problem"), [
    (None, "fonts.song[0]: expected an existing font file, found none\n  hint: looked for "),
    (b"OTTO" + bytes(60), "fonts.song[0]: expected TrueType outlines, found CFF (PostScript) "
                          "outlines, which the PDF writer cannot embed\n  hint: use a TrueType"),
    (b"ttcf" + bytes(60), "fonts.song[0]: expected one TrueType face, found a font collection"),
    (b"%PDF-1.4\n", "fonts.song[0]: expected a TrueType font file, found something else"),
])
def test_a_font_file_that_cannot_serve_is_a_spec_error(
        problems_of: Callable[..., list[str]], spec_dir: Path, content: bytes | None,
        problem: str) -> None:
    if content is not None:
        (spec_dir / "Face.otf").write_bytes(content)
    problems = problems_of("fonts:\n  song: [Face.otf]\n" + OTHER_ROLES)
    assert len(problems) == 1
    assert problems[0].startswith("s.yaml:2:10: error: " + problem), problems[0]


def test_a_font_file_may_not_take_a_shipped_faces_name(
        problems_of: Callable[..., list[str]], spec_dir: Path) -> None:
    tiny_truetype(spec_dir / "NotoSansSC-Bold.ttf", "Impostor", HOUSE_CHARS)
    problems = problems_of("fonts:\n  song: [NotoSansSC-Bold.ttf]\n" + OTHER_ROLES,
                           manifest=FONT_MANIFEST)
    assert problems == ["s.yaml:2:10: error: fonts.song[0]: the face name `NotoSansSC-Bold` "
                        "(the file's name) is already another face's\n  hint: rename the file"]


def test_the_pdf_and_the_epub_embed_the_specs_own_face(spec_dir: Path, house_font: Path) -> None:
    (spec_dir / "house.yaml").write_text(
        f"extends: {ROOT / 'specs' / 'lvliang-daily.yaml'}\n"
        "fonts:\n  song: [fonts/House-Song.ttf, NotoSerifSC-Regular]\n", encoding="utf-8")
    for kind in ("pdf", "epub"):
        result = subprocess.run([sys.executable, str(ROOT / "export.py"), kind, str(SAMPLE),
                                 "--spec", "house.yaml", "-o", f"out.{kind}"],
                                capture_output=True, text=True, cwd=spec_dir, check=False)
        assert result.returncode == 0, result.stderr
    assert b"+HouseSong-Regular" in (spec_dir / "out.pdf").read_bytes()  # /BaseFont /ABCDEF+…
    with zipfile.ZipFile(spec_dir / "out.epub") as book:
        assert any("House-Song" in name for name in book.namelist()), book.namelist()


@pytest.mark.parametrize(("own_face", "punctuation", "warned"), [
    (False, "compressed", None), (False, "centred", "sit off-centre"),
    (True, "centred", None), (True, "compressed", "use typography.punctuation: centred"),
])
def test_a_punctuation_style_that_does_not_suit_the_body_face_is_warned_about(
        load_text: Callable[..., Spec], spec_dir: Path, own_face: bool, punctuation: str,
        warned: str | None) -> None:
    from layout import cli

    # a face with centred stops, as Taiwan and Hong Kong faces draw them (ink 0.1-0.9 em)
    tiny_truetype(spec_dir / "Centred.ttf", "Centred-Regular", "，。" + HOUSE_CHARS)
    song = "[Centred.ttf, NotoSerifSC-Regular]" if own_face else "[NotoSerifSC-Regular]"
    spec = load_text(f"fonts:\n  song: {song}\n" + OTHER_ROLES
                     + f"typography: {{punctuation: {punctuation}}}\n", manifest=FONT_MANIFEST)
    warning = punctuation_mismatch(spec, cli.load_fonts_for(spec))
    assert (warning is None) if warned is None else (warning is not None and warned in warning)


def export_epub_with_house_face(spec_dir: Path) -> subprocess.CompletedProcess[str]:
    (spec_dir / "house.yaml").write_text(
        f"extends: {ROOT / 'specs' / 'lvliang-daily.yaml'}\n"
        "fonts:\n  song: [fonts/House-Song.ttf, NotoSerifSC-Regular]\n", encoding="utf-8")
    return subprocess.run([sys.executable, str(ROOT / "export.py"), "epub", str(SAMPLE),
                           "--spec", "house.yaml", "-o", "out.epub"],
                          capture_output=True, text=True, cwd=spec_dir, check=False)


@pytest.mark.parametrize("licence_name", ["LICENSE.txt", "OFL.txt", "COPYING", "licence-house.md"])
def test_the_epub_carries_the_licence_found_beside_a_specs_face(
        spec_dir: Path, house_font: Path, licence_name: str) -> None:
    (house_font.parent / licence_name).write_bytes(b"House Song licence: embed freely.\n")
    result = export_epub_with_house_face(spec_dir)
    assert result.returncode == 0, result.stderr
    assert "licence" not in result.stderr
    with zipfile.ZipFile(spec_dir / "out.epub") as book:
        assert book.read(f"EPUB/fonts/{licence_name}") == b"House Song licence: embed freely.\n"


def test_a_specs_face_without_a_licence_beside_it_is_embedded_with_a_warning_and_no_other_licence(
        spec_dir: Path, house_font: Path) -> None:
    result = export_epub_with_house_face(spec_dir)
    assert result.returncode == 0, result.stderr
    assert ("warning: epub: no licence text beside fonts/House-Song.ttf (OFL*.txt, LICENSE*, "
            "COPYING*): its subset is embedded without one") in result.stderr
    assert "1 warnings" in result.stderr.splitlines()[-1]
    with zipfile.ZipFile(spec_dir / "out.epub") as book:
        names = book.namelist()
    assert any("House-Song" in name for name in names)
    # the shipped faces' own licences only: never the Noto text passed off as the house face's
    licences = sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("EPUB/fonts/") and
                      not n.endswith((".ttf", ".woff2")))
    assert licences == ["OFL-LXGWWenKai.txt", "OFL-NotoCJK.txt"]
