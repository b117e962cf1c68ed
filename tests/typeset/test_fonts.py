"""The shipped fonts and the FontSet registry (real fonts, no Debian packages)."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont

from layout.errors import FontError
from layout.fonts import FONT_DIR, load_fontset, load_manifest
from layout.ranges import runs
from layout.typeset.measure import Metrics


@pytest.fixture(scope="module")
def fs():
    return load_fontset()


def test_manifest_faces_exist_and_are_truetype():
    files, chains = load_manifest()
    assert set(chains) >= {"song", "song-bold", "hei", "kai", "fangsong"}
    for path in files.values():
        with TTFont(path, lazy=True) as font:
            assert "glyf" in font and "CFF " not in font  # the PDF embeds TrueType outlines


def test_coverage_gb2312_and_big5_and_punctuation(fs):
    gb = [chr(c) for c in range(0x4E00, 0x9FA6)]  # the 20,902 URO ideographs of GBK
    for face in fs.faces:
        missing = [c for c in gb if not fs.has(face, c)]
        assert not missing, (face, missing[:5])
        for ch in "，。、；：？！“”‘’（）《》【】—…·⸺％０Ａａ　":
            assert fs.has(face, ch), (face, ch)


def _tgscc_8105() -> list[str]:
    """fonts/tgscc-8105.txt: 通用规范汉字表 (2013), one character per line."""
    text = (FONT_DIR / "tgscc-8105.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_tgscc_8105_list_is_the_whole_table():
    chars = _tgscc_8105()
    assert len(chars) == 8105 and len(set(chars)) == 8105
    assert all(len(c) == 1 for c in chars)
    assert chars[:10] == list("一乙二十丁厂七卜八人") and chars[-1] == "蠼"
    # 276 of them are outside U+4E00–U+9FA5: Ext-A…E and U+9FA6–U+9FFF (鿍鿎鿏)
    outside = [c for c in chars if not 0x4E00 <= ord(c) <= 0x9FA5]
    assert len(outside) == 276
    assert {"鿍", "鿎", "鿏", "㧐", "𬉼", "𠳐", "𫓧", "𫟹"} <= set(outside)


def test_coverage_tgscc_8105_body_face_and_every_role(fs):
    chars = _tgscc_8105()
    missing = [c for c in chars if not fs.has("NotoSerifSC-Regular", c)]
    assert not missing, (len(missing), "".join(missing[:20]))
    # as the product looks a character up: each role draws it from its own chain
    for role, chain in fs.chains.items():
        off_chain = [c for c in chars if fs.face_for(c, role) not in chain]
        assert not off_chain, (role, len(off_chain), "".join(off_chain[:20]))
    for face in fs.faces:  # and every shipped face has the whole table itself
        missing = [c for c in chars if not fs.has(face, c)]
        assert not missing, (face, len(missing), "".join(missing[:20]))
    assert fs.missing_chars([("通用规范汉字表", "".join(chars))]) == []


# Common Traditional characters (all in Big5 level 1; 112 of the 238 are not in GB2312)
TRADITIONAL = (
    "臺灣與香港的讀者常常問：從前的報紙是怎樣排版的？當時的編輯部裡，記者把稿件交給編輯，"
    "編輯斟酌標題、刪改文字，再送到排字房。排字工人從鉛字架上一個一個揀出鉛字，按照版面的"
    "欄數拼成整版。國際新聞、經濟動態、體育賽事與文藝副刊，各有各的位置。頭版通常刊登最重要"
    "的消息，報頭旁邊的報眼則留給天氣預報或廣告。學者指出，這種工藝雖然繁瑣，卻培養了一代又"
    "一代認真負責的新聞工作者。如今電腦排版取代了鉛與火，但橫豎對齊、標點不出頭的規矩依然沒"
    "有改變。關於漢字的寫法，兩岸三地各有標準：繁體字講究筆畫齊全，簡體字追求書寫便利。無論"
    "哪一種，讀者翻開報紙的時候，總希望每一個字都清楚、準確、端正。為了讓舊報紙重見天日，圖"
    "書館與檔案館正在進行數位化工程，掃描後經過光學辨識，再由專人逐字校對，錯誤率已經降到萬"
    "分之一以下。灣區鐵路、醫療衛生、農業發展、環境保護、議會選舉、兒童教育、雙語節目、龜鱉"
    "養殖、鬱鬱蔥蔥。"
)


def test_coverage_common_traditional(fs):
    assert len(set(TRADITIONAL)) > 200
    missing = sorted({c for c in TRADITIONAL if not fs.has("NotoSerifSC-Regular", c)})
    assert not missing, missing
    for role in fs.chains:
        assert all(fs.face_for(c, role) in fs.chains[role] for c in TRADITIONAL), role


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
    import os
    import shutil

    from layout import fonts as fonts_mod

    monkeypatch.delenv("LAYOUT_CACHE_DIR", raising=False)  # the suite's (conftest): the XDG one here
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    font = tmp_path / "face.ttf"
    shutil.copy(FONT_DIR / "NewsKai-Regular.ttf", font)
    fresh = fonts_mod._face_widths("CacheTestFace", font)  # parsed, then stored
    stored = list((tmp_path / "cache" / "cjk-newspaper-layout").glob("widths-*.pickle"))
    assert len(stored) == 1
    assert fonts_mod._face_widths("CacheTestFace", font) == fresh  # read back
    cmap, default, ink, ranges = fresh
    assert cmap.advance(ord("中"), 0) == 1000 and default > 0 and set(ink) == set(fonts_mod._INK_CACHED)
    assert ink == {ch: fonts_mod._ink_extent(font, ch) for ch in fonts_mod._INK_CACHED}  # as read alone
    assert cmap.gid(ord("中")) > 0 and cmap.gid(0x10FFFD) == 0 and 0x10FFFD not in cmap
    assert ranges == runs(cmap.codes) and len(ranges) < len(cmap) / 50
    # a copy elsewhere (another clone) shares the entry; a touched file keeps it
    copy = tmp_path / "clone" / "face.ttf"
    copy.parent.mkdir()
    shutil.copy(font, copy)
    os.utime(copy, ns=(10**9, 10**18))
    assert fonts_mod._face_widths("CacheTestFace", copy) == fresh
    assert len(list(stored[0].parent.glob("widths-*.pickle"))) == 1
    # a changed file is a new key: its widths are not taken from the old entry
    shutil.copy(FONT_DIR / "NotoSansSC-Bold.ttf", font)
    fonts_mod._face_widths("CacheTestFace", font)
    assert len(list(stored[0].parent.glob("widths-*.pickle"))) == 2


def test_width_cache_keeps_the_faces_read_last(tmp_path, monkeypatch):
    """Each edited font or cache version adds an entry no one reads again: only the
    `_FACES_KEPT` used last stay."""
    import os
    import shutil

    from layout import fonts as fonts_mod

    monkeypatch.setenv("LAYOUT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(fonts_mod, "_FACES_KEPT", 1)
    font = tmp_path / "face.ttf"
    shutil.copy(FONT_DIR / "NewsKai-Regular.ttf", font)
    fonts_mod._face_widths("A", font)
    for entry in (tmp_path / "cache").glob("widths-*.pickle"):
        os.utime(entry, ns=(1, 1))  # long unused
    shutil.copy(FONT_DIR / "NotoSansSC-Bold.ttf", font)
    bold = fonts_mod._face_widths("A", font)
    entries = list((tmp_path / "cache").glob("widths-*.pickle"))
    assert len(entries) == 1 and fonts_mod.load(entries[0]) == bold


def test_face_data_agrees_with_fonttools(tmp_path, monkeypatch):
    """An independent reading of the same face: fontTools finds the same cmap, glyph
    ids, advances (1/1000 em) and default width as the cached face data (`sfnt`); a
    no-break space the face lacks is drawn with its space."""
    from fontTools.ttLib import TTFont as FTFont

    from layout import fonts as fonts_mod

    monkeypatch.setenv("LAYOUT_CACHE_DIR", str(tmp_path / "cache"))
    font = FONT_DIR / "NotoSansSC-Bold.ttf"
    cmap, default = fonts_mod._face_widths("Face", font)[:2]
    with FTFont(str(font), lazy=True) as reference:
        scale = 1000 / reference["head"].unitsPerEm
        names = dict(reference.getBestCmap())
        if 0xA0 not in names and 0x20 in names:
            names[0xA0] = names[0x20]
        gids = {cp: reference.getGlyphID(n) for cp, n in names.items()}
        advances = {cp: reference["hmtx"][n][0] * scale for cp, n in names.items()}
        notdef = int(reference["hmtx"][reference.getGlyphOrder()[0]][0] * scale)
    assert dict(zip(cmap.codes, cmap.gids)) == gids
    assert dict(zip(cmap.codes, cmap.advances)) == advances
    assert default == notdef


def test_manifest_reads_as_pyyamls_safe_load(tmp_path):
    """The manifest is parsed by libyaml (as the spec loader does), to the data
    yaml.safe_load makes of it."""
    import yaml

    files, chains = load_manifest()
    data = yaml.safe_load((FONT_DIR / "fonts.yaml").read_text(encoding="utf-8"))
    assert files == {name: FONT_DIR / face["file"] for name, face in data["faces"].items()}
    assert chains == data["chains"]
    # another folder's manifest: its own faces, chains in their order
    (tmp_path / "fonts.yaml").write_text(
        "faces:\n  A: {file: a.ttf}\n  B:\n    file: 'b.ttf'\nchains:\n  song: [B, A]\n  hei: [A]\n",
        encoding="utf-8")
    for name in ("a.ttf", "b.ttf"):
        (tmp_path / name).write_bytes(b"")  # only their presence is checked here
    assert load_manifest(tmp_path) == ({"A": tmp_path / "a.ttf", "B": tmp_path / "b.ttf"},
                                       {"song": ["B", "A"], "hei": ["A"]})


def test_taiwan_and_hong_kong_forms_replace_glyphs_not_widths() -> None:
    """The shipped faces keep their `locl` forms for Taiwan (ZHT) and Hong Kong (ZHH):
    a FontSet asked for them draws those glyphs (，。 centred, 說 and 骨 as Taiwan writes
    them) with the same advances; the faces' own forms otherwise."""
    own, taiwan, hong_kong = (load_fontset(forms=f) for f in (None, "ZHT", "ZHH"))
    for face in ("NotoSerifSC-Regular", "NotoSerifSC-Bold", "NotoSansSC-Bold"):
        base = own.cmap(face)
        for fs in (taiwan, hong_kong):
            regional = fs.cmap(face)
            assert regional.codes == base.codes and regional.advances == base.advances
            assert regional.gid(ord("，")) != base.gid(ord("，"))
            assert fs.draws_stops_centred(face) and not own.draws_stops_centred(face)
            assert regional.gid(ord("中")) == base.gid(ord("中"))  # most glyphs are shared
        for ch in "說骨":
            assert taiwan.cmap(face).gid(ord(ch)) != base.gid(ord(ch))
    assert own.cmap("NewsKai-Regular") == taiwan.cmap("NewsKai-Regular")  # no forms to take
    with pytest.raises(FontError, match="unknown regional forms 'ZHX'"):
        load_fontset(forms="ZHX")


def test_auto_punctuation_follows_where_the_body_face_sets_its_stops() -> None:
    from dataclasses import replace

    from layout.preflight import punctuation_mismatch
    from layout.spec.schema import Punctuation, Spec
    from layout.typeset.blocks import punctuation_style

    spec = Spec()
    assert spec.typography.punctuation is Punctuation.AUTO
    assert punctuation_style(spec, load_fontset()) == "compressed"
    assert punctuation_style(spec, load_fontset(forms="ZHT")) == "centred"
    full = replace(spec, typography=replace(spec.typography, punctuation=Punctuation.FULL_WIDTH))
    assert punctuation_style(full, load_fontset(forms="ZHT")) == "full-width"
    assert punctuation_mismatch(spec, load_fontset(forms="ZHT")) is None
    assert "centred" in punctuation_mismatch(full, load_fontset(forms="ZHT"))
