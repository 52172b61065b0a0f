//! The output model: actors, their mentions, quotes and claims.
//!
//! Every list is sorted by position in the text and linked to the others by
//! typed indices, never by strings. All spans are byte offsets into the text
//! that was annotated; [`crate::export`] converts them for JSON and JS.

use crate::span::Span;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(transparent))]
        pub struct $name(pub u32);

        impl $name {
            /// The position of the item in its list.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id_type!(
    /// Index of an [`Actor`] in [`Annotation::actors`].
    ActorId
);
id_type!(
    /// Index of a [`Mention`] in [`Annotation::mentions`].
    MentionId
);
id_type!(
    /// Index of a [`Quote`] in [`Annotation::quotes`].
    QuoteId
);
id_type!(
    /// Index of a [`Claim`] in [`Annotation::claims`].
    ClaimId
);

/// Everything the engine found in one text.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Annotation {
    /// Actors, ordered by their first mention.
    pub actors: Vec<Actor>,
    /// Every mention of every actor, ordered by position (of two starting
    /// together, the longer first); mentions never cross, but a name may lie
    /// inside a description ("U.S." in "U.S. officials").
    pub mentions: Vec<Mention>,
    /// Quotations, ordered by position; quotes never overlap, except a
    /// marked quote inside a transcript's turn.
    pub quotes: Vec<Quote>,
    /// Reported claims, ordered by the start of their content.
    pub claims: Vec<Claim>,
}

named_enum! {
    /// What sort of thing an actor is.
    pub enum ActorKind {
        /// A named or described individual.
        Person = "person",
        /// A company, government body, party, agency, alliance, newspaper...
        Organization = "organization",
        /// A country, city or region (often standing for its government).
        Place = "place",
        /// Several people described together ("three gunmen", "officials").
        Group = "group",
    }
}

/// One person, organization, place or group, with all its mentions merged.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Actor {
    /// This actor's index.
    pub id: ActorId,
    /// Canonical name: the longest proper name seen, else the fullest description.
    pub name: String,
    /// Person, organization, place or group.
    pub kind: ActorKind,
    /// Titles seen with the actor ("US Secretary of State"), in order of appearance.
    pub titles: Vec<String>,
    /// True for unnamed sources ("a senior official who requested anonymity").
    pub anonymous: bool,
    /// All mentions, in text order.
    pub mentions: Vec<MentionId>,
}

named_enum! {
    /// How an actor is referred to at one place in the text.
    pub enum MentionKind {
        /// A proper name, full or partial ("Jane Doe", "Doe", "UN").
        Name = "name",
        /// A description without a name ("the defence minister", "three gunmen").
        Description = "description",
        /// A personal pronoun resolved to an actor ("she", "they").
        Pronoun = "pronoun",
    }
}

/// One mention of an actor.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Mention {
    /// This mention's index.
    pub id: MentionId,
    /// The actor mentioned.
    pub actor: ActorId,
    /// The words that name the actor (without the title).
    pub span: Span,
    /// A title written right before the name ("Foreign Minister"), if any.
    pub title: Option<Span>,
    /// Name, description or pronoun.
    pub kind: MentionKind,
}

named_enum! {
    /// How much of a sentence a quotation is.
    pub enum QuoteKind {
        /// A full sentence or more in the speaker's words.
        Direct = "direct",
        /// A phrase quoted inside the reporter's own sentence.
        Partial = "partial",
        /// A paragraph that only quotes, continuing the previous speaker.
        Continuation = "continuation",
    }
}

/// One quotation.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Quote {
    /// This quote's index.
    pub id: QuoteId,
    /// Direct, partial or continuation.
    pub kind: QuoteKind,
    /// From the opening mark to the closing mark inclusive (or to the end of
    /// the paragraph when the mark is left open, as continued paragraphs are);
    /// a transcript's turn has no marks and its span is its content.
    pub span: Span,
    /// The quoted words, without the marks.
    pub content: Span,
    /// The actor whose words these are.
    pub speaker: Option<ActorId>,
    /// The mention that anchors the attribution (may be a pronoun).
    pub speaker_mention: Option<MentionId>,
    /// The speech verb or phrase ("said", "told reporters", "according to").
    pub cue: Option<Span>,
    /// For a relayed quote, the actor who reported the words.
    pub reporter: Option<ActorId>,
}

named_enum! {
    /// The attitude a claimant takes toward the content of a claim.
    pub enum Stance {
        /// States something as fact ("said", "added", "announced").
        Assert = "assert",
        /// Rejects or disputes ("denied", "rejected", "refuted").
        Deny = "deny",
        /// Warns of a danger ("warned", "cautioned").
        Warn = "warn",
        /// Asks someone to act ("urged", "called on", "demanded").
        Urge = "urge",
        /// Confirms ("confirmed", "acknowledged", "admitted").
        Confirm = "confirm",
        /// Blames someone ("accused", "blamed", "alleged").
        Accuse = "accuse",
        /// Commits to a future act ("promised", "vowed", "pledged").
        Promise = "promise",
        /// Holds a belief or expectation ("believes", "thinks", "expects").
        Believe = "believe",
        /// Asks or doubts ("asked", "questioned", "wondered").
        Question = "question",
    }
}

/// A reported statement that is not (only) a verbatim quote.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct Claim {
    /// This claim's index.
    pub id: ClaimId,
    /// Who makes the claim, when the text says.
    pub claimant: Option<ActorId>,
    /// The mention of the claimant that anchors the claim.
    pub claimant_mention: Option<MentionId>,
    /// The reporting verb or noun ("said", "denied", "claims", "according to").
    pub cue: Span,
    /// What is claimed.
    pub content: Span,
    /// Assert, deny, warn, ...
    pub stance: Stance,
    /// Claims in this text that reject this one.
    pub disputed_by: Vec<ClaimId>,
    /// Claims in this text that this one rejects.
    pub disputes: Vec<ClaimId>,
}
