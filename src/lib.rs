//! # newslens
//!
//! Finds who says what in a news article: the **actors** (people,
//! organizations, places, unnamed sources), the **quotes** they are credited
//! with, and the **claims** reported in the article's own words.
//!
//! ```
//! let text = "The mayor resigned on Monday.\n\n\"I have done my part,\" Jane Velkamp told reporters.";
//! let ann = newslens::annotate(text);
//! let quote = &ann.quotes[0];
//! assert_eq!(&text[quote.content], "I have done my part,");
//! let speaker = &ann.actors[quote.speaker.unwrap().index()];
//! assert_eq!(speaker.name, "Jane Velkamp");
//! ```
//!
//! ## Offsets
//! Every [`Span`] is a half-open range of UTF-8 **byte** offsets into the
//! text given to [`annotate`]; slice it with `&text[span]`. Output for
//! JavaScript and JSON goes through [`Export`], which converts every span to
//! UTF-16 code units (the default), bytes or characters with one table.
//!
//! ## Untrusted input
//! [`annotate`] accepts any `&str`: it never panics, and its cost grows
//! linearly with the length of the text (every stage is a single pass or
//! looks back a bounded distance). Property tests and a `cargo fuzz` target
//! (`fuzz/`) check both promises.
//!
//! ## Layers
//! Each module uses only those before it, so there is no import cycle:
//! `span`, `case`, `order`, `hash` → `annotation`, `offsets` → `lexicon` → `text` → `actors`
//! → `attribution` → `assemble` → `export` (see `DESIGN.md` for the stages).
//! Inside a module, the parts share leaves such as `actors::store` and
//! `lexicon::types` rather than using their parent.
#![warn(missing_docs)]

#[macro_use]
mod named_enum;

mod actors;
mod annotation;
mod assemble;
mod at;
mod attribution;
mod case;
mod export;
#[cfg(feature = "entities")]
mod hash;
mod letters;
mod lexicon;
mod offsets;
mod order;
mod span;
mod text;
mod work;

#[cfg(feature = "tagger")]
pub mod tagger;

#[cfg(feature = "entities")]
pub use actors::{EntityKind, NamedEntity};
pub use annotation::{
    Actor, ActorId, ActorKind, Annotation, Claim, ClaimId, Mention, MentionId, MentionKind, Quote,
    QuoteId, QuoteKind, Stance,
};
pub use export::{Export, List, FORMAT_VERSION};
pub use offsets::{OffsetMap, OffsetUnit};
pub use span::Span;

/// Annotates a news article: finds its actors, quotes and claims.
pub fn annotate(text: &str) -> Annotation {
    let doc = text::Doc::new(text);
    let actors = actors::Actors::find(&doc);
    finish(doc, actors)
}

/// [`annotate`] with actors typed by entity spans found outside the engine
/// (by a tagger run elsewhere, as the web page runs a separate model): a
/// name the spans call a person, organization or place takes that kind; a
/// capitalized word they leave out, or call [`EntityKind::Other`], is no
/// actor unless the engine's own context vouches for it (a title before
/// it, a given name, a speech verb next to it). The native engine's
/// [`annotate`] does the same with its own tagger (feature `tagger`).
#[cfg(feature = "entities")]
pub fn annotate_with_entities(text: &str, entities: &[NamedEntity]) -> Annotation {
    let doc = text::Doc::new(text);
    let actors = actors::Actors::find_with_entities(&doc, entities);
    finish(doc, actors)
}

/// [`annotate`] by the rules alone, without the tagger (for comparison).
#[doc(hidden)]
pub fn annotate_rules(text: &str) -> Annotation {
    let doc = text::Doc::new(text);
    let actors = actors::Actors::find_rules(&doc);
    finish(doc, actors)
}

/// Attribution and the output document, once the actors are found.
fn finish(doc: text::Doc, mut actors: actors::Actors) -> Annotation {
    let attribution = attribution::attribute(&doc, &mut actors);
    // Only the quotations are needed from here on: the token tables are
    // freed before the output is built (peak memory on long texts).
    let mut quotes = doc.into_quotes();
    // A transcript's turns: quotations without marks, after the marked ones.
    quotes.extend_from_slice(&attribution.turns);
    assemble::assemble(quotes, actors, attribution)
}

/// [`annotate`] and the work it did, in steps (a look at a token, a
/// character read): `tests/linear.rs` holds it under a constant times the
/// number of tokens. Only with the `count-work` feature, off in every
/// shipped build (see `src/work.rs`).
#[cfg(feature = "count-work")]
#[doc(hidden)]
pub fn annotate_counting(text: &str) -> (Annotation, u64) {
    work::take();
    let ann = annotate(text);
    (ann, work::take())
}

/// The number of tokens of `text` as the engine splits it (words, marks):
/// the unit `tests/linear.rs` measures work against.
#[cfg(feature = "count-work")]
#[doc(hidden)]
pub fn token_count(text: &str) -> usize {
    text::Doc::new(text).tokens.len()
}
