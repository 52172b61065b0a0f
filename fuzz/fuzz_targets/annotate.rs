//! Raw text in: `annotate` must not panic, must finish, and its output must
//! keep every invariant of docs/format.md (checked by the same code the
//! integration tests use). Offsets are also converted to UTF-16 and checked
//! against `encode_utf16`. The work the engine counts (feature
//! `count-work`) stays under a constant times the bytes: the linear-cost
//! promise, checked on every input the fuzzer makes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslens::{annotate_counting, Export, OffsetUnit};

/// Steps of work a byte may cost (`tests/linear.rs` allows 1000 a token;
/// a token is at least one byte, and short inputs pay a fixed start).
const WORK_PER_BYTE: u64 = 1000;

#[path = "../../tests/common/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (ann, work) = annotate_counting(text);
    assert!(
        work <= WORK_PER_BYTE * (text.len() as u64 + 64),
        "{work} steps for {} bytes",
        text.len()
    );
    invariants::check_invariants(text, &ann);
    let ex = Export::new(text, &ann, OffsetUnit::Utf16);
    assert_eq!(ex.text_length, text.encode_utf16().count());
    for (m, e) in ann.mentions.iter().zip(&ex.annotation.mentions) {
        assert_eq!(e.span.start, text[..m.span.start].encode_utf16().count());
        assert_eq!(e.span.end, text[..m.span.end].encode_utf16().count());
    }
    for (q, e) in ann.quotes.iter().zip(&ex.annotation.quotes) {
        assert_eq!(e.span.start, text[..q.span.start].encode_utf16().count());
        assert_eq!(e.content.end, text[..q.content.end].encode_utf16().count());
    }
});
