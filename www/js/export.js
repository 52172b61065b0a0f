// Exports of an annotated text. Each builder takes plain data (the text and
// the annotation document, UTF-16 offsets) and returns a string; download()
// saves a string as a file through a Blob. The extension reuses this file.
//
// Exports:
//   toJSON(text, doc)                  the docs/format.md document plus a `text` field
//   toWebAnnotation(text, doc, {source})  W3C Web Annotation JSON-LD: an
//       AnnotationCollection of one Annotation per mention, quote and claim, each
//       targeting `source` with a TextQuoteSelector (exact/prefix/suffix) and a
//       TextPositionSelector (start/end in Unicode code points, as the W3C model
//       requires, not UTF-16 units)
//   toCSV(text, doc)                   quotes and claims, one row each (RFC 4180)
//   download(filename, content, mime)  saves `content` via a Blob and an <a download>

import { actorName, slice } from './model.js';

/** The annotation document with the text it describes. */
export function toJSON(text, doc) {
  return `${JSON.stringify({ ...doc, text }, null, 2)}\n`;
}

/** Converts UTF-16 offsets to code-point offsets, for offsets given in ascending order or not. */
function codePointCounter(text) {
  // Prefix count of surrogate pairs: codepoint(i) = i - pairs before i.
  const pairsBefore = new Uint32Array(text.length + 1);
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    pairsBefore[i] = pairs;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { pairsBefore[i + 1] = pairs; pairs += 1; i += 1; }
    }
  }
  pairsBefore[text.length] = pairs;
  return (i) => i - pairsBefore[i];
}

const CONTEXT = 32;

/**
 * W3C Web Annotation Data Model, as JSON-LD.
 * @param {string} text
 * @param {object} doc the annotation document
 * @param {{source?: string}} [options] IRI of the annotated text (default: an urn for pasted text)
 */
export function toWebAnnotation(text, doc, { source = 'urn:x-newslens:text' } = {}) {
  const cp = codePointCounter(text);
  const target = (span) => ({
    source,
    selector: [
      {
        type: 'TextQuoteSelector',
        exact: slice(text, span),
        prefix: text.slice(Math.max(0, span.start - CONTEXT), span.start),
        suffix: text.slice(span.end, span.end + CONTEXT),
      },
      { type: 'TextPositionSelector', start: cp(span.start), end: cp(span.end) },
    ],
  });
  const body = (purpose, value) => ({ type: 'TextualBody', purpose, value, format: 'text/plain' });
  const items = [];
  for (const m of doc.mentions) {
    const a = doc.actors[m.actor];
    items.push({
      id: `${source}#mention-${m.id}`, type: 'Annotation', motivation: 'identifying',
      body: [body('tagging', `actor:${a.kind}`), body('identifying', a.name)],
      target: target(m.span),
    });
  }
  for (const q of doc.quotes) {
    const who = actorName(doc, q.speaker, 'speaker not stated');
    const relayed = q.reporter === null ? '' : `, relayed by ${actorName(doc, q.reporter)}`;
    items.push({
      id: `${source}#quote-${q.id}`, type: 'Annotation', motivation: 'describing',
      body: [body('tagging', `quote:${q.kind}`), body('describing', `Quote by ${who}${relayed}`)],
      target: target(q.span),
    });
  }
  for (const c of doc.claims) {
    const who = actorName(doc, c.claimant, 'claimant not stated');
    items.push({
      id: `${source}#claim-${c.id}`, type: 'Annotation', motivation: 'describing',
      body: [body('tagging', `claim:${c.stance}`), body('describing', `Claim (${c.stance}) by ${who}: ${slice(text, c.cue)}`)],
      target: target(c.content),
    });
  }
  const collection = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `${source}#newslens`,
    type: 'AnnotationCollection',
    label: 'newslens: actors, quotes and claims',
    total: items.length,
    first: { type: 'AnnotationPage', items },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}

/** One CSV cell: quoted when needed; a leading = + - @ is defused so spreadsheets show text, not a formula. */
function cell(v) {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Quotes and claims as CSV; offsets are UTF-16 units, like the JSON. */
export function toCSV(text, doc) {
  const rows = [['type', 'id', 'kind', 'who', 'reporter', 'cue', 'start', 'end', 'text']];
  for (const q of doc.quotes) {
    rows.push(['quote', q.id, q.kind, actorName(doc, q.speaker, ''), actorName(doc, q.reporter, ''),
      slice(text, q.cue), q.content.start, q.content.end, slice(text, q.content)]);
  }
  for (const c of doc.claims) {
    rows.push(['claim', c.id, c.stance, actorName(doc, c.claimant, ''), '',
      slice(text, c.cue), c.content.start, c.content.end, slice(text, c.content)]);
  }
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Saves `content` as `filename`. */
export function download(filename, content, mime = 'application/octet-stream') {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
