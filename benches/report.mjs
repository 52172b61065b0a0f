// Prints the criterion results of `benches/annotate.rs` and
// `benches/scaling.rs` as Markdown tables: MB/s (MB = 10^6 bytes), ms per
// 1,000 words, and for scaling the time ratio between steps and the fitted
// exponent k in time ∝ bytes^k (k = 1 is linear).
//
// Usage: node benches/report.mjs [CRITERION_DIR]   (default: target/criterion,
// or $CARGO_TARGET_DIR/criterion)
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2]
  ?? join(process.env.CARGO_TARGET_DIR ?? join(here, '..', 'target'), 'criterion');

function load(group, id) {
  const base = join(dir, group, id, 'new');
  if (!existsSync(join(base, 'estimates.json'))) return null;
  const est = JSON.parse(readFileSync(join(base, 'estimates.json'), 'utf8'));
  const meta = JSON.parse(readFileSync(join(base, 'benchmark.json'), 'utf8'));
  // Criterion's own headline: the slope of a linear-sampling fit when it
  // has one (small inputs), else the mean (flat sampling, large inputs).
  const e = est.slope ?? est.mean;
  return {
    ns: e.point_estimate,
    lo: e.confidence_interval.lower_bound,
    hi: e.confidence_interval.upper_bound,
    bytes: meta.throughput?.Bytes ?? null,
  };
}

const fmtTime = (ns) => ns >= 1e9 ? `${(ns / 1e9).toFixed(2)} s`
  : ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms`
  : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`;
const mbps = (bytes, ns) => bytes / ns * 1e3; // bytes/ns * 1e9 / 1e6

const words = (text) => text.split(/\s+/).filter(Boolean).length;

let printed = false;
for (const group of ['annotate', 'export', 'pipeline']) {
  const rows = [];
  for (const name of ['politics', 'business', 'feature']) {
    const r = load(group, name);
    if (!r) continue;
    const w = words(readFileSync(join(here, 'data', `${name}.txt`), 'utf8'));
    rows.push(`| ${name} | ${r.bytes} | ${w} | ${fmtTime(r.ns)} (${fmtTime(r.lo)}–${fmtTime(r.hi)}) `
      + `| ${mbps(r.bytes, r.ns).toFixed(1)} | ${(r.ns / 1e6 / w * 1000).toFixed(3)} |`);
  }
  if (!rows.length) continue;
  printed = true;
  console.log(`\n### ${group}\n`);
  console.log('| text | bytes | words | time per call (95% CI) | MB/s | ms per 1,000 words |');
  console.log('|---|---:|---:|---|---:|---:|');
  rows.forEach((r) => console.log(r));
}

const sizes = existsSync(join(dir, 'scaling'))
  ? readdirSync(join(dir, 'scaling')).filter((d) => existsSync(join(dir, 'scaling', d, 'new')))
  : [];
const points = sizes.map((id) => ({ id, ...load('scaling', id) }))
  .filter((p) => p.bytes).sort((a, b) => a.bytes - b.bytes);
if (points.length) {
  printed = true;
  console.log('\n### scaling\n');
  console.log('| size | bytes | time per call | MB/s | time ratio to previous | size ratio |');
  console.log('|---|---:|---:|---:|---:|---:|');
  points.forEach((p, i) => {
    const prev = points[i - 1];
    console.log(`| ${p.id} | ${p.bytes} | ${fmtTime(p.ns)} | ${mbps(p.bytes, p.ns).toFixed(1)} | `
      + `${prev ? (p.ns / prev.ns).toFixed(2) : '–'} | ${prev ? (p.bytes / prev.bytes).toFixed(2) : '–'} |`);
  });
  // Least-squares slope of log(time) against log(bytes).
  const fit = (ps) => {
    const xs = ps.map((p) => Math.log(p.bytes)), ys = ps.map((p) => Math.log(p.ns));
    const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
    let sxy = 0, sxx = 0;
    xs.forEach((x, i) => { sxy += (x - mx) * (ys[i] - my); sxx += (x - mx) ** 2; });
    return sxy / sxx;
  };
  const big = points.filter((p) => p.bytes >= 100 * 1024);
  console.log(`\nFitted exponent k (time ∝ bytes^k): all sizes ${fit(points).toFixed(3)}`
    + (big.length >= 2 ? `; 100 KiB and up ${fit(big).toFixed(3)}` : '')
    + '. k = 1 is linear; small sizes carry fixed per-call costs, so k below 1 there is expected.');
}
if (!printed) {
  console.error(`no criterion results under ${dir}; run scripts/bench.sh native first`);
  process.exit(1);
}
