"""A small exception hierarchy: what went wrong, and whose fault it is.

`InputError` and its kinds are the user's to fix (exit code 2); anything else that
escapes is a bug in the tool (exit code 1).
"""

from __future__ import annotations


class LayoutError(Exception):
    """Base of every error this package raises on purpose."""


class InputError(LayoutError):
    """Bad input from the user: a file, a document, a spec or an argument.

    The message is one line, already naming the file and place, ready for stderr.
    """


class DocumentError(InputError):
    """An issue document that does not load or does not validate."""


class IngestError(InputError):
    """Raw OCR text that cannot be ingested (empty, binary, wrong encoding)."""


class SpecError(InputError):
    """A layout spec with problems; `problems` holds every one, one per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(problems))


class OutputError(InputError):
    """An output path that cannot be written (a missing or read-only place, a folder
    where the file should go)."""


class FontError(InputError):
    """A font problem: a character no configured font can draw (in strict mode), or a
    font file that cannot be read, measured or embedded."""
