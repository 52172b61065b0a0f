// The annotated article: text plus spans → DOM, built with createElement and
// text nodes only (article text is never parsed as HTML).
//
// Exports (all take plain data: the text and the annotation document):
//   createArticleView(container, {onActivate})  → view
//       view.render(text, doc)            draw the text with its highlights
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
// Three layers (claim contents ⊃ quotes ⊃ mentions, plus mention titles and
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

/** Creates the article view in `container` (see the file header). */
export function createArticleView(container, { onActivate = () => {} } = {}) {
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
    clear(tooltip);
    for (const { layer, id } of items) {
      const d = describe(text, doc, layer, id);
      tooltip.append(h('div', { class: `tip-item tip-${layer}` },
        h('strong', {}, d.heading), ...d.lines.map((l) => h('div', {}, l))));
    }
    tooltip.hidden = false;
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

