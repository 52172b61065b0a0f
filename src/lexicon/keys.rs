//! Key sets: front-coded bytes in the binary, a hash index in memory.
//!
//! `build.rs` stores each sorted key set with [`encode`]: every key is one
//! byte `p` < 0x20, the number of leading bytes it shares with the key
//! before it (at most [`MAX_SHARED`]), then the rest of its bytes, which
//! are all ≥ 0x20. Sorted words share long prefixes ("claim", "claimed",
//! "claiming"), so this is about half the size of the plain list, before
//! and after gzip, which is what the page downloads.
//!
//! The engine looks words up many times per token, so a lookup must cost
//! about as much as a `HashMap` probe. On the first lookup in a set,
//! [`Keys`] decodes its keys into one buffer and builds an open-addressing
//! index over them: a linear pass with one allocation per buffer, a
//! fraction of a millisecond for the largest set. Nothing is parsed.

use std::sync::OnceLock;

/// The largest shared-prefix length a key records (it fits below 0x20).
pub const MAX_SHARED: usize = 0x1f;

/// Encodes sorted, unique keys.
///
/// Panics on unsorted or duplicate keys and on a byte below 0x20 in a key:
/// the build must not go on with data the lookup would get wrong.
#[cfg_attr(not(test), allow(dead_code))] // build.rs and the tests use it
pub fn encode(keys: &[&str]) -> Vec<u8> {
    let mut blob = Vec::new();
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
        let shared = prev
            .iter()
            .zip(key)
            .take_while(|(a, b)| a == b)
            .count()
            .min(MAX_SHARED);
        blob.push(shared as u8);
        blob.extend_from_slice(&key[shared..]);
        prev = key;
    }
    blob
}

/// A key set made by [`encode`]; keys are numbered in sorted order.
pub struct Keys {
    blob: &'static [u8],
    index: OnceLock<Index>,
}

struct Index {
    /// The keys, decoded, one after another.
    text: Vec<u8>,
    /// Where key `i` ends in `text` (it starts where key `i - 1` ends).
    ends: Vec<u32>,
    /// Open addressing, linear probing: (key number + 1, or 0 when empty;
    /// the key's hash). Most words asked about are in no set, and the hash
    /// settles nearly every probe without reading the key.
    slots: Vec<(u32, u32)>,
}

impl Keys {
    /// The set encoded in `blob`.
    pub const fn new(blob: &'static [u8]) -> Keys {
        Keys {
            blob,
            index: OnceLock::new(),
        }
    }

    /// The number of `key` in sorted order, if it is in the set.
    pub fn find(&self, key: &str) -> Option<usize> {
        let index = self.index();
        let key = key.as_bytes();
        let mask = index.slots.len() - 1;
        let h = hash(key);
        let mut slot = h as usize & mask;
        loop {
            let (n, slot_hash) = index.slots[slot];
            if n == 0 {
                return None;
            }
            if slot_hash == h && index.key(n as usize - 1) == key {
                return Some(n as usize - 1);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// True when `key` is in the set.
    pub fn contains(&self, key: &str) -> bool {
        self.find(key).is_some()
    }

    /// Key number `n` (panics when there is no such key).
    pub fn key(&'static self, n: usize) -> &'static str {
        // The keys were UTF-8 strings; decoding rebuilds them whole.
        std::str::from_utf8(self.index().key(n)).expect("lexicon keys are UTF-8")
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::build(self.blob))
    }
}

impl Index {
    fn build(blob: &[u8]) -> Index {
        let mut text: Vec<u8> = Vec::with_capacity(blob.len() * 2);
        let mut ends = Vec::new();
        let mut start = 0;
        let mut pos = 0;
        while pos < blob.len() {
            let shared = usize::from(blob[pos]);
            let len = blob[pos + 1..].iter().take_while(|&&b| b >= 0x20).count();
            text.extend_from_within(start..start + shared);
            start = text.len() - shared;
            text.extend_from_slice(&blob[pos + 1..pos + 1 + len]);
            pos += 1 + len;
            ends.push(text.len() as u32);
        }
        // At most half full, so probes stay short.
        let mut slots = vec![(0u32, 0u32); (ends.len() * 2).next_power_of_two().max(2)];
        let mut index = Index {
            text,
            ends,
            slots: Vec::new(),
        };
        let mask = slots.len() - 1;
        for n in 0..index.ends.len() {
            let h = hash(index.key(n));
            let mut slot = h as usize & mask;
            while slots[slot].0 != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot] = (n as u32 + 1, h);
        }
        index.slots = slots;
        index
    }

    fn key(&self, n: usize) -> &[u8] {
        let start = if n == 0 { 0 } else { self.ends[n - 1] as usize };
        &self.text[start..self.ends[n] as usize]
    }
}

/// FNV-1a, 32 bits: short keys, few collisions, no setup. The key sets are
/// fixed, so text cannot make probe chains longer than the build made them.
fn hash(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h: u32, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}
