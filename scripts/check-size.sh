#!/usr/bin/env bash
# Size budget of what the page ships: fails when pkg/newslens_wasm_bg.wasm,
# gzipped (gzip -9), is larger than BUDGET bytes, or pkg/tagger/'s .wasm larger
# than TAGGER_BUDGET (below). Run after scripts/build-wasm.sh.
#
# Why 130,000: see "Size budget" in BENCHMARKS.md. The page ships the .wasm
# with its JS glue (~4.0 KB gzipped) and wasm-bindgen's snippet
# wasm/js/build.js (~1.0 KB): at the budget that is ~135 KB, 1.7 KB under
# compromise's 136,723, which this script also checks directly. The engine
# stopped carrying std's Unicode case tables (src/case.rs, -8 KB); the
# budget went down to 129,000 then, and back up to 130,000 when the third
# session's speaker and claim rules reached 128.8 KB, and to 132,000 when
# the fourth session's interview, mark and linear-time rules reached 131.7 KB
# (the check against compromise below is now the binding one: a size saving
# must come before more code). Session 13 freed 3.4 KB without changing the
# output (129,809 at its end, with its rules: "Download size, session 13" in
# BENCHMARKS.md); session 14's rules reached 132.9 KB and one accessor a read
# instead of a panic location a site brought it back to 129.9 KB ("Download
# size, session 14"). Session 16 took it from 131.8 KB to 125.3 KB without
# changing the output: no panic message formats a str any more, which took
# char's Debug and std's printable-character tables out ("Download size,
# session 16"). Session 18 took it from 131.8 KB to 128.0 KB (talc as the
# allocator, short import names: "Download size, session 18"). Session 25's
# rules (four branches' merges) reached 132,317 and the tripwire went to
# 132,500, the shipped total still 2.0 KB under compromise's; the next rules
# need a size saving first ("Download size, session 25"). Session 26 ordered
# the .wasm's functions for gzip (scripts/order-functions.mjs: -1,567 bytes,
# the code unchanged) and, with the session's rules, ended at 131,469: the
# tripwire is back at 132,000 ("Download size, session 26"). Session 27's
# rules (four branches) reached 132,493 and the tripwire went to 133,000,
# the shipped total 1.9 KB under compromise's ("Download size, session 27");
# the next rules need a size saving first. Session 28's saving went to the
# tagger module (below); its rules (three branches) took the core to 133,082
# and the tripwire to 133,500, the shipped total 1.3 KB under compromise's:
# the next session starts with a core saving ("Download size, session 28").
# Session 29 gathered the lexicons' key-set blobs in one static, in the
# order that gzips best (build.rs, gather_blobs): core 133,082 -> 131,920
# with the same code and data, and the tripwire back to 132,000
# ("Download size, session 29"); the session's rules (three branches) then
# took it to 132,776 and the tripwire to 133,000, the shipped total 1.6 KB
# under compromise's: the next rules need a saving first.
# Session 30's saving (s30-size: cue phrases' stances and frames, roles'
# flags and not-names' values packed; -260) was outrun by its rules (four
# branches): core 133,461 (133,430 at the session's end) and the tripwire
# to 133,600, the shipped total 924 bytes under compromise's ("Download
# size, session 30"). The next
# session must save before it adds: the shipped total is the real budget.
# Session 31 saved first (s31-size: no str::from_utf8, std's reverse char
# search, FlatMap and a few generic copies gone; -1,943, output identical):
# core 131,487; with the session's rules (five branches) 131,825 (131,921 at
# the session's end) and the
# tripwire down to 132,400, the shipped total 2.5 KB under compromise's
# ("Download size, session 31"). Session 32's rules (six branches) reached
# 133,038 (after a str::to_lowercase that had taken it to 146,130 was
# caught here); s32-size wrote 22 reversed-range searches as loops (-929,
# output identical): core 132,109 at the session's end, the tripwire kept,
# the shipped total 2.1 KB under compromise's ("Download size, session
# 32"). Session 33's s33-size wrote collects and the last reversed searches
# as loops first (-1,936, output identical); with the session's rules (eight
# branches) core 131,783, the tripwire kept, the shipped total 2.6 KB under
# compromise's ("Download size, session 33"). Session 34's s34-size saved
# 821 (dead function-table slots dropped, output identical); the session's
# rules (eight branches) cost ~2.6 KB: core 133,603 (133,377 after the
# review's mend), the tripwire raised to 134,000, the shipped total 977 bytes
# under compromise's ("Download size, session 34"). The next session must save before it adds. It fails on
# a step change: a build that skipped wasm-opt, the lexicons embedded as TSV
# text again (+24 KB), str::to_lowercase back (+8 KB), or a dependency such
# as full `regex` and its Unicode tables.
set -euo pipefail
cd "$(dirname "$0")/.."

BUDGET=${NEWSLENS_WASM_GZIP_BUDGET:-134000}
wasm=pkg/newslens_wasm_bg.wasm
glue=pkg/newslens_wasm.js
compromise=node_modules/compromise/builds/three/compromise-three.mjs

if [ ! -f "$wasm" ]; then
  echo "check-size: $wasm is missing; run scripts/build-wasm.sh first" >&2
  exit 1
fi
gz() { gzip -9 -c "$1" | wc -c; }

raw=$(wc -c < "$wasm")
wasm_gz=$(gz "$wasm")
echo "size: $wasm $raw bytes, $wasm_gz gzipped (budget $BUDGET)"
if [ -f "$glue" ] && [ -f "$compromise" ]; then
  total=$(( wasm_gz + $(gz "$glue") ))
  # wasm-bindgen's snippets (wasm/js/*.js) ship in the glue (scripts/inline-snippets.mjs);
  # an older pkg/ has them apart.
  for f in $(find pkg/snippets -name '*.js' 2>/dev/null); do total=$(( total + $(gz "$f") )); done
  theirs=$(gz "$compromise")
  echo "size: newslens .wasm + JS glue $total gzipped; compromise $theirs gzipped"
  if [ "$total" -ge "$theirs" ]; then
    echo "size: FAIL: what the page ships ($total) is not smaller than compromise ($theirs)" >&2
    exit 1
  fi
fi
if [ "$wasm_gz" -gt "$BUDGET" ]; then
  echo "size: FAIL: $wasm is $wasm_gz bytes gzipped, over the budget of $BUDGET" >&2
  exit 1
fi
echo "size: ok ($(( BUDGET - wasm_gz )) bytes under budget)"

# The second build, pkg/tagger/ (feature `tagger`: the learned named-entity
# tagger and its weights), is a separate asset the page loads after its first
# result, with its own budget: 300,000 bytes gzipped (issue 12's aim). It
# measured 293,524 (2026-12-04, 2^16-row weights), 284,247 after session 13
# (2026-12-05), 286,285 after session 16: the core engine (~125 KB)
# + the weights src/tagger/ner.bin (123 KB gzipped on their own) + the
# tagger's code and the entity stage (~31 KB). See "Download size" in
# BENCHMARKS.md. Session 27's rules took it to 300,462, 462 bytes over the
# aim; session 28 range-coded the weights (src/tagger/packed.rs, 285,931 with
# the session's rules), and the tripwire went back to the aim. Session 29's
# gathered key-set blobs took it to 284,690, its rules to 287,261;
# session 30's rules to 288,150.
TAGGER_BUDGET=${NEWSLENS_TAGGER_GZIP_BUDGET:-300000}
tagger=pkg/tagger/newslens_wasm_bg.wasm
if [ ! -f "$tagger" ]; then
  echo "check-size: $tagger is missing; run scripts/build-wasm.sh first" >&2
  exit 1
fi
tagger_gz=$(gz "$tagger")
echo "size: $tagger $(wc -c < "$tagger") bytes, $tagger_gz gzipped (budget $TAGGER_BUDGET)"
if [ "$tagger_gz" -gt "$TAGGER_BUDGET" ]; then
  echo "size: FAIL: $tagger is $tagger_gz bytes gzipped, over the budget of $TAGGER_BUDGET" >&2
  exit 1
fi
echo "size: tagger ok ($(( TAGGER_BUDGET - tagger_gz )) bytes under budget)"
