// Browser benchmark: newslens (WASM) next to compromise, in the same
// Chromium page, on the same texts, in the same run.
//
//   node benches/browser/bench.mjs [--quick] [--no-memory] [--mid FILE] [--big FILE] [--json OUT]
//                                  [--memory-engines newslens,compromise] [--memory-only]
//
// Needs pkg/ (scripts/build-wasm.sh) and, for the memory part, the 1 MiB
// and 10 MiB texts that scripts/bench.sh generates (target/bench/big-*.txt).
// Prints a Markdown report; writes the raw numbers to --json
// (default target/bench/browser.json). Serves files on 127.0.0.1 only.
//
// Measures:
// - download size of what a page ships: the .wasm and its JS glue next to
//   compromise's ESM build, raw, gzip -9 and brotli;
// - cold start, each in a fresh browser context with caching off:
//   import + init (fetch, compile, instantiate) + first annotation;
// - throughput on the three benchmark articles: median of repeated runs
//   after warm-up, MB/s (10^6 UTF-8 bytes) and ms per 1,000 words;
// - peak memory for the 1 MiB and 10 MiB texts, one fresh browser each: the
//   renderer process's peak RSS (VmHWM, reset through /proc/PID/clear_refs
//   just before the call) minus its RSS before, plus the JS heap kept by the
//   result (CDP Performance.getMetrics after a forced GC) and the size of
//   the WASM linear memory (it only grows, so its final size is its peak).
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const quick = flag('--quick');
const bigPath = option('--big', join(root, 'target', 'bench', 'big-10MiB.txt'));
const jsonOut = option('--json', join(root, 'target', 'bench', 'browser.json'));

const ARTICLES = ['politics', 'business', 'feature'];
const NEWSLENS_FILES = ['pkg/newslens_wasm_bg.wasm', 'pkg/newslens_wasm.js'];
// wasm-bindgen's snippets (wasm/js/*.js), when a pkg/ has them apart from the glue
// (an older build: scripts/inline-snippets.mjs now puts them into it).
if (existsSync(join(root, 'pkg', 'snippets'))) {
  NEWSLENS_FILES.push(...readdirSync(join(root, 'pkg', 'snippets'), { recursive: true })
    .filter((f) => f.endsWith('.js')).map((f) => `pkg/snippets/${f}`));
}
const COMPROMISE_FILE = 'node_modules/compromise/builds/three/compromise-three.mjs';

for (const f of NEWSLENS_FILES) {
  if (!existsSync(join(root, f))) {
    console.error(`bench: ${f} is missing; run scripts/build-wasm.sh first`);
    process.exit(2);
  }
}

// ---- a static server for the few folders the page needs --------------------
const ALLOWED = ['benches/browser/', 'benches/data/', 'pkg/', 'node_modules/compromise/builds/', 'target/bench/'];
const server = await serveStatic(root, ALLOWED);
const { origin } = server;
const pageUrl = `${origin}/benches/browser/bench.html`;

const launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--enable-precise-memory-info'],
});

async function openPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(pageUrl);
  await page.waitForFunction(() => window.newslensBench);
  if (!(await page.evaluate(() => crossOriginIsolated))) console.error('bench: page is not cross-origin isolated; timer resolution is coarse');
  return { context, page };
}

const report = { date: new Date().toISOString(), origin: '127.0.0.1', sizes: {}, cold: {}, throughput: {}, memory: {} };
const out = [];
const say = (line = '') => { out.push(line); console.log(line); };
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const words = (text) => text.split(/\s+/).filter(Boolean).length;

// ---- sizes ------------------------------------------------------------------
// gzip -9 as scripts/check-size.sh and scripts/build-wasm.sh count it (GNU
// gzip; zlib's level 9 comes out ~2% larger on the .wasm), else zlib.
function gzipSize(file, data) {
  try {
    return execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 26 }).length;
  } catch {
    return gzipSync(data, { level: 9 }).length;
  }
}
function sizes(file) {
  const data = readFileSync(join(root, file));
  return {
    raw: data.length,
    gzip: gzipSize(join(root, file), data),
    brotli: brotliCompressSync(data, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
say('### Download size (what a page ships)\n');
say('| file | raw bytes | gzip -9 | brotli 11 |');
say('|---|---:|---:|---:|');
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const f of NEWSLENS_FILES) {
  const s = sizes(f);
  report.sizes[f] = s;
  for (const k in total) total[k] += s[k];
  say(`| ${f} | ${s.raw} | ${s.gzip} | ${s.brotli} |`);
}
report.sizes.newslensTotal = total;
say(`| **newslens total** | **${total.raw}** | **${total.gzip}** | **${total.brotli}** |`);
const cs = sizes(COMPROMISE_FILE);
report.sizes[COMPROMISE_FILE] = cs;
say(`| ${COMPROMISE_FILE} | ${cs.raw} | ${cs.gzip} | ${cs.brotli} |`);
say(`\nnewslens ships ${(total.gzip / cs.gzip * 100).toFixed(1)}% of compromise's gzipped bytes.`);

// --memory-only: the peak-memory part alone (no cold start, no throughput).
if (!flag('--memory-only')) {
const browser = await launch();
report.browser = `Chromium ${browser.version()}`;
say(`\nBrowser: ${report.browser} (headless, via playwright-core), page served from ${origin}`);

// ---- cold start --------------------------------------------------------------
const coldText = readFileSync(join(root, 'benches', 'data', 'politics.txt'), 'utf8');
const coldRounds = quick ? 3 : 7;
const cold = { newslens: [], compromise: [] };
for (let i = 0; i < coldRounds; i++) {
  for (const engine of ['newslens', 'compromise']) {
    const { context, page } = await openPage(browser);
    cold[engine].push(await page.evaluate(([e, t]) => window.newslensBench.coldStart(e, t), [engine, coldText]));
    await context.close();
  }
}
say(`\n### Cold start (fresh context, no HTTP cache; median of ${coldRounds}; text: politics.txt, ${words(coldText)} words)\n`);
say('| engine | import (fetch + compile JS) | init (fetch + compile .wasm) | first annotation | total |');
say('|---|---:|---:|---:|---:|');
for (const engine of ['newslens', 'compromise']) {
  const m = (k) => median(cold[engine].map((r) => r[k]));
  report.cold[engine] = { importMs: m('importMs'), initMs: m('initMs'), firstCallMs: m('firstCallMs'), totalMs: m('totalMs'), runs: cold[engine] };
  say(`| ${engine} | ${m('importMs').toFixed(1)} ms | ${engine === 'newslens' ? `${m('initMs').toFixed(1)} ms` : '–'} `
    + `| ${m('firstCallMs').toFixed(1)} ms | ${m('totalMs').toFixed(1)} ms |`);
}
say(`\nCold-start ratio (compromise total / newslens total): ${(report.cold.compromise.totalMs / report.cold.newslens.totalMs).toFixed(1)}x`);

// ---- throughput ------------------------------------------------------------------
{
  const { context, page } = await openPage(browser);
  await page.evaluate(async () => {
    await window.newslensBench.load('newslens');
    await window.newslensBench.load('compromise');
  });
  // Warm-up in time as well as in calls: see measure() in bench-page.js.
  const settings = quick
    ? { warmup: 2, warmupMs: 1000, minRuns: 3, minMs: 300 }
    : { warmup: 5, warmupMs: 2000, minRuns: 10, minMs: 2000 };
  say(`\n### Throughput (same page, warm; after ≥${settings.warmup} warm-up calls, ≥${settings.warmupMs} ms of them and until they stop getting faster, median of ≥${settings.minRuns} samples over ≥${settings.minMs} ms; a sample is a batch of calls lasting ≥20 ms)\n`);
  say('| text | bytes | words | engine | median | min | MB/s | ms per 1,000 words | found |');
  say('|---|---:|---:|---|---:|---:|---:|---:|---|');
  const ratios = [];
  for (const name of ARTICLES) {
    const text = readFileSync(join(root, 'benches', 'data', `${name}.txt`), 'utf8');
    const bytes = Buffer.byteLength(text), w = words(text);
    const rows = {};
    for (const job of ['newslens', 'compromise', 'compromiseFind']) {
      const r = await page.evaluate(([j, t, s]) => window.newslensBench.measure(j, t, s), [job, text, settings]);
      r.mbPerS = bytes / (r.medianMs / 1e3) / 1e6;
      r.msPer1000Words = r.medianMs / w * 1000;
      rows[job] = r;
      say(`| ${name} | ${bytes} | ${w} | ${job} | ${r.medianMs.toFixed(3)} ms | ${r.minMs.toFixed(3)} ms `
        + `| ${r.mbPerS.toFixed(2)} | ${r.msPer1000Words.toFixed(3)} | ${Object.entries(r.found).map(([k, v]) => `${k} ${v}`).join(', ')} |`);
    }
    const fastest = Math.min(rows.compromise.medianMs, rows.compromiseFind.medianMs);
    rows.ratio = fastest / rows.newslens.medianMs;
    ratios.push(rows.ratio);
    report.throughput[name] = { bytes, words: w, ...rows };
  }
  say('\nThroughput ratio, newslens over the faster compromise variant (compromiseFind): '
    + ARTICLES.map((n, i) => `${n} ${ratios[i].toFixed(1)}x`).join(', ')
    + `; geometric mean ${Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length).toFixed(1)}x`);
  await context.close();
}
await browser.close();
}

// ---- peak memory, 10 MiB -----------------------------------------------------
function rendererPids() {
  const parent = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone */ }
  }
  const mine = (pid) => { for (let p = pid; p > 1; p = parent.get(p)) if (p === process.pid) return true; return false; };
  return [...parent.keys()].filter((pid) => {
    if (!mine(pid)) return false;
    try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer'); } catch { return false; }
  });
}
function status(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (k) => Number(s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  return { rss: kib('VmRSS') * 1024, hwm: kib('VmHWM') * 1024 };
}

// One fresh browser per (engine, text). Besides VmHWM, node polls the
// renderers' RSS every 20 ms while the call runs, so a tab that crashes
// still leaves its peak behind.
async function memoryRun(job, rel, bytes) {
  const b = await launch();
  try {
    const { page } = await openPage(b);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize').value;
    };
    await page.evaluate(async ([j, url]) => {
      await window.newslensBench.load(j);
      globalThis.__text = await window.newslensBench.fetchText(url);
    }, [job, `/${rel}`]);
    const heapBefore = await heap();
    const pids = rendererPids();
    const before = new Map(pids.map((p) => [p, status(p)]));
    for (const p of pids) writeFileSync(`/proc/${p}/clear_refs`, '5'); // reset VmHWM to current RSS
    const polled = new Map(pids.map((p) => [p, 0]));
    const poll = setInterval(() => {
      for (const p of pids) {
        try { polled.set(p, Math.max(polled.get(p), status(p).rss)); } catch { /* exited */ }
      }
    }, 20);
    page.setDefaultTimeout(0);
    const t0 = performance.now();
    let run, error = null;
    try {
      run = await page.evaluate((j) => window.newslensBench.runAndKeep(j, globalThis.__text), job);
    } catch (e) {
      error = e.message.split('\n')[0];
    }
    const wallMs = performance.now() - t0;
    clearInterval(poll);
    let growth = 0;
    for (const p of pids) {
      let peak = polled.get(p);
      try { peak = Math.max(peak, status(p).hwm); } catch { /* the renderer is gone */ }
      growth = Math.max(growth, peak - before.get(p).rss);
    }
    const result = { inputBytes: bytes, ms: run ? run.ms : wallMs, peakRssGrowth: growth, renderers: pids.length };
    if (error) return { ...result, error };
    result.heapKept = (await heap()) - heapBefore;
    result.wasmBytes = await page.evaluate(() => window.newslensBench.wasmMemoryBytes());
    result.found = run.found;
    return result;
  } finally {
    await b.close().catch(() => {});
  }
}

if (!flag('--no-memory')) {
  const texts = [option('--mid', join(root, 'target', 'bench', 'big-1MiB.txt')), bigPath].filter((f) => {
    if (existsSync(f)) return true;
    console.error(`bench: ${f} is missing (scripts/bench.sh generates it); skipping it`);
    return false;
  });
  if (texts.length) {
    say('\n### Peak memory for long texts (one fresh browser per engine and text)\n');
    say('| text | engine | time (one run) | renderer peak RSS growth | × input | JS heap kept by result | WASM linear memory | found |');
    say('|---|---|---:|---:|---:|---:|---:|---|');
  }
  const mb = (x) => `${(x / 1e6).toFixed(1)} MB`;
  for (const file of texts) {
    const rel = file.startsWith(root) ? file.slice(root.length + 1) : '';
    if (!rel.startsWith('target/bench/')) throw new Error(`${file}: long texts must be under target/bench/`);
    const bytes = readFileSync(file).length;
    for (const job of option('--memory-engines', 'newslens,compromise').split(',')) {
      const r = await memoryRun(job, rel, bytes);
      report.memory[`${rel} ${job}`] = r;
      const label = `${rel.slice('target/bench/'.length)} (${mb(bytes)})`;
      if (r.error) {
        say(`| ${label} | ${job} | failed after ${(r.ms / 1e3).toFixed(1)} s | ≥ ${mb(r.peakRssGrowth)} | ≥ ${(r.peakRssGrowth / bytes).toFixed(1)} | – | – | ${r.error} |`);
      } else {
        say(`| ${label} | ${job} | ${(r.ms / 1e3).toFixed(2)} s | ${mb(r.peakRssGrowth)} | ${(r.peakRssGrowth / bytes).toFixed(2)} | ${mb(r.heapKept)} `
          + `| ${job === 'newslens' ? mb(r.wasmBytes) : '–'} | ${Object.entries(r.found).map(([k, v]) => `${k} ${v}`).join(', ')} |`);
      }
    }
  }
}

server.close();
mkdirSync(dirname(jsonOut), { recursive: true });
writeFileSync(jsonOut, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\n(raw numbers: ${jsonOut})`);
