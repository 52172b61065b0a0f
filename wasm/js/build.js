// Shipped as is: the table layout and the why are in wasm/src/lib.rs.
const NONE = 0xffffffff;
// List and enum names, sent by Rust with each document (`names` there).
let LISTS, NAMES;

export function build(doc, n, s) {
  let i = 0;
  const num = () => n[i++];
  const name = (k) => NAMES[k][n[i++]];
  const opt = () => (n[i] === NONE ? (i++, null) : n[i++]);
  const span = () => ({ start: n[i++], end: n[i++] });
  const optSpan = () => (n[i] === NONE ? ((i += 2), null) : span());
  const str = () => s.slice(n[i++], n[i++]);
  const list = (item) => {
    const k = num();
    const a = new Array(k);
    for (let j = 0; j < k; j++) a[j] = item();
    return a;
  };
  if (!doc) {
    [LISTS, ...NAMES] = s.split('\n').map((l) => l.split(','));
    doc = { version: num(), offsets: name(0), textLength: num() };
    for (const l of LISTS) doc[l] = [];
    return doc;
  }
  const l = num();
  const out = doc[LISTS[l]];
  // Fields are read in the order they are written.
  for (let k = num(); k > 0; k--) {
    out.push(l === 0 ? { id: num(), name: str(), kind: name(1), titles: list(str), anonymous: num() === 1, mentions: list(num) }
      : l === 1 ? { id: num(), actor: num(), span: span(), title: optSpan(), kind: name(2) }
      : l === 2 ? { id: num(), kind: name(3), span: span(), content: span(), speaker: opt(), speakerMention: opt(), cue: optSpan(), reporter: opt() }
      : { id: num(), claimant: opt(), claimantMention: opt(), cue: span(), content: span(), stance: name(4), disputedBy: list(num), disputes: list(num) });
  }
  return doc;
}

// UTF-8 length (a lone surrogate: U+FFFD, 3 bytes, as TextEncoder writes it).
export function utf8Length(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n++;
    else if (c < 0xdc00 && c >= 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) n += 2, i++;
    else n += 2;
  }
  return n;
}

const encoder = new TextEncoder();
export const encodeInto = (s, buf) => encoder.encodeInto(s, buf).written;
