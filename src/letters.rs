//! `char::is_alphabetic`, `is_alphanumeric`, `is_lowercase` and
//! `is_uppercase` with the same answers, from one table.
//!
//! core answers each from its own Unicode tables (~5 KB of the `.wasm`,
//! ~2.8 KB gzipped). `build.rs` asks core's own functions about every
//! character when it builds the engine, with the toolchain that compiles
//! it (so the same Unicode version), and stores the answers as runs: where
//! each stretch of characters with the same four answers starts, coded in
//! a byte or a few (the runs of alternating capitals and small letters
//! repeat one byte pair, which gzip stores once). The engine decodes the
//! runs on the first question about a character beyond ASCII, the answers
//! up to U+3000 into a byte each, and finds a character above that by
//! binary search among the runs. The test below compares every
//! character with core's answers. Use these, not `char`'s methods, in the
//! engine: one call of core's brings its table back into the `.wasm`.

use std::sync::OnceLock;

/// The bits of a run's answers (`build.rs` writes them).
const ALPHABETIC: u32 = 1;
const NUMERIC: u32 = 2;
const LOWERCASE: u32 = 4;
const UPPERCASE: u32 = 8;

/// The runs of the characters from U+0080 up (`build.rs`, `letters`): a
/// byte a run, its low four bits the run's answers, and its length in the
/// next three bits when below 8, else (bit 7 set) in the LEB128 bytes after
/// it.
static RUNS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/letters.bin"));

/// The runs decoded.
struct Runs {
    /// Each run's first character << 4 | its answers.
    runs: Vec<u32>,
    /// The answers for U+0080 up to [`DIRECT`] (accented Latin, Greek,
    /// Cyrillic, punctuation such as curly quotes and dashes, which news
    /// text has many of), a byte each: one load, not a search.
    direct: Vec<u8>,
}

/// The end of [`Runs::direct`].
const DIRECT: u32 = 0x3000;

fn decoded() -> &'static Runs {
    static DECODED: OnceLock<Runs> = OnceLock::new();
    DECODED.get_or_init(|| {
        let mut runs = Vec::with_capacity(RUNS.len());
        let mut direct = vec![0; (DIRECT - 0x80) as usize];
        let mut start = 0x80u32;
        let mut bytes = RUNS.iter();
        while let Some(&b) = bytes.next() {
            runs.push(start << 4 | u32::from(b & 15));
            let mut len = u32::from(b >> 4);
            if b & 0x80 != 0 {
                len = 0;
                let mut shift = 0;
                for &more in bytes.by_ref() {
                    len |= u32::from(more & 0x7f) << shift;
                    shift += 7;
                    if more & 0x80 == 0 {
                        break;
                    }
                }
            }
            let end = (start + len).min(DIRECT);
            if let Some(d) = direct.get_mut((start - 0x80) as usize..(end - 0x80) as usize) {
                d.fill(b & 15);
            }
            start += len;
        }
        Runs { runs, direct }
    })
}

/// The answers for `c` beyond ASCII (`c` ≥ U+0080).
#[inline(never)]
fn answers(c: char) -> u32 {
    let Runs { runs, direct } = decoded();
    let u = c as u32;
    if let Some(&a) = direct.get((u as usize).wrapping_sub(0x80)) {
        return u32::from(a);
    }
    let n = runs.partition_point(|&r| r >> 4 <= u);
    match n.checked_sub(1).and_then(|i| runs.get(i)) {
        Some(&r) => r & 15,
        None => 0,
    }
}

/// `c.is_alphabetic()`.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        answers(c) & ALPHABETIC != 0
    }
}

/// `c.is_alphanumeric()`.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        answers(c) & (ALPHABETIC | NUMERIC) != 0
    }
}

/// `c.is_lowercase()`.
#[inline]
pub fn is_lowercase(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else {
        answers(c) & LOWERCASE != 0
    }
}

/// `c.is_uppercase()`.
#[inline]
pub fn is_uppercase(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        answers(c) & UPPERCASE != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_as_core_answers() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_lowercase(c), c.is_lowercase(), "{c:?}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
        }
    }
}
