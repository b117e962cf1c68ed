"""pdf_file: PDF syntax of each value, the file's structure (cross references, trailer,
identifier), and errors in its use."""

from __future__ import annotations

import io
import re

import pypdfium2 as pdfium
import pytest

from layout.render.pdf_file import Name, PdfFile, Raw, Ref, pdf_name, serialize, text_string


@pytest.mark.parametrize(("value", "pdf"), [
    (Name("FlateDecode"), "/FlateDecode"),
    (Name("ABCDEF+Noto Sans(CJK)#1"), "/ABCDEF+Noto#20Sans#28CJK#29#231"),
    (Name("宋"), "/#E5#AE#8B"),
    (Ref(12), "12 0 R"),
    (True, "true"), (False, "false"), (None, "null"),
    (7, "7"), (-3, "-3"), (0.5, ".5"), (1105.5118, "1105.512"), (2.0, "2"),
    ("Adobe", "(Adobe)"),
    ("a (b) c\\d", r"(a \(b\) c\\d)"),
    ("吕梁", "<FEFF54156881>"),
    ("tab\there", "<FEFF00740061006200090068006500720065>"),  # not printable: UTF-16
    ("𠀀", "<FEFFD840DC00>"),  # beyond the BMP: a surrogate pair
    (b"\x00\xff", "<00FF>"),
    (Raw("[1 [500]]"), "[1 [500]]"),
    ([1, Name("XYZ"), [0.25]], "[1 /XYZ [.25]]"),
    ({"Type": Name("Page"), "Kids": [Ref(3)], "Resources": {"Font": Ref(2)}},
     "<< /Type /Page /Kids [3 0 R] /Resources << /Font 2 0 R >> >>"),
    ({}, "<< >>"),
])
def test_values_in_pdf_syntax(value, pdf):
    assert serialize(value) == pdf


def test_name_and_text_string_helpers():
    assert pdf_name("F1") == "/F1"
    assert text_string("") == "()"


def test_a_value_with_no_pdf_form_is_refused():
    with pytest.raises(TypeError, match="no PDF form for set"):
        serialize({1, 2})


def _document(title: str = "t", content: bytes = b"0 0 10 10 re f") -> bytes:
    out = io.BytesIO()
    pdf = PdfFile(out)
    tree = pdf.reserve()  # written last, named first
    page = pdf.add({"Type": Name("Page"), "Parent": tree, "MediaBox": [0, 0, 200, 100],
                    "Contents": pdf.add_stream(content)})
    pdf.add({"Type": Name("Pages"), "Kids": [page], "Count": 1}, tree)
    pdf.close(pdf.add({"Type": Name("Catalog"), "Pages": tree}), pdf.add({"Title": title}))
    return out.getvalue()


def test_cross_references_point_at_their_objects():
    data = _document()
    assert data.startswith(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))
    assert data[start:].startswith(b"xref\n0 6\n0000000000 65535 f \n")
    rows = re.findall(rb"(\d{10}) 00000 n \n", data[start:])
    assert len(rows) == 5
    for number, offset in enumerate((int(r) for r in rows), 1):
        assert data[offset:].startswith(f"{number} 0 obj\n".encode())
    assert b"/Size 6 /Root 4 0 R /Info 5 0 R" in data


def test_a_stream_carries_its_length_and_opens():
    data = _document(content=b"0 0 50 50 re f")
    assert b"<< /Length 14 >>\nstream\n0 0 50 50 re f\nendstream" in data
    document = pdfium.PdfDocument(data)
    assert len(document) == 1 and document[0].get_size() == (200, 100)
    assert document.get_metadata_value("Title") == "t"


def test_the_identifier_follows_the_content():
    first, again, other = _document(), _document(), _document(title="u")
    ids = [re.search(rb"/ID \[<([0-9A-F]{32})> <\1>\]", d).group(1) for d in (first, again, other)]
    assert first == again and ids[0] == ids[1] != ids[2]


def test_an_object_reserved_but_never_written_is_an_error():
    pdf = PdfFile(io.BytesIO())
    lost = pdf.reserve()
    root = pdf.add({"Type": Name("Catalog")})
    with pytest.raises(ValueError, match=rf"reserved but never written: \[{lost.number}\]"):
        pdf.close(root, root)


def test_an_object_written_twice_is_an_error():
    pdf = PdfFile(io.BytesIO())
    ref = pdf.add(1)
    with pytest.raises(ValueError, match="written twice"):
        pdf.add(2, ref)
