//! Actors: finding names and descriptions, reading titles, merging aliases.
//!
//! Stage order: [`names`] finds capitalized names and the titles written
//! before them, [`descriptions`] finds unnamed actors ("a senior official"),
//! [`appositions`] reads the titles set off by commas beside a name, and
//! [`merge`] groups the mentions into actors; [`interview`] gives the
//! "Q:" and "A:" labels of a transcript to the interviewer and interviewee. Pronouns are resolved
//! later, by the attribution stages, where they matter. All of them fill an
//! [`Actors`] ([`store`]), which depends on none of them.

mod appositions;
mod descriptions;
#[cfg(feature = "entities")]
mod entities;
mod interview;
pub use interview::most_named;
mod merge;
mod names;
mod store;

pub(crate) use descriptions::{company_in_view, gives_name, indefinite, marker_at};
#[cfg(feature = "entities")]
pub use entities::{EntityKind, NamedEntity};
pub use names::is_sentence_initial;
pub use store::{ActorDraft, Actors, MentionDraft, OneActor};

use crate::annotation::MentionKind;
use crate::at::{At, Part};
use crate::lexicon::lexicon;
use crate::text::Doc;
use std::ops::Range;

impl Actors {
    /// Finds the actors of a document (with the `tagger` feature, the
    /// engine's tagger types them: [`entities`]).
    pub fn find(doc: &Doc) -> Actors {
        #[cfg(feature = "tagger")]
        {
            Actors::find_typed(doc, entities::tag(doc))
        }
        #[cfg(not(feature = "tagger"))]
        {
            Actors::find_rules(doc)
        }
    }

    /// Finds the actors of a document by the rules alone.
    pub fn find_rules(doc: &Doc) -> Actors {
        let mut names = names::find(doc);
        names::add_handles(doc, &mut names);
        let actors = merge::merge(doc, names);
        // Without a tagger, a name of several words inside a description
        // is a name ("the Tarnbury Rovers manager").
        Actors::finish(doc, actors, &|toks| toks.len() > 1)
    }

    /// Finds the actors of a document, typed by entity spans found outside
    /// the rules (by a tagger).
    #[cfg(feature = "entities")]
    pub fn find_with_entities(doc: &Doc, found: &[NamedEntity]) -> Actors {
        Actors::find_typed(doc, entities::TokenTypes::from_spans(doc, found))
    }

    #[cfg(feature = "entities")]
    fn find_typed(doc: &Doc, mut types: entities::TokenTypes) -> Actors {
        entities::untitle(doc, &mut types);
        let types = &types;
        let names = entities::adopt(doc, types, names::find(doc));
        let (mut names, mut verdicts) = entities::filter(doc, types, names);
        // (a handle has no verdict of the tagger's)
        for at in names::add_handles(doc, &mut names) {
            verdicts.insert(at, None);
        }
        let ruled = entities::ruled(doc, &names);
        let mut actors = merge::merge(doc, names);
        entities::retype(&mut actors, &ruled, &verdicts);
        Actors::finish(doc, actors, &|toks| types.names_actor(toks))
    }

    /// Descriptions and interview labels after the names; `named` says
    /// whether the words of a name nested in a description name an actor
    /// by themselves ([`Actors::quiet`]).
    fn finish(doc: &Doc, mut actors: Actors, named: &dyn Fn(Range<usize>) -> bool) -> Actors {
        actors.index(doc);
        descriptions::find(doc, &mut actors);
        appositions::add(doc, &mut actors);
        interview::label_letters(doc, &mut actors);
        actors.index(doc);
        actors.quiet = quiet_names(doc, &actors, named);
        actors
    }
}

/// The names nested in a description ("U.S." in "U.S. officials", "Maoist"
/// in "the Maoist rebels") that are no actor of their own: neither `named`
/// (the tagger's person, organization or place; without it, a name of
/// several words), nor a place or organization the lexicons know, nor
/// named outside a description elsewhere in the text ("Brixel" in "a
/// Brixel spokesman" after "Brixel said"). Mentions are in text order.
fn quiet_names(doc: &Doc, actors: &Actors, named: &dyn Fn(Range<usize>) -> bool) -> Vec<usize> {
    let ms = &actors.mentions;
    // Each name mention nested in a description, and the actors named
    // outside one.
    let mut nested = Vec::new();
    let mut free = vec![false; actors.actors.len()];
    let mut outer: Option<usize> = None;
    for (i, m) in ms.iter().enumerate() {
        if outer.is_some_and(|o| ms.at(o).toks().end <= m.toks().start) {
            outer = None;
        }
        match outer {
            Some(o)
                if m.kind() == MentionKind::Name && ms.at(o).kind() == MentionKind::Description =>
            {
                nested.push(i)
            }
            Some(_) => {}
            None => {
                outer = Some(i);
                if m.kind() == MentionKind::Name {
                    *free.at_mut(m.actor()) = true;
                }
            }
        }
    }
    nested
        .into_iter()
        .filter(|&i| {
            let m = ms.at(i);
            let known = lexicon().known(doc.text.of(m.span()));
            !(*free.at(m.actor()) || known.is_some() || named(m.toks()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::annotation::{Annotation, MentionKind};

    /// The names of a document's name mentions, in order.
    fn names(text: &str, ann: &Annotation) -> Vec<String> {
        ann.mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Name)
            .map(|m| text[m.span.start..m.span.end].to_string())
            .collect()
    }

    #[test]
    fn a_modifier_nested_in_a_description_is_no_actor_of_its_own() {
        let text = "The Maoist rebels said they would free the hostages. \
                    Several U.S. officials said the Tarnbury Rovers manager resigned.";
        for ann in [crate::annotate_rules(text), crate::annotate(text)] {
            assert_eq!(names(text, &ann), ["U.S.", "Tarnbury Rovers"]);
        }
    }

    #[test]
    fn a_name_nested_in_a_description_is_kept_when_named_elsewhere() {
        let text =
            "Brindlecote said sales had doubled. A Brindlecote spokesman declined to comment.";
        let ann = crate::annotate_rules(text);
        assert_eq!(names(text, &ann), ["Brindlecote", "Brindlecote"]);
        assert_eq!(ann.mentions[1].kind, MentionKind::Description);
        assert_eq!(ann.mentions[0].actor, ann.mentions[2].actor);
    }
}
