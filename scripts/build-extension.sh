#!/usr/bin/env bash
# Assembles the browser extension from extension/ + pkg/ (the WASM engine) +
# the page's shared www/js modules and www/style.css + Mozilla Readability,
# one tree per browser:
#   target/extension/chromium/   target/extension/firefox/
# and zips each into dist/newslens-chromium.zip, dist/newslens-firefox.zip.
# Builds pkg/ first (scripts/build-wasm.sh) when it is missing. Nothing this
# script writes is committed. Load the unpacked tree from chrome://extensions
# ("Load unpacked") or about:debugging ("Load Temporary Add-on": manifest.json).
set -euo pipefail
cd "$(dirname "$0")/.."

pkg=${NEWSLENS_PKG_DIR:-pkg} # another build of the binding, e.g. a debug one
if [ ! -f "$pkg/newslens_wasm.js" ] || [ ! -f "$pkg/newslens_wasm_bg.wasm" ] || [ ! -f "$pkg/tagger/newslens_wasm_bg.wasm" ]; then
  echo "pkg/ is missing: building it"
  scripts/build-wasm.sh
fi

# Ship no engine that cannot start: instantiate it once in Node and annotate a
# sentence (a wasm-opt too old for wasm-bindgen's externref table, for one,
# yields a module that fails in init()). Both engines: the core and the tagger's.
for dir in "$pkg" "$pkg/tagger"; do
node --input-type=module -e '
  import { readFileSync } from "node:fs";
  import { pathToFileURL } from "node:url";
  const dir = process.argv[1];
  const m = await import(pathToFileURL(`${dir}/newslens_wasm.js`));
  try {
    m.initSync({ module: readFileSync(`${dir}/newslens_wasm_bg.wasm`) });
  } catch (err) {
    console.error(`${dir}/newslens_wasm_bg.wasm does not instantiate: ${err.message}`);
    process.exit(1);
  }
  const doc = m.annotate("\u201cWe will rebuild the bridge,\u201d the mayor said.", { offsets: "utf16" });
  if (!doc || doc.version !== 1) { console.error(`${dir}: annotate() returned no version-1 document`); process.exit(1); }
' "$dir"
done

readability=node_modules/@mozilla/readability
if [ ! -f "$readability/Readability.js" ]; then
  echo "node_modules/@mozilla/readability is missing: run scripts/setup.sh (npm ci)" >&2
  exit 1
fi

# The extension's own files (extension/build/ holds build helpers only), and
# the content script's parts, extension/content/*.js.
own=(background.js content.js protocol.js marks.js highlight.css sidepanel.html sidepanel.js sidepanel.css)
# The page's plain-data modules the side panel and the tooltips reuse.
shared=(render.js panels.js export.js dom.js model.js)

mkdir -p dist
for browser in chromium firefox; do
  out="target/extension/$browser"
  rm -rf "$out"
  mkdir -p "$out/pkg" "$out/vendor" "$out/js"
  for f in "${own[@]}"; do cp "extension/$f" "$out/$f"; done
  mkdir -p "$out/content"
  cp extension/content/*.js "$out/content/"
  node extension/build/manifest.mjs extension/manifest.json "$out/manifest.json" "$browser"
  node extension/build/icons.mjs "$out/icons"
  cp "$pkg/newslens_wasm.js" "$pkg/newslens_wasm_bg.wasm" "$out/pkg/"
  # wasm/js/*.js are inlined into the glue (scripts/inline-snippets.mjs); an
  # older pkg/ has them apart.
  if [ -d "$pkg/snippets" ]; then cp -r "$pkg/snippets" "$out/pkg/"; fi
  # The engine with the learned tagger: background.js loads it after the
  # core's first result (its glue statically, its .wasm when it is needed).
  mkdir -p "$out/pkg/tagger"
  cp "$pkg/tagger/newslens_wasm.js" "$pkg/tagger/newslens_wasm_bg.wasm" "$out/pkg/tagger/"
  if [ -d "$pkg/tagger/snippets" ]; then cp -r "$pkg/tagger/snippets" "$out/pkg/tagger/"; fi
  cp "$readability/Readability.js" "$out/vendor/Readability.js"
  cp "$readability/LICENSE.md" "$out/vendor/Readability.LICENSE.md"
  for f in "${shared[@]}"; do cp "www/js/$f" "$out/js/$f"; done
  mkdir -p "$out/css"
  cp www/style.css "$out/css/newslens.css"

  # Every module the extension imports, and every file background.js injects
  # into a page (CONTENT_FILES), must be in the tree.
  node --input-type=module -e '
    import { readFileSync, existsSync } from "node:fs";
    import { dirname, join } from "node:path";
    const root = process.argv[1];
    const seen = new Set();
    const visit = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      if (!existsSync(join(root, file))) throw new Error(`${root}: missing ${file}`);
      if (!file.endsWith(".js")) return;
      const src = readFileSync(join(root, file), "utf8");
      for (const m of src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*"(\.[^"]+)"|^\s*import\s*"(\.[^"]+)"/gm)) {
        visit(join(dirname(file), m[1] || m[2]));
      }
    };
    ["background.js", "sidepanel.js", "protocol.js", "css/newslens.css", "sidepanel.css", "highlight.css"].forEach(visit);
    const list = readFileSync(join(root, "background.js"), "utf8").match(/const CONTENT_FILES = \[([^\]]*)\]/);
    if (!list) throw new Error(`${root}: no CONTENT_FILES in background.js`);
    [...list[1].matchAll(/"([^"]+)"/g)].forEach((m) => visit(m[1]));
  ' "$out"

  rm -f "dist/newslens-$browser.zip"
  (cd "$out" && find . -type f | LC_ALL=C sort | TZ=UTC zip -qX -@ "../../../dist/newslens-$browser.zip")
  echo "$out -> dist/newslens-$browser.zip ($(wc -c < "dist/newslens-$browser.zip") bytes)"
done
