"""Reading inputs with an error that names them, and writing outputs safely: never
leave a half-written or corrupted file behind.

Every exporter writes through `atomic_output`: the bytes go to a temporary file in the
target's directory, which replaces the target only once it is complete. A failure
anywhere before that leaves the old file, if any, untouched.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from layout.errors import OutputError

_ATTEMPTS = 100  # temporary names tried before giving up (each taken one is skipped)


def read_input(path: Path, error: type[Exception], what: str) -> bytes:
    """The bytes of an input file, or `error` naming the file and why it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise error(f"{path}: error: cannot read {what}: {exc.strerror}") from None


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it over `target` on success.

    A place that cannot be written is the user's to fix: an `OutputError` naming the
    target, raised before any work when the temporary file cannot be made.
    """
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise _unwritable(target, "it is a folder")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        temporary = _new_file(directory, f".{target.name}.")
    except OSError as exc:
        raise _unwritable(target, exc.strerror) from None
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        try:
            os.replace(temporary, target)
        except OSError as exc:
            raise _unwritable(target, exc.strerror) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def check_writable(target: Path) -> None:
    """Raise `OutputError` now if `target` cannot be written, so a long export does
    not fail only at its end. Probes with a temporary file in the nearest existing
    folder (permissions alone do not tell, e.g. for root or a read-only mount)."""
    target = Path(target)
    if target.is_dir():
        raise _unwritable(target, "it is a folder")
    place = target.parent if str(target.parent) else Path(".")
    while not place.exists() and place != place.parent:
        place = place.parent
    if not place.is_dir():
        raise _unwritable(target, f"{place} is not a folder")
    try:
        _new_file(place, ".probe.").unlink()
    except OSError as exc:
        raise _unwritable(target, exc.strerror) from None


def _new_file(directory: Path, prefix: str) -> Path:
    """Create an empty file of a name no one else holds in `directory`, as
    `tempfile.mkstemp` does (O_EXCL) but named by this process: `tempfile` costs an
    export ~4 ms of imports (shutil, bz2, lzma, random)."""
    for attempt in range(_ATTEMPTS):
        name = directory / f"{prefix}{os.getpid()}-{attempt}.part"
        try:
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        return name
    raise FileExistsError(f"no free temporary name in {directory}")


def _unwritable(target: Path, why: str | None) -> OutputError:
    return OutputError(f"{target}: error: cannot write the output: {why}")


def write_bytes_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` all at once or not at all."""
    with atomic_output(target) as temporary:
        temporary.write_bytes(data)


def write_text_atomic(target: Path, text: str) -> None:
    """Write UTF-8 `text` to `target` all at once or not at all."""
    write_bytes_atomic(target, text.encode("utf-8"))
