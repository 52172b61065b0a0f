#!/usr/bin/env bash
# Runs the binding's wasm-bindgen-test suite (wasm/tests/) in headless
# Chromium through Debian's chromedriver. wasm/webdriver.json points
# chromedriver at /usr/bin/chromium and passes the sandbox-free flags.
set -euo pipefail
cd "$(dirname "$0")/.."

export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
# Give the runner a fixed time budget rather than hanging on a stuck browser.
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
wasm-pack test --headless --chrome wasm "$@"
