//! Test helpers: a short text through the stages before attribution and
//! through attribution, read back as words and names.

use super::drafts::Attribution;
use crate::actors::Actors;
use crate::annotation::QuoteKind;
use crate::text::Doc;

/// Runs `f` on the document and the actors of `text`.
pub fn with_doc<R>(text: &str, f: impl FnOnce(&Doc, &mut Actors) -> R) -> R {
    let doc = Doc::new(text);
    let mut actors = Actors::find(&doc);
    f(&doc, &mut actors)
}

/// Attributes `text` and reads the result back with `f`.
pub fn attributed<R>(text: &str, f: impl FnOnce(&Doc, &Actors, &Attribution) -> R) -> R {
    with_doc(text, |doc, actors| {
        let attribution = super::attribute(doc, actors);
        f(doc, actors, &attribution)
    })
}

/// A quote as the tests read it.
#[derive(Debug, PartialEq, Eq)]
pub struct SeenQuote {
    pub content: String,
    pub speaker: Option<String>,
    pub reporter: Option<String>,
    pub cue: Option<String>,
    pub kind: QuoteKind,
}

/// The quotes of `text`, in order.
pub fn quotes(text: &str) -> Vec<SeenQuote> {
    attributed(text, |doc, actors, a| {
        let name = |i: Option<usize>| i.map(|i| actors.actors[i].name.clone());
        a.quotes
            .iter()
            .map(|q| SeenQuote {
                // A transcript's turns are numbered after the marked quotes.
                content: doc.text[doc.quotes.get(q.raw()).map_or_else(
                    || a.turns[q.raw() - doc.quotes.len()].content(),
                    |r| r.content(),
                )]
                .to_string(),
                speaker: name(q.speaker()),
                reporter: name(q.reporter()),
                cue: q.cue().map(|c| doc.text[c].to_string()),
                kind: q.kind,
            })
            .collect()
    })
}

/// The quote whose content starts with `start`.
pub fn quote(text: &str, start: &str) -> SeenQuote {
    quotes(text)
        .into_iter()
        .find(|q| q.content.starts_with(start))
        .unwrap_or_else(|| panic!("no quote {start:?} in {text:?}"))
}

/// The claims of `text` as (claimant, cue, content).
pub fn claims(text: &str) -> Vec<(Option<String>, String, String)> {
    attributed(text, |doc, actors, a| {
        a.claims
            .iter()
            .map(|c| {
                (
                    c.claimant().map(|i| actors.actors[i].name.clone()),
                    doc.text[c.cue()].to_string(),
                    doc.text[c.content()].to_string(),
                )
            })
            .collect()
    })
}
