// The engine, in a Web Worker (js/engine-worker.js, the only module that
// imports the WASM package), so typing, scrolling and toggles never wait for it.
//
//   import { annotate, cancel, version, ready, EngineCrash, Superseded } from './engine.js';
//   const doc = await annotate(text);     // the docs/format.md document, UTF-16 offsets
//
// One annotation at a time, the latest wins: calling `annotate` while another
// is still running abandons the older one (its promise rejects with
// Superseded) by terminating the worker, so even a run that would take
// minutes stops at once; the next call starts a fresh worker. `cancel()` does
// the same without a new call. A panic in the engine (a bug) kills its
// instance: the promise rejects with EngineCrash and the next call gets a
// fresh worker.

import { unpack } from './wire.js';

const WORKER = new URL('./engine-worker.js', import.meta.url);
const WASM = new URL('../pkg/newslens_wasm_bg.wasm', import.meta.url);
// The engine with the learned tagger (pkg/tagger/, a separate asset of its own
// size budget): loaded only when the page asks (loadTagger(), after its first
// result), then every worker annotates with it.
const TAGGER_WASM = new URL('../pkg/tagger/newslens_wasm_bg.wasm', import.meta.url);

// The .wasm, fetched (index.html preloads it) and compiled here once, while
// the worker loads its scripts; every worker, restarted ones too, gets the
// compiled module in its first message. null: the worker fetches it itself.
let compiled = null;
// The tagger's compiled module: null until loadTagger(); then a promise of
// the module, or of null when it could not be fetched or compiled.
let taggerCompiled = null;

let worker = null;        // {w: Worker, ready: Promise<void>}
let nextId = 1;
const pending = new Map(); // id → {resolve, reject, op}
let last = null;           // {engineMs, transferMs, words, tagger} of the last result

/** Thrown when the engine crashed (a bug); the next call uses a fresh instance. */
export class EngineCrash extends Error {
  constructor(cause) {
    super(`The annotation engine crashed on this text (a bug in newslens: ${cause.message}). It has been restarted.`);
    this.name = 'EngineCrash';
    this.cause = cause;
  }
}

/** The rejection of an annotation abandoned for a newer one (or by cancel()). */
export class Superseded extends Error {
  constructor() {
    super('The annotation was abandoned for a newer one.');
    this.name = 'Superseded';
  }
}

/** Stops the worker; what it was doing rejects with `reason`. */
function stop(reason) {
  if (!worker) return;
  worker.w.terminate();
  // Abandoned for a newer text: loadTagger() waits for the next worker; a
  // worker that failed or crashed ends it (false: no restart loop).
  worker.taggerDone?.(reason instanceof Superseded ? null : false);
  worker = null;
  const waiting = [...pending.values()];
  pending.clear();
  for (const p of waiting) p.reject(reason);
}

function start() {
  const w = new Worker(WORKER, { type: 'module', name: 'newslens engine' });
  const me = { w, ready: null, tagger: null, taggerDone: null };
  me.ready = new Promise((resolve, reject) => {
    w.onmessage = ({ data }) => {
      if (data.op === 'ready') return resolve();
      if (data.op === 'tagger') return me.taggerDone?.(data.ok);
      if (data.op === 'failed') {
        const err = new Error(`The annotation engine could not start: ${data.message}`);
        reject(err);
        if (worker === me) stop(err);
        return;
      }
      const p = pending.get(data.id);
      if (!p) return;
      pending.delete(data.id);
      if (data.ok) {
        const result = p.op === 'annotate' ? unpack(data.result) : data.result;
        if (p.op === 'annotate') {
          last = { engineMs: data.ms, transferMs: performance.timeOrigin + performance.now() - data.at, words: data.words, tagger: data.tagger };
        }
        p.resolve(result);
      }
      else if (data.crash) {
        const err = new EngineCrash(new Error(data.message));
        p.reject(err);
        if (worker === me) stop(err);
      } else {
        const err = new Error(data.message);
        if (data.name && data.name !== 'Error') err.name = data.name;
        p.reject(err);
      }
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      const err = new Error(`The annotation engine failed: ${e.message || 'its worker could not run'}`);
      reject(err);
      if (worker === me) stop(err);
    };
  });
  // For benches/browser/page.mjs: when the engine could first take a text.
  me.ready.then(() => performance.mark('newslens:engine-ready'), () => {});
  compiled ??= Promise.resolve().then(() => WebAssembly.compileStreaming(fetch(WASM))).catch(() => null);
  compiled.then((module) => w.postMessage({ op: 'module', module }));
  if (taggerCompiled) sendTagger(me);
  worker = me;
  return me;
}

/** Sends the tagger's module to worker `me` once it is compiled; `me.tagger` resolves to whether it runs there. */
function sendTagger(me) {
  me.tagger = new Promise((resolve) => { me.taggerDone = resolve; });
  // After the core's module: the worker's first message is always that one.
  compiled.then(() => taggerCompiled).then((module) => {
    if (module) me.w.postMessage({ op: 'tagger', module });
    else me.taggerDone(false);
  });
}

function call(op, fields) {
  const me = worker ?? start();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, op });
    me.ready.then(() => me.w.postMessage({ id, op, ...fields }), reject);
  });
}

/** Starts the engine now (otherwise it starts on first use); resolves when it is loaded. */
export function ready() {
  return (worker ?? start()).ready;
}

/**
 * Loads the engine with the learned tagger (pkg/tagger/), compiled once and
 * streamed; later annotations use it. Resolves to true when the current
 * worker has it, false when it could not be loaded (the core engine stays).
 */
export function loadTagger() {
  if (!taggerCompiled) {
    taggerCompiled = fetch(TAGGER_WASM)
      .then((res) => (res.ok ? WebAssembly.compileStreaming(res) : null))
      .catch(() => null);
    if (worker) sendTagger(worker);
  }
  return taggerCompiled.then(async (module) => {
    if (!module) return false;
    for (;;) {
      const ok = await (worker ?? start()).tagger;
      if (ok !== null) return ok;
    }
  });
}

/** True while an annotation is running. */
export function busy() {
  return [...pending.values()].some((p) => p.op === 'annotate');
}

/** Abandons the running annotation, if any (its promise rejects with Superseded). */
export function cancel() {
  if (busy()) stop(new Superseded());
}

/**
 * Annotates `text`, abandoning any annotation still running.
 * @param {string} text
 * @param {{offsets?: 'utf16'|'bytes'|'chars'}} [options]
 * @param {{words?: boolean}} [counting] words: false: the worker does not count the
 *   text's words (details().words is then undefined)
 * @returns {Promise<object>} the annotation document (docs/format.md)
 */
export function annotate(text, options, { words = true } = {}) {
  cancel();
  last = null;
  const fields = options === undefined ? { text } : { text, options };
  if (!words) fields.words = false;
  return call('annotate', fields);
}

/**
 * About the last result: {engineMs, transferMs, words}: the worker's call, the
 * result's way to the page, and the text's countWords (model.js), counted in the worker.
 */
export const details = () => last;

/** The engine's version string. */
export function version() {
  return call('version', {});
}
