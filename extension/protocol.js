// Every message newslens' extension parts send each other, in one place.
//
// This file is a classic script on purpose: the service worker imports it as
// a module (`import './protocol.js'`), and `chrome.scripting.executeScript`
// injects it into the page's isolated world before the content script
// (content/*.js, then content.js). Both then read the same frozen table from
// `globalThis.NewsLensProtocol`.
//
// Who talks to whom:
//   background.js  -> content.js   PROBE, EXTRACT, APPLY, CLEAR, REVEAL, FOLLOW (chrome.tabs.sendMessage)
//   sidepanel.js   -> content.js   REVEAL                                       (chrome.tabs.sendMessage)
//   sidepanel.js   -> background   GET_STATE, TOGGLE, ANNOTATE_TEXT             (chrome.runtime.sendMessage)
//   content.js     -> background   PAGE_CHANGED (content/follow.js)             (chrome.runtime.sendMessage)
//   background.js  -> sidepanel    STATE_CHANGED                                (chrome.runtime.sendMessage)
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
 * `active`: marks are drawn, or the page is followed or awaited (a click
 * now removes everything); `version`: how many times the text was built.
 * @typedef {{active: boolean, waiting: boolean, mode: (null|"highlight"|"element"), textLength: number,
 *   version: number, text?: string, title?: string, url?: string, hidden?: Span[]}} ProbeResponse
 */

/** @typedef {{type: "newslens:extract"}} ExtractRequest */
/**
 * `source` tells how the article was found: "readability" (Readability's
 * article, mapped back to the live text nodes) or "body" (Readability found no
 * article; the visible body text outside nav/header/footer/aside is used).
 * `version` numbers the text (an APPLY names the version it is for).
 * `kind`: "article", "short" (too little text to be an article: the click
 * waits for one) or "listing" (search results, a section front; `listing`
 * says why). `boxes`: labels of the related / newsletter / "most read"
 * boxes left out. `hidden`: spans of the text the reader cannot see
 * (clipped, or under a paywall panel), sorted. `ms`: the steps' timings.
 * @typedef {{ok: true, version: number, text: string, title: string, url: string,
 *   source: ("readability"|"body"), kind: ("article"|"short"|"listing"), listing: string,
 *   boxes: string[], hidden: Span[], textNodes: number, ms: object}
 *   | {ok: false, error: string}} ExtractResult
 */

/**
 * `mode` "auto" uses the CSS Custom Highlight API where the browser has it and
 * `<newslens-mark>` elements otherwise; "element" forces the fallback.
 * `css`: highlight.css as text, adopted by open shadow roots that hold marks.
 * `version`: the ExtractResult the marks are for (a newer text makes the
 * request stale). `follow`: follow the page afterwards (content/follow.js).
 * Marks in hidden text are not drawn (`hidden` counts them).
 * @typedef {{type: "newslens:apply", marks: Mark[], mode?: ("auto"|"highlight"|"element"),
 *   css?: string, version?: number, follow?: boolean}} ApplyRequest
 */
/**
 * @typedef {{ok: boolean, mode: ("highlight"|"element"), drawn: number, skipped: number,
 *   hidden?: number, stale?: boolean, error?: string}} ApplyResponse
 */

/**
 * Follow the page: `waiting` until an article appears, else for changes.
 * @typedef {{type: "newslens:follow", mode: ("auto"|"highlight"|"element"), waiting: boolean, css: string}} FollowRequest
 */
/**
 * The followed page's text changed (or an awaited article appeared): the
 * background annotates `result` and answers with an APPLY for its version.
 * @typedef {{type: "newslens:page-changed", result: ExtractResult}} PageChanged
 */

/** @typedef {{type: "newslens:clear"}} ClearRequest */
/** @typedef {{ok: boolean, removed: number}} ClearResponse */

/** @typedef {{type: "newslens:reveal", start: number, end: number}} RevealRequest */
/** `hidden`: the span is in text the reader cannot see (nothing to scroll to). */
/** @typedef {{ok: boolean, hidden?: boolean, error?: string}} RevealResponse */

/**
 * @typedef {{type: "newslens:toggle", tabId: number, mode?: ("auto"|"highlight"|"element"), force?: boolean}} ToggleRequest
 *   Same code path as a toolbar click (the test suite and the panel's button use it);
 *   `force` annotates a page that does not read as an article ("Annotate anyway").
 */
/** @typedef {{type: "newslens:get-state", tabId: number}} GetStateRequest */
/** @typedef {{type: "newslens:annotate-text", text: string}} AnnotateTextRequest */
/** @typedef {{ok: true, doc: AnnotationDoc} | {ok: false, error: string}} AnnotateTextResponse */

/**
 * What the background knows about one tab, pushed to the side panel.
 * `source` is "page" (toolbar button / shortcut) or "selection" (context menu).
 * `status` "waiting": clicked before the article exists, which is awaited;
 * "not-article": the page reads as a list of stories, nothing is marked.
 * `notice`: a sentence for the reader (why it is not an article, the boxes
 * left out, a selection that runs through a box). `hidden`: spans of `text`
 * the reader cannot see on the page; `hiddenMarks`: marks not drawn there.
 * `version`: the page text's version the marks are for; `tagger`: `doc` came
 * from the engine with the learned tagger (pkg/tagger/), not the core's rules;
 * `refined`: it replaced a core result and changed the actors.
 * @typedef {{tabId: number, status: ("idle"|"working"|"waiting"|"not-article"|"done"|"error"),
 *   source: (null|"page"|"selection"), title: string, url: string,
 *   text: string, doc: (AnnotationDoc|null), error: string, notice: string,
 *   mode: (null|"auto"|"highlight"|"element"), drawn: number, skipped: number,
 *   hidden: Span[], hiddenMarks: number, version: (number|null), tagger: boolean, refined: boolean,
 *   ms?: {inject: number, extract: number, extractSteps?: object, engine: number, draw: number}}} TabState
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
