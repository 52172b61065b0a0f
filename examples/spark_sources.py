"""Who gets quoted, named or anonymous, and what they claim: per article, on Spark.

Reads a folder of .txt files (recursively) or Parquet with a text column,
annotates every article with newslens on the executors (mapInArrow over
Arrow batches: no Python object per article) and writes one Parquet row per
article:

    id                  the file's path, or the --id-col column of the Parquet input
    error               why the article could not be annotated (invalid UTF-8, binary), else null
    quotes_by_speaker   map: speaker's name -> number of quotes credited to them
    unattributed_quotes quotes whose speaker the text does not say
    named_sources       names of the named actors quoted or making claims
    anonymous_sources   descriptions of the unnamed sources ("a senior official ...")
    claims_by_stance    map: stance (assert, deny, warn, ...) -> number of claims

Local run (pyspark from PyPI, Java 17):

    python examples/spark_sources.py articles/ out.parquet
    python examples/spark_sources.py --parquet archive.parquet --text-col body --id-col url out.parquet

On a cluster (newslens installed on the executors, see README.md):

    spark-submit --master yarn examples/spark_sources.py hdfs:///news/2024/ hdfs:///out/sources
"""

from __future__ import annotations

import argparse

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

import newslens.spark
from newslens.spark import DOCUMENT_DDL

# Spark SQL over the parsed document `doc` (see docs/format.md).
SPEAKERS = "transform(filter(doc.quotes, q -> q.speaker IS NOT NULL), q -> doc.actors[q.speaker].name)"
STANCES = "transform(doc.claims, c -> c.stance)"
SOURCE_IDS = (
    "array_distinct(concat("
    "transform(filter(doc.quotes, q -> q.speaker IS NOT NULL), q -> q.speaker), "
    "transform(filter(doc.claims, c -> c.claimant IS NOT NULL), c -> c.claimant)))"
)


def count_by(values: str) -> str:
    """A map value -> number of occurrences, for an array expression."""
    return (
        f"map_from_entries(transform(array_distinct({values}), "
        f"v -> struct(v, size(filter({values}, x -> x = v)))))"
    )


def summarize(df: DataFrame, text_col: str = "text", id_col: str = "id") -> DataFrame:
    """One row per article: quotes by speaker, named/anonymous sources, claims by stance."""
    annotated = newslens.spark.annotate(df, text_col=text_col, out_col="annotation")
    doc = annotated.select(
        F.col(id_col).alias("id"), F.from_json("annotation", DOCUMENT_DDL).alias("doc")
    )
    return doc.select(
        "id",
        F.col("doc.error").alias("error"),
        F.expr(count_by(SPEAKERS)).alias("quotes_by_speaker"),
        F.expr("size(filter(doc.quotes, q -> q.speaker IS NULL))").alias("unattributed_quotes"),
        F.expr(
            f"transform(filter({SOURCE_IDS}, i -> NOT doc.actors[i].anonymous), "
            "i -> doc.actors[i].name)"
        ).alias("named_sources"),
        F.expr(
            f"transform(filter({SOURCE_IDS}, i -> doc.actors[i].anonymous), "
            "i -> doc.actors[i].name)"
        ).alias("anonymous_sources"),
        F.expr(count_by(STANCES)).alias("claims_by_stance"),
    )


def read_articles(spark: SparkSession, path: str, parquet: bool, text_col: str, id_col: str):
    """(DataFrame, text column, id column) for a folder of .txt files or Parquet."""
    if parquet:
        return spark.read.parquet(path), text_col, id_col
    # Raw bytes: a file that is not UTF-8 becomes an error row, not a failed job.
    files = (
        spark.read.format("binaryFile")
        .option("pathGlobFilter", "*.txt")
        .option("recursiveFileLookup", "true")
        .load(path)
    )
    return files.select(F.col("path").alias("id"), F.col("content").alias("text")), "text", "id"


def run(spark: SparkSession, source: str, output: str, parquet: bool = False,
        text_col: str = "text", id_col: str = "id") -> None:
    df, text_col, id_col = read_articles(spark, source, parquet, text_col, id_col)
    summarize(df, text_col, id_col).write.mode("overwrite").parquet(output)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("source", help="folder of .txt files (or Parquet with --parquet)")
    p.add_argument("output", help="Parquet output folder")
    p.add_argument("--parquet", action="store_true", help="SOURCE is Parquet with a text column")
    p.add_argument("--text-col", default="text", help="text column of the Parquet input")
    p.add_argument("--id-col", default="id", help="id column of the Parquet input")
    args = p.parse_args(argv)
    spark = SparkSession.builder.appName("newslens-sources").getOrCreate()
    try:
        run(spark, args.source, args.output, args.parquet, args.text_col, args.id_col)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
