//! [`Words`]: the rules' maps and sets keyed by a word (or a phrase).
//!
//! std's `HashMap` (hashbrown) cost the core `.wasm` two copies of its
//! table code, one for `String` keys and one for `&str` keys, and its probe
//! loop inlined at each of some thirty call sites. Here the keys are
//! copied into one string, so all the probing is one non-generic
//! [`Index`], whatever the key was and whatever the value is.
//!
//! Only look-ups by a key: nothing iterates these maps, so their order
//! (insertion order here, hash order in std's) changes no output.

use crate::at::At;

/// Keys in one string, and an open-addressing table over them.
#[derive(Default)]
struct Index {
    /// The keys' bytes one after another.
    text: Vec<u8>,
    /// Where each key ends in `text`.
    ends: Vec<u32>,
    /// Slots (a power of two, at least twice the keys, or none): the key's
    /// number + 1 (0 for an empty slot) and its hash.
    slots: Vec<(u32, u32)>,
}

impl Index {
    fn with_capacity(keys: usize) -> Index {
        Index {
            text: Vec::with_capacity(keys * 8),
            ends: Vec::with_capacity(keys),
            slots: Vec::new(),
        }
    }

    fn key(&self, i: usize) -> &[u8] {
        let start = if i == 0 {
            0
        } else {
            *self.ends.at(i - 1) as usize
        };
        self.text.sub(start..*self.ends.at(i) as usize)
    }

    /// The number of `key`, or `Err` with its hash and the empty slot where
    /// it would go.
    #[inline(never)]
    fn find(&self, key: &str) -> Result<usize, (u32, usize)> {
        let h = crate::lexicon::hash(key.as_bytes());
        if self.slots.is_empty() {
            return Err((h, 0));
        }
        let mask = self.slots.len() - 1;
        let mut slot = h as usize & mask;
        loop {
            let (n, sh) = *self.slots.at(slot);
            if n == 0 {
                return Err((h, slot));
            }
            if sh == h && self.key(n as usize - 1) == key.as_bytes() {
                return Ok(n as usize - 1);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Adds `key`, which [`Index::find`] did not find (`h`, `slot` its
    /// answer), and returns its number.
    #[inline(never)]
    fn add(&mut self, key: &str, h: u32, mut slot: usize) -> usize {
        let n = self.ends.len();
        if (n + 1) * 2 > self.slots.len() {
            let size = (self.slots.len() * 2).max(32);
            let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
            for (k, sh) in old.into_iter().filter(|&(k, _)| k != 0) {
                let s = self.empty_slot(sh);
                *self.slots.at_mut(s) = (k, sh);
            }
            slot = self.empty_slot(h);
            // Room for the keys the new table holds (about 8 bytes a key),
            // grown with the table rather than byte by byte.
            self.ends.reserve(size / 2 - n);
            if self.text.capacity() < size * 4 {
                self.text.reserve(size * 4 - self.text.len());
            }
        }
        self.text.extend_from_slice(key.as_bytes());
        self.ends.push(self.text.len() as u32);
        *self.slots.at_mut(slot) = (n as u32 + 1, h);
        n
    }

    fn empty_slot(&self, h: u32) -> usize {
        let mask = self.slots.len() - 1;
        let mut slot = h as usize & mask;
        while self.slots.at(slot).0 != 0 {
            slot = (slot + 1) & mask;
        }
        slot
    }
}

/// A map from words to values (a set with `()`), looked up by `&str`.
pub struct Words<V> {
    index: Index,
    values: Vec<V>,
}

impl<V> Default for Words<V> {
    fn default() -> Self {
        Words {
            index: Index::default(),
            values: Vec::new(),
        }
    }
}

impl<V> Words<V> {
    /// An empty map with room for `keys` keys.
    pub fn with_capacity(keys: usize) -> Self {
        Words {
            index: Index::with_capacity(keys),
            values: Vec::with_capacity(keys),
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.index.find(key).ok().map(|i| self.values.at(i))
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.index.find(key).is_ok()
    }

    /// Sets the value of `key` (replacing any).
    pub fn insert(&mut self, key: &str, value: V) {
        match self.index.find(key) {
            Ok(i) => *self.values.at_mut(i) = value,
            Err((h, slot)) => self.add(key, h, slot, value),
        }
    }

    fn add(&mut self, key: &str, h: u32, slot: usize, value: V) {
        self.index.add(key, h, slot);
        if self.values.len() == self.values.capacity() {
            self.values
                .reserve(self.index.ends.capacity() - self.values.len());
        }
        self.values.push(value);
    }

    /// Sets the value of `key` unless it has one.
    pub fn insert_new(&mut self, key: &str, value: V) {
        if let Err((h, slot)) = self.index.find(key) {
            self.add(key, h, slot, value);
        }
    }
}

impl Words<()> {
    /// Whether the set holds `key`.
    pub fn contains(&self, key: &str) -> bool {
        self.contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::Words;

    #[test]
    fn finds_what_was_inserted_through_growth() {
        let mut m: Words<usize> = Words::default();
        assert_eq!(m.get("a"), None);
        for i in 0..200 {
            m.insert(&format!("w{i}"), i);
        }
        m.insert("w7", 70);
        m.insert_new("w8", 80);
        m.insert_new("", 1000);
        for i in 0..200 {
            let want = match i {
                7 => 70,
                _ => i,
            };
            assert_eq!(m.get(&format!("w{i}")), Some(&want));
        }
        assert_eq!(m.get(""), Some(&1000));
        assert!(!m.contains_key("w200"));
        let mut s: Words<()> = Words::with_capacity(3);
        s.insert("x", ());
        assert!(s.contains("x") && !s.contains("y"));
    }
}
