// Cold start alone, many rounds: what bench.mjs's cold-start table measures
// (a fresh browser context, no HTTP cache: import the glue, init() = fetch +
// compile + instantiate the .wasm, then the first annotation of
// benches/data/politics.txt), with the split and, optionally, V8 flags or a
// trace. For profiling the cold start (BENCHMARKS.md, "Issue 15, session 11").
//
//   node benches/browser/cold.mjs [--rounds 15] [--js-flags "--liftoff-only"]
//                                 [--mode plain|warm|parallel] [--trace OUT.json] [--text FILE]
//                                 [--profile OUT [--interval µs]] [--pkg DIR [--against DIR2]] [--cpu]
//
// --profile OUT: a V8 CPU profile of each round, OUT.0, OUT.1, ... (load them
// in DevTools; a .wasm built with names shows Rust's function names).
// --pkg DIR serves /pkg/ from DIR; --against DIR2 alternates the rounds
// between the two (same browser, same load) and reports each.
// --cpu: traces every round and adds the renderer's thread (CPU) time in
// each part (cpu*), the lazy compilations in the first call and V8's
// background threads' time: under other processes' load, wall times swing
// 2x while thread times move much less.
//
// --mode warm: init() then a warm-up call on a short text, then the article
// (the warm-up's time is counted in init). --mode parallel: the .wasm's fetch
// starts with the glue's import (init() is handed the response's promise).
// Serves files on 127.0.0.1 only.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const option = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const rounds = Number(option('--rounds', '15'));
const jsFlags = option('--js-flags', '');
const mode = option('--mode', 'plain');
const traceOut = option('--trace', '');
// --pkg DIR: serve /pkg/ from DIR; --against DIR: alternate rounds between
// --pkg (or pkg/) and DIR, in the same browser, and report both.
const pkgDirs = [option('--pkg', join(root, 'pkg')), ...(option('--against', '') ? [option('--against', '')] : [])];
let pkgDir = pkgDirs[0];
const profileOut = option('--profile', '');
const textFile = option('--text', join(root, 'benches', 'data', 'politics.txt'));

const server = await serveStatic(root, ['benches/browser/', 'benches/data/', 'pkg/'], { pkg: () => pkgDir });
const { origin } = server;

const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
if (jsFlags) args.push(`--js-flags=${jsFlags}`);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
const text = readFileSync(textFile, 'utf8');
const runsOf = pkgDirs.map(() => []);
for (let i = 0; i < rounds * pkgDirs.length; i++) {
  pkgDir = pkgDirs[i % pkgDirs.length];
  const runs = runsOf[i % pkgDirs.length];
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${origin}/benches/browser/bench.html`);
  await page.waitForFunction(() => window.newslensBench);
  const cpu = argv.includes('--cpu');
  if (cpu) {
    await browser.startTracing(page, { categories: ['blink.user_timing', 'toplevel', 'v8.wasm'] });
  } else if (traceOut && i === rounds * pkgDirs.length - 1) {
    await browser.startTracing(page, {
      path: traceOut,
      categories: ['blink.user_timing', 'devtools.timeline', 'v8', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed',
        'disabled-by-default-v8.compile', 'disabled-by-default-devtools.timeline', 'blink', 'loading', 'toplevel'],
    });
  }
  let cdp;
  if (profileOut) {
    cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: Number(option('--interval', '50')) });
    await cdp.send('Profiler.start');
  }
  const r = await page.evaluate(([t, m]) => window.newslensBench.coldStart('newslens', t, m), [text, mode]);
  if (cpu) Object.assign(r, cpuSplit(JSON.parse(await browser.stopTracing())));
  else if (traceOut && i === rounds * pkgDirs.length - 1) await browser.stopTracing();
  if (cdp) writeFileSync(`${profileOut}.${i}`, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  runs.push(r);
  await context.close();
}
await browser.close();
server.close();
// CPU time (thread time, which other processes' load does not inflate as
// much as wall time) of the renderer's main thread in each part, between
// the page's marks, and of V8's background threads over the whole cold start.
function cpuSplit(trace) {
  const ev = trace.traceEvents ?? trace;
  const mark = (n) => ev.find((e) => e.name === n && e.cat.includes('user_timing'));
  const m = ['cold:start', 'cold:imported', 'cold:ready', 'cold:done'].map(mark);
  if (m.some((e) => !e)) return {};
  const { pid, tid } = m[0];
  const ts = m.map((e) => e.ts);
  const tops = ev.filter((e) => e.ph === 'X' && e.cat === 'toplevel' && e.tdur !== undefined);
  // Each thread's outermost tasks only.
  const outer = [];
  const byThread = new Map();
  for (const e of tops) {
    const k = `${e.pid}:${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts);
    let end = -Infinity;
    for (const e of list) if (e.ts >= end) { outer.push(e); end = e.ts + e.dur; }
  }
  // The thread time of the part of `e` inside [a, b), pro rata.
  const within = (e, a, b) => {
    const lo = Math.max(a, e.ts), hi = Math.min(b, e.ts + e.dur);
    return hi > lo ? e.tdur * (hi - lo) / Math.max(e.dur, 1) : 0;
  };
  const main = outer.filter((e) => e.pid === pid && e.tid === tid);
  const others = outer.filter((e) => e.pid === pid && e.tid !== tid);
  const sum = (list, a, b) => list.reduce((s, e) => s + within(e, a, b), 0) / 1000;
  const lazy = ev.filter((e) => e.name === 'wasm.CompileLazy' && e.ts >= ts[2] && e.ts < ts[3]);
  return {
    cpuImportMs: sum(main, ts[0], ts[1]),
    cpuInitMs: sum(main, ts[1], ts[2]),
    cpuFirstCallMs: sum(main, ts[2], ts[3]),
    cpuLazyMs: lazy.reduce((s, e) => s + (e.tdur ?? 0), 0) / 1000,
    lazyCount: lazy.length,
    cpuBackgroundMs: sum(others, ts[0], ts[3]),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const keys = ['importMs', 'initMs', 'firstCallMs', 'totalMs', 'secondCallMs',
  'cpuImportMs', 'cpuInitMs', 'cpuFirstCallMs', 'cpuLazyMs', 'lazyCount', 'cpuBackgroundMs'];
for (const [v, runs] of runsOf.entries()) {
const fmt = (k) => `${k.replace('Ms', '')} ${median(runs.map((r) => r[k])).toFixed(1)} (${Math.min(...runs.map((r) => r[k])).toFixed(1)}–${Math.max(...runs.map((r) => r[k])).toFixed(1)})`;
console.log(`${pkgDirs.length > 1 ? `${pkgDirs[v]}: ` : ''}flags '${jsFlags}' mode ${mode}, ${rounds} rounds, medians (min–max) ms: ${keys.filter((k) => runs[0][k] !== undefined).map(fmt).join(', ')}`);
}
if (option('--json', '')) writeFileSync(option('--json', ''), JSON.stringify(runsOf));
