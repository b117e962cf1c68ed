"""The shipped fonts and the FontSet registry (real fonts, no Debian packages)."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from layout.errors import FontError
from layout.fonts import FONT_DIR, load_fontset, load_manifest
from layout.typeset.measure import Metrics


@pytest.fixture(scope="module")
def fs():
    return load_fontset()


def test_manifest_faces_exist_and_are_truetype():
    files, chains = load_manifest()
    assert set(chains) >= {"song", "song-bold", "hei", "kai", "fangsong"}
    for path in files.values():
        font = TTFont(path, lazy=True)
        assert "glyf" in font and "CFF " not in font  # ReportLab needs TrueType outlines


def test_coverage_gb2312_and_big5_and_punctuation(fs):
    gb = [chr(c) for c in range(0x4E00, 0x9FA6)]  # the 20,902 URO ideographs of GBK
    for face in fs.faces:
        missing = [c for c in gb if not fs.has(face, c)]
        assert not missing, (face, missing[:5])
        for ch in "，。、；：？！“”‘’（）《》【】—…·⸺％０Ａａ　":
            assert fs.has(face, ch), (face, ch)


def test_fontset_is_metrics(fs):
    assert isinstance(fs, Metrics)
    assert fs.advance("NotoSerifSC-Regular", "中国", 9.0) == pytest.approx(18.0)


def test_roles_pick_their_faces(fs):
    assert fs.face_for("中", "song") == "NotoSerifSC-Regular"
    assert fs.face_for("中", "hei") == "NotoSansSC-Bold"
    assert fs.face_for("中", "kai") == "NewsKai-Regular"
    assert fs.face_for("中", "fangsong") == "NewsKai-Regular"
    assert fs.face_for("中", "song-bold") == "NotoSerifSC-Bold"


def test_fallback_to_next_face_and_none():
    fs = load_fontset(chains={"kai": ["NewsKai-Regular", "NotoSerifSC-Regular"]})
    # U+3402 (Ext-A) is in no shipped subset: nobody draws it
    assert fs.face_for("\U0010FFFD", "song") is None
    assert fs.face_for("\u3402", "kai") is None
    # a character only the second face of the chain has falls back to it
    only_serif = next(chr(c) for c in range(0x2000, 0x2700)
                      if fs.has("NotoSerifSC-Regular", chr(c))
                      and not fs.has("NewsKai-Regular", chr(c)))
    assert fs.face_for(only_serif, "kai") == "NotoSerifSC-Regular"


def test_fallback_to_another_role():
    fs = load_fontset(chains={"song": ["NewsKai-Regular"]})
    ch = next(chr(c) for c in range(0x2000, 0x2700)
              if fs.has("NotoSerifSC-Regular", chr(c)) and not fs.has("NewsKai-Regular", chr(c)))
    assert fs.face_for(ch, "song") is not None and fs.face_for(ch, "song") != "NewsKai-Regular"


def test_missing_chars_reports_where(fs):
    got = fs.missing_chars([("article 1 headline", "中文\U0010FFFD"), ("p2", "好\uE000")])
    assert got == [("\U0010FFFD", "U+10FFFD", "article 1 headline"), ("\uE000", "U+E000", "p2")]


def test_font_path_and_unknown_face(fs):
    assert fs.font_path("NotoSerifSC-Regular") == FONT_DIR / "NotoSerifSC-Regular.ttf"
    with pytest.raises(FontError):
        fs.font_path("Nope")
    with pytest.raises(FontError):
        load_fontset(chains={"song": ["Nope"]})


def test_width_cache_matches_a_fresh_parse_and_follows_the_file(tmp_path, monkeypatch):
    import shutil

    from layout import fonts as fonts_mod

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    font = tmp_path / "face.ttf"
    shutil.copy(FONT_DIR / "NewsKai-Regular.ttf", font)
    fresh = fonts_mod._face_widths("CacheTestFace", font)  # parsed, then stored
    stored = list((tmp_path / "cache" / "cjk-newspaper-layout").glob("widths-*.pickle"))
    assert len(stored) == 1
    assert fonts_mod._face_widths("CacheTestFace", font) == fresh  # read back
    widths, default, ink = fresh
    assert widths[ord("中")] == 1000 and default > 0 and set(ink) == set("—⸺")
    # a changed file is a new key: its widths are not taken from the old entry
    import os
    st = font.stat()
    os.utime(font, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert fonts_mod._face_widths("CacheTestFace", font) == fresh
    assert len(list(stored[0].parent.glob("widths-*.pickle"))) == 2
