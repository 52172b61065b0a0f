// The engine's worker: the only module that imports the WASM package (../pkg/).
// www/js/engine.js starts it with `new Worker(url, {type: 'module'})` and talks
// to it in messages, so the page's thread never runs the engine.
//
//   in:  {op: 'module', module} first: the compiled .wasm (null: fetch it here)
//        {id, op: 'annotate', text, options?} | {id, op: 'version'}
//   out: {op: 'ready'} once the WASM is instantiated, or {op: 'failed', message}
//        {id, ok: true, json, ms, at, words}   json: the result as JSON text; ms:
//                                   the engine's time; at: when it ended (timeOrigin +
//                                   now); words: countWords(text) (model.js)
//        {id, ok: false, crash, name, message}   crash: the engine trapped (a bug)
//
// A trap (a Rust panic, with panic=abort) leaves the instance unusable: the
// page then terminates this worker and starts a fresh one.
import init, { annotate, version } from '../pkg/newslens_wasm.js';
import { countWords } from './model.js';

let gotModule;
const loaded = new Promise((resolve) => { gotModule = resolve; })
  .then((module) => init(module ? { module_or_path: module } : undefined));
loaded.then(
  () => postMessage({ op: 'ready' }),
  (e) => postMessage({ op: 'failed', message: String(e?.message ?? e) }),
);

self.onmessage = async ({ data }) => {
  const { id, op } = data;
  if (op === 'module') return gotModule(data.module);
  try {
    await loaded;
    const t = performance.now();
    const result = op === 'version' ? version()
      : data.options === undefined ? annotate(data.text) : annotate(data.text, data.options);
    const done = performance.now();
    // The word count for the page's stats line, so the page's thread never scans a long text.
    const words = op === 'annotate' ? countWords(data.text) : 0;
    // As JSON text: JSON.stringify here and JSON.parse in the page take less
    // time than cloning the objects (benches/browser/page.mjs, "transfer").
    postMessage({ id, ok: true, json: JSON.stringify(result), ms: done - t, at: performance.timeOrigin + done, words });
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
