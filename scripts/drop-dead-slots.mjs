// Points the function table's slots of functions that nothing can call at
// `__rust_abort` (a trap), so that the optimizer drops them and what only
// they keep:
//
//   node scripts/drop-dead-slots.mjs IN.wasm OUT.wasm
//
// IN.wasm is cargo's output (it has the name section). js-sys links its
// JSPI task machinery (`futures::jspi`) through a raw export,
// `__wbg_jspi_task_poll`, that wasm-bindgen deletes in a module without
// JSPI exports; the task waker's vtable functions stay in the table all the
// same (a table slot is an address in data: binaryen cannot know none is
// read), and with them `RefCell`'s borrow errors' `Display`, which keeps
// core's `Formatter::pad` and `str::count` (the engine has no `RefCell`).
// Core .wasm 131,731 -> 131,047 bytes gzipped (2026-12-08, session 34).
// Were one called after all, it would trap, as a panic does under
// `panic = "abort"` (a `RefCell` borrow error's panic would lose only its
// console message). Nothing else changes: the table keeps its size and
// every other slot.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/drop-dead-slots.mjs IN.wasm OUT.wasm');
  process.exit(2);
}
const fail = (msg) => { console.error(`drop-dead-slots: ${msg}`); process.exit(1); };
const DEAD = [/jspi.*task_waker/, /BorrowMutError.*Display.*fmt/, /BorrowError.*Display.*fmt/];
const TRAP = /__rust_abort$/;

const bytes = readFileSync(input);
if (bytes.readUInt32LE(0) !== 0x6d736100) fail(`${input}: not a wasm module`);
let at = 8;
const leb = () => { let n = 0, shift = 0, b; do { b = bytes[at++]; n += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return n; };
const uleb = (n) => { const o = []; do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; o.push(b); } while (n); return o; };

// --- the sections: the elem section and the functions' names ---------------
let elem = null;
const names = new Map();
while (at < bytes.length) {
  const start = at;
  const id = bytes[at++];
  const size = leb();
  const body = at;
  const end = at + size;
  if (id === 9) elem = { start, body, end };
  if (id === 0) {
    const n = leb();
    const name = bytes.subarray(at, at + n).toString('utf8');
    at += n;
    if (name === 'name') {
      while (at < end) {
        const sub = bytes[at++];
        const subEnd = leb() + at;
        if (sub === 1) {
          for (let k = leb(); k > 0; k--) {
            const idx = leb();
            const len = leb();
            names.set(idx, bytes.subarray(at, at + len).toString('utf8'));
            at += len;
          }
        }
        at = subEnd;
      }
    }
  }
  at = end;
}
if (!elem) fail(`${input}: no elem section`);
if (names.size === 0) fail(`${input}: no function names (cargo's output has them)`);
const trap = [...names].find(([, n]) => TRAP.test(n));
if (!trap) fail(`${input}: no __rust_abort`);

// --- the one segment LLVM writes: active, table 0, i32.const, indices -----
at = elem.body;
if (leb() !== 1) fail('more than one elem segment');
if (bytes[at++] !== 0 || bytes[at++] !== 0x41) fail('the elem segment is not `(i32.const N) func...`');
leb();
if (bytes[at++] !== 0x0b) fail('the elem segment\'s offset is not a constant');
const head = bytes.subarray(elem.body, at);
const slots = [];
for (let k = leb(); k > 0; k--) slots.push(leb());
if (at !== elem.end) fail('the elem section has more than its segment');

let dropped = 0;
const kept = slots.map((f) => {
  const n = names.get(f) ?? '';
  if (DEAD.some((re) => re.test(n))) { dropped++; return trap[0]; }
  return f;
});
const content = [...head, ...uleb(kept.length), ...kept.flatMap(uleb)];
const section = Buffer.from([9, ...uleb(content.length), ...content]);
writeFileSync(output, Buffer.concat([bytes.subarray(0, elem.start), section, bytes.subarray(elem.end)]));
console.log(`drop-dead-slots: ${dropped} of ${slots.length} table slots pointed at __rust_abort`);
