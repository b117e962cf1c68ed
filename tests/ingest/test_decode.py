"""decode_raw: accepted encodings, and one clear error per kind of bad input."""

from __future__ import annotations

import codecs
import re
import time

import pytest

from layout.errors import IngestError
from layout.ingest import decode_raw, ingest_text

TEXT = "本报讯（记者 王红）今天天气晴朗。\n第二行文字。\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),  # with BOM
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("gb18030"),
    TEXT.encode("gbk"),
], ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "gb18030", "gbk"])
def test_accepted_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_raw(data, "page.txt") == TEXT


def test_crlf_is_normalised() -> None:
    assert decode_raw(TEXT.replace("\n", "\r\n").encode(), "p.txt") == TEXT


@pytest.mark.parametrize(("data", "expected"), [
    (b"", "empty input"),
    (b"   \n\t\n  ", "empty input"),
    (codecs.BOM_UTF8 + b" \n", "empty input"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data (NUL byte"),
    (bytes(range(1, 9)) * 50 + "中文".encode(), "binary data (many control"),
    (b"Hello world, this is English only.\n", "no Chinese characters"),
    ("Ünïcödé but no Han at all".encode(), "no Chinese characters"),
    (b"abc\n" * 3 + b"\xc0\xaf\xff", "not UTF-8"),
    ("第一行\n".encode() + b"\x80\x81\xfe\n", "p.txt:2:"),
], ids=["empty", "whitespace", "bom-only", "png", "controls", "english", "latin1-ish", "garbage-bytes", "bad-line"])
def test_bad_input_names_file_and_expectation(data: bytes, expected: str) -> None:
    with pytest.raises(IngestError) as err:
        decode_raw(data, "p.txt")
    message = str(err.value)
    assert re.match(r"p\.txt(:\d+)?: error: ", message), message
    assert expected in message
    assert "expected" in message and "\n" not in message


def test_latin1_bytes_are_not_guessed_as_gbk() -> None:
    # Valid GB18030 byte-wise, but decodes to few Han: refuse rather than guess.
    with pytest.raises(IngestError, match="not recognisably GB18030"):
        decode_raw("café crème brûlée à la française".encode("latin-1"), "menu.txt")


def test_a_long_single_line_ingests_in_linear_time() -> None:
    """Four times the text takes about four times as long, not sixteen: a relative
    measure (the best of three runs each), so a busy machine does not fail it."""
    phrase = "中国同中亚五国深化产业与投资合 作将有力维护区域产业链供应链稳 定，"

    def best_time(repeats: int) -> float:
        data = (phrase * repeats).encode()
        times = []
        for _ in range(3):
            start = time.perf_counter()
            issue, _ = ingest_text(decode_raw(data, "big.txt"), "big.txt")
            times.append(time.perf_counter() - start)
        assert len(issue.articles()) == 1
        return min(times)

    small, large = best_time(2_000), best_time(8_000)
    assert large / small < 8, (small, large)


def test_yaml_tags_stay_text() -> None:
    data = "本报讯 据悉 !!python/object/apply:os.system ['echo hi'] 这是文本。".encode()
    issue, _ = ingest_text(decode_raw(data, "y.txt"), "y.txt")
    body = issue.articles()[0].body[0].text
    assert "!!python/object/apply:os.system" in body
