"""Spec styles -> the EPUB stylesheet: font roles, relative sizes, alignment.

In: the spec (styles by role and size), the embedded faces and each role's font
stack, vertical or not. Out: one CSS text. Conservative for reader engines (Apple
Books, Kobo, Readium, epub.js): only em and unitless sizes, so the reader's font-size
setting scales everything; no absolute size on body text; `line-break: strict` and
justified body text as in print (clreq §3.1, §3.3); headings centred.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from layout.render.epub_fonts import EmbeddedFace
from layout.spec.schema import Align, Spec, Style
from layout.spec.units import screen_color

# Generic fallbacks per role when the reader lacks (or overrides) the embedded faces.
_GENERIC: Mapping[str, str] = {
    "song": '"Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif',
    "song-bold": '"Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif',
    "hei": '"Heiti SC", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
    "kai": '"Kaiti SC", "STKaiti", "KaiTi", "LXGW WenKai", serif',
    "fangsong": '"STFangsong", "FangSong", "Kaiti SC", serif',
}
_BOLD_ROLES = frozenset({"song-bold", "hei"})  # without embedded faces, ask for bold
_WRITING = ("writing-mode: vertical-rl; -epub-writing-mode: vertical-rl; "
            "-webkit-writing-mode: vertical-rl;")
_MAX_EM = 2.0  # a 28 pt broadsheet headline is 3 em of 9 pt body: too big on a phone

# (selector, spec style key); order matters only for readability
_SELECTORS: tuple[tuple[str, str], ...] = (
    ("p.kicker", "kicker"),
    ("h2", "headline"),
    ("p.subheadline", "subheadline"),
    ("p.byline", "byline"),
    ("span.dateline", "dateline"),
    ("h3", "subhead"),
    ("p.jump", "jump"),
    ("p.credit", "credit"),
    ("h1", "running_head"),
    (".page-footer p", "footer"),
    (".masthead p.ear", "masthead_ear"),
)

_FIXED = """\
p { margin: 0; }
article { margin: 0 0 1.5em 0; }
article > header { margin: 0 0 0.75em 0; }
h1, h2, h3, p.kicker, p.subheadline, p.byline { text-align: center; text-indent: 0; hyphens: none; }
h1 { margin: 0 0 1em 0; padding-bottom: 0.25em; border-bottom: 1px solid currentColor; }
h2 { margin: 0.25em 0; }
h2.untitled { opacity: 0.75; }
h3 { margin: 0.75em 0 0.5em 0; }
p.kicker, p.subheadline, p.byline { margin: 0.25em 0; }
p.jump, p.credit { text-indent: 0; text-align: right; margin: 0.25em 0; }
.page-footer { margin-top: 2em; border-top: 1px solid currentColor; }
.page-footer p { text-indent: 0; text-align: left; }
.masthead { text-align: center; margin: 0 0 1em 0; }
.masthead img { width: 100%; height: auto; }
.masthead p.ear { text-indent: 0; text-align: center; margin: 0; }
span[epub|type~="pagebreak"] { display: inline; }
nav ol { list-style: none; padding-left: 0; }
nav ol ol { padding-left: 1.5em; }
nav li { margin: 0.25em 0; }
nav a { text-decoration: none; }
"""


def _em(value: float, base: float) -> str:
    return f"{min(value / base, _MAX_EM):.3g}em"


def _family(role: str, stacks: Mapping[str, Sequence[str]] | None) -> str:
    generic = _GENERIC.get(role, "serif")
    own = [f'"{f}"' for f in (stacks or {}).get(role, ())]
    return ", ".join([*own, generic])


def _weight(role: str, weights: Mapping[str, int]) -> str:
    if role in weights:
        return str(weights[role])
    return "bold" if role in _BOLD_ROLES else "normal"


def _rule(selector: str, style: Style, base: float, stacks: Mapping[str, Sequence[str]] | None,
          weights: Mapping[str, int]) -> str:
    decls = [f"font-family: {_family(style.role, stacks)}",
             f"font-weight: {_weight(style.role, weights)}",
             f"font-size: {_em(style.size, base)}",
             f"line-height: {style.line_height / style.size:.3g}"]
    color = screen_color(style.color)
    if color != "#000000":
        decls.append(f"color: {color}")
    if selector.startswith(("p.jump", "p.credit", ".page-footer")):
        decls.append(f"text-align: {_align(style.align)}")
    return f"{selector} {{ {'; '.join(decls)}; }}"


def _align(align: Align) -> str:
    return {Align.JUSTIFY: "justify", Align.LEFT: "start", Align.CENTER: "center",
            Align.RIGHT: "end"}[align]


def build_css(spec: Spec, faces: Sequence[EmbeddedFace],
              stacks: Mapping[str, Sequence[str]] | None, *, vertical: bool,
              declared: set[str] | None = None) -> str:
    """The whole stylesheet. `stacks`: role -> embedded families; None = no fonts.
    `declared`: the families to declare (@font-face), default all: a document that
    declares a face its text never reaches leaves it unloaded, which readers and
    checkers report."""
    out = ['@charset "utf-8";', '@namespace epub "http://www.idpf.org/2007/ops";']
    for face in faces:
        if declared is not None and face.family not in declared:
            continue
        out.append(f'@font-face {{ font-family: "{face.family}"; font-style: normal; '
                   f"font-weight: {face.weight}; src: url({face.file_name}); }}")
    # a role's weight is its first face's: the faces are already bold, so no synthesis
    by_family = {f.family: f.weight for f in faces}
    weights = {role: by_family[fams[0]] for role, fams in (stacks or {}).items() if fams}
    body = spec.styles["body"]
    base = body.size
    out.append(f"html {{ {_WRITING} }}" if vertical else "html { }")
    out.append(
        f"body {{ font-family: {_family(body.role, stacks)}; "
        f"font-weight: {_weight(body.role, weights)}; "
        f"line-height: {body.line_height / body.size:.3g}; text-align: justify; "
        f"text-indent: {body.indent_em:g}em; line-break: strict; -epub-line-break: strict; "
        "word-break: normal; overflow-wrap: break-word; "
        "font-kerning: normal; hanging-punctuation: none; }")
    out.append(_FIXED.rstrip())
    out.extend(_rule(sel, spec.styles[key], base, stacks, weights)
               for sel, key in _SELECTORS if key in spec.styles)
    if vertical:
        # 竖排: the masthead banner stays a horizontal picture, fitted to the column
        out.append(".masthead img { width: auto; max-width: 100%; height: auto; max-height: 12em; }")
    return "\n".join(out) + "\n"


def reached_families(faces: Sequence[EmbeddedFace], stacks: Mapping[str, Sequence[str]] | None,
                     role: str, text: str) -> list[str]:
    """The families of `role`'s stack that draw some character of `text`, in stack
    order, as a reader's font fallback picks them."""
    chars = {face.family: face.chars for face in faces}
    stack_all = [f for f in (stacks or {}).get(role, ()) if f in chars]
    reached = {next((f for f in stack_all if ch in chars[f]), None) for ch in set(text)}
    return [f for f in stack_all if f in reached]


def build_cover_css(spec: Spec, faces: Sequence[EmbeddedFace],
                    stacks: Mapping[str, Sequence[str]] | None, used: set[str]) -> str:
    """cover.css: only the faces the cover's title line uses, so none loads in vain.

    The cover is a picture and stays horizontal in a 竖排 book too: set vertical-rl,
    epub.js laid it out as 45 blank-looking screens (check.sh's screen count)."""
    style = spec.styles.get("masthead_ear", spec.styles["body"])
    families = reached_families(faces, stacks, style.role, "".join(used))
    out = ['@charset "utf-8";']
    out.extend(f'@font-face {{ font-family: "{f.family}"; font-style: normal; '
               f"font-weight: {f.weight}; src: url({f.file_name}); }}"
               for f in faces if f.family in families)
    stack = ", ".join([*(f'"{f}"' for f in families), _GENERIC.get(style.role, "serif")])
    out.append(f"body.cover {{ margin: 0; padding: 0; text-align: center; text-indent: 0; "
               f"font-family: {stack}; }}")
    # one screen: a block image (no line box under it) with room left for the title line
    out.append("div.cover { text-align: center; }")
    out.append("div.cover img { display: block; margin: 0 auto; height: calc(100vh - 4em); "
               "max-width: 100%; object-fit: contain; }")
    out.append("p.cover-title { margin: 0.5em 0 0 0; font-size: 1em; line-height: 1.5; }")
    return "\n".join(out) + "\n"
