//! The tokens that report nothing: words of titles ("Secretary of State"),
//! names, and anonymity markers ("who requested anonymity"). Takes the
//! [`Doc`] and its [`Actors`], gives per-token bit sets.

use crate::actors::Actors;
use crate::annotation::MentionKind;
use crate::lexicon::fact;
use crate::text::{Bits, Doc};

/// The tokens of titles written before a name ("Foreign Minister" Jane Doe).
pub fn title_tokens(doc: &Doc, actors: &Actors) -> Bits {
    let mut v = Bits::new(doc.tokens.len());
    for m in &actors.mentions {
        if let Some(title) = m.title() {
            let mut t = m.toks().start;
            while t > 0 && doc.token(t - 1).span().start >= title.start {
                t -= 1;
                v.set(t);
            }
        }
    }
    v
}

/// Tokens that are never cues: titles, names, and the words that mark an
/// unnamed source ("who requested anonymity", "declined to be named"),
/// which report nothing themselves.
pub fn no_cue_tokens(doc: &Doc, actors: &Actors, in_title: &Bits) -> Bits {
    let mut masked = Bits::new(doc.tokens.len());
    let anonymity = anonymity_marker_tokens(doc);
    let len = doc.tokens.len();
    let mut next = 0; // no token before it has a mention
    for t in 0..len {
        if next <= t {
            next = actors.next_outer_candidate(t, len);
        }
        let name = || {
            next == t
                && actors
                    .mention_at(t)
                    .is_some_and(|m| actors.mention(m).kind() == MentionKind::Name)
        };
        if in_title.get(t) || name() || anonymity.get(t) {
            masked.set(t);
        }
    }
    masked
}

/// Tokens inside an anonymity marker ("requested anonymity").
fn anonymity_marker_tokens(doc: &Doc) -> Bits {
    let mut out = Bits::new(doc.tokens.len());
    for t in (0..doc.tokens.len()).filter(|&t| doc.may_be(t, fact::MARKER)) {
        if let Some(e) = crate::actors::marker_at(doc, t) {
            (t..e).for_each(|k| out.set(k));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::with_doc;

    #[test]
    fn names_titles_and_anonymity_markers_are_no_cues() {
        let text = "Foreign Minister Jane Doe met an official who requested anonymity.";
        with_doc(text, |doc, actors| {
            let in_title = super::title_tokens(doc, actors);
            let masked = super::no_cue_tokens(doc, actors, &in_title);
            let words: Vec<&str> = (0..doc.tokens.len())
                .filter(|&t| masked[t])
                .map(|t| doc.tok(t))
                .collect();
            assert_eq!(
                words,
                [
                    "Foreign",
                    "Minister",
                    "Jane",
                    "Doe",
                    "who",
                    "requested",
                    "anonymity"
                ]
            );
        });
    }
}
