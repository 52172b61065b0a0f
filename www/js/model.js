// Pure functions over the annotation document (docs/format.md): names,
// counts and shares. No DOM here; render.js, panels.js and export.js use
// these, and so can the browser extension.

/** `text.slice(span.start, span.end)`; '' for a missing span. Offsets are UTF-16 (the default). */
export const slice = (text, span) => (span ? text.slice(span.start, span.end) : '');

/** Number of words in `s` (runs of letters or digits, apostrophes and hyphens inside). */
export function countWords(s) {
  const m = s.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu);
  return m ? m.length : 0;
}

/** `s` on one line, cut to about `max` characters with an ellipsis. */
export function snippet(s, max = 120) {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}

/** The actor's canonical name, or `fallback` for null/unknown ids. */
export function actorName(doc, id, fallback = 'unknown') {
  return id === null || id === undefined ? fallback : (doc.actors[id]?.name ?? fallback);
}

/** Claims whose claimant is `actorId`; quotes whose speaker or reporter is `actorId`. */
export function itemsOfActor(doc, actorId) {
  return {
    quotes: doc.quotes.filter((q) => q.speaker === actorId || q.reporter === actorId),
    claims: doc.claims.filter((c) => c.claimant === actorId),
  };
}

/**
 * Per-actor counts: `{mentions, quotes, claims, quotedWords, prominence}` by actor id.
 * Prominence = mentions + 2 × quotes + claims: speaking counts more than being named.
 */
export function actorStats(text, doc) {
  const stats = doc.actors.map((a) => ({ mentions: a.mentions.length, quotes: 0, claims: 0, quotedWords: 0 }));
  for (const q of doc.quotes) {
    if (q.speaker === null || !stats[q.speaker]) continue;
    stats[q.speaker].quotes += 1;
    stats[q.speaker].quotedWords += countWords(slice(text, q.content));
  }
  for (const c of doc.claims) if (c.claimant !== null && stats[c.claimant]) stats[c.claimant].claims += 1;
  for (const s of stats) s.prominence = s.mentions + 2 * s.quotes + s.claims;
  return stats;
}

/** Actor ids, most prominent first (ties: first mentioned first). */
export function actorsByProminence(text, doc, stats = actorStats(text, doc)) {
  return doc.actors.map((a) => a.id).sort((a, b) => stats[b].prominence - stats[a].prominence || a - b);
}

/**
 * Who the article quotes, and how much: `[{speaker, words, share}]`, most words first;
 * `speaker` is null for quotes whose speaker the text does not give.
 */
export function quotedWordShare(text, doc) {
  const words = new Map();
  let total = 0;
  for (const q of doc.quotes) {
    const n = countWords(slice(text, q.content));
    words.set(q.speaker, (words.get(q.speaker) ?? 0) + n);
    total += n;
  }
  return [...words].map(([speaker, n]) => ({ speaker, words: n, share: total ? n / total : 0 }))
    .sort((a, b) => b.words - a.words);
}

/**
 * Sources: actors quoted or making a claim. `{named, anonymous}` are lists of actor ids.
 */
export function sourceSummary(doc) {
  const ids = new Set();
  for (const q of doc.quotes) if (q.speaker !== null) ids.add(q.speaker);
  for (const c of doc.claims) if (c.claimant !== null) ids.add(c.claimant);
  const named = [];
  const anonymous = [];
  for (const id of [...ids].sort((a, b) => a - b)) (doc.actors[id]?.anonymous ? anonymous : named).push(id);
  return { named, anonymous };
}
