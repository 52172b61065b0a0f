// Inlines wasm-bindgen's snippets (wasm/js/*.js, which wasm-bindgen copies
// to OUT/snippets/) into the glue OUT/newslens_wasm.js, and removes
// OUT/snippets/:
//
//   node scripts/inline-snippets.mjs OUT
//
// Why: the glue imports its snippet, so loading the engine took two requests
// one after the other (the glue, then the snippet it names); inlined, it
// takes one (BENCHMARKS.md, "Issue 15, session 11": the import part of the
// cold start). Each snippet becomes a function scope returning its exports,
// so its own top-level names cannot meet the glue's. A snippet that imports
// anything itself is refused: this script does not follow imports.
import { readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/inline-snippets.mjs OUT');
  process.exit(2);
}
const gluePath = join(out, 'newslens_wasm.js');
const glue = readFileSync(gluePath, 'utf8');

// `import { a, b } from './snippets/X.js';` and `import * as importN from "./snippets/X.js"`
const IMPORT = /^import (\{[^}]*\}|\* as (\w+)) from (['"])(\.\/snippets\/[^'"]+)\3;?$/;
const modules = new Map(); // path → the name of its inlined namespace
let n = 0;
const lines = glue.split('\n').map((line) => {
  const m = line.match(IMPORT);
  if (!m) return line;
  const [, what, star, , path] = m;
  let ns = modules.get(path);
  const defs = [];
  if (!ns) {
    ns = star ?? `__snippet${n++}`;
    modules.set(path, ns);
    const file = join(out, path);
    const src = readFileSync(file, 'utf8');
    if (/^\s*(import|export\s+\*|export\s*\{)/m.test(src)) throw new Error(`${file}: imports or re-exports; cannot inline it`);
    const exported = [...src.matchAll(/^export (?:async function\*?|function\*?|const|let|var|class) (\w+)/gm)].map((e) => e[1]);
    defs.push(`// ${path.slice(2)}, inlined (scripts/inline-snippets.mjs)`,
      `const ${ns} = (() => {`, src.replace(/^export /gm, '').trimEnd(), `return { ${exported.join(', ')} };`, '})();');
  } else if (star) {
    defs.push(`const ${star} = ${ns};`);
  }
  if (!star) defs.push(`const ${what} = ${ns};`);
  return defs.join('\n');
});
if (modules.size === 0) {
  console.error(`${gluePath}: no snippet imports; nothing inlined`);
} else {
  const text = lines.join('\n');
  if (text.includes('./snippets/') && /from ['"]\.\/snippets\//.test(text)) throw new Error(`${gluePath}: a snippet import is left`);
  writeFileSync(gluePath, text);
}
if (existsSync(join(out, 'snippets'))) rmSync(join(out, 'snippets'), { recursive: true });
