//! Lowercasing for lookups and comparisons.
//!
//! `str::to_lowercase` carries the whole Unicode case table and the final
//! sigma rule into the `.wasm` (about 5 KB gzipped of a 132 KB budget). The
//! engine lowercases only to compare words with its English lexicons and
//! with each other, so it folds the scripts news names are written in
//! (Latin with its accents, Greek, Cyrillic) and leaves other letters as
//! they are: a word that does not fold simply matches nothing.

/// The lowercase of `c` in Latin, Greek and Cyrillic; any other character
/// unchanged.
pub fn lower_char(c: char) -> char {
    let u = c as u32;
    let folded = match u {
        0x41..=0x5A => u + 0x20,                                      // A-Z
        0xC0..=0xDE if u != 0xD7 => u + 0x20,                         // À-Þ, not ×
        0x0100..=0x012F | 0x0132..=0x0137 | 0x014A..=0x0177 => u | 1, // Ā ā ... pairs
        0x0139..=0x0148 | 0x0179..=0x017E if u % 2 == 1 => u + 1,     // Ĺ ĺ ... Ž ž
        0x0130 => 0x69,                                               // İ → i
        0x0178 => 0xFF,                                               // Ÿ → ÿ
        0x0386 => 0x03AC,                                             // Ά
        0x0388..=0x038A => u + 0x25,                                  // Έ Ή Ί
        0x038C => 0x03CC,                                             // Ό
        0x038E..=0x038F => u + 0x3F,                                  // Ύ Ώ
        0x0391..=0x03AB if u != 0x03A2 => u + 0x20,                   // Α-Ϋ
        0x0400..=0x040F => u + 0x50,                                  // Ѐ-Џ
        0x0410..=0x042F => u + 0x20,                                  // А-Я
        _ => u,
    };
    char::from_u32(folded).unwrap_or(c)
}

use std::borrow::Cow;

/// `bytes` as a `str`, for bytes written whole characters at a time
/// (ASCII bytes, or `char::encode_utf8`'s, one after another): UTF-8, so
/// they are not checked again. `str::from_utf8`'s validation was the only
/// caller of its ~700 bytes in the `.wasm` (BENCHMARKS.md, "Download size,
/// session 31").
pub(crate) fn whole_chars(bytes: &[u8]) -> &str {
    debug_assert!(std::str::from_utf8(bytes).is_ok());
    // SAFETY: the callers write only whole UTF-8 characters (see above).
    unsafe { std::str::from_utf8_unchecked(bytes) }
}

/// The longest word [`lower_in`] lowercases into its buffer.
pub const LOW_MAX: usize = 32;

/// [`Lower::lower_cow`] without a `String` for a word of up to [`LOW_MAX`]
/// bytes: a word with a capital (or not ASCII) is lowercased into `buf`.
/// (One copy, not inlined at each caller.)
#[inline(never)]
pub fn lower_in<'a>(word: &'a str, buf: &'a mut [u8; LOW_MAX]) -> Cow<'a, str> {
    let bytes = word.as_bytes();
    crate::work::add(1 + word.len() / 64);
    if bytes.is_ascii() && !bytes.iter().any(u8::is_ascii_uppercase) {
        return Cow::Borrowed(word);
    }
    if bytes.len() > LOW_MAX {
        return Cow::Owned(word.lower());
    }
    let n = if bytes.is_ascii() {
        for (d, &s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        bytes.len()
    } else {
        // (Lowercasing never makes a character longer in UTF-8: the word
        // fits.)
        let mut n = 0;
        for c in word.chars().map(lower_char) {
            match buf.get_mut(n..n + c.len_utf8()) {
                Some(d) => n += c.encode_utf8(d).len(),
                None => return Cow::Owned(word.lower()),
            }
        }
        n
    };
    Cow::Borrowed(whole_chars(buf.get(..n).unwrap_or_default()))
}

/// [`lower_in`] with the lowercase form handed to `f`.
#[inline]
pub fn with_low<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; LOW_MAX];
    f(&lower_in(word, &mut buf))
}

/// Lowercase forms of text, one character for one character.
pub trait Lower {
    /// `self` with every character through [`lower_char`].
    fn lower(&self) -> String;

    /// The same as [`Lower::lower`], borrowed when `self` is ASCII with no
    /// capital (most words of prose): no allocation on the hot paths that
    /// lowercase every token.
    fn lower_cow(&self) -> Cow<'_, str>;
}

impl Lower for str {
    fn lower(&self) -> String {
        crate::work::add(1 + self.len() / 64);
        if self.is_ascii() {
            return self.to_ascii_lowercase();
        }
        let mut s = String::with_capacity(self.len());
        for c in self.chars() {
            s.push(lower_char(c));
        }
        s
    }

    fn lower_cow(&self) -> Cow<'_, str> {
        let b = self.as_bytes();
        if b.is_ascii() && !b.iter().any(u8::is_ascii_uppercase) {
            crate::work::add(1 + self.len() / 64);
            return Cow::Borrowed(self);
        }
        Cow::Owned(self.lower())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_like_std_on_the_blocks_it_covers() {
        // Basic Latin, Latin-1, Latin Extended-A, accented and basic Greek
        // capitals, Cyrillic capitals.
        let covered = (0u32..0x0180).chain(0x0386..0x03B0).chain(0x0400..0x0430);
        for u in covered {
            let Some(c) = char::from_u32(u) else { continue };
            let std: Vec<char> = c.to_lowercase().collect();
            // std folds İ to two characters, "i̇"; the lookups want "i".
            if std.len() == 1 {
                assert_eq!(lower_char(c), std[0], "U+{u:04X} {c}");
            }
        }
    }

    #[test]
    fn words() {
        assert_eq!("Serbia's".lower(), "serbia's");
        assert_eq!("ÉLYSÉE".lower(), "élysée");
        assert_eq!("Łódź".lower(), "łódź");
        assert_eq!("ΑΘΗΝΑ".lower(), "αθηνα");
        assert_eq!("МОСКВА".lower(), "москва");
        assert_eq!("İstanbul".lower(), "istanbul");
        assert_eq!("東京".lower(), "東京");
        for w in ["said", "Said", "ÉLYSÉE", "o’clock", "", "東京"] {
            assert_eq!(w.lower_cow(), w.lower(), "{w}");
        }
        assert!(matches!("said".lower_cow(), Cow::Borrowed(_)));
        let long = "ÉLYSÉE".repeat(6);
        for w in [
            "said",
            "Said",
            "ÉLYSÉE",
            "o’clock",
            "",
            "東京",
            "İİİ",
            "ΑΘΗΝΑ",
            &long,
        ] {
            let mut buf = [0u8; LOW_MAX];
            let got = lower_in(w, &mut buf);
            assert_eq!(got, w.lower(), "{w}");
            assert_eq!(matches!(got, Cow::Owned(_)), w.len() > LOW_MAX, "{w}");
        }
    }
}
