// Gives the .wasm's imports one-letter names, and its glue the same:
//
//   node scripts/short-imports.mjs OUT
//
// wasm-bindgen names each import after its JS function and a hash
// ("./newslens_wasm_bg.js" "__wbg_build_a3ce0d0d529139aa"): 18 imports, ~600
// bytes of the core .wasm gzipped that no browser needs (BENCHMARKS.md,
// "Download size, session 18"). This rewrites the import section of
// OUT/newslens_wasm_bg.wasm (every import in module "a", named "a", "b", ...
// in order; nothing else in the file changes) and renames the keys of the
// import object in OUT/newslens_wasm.js to match. The exports keep their
// names (the glue and callers read `memory`, `annotate`). Run it on
// wasm-bindgen's glue before terser, after scripts/inline-snippets.mjs.
//
// It fails, rather than writing a glue that would not instantiate, when the
// glue's import object is not the shape it knows (wasm-bindgen's
// `__wbg_get_imports`: `const import0 = { key: function ... }` for the
// glue's own module, `"MODULE": importN` per module in its return).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/short-imports.mjs OUT');
  process.exit(2);
}
const wasmPath = join(out, 'newslens_wasm_bg.wasm');
const gluePath = join(out, 'newslens_wasm.js');
const bytes = readFileSync(wasmPath);
let glue = readFileSync(gluePath, 'utf8');
const fail = (msg) => { console.error(`short-imports: ${msg}`); process.exit(1); };

// --- the wasm: read the import section, write it with short names ---------
let at = 8;
const leb = () => { let n = 0, shift = 0, b; do { b = bytes[at++]; n += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return n; };
const uleb = (n) => { const o = []; do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; o.push(b); } while (n); return o; };
const name = () => { const n = leb(); const s = bytes.subarray(at, at + n).toString('utf8'); at += n; return s; };
const str = (s) => { const b = Buffer.from(s, 'utf8'); return [...uleb(b.length), ...b]; };
const short = (i) => { const abc = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'; let s = ''; do { s = abc[i % 52] + s; i = Math.floor(i / 52) - 1; } while (i >= 0); return s; };
if (bytes.readUInt32LE(0) !== 0x6d736100) fail(`${wasmPath}: not a wasm module`);
let section = null;
while (at < bytes.length) {
  const start = at, id = bytes[at++], size = leb(), body = at;
  if (id === 2) { section = { start, body, end: body + size }; break; }
  at = body + size;
}
if (!section) fail(`${wasmPath}: no import section`);
at = section.body;
const imports = [];
const count = leb();
for (let i = 0; i < count; i++) {
  const module = name(), field = name(), descStart = at, kind = bytes[at++];
  const limits = () => { const flags = leb(); leb(); if (flags & 1) leb(); };
  if (kind === 0) leb(); // function: type index
  else if (kind === 1) { at++; limits(); } // table: reference type, limits
  else if (kind === 2) limits(); // memory
  else if (kind === 3) at += 2; // global: value type, mutability
  else if (kind === 4) { at++; leb(); } // tag
  else fail(`import ${module} ${field}: unknown kind ${kind}`);
  imports.push({ module, field, short: short(i), desc: [...bytes.subarray(descStart, at)] });
}
if (at !== section.end) fail(`${wasmPath}: import section not read to its end`);
const newBody = [...uleb(count), ...imports.flatMap((im) => [...str('a'), ...str(im.short), ...im.desc])];
const rewritten = Buffer.concat([bytes.subarray(0, section.start), Buffer.from([2, ...uleb(newBody.length), ...newBody]), bytes.subarray(section.end)]);

// --- the glue: the same names in its import object ------------------------
const ret = glue.match(/return \{\s*__proto__: null,((?:\s*"[^"]+": import\d+,)+)\s*\};/);
if (!ret) fail(`${gluePath}: no import object returned by __wbg_get_imports`);
const objects = new Map([...ret[1].matchAll(/"([^"]+)": (import\d+)/g)].map((m) => [m[1], m[2]]));
const own = imports.filter((im) => objects.get(im.module) === 'import0');
const others = imports.filter((im) => objects.get(im.module) !== 'import0');
for (const im of own) {
  const key = new RegExp(`(\\n\\s*)${im.field}(: function\\b)`, 'g');
  const n = [...glue.matchAll(key)].length;
  if (n !== 1) fail(`${gluePath}: the key ${im.field} appears ${n} times, not once`);
  glue = glue.replace(key, `$1${im.short}$2`);
}
for (const im of others) {
  if (!objects.has(im.module)) fail(`${gluePath}: no object for module ${im.module}`);
  if (!/^[A-Za-z_$][\w$]*$/.test(im.field)) fail(`import ${im.field}: not a plain name`);
}
const extra = others.map((im) => `${im.short}: ${objects.get(im.module)}.${im.field}`).join(', ');
glue = glue.replace(ret[0], `return { __proto__: null, a: ${extra ? `Object.assign(import0, { ${extra} })` : 'import0'} };`);
for (const im of imports) {
  if (im.field.startsWith('__wbg') && glue.includes(im.field)) fail(`${gluePath}: ${im.field} is still named`);
}

writeFileSync(wasmPath, rewritten);
writeFileSync(gluePath, glue);
console.log(`short-imports: ${count} imports renamed (${bytes.length} -> ${rewritten.length} bytes)`);
