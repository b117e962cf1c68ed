"""Content digests for cache keys, font subset tags and the PDF's ID: BLAKE2b.

From CPython's own `_blake2`, which `hashlib.blake2b` is, when it can be imported
alone: `import hashlib` first loads OpenSSL's `_hashlib` and lists its digests, ~3 ms
and 8 M instructions of every run, 4 % of a one-page export, for digests that need
nothing from OpenSSL. Else (another Python) from hashlib.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always builds _blake2
    from hashlib import blake2b

__all__ = ["blake2b", "digest"]


def digest(data: bytes = b"", size: int = 32) -> blake2b:
    """A BLAKE2b of `data` (more with `update`) with a `size`-byte digest."""
    return blake2b(data, digest_size=size)
