// The side panel (Chromium side_panel, Firefox sidebar_action): the Actors,
// Quotes and Claims lists of the active tab's annotation. Clicking an item
// scrolls the page to it. The engine is not here: the background owns it and
// pushes each tab's state (protocol.js STATE_CHANGED).
import "./protocol.js";

const P = globalThis.NewsLensProtocol;
const $ = (id) => document.getElementById(id);

// `?tab=ID` pins the panel to one tab (the tests open the panel as a tab);
// otherwise it follows the active tab of its window.
const pinned = Number(new URLSearchParams(location.search).get("tab")) || null;
let tabId = pinned;
let current = null;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("data-")) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) if (c != null) node.append(typeof c === "string" ? document.createTextNode(c) : c);
  return node;
}

function words(text, span, max = 220) {
  if (!span) return "";
  const s = text.slice(span.start, span.end).replace(/\s+/g, " ").trim();
  return s.length > max ? s.slice(0, max - 1) + "…" : s;
}

async function reveal(span) {
  if (!current || current.source !== "page" || !span) return;
  try {
    const res = await chrome.tabs.sendMessage(current.tabId, { type: P.REVEAL, start: span.start, end: span.end }, { frameId: 0 });
    showError(res && !res.ok ? res.error : "");
  } catch (err) {
    showError(`The page is gone or was reloaded (${err.message}).`);
  }
}

function showError(msg) {
  $("error").textContent = msg || "";
  $("error").hidden = !msg;
}

function item(onClick, ...children) {
  const b = el("button", { type: "button" }, ...children);
  b.addEventListener("click", onClick);
  return el("li", {}, b);
}

function fill(listId, items, emptyText) {
  const list = $(listId);
  list.replaceChildren(...(items.length ? items : [el("li", { class: "empty" }, emptyText)]));
  $(`${listId}-n`).textContent = `(${items.length})`;
}

function render(state) {
  current = state;
  showError(state.status === "error" ? state.error : "");
  const status = $("status");
  if (state.status === "working") status.textContent = state.source === "selection" ? "Annotating the selection…" : "Annotating the page…";
  else if (state.status === "error") status.textContent = "Something went wrong.";
  else if (state.status === "idle") status.textContent = "Not annotated. Click the newslens button (Alt+Shift+N) on a news article, or select text and choose “Annotate selection”.";
  else status.textContent = state.source === "selection" ? "The selected text:" : `Highlighted on the page${state.mode === "element" ? " (marked elements)" : ""}.`;

  const doc = state.status === "done" ? state.doc : null;
  $("results").hidden = !doc;
  if (!doc) return;
  const text = state.text;
  const actors = doc.actors || [];
  const mentions = doc.mentions || [];
  const name = (id) => (id == null || !actors[id] ? null : actors[id].name);

  $("source").textContent = state.source === "selection" ? "" : state.title || state.url || "";
  const cycle = new Map();
  fill(
    "actors",
    actors.map((a) =>
      item(
        () => {
          const k = cycle.get(a.id) || 0;
          cycle.set(a.id, k + 1);
          const m = mentions[a.mentions[k % a.mentions.length]];
          reveal(m && m.span);
        },
        el("span", { class: `swatch ${a.kind}` }),
        a.name,
        el("span", { class: "meta" }, [a.anonymous ? "unnamed source" : a.kind, ...(a.titles || [])].join(" · ") + ` · ${a.mentions.length} mention${a.mentions.length === 1 ? "" : "s"}`),
      ),
    ),
    "No actors found.",
  );
  fill(
    "quotes",
    (doc.quotes || []).map((q) =>
      item(
        () => reveal(q.span),
        el("span", { class: "quote-text" }, `“${words(text, q.content)}”`),
        el("span", { class: "meta" }, `${name(q.speaker) || "speaker not given"}${q.cue ? ` · ${words(text, q.cue)}` : ""} · ${q.kind}${q.reporter != null ? ` · via ${name(q.reporter)}` : ""}`),
      ),
    ),
    "No quotes found.",
  );
  fill(
    "claims",
    (doc.claims || []).map((c) =>
      item(
        () => reveal(c.content),
        el("span", { class: "stance" }, c.stance),
        words(text, c.content),
        el("span", { class: "meta" }, `${name(c.claimant) || "claimant not given"}${c.cue ? ` · ${words(text, c.cue)}` : ""}${c.disputedBy && c.disputedBy.length ? ` · disputed` : ""}`),
      ),
    ),
    "No claims found.",
  );
  $("selection").hidden = state.source !== "selection";
  $("selection-text").textContent = state.source === "selection" ? text : "";
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
