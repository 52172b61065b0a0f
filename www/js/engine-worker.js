// The engine's worker: the only module that imports the WASM packages (../pkg/
// and, later, ../pkg/tagger/). www/js/engine.js starts it with
// `new Worker(url, {type: 'module'})` and talks to it in messages, so the
// page's thread never runs the engine.
//
//   in:  {op: 'module', module} first: the core's compiled .wasm (null: fetch it here)
//        {op: 'tagger', module}: the compiled .wasm of pkg/tagger/ (the engine
//                                   with the learned tagger); from then on every
//                                   annotation runs there
//        {id, op: 'annotate', text, options?, words?} | {id, op: 'version'}
//                                   words: false: do not count the words
//   out: {op: 'ready'} once the WASM is instantiated (and has annotated a short
//                                   text once: warmUp), or {op: 'failed', message}
//        {op: 'tagger', ok}        the tagger module instantiated (and warmed up) (ok) or not
//        {id, ok: true, result, ms, at, words, tagger}   result: an annotation
//                                   packed (wire.js), a version string as is; ms: the engine's time; at: when it ended
//                                   (timeOrigin + now); words: countWords(text)
//                                   (model.js; undefined with words: false);
//                                   tagger: the tagger module made it
//        {id, ok: false, crash, name, message}   crash: the engine trapped (a bug)
//
// A trap (a Rust panic, with panic=abort) leaves the instance unusable: the
// page then terminates this worker and starts a fresh one.
import init, { annotate, version } from '../pkg/newslens_wasm.js';
import { countWords } from './model.js';
import { pack } from './wire.js';

// A short text the engine annotates once as soon as it is instantiated, before
// the page's first text: V8 compiles each WASM function on its first call, and
// the engine builds its word lists' indexes on first use; done here, that work
// overlaps the page's own loading instead of delaying its first result
// (BENCHMARKS.md, "Issue 15, session 11"). Quotes, a title and a name, a place,
// a date, an organization, a claim and its denial: most of the engine's paths.
const WARM_UP = '"We will not raise the fares this year," Transport Minister Ana Kowal told '
  + 'reporters in the capital on Monday. The drivers\' union said the plan would cut 200 jobs, '
  + 'a claim the ministry denied. According to a report by the city council, prices rose.';

/** Annotates WARM_UP with `engine` once; its result is dropped (and so is a failure). */
function warmUp(engine) {
  try {
    engine.annotate(WARM_UP);
  } catch {
    // A trap here would leave the instance unusable: the page's first call then
    // reports the crash and gets a fresh worker, as for any other text.
  }
}

let gotModule;
const loaded = new Promise((resolve) => { gotModule = resolve; })
  .then((module) => init(module ? { module_or_path: module } : undefined))
  .then(() => warmUp({ annotate }));
loaded.then(
  () => postMessage({ op: 'ready' }),
  (e) => postMessage({ op: 'failed', message: String(e?.message ?? e) }),
);

// The tagger's engine: the same API from its own glue (its own instance);
// null until it is instantiated, or when it could not be.
let tagger = null;
let taggerLoading = null;

function loadTagger(module) {
  taggerLoading ??= import('../pkg/tagger/newslens_wasm.js')
    .then(async (m) => { await m.default({ module_or_path: module }); warmUp(m); return m; })
    .then((m) => { tagger = m; return true; }, () => false)
    .then((ok) => { postMessage({ op: 'tagger', ok }); if (ok) setTimeout(tierUp); });
  return taggerLoading;
}

// V8 runs a WASM function in its baseline tier (Liftoff) until it has run
// about 13 MB of its code, and a running call never changes tier: a long
// text's first call ran mostly there, ~1.5x the CPU of the next call of the
// same text (BENCHMARKS.md, "Page, session 34"). So, while idle, the tagger's
// engine annotates a ~4 KB text, one call a task (a text posted meanwhile waits
// for one call at most), until it has annotated 512 Ki characters, the page's
// texts included: then its hot functions run in the optimizing tier. ~0.3-0.6 s
// of CPU once; a restarted worker (a text abandoned) does it again.
let tierUpLeft = 524288;
let tierUpText;

function tierUp() {
  if (tierUpLeft <= 0) return;
  tierUpText ??= Array(16).fill(WARM_UP).join('\n\n');
  warmUp({ annotate: () => tagger.annotate(tierUpText) });
  tierUpLeft -= tierUpText.length;
  setTimeout(tierUp);
}

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  if (op === 'module') return gotModule(data.module);
  if (op === 'tagger') return loadTagger(data.module);
  try {
    await loaded;
    if (taggerLoading) await taggerLoading;
    const engine = tagger ?? { annotate, version };
    const t = performance.now();
    const result = op === 'version' ? engine.version()
      : data.options === undefined ? engine.annotate(data.text) : engine.annotate(data.text, data.options);
    if (tagger && op === 'annotate') tierUpLeft -= data.text.length;
    const done = performance.now();
    // The word count for the page's stats line, so the page's thread never scans a long text.
    // (Not when the page counts them itself, while it waits: `words: false`.)
    const words = op === 'annotate' && data.words !== false ? countWords(data.text) : undefined;
    // An annotation packed (wire.js): its long lists as one transferred Int32Array,
    // which takes less time than JSON text (stringify here, parse in the page) or a
    // clone of the objects (benches/browser/page.mjs, "transfer").
    const { msg, transfer } = op === 'annotate' ? pack(result) : { msg: result, transfer: [] };
    postMessage({
      id, ok: true, result: msg, ms: done - t, at: performance.timeOrigin + done, words, tagger: tagger !== null,
    }, transfer);
  } catch (e) {
    postMessage({
      id,
      ok: false,
      crash: e instanceof WebAssembly.RuntimeError,
      name: e?.name ?? 'Error',
      message: String(e?.message ?? e),
    });
  }
};
