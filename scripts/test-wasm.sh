#!/usr/bin/env bash
# Runs the binding's wasm-bindgen-test suite (wasm/tests/) in headless
# Chromium: cargo builds the tests for wasm32 and hands each to
# wasm-bindgen-test-runner (installed with the pinned wasm-bindgen CLI by
# setup.sh), which drives Debian's chromedriver. wasm/webdriver.json points
# chromedriver at /usr/bin/chromium and passes the sandbox-free flags. (No
# wasm-pack: it only wrapped this, and installing it cost minutes in CI.)
set -euo pipefail
cd "$(dirname "$0")/../wasm"

export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
# Give the runner a fixed time budget rather than hanging on a stuck browser.
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
cargo test --target wasm32-unknown-unknown "$@"
