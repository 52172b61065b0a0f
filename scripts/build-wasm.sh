#!/usr/bin/env bash
# Builds the WASM binding into pkg/ (ES module for `--target web`):
#   cargo build --profile wasm (opt-level z, lto, panic abort) for wasm32,
#   wasm-bindgen --target web, then Debian's `wasm-opt -Oz` when installed.
# Prints the .wasm size raw and gzipped. pkg/ is generated: never commit it.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
cargo build -p newslens-wasm --lib --target wasm32-unknown-unknown --profile wasm
raw="$target_dir/wasm32-unknown-unknown/wasm/newslens_wasm.wasm"

rm -rf pkg
wasm-bindgen --target web --out-dir pkg "$raw"

wasm=pkg/newslens_wasm_bg.wasm
if command -v wasm-opt >/dev/null; then
  # The features match what rustc enables by default for wasm32 today.
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$wasm" -o "$wasm.opt"
  mv "$wasm.opt" "$wasm"
else
  echo "wasm-opt not found: pkg/ is not size-optimized (install Debian's binaryen)" >&2
fi

bytes=$(wc -c < "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
echo "pkg/newslens_wasm_bg.wasm: $bytes bytes, $gz bytes gzipped"
