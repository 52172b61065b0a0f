//! The data the attribution stages hand each other: a cue with its speaker
//! ([`Resolved`]), where a speaker is named ([`Anchor`]), and the quote and
//! claim drafts the driver returns ([`Attribution`]).

use super::cues::Cue;
use crate::annotation::{QuoteKind, Stance};
use crate::span::Span;
use crate::text::RawQuote;

/// A quote with its attribution, before ids are assigned. Small (28 bytes,
/// was 88, then 44) for the same reason as [`ClaimDraft`].
#[derive(Clone, Debug)]
pub struct QuoteDraft {
    /// Index into [`Doc::quotes`](crate::text::Doc::quotes).
    raw: u32,
    /// Speaker actor.
    speaker: Opt,
    /// Anchoring mention.
    mention: Opt,
    /// Reporter of a relayed quote.
    reporter: Opt,
    /// Cue span ([`NO_SPAN`] for none).
    cue: [u32; 2],
    /// Direct, partial or continuation.
    pub kind: QuoteKind,
}

impl QuoteDraft {
    /// A quote: its index in [`Doc::quotes`](crate::text::Doc::quotes), kind,
    /// speaker, the speaker's mention, cue and reporter.
    pub fn new(
        raw: usize,
        kind: QuoteKind,
        speaker: Option<usize>,
        mention: Option<usize>,
        cue: Option<Span>,
        reporter: Option<usize>,
    ) -> QuoteDraft {
        QuoteDraft {
            raw: small(raw),
            speaker: Opt::of(speaker),
            mention: Opt::of(mention),
            reporter: Opt::of(reporter),
            cue: cue.map_or(NO_SPAN, Span::pack),
            kind,
        }
    }

    /// Index into [`Doc::quotes`](crate::text::Doc::quotes).
    pub fn raw(&self) -> usize {
        self.raw as usize
    }

    /// Speaker actor.
    pub fn speaker(&self) -> Option<usize> {
        self.speaker.get()
    }

    /// Sets the speaker actor.
    pub fn set_speaker(&mut self, a: Option<usize>) {
        self.speaker = Opt::of(a);
    }

    /// Anchoring mention.
    pub fn mention(&self) -> Option<usize> {
        self.mention.get()
    }

    /// Cue span.
    pub fn cue(&self) -> Option<Span> {
        (self.cue != NO_SPAN).then(|| Span::unpack(self.cue))
    }

    /// Reporter of a relayed quote.
    pub fn reporter(&self) -> Option<usize> {
        self.reporter.get()
    }
}

/// A claim before ids are assigned. Kept small (32 bytes, was 96, then 44):
/// a long text has one for most sentences, alive at the peak of
/// attribution, so indexes and byte offsets are `u32` (texts are under
/// 4 GiB; the WASM build's memory is too) and a missing one is
/// `u32::MAX` ([`Opt`]: an `Option<u32>` takes 8 bytes).
#[derive(Clone, Debug)]
pub struct ClaimDraft {
    /// Claimant actor.
    claimant: Opt,
    /// Anchoring mention.
    mention: Opt,
    /// Cue span.
    cue: [u32; 2],
    /// Content span.
    content: [u32; 2],
    /// The claim this one disputes (at most one: [`super::disputes`]).
    disputes: Opt,
    /// Stance.
    pub stance: Stance,
}

/// `x` as a `u32` (see [`ClaimDraft`]).
fn small(x: usize) -> u32 {
    x as u32
}

/// An optional index in 4 bytes: `u32::MAX` is none (no text or list
/// reaches it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Opt(u32);

impl Opt {
    fn of(x: Option<usize>) -> Opt {
        Opt(x.map_or(u32::MAX, small))
    }

    fn get(self) -> Option<usize> {
        (self.0 != u32::MAX).then_some(self.0 as usize)
    }
}

/// No cue span in a [`QuoteDraft`].
const NO_SPAN: [u32; 2] = [u32::MAX; 2];

const _: () = assert!(std::mem::size_of::<QuoteDraft>() == 28);
const _: () = assert!(std::mem::size_of::<ClaimDraft>() == 32);

impl ClaimDraft {
    /// A claim disputing none.
    pub fn new(
        claimant: Option<usize>,
        mention: Option<usize>,
        cue: Span,
        content: Span,
        stance: Stance,
    ) -> ClaimDraft {
        ClaimDraft {
            claimant: Opt::of(claimant),
            mention: Opt::of(mention),
            cue: cue.pack(),
            content: content.pack(),
            disputes: Opt(u32::MAX),
            stance,
        }
    }

    /// Claimant actor.
    pub fn claimant(&self) -> Option<usize> {
        self.claimant.get()
    }

    /// Anchoring mention.
    pub fn mention(&self) -> Option<usize> {
        self.mention.get()
    }

    /// Cue span.
    pub fn cue(&self) -> Span {
        Span::unpack(self.cue)
    }

    /// Content span.
    pub fn content(&self) -> Span {
        Span::unpack(self.content)
    }

    /// Index of the claim this one disputes.
    pub fn disputes(&self) -> Option<usize> {
        self.disputes.get()
    }

    /// Records that this claim disputes claim `j`.
    pub fn set_disputes(&mut self, j: usize) {
        self.disputes = Opt(small(j));
    }
}

/// The result of attribution.
pub struct Attribution {
    /// Quotes, in text order.
    pub quotes: Vec<QuoteDraft>,
    /// Claims, in text order of their cues.
    pub claims: Vec<ClaimDraft>,
    /// The turns of a transcript, quotations without marks: a quote draft's
    /// raw index past [`Doc::quotes`](crate::text::Doc::quotes) points here.
    pub turns: Vec<RawQuote>,
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
    /// A relative pronoun at a token standing for such a phrase before it
    /// ("a donor who backs ...": tokens `start..end`, then the pronoun).
    RelativePhrase(usize, usize, usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_draft_stays_small() {
        // One a sentence is alive at the peak of a long text (issue 15).
        assert!(std::mem::size_of::<ClaimDraft>() <= 44);
        assert!(std::mem::size_of::<QuoteDraft>() <= 44);
        let c = ClaimDraft::new(
            Some(3),
            None,
            Span::new(1, 5),
            Span::new(6, 90),
            Stance::Deny,
        );
        assert_eq!((c.claimant(), c.mention()), (Some(3), None));
        assert_eq!((c.cue(), c.content()), (Span::new(1, 5), Span::new(6, 90)));
    }
}
