// The in-page half of the browser benchmark: loads the newslens WASM
// module and compromise from the same origin, and times both on the same
// texts. benches/browser/bench.mjs drives it through `window.newslensBench`.
// Article text only ever reaches the DOM through textContent.

const NEWSLENS_URL = '/pkg/newslens_wasm.js';
const NEWSLENS_WASM_URL = '/pkg/newslens_wasm_bg.wasm';
const WARM_UP = '"We will not raise the fares this year," Transport Minister Ana Kowal told '
  + 'reporters in the capital on Monday. The drivers\' union said the plan would cut 200 jobs, '
  + 'a claim the ministry denied. According to a report by the city council, prices rose.';
const COMPROMISE_URL = '/node_modules/compromise/builds/three/compromise-three.mjs';

let newslens = null; // the ES module of the binding
let wasm = null; // its instance exports (for memory.buffer)
let nlp = null;

const JSON_OPTS = { offset: true, terms: false };

// What each engine is asked to do with one text.
const jobs = {
  // Actors, mentions, quotes and claims as a JS object with UTF-16 offsets.
  newslens: (text) => newslens.annotate(text),
  // compromise's comparable job, producing what newslens produces for the
  // same categories: each person, organization, place and quotation with its
  // text and offsets.
  compromise: (text) => {
    const doc = nlp(text);
    return {
      people: doc.people().json(JSON_OPTS),
      organizations: doc.organizations().json(JSON_OPTS),
      places: doc.places().json(JSON_OPTS),
      quotations: doc.quotations().json(JSON_OPTS),
    };
  },
  // The cheapest version of that job: tag the text and select the four
  // categories, without building any output (only the counts).
  compromiseFind: (text) => {
    const doc = nlp(text);
    return doc.people().length + doc.organizations().length + doc.places().length
      + doc.quotations().length;
  },
};

function count(name, out) {
  if (name === 'newslens') {
    return { actors: out.actors.length, mentions: out.mentions.length, quotes: out.quotes.length, claims: out.claims.length };
  }
  if (name === 'compromise') {
    return { people: out.people.length, organizations: out.organizations.length, places: out.places.length, quotations: out.quotations.length };
  }
  return { matches: out };
}

async function load(engine) {
  if (engine === 'newslens' && !newslens) {
    const mod = await import(NEWSLENS_URL);
    wasm = await mod.default();
    newslens = mod;
  } else if (engine !== 'newslens' && !nlp) {
    nlp = (await import(COMPROMISE_URL)).default;
  }
}

// Cold start in a fresh page: import the module (fetch + parse/compile of
// the JS), then for newslens init() (fetch + compile + instantiate of the
// .wasm), then the first annotation of `text`.
async function coldStart(engine, text, mode = 'plain') {
  // The marks delimit the parts in a trace (benches/browser/cold.mjs --cpu).
  performance.mark('cold:start');
  const t0 = performance.now();
  let t1, t2;
  if (engine === 'newslens') {
    // mode 'parallel': the .wasm's fetch starts with the glue's import, as a
    // page that preloads both gets it (README.md, "Loading it fast").
    const wasmFetch = mode === 'parallel' ? fetch(NEWSLENS_WASM_URL) : undefined;
    const mod = await import(NEWSLENS_URL);
    t1 = performance.now();
    performance.mark('cold:imported');
    wasm = await mod.default(wasmFetch && { module_or_path: wasmFetch });
    newslens = mod;
    // The page's warm-up text (www/js/engine-worker.js, WARM_UP).
    if (mode === 'warm') mod.annotate(WARM_UP);
    t2 = performance.now();
    performance.mark('cold:ready');
  } else {
    nlp = (await import(COMPROMISE_URL)).default;
    t1 = t2 = performance.now();
  }
  const out = jobs[engine === 'newslens' ? 'newslens' : 'compromise'](text);
  const t3 = performance.now();
  performance.mark('cold:done');
  let secondCallMs;
  if (mode !== 'once' && engine === 'newslens') {
    jobs.newslens(text);
    secondCallMs = performance.now() - t3;
  }
  return { importMs: t1 - t0, initMs: t2 - t1, firstCallMs: t3 - t2, totalMs: t3 - t0, secondCallMs, found: count(engine === 'newslens' ? 'newslens' : 'compromise', out) };
}

// Runs `job` on `text` at least `warmup` times and for at least `warmupMs`
// milliseconds, and on until the calls stop getting faster (the median of
// the last 10 calls is no more than 5% below that of the 10 before; at most
// 10 s), then takes samples until both `minRuns` samples and `minMs`
// milliseconds are done. A sample times a batch of calls long enough
// (>= 20 ms) that the timer's resolution does not matter, and records the
// batch time divided by its size.
//
// Why a warm-up in time: Chromium runs new WASM code in its baseline
// compiler (Liftoff) and moves hot functions to its optimizing compiler
// (TurboFan) in the background; on a small shared machine that takes
// hundreds of milliseconds, longer than a few calls. Samples taken before
// are neither cold (see the cold-start table) nor warm. The batch size comes
// from the last warm-up call, not from the average of the slow first ones.
function measure(job, text, { warmup = 3, warmupMs = 0, minRuns = 5, minMs = 1000, maxRuns = 1000 } = {}) {
  let out;
  let t;
  const calls = [];
  const warmStart = performance.now();
  const improving = () => {
    if (calls.length < 20) return true;
    const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    return med(calls.slice(-10)) < 0.95 * med(calls.slice(-20, -10));
  };
  for (;;) {
    t = performance.now();
    out = jobs[job](text);
    calls.push(performance.now() - t);
    const elapsed = performance.now() - warmStart;
    if (elapsed > 10000) break;
    if (calls.length >= warmup && elapsed >= warmupMs && !improving()) break;
  }
  const perCall = Math.max(calls[calls.length - 1], 0.001);
  const batch = Math.max(1, Math.ceil(20 / perCall));
  const times = [];
  const start = performance.now();
  while (times.length < maxRuns && (times.length < minRuns || performance.now() - start < minMs)) {
    t = performance.now();
    for (let i = 0; i < batch; i++) out = jobs[job](text);
    times.push((performance.now() - t) / batch);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return { runs: times.length, batch, medianMs: median, minMs: times[0], meanMs: mean, found: count(job, out) };
}

async function fetchText(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

// For the memory measurement: run once and keep the result alive.
function runAndKeep(job, text) {
  const t = performance.now();
  globalThis.__kept = jobs[job](text);
  return { ms: performance.now() - t, found: count(job, globalThis.__kept) };
}

const wasmMemoryBytes = () => (wasm ? wasm.memory.buffer.byteLength : 0);

window.newslensBench = { load, coldStart, measure, fetchText, runAndKeep, wasmMemoryBytes };

// Opened by hand with #run: a quick comparison on the three articles.
async function runHere() {
  const out = document.getElementById('out');
  const log = (line) => { out.textContent += `${line}\n`; };
  await load('newslens');
  await load('compromise');
  for (const name of ['politics', 'business', 'feature']) {
    const text = await fetchText(`/benches/data/${name}.txt`);
    const words = text.split(/\s+/).filter(Boolean).length;
    for (const job of ['newslens', 'compromise']) {
      const r = measure(job, text, { minMs: 500 });
      log(`${name} (${words} words) ${job}: median ${r.medianMs.toFixed(3)} ms over ${r.runs} runs`);
    }
  }
}
if (location.hash === '#run') runHere().catch((e) => { document.getElementById('out').textContent = String(e); });
