"""Pre-flight checks of an export, before anything is typeset (as a printer's
pre-flight checks a job before the press): every character the pages will print has a
face, and the spec's punctuation style suits the body face. They report; the command
line decides what is a warning and what an error.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from string import Formatter

from layout.fonts import FontSet
from layout.model import Issue
from layout.script import detect_script
from layout.spec.schema import Spec
from layout.spec.template import in_script
from layout.typeset.blocks import JUMP_WORDS


def missing_chars(issue: Issue, fonts: FontSet, spec: Spec | None = None) -> list[tuple[str, str, str]]:
    """Characters no face draws, as (char, "U+XXXX", where) (`FontSet.missing_chars`).
    With `spec`, what the spec prints is checked too (`spec_texts`), after the issue's
    own text, so a character in both is named where the issue has it."""
    texts = issue.texts()
    return fonts.missing_chars(texts if spec is None else itertools.chain(texts, spec_texts(spec, issue, fonts)))


def punctuation_mismatch(spec: Spec, fonts: FontSet) -> str | None:
    """A warning when the spec's punctuation style and the body face's stops disagree:
    `centred` with a face that draws ，。 at the left of the em box (mainland) leaves
    them off-centre; compressing the stops of a face that draws them centred (Taiwan,
    Hong Kong) cuts into their ink."""
    face = fonts.face_for("，", spec.styles["body"].role)
    if face is None:
        return None
    centred = fonts.draws_stops_centred(face)
    style = spec.typography.punctuation.value
    if style == "auto":  # follows the face (see typeset.blocks.punctuation_style)
        return None
    if style == "centred" and not centred:
        return (f"typography.punctuation is centred, but the body face {face} draws ，。 at "
                "the left of the em box (mainland style), so they will sit off-centre; use "
                "the paper's Traditional face (fonts: {song: [file.ttf]}) or compressed")
    if style != "centred" and centred:
        return (f"the body face {face} draws ，。 centred (Taiwan and Hong Kong style), which "
                f"{style} punctuation sets as if at the left of the box; use "
                "typography.punctuation: centred")
    return None


def spec_texts(spec: Spec, issue: Issue, fonts: FontSet) -> Iterator[tuple[str, str]]:
    """What the spec prints besides the issue's own text, named by its key: the literal
    parts of its templates (outside the {fields}), `masthead.name`, and the words the
    code adds (年月日 of {date_cn}, 、 between {editors}, the footer's 第N版, the jump lines
    the spec leaves to the issue's script, and the templates' words a Traditional issue
    prints in their Traditional form: its script is found only when `fonts` lack one of
    either script's words). A masthead or running head turned off prints nothing."""
    def printed(where: str, template: str) -> tuple[str, str]:
        parts = list(Formatter().parse(template))
        fields = {name for _, name, _, _ in parts if name is not None}
        added = ("年月日" if "date_cn" in fields and issue.issue.date else "") + ("、" if "editors" in fields else "")
        return f"spec {where}", "".join(literal for literal, *_ in parts) + added

    words = "".join(spec.traditional_words.values())
    if fonts.missing_chars([("", words)]):  # only then worth finding the issue's script
        spec = in_script(spec, detect_script(issue))
    if spec.masthead.name and (spec.masthead.enabled or spec.running_head.enabled):
        yield "spec masthead.name", spec.masthead.name  # the 报头's name, and the running head's
    if spec.masthead.enabled:
        yield from (printed(f"masthead.ear[{i}]", line.template) for i, line in enumerate(spec.masthead.ear))
    if spec.running_head.enabled:
        yield printed("running_head.template", spec.running_head.template)
    yield printed("footer.template", spec.footer.template)
    yield "spec footer (第N版)", "第版"
    defaults = next(iter(JUMP_WORDS.values()))
    if fonts.missing_chars([("", "".join(w for words in JUMP_WORDS.values() for w in words))]):
        defaults = JUMP_WORDS[detect_script(issue)]  # only then worth its pass (~10 ms for 200 pages)
    for key, default in zip(("continued_to", "continued_from"), defaults):
        yield printed(f"jumps.{key}", getattr(spec.jumps, key) or default)
