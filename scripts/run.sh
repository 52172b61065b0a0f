#!/usr/bin/env bash
# Builds the engine and serves the page: http://127.0.0.1:${PORT:-8080}/
# (PORT=0 picks a free port; the URL is printed on stdout). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
scripts/build-wasm.sh
exec cargo run --release -p newslens-cli -- serve --port "${PORT:-8080}"
