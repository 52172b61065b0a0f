// newslens: who says what in a news article (the Rust engine, compiled to WASM).
//
//   import { annotate } from 'newslens';
//   const doc = annotate(text);                        // offsets in UTF-16 units
//   const doc8 = annotate(text, { offsets: 'bytes' }); // or 'chars'
//
// The module instantiates the WebAssembly once, at import (top-level await):
// in Node it reads newslens_wasm_bg.wasm from this package's folder; in a
// browser it fetches it next to this file, so a page can import this file
// straight from node_modules/ or any static folder, with no bundler.
import init, { annotate } from './newslens_wasm.js';

const wasmUrl = new URL('./newslens_wasm_bg.wasm', import.meta.url);
const isNode = typeof process !== 'undefined' && process.versions != null && process.versions.node != null;

if (isNode && wasmUrl.protocol === 'file:') {
  const { readFile } = await import('node:fs/promises');
  await init({ module_or_path: await readFile(wasmUrl) });
} else {
  await init({ module_or_path: wasmUrl });
}

export { annotate };
