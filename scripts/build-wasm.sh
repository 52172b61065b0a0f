#!/usr/bin/env bash
# Builds the WASM binding into pkg/ (ES module for `--target web`):
#   cargo build --profile wasm (opt-level z, lto, panic abort, LLVM's loop strength
#   reduction off) for wasm32,
#   binaryen's `wasm-opt -O1` (npm dev dependency), then wasm-bindgen --target web
#   and wasm-opt again on its output.
# Builds it twice: pkg/ is the core (no learned tagger; the size budget of
# scripts/check-size.sh), pkg/tagger/ the same binding with feature `tagger`
# (the learned named-entity tagger and its weights, src/tagger/), which the
# page loads after its first result (README.md, "The page").
# Prints each .wasm size raw and gzipped. pkg/ is generated: never commit it.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
raw="$target_dir/wasm32-unknown-unknown/wasm/newslens_wasm.wasm"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf pkg

# LLVM's loop strength reduction off for the .wasm: it rewrites a loop's
# index arithmetic into extra induction variables, which in WebAssembly are
# more locals and instructions to carry, not cheaper addressing (the engine
# compiles the module again anyway). Core 129,170 -> 128,110 bytes gzipped
# (2026-12-06, session 21; -1,490 on main before it); warm speed in Node the
# same within the noise of a shared machine (BENCHMARKS.md, "Download size,
# session 21"). An -C llvm-args flag is LLVM's, not rustc's: if a toolchain's
# LLVM drops it, rustc stops with "Unknown command line argument".
export RUSTFLAGS="${RUSTFLAGS:-} -C llvm-args=-disable-lsr"

# build OUT_DIR [CARGO_ARGS...]
build() {
  local out=$1
  shift
  cargo build -p newslens-wasm --lib --target wasm32-unknown-unknown --profile wasm "$@"

  # wasm-opt is binaryen 132 from the npm dev dependencies (package.json pins it):
  # ~700 bytes gzipped smaller than Debian's binaryen 108. It runs on cargo's
  # output, before wasm-bindgen, which keeps the optimized code and adds only
  # its small glue. --low-memory-unused (~360 bytes more) lets it fold constant
  # offsets into loads and stores: Rust's stack sits below 1 MiB and grows
  # down, so the first 1,024 bytes are reached only when the stack is full.
  local wasm_opt=node_modules/.bin/wasm-opt
  [ -x "$wasm_opt" ] || { echo "$wasm_opt is missing: run scripts/setup.sh (npm ci)" >&2; exit 1; }
  # The features rustc enables by default for wasm32 today. --converge runs
  # the passes until the module stops shrinking (~600 bytes gzipped).
  # memory-packing is skipped: it cuts the data segments at every run of
  # zeros, and the offsets of the new segments gzip badly (2026-12-05: the
  # tagger's module 311,393 -> 289,112 bytes gzipped, its weights' bitmap
  # has many short zero runs; the core 133,602 -> 133,392).
  # -O1, not -Oz: rustc's output is already optimized for size, and the
  # cheaper level leaves code that gzips better (2026-12-05, core
  # 132,978 -> 130,965 gzipped, tagger module 288,944 -> 285,449; raw
  # 288,036 -> 298,245 bytes; -Os 132,557, -O3 132,471, -O2 133,990). Warm
  # speed in Node the same within noise (1.66-1.76 ms an article for -Oz,
  # -O1 and -Os, benches/data, two runs each).
  # After -O1, five passes of -O2's and higher levels' that shrink this
  # module, and shrink level 1 (-O1's passes then favour size; -s 2 is the
  # same less 3 bytes): core 132,366 -> 130,898 gzipped (2026-12-06, session
  # 17: dae-optimizing -651 alone, rse -344, precompute-propagate -52,
  # optimize-added-constants-propagate -32, code-folding -16, -s 1 -429;
  # --inlining +4,200, --local-cse +500, --merge-similar-functions +12,
  # reorder-functions +1,950; BENCHMARKS.md, "Download size, session 17").
  local opt=(-O1 --converge --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --skip-pass=memory-packing
    --dae-optimizing --rse --precompute-propagate --code-folding --optimize-added-constants-propagate -s 1)
  # The table's slots of functions nothing can call (js-sys's JSPI task
  # waker, RefCell's borrow errors' Display) at a trap first, so that the
  # optimizer drops them and the formatting they keep
  # (scripts/drop-dead-slots.mjs: core -684 bytes gzipped, 2026-12-08).
  node scripts/drop-dead-slots.mjs "$raw" "$work/raw.wasm"
  "$wasm_opt" "${opt[@]}" "$work/raw.wasm" -o "$work/newslens_wasm.wasm"
  rm "$work/raw.wasm"

  wasm-bindgen --target web --out-dir "$work/out" "$work/newslens_wasm.wasm"
  # The snippets (wasm/js/*.js) go into the glue: one request to load it, not
  # the glue and then the snippet it imports (the cold start's import part).
  node scripts/inline-snippets.mjs "$work/out"
  # The imports named "a", "b", ... in one module "a", in the .wasm and the
  # glue alike: wasm-bindgen's names carry a hash each (~580 bytes of the
  # core .wasm gzipped, 2026-12-06; BENCHMARKS.md, "Download size, session 18").
  node scripts/short-imports.mjs "$work/out"
  # The glue minified (terser, an npm dev dependency): 4,257 -> 2,676 bytes
  # gzipped (2026-12-05), part of what the page ships beside the .wasm.
  # Exports and their names stay (--module keeps them).
  node_modules/.bin/terser "$work/out/newslens_wasm.js" --module --compress --mangle \
    -o "$work/out/newslens_wasm.min.js"
  mv "$work/out/newslens_wasm.min.js" "$work/out/newslens_wasm.js"
  # Once more on wasm-bindgen's output: its describe functions are gone and
  # its own shims (externref, multivalue) are new, so the optimizer finds
  # ~350 bytes gzipped more. Only after the first pass (on cargo's output
  # alone, the module came out ~350 bytes larger than with the first pass).
  # The producers and target_features custom sections (toolchain names and
  # versions, the features rustc enabled) go: no browser reads them, and
  # their 260 bytes gzip to ~200 (2026-12-06). Here, not in the first pass:
  # wasm-bindgen reads target_features.
  # Its functions ordered for gzip first (scripts/order-functions.mjs: the
  # alike ones together: core -1,567 bytes gzipped, tagger module -2,558,
  # 2026-12-07), given to this run as text.
  node scripts/order-functions.mjs "$work/out/newslens_wasm_bg.wasm" "$work/ordered.wat"
  "$wasm_opt" "${opt[@]}" --strip-producers --strip-target-features \
    "$work/ordered.wat" -o "$work/out/newslens_wasm_bg.wasm"
  rm "$work/ordered.wat"
  mkdir -p "$out"
  cp -r "$work/out/." "$out/"
  rm -rf "$work/out"

  local wasm=$out/newslens_wasm_bg.wasm
  echo "$wasm: $(wc -c < "$wasm") bytes, $(gzip -9 -c "$wasm" | wc -c) bytes gzipped"
}

# The tagger's build first, so that cargo's last output is the core's.
build pkg/tagger --features tagger
build pkg
