//! Transcript turns: in an interview set out as a transcript ("Q: ...",
//! "A: ...", "MORALES: ...", "Dr. Okafor: ..."), the words after a speaker's
//! label are that speaker's own words, a quotation without marks. A
//! paragraph that opens with a label is one turn, from the first word after
//! the colon to the end of the paragraph; a paragraph without a label is the
//! writer's (a turn never runs on). The text is a transcript when a label
//! is an interview's "Q:" or "A:", or one person's label opens at least two
//! paragraphs: a lone "Jane Doe: No
//! outside pressure on the inquiry" (a headline), or a list of names each
//! with a line ("Okafor: Lower bus fares ..."), stays a claim cued by its
//! colon ([`super::cues`]).

use crate::actors::Actors;
use crate::annotation::{ActorKind, MentionKind};
use crate::text::{Doc, RawQuote, TokenKind};

/// The label opening a paragraph (or sentence) at token `start`, within
/// the first eight tokens before `end`: a person's or organization's
/// mention right before a colon, with only capitalized title words before
/// it ("Sen.", "Dr."), nothing that reads as a clause ("Clinton said:").
/// The "Q" and "A" of an interview are pronoun mentions of the interviewer
/// and the interviewee (`actors/interview.rs`). Gives the mention and the
/// colon's token.
pub(super) fn label(
    doc: &Doc,
    actors: &Actors,
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let colon = (start..(start + 8).min(end)).find(|&t| doc.tok(t) == ":")?;
    let m = actors.outer_mention_at(colon.checked_sub(1)?)?;
    let mention = &actors.mentions[m];
    let kind = actors.actors[mention.actor].kind;
    (mention.toks.end == colon
        && matches!(kind, ActorKind::Person | ActorKind::Organization)
        && (start..mention.toks.start)
            .all(|t| doc.is_cap(t) || doc.tok(t) == "." || doc.tokens[t].kind != TokenKind::Word))
    .then_some((m, colon))
}

/// One turn of a transcript.
#[derive(Clone, Copy, Debug)]
pub(super) struct Turn {
    /// The label's mention: the speaker.
    pub mention: usize,
    /// The label's colon.
    pub colon: usize,
    /// The turn's words: the colon's next token to the paragraph's end.
    pub quote: RawQuote,
}

/// The turns of a transcript, in text order; none unless a label is an
/// interview's "Q" or "A" or some person's label opens two paragraphs. A turn has words of its own
/// right after the colon: "X: “...”" is a marked quotation, which the
/// quote rules attribute (`name_and_colon`).
pub(super) fn find(doc: &Doc, actors: &Actors) -> Vec<Turn> {
    let turns: Vec<Turn> = doc
        .paras
        .iter()
        .filter_map(|p| {
            let (m, colon) = label(doc, actors, p.tokens.start, p.tokens.end)?;
            let first = colon + 1;
            let words = first < p.tokens.end
                && doc.tokens[first].kind == TokenKind::Word
                && doc.in_quote[first].is_none();
            words.then(|| {
                let content = doc.span_of(first, p.tokens.end);
                Turn {
                    mention: m,
                    colon,
                    quote: RawQuote::new(content, content, first, None),
                }
            })
        })
        .collect();
    // A transcript gives someone the floor twice: labels that each name a
    // different person once head a list ("Okafor: Lower bus fares").
    // An interview's "Q:" or "A:" is a transcript's label by itself.
    let mut seen = vec![false; actors.actors.len()];
    let transcript = turns.iter().any(|t| {
        let m = &actors.mentions[t.mention];
        m.kind == MentionKind::Pronoun || std::mem::replace(&mut seen[m.actor], true)
    });
    match transcript {
        true => turns,
        false => Vec::new(),
    }
}

/// Whether token `t` is the colon of one of `turns`' labels.
pub(super) fn is_label(turns: &[Turn], t: usize) -> bool {
    turns.binary_search_by_key(&t, |x| x.colon).is_ok()
}
