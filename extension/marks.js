// Turns an annotation document (docs/format.md) into the highlights the
// content script draws: one Mark per mention, quote and claim content, each
// with a plain-text label for the hover tooltip. Plain data in, plain data out.

const KIND_WORDS = { person: "person", organization: "organization", place: "place", group: "group" };

/**
 * @param {string} text the annotated text
 * @param {object} doc the annotation document, offsets in UTF-16 code units
 * @returns {{start: number, end: number, layer: string, label: string}[]}
 */
export function marksFor(text, doc) {
  const actors = Array.isArray(doc.actors) ? doc.actors : [];
  const mentions = Array.isArray(doc.mentions) ? doc.mentions : [];
  const name = (id) => (id == null || !actors[id] ? null : actors[id].name);
  const words = (span) => (span ? text.slice(span.start, span.end).trim() : "");
  const marks = [];

  for (const m of mentions) {
    const a = actors[m.actor];
    if (!a || !m.span) continue;
    const layer = KIND_WORDS[a.kind] || "person";
    let label = `Actor: ${a.name} (${a.anonymous ? "unnamed source" : layer})`;
    if (a.titles && a.titles.length) label += `\n${a.titles.join(", ")}`;
    if (m.kind === "pronoun" || m.kind === "description") label += `\nhere as “${words(m.span)}”`;
    marks.push({ start: m.span.start, end: m.span.end, layer, label });
  }

  for (const q of doc.quotes || []) {
    if (!q.span) continue;
    let label = `Quote (${q.kind}): ${name(q.speaker) || "speaker not given"}`;
    if (q.cue) label += `, “${words(q.cue)}”`;
    if (q.reporter != null) label += `\nreported by ${name(q.reporter)}`;
    marks.push({ start: q.span.start, end: q.span.end, layer: "quote", label });
  }

  for (const c of doc.claims || []) {
    if (!c.content) continue;
    let label = `Claim (${c.stance}): ${name(c.claimant) || "claimant not given"}`;
    if (c.cue) label += `, “${words(c.cue)}”`;
    if (c.disputedBy && c.disputedBy.length) label += `\ndisputed by ${c.disputedBy.length} other claim${c.disputedBy.length > 1 ? "s" : ""}`;
    marks.push({ start: c.content.start, end: c.content.end, layer: "claim", label });
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
