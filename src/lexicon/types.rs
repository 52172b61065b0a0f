//! The types of the values the lexicon gives out, and of the values the
//! generated tables (`tables.rs`) store, so the tables need nothing from
//! the module that searches them.

use crate::annotation::Stance;

/// What a cue verb can take as its reported content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Frames {
    /// Attributes a direct quotation ("said", "added").
    pub quote: bool,
    /// Takes a reported clause ("said that ...").
    pub clause: bool,
    /// Takes a noun phrase as content ("denied the report").
    pub object: bool,
    /// Takes an addressee and an infinitive ("urged Y to ...").
    pub inf: bool,
    /// Takes "of" + content ("warned of ...", "accused Y of ...").
    pub of: bool,
    /// Names its source after it, the speaker of the content on either
    /// side ("according to X", "in the words of X"): a phrase's only.
    pub source: bool,
    /// Answers another's words ("replied", "hits back"): a closing "Y
    /// replies" after another's claim does not report that claim.
    pub reply: bool,
}

impl Frames {
    /// Attributes quotations and takes no content of its own ("continued",
    /// "laughed", "responded"): its other senses are no speech.
    pub fn only_quote(self) -> bool {
        self.quote && !(self.clause || self.object || self.inf || self.of)
    }
}

/// A verb of saying, thinking or disputing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueVerb {
    /// Stance the verb gives its claim.
    pub stance: Stance,
    /// What the verb takes as content.
    pub frames: Frames,
    /// True for the `-ing` form ("saying"), which has no subject of its own.
    pub gerund: bool,
    /// True for the lemma and its -s form ("report", "reports"), which are
    /// often nouns too ("the report said").
    pub present: bool,
    /// True for the lemma alone ("press", "state"), the form that is a noun
    /// after an article or a preposition ("press conference", "head of state").
    pub base: bool,
}

impl CueVerb {
    /// A past form ("said", "told", "alleged"): no lemma, -s or -ing form.
    pub fn past(self) -> bool {
        !self.base && !self.present && !self.gerund
    }

    /// A cue verb as `build.rs` packs it: the stance's number in bits 0-3,
    /// then quote, clause, object, inf, of, gerund, present, base; reply
    /// in bit 13.
    pub fn unpack(bits: u16) -> CueVerb {
        let bit = |k: u16| bits >> k & 1 != 0;
        CueVerb {
            stance: Stance::ALL[usize::from(bits & 15).min(Stance::ALL.len() - 1)],
            frames: Frames {
                quote: bit(4),
                clause: bit(5),
                object: bit(6),
                inf: bit(7),
                of: bit(8),
                source: false,
                reply: bit(13),
            },
            gerund: bit(9),
            present: bit(10),
            base: bit(11),
        }
    }
}

/// A multiword cue such as "according to" or "called on".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CuePhrase {
    /// The lowercase words of the phrase.
    pub words: Vec<String>,
    /// Stance of its claim.
    pub stance: Stance,
    /// What it takes as content.
    pub frames: Frames,
}

impl CuePhrase {
    /// A cue phrase of these words (one space between them), its stance
    /// and frames as `build.rs` packs them: [`CueVerb::unpack`]'s bits,
    /// and source in bit 12.
    pub fn unpack(words: &str, bits: u16) -> CuePhrase {
        let verb = CueVerb::unpack(bits);
        CuePhrase {
            words: words.split(' ').map(str::to_string).collect(),
            stance: verb.stance,
            frames: Frames {
                source: bits >> 12 & 1 != 0,
                ..verb.frames
            },
        }
    }
}

/// The kind of a place in `places.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    /// Countries, states, regions, continents: they can stand for a government.
    Polity,
    /// Cities, which stand for a government only when they are capitals.
    City,
}

/// A known place or organization and its canonical name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known {
    /// The canonical name ("United States" for "U.S.").
    pub canonical: String,
    /// Place or organization.
    pub is_place: bool,
    /// For places: polity or city.
    pub place_kind: Option<PlaceKind>,
}

/// Role nouns that head descriptions of unnamed actors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Role {
    /// Plural or collective nouns describe groups.
    pub plural: bool,
    /// True when the noun marks a typical unnamed source ("official", "source").
    pub anonymous: bool,
    /// Collective nouns ("police", "government").
    pub collective: bool,
}

impl Role {
    /// A role as `build.rs` packs it: plural, anonymous, collective in
    /// bits 0-2.
    pub fn unpack(bits: u8) -> Role {
        Role {
            plural: bits & 1 != 0,
            anonymous: bits & 2 != 0,
            collective: bits & 4 != 0,
        }
    }
}

/// What "he" and "she" can tell apart (`given_names.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

/// The grammatical class of a closed-class word (`grammar.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordClass {
    /// a, the, this
    Det,
    /// two, several, some
    Quant,
    /// his, their
    Poss,
    /// of, in, by
    Prep,
    /// and, but, while
    Conj,
    /// is, has, will
    Aux,
    /// he, they
    Pron,
    /// who, which
    Rel,
    /// not, never
    Neg,
}

/// The uses of a word in `function_words.tsv`, one bit each
/// (lexicons/README.md says what each one means).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Uses(pub(crate) u64);

impl Uses {
    /// True when the word has use `u`.
    pub fn has(self, u: Use) -> bool {
        self.0 & (1 << u as u32) != 0
    }
}

/// One use of a word in `function_words.tsv`. `build.rs` reads the names
/// from this enum: a use is written in the file as its variant in
/// snake_case (`SettingHead`: `setting_head`). Those named `*Ending` are
/// endings, matched at the end of a word, not words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// May stand between a subject and its verb ("also", "later").
    Between,
    /// Skipped between a cue and its content ("yesterday", "again").
    BeforeContent,
    /// A listener a cue names before its content ("told reporters").
    Addressee,
    /// Opens a time or setting phrase after a cue ("on", "last").
    SettingLead,
    /// Shows that such a phrase is one ("in a statement", "last week").
    SettingHead,
    /// Ends such a phrase ("statement", "night").
    SettingEnd,
    /// After a comma, ends a reported clause ("which", "while").
    ClauseBreak,
    /// Opens an adjunct that ends an object content ("after", "despite").
    AdjunctOpener,
    /// "a", "an", "the".
    Article,
    /// A form of "be" before a passive participle ("was", "been").
    Passive,
    /// "being".
    ProgressivePassive,
    /// After a participle, makes it an adjective ("known as", "expected to").
    ParticiplePrep,
    /// Links a role to a name ("a spokesman for").
    RoleLink,
    /// A preposition inside a described speaker ("a reporter for").
    PhrasePrep,
    /// Continues a title ("secretary of state").
    TitleLink,
    /// A quantifier standing for people ("several", "another").
    LoneQuantifier,
    /// A coordinating conjunction ("and", "or").
    Coordinator,
    /// Joins two verbs of one subject ("and", "but").
    JoinsVerbs,
    /// Opens an absolute clause with its own subject ("with").
    AbsoluteOpener,
    /// A relative pronoun that opens a clause about a speaker ("who").
    Relative,
    /// A form of "say".
    Say,
    /// A participle of naming or saying not ending in -ed ("told").
    IrregularParticiple,
    /// Opens a setting after a cue ("in", "at").
    Setting,
    /// A generic noun for a business ("company", "firm"): "the company"
    /// is the company the text is about.
    Business,
    /// Joins capitalized words inside one name ("Bank *of* England", "van").
    Connector,
    /// Joins two names in one run ("Paris *and* Berlin").
    And,
    /// Links a name or role to what follows it ("Mayor Jane Doe *of* Brackwater",
    /// "head *of* the armed forces", "secretary *of* state").
    Of,
    /// Makes a name a place ("Lake", "County").
    PlaceWord,
    /// An adverb between a name and its speech verb ("Doe *also* said").
    SpeechAdverb,
    /// A preposition after which a lone unknown name is a place ("in Kessendorf").
    Locative,
    /// A verb of seeming ("seems", "appeared"): "X seemed to ..." is the
    /// writer's view of X, a claim nobody named makes.
    Seeming,
    /// A verb of seeing: it reports a view only before "that" or in "sees
    /// X as Y" ("saw him there" reports nothing).
    SeesAs,
    /// A title word of a woman ("Mrs", "queen").
    Female,
    /// A title word of a man ("Mr", "king").
    Male,
    /// The end of a woman's title word ("spokes*woman*").
    FemaleEnding,
    /// The end of a man's title word ("congress*man*").
    MaleEnding,
    /// A determiner that makes a description definite ("the", "this").
    Definite,
    /// The determiner of a description that names one known holder ("the").
    DefiniteArticle,
    /// Opens a reported clause ("said *that*").
    Complementizer,
    /// A word an apostrophe starts ("'em", "'til").
    Elision,
    /// A kinship noun one person has of another, not both ways ("father",
    /// "wife"): whoever a quote calls "my father" does not say it.
    Kin,
    /// A noun for a person or people that is no role, title or kinship of
    /// one way ("woman", "children", "sister"): a speaker it heads is a
    /// person or a group, not an organization.
    PersonNoun,
    /// A noun that names an organization ("regulator", "union",
    /// "carrier"): a description it heads is one, and a name right after it
    /// is one ("the regulator Ofgem").
    OrgNoun,
    /// A paragraph's label for the interviewer's question ("Q:",
    /// "INTERVIEWER:", "Host:").
    QuestionLabel,
    /// A paragraph's label for the interviewee's answer ("A:", "Answer:").
    AnswerLabel,
    /// A word that stands alone for what was said ("dispute *that*",
    /// "said *no*", "said *so*"): a claim's whole content.
    Pointer,
    /// An adverb particle of a phrasal verb ("backed *away*", "*back* in
    /// 2012"): as a cue verb's base form a verb only after "to" or an
    /// auxiliary; after an object-only cue, another sense of the verb.
    Particle,
    /// A word whose cue-verb and role facts the tagger's features leave
    /// out: a cue verb's form whose other senses are the common ones
    /// ("came *back*"), or a role noun listed after the weights were
    /// trained ("tenants"), so that a word list's growth does not reroll
    /// them.
    #[cfg_attr(not(feature = "tagger"), allow(dead_code))] // (read by the tagger's features)
    TaggerSkips,
    /// A noun that, in apposition after a clause, names it as a claim (",
    /// a *view* the government rejects", ", an *account* disputed by X"),
    /// as a claim noun does there.
    ApposedClaim,
    /// A cue verb's present form that is mostly a noun ("three *state*
    /// primaries", "*contests* in five states"): a verb only after a
    /// pronoun, "to" or an auxiliary, or before "that".
    NounFirst,
    /// Opens the content of a question put to someone ("asked *whether*
    /// ...", "asked *about* ...", "asked *why* ...").
    QuestionOpener,
    /// A kind of work whose title follows in quotation marks (the *book*
    /// “...”, the *show* “...”): a title, not someone's words.
    WorkNoun,
    /// A verb of going on that also attributes quotations ("he
    /// *continued*, “...”"): before "to" it is the aspect of the verb after
    /// it ("*continues* to grow"), no speech of its own.
    Aspectual,
    /// A word that, as the whole content of a verb of speaking, says that
    /// nothing was said ("said *nothing*", "told me *nothing*", "did not say
    /// *much*"): no claim.
    Nothing,
    /// The last word of a street's name ("Corrin *Street*", "Dunmore
    /// *Terrace*"): a place, whatever the tagger reads (unlike "City" or
    /// "Park", which end clubs' and films' names too).
    StreetWord,
    /// Opens the name of a storm ("*Storm* Ciara", "*Hurricane* Ida"):
    /// the name after it is no actor.
    StormWord,
    /// A participle that names the author of a document after it
    /// ("figures *published* by X", "a report *released* by X"; not
    /// "*obtained* by", "*seen* by": those name who has it).
    Authored,
    /// Carries words from one language to another ("according to the
    /// *interpreter*", "a *translation*") or from one voice to another
    /// ("*quoted* X as saying"): a conduit of the words, no source.
    Conduit,
    /// A form of a cue verb whose noun-phrase object is a thing sought or
    /// added, not words ("could not *find* a way to", "*added* two trams
    /// to"; not "*found*", what an inspection found): it reports a clause,
    /// never such an object.
    ThingObject,
    /// A share of the people asked, standing for them as a subject ("*half*
    /// said", "two-*thirds* say", "a *majority* of voters", "52 *percent*").
    Share,
    /// The end of a gerund or present participle ("speak*ing*").
    GerundEnding,
    /// The end of a past participle ("offer*ed*").
    ParticipleEnding,
    /// The end of an adverb ("final*ly*").
    AdverbEnding,
    /// The end of an adjective that modifies a role ("loc*al* residents",
    /// "Americ*an* voters"), not of a verb ("to help families").
    AdjectiveEnding,
}

// Every use has its bit (release builds would wrap a larger shift); the
// last use is the largest.
const _: () = assert!((Use::AdjectiveEnding as u32) < u64::BITS);

/// A table of `N` `u16` values stored planar: the low bytes of all, then
/// the high bytes (`build.rs`, `PLANAR`), which gzip better than `u16`s
/// when the high bytes are few and alike.
pub struct Planar<const N: usize> {
    pub lo: [u8; N],
    pub hi: [u8; N],
}

/// Value `i` of a table of 2-bit values stored four a byte, the first in
/// the low bits (`build.rs`, `CRUMBS`).
#[inline]
pub fn crumb(bytes: &[u8], i: usize) -> u8 {
    use crate::at::At;
    *bytes.at(i / 4) >> (i % 4 * 2) & 3
}

impl<const N: usize> Planar<N> {
    /// Value `i`.
    #[inline]
    pub fn get(&self, i: usize) -> u16 {
        use crate::at::At;
        u16::from(*self.lo.at(i)) | u16::from(*self.hi.at(i)) << 8
    }
}
