//! The JSON document shared by the CLI and the WASM binding.
//!
//! [`Export`] and the structs of [`crate::annotation`] are the one definition
//! of the document: serde writes the JSON from them (the CLI), the WASM
//! binding walks them field by field, and `tests/schema.rs` holds the
//! TypeScript types and `docs/format.md` to them. `docs/format.md` explains
//! the fields; bump [`FORMAT_VERSION`] on any change that could break a reader.

use crate::annotation::Annotation;
use crate::offsets::{OffsetMap, OffsetUnit};
use crate::span::Span;

/// Version of the JSON format written by [`Export`].
pub const FORMAT_VERSION: u32 = 1;

/// An [`Annotation`] with its spans converted to `offsets` units, ready to serialize.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Export {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// The unit every offset in this document counts.
    pub offsets: OffsetUnit,
    /// Length of the annotated text in that unit.
    pub text_length: usize,
    /// The annotation, spans converted.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub annotation: Annotation,
}

impl Export {
    /// Converts `annotation`, made from `text`, to `unit` offsets.
    pub fn new(text: &str, annotation: &Annotation, unit: OffsetUnit) -> Export {
        Export::from_annotation(text, annotation.clone(), unit)
    }

    /// Like [`Export::new`], converting `annotation` in place instead of a
    /// copy of it: on a long text, one annotation in memory instead of two.
    pub fn from_annotation(text: &str, annotation: Annotation, unit: OffsetUnit) -> Export {
        let map = OffsetMap::new(text, unit);
        let conv = |s: Span| Span::new(map.convert(s.start), map.convert(s.end));
        let mut out = annotation;
        for m in &mut out.mentions {
            m.span = conv(m.span);
            m.title = m.title.map(conv);
        }
        for q in &mut out.quotes {
            q.span = conv(q.span);
            q.content = conv(q.content);
            q.cue = q.cue.map(conv);
        }
        for c in &mut out.claims {
            c.cue = conv(c.cue);
            c.content = conv(c.content);
        }
        Export {
            version: FORMAT_VERSION,
            offsets: unit,
            text_length: map.convert(text.len()),
            annotation: out,
        }
    }
}

named_enum! {
    /// The four lists of an [`Export`], in the order the document has them.
    pub enum List {
        /// [`Annotation::actors`].
        Actors = "actors",
        /// [`Annotation::mentions`].
        Mentions = "mentions",
        /// [`Annotation::quotes`].
        Quotes = "quotes",
        /// [`Annotation::claims`].
        Claims = "claims",
    }
}

impl Export {
    /// The number of items in `list`.
    pub fn len(&self, list: List) -> usize {
        let a = &self.annotation;
        match list {
            List::Actors => a.actors.len(),
            List::Mentions => a.mentions.len(),
            List::Quotes => a.quotes.len(),
            List::Claims => a.claims.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_place_conversion_matches_the_copy() {
        let text = "“Ça va,” dit Zoë Dupont. The minister denied the claims, officials said.";
        let annotation = crate::annotate(text);
        for unit in [OffsetUnit::Utf16, OffsetUnit::Bytes, OffsetUnit::Chars] {
            assert_eq!(
                Export::from_annotation(text, annotation.clone(), unit),
                Export::new(text, &annotation, unit)
            );
        }
    }
}
