#!/usr/bin/env bash
# Installs what building and testing newslens needs, once; safe to re-run.
# - the wasm32 target and the wasm-bindgen CLI pinned to the crate version in Cargo.lock
# - Debian's chromium + chromedriver (the binding's tests run through wasm-bindgen-test-runner,
#   which comes with the wasm-bindgen CLI)
# - Debian's firefox-esr (140 or later: the CSS Custom Highlight API) and geckodriver
#   (cargo install, pinned) for the extension's Firefox test
# - the npm dev dependencies (playwright-core, selenium-webdriver, Readability, compromise,
#   binaryen's wasm-opt for scripts/build-wasm.sh)
# - for the Python package (scripts/test-python.sh): Debian's Java 17 runtime (Spark) and a
#   virtual environment target/py-venv with python/requirements-test.txt (pinned) installed
set -euo pipefail
cd "$(dirname "$0")/.."

wb_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)

rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb_version\$"; then
  echo "installing wasm-bindgen-cli $wb_version"
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
command -v firefox-esr >/dev/null || need+=(firefox-esr)
command -v java >/dev/null || need+=(openjdk-17-jre-headless)
python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd=sudo
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

ff_major=$(firefox-esr --version 2>/dev/null | sed -n 's/^Mozilla Firefox \([0-9]*\)\..*/\1/p')
if [ "${ff_major:-0}" -lt 140 ]; then
  echo "firefox-esr ${ff_major:-missing} is too old for the extension's Firefox test: it needs 140 or later (the CSS Custom Highlight API)" >&2
  exit 1
fi

geckodriver_version=0.37.1
geckodriver=$(command -v geckodriver || echo "$HOME/.cargo/bin/geckodriver")
if ! "$geckodriver" --version 2>/dev/null | grep -q "^geckodriver $geckodriver_version"; then
  echo "installing geckodriver $geckodriver_version"
  cargo install geckodriver --locked --version "$geckodriver_version"
fi

if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/selenium-webdriver ] || [ ! -d node_modules/binaryen ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

venv=target/py-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! cmp -s python/requirements-test.txt "$venv/requirements-test.txt"; then
  echo "installing python/requirements-test.txt into $venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r python/requirements-test.txt
  cp python/requirements-test.txt "$venv/requirements-test.txt"
fi
