//! Converting byte offsets to the units other programs count in.
//!
//! The engine works in UTF-8 bytes. JavaScript strings index UTF-16 code
//! units, and some tools count Unicode scalar values. Conversion happens once,
//! at the edge, with a table built in one pass over the text.

use crate::at::At;

named_enum! {
    /// The unit offsets are counted in.
    pub enum OffsetUnit {
        /// UTF-16 code units, as JavaScript's `String.prototype.slice` counts.
        Utf16 = "utf16",
        /// UTF-8 bytes, as Rust and Python's `bytes` count.
        Bytes = "bytes",
        /// Unicode scalar values, as Python's `str` counts.
        Chars = "chars",
    }
}

impl Default for OffsetUnit {
    /// UTF-16: what the web, the first reader of the document, counts.
    fn default() -> OffsetUnit {
        OffsetUnit::Utf16
    }
}

impl OffsetUnit {
    /// Parses a unit's name (`utf16`, `bytes`, `chars`) or a common alias
    /// of it (`utf-16`, `utf8`, `utf-8`, `codepoints`).
    pub fn parse(name: &str) -> Option<OffsetUnit> {
        OffsetUnit::from_name(name).or(match name {
            "utf-16" => Some(OffsetUnit::Utf16),
            "utf8" | "utf-8" => Some(OffsetUnit::Bytes),
            "codepoints" => Some(OffsetUnit::Chars),
            _ => None,
        })
    }
}

/// Maps byte offsets of one text to another unit.
///
/// ASCII text needs no table: every unit is one byte. Otherwise the map keeps,
/// for each non-ASCII character, its byte offset and the converted offset of
/// the byte after it, and answers with a binary search: `O(log n)` a lookup
/// after an `O(n)` build.
pub struct OffsetMap {
    unit: OffsetUnit,
    /// (byte offset just after a non-ASCII char, converted offset there)
    marks: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// Builds the map for `text`.
    pub fn new(text: &str, unit: OffsetUnit) -> OffsetMap {
        let mut marks = Vec::new();
        if unit != OffsetUnit::Bytes && !text.is_ascii() {
            let mut converted = 0usize;
            for (i, c) in text.char_indices() {
                converted += match unit {
                    OffsetUnit::Utf16 => c.len_utf16(),
                    _ => 1,
                };
                if !c.is_ascii() {
                    marks.push((i + c.len_utf8(), converted));
                }
            }
        }
        OffsetMap { unit, marks }
    }

    /// The unit this map converts to.
    pub fn unit(&self) -> OffsetUnit {
        self.unit
    }

    /// Converts a byte offset that lies on a character boundary.
    pub fn convert(&self, byte: usize) -> usize {
        if self.marks.is_empty() {
            return byte;
        }
        // The last non-ASCII char that ends at or before `byte`; everything
        // after it up to `byte` is ASCII, one unit per byte.
        match self.marks.partition_point(|&(b, _)| b <= byte) {
            0 => byte,
            n => {
                let (b, c) = *self.marks.at(n - 1);
                c + (byte - b)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, unit: OffsetUnit) -> Vec<usize> {
        let map = OffsetMap::new(text, unit);
        let mut bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bounds.push(text.len());
        bounds.into_iter().map(|b| map.convert(b)).collect()
    }

    #[test]
    fn ascii_is_identity() {
        assert_eq!(all("abc", OffsetUnit::Utf16), vec![0, 1, 2, 3]);
    }

    #[test]
    fn utf16_counts_astral_chars_twice() {
        // ä is 2 bytes / 1 unit, 💛 is 4 bytes / 2 units, \r\n stays two.
        let text = "ä\tcde\nf💛g\r\nhi";
        let map = OffsetMap::new(text, OffsetUnit::Utf16);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(
                map.convert(i),
                text[..i].encode_utf16().count(),
                "at byte {i}"
            );
        }
    }

    #[test]
    fn chars_count_scalar_values() {
        let text = "“Ça va”, 💛 dit-il";
        let map = OffsetMap::new(text, OffsetUnit::Chars);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(map.convert(i), text[..i].chars().count());
        }
    }

    #[test]
    fn bytes_are_unchanged() {
        assert_eq!(all("é", OffsetUnit::Bytes), vec![0, 2]);
    }
}
