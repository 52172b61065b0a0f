//! Actors: finding names and descriptions, reading titles, merging aliases.
//!
//! Stage order: [`names`] finds capitalized names and the titles written
//! before them, [`descriptions`] finds unnamed actors ("a senior official"),
//! and [`merge`] groups the mentions into actors; [`interview`] gives the
//! "Q:" and "A:" labels of a transcript to the interviewer and interviewee. Pronouns are resolved
//! later, by the attribution stages, where they matter. All of them fill an
//! [`Actors`] ([`store`]), which depends on none of them.

mod descriptions;
#[cfg(feature = "entities")]
mod entities;
mod interview;
pub use interview::most_named;
mod merge;
mod names;
mod store;

#[cfg(feature = "entities")]
pub use entities::{EntityKind, NamedEntity};
pub use names::is_sentence_initial;
pub use store::{ActorDraft, Actors, MentionDraft};

use crate::text::Doc;

impl Actors {
    /// Finds the actors of a document (with the `tagger` feature, the
    /// engine's tagger types them: [`entities`]).
    pub fn find(doc: &Doc) -> Actors {
        #[cfg(feature = "tagger")]
        {
            let types = entities::tag(doc);
            Actors::find_typed(doc, &types)
        }
        #[cfg(not(feature = "tagger"))]
        {
            Actors::find_rules(doc)
        }
    }

    /// Finds the actors of a document by the rules alone.
    pub fn find_rules(doc: &Doc) -> Actors {
        let names = names::find(doc);
        let actors = merge::merge(doc, names);
        Actors::finish(doc, actors)
    }

    /// Finds the actors of a document, typed by entity spans found outside
    /// the rules (by a tagger).
    #[cfg(feature = "entities")]
    pub fn find_with_entities(doc: &Doc, found: &[NamedEntity]) -> Actors {
        let types = entities::TokenTypes::from_spans(doc, found);
        Actors::find_typed(doc, &types)
    }

    #[cfg(feature = "entities")]
    fn find_typed(doc: &Doc, types: &entities::TokenTypes) -> Actors {
        let names = entities::adopt(doc, types, names::find(doc));
        let (names, verdicts) = entities::filter(doc, types, names);
        let ruled = entities::ruled(doc, &names);
        let mut actors = merge::merge(doc, names);
        entities::retype(&mut actors, &ruled, &verdicts);
        Actors::finish(doc, actors)
    }

    fn finish(doc: &Doc, mut actors: Actors) -> Actors {
        actors.index(doc);
        descriptions::find(doc, &mut actors);
        interview::label_letters(doc, &mut actors);
        actors.index(doc);
        actors
    }
}
