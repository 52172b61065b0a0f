// Turns an annotation document (docs/format.md) into the highlights the
// content script draws: one Mark per mention, quote and claim content, each
// with a plain-text label for the hover tooltip, worded as the web page's
// tooltips (js/render.js is www/js/render.js, copied by the build).

import { describe } from "./js/render.js";

const KINDS = new Set(["person", "organization", "place", "group"]);

/** The web page's tooltip text for a highlight (render.js describe()), as plain lines. */
function label(text, doc, layer, id) {
  const d = describe(text, doc, layer, id);
  const lines = d.lines.map((l) => l.replace(/\s+—\s+click to follow$/, ""));
  return [d.heading, ...lines].join("\n");
}

/**
 * @param {string} text the annotated text
 * @param {object} doc the annotation document, offsets in UTF-16 code units
 * @returns {{start: number, end: number, layer: string, label: string}[]}
 *   one mark per mention (layer: the actor's kind), quote and claim content
 */
export function marksFor(text, doc) {
  const actors = doc.actors || [];
  const marks = [];
  for (const m of doc.mentions || []) {
    const a = actors[m.actor];
    if (!a || !m.span) continue;
    const layer = KINDS.has(a.kind) ? a.kind : "person";
    marks.push({ start: m.span.start, end: m.span.end, layer, label: label(text, doc, "mention", m.id) });
  }
  for (const q of doc.quotes || []) {
    if (q.span) marks.push({ start: q.span.start, end: q.span.end, layer: "quote", label: label(text, doc, "quote", q.id) });
  }
  for (const c of doc.claims || []) {
    if (c.content) marks.push({ start: c.content.start, end: c.content.end, layer: "claim", label: label(text, doc, "claim", c.id) });
  }
  return marks;
}

/**
 * Checks that a value is a version-1 document with UTF-16 offsets that fit
 * `text`; returns an error message or "".
 */
export function checkDoc(text, doc) {
  if (!doc || typeof doc !== "object") return "the engine returned no document";
  if (doc.version !== 1) return `unsupported format version ${doc.version}`;
  if (doc.offsets !== "utf16") return `unexpected offset unit ${doc.offsets}`;
  if (doc.textLength !== text.length) return `text length mismatch (${doc.textLength} vs ${text.length})`;
  return "";
}
