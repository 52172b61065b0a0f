// Builds the annotation (docs/format.md) from the table of numbers that
// wasm/src/lib.rs writes: `n` is a view of the WASM memory (no copy) and `s`
// the names and titles of the chunk's actors. No JSON text in between.
//
// Layout: without `doc`, [version, offsets, textLength]. With it, [list,
// count, items...] where list is 0..3 (actors, mentions, quotes, claims) and
// an item is its fields in document order: a span is start, end; null is
// 0xffffffff (both ends for a null span); a kind or stance is its index in
// the arrays below; a string is a UTF-16 range of `s`; an id list is its
// length, then the ids.
const UNITS = ['utf16', 'bytes', 'chars'];
const LISTS = ['actors', 'mentions', 'quotes', 'claims'];
const ACTOR = ['person', 'organization', 'place', 'group'];
const MENTION = ['name', 'description', 'pronoun'];
const QUOTE = ['direct', 'partial', 'continuation'];
const STANCE = ['assert', 'deny', 'warn', 'urge', 'confirm', 'accuse', 'promise', 'believe', 'question'];
const NONE = 0xffffffff;

export function build(doc, n, s) {
  let i = 0;
  const num = () => n[i++];
  const opt = () => (n[i] === NONE ? (i++, null) : n[i++]);
  const span = () => ({ start: n[i++], end: n[i++] });
  const optSpan = () => (n[i] === NONE ? ((i += 2), null) : span());
  const str = () => s.slice(n[i++], n[i++]);
  const ids = () => {
    const a = [];
    for (let k = num(); k > 0; k--) a.push(num());
    return a;
  };
  if (!doc) {
    return { version: num(), offsets: UNITS[num()], textLength: num(), actors: [], mentions: [], quotes: [], claims: [] };
  }
  const list = num();
  const out = doc[LISTS[list]];
  for (let k = num(); k > 0; k--) {
    // Object literals evaluate their fields in order: the table's order.
    if (list === 0) {
      const id = num();
      const name = str();
      const kind = ACTOR[num()];
      const titles = [];
      for (let t = num(); t > 0; t--) titles.push(str());
      out.push({ id, name, kind, titles, anonymous: num() === 1, mentions: ids() });
    } else if (list === 1) {
      out.push({ id: num(), actor: num(), span: span(), title: optSpan(), kind: MENTION[num()] });
    } else if (list === 2) {
      out.push({
        id: num(), kind: QUOTE[num()], span: span(), content: span(), speaker: opt(),
        speakerMention: opt(), cue: optSpan(), reporter: opt(),
      });
    } else {
      out.push({
        id: num(), claimant: opt(), claimantMention: opt(), cue: span(), content: span(),
        stance: STANCE[num()], disputedBy: ids(), disputes: ids(),
      });
    }
  }
  return doc;
}

// The text's UTF-8 length, so that it is copied into the WASM memory in a
// buffer of its size: wasm-bindgen's own copy of a non-ASCII string first
// reserves 3 bytes a character (31 MB for a 10 MiB text), which the
// allocator never gives back. A lone surrogate becomes U+FFFD (3 bytes), as
// TextEncoder writes it.
export function utf8Length(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c < 0xdc00 && c >= 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair: 4 bytes for 2 units
      i++;
    } else n += 2;
  }
  return n;
}

const encoder = new TextEncoder();

// Writes `s` as UTF-8 into `buf`, a view of the WASM memory; returns the bytes written.
export function encodeInto(s, buf) {
  return encoder.encodeInto(s, buf).written;
}
