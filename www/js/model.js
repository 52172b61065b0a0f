// Pure functions over the annotation document (docs/format.md): names,
// counts and shares. No DOM here; render.js, panels.js and export.js use
// these, and so can the browser extension.

/** `text.slice(span.start, span.end)`; '' for a missing span. Offsets are UTF-16 (the default). */
export const slice = (text, span) => (span ? text.slice(span.start, span.end) : '');

const WORDY = /[\p{L}\p{N}]/u;
const BMP = new Uint8Array(0x10000); // 0 not yet asked, 1 no, 2 yes
/** True for a letter or digit (code point `c`); the answers for the BMP are remembered. */
function wordy(c) {
  if (c < 128) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  if (c > 0xffff) return WORDY.test(String.fromCodePoint(c));
  if (!BMP[c]) BMP[c] = WORDY.test(String.fromCharCode(c)) ? 2 : 1;
  return BMP[c] === 2;
}

/**
 * Number of words in `s`: runs of letters or digits, apostrophes and hyphens
 * inside (what the pattern [\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)* matches), counted in one
 * pass without building the matches (5–10x faster on a 1 MB text).
 */
export function countWords(s) {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i);
    if (c > 0xffff) i++;
    if (wordy(c)) {
      if (!inWord) n++;
      inWord = true;
    } else {
      // An apostrophe or hyphen continues a word only before a letter or digit.
      inWord = inWord && (c === 39 || c === 0x2019 || c === 45) && i + 1 < s.length && wordy(s.codePointAt(i + 1));
    }
  }
  return n;
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
 * Words each quote gives its own speaker, in the order of `doc.quotes`: its content's words
 * less those of the quotes nested in it (a marked quote inside a transcript's turn is
 * another speaker's; docs/format.md). Quotes are sorted by start, so nested ones follow.
 * Remembered for the last text of each document (callers must not change the array).
 */
const ownWordsOf = new WeakMap(); // doc → {text, own}: the side panel asks three times an update
export function ownWords(text, doc) {
  const known = ownWordsOf.get(doc);
  if (known?.text === text) return known.own;
  const qs = doc.quotes;
  const own = qs.map((q, i) => {
    let n = countWords(slice(text, q.content));
    for (let j = i + 1; j < qs.length && qs[j].span.start < q.content.end; j++) {
      if (qs[j].span.end <= q.content.end) n -= countWords(slice(text, qs[j].content));
    }
    return Math.max(n, 0);
  });
  ownWordsOf.set(doc, { text, own });
  return own;
}

/**
 * Per-actor counts: `{mentions, quotes, claims, quotedWords, prominence}` by actor id.
 * Prominence = mentions + 2 × quotes + claims: speaking counts more than being named.
 */
export function actorStats(text, doc) {
  const stats = doc.actors.map((a) => ({ mentions: a.mentions.length, quotes: 0, claims: 0, quotedWords: 0 }));
  const own = ownWords(text, doc);
  doc.quotes.forEach((q, i) => {
    if (q.speaker === null || !stats[q.speaker]) return;
    stats[q.speaker].quotes += 1;
    stats[q.speaker].quotedWords += own[i];
  });
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
  const own = ownWords(text, doc);
  doc.quotes.forEach((q, i) => {
    const n = own[i];
    words.set(q.speaker, (words.get(q.speaker) ?? 0) + n);
    total += n;
  });
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
