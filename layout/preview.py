"""Quick previews for spec tweaking: one page as PNG, re-rendered when inputs change.

Rasterising uses pypdfium2 (the PDFium engine, shipped in its wheel and already
needed by pdfplumber), so previews need no system package such as poppler.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import InputError
from .fileio import atomic_output


def render_png(write_pdf: Callable[[Path], object], page: int, output: Path, *, dpi: int = 72) -> None:
    """Call `write_pdf(path)` for a PDF holding just `page`, rasterise it to `output`."""
    import pypdfium2

    with tempfile.TemporaryDirectory() as scratch:
        pdf_path = Path(scratch) / "preview.pdf"
        write_pdf(pdf_path)
        document = pypdfium2.PdfDocument(str(pdf_path))
        try:
            if len(document) == 0:
                raise InputError(f"error: page {page} is not in the issue")
            image = document[0].render(scale=dpi / 72).to_pil()
        finally:
            document.close()
    with atomic_output(output) as temporary:
        # zlib's fastest level: a broadsheet at 72 dpi encodes in ~40 ms, not ~85 at the
        # default level (half of a watch round), and the file comes out smaller here
        image.save(temporary, format="PNG", compress_level=1)


def _stamp(paths: Iterable[Path]) -> tuple[tuple[int, int], ...]:
    """Modification time (ns) and size of each file: an edit within the same tick of a
    coarse clock still changes the size, mostly; a missing file counts as (0, -1), so
    its re-appearance triggers."""
    return tuple(_file_stamp(p) for p in paths)


def _file_stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, -1)
    return (stat.st_mtime_ns, stat.st_size)


def watch(paths: list[Path], action: Callable[[], None], *, on_error: Callable[[BaseException], None],
          interval: float = 0.2, rounds: int | None = None) -> None:
    """Run `action` now and again whenever one of `paths` changes (polling: a few
    `stat` calls a round, so it polls often and a saved spec shows in ~0.1 s plus the
    re-render, not in half a second).

    An input error during a round is reported and the watch goes on, so a spec being
    edited can be broken for a moment. `rounds` bounds the polling (for tests).
    """
    def attempt() -> None:
        try:
            action()
        except InputError as exc:
            on_error(exc)

    last = _stamp(paths)  # taken first, so an edit made during the run triggers another
    attempt()
    count = 0
    while rounds is None or count < rounds:
        time.sleep(interval)
        count += 1
        current = _stamp(paths)
        if current != last:
            last = current
            attempt()
