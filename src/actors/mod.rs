//! Actors: finding names and descriptions, reading titles, merging aliases.
//!
//! Stage order: [`names`] finds capitalized names and the titles written
//! before them, [`descriptions`] finds unnamed actors ("a senior official"),
//! and [`merge`] groups the mentions into actors; [`interview`] gives the
//! "Q:" and "A:" labels of a transcript to the interviewer and interviewee. Pronouns are resolved
//! later, by the attribution stages, where they matter. All of them fill an
//! [`Actors`] ([`store`]), which depends on none of them.

mod descriptions;
mod interview;
pub use interview::most_named;
mod merge;
mod names;
mod store;

pub use names::is_sentence_initial;
pub use store::{ActorDraft, Actors, MentionDraft};

use crate::text::Doc;

impl Actors {
    /// Finds the actors of a document.
    pub fn find(doc: &Doc) -> Actors {
        let names = names::find(doc);
        let mut actors = merge::merge(doc, names);
        actors.index(doc);
        descriptions::find(doc, &mut actors);
        interview::label_letters(doc, &mut actors);
        actors.index(doc);
        actors
    }
}
