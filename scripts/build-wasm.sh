#!/usr/bin/env bash
# Builds the WASM binding into pkg/ (ES module for `--target web`):
#   cargo build --profile wasm (opt-level z, lto, panic abort) for wasm32,
#   Debian's `wasm-opt -Oz` when installed, then wasm-bindgen --target web.
# Prints the .wasm size raw and gzipped. pkg/ is generated: never commit it.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
cargo build -p newslens-wasm --lib --target wasm32-unknown-unknown --profile wasm
raw="$target_dir/wasm32-unknown-unknown/wasm/newslens_wasm.wasm"

# wasm-opt runs on cargo's output, before wasm-bindgen: Debian's binaryen
# (version 108) turns wasm-bindgen's externref table into a funcref table,
# which breaks instantiation ("Table.set(): Argument 1 is invalid").
# wasm-bindgen keeps the optimized code and adds only its small glue.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$raw" "$work/newslens_wasm.wasm"
if command -v wasm-opt >/dev/null; then
  # The features rustc enables by default for wasm32 today. --converge runs
  # the passes until the module stops shrinking (~600 bytes gzipped).
  wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$raw" -o "$work/newslens_wasm.wasm"
else
  echo "wasm-opt not found: pkg/ is not size-optimized (install Debian's binaryen)" >&2
fi

rm -rf pkg
wasm-bindgen --target web --out-dir pkg "$work/newslens_wasm.wasm"

wasm=pkg/newslens_wasm_bg.wasm
bytes=$(wc -c < "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
echo "pkg/newslens_wasm_bg.wasm: $bytes bytes, $gz bytes gzipped"
