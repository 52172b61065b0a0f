// Small DOM helpers (the uBlock dom.js idea). Text always goes in through
// textContent: nothing here parses HTML.

/** `document.querySelector` within `root`. */
export const qs = (sel, root = document) => root.querySelector(sel);

/** `querySelectorAll` as an array. */
export const qsa = (sel, root = document) => Array.from(root.querySelectorAll(sel));

/**
 * Creates an element: `h('li', {class: 'x', dataset: {id: 3}, onclick: f}, 'text', child)`.
 * Attributes: `class`, `dataset` (object), `on*` (listeners), anything else
 * as an attribute (`false`/`null` skip it, `true` sets it empty). Children are
 * nodes or strings (as text nodes); null/false children are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** Appends nodes or strings (as text) to `el`, skipping null/false. */
export function append(el, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
}

/** Removes every child of `el`. */
export function clear(el) {
  el.replaceChildren();
  return el;
}

/** Listens on `root` for `type` events whose target is inside `selector`: handler(event, matchedElement). */
export function delegate(root, type, selector, handler, options) {
  root.addEventListener(type, (e) => {
    const el = e.target instanceof Element ? e.target.closest(selector) : null;
    if (el && root.contains(el)) handler(e, el);
  }, options);
}

/** Calls `fn` at most once per `ms` of quiet: returns the debounced function (with `.flush()` and `.cancel()`). */
export function debounce(fn, ms) {
  let timer = null;
  let lastArgs = null;
  const run = () => { timer = null; const a = lastArgs; lastArgs = null; fn(...a); };
  const d = (...args) => { lastArgs = args; clearTimeout(timer); timer = setTimeout(run, ms); };
  d.flush = () => { if (timer !== null) { clearTimeout(timer); run(); } };
  d.cancel = () => { clearTimeout(timer); timer = null; lastArgs = null; };
  return d;
}

/** True for Enter or Space: the keys that activate a control. */
export const isActivateKey = (e) => e.key === 'Enter' || e.key === ' ';
