"""Fixture tests: OCR text, a `.` line, then the expected fields (mistune-style fixtures).

Each expectation line is `path: value`, where path names a field of the dump below
(`article 2 byline`, `page 1 footer editors`, `paper name`); `None` means unset. Only
the listed fields are checked, so a fixture states just what its rule is about.
Article paths without a page refer to the first page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.ingest import ingest_text
from layout.ingest.coverage import missing_characters
from layout.model import Issue, Paragraph

FIXTURES = Path(__file__).parent / "fixtures"


def dump(issue: Issue) -> dict[str, str]:
    """Flatten an issue to `path -> value` for comparison with a fixture."""
    out: dict[str, str] = {"pages": str(len(issue.pages))}
    for key in ("name", "supervisor_line", "publisher_line", "website", "postal_code", "cn_number"):
        out[f"paper {key}"] = str(getattr(issue.paper, key))
    for key in ("date", "weekday", "lunar_date", "number", "page_count"):
        out[f"issue {key}"] = str(getattr(issue.issue, key))
    for pn, page in enumerate(issue.pages, start=1):
        prefix = f"page {pn} "
        out[prefix + "number"] = str(page.number)
        out[prefix + "section"] = str(page.section)
        out[prefix + "articles"] = str(len(page.articles))
        if page.footer:
            for key in ("department", "layout_editor", "proofreader", "email"):
                out[f"{prefix}footer {key}"] = str(getattr(page.footer, key))
            out[prefix + "footer editors"] = " ".join(page.footer.editors)
        for an, art in enumerate(page.articles, start=1):
            heads = [prefix + f"article {an} "] + ([f"article {an} "] if pn == 1 else [])
            fields = {k: str(getattr(art, k)) for k in
                      ("headline", "kicker", "subheadline", "byline", "dateline", "jump", "credit")}
            paras = [b.text for b in art.body if isinstance(b, Paragraph)]
            fields.update({f"para {i}": t for i, t in enumerate(paras, start=1)})
            fields["paragraphs"] = str(len(paras))
            fields.update({f"block {i}": f"{type(b).__name__} {b.text}" for i, b in enumerate(art.body, start=1)})
            for head in heads:
                out.update({head + k: v for k, v in fields.items()})
    return out


def load(path: Path) -> tuple[str, list[tuple[str, str]]]:
    """Split a fixture into its input text and its expectations."""
    raw = path.read_text(encoding="utf-8")
    text, _, expected = raw.partition("\n.\n")
    pairs = [tuple(line.split(": ", 1)) for line in expected.splitlines() if line.strip()]
    return text, pairs  # type: ignore[return-value]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_fixture(path: Path) -> None:
    text, expected = load(path)
    issue, _ = ingest_text(text, path.name)
    got = dump(issue)
    wrong = [(k, v, got.get(k, "<missing>")) for k, v in expected if got.get(k, "<missing>") != v]
    assert not wrong, "\n".join(f"{k}: expected {v!r}, got {g!r}" for k, v, g in wrong)
    assert not missing_characters(text, issue)
