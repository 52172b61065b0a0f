// The annotation document's way from the engine's worker to the page: the
// three long lists (mentions, quotes, claims) as one Int32Array whose buffer
// is transferred, not copied, and the rest (the actors, the few strings) as
// an ordinary message. JSON text took a stringify in the worker and a parse
// in the page of ~3 MB for a 1 MB article; this is a few numbers a span.
//
//   const { msg, transfer } = pack(doc);   // in the worker: postMessage(msg, transfer)
//   const doc = unpack(msg);               // in the page: the same document
//
// The objects come out with the fields in the order of wasm/js/build.js (and
// docs/format.md), so an export of them is the same text. null is -1.

const NULL = -1;

/** The document as `{msg, transfer}`; `msg` is structured-cloneable. */
export function pack(doc) {
  const { mentions, quotes, claims } = doc;
  let n = mentions.length * 7 + quotes.length * 11;
  for (const c of claims) n += 10 + c.disputedBy.length + c.disputes.length;
  const a = new Int32Array(n);
  const names = [];
  const nameIds = new Map();
  const name = (s) => {
    let k = nameIds.get(s);
    if (k === undefined) { k = names.length; names.push(s); nameIds.set(s, k); }
    return k;
  };
  const opt = (v) => (v === null ? NULL : v);
  let i = 0;
  const span = (s) => { if (s === null) { a[i++] = NULL; a[i++] = NULL; } else { a[i++] = s.start; a[i++] = s.end; } };
  for (const m of mentions) {
    a[i++] = m.id; a[i++] = m.actor; span(m.span); span(m.title); a[i++] = name(m.kind);
  }
  for (const q of quotes) {
    a[i++] = q.id; a[i++] = name(q.kind); span(q.span); span(q.content);
    a[i++] = opt(q.speaker); a[i++] = opt(q.speakerMention); span(q.cue); a[i++] = opt(q.reporter);
  }
  for (const c of claims) {
    a[i++] = c.id; a[i++] = opt(c.claimant); a[i++] = opt(c.claimantMention); span(c.cue); span(c.content);
    a[i++] = name(c.stance);
    for (const ids of [c.disputedBy, c.disputes]) { a[i++] = ids.length; for (const x of ids) a[i++] = x; }
  }
  const msg = {
    version: doc.version, offsets: doc.offsets, textLength: doc.textLength, actors: doc.actors,
    counts: [mentions.length, quotes.length, claims.length], names, nums: a,
  };
  return { msg, transfer: [a.buffer] };
}

/** The document `pack` packed. */
export function unpack({ version, offsets, textLength, actors, counts, names, nums: a }) {
  let i = 0;
  const opt = () => { const v = a[i++]; return v === NULL ? null : v; };
  const span = () => ({ start: a[i++], end: a[i++] });
  const optSpan = () => (a[i] === NULL ? ((i += 2), null) : span());
  const ids = () => { const k = a[i++]; const out = new Array(k); for (let j = 0; j < k; j++) out[j] = a[i++]; return out; };
  const mentions = new Array(counts[0]);
  for (let j = 0; j < counts[0]; j++) {
    mentions[j] = { id: a[i++], actor: a[i++], span: span(), title: optSpan(), kind: names[a[i++]] };
  }
  const quotes = new Array(counts[1]);
  for (let j = 0; j < counts[1]; j++) {
    quotes[j] = {
      id: a[i++], kind: names[a[i++]], span: span(), content: span(), speaker: opt(), speakerMention: opt(), cue: optSpan(), reporter: opt(),
    };
  }
  const claims = new Array(counts[2]);
  for (let j = 0; j < counts[2]; j++) {
    claims[j] = {
      id: a[i++], claimant: opt(), claimantMention: opt(), cue: span(), content: span(), stance: names[a[i++]], disputedBy: ids(), disputes: ids(),
    };
  }
  return { version, offsets, textLength, actors, mentions, quotes, claims };
}
