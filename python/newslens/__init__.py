"""newslens: who says what in a news article.

Finds the actors (people, organizations, places, unnamed sources), the quotes
they are credited with and the claims reported in the article's own words.
The engine is the newslens Rust crate, compiled into this package; every
function returns the JSON document described in the repository's
``docs/format.md``, exactly what ``newslens annotate`` (the CLI) prints.

Offsets
-------
Every function takes ``offsets``, the unit of every offset in the document:

- ``"chars"`` (the default here): Unicode code points, what Python's ``str``
  indexes, so ``text[span["start"]:span["end"]]`` is the span's text;
- ``"utf16"``: UTF-16 code units, what JavaScript counts (the CLI's and the
  web page's default);
- ``"bytes"``: UTF-8 bytes, for slicing ``text.encode("utf-8")``.

The default differs from the CLI's (``utf16``) on purpose: in Python a span
counted in UTF-16 units or bytes slices the wrong characters as soon as the
text holds an emoji or an accented letter; code points never do. The document
always says its unit in its ``"offsets"`` field.

Functions
---------
- :func:`annotate`: one ``str`` to one ``dict``.
- :func:`annotate_many`: a list of ``str`` to a list of ``dict``, in parallel
  on every core, with the GIL released.
- :func:`annotate_arrow`: a pyarrow string or binary array to a string array
  of JSON documents, one per row, without a Python object per row (for
  pandas, Polars and Spark); bad rows get ``{"error": ...}`` in their row.
- :mod:`newslens.spark`: ``annotate(df)`` for PySpark data frames.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Union

from ._newslens import FORMAT_VERSION, OFFSET_UNITS
from ._newslens import _annotate_arrow_raw
from ._newslens import annotate as _annotate
from ._newslens import annotate_many as _annotate_many

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "FORMAT_VERSION",
    "OFFSET_UNITS",
    "DEFAULT_OFFSETS",
    "annotate",
    "annotate_many",
    "annotate_arrow",
    "Document",
]

__version__ = "0.1.0"

#: The default offset unit of this package: code points, what ``str`` indexes.
DEFAULT_OFFSETS = "chars"

OffsetName = Literal["chars", "utf16", "bytes"]


class Span(TypedDict):
    """Half-open range: ``text[start:end]`` (with ``offsets="chars"``)."""

    start: int
    end: int


class Actor(TypedDict):
    id: int
    name: str
    kind: Literal["person", "organization", "place", "group"]
    titles: list[str]
    anonymous: bool
    mentions: list[int]


class Mention(TypedDict):
    id: int
    actor: int
    span: Span
    title: Union[Span, None]
    kind: Literal["name", "description", "pronoun"]


Quote = TypedDict(
    "Quote",
    {
        "id": int,
        "kind": Literal["direct", "partial", "continuation"],
        "span": Span,
        "content": Span,
        "speaker": Union[int, None],
        "speakerMention": Union[int, None],
        "cue": Union[Span, None],
        "reporter": Union[int, None],
    },
)

Claim = TypedDict(
    "Claim",
    {
        "id": int,
        "claimant": Union[int, None],
        "claimantMention": Union[int, None],
        "cue": Span,
        "content": Span,
        "stance": Literal[
            "assert", "deny", "warn", "urge", "confirm", "accuse", "promise", "believe", "question"
        ],
        "disputedBy": list[int],
        "disputes": list[int],
    },
)

Document = TypedDict(
    "Document",
    {
        "version": int,
        "offsets": OffsetName,
        "textLength": int,
        "actors": list[Actor],
        "mentions": list[Mention],
        "quotes": list[Quote],
        "claims": list[Claim],
    },
)
Document.__doc__ = "The newslens JSON document (docs/format.md), as json.loads returns it."


def annotate(text: str, offsets: str = DEFAULT_OFFSETS) -> Document:
    """Annotate one article: its actors, mentions, quotes and claims.

    Returns the document ``newslens annotate --offsets OFFSETS`` prints, as
    ``json.loads`` would return it: a ``dict`` with ``version``, ``offsets``,
    ``textLength`` and the lists ``actors``, ``mentions``, ``quotes`` and
    ``claims`` (see ``docs/format.md``).

    ``offsets`` is the unit of every span: ``"chars"`` (default: code points,
    so ``text[q["content"]["start"]:q["content"]["end"]]`` is a quote's
    words), ``"utf16"`` (the CLI's default, what JavaScript counts) or
    ``"bytes"`` (UTF-8). The aliases ``"utf-16"``, ``"utf8"``, ``"utf-8"``
    and ``"codepoints"`` are accepted too.

    The GIL is released while the engine runs; the cost grows linearly with
    the length of the text.

    Raises:
        TypeError: ``text`` is not a ``str`` (``bytes`` must be decoded first).
        ValueError: ``offsets`` is not a unit name; or the text is not valid
            Unicode (a lone surrogate, as ``errors="surrogateescape"``
            decoding leaves) or holds a NUL character, which the CLI refuses
            as a binary file. The message names the position.

    >>> doc = annotate('"We will rebuild," Mayor Zoë Adeyemi said.')
    >>> doc["actors"][0]["name"], doc["quotes"][0]["kind"]
    ('Zoë Adeyemi', 'direct')
    """
    return _annotate(text, offsets)


def annotate_many(
    texts: Iterable[str], offsets: str = DEFAULT_OFFSETS, threads: int | None = None
) -> list[Document]:
    """Annotate many articles in parallel; one document per text, in order.

    Equivalent to ``[annotate(t, offsets) for t in texts]``, but the texts are
    annotated on every core (a rayon thread pool; ``RAYON_NUM_THREADS`` sets
    its size) with the GIL released, so other Python threads keep running.
    ``threads=n`` uses a pool of ``n`` threads for this call instead.

    Raises:
        TypeError: ``texts`` is a single ``str`` or not iterable, or an item
            is not a ``str``; the message names the item (``texts[3]``).
        ValueError: a bad ``offsets`` name, or an item that :func:`annotate`
            refuses (named ``texts[i]`` in the message). Nothing is returned
            then; use :func:`annotate_arrow` to get an error per row instead.
    """
    return _annotate_many(texts, offsets, threads)


def _is(pa_types: Any, name: str, t: Any) -> bool:
    check = getattr(pa_types, name, None)
    return bool(check and check(t))


def annotate_arrow(
    array: Any, offsets: str = DEFAULT_OFFSETS, threads: int | None = None
) -> "pa.Array | pa.ChunkedArray":
    """Annotate every row of an Arrow array; one JSON document per row.

    ``array`` is a ``pyarrow`` ``string``, ``large_string``, ``binary`` or
    ``large_binary`` array (``string_view``/``binary_view`` are cast first),
    a ``ChunkedArray`` of those (annotated chunk by chunk), or any object
    with ``__arrow_c_array__`` (the Arrow PyCapsule interface: a Polars
    ``Series.to_arrow()``, pandas' ``string[pyarrow]`` via ``pa.array``...).

    The rows are read in place through the Arrow C data interface and
    annotated in parallel with the GIL released (on every core, or on
    ``threads`` threads); no Python object is made per row. The result is
    a ``string`` array (``large_string`` for large inputs) of the same
    length, whose row *i* is:

    - the compact JSON document of row *i* (``json.loads`` of it equals
      :func:`annotate` of the text), or
    - ``{"error": "..."}`` when the row is not text (invalid UTF-8 in a
      binary row, a NUL byte), with the CLI's message, or
    - null when row *i* is null.

    Raises:
        TypeError: the array is not of a string or binary type.
        ValueError: a bad ``offsets`` name, or ``threads`` < 1.
        ImportError: pyarrow is not installed (``pip install pyarrow``).
    """
    import pyarrow as pa

    if isinstance(array, pa.ChunkedArray):
        chunks = [annotate_arrow(c, offsets, threads) for c in array.chunks]
        large = pa.types.is_large_string(array.type) or pa.types.is_large_binary(array.type)
        return pa.chunked_array(chunks, type=pa.large_string() if large else pa.string())
    if not isinstance(array, pa.Array):
        if hasattr(array, "__arrow_c_array__"):
            array = pa.array(array)
        else:
            raise TypeError(
                "annotate_arrow expects a pyarrow Array or ChunkedArray of strings, "
                f"not {type(array).__name__} (use annotate_many for Python lists)"
            )
    t = array.type
    if _is(pa.types, "is_string_view", t):
        array = array.cast(pa.large_string())
    elif _is(pa.types, "is_binary_view", t):
        array = array.cast(pa.large_binary())
    elif not (
        pa.types.is_string(t)
        or pa.types.is_large_string(t)
        or pa.types.is_binary(t)
        or pa.types.is_large_binary(t)
    ):
        raise TypeError(
            f"annotate_arrow expects a string or binary array, got an array of type {t}"
        )
    schema_capsule, array_capsule = array.__arrow_c_array__()
    length, offs, data, validity, nulls, large = _annotate_arrow_raw(
        schema_capsule, array_capsule, offsets, threads
    )
    return pa.Array.from_buffers(
        pa.large_string() if large else pa.string(),
        length,
        [
            None if validity is None else pa.py_buffer(validity),
            pa.py_buffer(offs),
            pa.py_buffer(data),
        ],
        null_count=nulls,
    )
