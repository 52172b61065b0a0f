"""newslens for PySpark: annotate a text column of a DataFrame.

>>> from newslens.spark import annotate
>>> out = annotate(spark.read.parquet("articles/"), text_col="body")   # doctest: +SKIP
>>> out.select("annotation").first()                                   # doctest: +SKIP

Built on ``DataFrame.mapInArrow``: each Arrow batch Spark hands to the Python
worker goes to :func:`newslens.annotate_arrow` as it is (no pandas, no Python
object per row), and its result becomes the new column. The executors need
the ``newslens`` package installed (``pip install`` the wheel on every node,
or ship a packed virtual environment with ``--archives``; see the README).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from . import DEFAULT_OFFSETS, OFFSET_UNITS

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame

__all__ = ["annotate", "DOCUMENT_DDL"]

#: A Spark DDL schema for ``from_json`` covering the whole document
#: (``docs/format.md``), plus the ``error`` field of rows that could not be
#: annotated: ``F.from_json("annotation", DOCUMENT_DDL)``.
DOCUMENT_DDL = (
    "version INT, offsets STRING, textLength BIGINT, error STRING, "
    "actors ARRAY<STRUCT<id: INT, name: STRING, kind: STRING, titles: ARRAY<STRING>, "
    "anonymous: BOOLEAN, mentions: ARRAY<INT>>>, "
    "mentions ARRAY<STRUCT<id: INT, actor: INT, span: STRUCT<start: BIGINT, end: BIGINT>, "
    "title: STRUCT<start: BIGINT, end: BIGINT>, kind: STRING>>, "
    "quotes ARRAY<STRUCT<id: INT, kind: STRING, span: STRUCT<start: BIGINT, end: BIGINT>, "
    "content: STRUCT<start: BIGINT, end: BIGINT>, speaker: INT, speakerMention: INT, "
    "cue: STRUCT<start: BIGINT, end: BIGINT>, reporter: INT>>, "
    "claims ARRAY<STRUCT<id: INT, claimant: INT, claimantMention: INT, "
    "cue: STRUCT<start: BIGINT, end: BIGINT>, content: STRUCT<start: BIGINT, end: BIGINT>, "
    "stance: STRING, disputedBy: ARRAY<INT>, disputes: ARRAY<INT>>>"
)


def annotate(
    df: "DataFrame",
    text_col: str = "text",
    out_col: str = "annotation",
    offsets: str = DEFAULT_OFFSETS,
    threads: int | None = 1,
) -> "DataFrame":
    """Return ``df`` with a column ``out_col`` holding each row's document as JSON.

    ``text_col`` is a ``string`` column (or a ``binary`` one, e.g. the
    ``content`` of ``spark.read.format("binaryFile")``, decoded as UTF-8 row
    by row). The new column is a ``string``: the compact JSON document of
    the row's text, exactly what ``newslens annotate --offsets OFFSETS``
    prints for it (parse it with ``F.from_json(out_col, DOCUMENT_DDL)``), or
    ``{"error": "..."}`` for a row that is not text (invalid UTF-8, a NUL
    byte), or null for a null text. A bad row never fails the job.

    ``offsets`` defaults to ``"chars"``: code points, which is also what
    Spark SQL's ``substring`` counts.

    ``threads`` is how many threads each Spark task annotates on: 1 by
    default, since Spark already runs one task per core (``spark.task.cpus``);
    ``None`` uses every core of the executor in each task.

    Raises (on the driver, before any job runs):
        ValueError: ``text_col`` is missing, ``out_col`` exists already,
            ``offsets`` is not a unit name, or ``threads`` is below 1.
        TypeError: ``text_col`` is neither a string nor a binary column.
    """
    from pyspark.sql.types import BinaryType, StringType, StructField, StructType

    from . import _newslens  # noqa: F401  (fail on the driver if the package is broken)

    if offsets not in OFFSET_UNITS:
        # Aliases are fine too; let the engine's parser decide and name the problem.
        from . import annotate as _check

        _check("", offsets)
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError(f"threads must be an int >= 1 or None (all cores), not {threads!r}")
    if text_col not in df.columns:
        raise ValueError(f"no column {text_col!r} in the DataFrame (columns: {df.columns})")
    if out_col in df.columns:
        raise ValueError(f"column {out_col!r} exists already; choose another out_col")
    dtype = df.schema[text_col].dataType
    if not isinstance(dtype, (StringType, BinaryType)):
        raise TypeError(
            f"column {text_col!r} must be a string or binary column, not {dtype.simpleString()}"
        )
    schema = StructType(df.schema.fields + [StructField(out_col, StringType(), True)])

    def run(batches: Iterator["pa.RecordBatch"]) -> Iterator["pa.RecordBatch"]:
        import pyarrow as pa

        from newslens import annotate_arrow

        for batch in batches:
            docs = annotate_arrow(batch.column(text_col), offsets, threads)
            yield pa.RecordBatch.from_arrays(
                list(batch.columns) + [docs], names=list(batch.schema.names) + [out_col]
            )

    return df.mapInArrow(run, schema)
