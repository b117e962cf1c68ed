"""Font subsets made in parallel processes: the same bytes as made in one, and a
worker's errors, warnings and log records reach the caller as if made there.

Every test points the subset cache at an empty folder, so subsets are really made.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import struct
import warnings
from pathlib import Path

import pytest

from layout.errors import FontError
from layout.fonts import FONT_DIR, load_fontset
from layout.render import epub_fonts
from layout.render.epub_fonts import cmap_chars, make_subsets
from layout.spec.schema import FontFormat

needs_fork = pytest.mark.skipif(epub_fonts._workers(2, 2) < 2, reason="no fork on this platform")


@pytest.fixture(autouse=True)
def empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LAYOUT_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def wanted() -> list[tuple[Path, frozenset[str]]]:
    """Three shipped faces, each with its own characters (the one with most goes first)."""
    fs = load_fontset()
    return [(Path(fs.font_path("NotoSansSC-Bold")), frozenset("吕梁日报 要闻")),
            (Path(fs.font_path("NotoSerifSC-Regular")), frozenset("国家主席习近平向论坛致贺信。，“”ABC 123")),
            (Path(fs.font_path("NewsKai-Regular")), frozenset("本报记者康桂芳"))]


def _use_cache(tmp_path, monkeypatch, name: str) -> None:
    monkeypatch.setenv("LAYOUT_CACHE_DIR", str(tmp_path / name))


def _logging_subset(path: Path, text: str, regional: bool = False,
                    font_format: FontFormat = FontFormat.TTF, real=epub_fonts._subset) -> bytes:
    """`_subset`, saying in a log record and a warning which process made the face."""
    logging.getLogger("layout.test").warning("made %s in %d", path.name, os.getpid())
    warnings.warn(f"made {path.name} in {os.getpid()}", UserWarning, stacklevel=1)
    return real(path, text, regional, font_format)


@needs_fork
def test_parallel_subsets_are_the_serial_bytes(wanted, tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(epub_fonts, "_subset", _logging_subset)
    made = {}
    for workers in (1, 2):
        _use_cache(tmp_path, monkeypatch, f"cache{workers}")
        caplog.clear()
        with pytest.warns(UserWarning, match="^made ") as caught:
            made[workers] = make_subsets(wanted, workers=workers)
        logged = [r.getMessage() for r in caplog.records if r.name == "layout.test"]
        warned = [str(w.message) for w in caught]
        # the records and warnings of every face reach this process, from the process
        # that made it: this one alone when serial, others (not this one) when parallel
        assert sorted(m.split()[1] for m in logged) == sorted(p.name for p, _ in wanted)
        assert sorted(logged) == sorted(warned)
        pids = {m.split()[-1] for m in logged}
        assert pids == {str(os.getpid())} if workers == 1 else str(os.getpid()) not in pids
    assert made[1] == made[2]
    for (_, chars), data in zip(wanted, made[2]):
        assert data[:4] == b"\x00\x01\x00\x00" and cmap_chars(data) == chars  # TrueType


@needs_fork
def test_parallel_subsets_are_cached_and_reused(wanted, monkeypatch):
    first = make_subsets(wanted, workers=2)

    def refuse(path: Path, text: str, *options: object) -> bytes:
        raise AssertionError(f"{path.name} subset again although cached")

    monkeypatch.setattr(epub_fonts, "_subset", refuse)
    assert make_subsets(wanted, workers=2) == first
    assert epub_fonts.subset_font(*wanted[2]) == first[2]


def _broken_copy(font: Path, folder: Path) -> Path:
    """`font` with its GSUB table overwritten by 0xFF bytes: its cmap and metrics read
    well, but fontTools cannot subset it."""
    data = bytearray(font.read_bytes())
    (tables,) = struct.unpack_from(">H", data, 4)
    for i in range(tables):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"GSUB":
            data[offset:offset + length] = b"\xff" * length
            break
    else:
        raise AssertionError(f"{font.name} has no GSUB table")
    broken = folder / "Broken-Regular.ttf"
    broken.write_bytes(bytes(data))
    return broken


@pytest.mark.parametrize("workers", [1, pytest.param(2, marks=needs_fork)])
def test_a_face_that_cannot_be_subset_is_a_font_error_naming_it(wanted, tmp_path, workers, monkeypatch,
                                                                 caplog):
    broken = _broken_copy(wanted[0][0], tmp_path)
    jobs = [wanted[1], (broken, frozenset("吕梁")), wanted[2]]
    monkeypatch.setattr(epub_fonts, "_subset", _logging_subset)
    with pytest.raises(FontError) as raised, pytest.warns(UserWarning, match="^made ") as caught:
        make_subsets(jobs, workers=workers)
    assert str(raised.value).startswith(f"{broken}: cannot subset the font for the EPUB (struct.error: ")
    # what the faces up to the broken one said before it failed is not lost either
    for said in ([r.getMessage() for r in caplog.records if r.name == "layout.test"],
                 [str(w.message) for w in caught]):
        assert {m.split()[1] for m in said} >= {wanted[1][0].name, broken.name}


@needs_fork
def test_the_first_failing_face_is_reported_as_serially(wanted, tmp_path):
    broken = _broken_copy(wanted[0][0], tmp_path)
    other = tmp_path / "Another-Regular.ttf"
    other.write_bytes(broken.read_bytes())
    jobs = [wanted[2], (other, frozenset("吕")), (broken, frozenset("吕梁日报" * 3))]
    messages = []
    for workers in (1, 2):
        with pytest.raises(FontError) as raised:
            make_subsets(jobs, workers=workers)
        messages.append(str(raised.value))
    assert messages[0] == messages[1] and messages[0].startswith(f"{other}: ")


@needs_fork
def test_a_worker_that_dies_is_an_error(wanted, monkeypatch):
    here = os.getpid()

    def die(path: Path, text: str, *options: object) -> bytes:
        if os.getpid() == here:
            raise AssertionError("made in this process, not in a worker")
        os._exit(3)

    monkeypatch.setattr(epub_fonts, "_subset", die)
    with pytest.raises(RuntimeError, match="subsetting process stopped"):
        make_subsets(wanted, workers=2)


def test_one_face_or_one_core_is_made_here():
    assert epub_fonts._workers(4, 1) == 1
    assert epub_fonts._workers(1, 4) == 1
    assert epub_fonts._workers(8, 3) == (3 if "fork" in multiprocessing.get_all_start_methods() else 1)
    assert epub_fonts._workers(2, 3) == min(2, epub_fonts._workers(8, 3))


# punctuation with vertical forms (GSUB vert/vrt2), ligature and kerning candidates,
# Latin, digits and Han: a closure over the layout tables, not just cmap lookups
MIXED = "，。、：；！？「」『』（）《》〈〉——……·ﬁfi AVWa 0123 国家主席习近平吕梁日报记者"


@pytest.mark.parametrize("face", ["NotoSerifSC-Regular", "NotoSerifSC-Bold", "NotoSansSC-Bold", "NewsKai-Regular"])
def test_glyphs_named_by_index_give_fonttools_bytes(face, monkeypatch):
    """The glyph names made up for a face without `post` names change no byte of its
    subset: the same as with the names fontTools makes from the cmap."""
    from fontTools.ttLib import TTFont

    path = Path(load_fontset().font_path(face))
    text = "".join(sorted(set(MIXED)))
    with TTFont(str(path), lazy=True) as font:
        epub_fonts._name_glyphs_by_index(font)
        assert font.getGlyphOrder()[:2] == [".notdef", "g1"]  # the shortcut applies here
    ours = epub_fonts._subset(path, text)
    monkeypatch.setattr(epub_fonts, "_name_glyphs_by_index", lambda font: None)
    assert epub_fonts._subset(path, text) == ours


@pytest.mark.parametrize(("jobs", "workers"), [(["--jobs", "1"], 1), ([], None)])
def test_the_clis_jobs_bound_the_subsetting_processes(tmp_path, monkeypatch, jobs: list[str],
                                                      workers: int | None) -> None:
    from layout import cli

    asked: list[int | None] = []
    real = epub_fonts.make_subsets

    def recording(wanted, *, workers=None, **options):
        asked.append(workers)
        return real(wanted, workers=workers, **options)

    monkeypatch.setattr(epub_fonts, "make_subsets", recording)
    sample = Path(cli.SAMPLE)
    assert cli.main(["epub", str(sample), "-o", str(tmp_path / "s.epub"), *jobs]) == 0
    assert asked == [workers]


def test_the_old_subset_folder_is_removed(tmp_path):
    """Subsets were once kept in `epub-fonts/`, keyed by path and mtime; nothing reads
    them now, so making a subset clears that folder away."""
    from layout.disk_cache import cache_dir

    old = cache_dir() / "epub-fonts"
    old.mkdir(parents=True)
    (old / "0123.woff2").write_bytes(b"old")
    make_subsets([(Path(load_fontset().font_path("NewsKai-Regular")), frozenset("本报"))], workers=1)
    assert not old.exists()


def test_the_cache_keeps_the_subsets_used_last(tmp_path, monkeypatch):
    """An archive exported issue by issue would otherwise grow the cache by a subset
    per face per issue: only the `SUBSETS_KEPT` used last stay."""
    monkeypatch.setattr(epub_fonts, "SUBSETS_KEPT", 2)
    face = Path(load_fontset().font_path("NewsKai-Regular"))
    from layout.disk_cache import cache_dir

    folder = cache_dir()
    first = make_subsets([(face, frozenset("本报"))], workers=1)
    make_subsets([(face, frozenset("记者"))], workers=1)
    for entry in folder.glob("epub-font-*"):
        os.utime(entry, ns=(1, 1))  # both long unused: the next read decides
    assert make_subsets([(face, frozenset("本报"))], workers=1) == first  # read: used now
    make_subsets([(face, frozenset("康桂芳"))], workers=1)  # a third: one must go
    assert len(list(folder.glob("epub-font-*"))) == 2

    def made(path: Path, text: str, *options: object) -> bytes:
        raise AssertionError(f"{text} subset again")

    monkeypatch.setattr(epub_fonts, "_subset", made)
    assert make_subsets([(face, frozenset("本报"))], workers=1) == first  # still cached
    with pytest.raises(AssertionError, match="subset again"):
        make_subsets([(face, frozenset("记者"))], workers=1)


def test_a_traditional_issues_subsets_keep_the_regional_forms_and_others_do_not(tmp_path, monkeypatch):
    """With `regional`, a subset keeps the glyphs the face's Taiwan and Hong Kong `locl`
    reaches (a reader draws zh-Hant text in them); without, the same characters' subset
    has none of them, and is smaller."""
    from fontTools.ttLib import TTFont

    _use_cache(tmp_path, monkeypatch, "cache")
    face = FONT_DIR / "NotoSerifSC-Regular.ttf"
    chars = frozenset("說骨，。中華民國")
    own, regional = (make_subsets([(face, chars)], workers=1, regional=r)[0] for r in (False, True))
    fonts = [TTFont(io.BytesIO(data)) for data in (own, regional)]
    assert len(fonts[1].getGlyphOrder()) > len(fonts[0].getGlyphOrder())
    tags = [{lang.LangSysTag.strip() for rec in f["GSUB"].table.ScriptList.ScriptRecord
             for lang in rec.Script.LangSysRecord} for f in fonts]
    assert tags[0].isdisjoint({"ZHT", "ZHH"}) and {"ZHT", "ZHH"} <= tags[1]
    assert cmap_chars(own) == cmap_chars(regional) >= set(chars)
    assert len(own) < len(regional)
