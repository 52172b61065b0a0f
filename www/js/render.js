// The annotated article: text plus spans → DOM, built with createElement and
// text nodes only (article text is never parsed as HTML).
//
// Exports (all take plain data: the text and the annotation document):
//   createArticleView(container, {onActivate, elements})  → view
//       with the CSS Custom Highlight API (CSS.highlights) the highlights are
//       ranges (createHighlightView below); without it, or with `elements`,
//       nested <mark>s (createElementView). Both views have these methods:
//       view.render(text, doc)            draw the text with its highlights; when they
//                                         come in slices (a long text, highlight view),
//                                         returns a promise of the moment all are drawn;
//                                         nothing when they are all drawn at once
//       view.showText(text)               (highlight view only) the text alone, while the
//                                         engine works on it; render() then adds the highlights
//       view.setLayerVisible(layer, on)   layer: 'mention' | 'quote' | 'claim'
//       view.setActor(actorId | null)     light up every mention of one actor
//       view.reveal(layer, id)            scroll to a highlight and focus it
//       view.destroy()                    remove listeners and the tooltip
//     onActivate({layer, id, actor}) runs on click, Enter or Space on a
//     highlight (layer 'mention' gives the actor id as well).
//   describe(text, doc, layer, id) → {heading, lines}: what a highlight is, in words.
//   LAYERS: the highlight layers, outermost first.
//
// Layout: the container gets `white-space: pre-wrap` (style.css) and exactly
// the text as its text content, so DOM text offsets equal UTF-16 offsets.
// In the element view, three layers (claim contents ⊃ quotes ⊃ mentions, plus mention titles and
// cue words) are drawn as nested <mark>s. Within a layer spans nest properly
// (docs/format.md); across layers they may cross, so a highlight that crosses
// an outer one is split into fragments: the first is the focusable one, the
// others carry class `cont`.

import { h, clear, isActivateKey } from './dom.js';
import { actorName, slice, snippet } from './model.js';

/** Highlight layers, outermost first. `title` and `cue` are decorations, not interactive. */
export const LAYERS = ['claim', 'quote', 'mention', 'title', 'cue'];
const INTERACTIVE = new Set(['claim', 'quote', 'mention']);
const TESTID = { claim: 'claim-hl', quote: 'quote-hl', mention: 'mention-hl' };

/** Every range to draw, as {layer, id, start, end, actor?}; bad or empty spans are dropped. */
function collectRanges(text, doc) {
  const n = text.length;
  const out = [];
  const add = (layer, id, span, extra) => {
    if (!span || !(span.start >= 0 && span.start < span.end && span.end <= n)) return;
    out.push({ layer, id, start: span.start, end: span.end, ...extra });
  };
  for (const c of doc.claims) add('claim', c.id, c.content);
  for (const q of doc.quotes) add('quote', q.id, q.span);
  for (const m of doc.mentions) {
    add('mention', m.id, m.span, { actor: m.actor });
    add('title', m.id, m.title, { actor: m.actor });
  }
  for (const q of doc.quotes) add('cue', `q${q.id}`, q.cue);
  for (const c of doc.claims) add('cue', `c${c.id}`, c.cue);
  return out;
}

/** Order of the ranges covering one point: by layer, then outer before inner. */
function stackOrder(a, b) {
  return LAYERS.indexOf(a.layer) - LAYERS.indexOf(b.layer) || a.start - b.start || b.end - a.end;
}

function makeMark(range, doc, first) {
  const { layer, id } = range;
  if (layer === 'cue') return h('span', { class: 'cue' });
  const attrs = { class: `hl hl-${layer}`, dataset: { layer, id } };
  if (range.actor !== undefined) {
    const actor = doc.actors[range.actor];
    attrs.dataset.actor = range.actor;
    attrs.class += ` k-${actor?.kind ?? 'person'}${actor?.anonymous ? ' anon' : ''}`;
  }
  if (layer === 'quote') attrs.class += ` q-${doc.quotes[id].kind}`;
  if (layer === 'claim') attrs.class += ` st-${doc.claims[id].stance}`;
  if (INTERACTIVE.has(layer)) {
    attrs['data-testid'] = TESTID[layer];
    if (first) {
      attrs.tabindex = '0';
      attrs.dataset.start = range.start;
      attrs.dataset.end = range.end;
    } else {
      attrs.class += ' cont';
    }
  }
  return h('mark', attrs);
}

/** Builds the highlighted text into a fragment. */
function build(text, doc) {
  const ranges = collectRanges(text, doc);
  const points = new Set([0, text.length]);
  for (const r of ranges) { points.add(r.start); points.add(r.end); }
  const cuts = [...points].sort((a, b) => a - b);
  const starting = new Map();
  for (const r of ranges) {
    if (!starting.has(r.start)) starting.set(r.start, []);
    starting.get(r.start).push(r);
  }

  const root = document.createDocumentFragment();
  const drawn = new Set();   // ranges that already have a fragment
  let active = [];           // ranges covering the current segment
  let stack = [];            // [{range, el}] currently open, outermost first
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    active = active.filter((r) => r.end > a).concat(starting.get(a) ?? []);
    const want = active.slice().sort(stackOrder);
    let k = 0;
    while (k < stack.length && k < want.length && stack[k].range === want[k]) k++;
    stack = stack.slice(0, k);
    for (const range of want.slice(k)) {
      const el = makeMark(range, doc, !drawn.has(range));
      drawn.add(range);
      (stack.length ? stack[stack.length - 1].el : root).append(el);
      stack.push({ range, el });
    }
    (stack.length ? stack[stack.length - 1].el : root).append(document.createTextNode(text.slice(a, b)));
  }
  return root;
}

/**
 * What a highlight is, in words, for tooltips and screen readers.
 * @returns {{heading: string, lines: string[]}}
 */
export function describe(text, doc, layer, id) {
  if (layer === 'mention' || layer === 'title') {
    const m = doc.mentions[id];
    const a = doc.actors[m.actor];
    const lines = [a.kind + (a.anonymous ? ' · anonymous source' : '')];
    if (a.titles.length) lines.push(a.titles.join(' · '));
    if (m.kind !== 'name') lines.push(`${m.kind}: “${slice(text, m.span)}”`);
    lines.push(`${a.mentions.length} mention${a.mentions.length === 1 ? '' : 's'} — click to follow`);
    return { heading: a.name, lines };
  }
  if (layer === 'quote') {
    const q = doc.quotes[id];
    const lines = [];
    lines.push(q.speaker === null ? 'speaker not stated' : `speaker: ${actorName(doc, q.speaker)}`);
    if (q.reporter !== null) lines.push(`relayed by ${actorName(doc, q.reporter)}`);
    if (q.cue) lines.push(`cue: “${slice(text, q.cue)}”`);
    return { heading: `${q.kind} quote`, lines };
  }
  if (layer === 'claim') {
    const c = doc.claims[id];
    const lines = [`claimant: ${actorName(doc, c.claimant, 'not stated')}`, `cue: “${slice(text, c.cue)}”`];
    const who = (ids) => ids.map((o) => actorName(doc, doc.claims[o]?.claimant, 'unattributed claim')).join(', ');
    if (c.disputes.length) lines.push(`disputes: ${who(c.disputes)}`);
    if (c.disputedBy.length) lines.push(`disputed by: ${who(c.disputedBy)}`);
    lines.push(`“${snippet(slice(text, c.content), 80)}”`);
    return { heading: `claim · ${c.stance}`, lines };
  }
  return { heading: '', lines: [] };
}

let tooltipCount = 0;

/** Fills the tooltip with what each of `items` ({layer, id}) is, outermost first, and shows it. */
function fillTip(tooltip, text, doc, items) {
  clear(tooltip);
  for (const { layer, id } of items) {
    const d = describe(text, doc, layer, id);
    tooltip.append(h('div', { class: `tip-item tip-${layer}` },
      h('strong', {}, d.heading), ...d.lines.map((l) => h('div', {}, l))));
  }
  tooltip.hidden = false;
}

/** Creates the article view in `container` (see the file header). */
export function createArticleView(container, options = {}) {
  const win = container.ownerDocument.defaultView;
  return win.CSS?.highlights && win.Highlight && win.StaticRange && !options.elements
    ? createHighlightView(container, options) : createElementView(container, options);
}

/** The fallback for browsers without the CSS Custom Highlight API: highlights as nested <mark>s. */
function createElementView(container, { onActivate = () => {} } = {}) {
  const doc0 = container.ownerDocument;
  const tooltip = h('div', {
    class: 'nl-tooltip', role: 'tooltip', id: `nl-tooltip-${++tooltipCount}`, 'data-testid': 'tooltip', hidden: true,
  });
  doc0.body.append(tooltip);
  container.classList.add('nl-article');

  let text = '';
  let doc = null;
  const hidden = new Set();
  let tipFor = null;
  let hideTimer = null;

  /** The innermost visible interactive highlight at or above `node`. */
  function target(node) {
    let el = node instanceof Element ? node : node?.parentElement;
    while (el && container.contains(el)) {
      const layer = el.dataset?.layer;
      if (layer === 'title' && !hidden.has('mention')) return el;
      if (INTERACTIVE.has(layer) && !hidden.has(layer)) return el;
      el = el.parentElement;
    }
    return null;
  }

  /** The visible highlights at `el` and around it, innermost first. */
  function stackAt(el) {
    const out = [];
    for (let e = el; e && container.contains(e); e = e.parentElement) {
      const layer = e.dataset?.layer === 'title' ? 'mention' : e.dataset?.layer;
      if (INTERACTIVE.has(layer) && !hidden.has(layer) && !out.some((o) => o.layer === layer && o.id === +e.dataset.id)) {
        out.push({ layer, id: +e.dataset.id });
      }
    }
    return out;
  }

  function showTip(el) {
    clearTimeout(hideTimer);
    if (!doc) return;
    const items = stackAt(el);
    if (!items.length) return hideTip();
    fillTip(tooltip, text, doc, items);
    if (tipFor && tipFor !== el) tipFor.removeAttribute('aria-describedby');
    tipFor = el;
    el.setAttribute('aria-describedby', tooltip.id);
    place(el);
  }

  function place(el) {
    const rects = el.getClientRects();
    const r = rects.length ? rects[0] : el.getBoundingClientRect();
    const view = doc0.documentElement;
    const tw = tooltip.offsetWidth;
    const th = tooltip.offsetHeight;
    let left = Math.min(Math.max(8, r.left), view.clientWidth - tw - 8);
    let top = r.bottom + 6;
    if (top + th > view.clientHeight - 4 && r.top - th - 6 > 0) top = r.top - th - 6;
    tooltip.style.left = `${left + doc0.defaultView.scrollX}px`;
    tooltip.style.top = `${top + doc0.defaultView.scrollY}px`;
  }

  function hideTip() {
    clearTimeout(hideTimer);
    tooltip.hidden = true;
    tipFor?.removeAttribute('aria-describedby');
    tipFor = null;
  }

  function activate(el) {
    const layer = el.dataset.layer === 'title' ? 'mention' : el.dataset.layer;
    const id = +el.dataset.id;
    onActivate({ layer, id, actor: el.dataset.actor === undefined ? null : +el.dataset.actor });
  }

  const listeners = [];
  const on = (node, type, fn) => { node.addEventListener(type, fn); listeners.push([node, type, fn]); };
  on(container, 'mouseover', (e) => { const el = target(e.target); if (el) showTip(el); });
  on(container, 'mouseout', (e) => {
    if (!target(e.relatedTarget)) { clearTimeout(hideTimer); hideTimer = setTimeout(hideTip, 120); }
  });
  on(tooltip, 'mouseover', () => clearTimeout(hideTimer));
  on(tooltip, 'mouseout', () => { hideTimer = setTimeout(hideTip, 120); });
  on(container, 'focusin', (e) => { const el = target(e.target); if (el) showTip(el); });
  on(container, 'focusout', () => hideTip());
  on(doc0, 'keydown', (e) => { if (e.key === 'Escape' && !tooltip.hidden) hideTip(); });
  on(container, 'click', (e) => {
    const el = target(e.target);
    if (el && !doc0.getSelection()?.toString()) activate(el);
  });
  on(container, 'keydown', (e) => {
    if (!isActivateKey(e)) return;
    const el = target(e.target);
    if (el && el === e.target) { e.preventDefault(); activate(el); }
  });

  function applyFocusability() {
    for (const el of container.querySelectorAll('mark.hl[tabindex]')) {
      el.tabIndex = hidden.has(el.dataset.layer) ? -1 : 0;
    }
  }

  return {
    render(newText, newDoc) {
      hideTip();
      text = newText;
      doc = newDoc;
      container.replaceChildren(build(text, doc));
      applyFocusability();
    },
    setLayerVisible(layer, visible) {
      if (visible) hidden.delete(layer); else hidden.add(layer);
      container.classList.toggle(`hide-${layer}`, !visible);
      applyFocusability();
      if (tipFor) showTip(tipFor);
    },
    setActor(actorId) {
      container.classList.toggle('following', actorId !== null);
      for (const el of container.querySelectorAll('.lit')) el.classList.remove('lit');
      if (actorId === null) return;
      for (const el of container.querySelectorAll(`mark[data-actor="${Number(actorId)}"]`)) el.classList.add('lit');
    },
    reveal(layer, id) {
      const el = container.querySelector(`mark[data-layer="${layer}"][data-id="${Number(id)}"]:not(.cont)`);
      if (!el) return false;
      const smooth = !doc0.defaultView.matchMedia('(prefers-reduced-motion: reduce)').matches;
      el.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
      el.focus({ preventScroll: true });
      el.classList.remove('flash');
      void el.offsetWidth; // restart the animation
      el.classList.add('flash');
      return true;
    },
    destroy() {
      for (const [node, type, fn] of listeners) node.removeEventListener(type, fn);
      tooltip.remove();
      clear(container);
    },
  };
}


// ---- the CSS Custom Highlight API view --------------------------------------
//
// The text goes in as text nodes in blocks ("chunks") of whole lines, each
// with `content-visibility: auto`, so only the blocks on screen get styled,
// laid out and painted. Every highlight is a StaticRange in one of the
// Highlight objects below, registered in CSS.highlights under its name and
// styled with ::highlight(NAME) in style.css. No element per highlight, so a
// 1 MB article with tens of thousands of them draws in a few frames.
//
// Highlights are not elements, so they are reached this way instead:
// - the mouse: hit-testing (caretPositionFromPoint) finds the highlights
//   under the pointer for the tip and for clicks;
// - the keyboard: one focusable element (`.nl-focus`, role button) sits over
//   the current highlight. Tab reaches it (on the first highlight on screen),
//   the arrow keys move it to the next or previous highlight, Home and End to
//   the first and last, Enter or Space activate it; its label and the tip
//   describe the highlight. reveal() (the panels' jump-to) puts it on a
//   highlight, scrolls there and focuses it.

/** Highlight names → their priority (higher paints on top). */
const NAMES = {
  'nl-claim': 0, 'nl-claim2': 0, 'nl-quote': 1, 'nl-quote-partial': 1,
  'nl-person': 2, 'nl-organization': 2, 'nl-place': 2, 'nl-group': 2, 'nl-anon': 3, 'nl-title': 2,
  'nl-cue': 4, 'nl-lit-person': 5, 'nl-lit-organization': 5, 'nl-lit-place': 5, 'nl-lit-group': 5, 'nl-current': 6,
};
/** The highlight names of each layer toggle. */
const LAYER_NAMES = {
  claim: ['nl-claim', 'nl-claim2'],
  quote: ['nl-quote', 'nl-quote-partial'],
  mention: ['nl-person', 'nl-organization', 'nl-place', 'nl-group', 'nl-anon', 'nl-title',
    'nl-lit-person', 'nl-lit-organization', 'nl-lit-place', 'nl-lit-group'],
};
/** A chunk ends at the first line end after this many UTF-16 units. */
const CHUNK = 2000;
/** Up to this many ranges are drawn at once; more, a WINDOW of text at a time, in slices of SLICE_MS. */
const SYNC_RANGES = 60000;
const WINDOW = 16384;
const SLICE_MS = 25;

/** Sorted {start, end, id} of one layer, with the running maximum of `end` for lookups. */
function index(items) {
  items.sort((a, b) => a.start - b.start || b.end - a.end);
  const maxEnd = new Array(items.length);
  let m = -1;
  items.forEach((it, i) => { m = Math.max(m, it.end); maxEnd[i] = m; });
  return { items, maxEnd };
}

/** The items of `idx` that contain `o`, innermost first. */
function containing(idx, o) {
  const { items, maxEnd } = idx;
  let lo = 0;
  let hi = items.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (items[mid].start <= o) lo = mid + 1; else hi = mid; }
  const out = [];
  for (let i = lo - 1; i >= 0 && maxEnd[i] > o; i--) if (items[i].end > o) out.push(items[i]);
  return out;
}

function createHighlightView(container, { onActivate = () => {} } = {}) {
  const doc0 = container.ownerDocument;
  const win = doc0.defaultView;
  const registry = win.CSS.highlights;
  const tooltip = h('div', {
    class: 'nl-tooltip', role: 'tooltip', id: `nl-tooltip-${++tooltipCount}`, 'data-testid': 'tooltip', hidden: true,
  });
  doc0.body.append(tooltip);
  container.classList.add('nl-article', 'nl-hl');
  const focusEl = h('span', {
    class: 'nl-focus', tabindex: '0', role: 'button', 'aria-roledescription': 'highlight',
    'aria-keyshortcuts': 'ArrowLeft ArrowRight Home End', 'data-testid': 'focus-hl', hidden: true,
  });

  const hls = {};
  for (const [name, priority] of Object.entries(NAMES)) {
    hls[name] = new win.Highlight();
    hls[name].priority = priority;
  }
  const hidden = new Set();
  let text = '';
  let doc = null;
  let starts = [];   // chunk start offsets
  let nodes = [];    // chunk text nodes
  const nodeStart = new Map();
  let idx = null;    // {mention, title, quote, claim} lookups
  let order = [];    // interactive items by start: {layer, id, start, end}
  let current = null; // the item under the focus element
  let tipFor = null;
  let hideTimer = null;
  let paintTimer = 0;
  let drawn; // while a long text's highlights come in slices, a promise of the last one

  /** The chunk holding text offset `o`; an end at a chunk's start stays in the chunk before. */
  function chunkAt(o, end) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] < o || (!end && starts[mid] === o)) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  const at = (o, end) => { const i = chunkAt(o, end); return [nodes[i], o - starts[i]]; };

  /** StaticRange over [start, end) of the text. */
  function range(start, end) {
    const a = chunkAt(start, false);
    const b = chunkAt(end, true);
    return new win.StaticRange({
      startContainer: nodes[a], startOffset: start - starts[a], endContainer: nodes[b], endOffset: end - starts[b],
    });
  }

  const ok = (span) => span && span.start >= 0 && span.start < span.end && span.end <= text.length;

  /** The text's chunks (blocks of whole lines) in the container, no highlights; `chunked` says for which text. */
  let chunked = null;
  function chunk() {
    // Chunks of whole lines.
    const frag = doc0.createDocumentFragment();
    starts = [];
    nodes = [];
    nodeStart.clear();
    for (let s = 0; s < text.length || s === 0;) {
      let e = s + CHUNK < text.length ? text.indexOf('\n', s + CHUNK) : -1;
      e = e < 0 ? text.length : e + 1;
      const node = doc0.createTextNode(text.slice(s, e));
      const div = h('div', { class: 'chunk' });
      div.append(node);
      frag.append(div);
      starts.push(s);
      nodes.push(node);
      nodeStart.set(node, s);
      if (e >= text.length) break;
      s = e;
    }
    container.replaceChildren(frag, focusEl);
    chunked = text;
  }

  function draw() {
    clearTimeout(paintTimer);
    for (const hl of Object.values(hls)) hl.clear();
    // The text may be in already: showText() put it there while the engine worked.
    if (chunked !== text) chunk();
    // What to draw: {start, end, hl} in text order within each list.
    const mention = [];
    const title = [];
    const quote = [];
    const claim = [];
    const paints = { mention: [], title: [], quote: [], quoteCue: [], claim: [], claimCue: [] };
    for (const m of doc.mentions) {
      const a = doc.actors[m.actor];
      if (ok(m.span)) {
        paints.mention.push({ start: m.span.start, end: m.span.end, hl: hls[`nl-${a?.kind ?? 'person'}`] ?? hls['nl-person'] });
        if (a?.anonymous) paints.mention.push({ start: m.span.start, end: m.span.end, hl: hls['nl-anon'] });
        mention.push({ layer: 'mention', id: m.id, start: m.span.start, end: m.span.end, actor: m.actor });
      }
      if (ok(m.title)) {
        paints.title.push({ start: m.title.start, end: m.title.end, hl: hls['nl-title'] });
        title.push({ layer: 'mention', id: m.id, start: m.title.start, end: m.title.end, actor: m.actor });
      }
    }
    for (const q of doc.quotes) {
      if (ok(q.span)) {
        paints.quote.push({ start: q.span.start, end: q.span.end, hl: hls[q.kind === 'partial' ? 'nl-quote-partial' : 'nl-quote'] });
        quote.push({ layer: 'quote', id: q.id, start: q.span.start, end: q.span.end });
      }
      if (ok(q.cue)) paints.quoteCue.push({ start: q.cue.start, end: q.cue.end, hl: hls['nl-cue'] });
    }
    for (const c of doc.claims) {
      if (ok(c.content)) claim.push({ layer: 'claim', id: c.id, start: c.content.start, end: c.content.end });
      if (ok(c.cue)) paints.claimCue.push({ start: c.cue.start, end: c.cue.end, hl: hls['nl-cue'] });
    }
    idx = { mention: index(mention), title: index(title), quote: index(quote), claim: index(claim) };
    // Claims inside a claim get a double underline.
    let open = [];
    for (const c of idx.claim.items) {
      open = open.filter((o) => o.end > c.start);
      paints.claim.push({ start: c.start, end: c.end, hl: hls[open.length ? 'nl-claim2' : 'nl-claim'] });
      open.push(c);
    }
    order = [...claim, ...quote, ...mention].sort((a, b) => a.start - b.start || b.end - a.end);
    show();
    return paintAll(Object.values(paints));
  }

  /**
   * Adds the ranges of `lists` to their highlights: at once for an ordinary
   * article; for a long one, from the top of the text down in slices of
   * SLICE_MS with the page free between them. Resolves when all are added.
   */
  function paintAll(lists) {
    const job = (function* paint() {
      const next = lists.map(() => 0);
      for (let end = WINDOW; ; end += WINDOW) {
        let more = false;
        lists.forEach((list, i) => {
          let k = next[i];
          for (; k < list.length && list[k].start < end; k++) list[k].hl.add(range(list[k].start, list[k].end));
          next[i] = k;
          more ||= k < list.length;
        });
        if (!more) return;
        yield;
      }
    }());
    if (lists.reduce((n, l) => n + l.length, 0) <= SYNC_RANGES) {
      for (const _ of job); // eslint-disable-line no-unused-vars
      return undefined; // all drawn
    }
    return new Promise((resolve) => {
      const step = () => {
        const until = performance.now() + SLICE_MS;
        let r;
        do r = job.next(); while (!r.done && performance.now() < until);
        if (r.done) resolve(); else paintTimer = setTimeout(step);
      };
      step();
    });
  }

  /** Registers the highlights of the visible layers, unregisters the others. */
  function show() {
    for (const name of Object.keys(NAMES)) {
      const layer = Object.keys(LAYER_NAMES).find((l) => LAYER_NAMES[l].includes(name));
      const on = doc && (name === 'nl-cue' ? !(hidden.has('quote') && hidden.has('claim')) : !hidden.has(layer));
      if (on) registry.set(name, hls[name]); else registry.delete(name);
    }
  }

  /** The text offset under the point (x, y) of the viewport, or -1. */
  function offsetAt(x, y) {
    let node;
    let off;
    if (doc0.caretPositionFromPoint) {
      const p = doc0.caretPositionFromPoint(x, y);
      node = p?.offsetNode;
      off = p?.offset;
    } else {
      const r = doc0.caretRangeFromPoint?.(x, y);
      node = r?.startContainer;
      off = r?.startOffset;
    }
    if (!nodeStart.has(node)) return -1;
    // The caret sits between characters: take the one whose box holds the point.
    const r = doc0.createRange();
    for (const o of [off, off - 1]) {
      if (o < 0 || o >= node.length) continue;
      r.setStart(node, o);
      r.setEnd(node, o + 1);
      for (const b of r.getClientRects()) {
        if (x >= b.left && x <= b.right && y >= b.top && y <= b.bottom) return nodeStart.get(node) + o;
      }
    }
    return -1;
  }

  /** The visible interactive highlights at offset `o`, innermost first. */
  function stackAt(o) {
    if (!idx || o < 0) return [];
    const out = [];
    if (!hidden.has('mention')) out.push(...containing(idx.mention, o), ...containing(idx.title, o));
    if (!hidden.has('quote')) out.push(...containing(idx.quote, o));
    if (!hidden.has('claim')) out.push(...containing(idx.claim, o));
    return out;
  }

  /** The client rect of `item`'s text that holds (x, y), or its first. */
  function rectOf(item, x, y) {
    const live = doc0.createRange();
    live.setStart(...at(item.start, false));
    live.setEnd(...at(item.end, true));
    const all = [...live.getClientRects()];
    return all.find((b) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom) ?? all[0] ?? live.getBoundingClientRect();
  }

  function showTip(items, rect) {
    clearTimeout(hideTimer);
    if (!doc || !items.length) return hideTip();
    fillTip(tooltip, text, doc, items);
    tipFor = items[0];
    const view = doc0.documentElement;
    const tw = tooltip.offsetWidth;
    const th = tooltip.offsetHeight;
    const left = Math.min(Math.max(8, rect.left), view.clientWidth - tw - 8);
    let top = rect.bottom + 6;
    if (top + th > view.clientHeight - 4 && rect.top - th - 6 > 0) top = rect.top - th - 6;
    tooltip.style.left = `${left + win.scrollX}px`;
    tooltip.style.top = `${top + win.scrollY}px`;
  }

  function hideTip() {
    clearTimeout(hideTimer);
    tooltip.hidden = true;
    tipFor = null;
  }

  const visibleItem = (it) => it && !hidden.has(it.layer);

  /** Puts the focus element over `item` (scrolling to it when `scroll`), and describes it. */
  function setCurrent(item, { scroll = false, focus = false } = {}) {
    current = item;
    if (!item) {
      focusEl.hidden = true;
      hls['nl-current'].clear();
      return;
    }
    hls['nl-current'].clear();
    hls['nl-current'].add(range(item.start, item.end));
    registry.set('nl-current', hls['nl-current']);
    const d = describe(text, doc, item.layer, item.id);
    focusEl.setAttribute('aria-label', `${d.heading}: “${snippet(text.slice(item.start, item.end), 160)}”`);
    focusEl.dataset.layer = item.layer;
    focusEl.dataset.id = item.id;
    if (item.actor === undefined) delete focusEl.dataset.actor; else focusEl.dataset.actor = item.actor;
    focusEl.hidden = false;
    const placeIt = () => place(item);
    placeIt();
    if (scroll) {
      focusEl.scrollIntoView({ block: 'center' });
      // The blocks above may have been laid out just now: place and scroll once more.
      placeIt();
      focusEl.scrollIntoView({ block: 'center' });
    }
    if (focus) focusEl.focus({ preventScroll: true });
    if (doc0.activeElement === focusEl) {
      const around = stackAt(item.start).filter((it) => it.end >= item.end && !(it.layer === item.layer && it.id === item.id));
      showTip([item, ...around], placeIt());
      focusEl.setAttribute('aria-describedby', tooltip.id);
    }
  }

  /** Puts the focus element over the first line of `item`; returns that line's rect. */
  function place(item) {
    const r = rectOf(item, -1, -1);
    const c = container.getBoundingClientRect();
    Object.assign(focusEl.style, {
      left: `${r.left - c.left}px`, top: `${r.top - c.top}px`, width: `${r.width}px`, height: `${r.height}px`,
    });
    return r;
  }

  /** The first visible interactive item on screen, or the first at all. */
  function firstOnScreen() {
    const c = container.getBoundingClientRect();
    const y = Math.max(c.top, 0) + 4;
    for (let x = c.left + 4; x < c.right; x += 24) {
      const o = offsetAt(x, y);
      if (o >= 0) return order.find((it) => visibleItem(it) && it.end > o) ?? null;
    }
    return order.find(visibleItem) ?? null;
  }

  function activate(item) {
    onActivate({ layer: item.layer, id: item.id, actor: item.actor === undefined ? null : item.actor });
  }

  const listeners = [];
  const on = (node, type, fn) => { node.addEventListener(type, fn); listeners.push([node, type, fn]); };
  let lastMove = null;
  let moveQueued = false;
  on(container, 'mousemove', (e) => {
    lastMove = e;
    if (moveQueued) return;
    moveQueued = true;
    win.requestAnimationFrame(() => {
      moveQueued = false;
      const { clientX: x, clientY: y } = lastMove;
      const items = stackAt(offsetAt(x, y));
      container.classList.toggle('over-hl', items.length > 0);
      if (items.length) {
        if (tipFor !== items[0] || tooltip.hidden) showTip(items, rectOf(items[0], x, y));
        else clearTimeout(hideTimer);
      } else if (!tooltip.hidden && doc0.activeElement !== focusEl) {
        clearTimeout(hideTimer);
        hideTimer = setTimeout(hideTip, 120);
      }
    });
  });
  on(container, 'mouseleave', (e) => {
    if (!tooltip.contains(e.relatedTarget)) { clearTimeout(hideTimer); hideTimer = setTimeout(hideTip, 120); }
  });
  on(tooltip, 'mouseover', () => clearTimeout(hideTimer));
  on(tooltip, 'mouseout', () => { hideTimer = setTimeout(hideTip, 120); });
  on(container, 'click', (e) => {
    if (doc0.getSelection()?.toString()) return;
    const [item] = stackAt(offsetAt(e.clientX, e.clientY));
    if (item) activate(item);
  });
  on(focusEl, 'focus', () => {
    const item = visibleItem(current) ? current : firstOnScreen();
    if (item) setCurrent(item);
    else focusEl.hidden = true;
  });
  on(focusEl, 'blur', () => { hideTip(); focusEl.removeAttribute('aria-describedby'); });
  on(doc0, 'keydown', (e) => { if (e.key === 'Escape' && !tooltip.hidden) hideTip(); });
  // The lines move when the width changes: the focus element follows its highlight.
  on(win, 'resize', () => { if (current && !focusEl.hidden) place(current); });
  // So they do when blocks far from the screen are laid out as they come near it
  // (content-visibility): their real heights replace the placeholders, and the
  // browser's scroll anchoring keeps the text in view, not the focus element.
  const relaid = win.ResizeObserver
    ? new win.ResizeObserver(() => { if (current && !focusEl.hidden) place(current); })
    : null;
  relaid?.observe(container);
  on(focusEl, 'keydown', (e) => {
    if (isActivateKey(e)) {
      e.preventDefault();
      if (current) activate(current);
      return;
    }
    const visible = order.filter(visibleItem);
    if (!visible.length) return;
    const i = current ? visible.findIndex((it) => it.layer === current.layer && it.id === current.id) : -1;
    const next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: visible.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    setCurrent(visible[Math.max(0, Math.min(visible.length - 1, next))], { scroll: true });
  });

  function find(layer, id) {
    return order.find((it) => it.layer === layer && it.id === Number(id)) ?? null;
  }

  return {
    render(newText, newDoc) {
      hideTip();
      if (newText === text && newDoc === doc) return drawn; // shown already (back from editing, unchanged)
      text = newText;
      doc = newDoc;
      current = null;
      focusEl.hidden = true;
      drawn = draw();
      focusEl.hidden = !order.length;
      return drawn;
    },
    /**
     * Shows `newText` without highlights (the old ones go), so that its blocks are built,
     * styled and laid out while the engine works on it; render() with the same text then
     * only adds the highlights.
     */
    showText(newText) {
      hideTip();
      clearTimeout(paintTimer);
      for (const hl of Object.values(hls)) hl.clear();
      text = newText;
      doc = null;
      idx = null;
      order = [];
      current = null;
      focusEl.hidden = true;
      drawn = undefined;
      show();
      chunk();
    },
    setLayerVisible(layer, visible) {
      if (visible) hidden.delete(layer); else hidden.add(layer);
      container.classList.toggle(`hide-${layer}`, !visible);
      show();
      if (current && !visibleItem(current)) setCurrent(null);
      focusEl.hidden = !order.some(visibleItem);
      if (tipFor) hideTip();
    },
    setActor(actorId) {
      container.classList.toggle('following', actorId !== null);
      for (const k of ['person', 'organization', 'place', 'group']) hls[`nl-lit-${k}`].clear();
      const a = actorId === null ? null : doc?.actors[actorId];
      if (!a) return;
      const hl = hls[`nl-lit-${a.kind}`];
      for (const mid of a.mentions) {
        const m = doc.mentions[mid];
        if (ok(m?.span)) hl.add(range(m.span.start, m.span.end));
        if (ok(m?.title)) hl.add(range(m.title.start, m.title.end));
      }
    },
    reveal(layer, id) {
      const item = find(layer, id);
      if (!item) return false;
      setCurrent(item, { scroll: true, focus: true });
      focusEl.classList.remove('flash');
      void focusEl.offsetWidth; // restart the animation
      focusEl.classList.add('flash');
      return true;
    },
    destroy() {
      for (const [node, type, fn] of listeners) node.removeEventListener(type, fn);
      relaid?.disconnect();
      clearTimeout(paintTimer);
      for (const name of Object.keys(NAMES)) if (registry.get(name) === hls[name]) registry.delete(name);
      tooltip.remove();
      clear(container);
      chunked = null;
    },
  };
}
