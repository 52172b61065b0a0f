#!/usr/bin/env bash
# Assembles the npm package `newslens` from npm/ (package.json, index.js, index.d.ts,
# README.md) and the WASM build in pkg/ (scripts/build-wasm.sh; run first), with the
# version of the root Cargo.toml, in target/npm/newslens/, and packs it with `npm pack`
# into target/npm/newslens-VERSION.tgz (the path is printed last).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f pkg/newslens_wasm.js ] || { echo "pkg/ is missing: run scripts/build-wasm.sh first" >&2; exit 1; }
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
out=target/npm/newslens
rm -rf "$out" && mkdir -p "$out"
cp npm/index.js npm/index.d.ts npm/README.md "$out/"
cp pkg/newslens_wasm.js pkg/newslens_wasm.d.ts pkg/newslens_wasm_bg.wasm pkg/newslens_wasm_bg.wasm.d.ts "$out/"
# wasm/js/*.js are in the glue (scripts/inline-snippets.mjs), not in pkg/snippets/.
node -e '
  const fs = require("fs");
  const [src, dst, version] = process.argv.slice(1);
  const p = JSON.parse(fs.readFileSync(src, "utf8"));
  p.version = version;
  fs.writeFileSync(dst, JSON.stringify(p, null, 2) + "\n");
' npm/package.json "$out/package.json" "$version"
(cd target/npm && rm -f newslens-*.tgz && npm pack --silent ./newslens >/dev/null)
echo "target/npm/newslens-$version.tgz"
