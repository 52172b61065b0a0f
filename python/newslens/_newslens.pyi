"""Type stubs of the native module built from python/src/lib.rs.

Use the wrappers in ``newslens`` (documented there); these are the raw entry points.
"""

from collections.abc import Iterable
from typing import Any

FORMAT_VERSION: int
"""Version of the JSON document (``docs/format.md``)."""

OFFSET_UNITS: list[str]
"""The offset unit names: ``["utf16", "bytes", "chars"]``."""

def annotate(text: str, offsets: str = "chars") -> dict[str, Any]:
    """One document for one text (see ``newslens.annotate``)."""

def annotate_many(
    texts: Iterable[str], offsets: str = "chars", threads: int | None = None
) -> list[dict[str, Any]]:
    """One document per text, in parallel without the GIL (see ``newslens.annotate_many``)."""

def _annotate_arrow_raw(
    schema: object, array: object, offsets: str = "chars", threads: int | None = None
) -> tuple[int, bytes, bytes, bytes | None, int, bool]:
    """Private: ``(length, offsets, data, validity, null_count, large)`` of the output array.

    ``schema`` and ``array`` are the PyCapsules of ``array.__arrow_c_array__()``.
    """
