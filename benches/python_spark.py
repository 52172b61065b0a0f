"""Articles per second per core: the CLI, annotate_many, annotate_arrow and Spark.

Run with the test venv (scripts/setup.sh makes it; scripts/test-python.sh installs the
package), after `cargo build --release -p newslens-cli`:

    target/py-venv/bin/python benches/python_spark.py                 # 1k, 10k, 100k articles
    target/py-venv/bin/python benches/python_spark.py --sizes 1000,1000000 --paths arrow,many

Corpus: python/tests/gen.py (short wire articles, ~420 UTF-8 bytes, accents, CJK, emoji),
the same texts for every path, offsets "chars" everywhere. Each measurement runs on one
core (RAYON_NUM_THREADS=1 for the CLI, threads=1 for Python, Spark local[1] with one
thread a task, newslens.spark's default) and then on all cores (--cores, default nproc)
and reports wall time and CPU time (user + system of every process involved: the CLI;
this process; Spark's JVM and its Python workers). On a machine shared with other work the
CPU-time rate (articles per CPU-second) is the steadier per-core figure. Each cell is the
best of --repeat runs. Prints one line per measurement and a Markdown table at the end.

- cli:   the corpus as .txt files in target/bench/py/N/, `newslens annotate --offsets chars
         --format jsonl DIR > /dev/null` (reading files and writing JSON included);
- many:  newslens.annotate_many(list of str) -> list of dict;
- arrow: newslens.annotate_arrow(pa.array(texts)) in batches of 10,000 rows (as Spark
         hands them over) -> string arrays of JSON;
- spark: Parquet of the corpus (id, text) -> newslens.spark.annotate -> the "noop" sink
         (everything computed, nothing written); session start-up not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "python" / "tests"))

import gen  # noqa: E402

BATCH = 10_000
TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system, children waited for included) of pid and its descendants."""
    parent, cpu = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parent[int(entry)] = int(fields[1])
        cpu[int(entry)] = sum(int(f) for f in fields[11:15]) / TICK
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += cpu.get(p, 0.0)
        todo.extend(c for c, pp in parent.items() if pp == p)
    return total


def corpus(n: int) -> list[str]:
    return gen.articles(n, seed=1)


def run_cli(texts: list[str], cores: int) -> tuple[float, float]:
    folder = ROOT / "target" / "bench" / "py" / str(len(texts))
    if not (folder / f"{len(texts) - 1:07d}.txt").exists():
        folder.mkdir(parents=True, exist_ok=True)
        for i, t in enumerate(texts):
            (folder / f"{i:07d}.txt").write_bytes(t.encode("utf-8"))
    cli = os.environ.get("NEWSLENS_CLI", str(ROOT / "target" / "release" / "newslens"))
    env = dict(os.environ, RAYON_NUM_THREADS=str(cores))
    before = os.times()
    start = time.perf_counter()
    subprocess.run([cli, "annotate", "--offsets", "chars", "--format", "jsonl", str(folder)],
                   stdout=subprocess.DEVNULL, check=True, env=env)
    wall = time.perf_counter() - start
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def in_process(fn) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


def run_many(texts, cores):
    import newslens

    return in_process(lambda: newslens.annotate_many(texts, threads=cores))


def run_arrow(texts, cores):
    import pyarrow as pa

    import newslens

    batches = [pa.array(texts[i : i + BATCH]) for i in range(0, len(texts), BATCH)]
    return in_process(lambda: [newslens.annotate_arrow(b, threads=cores) for b in batches])


_spark = {}


def spark_session(cores: int):
    from pyspark.sql import SparkSession

    if _spark.get("cores") != cores:
        if "session" in _spark:
            _spark["session"].stop()
        os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
        os.environ["PYSPARK_PYTHON"] = sys.executable
        session = (
            SparkSession.builder.master(f"local[{cores}]")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.memory", "4g")
            .config("spark.sql.files.maxPartitionBytes", str(8 << 20))
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        _spark.update(cores=cores, session=session)
    return _spark["session"]


def run_spark(texts, cores):
    import pyarrow as pa
    import pyarrow.parquet as pq

    import newslens.spark

    path = ROOT / "target" / "bench" / "py" / f"{len(texts)}.parquet"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table({"id": list(range(len(texts))), "text": texts}), path,
                       row_group_size=BATCH)
    spark = spark_session(cores)
    jvm = spark.sparkContext._gateway.proc.pid
    df = spark.read.parquet(str(path))
    job = newslens.spark.annotate(df)
    before = tree_cpu(jvm)
    start = time.perf_counter()
    job.write.format("noop").mode("overwrite").save()
    wall = time.perf_counter() - start
    return wall, tree_cpu(jvm) - before


PATHS = {"cli": run_cli, "many": run_many, "arrow": run_arrow, "spark": run_spark}


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="1000,10000,100000")
    p.add_argument("--paths", default="cli,many,arrow,spark")
    p.add_argument("--cores", type=int, default=os.cpu_count())
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--json", help="append the results to this file (JSON Lines)")
    args = p.parse_args()
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        texts = corpus(n)
        for cores in sorted({1, args.cores}):
            for path in args.paths.split(","):
                best = min((PATHS[path](texts, cores) for _ in range(args.repeat)), key=lambda r: r[0])
                wall, cpu = best
                row = dict(path=path, articles=n, cores=cores, wall_s=round(wall, 3), cpu_s=round(cpu, 3),
                           per_s=round(n / wall), per_cpu_s=round(n / cpu) if cpu else None)
                print(json.dumps(row), flush=True)
                rows.append(row)
                if args.json:
                    with open(args.json, "a") as f:
                        f.write(json.dumps(row) + "\n")
    print("\n| path | articles | cores | wall s | articles/s | CPU s | articles per CPU-s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['path']} | {r['articles']:,} | {r['cores']} | {r['wall_s']} | {r['per_s']:,} "
              f"| {r['cpu_s']} | {r['per_cpu_s']:,} |")
    if "session" in _spark:
        _spark["session"].stop()


if __name__ == "__main__":
    main()
