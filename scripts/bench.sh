#!/usr/bin/env bash
# Benchmarks (not part of the test run; nothing here asserts a timing).
#
#   scripts/bench.sh            everything below, in order
#   scripts/bench.sh native     criterion: benches/annotate.rs, benches/scaling.rs,
#                               then the tables of benches/report.mjs
#   scripts/bench.sh memory     native peak RSS annotating the 10 MiB text
#                               (examples/bench_text.rs, and the CLI under /usr/bin/time -v)
#   scripts/bench.sh browser    newslens WASM vs compromise in headless Chromium
#                               (benches/browser/bench.mjs; builds pkg/ first)
#   scripts/bench.sh quick      the browser bench with fewer runs, no memory part
#
# The machine is small and shared: criterion runs with 1 s warm-up and 3 s of
# measurement per benchmark (override with CRITERION_ARGS). The scaling bench
# runs up to 10 MiB; NEWSLENS_BENCH_MAX_BYTES=1048576 stops it at 1 MiB when
# one 10 MiB run takes too long for criterion's 10 samples.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-all}
criterion_args=${CRITERION_ARGS:---warm-up-time 1 --measurement-time 3}
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
bench_dir=target/bench
mkdir -p "$bench_dir"

machine() {
  echo "== machine: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
    "$(lscpu | sed -n 's/^Model name: *//p'), $(rustc --version), node $(node --version)"
}

texts() {
  cargo build --release --example bench_text
  for size in 1048576:1MiB 10485760:10MiB; do
    "$target_dir/release/examples/bench_text" generate "${size%%:*}" "$bench_dir/big-${size##*:}.txt"
  done
}

native() {
  echo "== native: criterion (args: $criterion_args)"
  # shellcheck disable=SC2086 # the args are words on purpose
  cargo bench --bench annotate -- $criterion_args
  # Sizes skipped this time (NEWSLENS_BENCH_MAX_BYTES) must not show old results.
  rm -rf "$target_dir/criterion/scaling"
  # shellcheck disable=SC2086
  cargo bench --bench scaling -- $criterion_args
  node benches/report.mjs "$target_dir/criterion" | tee "$bench_dir/native.md"
}

memory() {
  texts
  echo "== native peak memory, 10 MiB text (annotate + UTF-16 export + JSON, in one process)"
  "$target_dir/release/examples/bench_text" annotate "$bench_dir/big-10MiB.txt" | tee "$bench_dir/memory.json"
  if [ -x /usr/bin/time ]; then
    cargo build --release -p newslens-cli
    echo "== the CLI: /usr/bin/time -v newslens annotate $bench_dir/big-10MiB.txt > /dev/null"
    /usr/bin/time -v "$target_dir/release/newslens" annotate "$bench_dir/big-10MiB.txt" 2>"$bench_dir/cli-time.txt" >/dev/null \
      || echo "(the CLI failed; see $bench_dir/cli-time.txt)"
    grep -E "Maximum resident set size|Elapsed \(wall clock\)|Exit status" "$bench_dir/cli-time.txt"
  else
    echo "(/usr/bin/time not installed: apt-get install time, to measure the CLI too)"
  fi
}

browser() {
  texts
  scripts/build-wasm.sh
  node benches/browser/bench.mjs "$@"
}

machine
case "$what" in
  native) native ;;
  memory) memory ;;
  browser) browser ;;
  quick) browser --quick --no-memory ;;
  all) native; memory; browser ;;
  *) echo "usage: scripts/bench.sh [all|native|memory|browser|quick]" >&2; exit 2 ;;
esac
