//! Raw text in: `annotate` must not panic, must finish, and its output must
//! keep every invariant of docs/format.md (checked by the same code the
//! integration tests use). Offsets are also converted to UTF-16 and checked
//! against `encode_utf16`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslens::{annotate, Export, OffsetUnit};

#[path = "../../tests/common/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ann = annotate(text);
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
