//! FNV-1a: the hash of the tagger's features, and of the names the actors'
//! entity stage has typed (`lower_hash`, no lowercase `String` for ASCII).
//! The sets that hold these hashes are keyed by text being annotated, whose
//! author could make collisions only slower, never wrong.

/// FNV-1a's starting value.
pub(crate) const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a hash `h` continued over `bytes`.
pub(crate) fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
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
            .fold(FNV_START, |h, b| fnv(h, &[b.to_ascii_lowercase()]))
    } else {
        hash_str(&s.to_lowercase())
    }
}
