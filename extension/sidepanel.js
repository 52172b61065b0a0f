// The side panel (Chromium side_panel, Firefox sidebar_action): the same
// Actors, Quotes and Claims lists as the web page (www/js/panels.js, copied
// into js/ by the build), for the active tab's annotation. Clicking an item
// scrolls the page to it. The engine is not here: the background owns it and
// pushes each tab's state (protocol.js STATE_CHANGED). For an annotated
// selection the panel also shows the text itself (www/js/render.js).
import "./protocol.js";
import { createPanel, renderLegend } from "./js/panels.js";
import { createArticleView } from "./js/render.js";
import { download, toCSV, toJSON, toWebAnnotation } from "./js/export.js";

const P = globalThis.NewsLensProtocol;
const $ = (id) => document.getElementById(id);

// `?tab=ID` pins the panel to one tab (the tests open the panel as a tab);
// otherwise it follows the active tab of its window.
const pinned = Number(new URLSearchParams(location.search).get("tab")) || null;
let tabId = pinned;
let current = null; // the TabState on show
let drawnKey = null; // what the lists were last drawn for
const nextMention = new Map(); // actor id -> how many of its mentions were shown

const selectionView = createArticleView($("selection-text"), {
  onActivate: ({ layer, id, actor }) => {
    if (layer === "mention") onSelectActor(actor);
    else panel.showItem(layer, id);
  },
});

const panel = createPanel($("panel"), {
  onSelectActor,
  onReveal: (layer, id) => {
    const doc = current && current.doc;
    if (!doc) return;
    panel.showItem(layer, id);
    if (current.source === "selection") return selectionView.reveal(layer, id);
    const item = layer === "quote" ? doc.quotes[id] : layer === "claim" ? doc.claims[id] : null;
    const span = item && (layer === "quote" ? item.span : item.content);
    if (span && isHidden(span)) return showError("That item is in text hidden on the page (clipped or covered, as behind a paywall): there is nothing to scroll to.");
    if (item) reveal(span);
  },
});
renderLegend($("legend"));

/** An actor was picked: filter the lists and show its next mention. */
function onSelectActor(id) {
  panel.setActor(id);
  const doc = current && current.doc;
  if (doc) markHidden(doc);
  if (id === null || !doc || !doc.actors[id]) return;
  if (current.source === "selection") return selectionView.setActor(id);
  const ids = doc.actors[id].mentions.filter((m) => !isHidden(doc.mentions[m].span));
  if (!ids.length) return;
  const k = nextMention.get(id) || 0;
  nextMention.set(id, k + 1);
  const m = doc.mentions[ids[k % ids.length]];
  if (m) reveal(m.span);
}

/** Does `span` overlap text the reader cannot see on the page? */
function isHidden(span) {
  const hidden = (current && current.source === "page" && current.hidden) || [];
  return !!span && hidden.some((h) => span.start < h.end && span.end > h.start);
}

/**
 * Items in hidden text: counted in the notice, and each list entry says so
 * (they are listed, not highlighted, and clicking them does not scroll).
 */
function markHidden(doc) {
  const n = { quote: 0, claim: 0, mention: 0 };
  for (const q of doc.quotes) if (isHidden(q.span)) n.quote++;
  for (const c of doc.claims) if (isHidden(c.content)) n.claim++;
  for (const m of doc.mentions) if (isHidden(m.span)) n.mention++;
  for (const [layer, list, spanOf] of [["quote", doc.quotes, (q) => q.span], ["claim", doc.claims, (c) => c.content]]) {
    for (const el of $("panel").querySelectorAll(`[data-testid=${layer}-item]`)) {
      const item = list[Number(el.dataset.id)];
      const hidden = !!item && isHidden(spanOf(item));
      el.toggleAttribute("data-hidden-text", hidden);
      if (hidden) el.title = "In text hidden on the page (clipped or covered): not highlighted";
    }
  }
  const items = n.quote + n.claim + n.mention;
  const text = items
    ? `${items} ${items === 1 ? "item is" : "items are"} in text hidden on the page (clipped or covered, as behind a paywall): ${n.quote} ${n.quote === 1 ? "quote" : "quotes"}, ${n.claim} ${n.claim === 1 ? "claim" : "claims"}, ${n.mention} ${n.mention === 1 ? "mention" : "mentions"}. They are listed but not highlighted.`
    : "";
  $("hidden-note").textContent = text;
  $("hidden-note").hidden = !text;
}

async function reveal(span) {
  if (!current || current.source !== "page" || !span) return;
  try {
    const res = await chrome.tabs.sendMessage(current.tabId, { type: P.REVEAL, start: span.start, end: span.end }, { frameId: 0 });
    showError(res && !res.ok ? `Cannot show that on the page: ${res.error}.` : "");
  } catch (err) {
    showError(`The page was closed or reloaded (${err.message}).`);
  }
}

function showError(msg) {
  $("error").textContent = msg || "";
  $("error").hidden = !msg;
}

function render(state) {
  current = state;
  showError(state.status === "error" ? state.error : "");
  const status = $("status");
  if (state.status === "waiting") status.textContent = "Waiting for the article: it is not on the page yet. It will be highlighted as soon as it appears (click the newslens button again to stop, or “Annotate anyway” to annotate what is there now).";
  else if (state.status === "not-article") status.textContent = "Not an article.";
  else if (state.status === "working") status.textContent = state.source === "selection" ? "Annotating the selection…" : "Annotating the page…";
  else if (state.status === "error") status.textContent = "Nothing to show.";
  else if (state.status === "idle") status.textContent = "Not annotated. Click the newslens button (Alt+Shift+N) on a news article, or select text and choose “Annotate selection”.";
  else if (state.source === "selection") status.textContent = `The selected text:${state.refined ? " (actor types refined)" : ""}`;
  else status.textContent = `Highlighted on the page${state.mode === "element" ? " (marked elements)" : ""}. Click an item to scroll to it.${state.refined ? " Actor types refined." : ""}`;

  $("notice").textContent = state.notice || "";
  $("notice").hidden = !state.notice;
  $("anyway").hidden = state.status !== "not-article" && state.status !== "waiting";

  const doc = state.status === "done" ? state.doc : null;
  $("results").hidden = !doc;
  $("exports").hidden = !doc;
  if (!doc) {
    drawnKey = null;
    return;
  }
  $("source").textContent = state.source === "selection" ? "" : state.title || state.url || "";
  const key = [state.tabId, state.source, state.text, JSON.stringify(doc)].join("\u0000");
  if (key !== drawnKey) {
    // The followed page changed (same tab, page annotation): keep the tab the
    // reader is on; actor ids may differ in the new document, so the filter goes.
    const followed = drawnKey !== null && drawnKey.startsWith(`${state.tabId}\u0000page\u0000`) && state.source === "page";
    const onTab = followed ? document.querySelector('#panel [role=tab][aria-selected="true"]') : null;
    drawnKey = key;
    nextMention.clear();
    panel.setActor(null);
    panel.update(state.text, doc);
    panel.selectTab(onTab ? onTab.dataset.testid.replace(/^tab-/, "") : "actors");
  }
  markHidden(doc);
  $("selection").hidden = state.source !== "selection";
  if (state.source === "selection") selectionView.render(state.text, doc);
}

$("anyway").addEventListener("click", async () => {
  if (!current) return;
  $("anyway").hidden = true;
  const state = await chrome.runtime.sendMessage({ type: P.TOGGLE, tabId: current.tabId, force: true });
  if (state && state.ok === false) showError(state.error);
});

for (const b of document.querySelectorAll("[data-export]")) {
  b.addEventListener("click", () => {
    if (!current || !current.doc) return;
    const { text, doc } = current;
    const base = "newslens";
    const kind = b.dataset.export;
    if (kind === "json") download(`${base}.json`, toJSON(text, doc), "application/json");
    else if (kind === "csv") download(`${base}.csv`, toCSV(text, doc), "text/csv");
    else {
      const source = current.source === "page" && /^https?:/.test(current.url) ? current.url : undefined;
      download(`${base}.jsonld`, toWebAnnotation(text, doc, source ? { source } : {}), "application/ld+json");
    }
  });
}

async function load() {
  if (!pinned) {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    tabId = tab ? tab.id : null;
  }
  if (tabId == null) return;
  const state = await chrome.runtime.sendMessage({ type: P.GET_STATE, tabId });
  if (state && state.tabId === tabId) render(state);
  else if (state && state.ok === false) showError(state.error);
}

chrome.runtime.onMessage.addListener((msg) => {
  if (msg && msg.type === P.STATE_CHANGED && msg.state.tabId === tabId) render(msg.state);
  return false;
});
if (!pinned) chrome.tabs.onActivated.addListener(() => load());

load();
