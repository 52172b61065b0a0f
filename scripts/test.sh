#!/usr/bin/env bash
# Runs every test newslens has: Rust (unit, cases, golden, properties, CLI),
# lint, the Python package and its Spark job (scripts/test-python.sh), the WASM
# size budget, the binding in headless Chromium, the npm package (packed,
# installed, run in Node and a page), and the browser tests of the page and
# the extension (Chromium, then the extension in Firefox ESR). Installs what
# it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each stage's banner says how long the run has taken so far: CI must stay
# under 30 minutes on a fresh machine, and this shows where the time goes.
stage() { echo "== $* (${SECONDS}s in)"; }

scripts/setup.sh

stage "lexicons: sorted, unique, known values"
python3 lexicons/check.py
# The tagger's features read the lexicons' flags, so its weights belong to the
# lexicons they were trained with: scripts/train-actors.sh records them.
sha256sum --quiet -c src/tagger/ner.lexicons.sha256 || {
  echo "lexicons/ changed since src/tagger/ner.bin was trained: run scripts/train-actors.sh" >&2
  exit 1
}

stage "rust: fmt, clippy, tests"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace

stage "python: the package (python/) and Spark, against the CLI"
scripts/test-python.sh

stage "wasm: build, size budget, binding tests in Chromium"
scripts/build-wasm.sh
scripts/check-size.sh
scripts/test-wasm.sh

stage "npm: pack the package (target/npm/newslens-*.tgz)"
scripts/build-npm.sh

stage "extension: build"
scripts/build-extension.sh

stage "browser: page and extension in Chromium; the npm tarball installed in Node and a page"
cargo build --release -p newslens-cli
node --test --test-concurrency=1 $(ls tests/browser/*.test.mjs | grep -v '\.firefox\.test\.mjs$') tests/npm/

stage "browser: the extension in Firefox ESR (geckodriver + selenium-webdriver)"
node --test --test-concurrency=1 tests/browser/*.firefox.test.mjs

echo "all tests passed (${SECONDS}s)"
