//! Key sets: front-coded bytes in the binary, a hash index in memory.
//!
//! `build.rs` stores each sorted key set with [`encode`]: one byte for the
//! coding, then every key as one byte `p` < 0x20 and the rest of its bytes,
//! which are all ≥ 0x20. Prefix coding: `p` is the number of leading bytes
//! the key shares with the key before it (at most [`MAX_SHARED`]). Sorted
//! words share long prefixes ("claim", "claimed", "claiming"), so this is
//! about half the size of the plain list, before and after gzip, which is
//! what the page downloads. Drop coding: `p` is the number of bytes to drop
//! from the end of the key before it ([`DROP_ALL`]: all of them). Lists of
//! inflected words then repeat a few codes and endings ("abandon", 0 "ed",
//! 2 "ing", 3 "s"), which gzip compresses better (the common words 11.4 ->
//! 10.3 KB gzipped); names share prefixes of every length and gzip better
//! prefix-coded.
//!
//! The engine looks words up many times per token, so a lookup must cost
//! about as much as a `HashMap` probe. On the first lookup in a set,
//! [`Keys`] decodes its keys into one buffer and builds an open-addressing
//! index over them: a linear pass with one allocation per buffer, a
//! fraction of a millisecond for the largest set. Nothing is parsed.

use std::sync::OnceLock;

/// The largest shared-prefix length a key records (it fits below 0x20).
pub const MAX_SHARED: usize = 0x1f;

/// In a drop-coded set, a key that keeps nothing of the one before it.
pub const DROP_ALL: usize = 0x1f;

/// The first byte of a drop-coded set (a prefix-coded one starts with 0).
const DROP_CODED: u8 = 1;

/// The first byte of a grouped set ([`encode_groups`]).
const GROUPED: u8 = 2;

/// In a grouped set, the code of another form of the head before it,
/// written whole.
const ALIAS: u8 = 0x1e;

/// In a grouped set, the code of another form of the head before it that
/// shares the next byte's count (< 0x20) of leading bytes with the head.
const ALIAS_SHARED: u8 = 0x1f;

/// Encodes sorted, unique keys, drop-coded when `drop` is true.
///
/// Panics on unsorted or duplicate keys and on a byte below 0x20 in a key:
/// the build must not go on with data the lookup would get wrong.
#[cfg_attr(not(test), allow(dead_code))] // build.rs and the tests use it
pub fn encode(keys: &[&str], drop: bool) -> Vec<u8> {
    let mut blob = vec![if drop { DROP_CODED } else { 0 }];
    let mut prev: &[u8] = &[];
    for (i, key) in keys.iter().enumerate() {
        let key = key.as_bytes();
        assert!(
            i == 0 || prev < key,
            "keys not sorted or not unique at {key:?}"
        );
        assert!(
            key.iter().all(|&b| b >= 0x20),
            "control byte in key {key:?}"
        );
        let mut shared = prev.iter().zip(key).take_while(|(a, b)| a == b).count();
        if !drop {
            shared = shared.min(MAX_SHARED);
            blob.push(shared as u8);
        } else if prev.len() - shared < DROP_ALL {
            blob.push((prev.len() - shared) as u8);
        } else {
            shared = 0;
            blob.push(DROP_ALL as u8);
        }
        blob.extend_from_slice(&key[shared..]);
        prev = key;
    }
    blob
}

/// Encodes groups of keys: each group a head and the other forms of it
/// (the known names: a place or an organization, then its other written
/// forms). Keys are numbered in this order, and [`Keys::head`] gives a
/// key's head, so a form's canonical name needs no table of its own. A
/// head is prefix-coded against the head before it (at most `ALIAS - 1`
/// bytes shared), a form against its head ([`ALIAS`], [`ALIAS_SHARED`]).
///
/// Panics on a duplicate key and on a byte below 0x20 in a key.
#[cfg_attr(not(test), allow(dead_code))] // build.rs and the tests use it
pub fn encode_groups(groups: &[(&str, Vec<&str>)]) -> Vec<u8> {
    let mut blob = vec![GROUPED];
    let mut seen = std::collections::HashSet::new();
    let shared = |a: &[u8], b: &[u8], max: usize| {
        a.iter().zip(b).take_while(|(x, y)| x == y).count().min(max)
    };
    let mut prev: &[u8] = &[];
    for (head, forms) in groups {
        let head = head.as_bytes();
        for key in std::iter::once(head).chain(forms.iter().map(|f| f.as_bytes())) {
            assert!(seen.insert(key), "duplicate key {key:?}");
            assert!(
                key.iter().all(|&b| b >= 0x20),
                "control byte in key {key:?}"
            );
        }
        let n = shared(prev, head, usize::from(ALIAS) - 1);
        blob.push(n as u8);
        blob.extend_from_slice(&head[n..]);
        prev = head;
        for form in forms {
            let form = form.as_bytes();
            match shared(head, form, 0x1f) {
                0 => blob.push(ALIAS),
                n => blob.extend_from_slice(&[ALIAS_SHARED, n as u8]),
            }
            blob.extend_from_slice(&form[shared(head, form, 0x1f)..]);
        }
    }
    blob
}

/// A key set made by [`encode`] or [`encode_groups`]; keys are numbered in
/// sorted order ([`encode`]) or in the groups' order ([`encode_groups`]).
pub struct Keys {
    blob: &'static [u8],
    index: OnceLock<Index>,
    /// Keys of other sets that are in this one too, not stored again: a
    /// set and a bitmap over its key numbers (key `n`: bit `n % 8` of byte
    /// `n / 8`).
    also: &'static [(&'static Keys, &'static [u8])],
}

struct Index {
    /// The keys, decoded, one after another.
    text: Vec<u8>,
    /// Where key `i` ends in `text` (it starts where key `i - 1` ends).
    ends: Vec<u32>,
    /// In a grouped set, key `i`'s head ([`encode_groups`]); else empty.
    heads: Vec<u16>,
    slots: Table,
}

/// A hash index over keys numbered `0..n`, kept elsewhere: open
/// addressing, linear probing, at most half full. Each slot holds (key
/// number + 1, or 0 when empty; the top 16 bits of the key's hash): most
/// words asked about are in no set, and the hash settles nearly every probe
/// without reading a key. Four bytes a slot: the largest set's index is
/// 64 KB, built on the process's first call (the cold start) and probed on
/// every token, so its size is both set-up time and cache misses.
pub struct Table {
    slots: Vec<(u16, u16)>,
}

/// The most keys a [`Table`] indexes (key numbers + 1 fit in a `u16`).
pub const MAX_KEYS: usize = u16::MAX as usize - 1;

/// The part of a hash a slot keeps (the slot's position comes from the
/// low bits).
#[inline]
fn tag(h: u32) -> u16 {
    (h >> 16) as u16
}

impl Table {
    /// Indexes keys `0..n`, key `i` being `key(i)`.
    /// At most [`MAX_KEYS`] keys: `build.rs` refuses a larger set (and
    /// the phrase lists' first words are far fewer).
    pub fn build<'k>(n: usize, key: impl Fn(usize) -> &'k [u8]) -> Table {
        debug_assert!(n <= MAX_KEYS);
        let mut slots = vec![(0u16, 0u16); (n * 2).next_power_of_two().max(2)];
        let mask = slots.len() - 1;
        for i in 0..n {
            let h = hash(key(i));
            let mut slot = h as usize & mask;
            while at(&slots, slot).0 != 0 {
                slot = (slot + 1) & mask;
            }
            *at_mut(&mut slots, slot) = (i as u16 + 1, tag(h));
        }
        Table { slots }
    }

    /// The number of the key equal to `key`, `key(i)` being key `i`.
    #[inline]
    pub fn find<'k>(&self, key: &[u8], key_of: impl Fn(usize) -> &'k [u8]) -> Option<usize> {
        self.find_hashed(key, hash(key), key_of)
    }

    /// [`Table::find`] with `h` = [`hash`]`(key)` already computed (one
    /// hash for a word asked of several sets).
    #[inline]
    pub fn find_hashed<'k>(
        &self,
        key: &[u8],
        h: u32,
        key_of: impl Fn(usize) -> &'k [u8],
    ) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let t = tag(h);
        let mut slot = h as usize & mask;
        loop {
            let (n, slot_tag) = *at(&self.slots, slot);
            if n == 0 {
                return None;
            }
            if slot_tag == t && same(key_of(n as usize - 1), key) {
                return Some(n as usize - 1);
            }
            slot = (slot + 1) & mask;
        }
    }
}

impl Keys {
    /// The set encoded in `blob`.
    pub const fn new(blob: &'static [u8]) -> Keys {
        Keys::with_keys_of(blob, &[])
    }

    /// The set encoded in `blob` and, besides, the keys of other sets
    /// whose bits are set (`build.rs`: the common words that are cue verbs,
    /// grammar, roles or cue nouns). Keys taken from them are numbered
    /// after `blob`'s, set by set.
    pub const fn with_keys_of(
        blob: &'static [u8],
        also: &'static [(&'static Keys, &'static [u8])],
    ) -> Keys {
        Keys {
            blob,
            index: OnceLock::new(),
            also,
        }
    }

    /// The number of `key` in sorted order, if it is in the set.
    pub fn find(&self, key: &str) -> Option<usize> {
        let index = self.index();
        index.slots.find(key.as_bytes(), |n| index.key(n))
    }

    /// [`Keys::find`] with `h` = [`hash`]`(key)` already computed (one
    /// hash for a word asked of several sets: the tagger's flags).
    #[cfg_attr(not(feature = "tagger"), allow(dead_code))]
    #[inline]
    pub fn find_hashed(&self, key: &str, h: u32) -> Option<usize> {
        let index = self.index();
        index.slots.find_hashed(key.as_bytes(), h, |n| index.key(n))
    }

    /// True when `key` is in the set.
    pub fn contains(&self, key: &str) -> bool {
        self.find(key).is_some()
    }

    /// The number of the head of key `n`'s group, in a set made by
    /// [`encode_groups`] (panics when there is no such key or the set has
    /// no groups).
    pub fn head(&self, n: usize) -> usize {
        usize::from(*at(&self.index().heads, n))
    }

    /// The number of keys.
    pub fn count(&self) -> usize {
        self.index().ends.len()
    }

    /// Key number `n` (panics when there is no such key).
    pub fn key(&'static self, n: usize) -> &'static str {
        // Not `str::from_utf8` (~700 bytes of the .wasm for text known to
        // be UTF-8: BENCHMARKS.md, "Download size, session 31").
        let key = self.index().key(n);
        debug_assert!(std::str::from_utf8(key).is_ok());
        // SAFETY: each key was a `str` (`encode`, `encode_groups`), and
        // decoding rebuilds it whole: a key's bytes are the first bytes of
        // the one before it and then its own, as they were encoded.
        unsafe { std::str::from_utf8_unchecked(key) }
    }

    fn index(&self) -> &Index {
        self.index
            .get_or_init(|| Index::build(self.blob, self.also))
    }
}

impl Index {
    fn build(blob: &[u8], also: &[(&'static Keys, &[u8])]) -> Index {
        let mut text: Vec<u8> = Vec::with_capacity(blob.len() * 2);
        let mut ends = Vec::new();
        let mut heads = Vec::new();
        if blob.first() == Some(&GROUPED) {
            decode_groups(blob, &mut text, &mut ends, &mut heads);
        } else {
            let drop = blob.first() == Some(&DROP_CODED);
            let mut start = 0;
            let mut pos = 1;
            while pos < blob.len() {
                let p = usize::from(blob[pos]);
                let shared = match (drop, p) {
                    (false, _) => p,
                    (true, DROP_ALL) => 0,
                    (true, _) => text.len() - start - p,
                };
                let len = at(blob, pos + 1..)
                    .iter()
                    .take_while(|&&b| b >= 0x20)
                    .count();
                text.extend_from_within(start..start + shared);
                start = text.len() - shared;
                text.extend_from_slice(at(blob, pos + 1..pos + 1 + len));
                pos += 1 + len;
                ends.push(text.len() as u32);
            }
        }
        for (keys, bits) in also {
            for n in 0..keys.count() {
                if bits.get(n / 8).is_some_and(|b| b >> (n % 8) & 1 != 0) {
                    text.extend_from_slice(keys.index().key(n));
                    ends.push(text.len() as u32);
                }
            }
        }
        let mut index = Index {
            text,
            ends,
            heads,
            slots: Table { slots: Vec::new() },
        };
        index.slots = Table::build(index.ends.len(), |n| index.key(n));
        index
    }

    fn key(&self, n: usize) -> &[u8] {
        let start = if n == 0 {
            0
        } else {
            *at(&self.ends, n - 1) as usize
        };
        at(&self.text, start..*at(&self.ends, n) as usize)
    }
}

/// Decodes a set made by [`encode_groups`] into `text` and `ends` (as
/// [`Index::build`] does the others), and each key's head into `heads`.
fn decode_groups(blob: &[u8], text: &mut Vec<u8>, ends: &mut Vec<u32>, heads: &mut Vec<u16>) {
    // Where the last head starts in `text`, and its number.
    let mut start = 0;
    let mut head = 0;
    let mut pos = 1;
    while pos < blob.len() {
        let code = blob[pos];
        let alias = code >= ALIAS;
        let shared = match code {
            ALIAS_SHARED => {
                pos += 1;
                usize::from(*at(blob, pos))
            }
            ALIAS => 0,
            p => usize::from(p),
        };
        let len = at(blob, pos + 1..)
            .iter()
            .take_while(|&&b| b >= 0x20)
            .count();
        let key_start = text.len();
        text.extend_from_within(start..start + shared);
        text.extend_from_slice(at(blob, pos + 1..pos + 1 + len));
        pos += 1 + len;
        if !alias {
            start = key_start;
            head = ends.len() as u16;
        }
        heads.push(head);
        ends.push(text.len() as u32);
    }
}

/// A hash of a short key, 8 bytes a step (words are read whole, not a
/// byte at a time as FNV does). The key sets are fixed, so text cannot make
/// probe chains longer than the build made them.
pub fn hash(bytes: &[u8]) -> u32 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        // (`c` is 8 bytes: the default is never taken.)
        let w = <[u8; 8]>::try_from(c).unwrap_or_default();
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(29);
    }
    // The last 1-7 bytes, in one word (the length is in `h`).
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = (h ^ tail(rest)).wrapping_mul(K);
    }
    ((h ^ (h >> 31)).wrapping_mul(K) >> 32) as u32
}

/// The 1-7 bytes `rest` as a little-endian word, zero above them, read in
/// two or three overlapping loads instead of a byte at a time (the bytes
/// two loads share are the same, so or-ing them changes nothing).
#[inline]
fn tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    if n >= 4 {
        // (Four bytes each: the defaults are never taken.)
        let lo = <[u8; 4]>::try_from(at(rest, ..4)).unwrap_or_default();
        let hi = <[u8; 4]>::try_from(at(rest, n - 4..)).unwrap_or_default();
        u64::from(u32::from_le_bytes(lo)) | u64::from(u32::from_le_bytes(hi)) << (8 * (n - 4))
    } else {
        u64::from(rest[0])
            | u64::from(rest[n / 2]) << (8 * (n / 2))
            | u64::from(rest[n - 1]) << (8 * (n - 1))
    }
}

/// `a == b` a byte at a time: the keys are a few bytes, fewer than a call
/// to `memcmp` costs to set up.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// `&s[i]` (an index or a range) with one panic location for this file
/// and a message that formats nothing: the module is `build.rs`'s too, so
/// it cannot use `crate::at` ("Download size" in BENCHMARKS.md).
#[inline]
fn at<T, I: std::slice::SliceIndex<[T]>>(s: &[T], i: I) -> &I::Output {
    match s.get(i) {
        Some(x) => x,
        None => out_of_range(),
    }
}

/// `&mut s[i]`, as [`at`].
#[inline]
fn at_mut<T, I: std::slice::SliceIndex<[T]>>(s: &mut [T], i: I) -> &mut I::Output {
    match s.get_mut(i) {
        Some(x) => x,
        None => out_of_range(),
    }
}

#[cold]
#[inline(never)]
fn out_of_range() -> ! {
    panic!("key set index out of range")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_reads_the_bytes_as_one_word() {
        let bytes = *b"abcdefg";
        for n in 1..=7 {
            let rest = &bytes[..n];
            let by_byte = rest.iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b));
            assert_eq!(tail(rest), by_byte, "{n} bytes");
        }
        assert_ne!(hash(b"abc"), hash(b"abd"));
    }

    #[test]
    fn grouped_keys_know_their_heads() {
        let groups = [
            ("Northland", vec!["NL", "Northland Republic", "Northlands"]),
            ("Nortown", vec![]),
            ("Aberport", vec!["Aber"]),
        ];
        let blob: &'static [u8] = Vec::leak(encode_groups(&groups));
        let keys: &'static Keys = Box::leak(Box::new(Keys::new(blob)));
        let order = [
            "Northland",
            "NL",
            "Northland Republic",
            "Northlands",
            "Nortown",
            "Aberport",
            "Aber",
        ];
        assert_eq!(keys.count(), order.len());
        for (n, key) in order.iter().enumerate() {
            assert_eq!(keys.key(n), *key);
            assert_eq!(keys.find(key), Some(n));
        }
        let heads: Vec<usize> = (0..order.len()).map(|n| keys.head(n)).collect();
        assert_eq!(heads, [0, 0, 0, 0, 4, 5, 5]);
        assert!(!keys.contains("North"));
    }
}
