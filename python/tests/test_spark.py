"""newslens.spark on a local Spark (local[2]): the CLI's documents, error rows, the example.

Needs pyspark and Java 17 (scripts/setup.sh installs both); skipped without
pyspark, unless NEWSLENS_REQUIRE_SPARK=1 (scripts/test-python.sh sets it).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from collections import Counter

import pytest
from conftest import ROOT, cli_documents

if os.environ.get("NEWSLENS_REQUIRE_SPARK") != "1":
    pytest.importorskip("pyspark")
    if not shutil.which("java"):
        pytest.skip("no java", allow_module_level=True)

import gen  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

import newslens  # noqa: E402
import newslens.spark  # noqa: E402

N = 3000  # "a few thousand" short articles: the job takes seconds on local[2]


@pytest.fixture(scope="module")
def spark():
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"  # loopback only
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("newslens-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_documents_equal_the_cli(spark, tmp_path):
    texts = gen.articles(N, seed=2016)
    want = cli_documents(texts, "chars", tmp_path / "cli")
    df = spark.createDataFrame(list(enumerate(texts)), "id INT, text STRING").repartition(4)
    out = newslens.spark.annotate(df)
    assert out.columns == ["id", "text", "annotation"]
    rows = out.select("id", "annotation").collect()
    assert len(rows) == N
    got = {r["id"]: json.loads(r["annotation"]) for r in rows}
    mismatched = [i for i in range(N) if got[i] != want[i]]
    assert not mismatched, f"{len(mismatched)} documents differ, first: article {mismatched[0]}"


def test_utf16_offsets_and_binary_columns(spark, tmp_path):
    texts = gen.articles(50, seed=7)
    want = cli_documents(texts, "utf16", tmp_path / "cli")
    df = spark.createDataFrame([(i, t.encode()) for i, t in enumerate(texts)], "id INT, body BINARY")
    out = newslens.spark.annotate(df, text_col="body", out_col="doc", offsets="utf16")
    got = {r["id"]: json.loads(r["doc"]) for r in out.select("id", "doc").collect()}
    assert [got[i] for i in range(50)] == want


def test_bad_rows_get_an_error_in_their_row(spark):
    rows = [(0, b"fine, \xe2\x80\x9cquoted,\xe2\x80\x9d she said."), (1, b"bad \xff byte"),
            (2, b"nul \x00 byte"), (3, None)]
    df = spark.createDataFrame(rows, "id INT, body BINARY")
    got = {r["id"]: r["annotation"] for r in newslens.spark.annotate(df, "body").collect()}
    assert json.loads(got[0]) == newslens.annotate("fine, “quoted,” she said.")
    assert json.loads(got[1]) == {
        "error": "invalid UTF-8 at byte offset 4 (line 1); newslens reads UTF-8 text only"
    }
    assert "NUL byte at byte offset 4" in json.loads(got[2])["error"]
    assert got[3] is None


def test_bad_arguments_fail_on_the_driver(spark):
    df = spark.createDataFrame([(1, "x")], "id INT, text STRING")
    with pytest.raises(ValueError, match="no column 'body'"):
        newslens.spark.annotate(df, text_col="body")
    with pytest.raises(ValueError, match="exists already"):
        newslens.spark.annotate(df, out_col="id")
    with pytest.raises(TypeError, match="string or binary column, not int"):
        newslens.spark.annotate(df, text_col="id")
    with pytest.raises(ValueError, match="offsets must be one of"):
        newslens.spark.annotate(df, offsets="lines")
    with pytest.raises(ValueError, match="threads must be"):
        newslens.spark.annotate(df, threads=0)


def _example():
    spec = importlib.util.spec_from_file_location("spark_sources", ROOT / "examples" / "spark_sources.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _summary(doc: dict) -> dict:
    """What examples/spark_sources.py should write for one CLI document."""
    actors = doc["actors"]
    speakers = Counter(actors[q["speaker"]]["name"] for q in doc["quotes"] if q["speaker"] is not None)
    ids = [q["speaker"] for q in doc["quotes"] if q["speaker"] is not None]
    ids += [c["claimant"] for c in doc["claims"] if c["claimant"] is not None]
    ids = list(dict.fromkeys(ids))
    return {
        "error": None,
        "quotes_by_speaker": dict(speakers),
        "unattributed_quotes": sum(q["speaker"] is None for q in doc["quotes"]),
        "named_sources": [actors[i]["name"] for i in ids if not actors[i]["anonymous"]],
        "anonymous_sources": [actors[i]["name"] for i in ids if actors[i]["anonymous"]],
        "claims_by_stance": dict(Counter(c["stance"] for c in doc["claims"])),
    }


def test_example_spark_sources(spark, tmp_path):
    texts = gen.articles(200, seed=99)
    folder = tmp_path / "articles"
    want = cli_documents(texts, "chars", folder)  # leaves 0000000.txt ... in the folder
    (folder / "nested").mkdir()
    (folder / "nested" / "broken.txt").write_bytes(b"caf\xe9 latin-1")
    (folder / "notes.csv").write_text("ignored")
    out = tmp_path / "sources.parquet"
    _example().run(spark, str(folder), str(out))

    table = pq.read_table(out).to_pylist()
    by_name = {os.path.basename(r.pop("id")): r for r in table}
    assert len(by_name) == len(texts) + 1
    broken = by_name.pop("broken.txt")
    assert "invalid UTF-8 at byte offset 3" in broken["error"]
    assert broken["quotes_by_speaker"] is None
    anonymous = 0
    for i, doc in enumerate(want):
        row = by_name[f"{i:07d}.txt"]
        row["quotes_by_speaker"] = dict(row["quotes_by_speaker"])
        row["claims_by_stance"] = dict(row["claims_by_stance"])
        assert row == _summary(doc), f"article {i}"
        anonymous += len(row["anonymous_sources"])
    assert anonymous > 20  # the generated corpus has unnamed sources to find


def test_example_reads_parquet(spark, tmp_path):
    texts = gen.articles(20, seed=5)
    src = tmp_path / "in.parquet"
    spark.createDataFrame([(f"u{i}", t) for i, t in enumerate(texts)], "url STRING, body STRING") \
        .write.parquet(str(src))
    out = tmp_path / "out.parquet"
    _example().run(spark, str(src), str(out), parquet=True, text_col="body", id_col="url")
    rows = spark.read.parquet(str(out)).where(F.col("error").isNull()).count()
    assert rows == 20
