// The engine: the only module that imports the WASM package (../pkg/).
//
//   import { annotate, version } from './engine.js';
//   const doc = await annotate(text);     // the docs/format.md document, UTF-16 offsets
//
// The module is instantiated once, on first use. `annotate` is a promise so
// the work can move to a worker without changing callers. A panic in the
// engine is a bug and, with panic=abort, kills the instance: we report it as
// an EngineCrash and load a fresh instance on the next call.

const PKG = '../pkg/newslens_wasm.js';

let instance = null;   // Promise of the initialised glue module
let generation = 0;    // bumped after a crash: a new module URL, a new instance

/** Thrown when the engine crashed (a bug); the next call uses a fresh instance. */
export class EngineCrash extends Error {
  constructor(cause) {
    super(`The annotation engine crashed on this text (a bug in newslens: ${cause.message}). It has been restarted.`);
    this.name = 'EngineCrash';
    this.cause = cause;
  }
}

function load() {
  if (!instance) {
    // A query string gives a new module record, hence a new WASM instance.
    const url = new URL(PKG + (generation ? `?instance=${generation}` : ''), import.meta.url);
    instance = import(url.href).then(async (mod) => {
      await mod.default();
      return mod;
    });
    instance.catch(() => { instance = null; });
  }
  return instance;
}

/** Loads and instantiates the engine now (otherwise it happens on first use). */
export async function ready() {
  await load();
}

/**
 * Annotates `text`.
 * @param {string} text
 * @param {{offsets?: 'utf16'|'bytes'|'chars'}} [options]
 * @returns {Promise<object>} the annotation document (docs/format.md)
 */
export async function annotate(text, options) {
  const mod = await load();
  try {
    return options === undefined ? mod.annotate(text) : mod.annotate(text, options);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      instance = null;
      generation += 1;
      throw new EngineCrash(e);
    }
    throw e;
  }
}

/** The engine's version string. */
export async function version() {
  return (await load()).version();
}
