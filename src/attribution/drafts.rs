//! The data the attribution stages hand each other: a cue with its speaker
//! ([`Resolved`]), where a speaker is named ([`Anchor`]), and the quote and
//! claim drafts the driver returns ([`Attribution`]).

use super::cues::Cue;
use crate::annotation::{QuoteKind, Stance};
use crate::span::Span;

/// A quote with its attribution, before ids are assigned.
#[derive(Clone, Debug)]
pub struct QuoteDraft {
    /// Index into [`Doc::quotes`](crate::text::Doc::quotes).
    pub raw: usize,
    /// Direct, partial or continuation.
    pub kind: QuoteKind,
    /// Speaker actor.
    pub speaker: Option<usize>,
    /// Anchoring mention.
    pub mention: Option<usize>,
    /// Cue span.
    pub cue: Option<Span>,
    /// Reporter of a relayed quote.
    pub reporter: Option<usize>,
}

/// A claim before ids are assigned.
#[derive(Clone, Debug)]
pub struct ClaimDraft {
    /// Claimant actor.
    pub claimant: Option<usize>,
    /// Anchoring mention.
    pub mention: Option<usize>,
    /// Cue span.
    pub cue: Span,
    /// Content span.
    pub content: Span,
    /// Stance.
    pub stance: Stance,
    /// Indices of claims this one disputes.
    pub disputes: Vec<usize>,
}

/// The result of attribution.
pub struct Attribution {
    /// Quotes, in text order.
    pub quotes: Vec<QuoteDraft>,
    /// Claims, in text order of their cues.
    pub claims: Vec<ClaimDraft>,
}

/// A cue with its speaker resolved.
#[derive(Clone, Debug)]
pub(super) struct Resolved {
    /// The cue.
    pub cue: Cue,
    /// Its speaker.
    pub actor: Option<usize>,
    /// The speaker's mention.
    pub mention: Option<usize>,
    /// The speaker is a guess from the sentence's first actor: used for
    /// claims, never for quotes or for the speaker later sentences lean on.
    pub weak: bool,
}

impl Resolved {
    /// The cue as quotes see it: a weak speaker is no speaker, and neither
    /// is the subject of a wish or an intention that reports no words
    /// ("X wants to ...": a claim, but no one's quotation).
    pub fn strong(&self) -> Resolved {
        let f = self.cue.frames;
        let wish = !f.quote
            && !f.clause
            && !f.object
            && !f.of
            && matches!(self.cue.stance, Stance::Promise | Stance::Believe);
        match self.weak || wish {
            true => Resolved {
                actor: None,
                mention: None,
                ..self.clone()
            },
            false => self.clone(),
        }
    }
}

/// Where a speaker is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// An actor mention (its index in [`Actors::mentions`](crate::actors::Actors::mentions)).
    Mention(usize),
    /// A pronoun token, to be resolved.
    Pronoun(usize),
    /// A relative pronoun ("Jane Doe, who said ...") at a token, standing for
    /// the mention before it.
    Relative(usize, usize),
    /// A noun phrase no earlier stage took for an actor ("the release",
    /// "a spokesman for the campaign"): tokens `start..end`.
    Phrase(usize, usize),
}
