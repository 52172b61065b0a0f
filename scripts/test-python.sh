#!/usr/bin/env bash
# Tests the Python package (python/): fmt, clippy and unit tests of its crate (outside
# the root workspace), `pip install ./python` into target/py-venv as a user would
# (release abi3 wheel), then pytest: every path (annotate, annotate_many, Arrow, Spark
# on local[2]) against the CLI's documents. Run scripts/setup.sh first (test.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
venv=$root/target/py-venv
# The crate has its own workspace and Cargo.lock; its own target dir, shared with pip's build.
export CARGO_TARGET_DIR=$root/target/python
export PATH=$venv/bin:$PATH   # maturin, for pip's build

echo "== python: fmt, clippy, unit tests of the crate"
cargo fmt --manifest-path python/Cargo.toml -- --check
cargo clippy --manifest-path python/Cargo.toml --all-targets -- -D warnings
cargo test --manifest-path python/Cargo.toml

echo "== python: pip install ./python"
# --no-build-isolation: the pinned maturin of the venv builds it (no download); a user's
# plain `pip install ./python` fetches maturin itself.
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-build-isolation \
  --force-reinstall --no-deps ./python
(cd "$root/target" && "$venv/bin/python" -c 'import newslens; print("installed:", newslens.__file__)')

echo "== python: tests against the CLI (and Spark on local[2])"
CARGO_TARGET_DIR=$root/target cargo build --release -p newslens-cli
# From target/: the installed package is imported, never python/newslens.
cd "$root/target"
NEWSLENS_REQUIRE_SPARK=1 NEWSLENS_CLI=$root/target/release/newslens \
  "$venv/bin/python" -m pytest -q -p no:cacheprovider "$root/python/tests"
