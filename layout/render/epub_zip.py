"""An EPUB zip as written by ebooklib -> the same entries, reproducibly packed.

ebooklib stamps every entry with the current time; this rewrites the archive with a
fixed timestamp (the issue's date), fixed permissions and creator system, `mimetype`
first and STORED (OCF 3.0 §4.3), the other entries in their original order, text
deflated at level 9 and already-compressed fonts and images stored. Two exports of
the same issue are then byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

_STORED_SUFFIXES = (".woff2", ".woff", ".png", ".jpg", ".jpeg")
_EARLIEST = dt.datetime(1980, 1, 1)  # the zip format's epoch


def zip_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """A zip `date_time` (local fields, 2-second resolution) within the format's range."""
    when = max(when.replace(tzinfo=None), _EARLIEST)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def repack(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite the zip `data` deterministically; raises on a missing `mimetype`."""
    stamp = zip_time(when)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        names = src.namelist()
        if "mimetype" not in names:
            raise ValueError("epub: the package has no mimetype entry")
        order = ["mimetype"] + [n for n in names if n != "mimetype"]
        with zipfile.ZipFile(out, "w") as dst:
            for name in order:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.create_system = 3  # unix, whatever the host
                info.external_attr = 0o100644 << 16
                stored = name == "mimetype" or name.lower().endswith(_STORED_SUFFIXES)
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                dst.writestr(info, src.read(name), compresslevel=None if stored else 9)
    return out.getvalue()
