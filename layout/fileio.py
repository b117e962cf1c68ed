"""Writing output files safely: never leave a half-written or corrupted file behind.

Every exporter writes through `atomic_output`: the bytes go to a temporary file in the
target's directory, which replaces the target only once it is complete. A failure
anywhere before that leaves the old file, if any, untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it over `target` on success."""
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def write_bytes_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` all at once or not at all."""
    with atomic_output(target) as temporary:
        temporary.write_bytes(data)


def write_text_atomic(target: Path, text: str) -> None:
    """Write UTF-8 `text` to `target` all at once or not at all."""
    write_bytes_atomic(target, text.encode("utf-8"))
