// The controls around the article: layer toggles, the legend, the side panel
// (tabs Actors / Quotes / Claims) and the source summary. Plain data in,
// callbacks out; the browser extension's side panel reuses this file.
//
// Exports:
//   createToggles(root, {onChange})   → {set(layer, visible)}
//       buttons for the 'mention', 'quote' and 'claim' layers; onChange(layer, visible)
//   renderLegend(root)                 the colour key (actor kinds, quote, claim, cue)
//   createPanel(root, {onSelectActor, onReveal}) → panel
//       panel.update(text, doc)        redraw lists, counts and the summary
//       panel.setActor(actorId | null) filter quotes and claims to one actor
//       panel.showItem(layer, id)      switch tab, scroll the item into view, mark it current
//       panel.selectTab('actors' | 'quotes' | 'claims')
//     onSelectActor(actorId | null): an actor was picked (or the filter cleared)
//     onReveal(layer, id): a quote or claim item was activated; show it in the text
//
// Long results (more than EAGER items) are listed in slices between frames,
// the shown tab first, so a 1 MB article's thousands of items never hold the
// page; showItem finishes a list before it looks in it.

import { h, clear } from './dom.js';
import {
  actorName, actorStats, actorsByProminence, itemsOfActor, quotedWordShare, slice, snippet, sourceSummary,
} from './model.js';

const TOGGLES = [
  { layer: 'mention', label: 'Actors', testid: 'toggle-mentions' },
  { layer: 'quote', label: 'Quotes', testid: 'toggle-quotes' },
  { layer: 'claim', label: 'Claims', testid: 'toggle-claims' },
];

/** Pressed/unpressed buttons that show or hide one highlight layer each. */
export function createToggles(root, { onChange = () => {} } = {}) {
  const buttons = new Map();
  const group = h('div', { class: 'toggles', role: 'group', 'aria-label': 'Show highlights' });
  for (const t of TOGGLES) {
    const b = h('button', {
      type: 'button', class: `toggle tg-${t.layer}`, 'aria-pressed': 'true', 'data-testid': t.testid,
      onclick: () => {
        const visible = b.getAttribute('aria-pressed') !== 'true';
        b.setAttribute('aria-pressed', String(visible));
        onChange(t.layer, visible);
      },
    }, h('span', { class: `swatch sw-${t.layer}`, 'aria-hidden': 'true' }), t.label);
    buttons.set(t.layer, b);
    group.append(b);
  }
  root.append(group);
  return {
    set(layer, visible) { buttons.get(layer)?.setAttribute('aria-pressed', String(visible)); },
  };
}

/** The colour key: what each highlight style means. */
export function renderLegend(root) {
  const item = (cls, label) => h('li', {}, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), label);
  root.append(h('ul', { class: 'legend', 'aria-label': 'Legend', 'data-testid': 'legend' },
    item('sw-person', 'person'), item('sw-organization', 'organization'), item('sw-place', 'place'),
    item('sw-group', 'group'), item('sw-anon', 'anonymous'), item('sw-quote', 'quote'),
    item('sw-claim', 'claim'), item('sw-cue', 'cue')));
}

const TABS = [
  { name: 'actors', label: 'Actors' },
  { name: 'quotes', label: 'Quotes' },
  { name: 'claims', label: 'Claims' },
];

let panelCount = 0;

/** Lists up to this many items in all are built at once; longer ones in slices. */
const EAGER = 600;
/** Milliseconds of list building at a time. */
const SLICE_MS = 12;

/** The side panel (see the file header). */
export function createPanel(root, { onSelectActor = () => {}, onReveal = () => {} } = {}) {
  const uid = `nlp${++panelCount}`;
  let text = '';
  let doc = null;
  let actor = null;
  let current = null; // {layer, id} marked in the lists
  let shownTab = 'actors';
  const jobs = new Map(); // tab → generator still building its list
  let timer = 0;

  const summary = h('div', { class: 'summary', 'data-testid': 'summary', 'aria-live': 'polite' });
  const filterName = h('strong', {});
  const filterCounts = h('span', { class: 'filter-counts' });
  const filterBar = h('div', { class: 'filter-bar', 'data-testid': 'filter-bar', hidden: true },
    h('span', {}, 'Following ', filterName, ' ', filterCounts),
    h('button', { type: 'button', class: 'clear-filter', 'data-testid': 'clear-filter', onclick: () => onSelectActor(null) },
      'Clear filter'));
  const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Results' });
  const tabs = new Map();
  const lists = new Map();
  const counts = new Map();
  const panels = h('div', { class: 'tabpanels' });
  for (const t of TABS) {
    const count = h('span', { class: 'count', 'data-testid': `count-${t.name}` }, '0');
    const tab = h('button', {
      type: 'button', role: 'tab', id: `${uid}-tab-${t.name}`, 'aria-controls': `${uid}-panel-${t.name}`,
      'aria-selected': 'false', tabindex: '-1', 'data-testid': `tab-${t.name}`, onclick: () => selectTab(t.name),
    }, t.label, ' ', count);
    const list = h('ul', { class: `list list-${t.name}` });
    const panel = h('div', {
      role: 'tabpanel', id: `${uid}-panel-${t.name}`, 'aria-labelledby': tab.id, class: 'tabpanel', hidden: true,
    }, list);
    tabs.set(t.name, { tab, panel });
    lists.set(t.name, list);
    counts.set(t.name, count);
    tablist.append(tab);
    panels.append(panel);
  }
  tablist.addEventListener('keydown', (e) => {
    const names = TABS.map((t) => t.name);
    const i = names.findIndex((n) => tabs.get(n).tab === e.target);
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: names.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const name = names[(next + names.length) % names.length];
    selectTab(name);
    tabs.get(name).tab.focus();
  });
  root.append(h('section', { class: 'nl-panel', 'aria-label': 'Actors, quotes and claims' },
    summary, filterBar, tablist, panels));

  function selectTab(name) {
    shownTab = name;
    fill(name, SLICE_MS);
    for (const [n, { tab, panel }] of tabs) {
      const on = n === name;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      panel.hidden = !on;
    }
  }
  selectTab('actors');

  function actorButton(id, label = actorName(doc, id)) {
    return h('button', {
      type: 'button', class: 'link', onclick: (e) => { e.stopPropagation(); onSelectActor(id); },
    }, label);
  }

  function drawSummary() {
    clear(summary);
    const { named, anonymous } = sourceSummary(doc);
    const total = named.length + anonymous.length;
    summary.append(h('p', { class: 'sources' },
      h('strong', {}, `${total} source${total === 1 ? '' : 's'}`),
      `: ${named.length} named, ${anonymous.length} anonymous`));
    let shares = quotedWordShare(text, doc).filter((s) => s.words > 0);
    if (!shares.length) return;
    if (shares.length > 6) {
      // The five most quoted, then everyone else together.
      const rest = shares.slice(5);
      shares = shares.slice(0, 5);
      shares.push({ speaker: undefined, others: rest.length, words: rest.reduce((n, s) => n + s.words, 0),
        share: rest.reduce((n, s) => n + s.share, 0) });
    }
    const bar = h('div', { class: 'share-bar', 'aria-hidden': 'true' });
    const legend = h('ul', { class: 'share-list', 'aria-label': 'Share of quoted words per speaker' });
    shares.forEach((s, i) => {
      const pct = Math.round(s.share * 100);
      const cls = `share-${Math.min(i, 5)}${s.speaker === null ? ' share-none' : ''}`;
      const who = s.speaker === null ? 'unattributed'
        : s.speaker === undefined ? `${s.others} others` : actorButton(s.speaker);
      const seg = h('span', { class: `share-seg ${cls}` });
      seg.style.width = `${(s.share * 100).toFixed(2)}%`;
      bar.append(seg);
      legend.append(h('li', {}, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }),
        who, ` ${pct}%`));
    });
    summary.append(h('p', { class: 'share-title' }, 'Quoted words by speaker'), bar, legend);
  }

  function* drawActors() {
    const list = clear(lists.get('actors'));
    const stats = actorStats(text, doc);
    for (const id of actorsByProminence(text, doc, stats)) {
      const a = doc.actors[id];
      const s = stats[id];
      const plural = (n, w) => `${n} ${w}${n === 1 ? '' : 's'}`;
      list.append(h('li', {}, h('button', {
        type: 'button', class: `item actor-item k-${a.kind}${a.anonymous ? ' anon' : ''}`,
        'data-testid': 'actor-item', dataset: { id }, 'aria-pressed': String(actor === id),
        onclick: () => onSelectActor(actor === id ? null : id),
      },
      h('span', { class: 'item-head' },
        h('span', { class: `swatch sw-${a.kind}${a.anonymous ? ' sw-anon' : ''}`, 'aria-hidden': 'true' }),
        h('span', { class: 'name' }, a.name),
        h('span', { class: 'badge kind' }, a.kind),
        a.anonymous && h('span', { class: 'badge anon-badge', 'data-testid': 'anonymous-badge' }, 'anonymous')),
      a.titles.length > 0 && h('span', { class: 'titles' }, a.titles.join(' · ')),
      h('span', { class: 'meta' },
        `${plural(s.mentions, 'mention')} · ${plural(s.quotes, 'quote')} · ${plural(s.claims, 'claim')}`))));
      yield;
    }
    if (!doc.actors.length) list.append(h('li', { class: 'empty' }, 'No actors found.'));
  }

  function* drawQuotes() {
    const list = clear(lists.get('quotes'));
    const shown = actor === null ? doc.quotes : itemsOfActor(doc, actor).quotes;
    const groups = new Map();
    for (const q of shown) {
      if (!groups.has(q.speaker)) groups.set(q.speaker, []);
      groups.get(q.speaker).push(q);
    }
    const share = new Map(quotedWordShare(text, doc).map((s) => [s.speaker, s.share]));
    const order = [...groups.keys()].sort((a, b) => (a === null) - (b === null) || (share.get(b) ?? 0) - (share.get(a) ?? 0));
    for (const speaker of order) {
      const qs = groups.get(speaker);
      const items = h('ul', {});
      for (const q of qs) {
        items.append(h('li', {}, h('button', {
          type: 'button', class: `item quote-item q-${q.kind}`, 'data-testid': 'quote-item', dataset: { id: q.id },
          onclick: () => onReveal('quote', q.id),
        },
        h('span', { class: 'quote-text' }, `“${snippet(slice(text, q.content), 220)}”`),
        h('span', { class: 'meta' },
          h('span', { class: 'badge' }, q.kind),
          q.cue && ` ${slice(text, q.cue)}`,
          q.reporter !== null && ` · relayed by ${actorName(doc, q.reporter)}`))));
        yield;
      }
      const pct = Math.round((share.get(speaker) ?? 0) * 100);
      const anon = speaker !== null && doc.actors[speaker]?.anonymous;
      list.append(h('li', { class: 'group', 'data-testid': 'quote-group' },
        h('h3', { class: 'group-head' },
          speaker === null ? h('span', { class: 'name' }, 'Speaker not stated') : actorButton(speaker),
          anon && h('span', { class: 'badge anon-badge' }, 'anonymous'),
          h('span', { class: 'meta' }, ` ${qs.length} quote${qs.length === 1 ? '' : 's'} · ${pct}% of quoted words`)),
        items));
    }
    if (!shown.length) list.append(h('li', { class: 'empty' }, actor === null ? 'No quotes found.' : 'No quotes from this actor.'));
  }

  function* drawClaims() {
    const list = clear(lists.get('claims'));
    const shown = actor === null ? doc.claims : itemsOfActor(doc, actor).claims;
    const ref = (id, verb) => {
      const o = doc.claims[id];
      if (!o) return null;
      return h('button', {
        type: 'button', class: 'link dispute-link', 'data-testid': 'dispute-link',
        onclick: (e) => { e.stopPropagation(); onReveal('claim', id); },
      }, `${verb} ${actorName(doc, o.claimant, 'an unattributed claim')}: “${snippet(slice(text, o.content), 60)}”`);
    };
    for (const c of shown) {
      // A <div role="button"> rather than <button>, because dispute links nest inside.
      const item = h('div', {
        class: `item claim-item st-${c.stance}`, role: 'button', tabindex: '0', 'data-testid': 'claim-item',
        dataset: { id: c.id }, onclick: () => onReveal('claim', c.id),
        onkeydown: (e) => { if (e.target === item && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); onReveal('claim', c.id); } },
      },
      h('span', { class: 'item-head' },
        h('span', { class: `badge stance st-${c.stance}`, 'data-testid': 'stance-badge' }, c.stance),
        c.claimant === null ? h('span', { class: 'name' }, 'Claimant not stated') : actorButton(c.claimant),
        h('span', { class: 'meta' }, ` ${slice(text, c.cue)}`)),
      h('span', { class: 'claim-text' }, snippet(slice(text, c.content), 220)),
      (c.disputes.length > 0 || c.disputedBy.length > 0) && h('span', { class: 'disputes' },
        ...c.disputes.map((id) => ref(id, 'disputes')),
        ...c.disputedBy.map((id) => ref(id, 'disputed by'))));
      list.append(h('li', {}, item));
      yield;
    }
    if (!shown.length) list.append(h('li', { class: 'empty' }, actor === null ? 'No claims found.' : 'No claims by this actor.'));
  }

  function drawFilter() {
    filterBar.hidden = actor === null;
    if (actor === null) return;
    const mine = itemsOfActor(doc, actor);
    filterName.textContent = actorName(doc, actor);
    filterCounts.textContent = `(${mine.quotes.length} quote${mine.quotes.length === 1 ? '' : 's'}, ${mine.claims.length} claim${mine.claims.length === 1 ? '' : 's'})`;
  }

  function markCurrent() {
    for (const el of root.querySelectorAll('.item.current')) el.classList.remove('current');
    if (!current) return null;
    fill({ actor: 'actors', quote: 'quotes', claim: 'claims' }[current.layer], Infinity);
    const el = root.querySelector(`.${current.layer}-item[data-id="${Number(current.id)}"]`);
    el?.classList.add('current');
    return el;
  }

  function draw() {
    if (!doc) return;
    if (actor !== null && !doc.actors[actor]) actor = null;
    counts.get('actors').textContent = String(doc.actors.length);
    counts.get('quotes').textContent = String(doc.quotes.length);
    counts.get('claims').textContent = String(doc.claims.length);
    drawSummary();
    drawFilter();
    jobs.clear();
    const eager = doc.actors.length + doc.quotes.length + doc.claims.length <= EAGER;
    for (const [name, make] of [['actors', drawActors], ['quotes', drawQuotes], ['claims', drawClaims]]) {
      jobs.set(name, make());
      // A long list: the shown tab's first items now, the rest in slices between frames.
      fill(name, eager ? Infinity : name === shownTab ? SLICE_MS : 0);
    }
    markCurrent();
    if (jobs.size) schedule();
  }

  /** Runs the job building list `name` for about `ms` milliseconds (Infinity: to its end). */
  function fill(name, ms) {
    const job = jobs.get(name);
    if (!job) return;
    const end = performance.now() + ms;
    do {
      if (job.next().done) { jobs.delete(name); return; }
    } while (performance.now() < end);
  }

  /** Goes on building the lists (the shown tab's first) in slices, letting the page answer between them. */
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const name = jobs.has(shownTab) ? shownTab : jobs.keys().next().value;
      if (name === undefined) return;
      fill(name, SLICE_MS);
      schedule();
    });
  }

  return {
    update(newText, newDoc) { text = newText; doc = newDoc; draw(); },
    setActor(id) {
      if (id === actor) return;
      actor = id;
      draw();
    },
    selectTab,
    showItem(layer, id) {
      const tab = { quote: 'quotes', claim: 'claims', mention: 'actors' }[layer];
      if (!tab || !doc) return;
      if (layer === 'mention') { current = { layer: 'actor', id: doc.mentions[id]?.actor }; }
      else current = { layer, id };
      let el = markCurrent();
      if (!el && actor !== null) { actor = null; draw(); el = markCurrent(); onSelectActor(null); }
      selectTab(tab);
      el?.scrollIntoView({ block: 'nearest' });
    },
  };
}
