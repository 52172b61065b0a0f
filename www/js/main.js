// Wires the page together: input → engine (in a worker) → article view, panel,
// exports. State lives here; the other modules take data and callbacks.

import { annotate, details, EngineCrash, loadTagger, ready, Superseded } from './engine.js';
import { ACCEPT, attachDropZone, htmlToText, readFile } from './input.js';
import { createArticleView } from './render.js';
import { createPanel, createToggles, renderLegend } from './panels.js';
import { download, toCSV, toJSON, toWebAnnotation } from './export.js';
import { countWords } from './model.js';
import { debounce, qs } from './dom.js';

const els = {
  article: qs('#article'),
  editor: qs('#editor'),
  empty: qs('#empty'),
  reader: qs('#reader'),
  source: qs('#source'),
  stats: qs('#stats'),
  error: qs('#error'),
  status: qs('#status'),
  edit: qs('#edit'),
  file: qs('#file'),
  dropHint: qs('#drop-hint'),
  editHint: qs('#edit-hint'),
  progress: qs('#progress'),
  progressText: qs('#progress-text'),
};

/** Texts longer than this (UTF-16 units, about 200 KB) show progress while annotated. */
const PROGRESS_MIN = 200_000;

const state = {
  text: '',          // what the editor holds
  shown: null,       // {text, doc} last annotated
  source: { name: '', iri: 'urn:x-newslens:text' },
  actor: null,
  editing: false,
  seq: 0,
};

const view = createArticleView(els.article, {
  onActivate({ layer, id, actor }) {
    if (layer === 'mention') selectActor(actor);
    else panel.showItem(layer, id);
  },
});
const panel = createPanel(qs('#panel'), {
  onSelectActor: selectActor,
  onReveal(layer, id) {
    if (!visible[layer]) setLayer(layer, true);
    if (state.editing) setEditing(false);
    panel.showItem(layer, id);
    view.reveal(layer, id);
  },
});
const visible = { mention: true, quote: true, claim: true };
const toggles = createToggles(qs('#toggles'), { onChange: (layer, on) => setLayer(layer, on) });
renderLegend(qs('#legend'));

function setLayer(layer, on) {
  visible[layer] = on;
  toggles.set(layer, on);
  view.setLayerVisible(layer, on);
}

function selectActor(id) {
  state.actor = id;
  view.setActor(id);
  panel.setActor(id);
}

function showError(err) {
  els.error.hidden = !err;
  els.error.textContent = err ? (err instanceof EngineCrash ? err.message : `Could not annotate: ${err.message}`) : '';
}

function say(msg) {
  els.status.textContent = msg;
}

const emptyDoc = (text) => ({ version: 1, offsets: 'utf16', textLength: text.length, actors: [], mentions: [], quotes: [], claims: [] });

/** UTF-8 length of `text` (what "1.2 MB" means), without copying it. */
function utf8Length(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is 4 bytes: 2 for each half.
    n += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return n;
}

function formatSize(bytes) {
  if (bytes >= 1048576) return `${(bytes / 1048576).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

let progressTimer = 0;

/** Shows "Annotating 1.2 MB…" with a spinner and the seconds spent, for a long text. */
function showProgress(text) {
  hideProgress();
  if (text.length <= PROGRESS_MIN) return;
  const label = `Annotating ${formatSize(utf8Length(text))}…`;
  const t0 = performance.now();
  const spinner = els.progress.querySelector('.spinner');
  let turns = 0;
  els.progressText.textContent = label;
  els.progress.hidden = false;
  say(label);
  progressTimer = setInterval(() => {
    spinner.style.transform = `rotate(${++turns * 90}deg)`;
    if (turns % 4 === 0) els.progressText.textContent = `${label} ${Math.round((performance.now() - t0) / 1000)} s`;
  }, 250);
}

function hideProgress() {
  clearInterval(progressTimer);
  progressTimer = 0;
  els.progress.hidden = true;
}

/**
 * Annotates `text` in the engine's worker and shows it. Calling it again
 * abandons the run still going (the engine stops it), and a result for an
 * older text is never shown. Resolves to true when it drew the article.
 */
async function run(text) {
  const seq = ++state.seq;
  const start = performance.now();
  let doc;
  let words;
  let t0 = start;
  document.body.dataset.engine = 'busy';
  showProgress(text);
  try {
    await ready(); // time the annotation, not the first load
    if (seq !== state.seq) return false;
    t0 = performance.now();
    // A long text's words are counted here while the worker annotates it (the page's
    // thread waits anyway), not in the worker after its result.
    const long = text.length > PROGRESS_MIN;
    const result = long ? annotate(text, undefined, { words: false }) : annotate(text);
    // After the text is posted to the worker (a microtask later).
    if (long) await Promise.resolve();
    // A long new text goes on screen at once, without highlights: its blocks are built,
    // styled and laid out while the worker annotates it, and the result then only adds
    // the highlights.
    if (long && !state.editing && state.shown?.text !== text && view.showText) {
      view.showText(text);
      els.empty.hidden = true;
    }
    if (long) words = countWords(text);
    doc = await result;
    if (seq !== state.seq) return false;
    showError(null);
  } catch (err) {
    if (seq !== state.seq || err instanceof Superseded) return false;
    showError(err);
    doc = emptyDoc(text);
  }
  const got = performance.now();
  const ms = got - t0;
  hideProgress();
  document.body.dataset.engine = 'idle';
  state.shown = { text, doc, tagger: details()?.tagger === true };
  // The source line names what is shown (tests wait for it).
  els.source.textContent = state.source.name;
  if (state.actor !== null && !doc.actors[state.actor]) state.actor = null;
  const drawn = state.editing ? null : drawArticle();
  state.drawn = drawn;
  words = details()?.words ?? words ?? countWords(text);
  els.stats.textContent = text ? `${words.toLocaleString('en')} words · annotated in ${ms < 1 ? '<1' : Math.round(ms)} ms` : '';
  if (text.length > PROGRESS_MIN) say(`Annotated ${words.toLocaleString('en')} words.`);
  const built = performance.now();
  const lists = () => {
    const t = performance.now();
    panel.update(text, doc);
    panel.setActor(state.actor);
    return [t, performance.now()];
  };
  // A long text's highlights, when all are drawn at once, go on screen first: its lists
  // (the side panel) are built just after that frame. Otherwise the lists come now (and
  // a long text whose highlights come in slices builds them in slices too, in between).
  const listsLater = text.length > PROGRESS_MIN && !state.editing && !drawn;
  const listed = listsLater ? null : lists();
  document.body.dataset.state = 'ready';
  measure(seq, start, got, built, listed ?? lists, drawn);
  if (!taggerAsked) {
    taggerAsked = true;
    // After this first result is on screen: the engine with the learned tagger.
    Promise.resolve(drawn).then(() => requestAnimationFrame(() => setTimeout(refine)));
  }
  return !state.editing;
}

let taggerAsked = false;

/**
 * Loads the engine with the learned tagger (pkg/tagger/, a separate asset),
 * then annotates the text shown again, so its actors get the tagger's types;
 * later texts use it at once. body[data-tagger] says where it is: 'loading',
 * then 'on' (the text shown is the tagger's) or 'off' (it could not be
 * loaded: the page keeps the rules' result and says nothing).
 */
async function refine() {
  document.body.dataset.tagger = 'loading';
  if (!(await loadTagger())) {
    document.body.dataset.tagger = 'off';
    return;
  }
  if (state.shown && !state.shown.tagger) {
    const y = window.scrollY;
    // false when another text came meanwhile: its own run uses the tagger.
    const drew = await run(state.text);
    if (drew) {
      window.scrollTo(0, y);
      await state.drawn; // a long text's highlights come in slices
      requestAnimationFrame(() => window.scrollTo(0, y));
    }
    if (state.shown?.tagger) say('Actor types refined.');
  }
  document.body.dataset.tagger = 'on';
}

/**
 * Where the time of a text went, as performance.measure entries `newslens:NAME`
 * (benches/browser/page.mjs reads them): send (the text's way to the worker,
 * with the progress shown first), engine (the worker's call), transfer
 * (the result's way to the page), article (the highlighted text built, and the
 * stats line; for a long text, until its last highlight is added), lists (the
 * side panel built: right after the article, or for a long text drawn at once,
 * after its frame), paint (style, layout and the next frame), total (from the
 * text's arrival to that frame; the lists built after it are not in it).
 * `lists`: when the lists were built, [start, end], or the function that builds
 * them (after the frame) and returns that.
 */
async function measure(seq, start, got, built, lists, drawn) {
  const t = details();
  await drawn; // a long text's highlights come in slices
  const last = performance.now();
  requestAnimationFrame(() => setTimeout(() => {
    if (seq !== state.seq) return;
    const painted = performance.now();
    const span = (name, s, e) => {
      performance.clearMeasures(`newslens:${name}`);
      performance.measure(`newslens:${name}`, { start: s, end: e });
    };
    if (t) {
      span('send', start, got - t.transferMs - t.engineMs);
      span('engine', got - t.transferMs - t.engineMs, got - t.transferMs);
      span('transfer', got - t.transferMs, got);
    }
    const [listStart, listEnd] = typeof lists === 'function' ? lists() : lists;
    span('lists', listStart, listEnd);
    span('article', got, drawn ? last : built);
    span('paint', last, painted);
    span('total', start, painted);
  }));
}

/** Draws the article; returns what view.render returns (a promise of all highlights drawn, or nothing). */
function drawArticle() {
  const { text, doc } = state.shown ?? { text: '', doc: emptyDoc('') };
  const drawn = view.render(text, doc);
  view.setActor(state.actor);
  els.empty.hidden = text.length > 0;
  return drawn;
}

const runSoon = debounce(run, 150);

/** Replaces the article. */
function setText(text, source) {
  state.text = text;
  state.source = source;
  state.actor = null;
  // The editor gets the text when editing starts: a long text costs nothing here.
  runSoon.cancel();
  if (state.editing) return setEditing(false); // annotates the new text, then draws it
  return run(text);
}

async function setEditing(on) {
  if (on === state.editing) return;
  const y = window.scrollY;
  state.editing = on;
  els.edit.setAttribute('aria-pressed', String(on));
  els.edit.textContent = on ? 'Done editing' : 'Edit text';
  els.reader.classList.toggle('editing', on);
  els.editHint.hidden = !on;
  if (on) {
    const caret = selectionOffset();
    if (els.editor.value !== state.text) els.editor.value = state.text;
    els.article.hidden = true;
    els.empty.hidden = true;
    els.editor.hidden = false;
    fitEditor();
    els.editor.focus({ preventScroll: true });
    if (caret !== null) els.editor.setSelectionRange(caret, caret);
    window.scrollTo(0, y);
  } else {
    runSoon.cancel();
    // run() draws the article itself when it shows the new text.
    const drawn = state.shown?.text !== state.text && await run(state.text);
    els.editor.hidden = true;
    els.article.hidden = false;
    if (!drawn) drawArticle();
    window.scrollTo(0, y);
  }
}

/** The UTF-16 offset of the selection start inside the article, if any. */
function selectionOffset() {
  const sel = document.getSelection();
  if (!sel || !sel.rangeCount || !els.article.contains(sel.anchorNode)) return null;
  const r = document.createRange();
  r.setStart(els.article, 0);
  r.setEnd(sel.anchorNode, sel.anchorOffset);
  return r.toString().length;
}

/** The editor grows with its text, so the page scrolls, not the textarea, and lines stay where they were. */
function fitEditor() {
  els.editor.style.height = 'auto';
  els.editor.style.height = `${els.editor.scrollHeight + 2}px`;
}

els.editor.addEventListener('input', () => {
  state.text = els.editor.value;
  if (!state.source.name.endsWith('(edited)')) {
    state.source = { name: `${state.source.name || 'text'} (edited)`, iri: state.source.iri };
    els.source.textContent = state.source.name;
  }
  fitEditor();
  runSoon(state.text);
});
els.editor.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
    e.preventDefault();
    setEditing(false).then(() => els.edit.focus());
  }
});
window.addEventListener('resize', () => { if (state.editing) fitEditor(); });

els.edit.addEventListener('click', () => setEditing(!state.editing));

async function loadSample() {
  try {
    const res = await fetch('sample.txt');
    if (!res.ok) throw new Error(`sample.txt: HTTP ${res.status}`);
    await setText(await res.text(), { name: 'Sample article', iri: new URL('sample.txt', location.href).href });
    say('Loaded the sample article.');
  } catch (err) {
    showError(err);
  }
}
qs('#sample').addEventListener('click', loadSample);

els.file.accept = ACCEPT;
qs('#open').addEventListener('click', () => els.file.click());
els.file.addEventListener('change', async () => {
  const file = els.file.files[0];
  els.file.value = '';
  if (!file) return;
  await openFile(file);
});

async function openFile(file) {
  try {
    const { text, name } = await readFile(file);
    say(`Opened ${name}.`); // first: a long text then says "Annotating…"
    await setText(text, { name, iri: `urn:x-newslens:file:${encodeURIComponent(name)}` });
  } catch (err) {
    showError(err);
  }
}

attachDropZone(document.body, {
  onText: ({ text, name }) => {
    say(`Opened ${name}.`); // first: a long text then says "Annotating…"
    setText(text, { name, iri: `urn:x-newslens:file:${encodeURIComponent(name)}` });
  },
  onError: showError,
  onHover: (on) => { els.dropHint.hidden = !on; },
});

// Pasting anywhere outside a text field replaces the article.
document.addEventListener('paste', (e) => {
  const t = e.target;
  if (t instanceof HTMLElement && (t.closest('textarea, input') || t.isContentEditable)) return;
  const plain = e.clipboardData?.getData('text/plain') ?? '';
  const html = e.clipboardData?.getData('text/html') ?? '';
  const text = plain || (html ? htmlToText(html) : '');
  if (!text.trim()) return;
  e.preventDefault();
  say(`Pasted ${text.length.toLocaleString('en')} characters.`); // first: a long text then says "Annotating…"
  setText(text, { name: 'Pasted text', iri: 'urn:x-newslens:text' });
});

function baseName() {
  const n = state.source.name.replace(/ \(edited\)$/, '').replace(/\.[a-z]+$/i, '');
  return (n.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'article');
}

function exporter(make, suffix, mime) {
  return () => {
    if (!state.shown) return;
    const { text, doc } = state.shown;
    download(`${baseName()}.${suffix}`, make(text, doc), mime);
    say(`Saved ${baseName()}.${suffix}.`);
  };
}
qs('#export-json').addEventListener('click', exporter(toJSON, 'newslens.json', 'application/json'));
qs('#export-jsonld').addEventListener('click',
  exporter((text, doc) => toWebAnnotation(text, doc, { source: state.source.iri }), 'annotations.jsonld', 'application/ld+json'));
qs('#export-csv').addEventListener('click', exporter(toCSV, 'quotes-claims.csv', 'text/csv'));

// The engine's worker starts fetching and compiling the .wasm now, while the sample loads.
ready().catch(() => {});
loadSample();
