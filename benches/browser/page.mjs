// Page benchmark: the real page (www/, served by `newslens serve` on
// 127.0.0.1) in Chromium, from a paste to all highlights drawn, split into
// where the time goes; and the page's cold start.
//
//   node benches/browser/page.mjs [--quick] [--rounds N] [--text FILE] [--json OUT] [--root DIR] [--cold-only] [--cpu] [--settle MS]
//
// Needs pkg/ (scripts/build-wasm.sh), the release CLI (cargo build --release
// -p newslens-cli) and the 1 MiB text scripts/bench.sh generates
// (target/bench/big-1MiB.txt; --text picks another). Prints a Markdown report;
// raw numbers go to --json (default target/bench/page.json). --root serves
// another checkout's www/ and pkg/ (an older commit, to compare side by side:
// `git archive COMMIT www | tar -x -C DIR` and a link DIR/pkg to pkg/).
//
// Each round opens a fresh browser context (no HTTP cache), loads the page and
// waits for the sample to be drawn, then pastes the text as Ctrl+V would
// (a ClipboardEvent on the body) and waits for the page's own timings of that
// text: performance.measure entries `newslens:*` that www/js/main.js writes
// once the frame after the drawing has run:
//   send      the text's way to the worker (and the progress shown first)
//   engine    the worker's annotate call (www/js/engine-worker.js)
//   transfer  the result's way from the worker to the page (postMessage)
//   lists     the side panel's lists built (main.js: panel.update)
//   article   the highlighted text built (render.js)
//   dom       lists + article (what commits before the split wrote)
//   paint     style, layout and paint, until the next frame has run
//   total     from the paste event to that frame
// "paste → drawn" is measured by the benchmark itself: from just before it
// dispatches the paste to the end of `total`. Then Edit text, one word
// changed, and "Done editing": from that click to the end of `total`.
//
// Cold start: from navigation start to the sample's first result and to its
// highlights drawn (the page fetches its scripts, starts the engine's worker,
// which fetches and compiles the .wasm, annotates the sample and draws it).
// --cold-only: that alone (no paste, no edit), with the sample's parts and
// when the engine was ready (engine.js's mark `newslens:engine-ready`).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../tests/browser/lib/server.mjs';
import { launchBrowser } from '../../tests/browser/lib/browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const option = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const quick = argv.includes('--quick');
const coldOnly = argv.includes('--cold-only');
const rounds = Number(option('--rounds', quick ? 3 : 7));
const textFile = option('--text', join(root, 'target', 'bench', 'big-1MiB.txt'));
const jsonOut = option('--json', join(root, 'target', 'bench', 'page.json'));
if (!coldOnly && !existsSync(textFile)) {
  console.error(`bench: ${textFile} is missing; scripts/bench.sh memory generates it`);
  process.exit(2);
}
const text = coldOnly ? '' : readFileSync(textFile, 'utf8');
const sample = readFileSync(join(root, 'www', 'sample.txt'), 'utf8');
const PARTS = ['send', 'engine', 'transfer', 'lists', 'article', 'dom', 'paint', 'total'];

const server = await startServer({ root: option('--root', root) });
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const words = (t) => t.split(/\s+/).filter(Boolean).length;

/** The page's `newslens:*` measures as {name: duration}, plus the end of `total`. */
const readMeasures = (page) => page.evaluate((parts) => {
  const out = {};
  for (const p of parts) {
    const e = performance.getEntriesByName(`newslens:${p}`).at(-1);
    if (e) out[p] = e.duration;
    if (e && p === 'total') out.end = e.startTime + e.duration;
  }
  return out;
}, PARTS);

// --cpu: the engine's worker thread's CPU time in its longest task after the
// paste (the annotate call, with the word count and the packing), and V8's
// WASM compilation on other threads meanwhile (its optimizing tier), from a
// Chromium trace: on a loaded machine wall times are mostly waiting for a CPU.
const cpu = argv.includes('--cpu');
// --settle MS: how long the page idles between the tagger's refined sample and the paste (300).
const settle = Number(option('--settle', '300'));
function workerCpu(trace) {
  const ev = trace.traceEvents ?? trace;
  const workers = new Set(ev.filter((e) => e.ph === 'M' && e.name === 'thread_name' && /Worker/.test(e.args?.name))
    .map((e) => `${e.pid}:${e.tid}`));
  const tasks = ev.filter((e) => e.ph === 'X' && e.cat === 'toplevel' && e.tdur !== undefined && workers.has(`${e.pid}:${e.tid}`));
  const task = tasks.sort((a, b) => b.dur - a.dur)[0];
  if (!task) return {};
  const wasm = ev.filter((e) => e.ph === 'X' && e.cat.includes('wasm') && e.tdur !== undefined && e.pid === task.pid
    && e.tid !== task.tid && e.ts >= task.ts && e.ts < task.ts + task.dur);
  return { engineTaskCpu: task.tdur / 1000, engineTaskWall: task.dur / 1000, wasmCompileCpu: wasm.reduce((a, e) => a + e.tdur, 0) / 1000 };
}

const runs = [];
for (let i = 0; i < rounds; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(server.url);
  await page.waitForFunction(() => performance.getEntriesByName('newslens:total').length > 0);
  const cold = await readMeasures(page);
  const firstResult = await page.evaluate(() => {
    const e = performance.getEntriesByName('newslens:transfer').at(-1);
    return e ? e.startTime + e.duration : null;
  });
  if (coldOnly) {
    const engineReady = await page.evaluate(() => performance.getEntriesByName('newslens:engine-ready')[0]?.startTime);
    runs.push({ coldFirstResult: firstResult, coldDrawn: cold.end, engineReady, ...Object.fromEntries(PARTS.map((p) => [`cold_${p}`, cold[p]])) });
    console.error(`round ${i + 1}/${rounds}: cold: engine ready ${engineReady?.toFixed(0)} ms, first result ${firstResult?.toFixed(0)} ms, drawn ${cold.end?.toFixed(0)} ms (${PARTS.map((p) => `${p} ${cold[p]?.toFixed(0)}`).join(', ')})`);
    await context.close();
    continue;
  }
  // The page then loads the engine with the learned tagger (pkg/tagger/) and
  // annotates the sample again: what follows is measured with that engine.
  await page.waitForSelector('body[data-tagger="on"], body[data-tagger="off"]', { timeout: 120_000 });
  await page.evaluate((t) => { globalThis.__text = t; }, text);
  await page.waitForTimeout(settle); // let the sample's frame and any GC settle
  if (cpu) await browser.startTracing(page, { categories: ['toplevel', 'v8.wasm'] });
  const before = await page.evaluate(() => {
    performance.clearMeasures();
    const t0 = performance.now();
    const data = new DataTransfer();
    data.setData('text/plain', globalThis.__text);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    return t0;
  });
  await page.waitForFunction(() => performance.getEntriesByName('newslens:total').length > 0, null, { timeout: 120_000 });
  const m = await readMeasures(page);
  if (cpu) Object.assign(m, workerCpu(JSON.parse(await browser.stopTracing())));
  const shown = await page.evaluate(() => ({
    textLength: document.querySelector('[data-testid="article"]').textContent.length,
    quotes: Number(document.querySelector('[data-testid="count-quotes"]').textContent),
  }));
  if (shown.textLength !== text.length) throw new Error(`the article shows ${shown.textLength} units, not ${text.length}`);
  if (m.dom === undefined && m.lists !== undefined) m.dom = m.lists + m.article;
  // Edit text, change one word, Done editing: from that click to the highlights drawn.
  await page.evaluate(() => document.querySelector('#edit').click());
  await page.waitForFunction(() => !document.querySelector('#editor').hidden);
  await page.waitForTimeout(300);
  const clicked = await page.evaluate(() => {
    const editor = document.querySelector('#editor');
    editor.value = editor.value.replace(' said ', ' told ');
    editor.dispatchEvent(new Event('input'));
    performance.clearMeasures();
    const t0 = performance.now();
    document.querySelector('#edit').click();
    return t0;
  });
  await page.waitForFunction(() => performance.getEntriesByName('newslens:total').length > 0, null, { timeout: 120_000 });
  const edit = await readMeasures(page);
  runs.push({ ...m, pasteToDrawn: m.end - before, doneEditingToDrawn: edit.end - clicked, coldFirstResult: firstResult, coldDrawn: cold.end, quotes: shown.quotes });
  if (cpu) console.error(`round ${i + 1}/${rounds}: the engine's task: ${m.engineTaskCpu?.toFixed(0)} ms CPU in ${m.engineTaskWall?.toFixed(0)} ms; WASM compilation meanwhile ${m.wasmCompileCpu?.toFixed(0)} ms CPU`);
  console.error(`round ${i + 1}/${rounds}: paste → drawn ${(m.end - before).toFixed(0)} ms, done editing → drawn ${(edit.end - clicked).toFixed(0)} ms (${PARTS.map((p) => `${p} ${m[p]?.toFixed(0)}`).join(', ')}); cold: first result ${firstResult?.toFixed(0)} ms, drawn ${cold.end?.toFixed(0)} ms`);
  await context.close();
}
await browser.close();
await server.close();

const med = (k) => median(runs.map((r) => r[k]).filter((x) => typeof x === 'number'));
const ms = (x) => (x === undefined || Number.isNaN(x) ? '–' : `${x.toFixed(1)} ms`);
const bytes = Buffer.byteLength(text);
if (coldOnly) {
  console.log(`Cold start (${option('--root', 'this checkout')}; navigation start → the sample's result in the page / its highlights drawn; sample.txt, ${words(sample)} words; median of ${rounds}): `
    + `${ms(med('coldFirstResult'))} / ${ms(med('coldDrawn'))}; the engine ready (its worker started, the .wasm compiled, instantiated and warmed up) ${ms(med('engineReady'))}; the sample's parts: ${PARTS.map((p) => `${p} ${ms(med(`cold_${p}`))}`).join(', ')}`);
  process.exit(0);
}
console.log(`### Page: paste to highlights (${option('--root', 'this checkout')}; ${textFile.replace(`${root}/`, '')}, ${bytes.toLocaleString('en')} bytes, ${words(text).toLocaleString('en')} words; median of ${rounds} fresh contexts)\n`);
console.log(`| ${PARTS.join(' | ')} | paste → drawn |`);
console.log(`|${'---:|'.repeat(PARTS.length + 1)}`);
console.log(`| ${PARTS.map((p) => ms(med(p))).join(' | ')} | ${ms(med('pasteToDrawn'))} |`);
if (cpu) console.log(`\nThe engine's task in the worker (--cpu): ${ms(med('engineTaskCpu'))} CPU in ${ms(med('engineTaskWall'))} wall; V8's WASM compilation on other threads meanwhile ${ms(med('wasmCompileCpu'))} CPU`);
console.log(`\nEdit text, one word changed, Done editing → drawn: ${ms(med('doneEditingToDrawn'))}`);
console.log(`\nCold start (navigation start → the sample's result in the page / its highlights drawn; sample.txt, ${words(sample)} words): `
  + `${ms(med('coldFirstResult'))} / ${ms(med('coldDrawn'))}`);
mkdirSync(dirname(jsonOut), { recursive: true });
writeFileSync(jsonOut, `${JSON.stringify({ date: new Date().toISOString(), text: textFile, bytes, runs }, null, 2)}\n`);
console.log(`\n(raw numbers: ${jsonOut})`);
