// Every message newslens' extension parts send each other, in one place.
//
// This file is a classic script on purpose: the service worker imports it as
// a module (`import './protocol.js'`), and `chrome.scripting.executeScript`
// injects it into the page's isolated world before the content script
// (content/*.js, then content.js). Both then read the same frozen table from
// `globalThis.NewsLensProtocol`.
//
// Who talks to whom:
//   background.js  -> content.js   PROBE, EXTRACT, APPLY, CLEAR, REVEAL (chrome.tabs.sendMessage)
//   sidepanel.js   -> content.js   REVEAL                               (chrome.tabs.sendMessage)
//   sidepanel.js   -> background   GET_STATE, TOGGLE, ANNOTATE_TEXT     (chrome.runtime.sendMessage)
//   background.js  -> sidepanel    STATE_CHANGED                        (chrome.runtime.sendMessage)
//
// Offsets are always UTF-16 code units into the text that the content script
// built from the page (content/text.js; ExtractResult.text), which is the text
// given to the engine.

/**
 * @typedef {{start: number, end: number}} Span
 *   Half-open range of UTF-16 code units, as in docs/format.md.
 */

/**
 * The annotation document of docs/format.md (version 1, offsets "utf16").
 * @typedef {{version: number, offsets: string, textLength: number,
 *   actors: object[], mentions: object[], quotes: object[], claims: object[]}} AnnotationDoc
 */

/**
 * One highlight to draw. `layer` picks the style: an actor kind
 * ("person", "organization", "place", "group"), "quote" or "claim".
 * `label` is plain text shown on hover (never parsed as HTML).
 * @typedef {{start: number, end: number, layer: string, label: string}} Mark
 */

/**
 * `withText` asks for the extracted text too (to rebuild a lost TabState).
 * @typedef {{type: "newslens:probe", withText?: boolean}} ProbeRequest
 */
/**
 * @typedef {{active: boolean, mode: (null|"highlight"|"element"), textLength: number,
 *   text?: string, title?: string, url?: string}} ProbeResponse
 */

/** @typedef {{type: "newslens:extract"}} ExtractRequest */
/**
 * `source` tells how the article was found: "readability" (Readability's
 * article, mapped back to the live text nodes) or "body" (Readability found no
 * article; the visible body text outside nav/header/footer/aside is used).
 * @typedef {{ok: true, text: string, title: string, url: string,
 *   source: ("readability"|"body"), textNodes: number}
 *   | {ok: false, error: string}} ExtractResult
 */

/**
 * `mode` "auto" uses the CSS Custom Highlight API where the browser has it and
 * `<newslens-mark>` elements otherwise; "element" forces the fallback.
 * @typedef {{type: "newslens:apply", marks: Mark[], mode?: ("auto"|"highlight"|"element")}} ApplyRequest
 */
/** @typedef {{ok: boolean, mode: ("highlight"|"element"), drawn: number, skipped: number, error?: string}} ApplyResponse */

/** @typedef {{type: "newslens:clear"}} ClearRequest */
/** @typedef {{ok: boolean, removed: number}} ClearResponse */

/** @typedef {{type: "newslens:reveal", start: number, end: number}} RevealRequest */
/** @typedef {{ok: boolean, error?: string}} RevealResponse */

/**
 * @typedef {{type: "newslens:toggle", tabId: number, mode?: ("auto"|"highlight"|"element")}} ToggleRequest
 *   Same code path as a toolbar click (the test suite and the panel's button use it).
 */
/** @typedef {{type: "newslens:get-state", tabId: number}} GetStateRequest */
/** @typedef {{type: "newslens:annotate-text", text: string}} AnnotateTextRequest */
/** @typedef {{ok: true, doc: AnnotationDoc} | {ok: false, error: string}} AnnotateTextResponse */

/**
 * What the background knows about one tab, pushed to the side panel.
 * `source` is "page" (toolbar button / shortcut) or "selection" (context menu).
 * @typedef {{tabId: number, status: ("idle"|"working"|"done"|"error"),
 *   source: (null|"page"|"selection"), title: string, url: string,
 *   text: string, doc: (AnnotationDoc|null), error: string,
 *   mode: (null|"highlight"|"element"), drawn: number, skipped: number,
 *   ms?: {inject: number, extract: number, engine: number, draw: number}}} TabState
 *   `ms`: milliseconds from the click to the end of each step (page annotations).
 */
/** @typedef {{type: "newslens:state-changed", state: TabState}} StateChanged */

globalThis.NewsLensProtocol = Object.freeze({
  PROBE: "newslens:probe",
  EXTRACT: "newslens:extract",
  APPLY: "newslens:apply",
  CLEAR: "newslens:clear",
  REVEAL: "newslens:reveal",
  TOGGLE: "newslens:toggle",
  GET_STATE: "newslens:get-state",
  ANNOTATE_TEXT: "newslens:annotate-text",
  STATE_CHANGED: "newslens:state-changed",
  FOLLOW: "newslens:follow",
  PAGE_CHANGED: "newslens:page-changed",
  /** Layers a Mark may name, in drawing order (later ones paint on top). */
  LAYERS: Object.freeze(["claim", "quote", "group", "place", "organization", "person"]),
});
