// Orders the .wasm's functions so that gzip finds more of each one in the
// functions before it:
//
//   node scripts/order-functions.mjs IN.wasm OUT.wat
//
// Writes IN.wasm as text (binaryen's wasm-dis, an npm dev dependency) with
// its function definitions in a new order and nothing else changed; the
// build's last wasm-opt run reads OUT.wat (binaryen's text round trip is
// lossless: the same module as from IN.wasm, byte for byte, in the same
// order). A function's index is where it stands, so calls, the table and
// the exports follow it by name; what the code does is the same.
//
// The order is greedy: first the first function, then again and again the
// one whose body deflates smallest, against what it deflates to alone, after
// the last 32 KiB (gzip's window) of the bodies placed so far; the largest
// saving first, ties to the earlier function. LLVM lays functions out in the
// order of its module; grouping the alike ones saved 1,567 bytes gzipped of
// the core and 2,558 of the tagger's module (2026-12-07, session 26).
// binaryen's own --reorder-functions (most called first, for short call
// indices) costs +1,950 (session 17); the 40 most called first, then this
// order, +250. The bodies measured are IN.wasm's; the last wasm-opt run
// changes them a little, and the call indices with the order (ordering again
// by the optimized bodies: -14). It costs about a minute of CPU for the core
// and two for the tagger's module (n^2/2 deflates of a body after 32 KiB);
// measuring only the 128 best of the last round every other round takes a
// third off for the same bytes, fewer measures cost bytes.
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { deflateRawSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/order-functions.mjs IN.wasm OUT.wat');
  process.exit(2);
}
const fail = (msg) => { console.error(`order-functions: ${msg}`); process.exit(1); };
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// --- the code section's bodies, in the module's order ---------------------
const bytes = readFileSync(input);
if (bytes.readUInt32LE(0) !== 0x6d736100) fail(`${input}: not a wasm module`);
let at = 8;
const leb = () => { let n = 0, shift = 0, b; do { b = bytes[at++]; n += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return n; };
const bodies = [];
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const end = at + size;
  if (id === 10) {
    for (let n = leb(); n > 0; n--) {
      const len = leb();
      bodies.push(bytes.subarray(at, at + len));
      at += len;
    }
  }
  at = end;
}

// --- the text: top-level items, one of them per function ------------------
// binaryen prints each top-level item from a line that starts with " (",
// the lines inside it indented deeper, and the module's ")" alone last.
const wat = execFileSync(join(root, 'node_modules/.bin/wasm-dis'), [input], { maxBuffer: 1 << 30 }).toString('utf8');
const lines = wat.split('\n');
const items = [];
for (const line of lines) {
  if (line.startsWith(' (') || items.length === 0 || line === ')') items.push([line]);
  else items[items.length - 1].push(line);
}
const funcs = [];
items.forEach((item, i) => { if (item[0].startsWith(' (func ')) funcs.push(i); });
if (funcs.length !== bodies.length) fail(`${funcs.length} functions in the text, ${bodies.length} bodies in ${input}`);

// --- the order ------------------------------------------------------------
const WINDOW = 32768;
const opts = { level: 9 };
const deflated = (body, dictionary) => deflateRawSync(body, dictionary ? { ...opts, dictionary } : opts).length;
const alone = bodies.map((b) => deflated(b));
const n = bodies.length;
const left = new Set(Array.from({ length: n }, (_, i) => i));
const order = [0];
left.delete(0);
let window = Buffer.from(bodies[0]);
while (left.size > 0) {
  const dict = window.subarray(Math.max(0, window.length - WINDOW));
  let best = -1, bestGain = Infinity;
  for (const k of left) {
    const gain = deflated(bodies[k], dict) - alone[k];
    if (gain < bestGain) { bestGain = gain; best = k; }
  }
  order.push(best);
  left.delete(best);
  window = Buffer.concat([dict, bodies[best]]);
}

const placed = items.slice();
funcs.forEach((slot, i) => { placed[slot] = items[funcs[order[i]]]; });

// --- the table's trapping functions: one for all --------------------------
// Functions whose whole body is `unreachable` (wasm-bindgen's closure shims
// of js-sys's types, which nothing here makes) fill many table slots, one
// function a signature; all those slots point at the first such function,
// and the last wasm-opt run drops the others. A call through one traps as
// before (a signature mismatch instead of `unreachable`): core -90 bytes
// gzipped (2026-12-08, session 34).
const stubs = new Set();
for (const slot of funcs) {
  const item = items[slot];
  if (item.length === 3 && item[1] === '  (unreachable)' && item[2] === ' )') stubs.add(item[0].split(' ')[2]);
}
if (stubs.size > 1) {
  const [first] = stubs;
  placed.forEach((item, i) => {
    if (!item[0].startsWith(' (elem ')) return;
    const at = item[0].indexOf(' func ');
    if (item.length !== 1 || at < 0) fail('an elem segment not on one line as `... func $a $b ...)`');
    const names = item[0].slice(at).split(' ').map((tok) => {
      const name = tok.replace(/\)+$/, '');
      return stubs.has(name) ? first + tok.slice(name.length) : tok;
    });
    placed[i] = [item[0].slice(0, at) + names.join(' ')];
  });
}
writeFileSync(output, placed.map((item) => item.join('\n')).join('\n'));
