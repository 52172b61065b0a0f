//! FNV-1a: the hash of the tagger's features, and of the names the actors'
//! entity stage has typed (`lower_hash`, no lowercase `String` for ASCII).
//! The sets that hold these hashes are keyed by text being annotated, whose
//! author could make collisions only slower, never wrong.

/// FNV-1a's starting value.
pub(crate) const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a hash `h` continued over `bytes` (four bytes a turn of the
/// loop: the same hash, a byte at a time, for less of the loop's own work).
pub(crate) fn fnv(h: u64, bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(4);
    let h = (&mut chunks).fold(h, |h, c| step(step(step(step(h, c[0]), c[1]), c[2]), c[3]));
    chunks.remainder().iter().fold(h, |h, &b| step(h, b))
}

/// One byte of FNV-1a.
#[inline]
pub(crate) fn step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// FNV-1a of a string.
pub(crate) fn hash_str(s: &str) -> u64 {
    fnv(FNV_START, s.as_bytes())
}

/// [`hash_str`] of `s` in lowercase (`str::to_lowercase`), without
/// building the string when `s` is ASCII.
pub(crate) fn lower_hash(s: &str) -> u64 {
    if s.is_ascii() {
        s.bytes()
            .fold(FNV_START, |h, b| step(h, b.to_ascii_lowercase()))
    } else {
        hash_str(&s.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_fnv_1a_a_byte_at_a_time() {
        // Published FNV-1a 64-bit values.
        assert_eq!(hash_str(""), FNV_START);
        assert_eq!(hash_str("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash_str("foobar"), 0x8594_4171_f739_67e8);
        let text = "Lowercase, UPPERCASE and Zoë: thirteen+";
        for n in 0..text.len() {
            let bytes = &text.as_bytes()[..n];
            let by_byte = bytes.iter().fold(FNV_START, |h, &b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
            });
            assert_eq!(fnv(FNV_START, bytes), by_byte, "{n} bytes");
        }
    }
}
