"""Shared fixtures: the CLI (the reference every test compares with) and texts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

UNITS = ["utf16", "bytes", "chars"]


def cli_path() -> Path:
    """The newslens binary: $NEWSLENS_CLI, else target/release/newslens."""
    path = Path(os.environ.get("NEWSLENS_CLI", ROOT / "target" / "release" / "newslens"))
    if not path.exists():
        pytest.fail(f"{path} not found: run `cargo build --release -p newslens-cli` first")
    return path


def cli_documents(texts: list[str], unit: str, folder: Path) -> list[dict]:
    """What `newslens annotate --offsets UNIT` prints for each text, parsed.

    The texts are written as UTF-8 files (exactly, no newline translation) to
    one folder, annotated in one CLI run (JSON Lines, sorted by file name)
    and the `file` field the batch adds is dropped.
    """
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i, text in enumerate(texts):
        name = folder / f"{i:07d}.txt"
        name.write_bytes(text.encode("utf-8"))
        names.append(str(name))
    out = subprocess.run(
        [str(cli_path()), "annotate", "--offsets", unit, "--format", "jsonl", str(folder)],
        check=True,
        capture_output=True,
    ).stdout
    docs = {}
    for line in out.decode("utf-8").splitlines():
        doc = json.loads(line)
        docs[doc.pop("file")] = doc
    assert len(docs) == len(texts), "the CLI skipped some texts"
    return [docs[n] for n in names]


def cli_document(path: Path, unit: str) -> dict:
    """What `newslens annotate --offsets UNIT FILE` prints (one pretty document)."""
    out = subprocess.run(
        [str(cli_path()), "annotate", "--offsets", unit, str(path)], check=True, capture_output=True
    ).stdout
    return json.loads(out)


@pytest.fixture(scope="session")
def golden_paths() -> list[Path]:
    paths = sorted((ROOT / "tests" / "golden").glob("*.txt"))
    assert paths, "no tests/golden/*.txt"
    return paths


@pytest.fixture(scope="session")
def generated() -> list[str]:
    import gen

    return gen.articles(300, seed=16)


@pytest.fixture(scope="session")
def generated_cli(generated, tmp_path_factory) -> dict[str, list[dict]]:
    """The CLI's documents of the generated texts, in every unit."""
    folder = tmp_path_factory.mktemp("generated")
    return {u: cli_documents(generated, u, folder / u) for u in UNITS}
