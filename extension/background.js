// newslens background: owns the WASM engine (it runs here, never on a web
// page's main thread), the toolbar action, the keyboard shortcut, the
// "Annotate selection" context menu, opening the side panel, and message
// routing. A Chromium service worker and a Firefox event page (module).
//
// Two engines, the same API: the core (pkg/, rules only) gives the first
// result; then the engine with the learned tagger (pkg/tagger/, a larger
// asset) is loaded once, the annotations it would change are redone and
// redrawn (the actor types get refined), and every later annotation uses it.
// Its glue is imported statically (a service worker may not import()); its
// .wasm is fetched only when loadTagger() runs. If it cannot load, the rules
// results stay, silently.
import "./protocol.js";
import init, { annotate } from "./pkg/newslens_wasm.js";
import initTagger, { annotate as annotateTagged } from "./pkg/tagger/newslens_wasm.js";
import { checkDoc, marksFor } from "./marks.js";

const P = globalThis.NewsLensProtocol;
// Injected in this order into the page's isolated world, as plain scripts
// sharing globalThis.__newslensContent (content/article.js explains).
const CONTENT_FILES = [
  "protocol.js",
  "vendor/Readability.js",
  "content/article.js", // finding the article
  "content/text.js", // the engine's text and its offset map
  "content/draw.js", // drawing the marks, and removing them
  "content/tip.js", // the hover tooltip
  "content/follow.js", // reading the article, following the page after a click
  "content.js", // the messages
];
const PAGE_CSS = ["highlight.css"];
const MENU_ID = "newslens-annotate-selection";
// highlight.css as text, for the open shadow roots of a page (content/draw.js).
let pageCssText = null;
async function pageCss() {
  pageCssText ??= fetch(chrome.runtime.getURL(PAGE_CSS[0])).then((r) => r.text());
  return pageCssText;
}

// ---------------------------------------------------------------- engine

let engineReady = null;
let engineDead = "";

/**
 * Annotates `text` with the engine; resolves to the docs/format.md document
 * (the binding returns it as a JS object, checked by marks.js checkDoc()).
 * A panic aborts the WASM instance, which cannot be re-instantiated inside
 * this worker: later calls fail with a clear message until the browser
 * restarts the worker.
 */
async function annotateText(text) {
  return (await annotateWith(text)).doc;
}

// The tagger's engine: null until loadTagger() is called, then the promise
// of whether it runs (its refinement of the tabs' results included).
let taggerLoad = null;
let taggerOn = false;

/** annotateText(), and which engine made the document (`tagger`: pkg/tagger/). */
async function annotateWith(text) {
  if (taggerOn) {
    try {
      return { doc: checked(text, annotateTagged(text, { offsets: "utf16" })), tagger: true };
    } catch (err) {
      if (!(err instanceof WebAssembly.RuntimeError)) throw err;
      taggerOn = false; // a trap: its instance is unusable; the core carries on
    }
  }
  if (engineDead) throw new Error(engineDead);
  engineReady ??= init({ module_or_path: chrome.runtime.getURL("pkg/newslens_wasm_bg.wasm") });
  await engineReady;
  let doc;
  try {
    doc = annotate(text, { offsets: "utf16" });
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) {
      engineDead = `The annotation engine crashed (${err.message}). Reload the extension to restart it.`;
      throw new Error(engineDead);
    }
    throw err;
  }
  return { doc: checked(text, doc), tagger: false };
}

function checked(text, doc) {
  const bad = checkDoc(text, doc);
  if (bad) throw new Error(bad);
  return doc;
}

// Refinements under way (refineLater), for taggerSettled().
const refining = new Set();

/** Loads the engine with the learned tagger, once per worker; resolves to whether it runs. */
function loadTagger() {
  taggerLoad ??= initTagger({ module_or_path: chrome.runtime.getURL("pkg/tagger/newslens_wasm_bg.wasm") })
    .then(() => (taggerOn = true), () => false);
  return taggerLoad;
}

/** A tab's result came from the core: load the tagger, then refine that tab's result. */
function refineLater(tabId) {
  const p = loadTagger()
    .then((ok) => ok && states.has(tabId) && refine(states.get(tabId)))
    .catch(() => {}) // the rules result stays
    .finally(() => refining.delete(p));
  refining.add(p);
}

/**
 * Annotates a tab's text again with the tagger and redraws it (a page) or
 * lists it again (a selection), unless the tab moved on meanwhile (a newer
 * text is annotated by the tagger anyway).
 */
async function refine(s) {
  if (s.status !== "done" || s.tagger || !s.text) return;
  const { doc, tagger } = await annotateWith(s.text);
  if (!tagger || states.get(s.tabId) !== s) return; // cleared, or a newer text
  const refined = sameActors(s.doc, doc) ? {} : { refined: true };
  if (s.source === "page") {
    const applied = await send(s.tabId, { type: P.APPLY, marks: marksFor(s.text, doc), mode: s.mode === "element" ? "element" : "auto", css: await pageCss(), version: s.version, follow: true });
    if (!applied || !applied.ok || states.get(s.tabId) !== s) return;
    return setState(s.tabId, { doc, tagger, ...refined, drawn: applied.drawn, skipped: applied.skipped, hiddenMarks: applied.hidden || 0 });
  }
  return setState(s.tabId, { doc, tagger, ...refined });
}

const sameActors = (a, b) => JSON.stringify(a.actors) === JSON.stringify(b.actors);

// ---------------------------------------------------------------- per-tab state

/** @type {Map<number, object>} TabState by tab id (see protocol.js). */
const states = new Map();

function blankState(tabId) {
  return { tabId, status: "idle", source: null, title: "", url: "", text: "", doc: null, error: "", mode: null, drawn: 0, skipped: 0, notice: "", hidden: [], hiddenMarks: 0, version: null, tagger: false, refined: false };
}

function setState(tabId, patch) {
  const state = { ...(states.get(tabId) || blankState(tabId)), ...patch, tabId };
  states.set(tabId, state);
  const badge = state.status === "done" && state.source === "page" ? "on" : state.status === "error" ? "!" : state.status === "working" ? "…" : state.status === "waiting" ? "wait" : state.status === "not-article" ? "–" : "";
  chrome.action.setBadgeText({ tabId, text: badge }).catch(() => {});
  chrome.action.setTitle({ tabId, title: state.status === "error" ? `newslens: ${state.error}` : "newslens: highlight actors, quotes and claims" }).catch(() => {});
  chrome.runtime.sendMessage({ type: P.STATE_CHANGED, state }).catch(() => {}); // no panel open
  return state;
}

/** What the reader is told about boxes that are not article text. */
function boxNotice(labels, selection) {
  const names = labels.map((l) => `“${l}”`).join(", ");
  return selection
    ? `The selection includes ${labels.length === 1 ? "a box" : "boxes"} that ${labels.length === 1 ? "is" : "are"} not article text (${names}); ${labels.length === 1 ? "its" : "their"} text was annotated with the rest.`
    : `Left out as not article text: ${names}.`;
}

function describe(err) {
  const msg = String((err && err.message) || err);
  if (globalThis.newslens) globalThis.newslens.lastError = msg;
  if (/Cannot access|cannot be scripted|Missing host permission|chrome:\/\/|extensions gallery/i.test(msg)) {
    return "newslens cannot read this page (browser pages and extension stores are off limits).";
  }
  return msg;
}

// ---------------------------------------------------------------- the page

/**
 * executeScript right after a click can lose a race: the browser grants
 * activeTab at once, but the page's renderer hears of it a moment later and
 * refuses until then ("Cannot access contents of the page"). Seen in headless
 * Chromium on up to a quarter of clicks; retrying for up to 1.6 s rides it out.
 */
async function executeScript(injection) {
  const waits = [0, 25, 50, 100, 200, 400, 800];
  for (const wait of waits) {
    if (wait) await new Promise((r) => setTimeout(r, wait));
    try {
      return await chrome.scripting.executeScript(injection);
    } catch (err) {
      if (wait === waits[waits.length - 1] || !/Cannot access contents/i.test(String(err && err.message))) throw err;
    }
  }
}

async function ensureContent(tabId) {
  const [probe] = await executeScript({ target: { tabId }, func: () => !!(globalThis.__newslensContent && globalThis.__newslensContent.ready) });
  if (!probe || !probe.result) await executeScript({ target: { tabId }, files: CONTENT_FILES });
}

function send(tabId, message) {
  return chrome.tabs.sendMessage(tabId, message, { frameId: 0 });
}

/**
 * What the toolbar button and the shortcut do: highlight the article, or, if
 * it is highlighted (or awaited), remove every trace. `mode` "element" forces
 * the <newslens-mark> fallback (used by the tests); `force` annotates a page
 * that does not read as an article ("Annotate anyway" in the panel).
 */
async function toggle(tab, mode = "auto", force = false) {
  const tabId = tab.id;
  const t0 = performance.now();
  const ms = {};
  const lap = (name) => (ms[name] = Math.round(performance.now() - t0));
  try {
    await ensureContent(tabId);
    lap("inject");
    const probe = await send(tabId, { type: P.PROBE });
    // A click (or the panel's "Annotate anyway" while waiting) on a followed page.
    if (probe && probe.active && !(force && probe.waiting)) return await removeAll(tabId);
    setState(tabId, { ...blankState(tabId), status: "working", source: "page", title: tab.title || "", url: tab.url || "", mode });
    const found = await send(tabId, { type: P.EXTRACT });
    if (!found || !found.ok) throw new Error((found && found.error) || "could not read the page");
    lap("extract");
    if (found.ms) ms.extractSteps = found.ms;
    await chrome.scripting.insertCSS({ target: { tabId }, files: PAGE_CSS });
    if (!force && found.kind === "short") {
      // No article yet (a page still loading it): wait for one.
      await send(tabId, { type: P.FOLLOW, mode, waiting: true, css: await pageCss() });
      return setState(tabId, { status: "waiting", source: "page", title: found.title || tab.title || "", url: found.url, mode, notice: "" });
    }
    if (!force && found.kind === "listing") {
      await chrome.scripting.removeCSS({ target: { tabId }, files: PAGE_CSS }).catch(() => {});
      return setState(tabId, {
        status: "not-article", source: "page", title: found.title || tab.title || "", url: found.url, mode,
        notice: `This page does not look like a news article (${found.listing}), so nothing was marked.`,
      });
    }
    if (!found.text.trim()) throw new Error("No article text found on this page.");
    return await draw(tabId, found, mode, { ms, lap });
  } catch (err) {
    await chrome.scripting.removeCSS({ target: { tabId }, files: PAGE_CSS }).catch(() => {});
    return setState(tabId, { ...blankState(tabId), status: "error", source: "page", error: describe(err) });
  }
}

async function removeAll(tabId) {
  await send(tabId, { type: P.CLEAR });
  await chrome.scripting.removeCSS({ target: { tabId }, files: PAGE_CSS }).catch(() => {});
  return setState(tabId, blankState(tabId));
}

/**
 * Annotates an extracted text and draws it on the page, which is then
 * followed (content/follow.js). Returns the new TabState, or null when the
 * page changed again before the marks arrived (a newer text is on its way).
 */
async function draw(tabId, found, mode, { ms = {}, lap = () => {} } = {}) {
  const { doc, tagger } = await annotateWith(found.text);
  lap("engine");
  const applied = await send(tabId, { type: P.APPLY, marks: marksFor(found.text, doc), mode, css: await pageCss(), version: found.version, follow: true });
  lap("draw");
  if (applied && applied.stale) return null;
  if (!applied || !applied.ok) throw new Error((applied && applied.error) || "could not draw the highlights");
  const state = setState(tabId, {
    status: "done", source: "page", title: found.title, url: found.url, text: found.text, doc,
    mode: applied.mode, drawn: applied.drawn, skipped: applied.skipped, error: "", ms,
    hidden: found.hidden || [], hiddenMarks: applied.hidden || 0,
    notice: found.boxes && found.boxes.length ? boxNotice(found.boxes, false) : "",
    version: found.version, tagger, refined: false,
  });
  if (!tagger) refineLater(tabId);
  return state;
}

/** The followed page changed (content/follow.js): annotate the new text. */
async function pageChanged(tabId, found) {
  const s = states.get(tabId);
  if (!s || s.source !== "page" || !(s.status === "done" || s.status === "waiting")) return;
  try {
    if (s.status === "waiting" && found.kind === "listing") {
      // What arrived is a list of stories, not the article the click waited for.
      await removeAll(tabId);
      return setState(tabId, {
        status: "not-article", source: "page", title: found.title, url: found.url, mode: s.mode,
        notice: `This page does not look like a news article (${found.listing}), so nothing was marked.`,
      });
    }
    const state = await draw(tabId, found, s.mode && s.mode !== "highlight" ? s.mode : "auto");
    if (state) globalThis.newslens.updates++;
  } catch (err) {
    setState(tabId, { status: "error", source: "page", error: describe(err) });
  }
}

/** The context menu: annotate the selected text and show it in the side panel. */
async function annotateSelection(tab, fallbackText) {
  const tabId = tab.id;
  let text = fallbackText || "";
  let notice = "";
  try {
    // getSelection() keeps the line breaks that selectionText flattens.
    const [res] = await executeScript({ target: { tabId }, func: () => String(getSelection()) });
    if (res && typeof res.result === "string" && res.result.trim()) text = res.result;
    // Does the selection run through a related / newsletter / "most read" box?
    await ensureContent(tabId);
    const [boxes] = await executeScript({ target: { tabId }, func: () => globalThis.__newslensContent.selectionBoxes() });
    if (boxes && Array.isArray(boxes.result) && boxes.result.length) notice = boxNotice(boxes.result, true);
  } catch (_) {
    // Pages we may not script (e.g. the PDF viewer): use the menu's text.
  }
  text = text.trim();
  setState(tabId, { ...blankState(tabId), status: "working", source: "selection", title: tab.title || "", url: tab.url || "" });
  try {
    if (!text) throw new Error("Nothing is selected.");
    const { doc, tagger } = await annotateWith(text);
    const state = setState(tabId, { status: "done", source: "selection", text, doc, error: "", notice, tagger, refined: false });
    if (!tagger) refineLater(tabId);
    return state;
  } catch (err) {
    return setState(tabId, { status: "error", source: "selection", text, error: describe(err) });
  }
}

/** Must run synchronously inside the click handler: opening needs the gesture. */
function openPanel(tab) {
  if (chrome.sidePanel && chrome.sidePanel.open) {
    chrome.sidePanel.open({ windowId: tab.windowId }).catch(() => {});
  } else if (globalThis.browser && browser.sidebarAction && browser.sidebarAction.open) {
    browser.sidebarAction.open().catch(() => {});
  }
}

// ---------------------------------------------------------------- events

chrome.action.onClicked.addListener((tab) => {
  const s = states.get(tab.id);
  if (!(s && (s.status === "done" || s.status === "waiting") && s.source === "page")) openPanel(tab);
  globalThis.newslens.clicks++;
  globalThis.newslens.lastClick = toggle(tab);
});

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: MENU_ID, title: "Annotate selection", contexts: ["selection"] });
});

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU_ID || !tab) return;
  openPanel(tab);
  annotateSelection(tab, info.selectionText);
});

chrome.tabs.onUpdated.addListener((tabId, change) => {
  // A navigation takes the content script and the highlights with it.
  if (change.status === "loading" && states.has(tabId)) setState(tabId, blankState(tabId));
});
chrome.tabs.onRemoved.addListener((tabId) => states.delete(tabId));

chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  if (!msg || sender.id !== chrome.runtime.id) return false;
  const answer = (promise) => {
    promise.then(reply, (err) => reply({ ok: false, error: describe(err) }));
    return true;
  };
  switch (msg.type) {
    case P.GET_STATE:
      return answer(stateOf(msg.tabId));
    case P.TOGGLE:
      return answer(chrome.tabs.get(msg.tabId).then((tab) => toggle(tab, msg.mode || "auto", !!msg.force)));
    case P.PAGE_CHANGED:
      if (!sender.tab || !msg.result) return false;
      return answer(pageChanged(sender.tab.id, msg.result).then(() => ({ ok: true })));
    case P.ANNOTATE_TEXT:
      return answer(annotateText(String(msg.text)).then((doc) => ({ ok: true, doc })));
    default:
      return false;
  }
});

/**
 * The state of a tab. If this worker was restarted while the page kept its
 * highlights, the state is rebuilt from the content script's text (the engine
 * is deterministic, so the lists match what is drawn).
 */
async function stateOf(tabId) {
  const known = states.get(tabId);
  if (known) return known;
  try {
    const probe = await send(tabId, { type: P.PROBE, withText: true });
    if (probe && probe.active && probe.text) {
      const { doc, tagger } = await annotateWith(probe.text);
      const state = setState(tabId, { status: "done", source: "page", title: probe.title, url: probe.url, text: probe.text, doc, mode: probe.mode, hidden: probe.hidden || [], version: probe.version, tagger });
      if (!tagger) refineLater(tabId);
      return state;
    }
  } catch (_) {
    // No content script in that tab: nothing is drawn there.
  }
  return blankState(tabId);
}

// For the test suite and for debugging from the worker's console: the same
// functions the toolbar button and the messages use.
// `clicks` counts toolbar clicks and `lastClick` is the promise of the last
// one's work, so a test can wait for a click it triggered; `lastError` is the
// raw text of the last error shown to the user.
// `updates` counts the redraws that followed a page change. `taggerSettled()`
// resolves (to whether the tagger's engine runs) once it loaded and refined
// the tabs' results, or failed to load; at once when it was never asked for.
globalThis.newslens = {
  toggle, annotateText, annotateSelection, setState, states, clicks: 0, lastClick: null, updates: 0,
  taggerSettled: async () => {
    while (refining.size) await Promise.all([...refining]);
    return taggerLoad ? taggerLoad : false;
  },
};
