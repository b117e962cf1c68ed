"""Notes to the editor, collected while ingesting.

Every repair, inference and discarded piece of OCR text is recorded once, with the OCR
line it came from: as a note in the Issue (`line 17: ...`) and as a warning for the CLI
(`name:17: ...`). Nothing is dropped silently; the notes are where it went.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Notes:
    """Collects (line, message) pairs in the order they were found."""

    name: str = "<input>"
    items: list[tuple[int | None, str]] = field(default_factory=list)

    def add(self, line: int | None, message: str) -> None:
        """Record one note; message is one line (newlines are flattened)."""
        self.items.append((line, " ".join(message.split())))

    def notes(self) -> tuple[str, ...]:
        """The notes as stored in the Issue."""
        return tuple(f"line {ln}: {msg}" if ln else msg for ln, msg in self.items)

    def warnings(self) -> tuple[str, ...]:
        """The same notes as `name:line:` warnings for the command line."""
        return tuple(f"{self.name}:{ln}: {msg}" if ln else f"{self.name}: {msg}" for ln, msg in self.items)


def quote(text: str, limit: int = 40) -> str:
    """Quote OCR text for a note, shortened in the middle if long."""
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit // 2] + "…" + flat[-limit // 2 :]
    return f"'{flat}'"
