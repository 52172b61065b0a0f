//! Typed lookups over the word lists in `lexicons/*.tsv`.
//!
//! The lists say *which* words are cues, titles, places...; the pipeline
//! decides how they are used. `build.rs` reads the files at build time and
//! turns them into static sorted tables (`tables.rs`, searched with
//! `keys.rs`), so nothing is parsed at run time.

use crate::annotation::Stance;
use crate::at::{At, Part};
use std::borrow::Cow;
use std::sync::OnceLock;

mod keys;
#[cfg(test)]
mod parse;
mod tables;
#[cfg(test)]
mod tests;
mod types;
use crate::case::{lower_char, Lower};
pub(crate) use keys::hash;
use keys::Keys;
use types::crumb;
pub use types::{CuePhrase, CueVerb, Frames, Gender, Known, PlaceKind, Role, Use, Uses, WordClass};

/// All lexicons, as static tables built from `lexicons/*.tsv` by `build.rs`.
pub struct Lexicon {
    /// What is built from the tables, all at once on first use: the first
    /// annotation needs all of it, and one `OnceLock` type has one copy of
    /// its initialisation code in the `.wasm`, not one a field.
    derived: OnceLock<Derived>,
    known: [OnceLock<Known>; tables::KNOWN_COUNT],
}

/// [`Lexicon::derived`].
struct Derived {
    cue_phrases: Vec<CuePhrase>,
    anonymity_markers: Vec<Vec<String>>,
    /// First word → its block of `cue_phrases` / `anonymity_markers`.
    phrase_blocks: FirstWords,
    marker_blocks: FirstWords,
    /// The words of the sets [`Lexicon::facts`] asks about.
    fact_words: FactWords,
    /// For each [`Use`], the [`shape`]s of the words that have it.
    use_shapes: [u64; 64],
}

/// A word's length and first and last bytes, folded into 0..64: a word
/// whose shape no word of a use has cannot have that use, and most words
/// asked about (any word after a role noun: "of"?) are told apart so,
/// without a look-up.
fn shape(word: &[u8]) -> u32 {
    match (word.first(), word.last()) {
        (Some(&a), Some(&z)) => (word.len() as u32 * 7 + u32::from(a) * 3 + u32::from(z)) & 63,
        _ => 0,
    }
}

/// For a list sorted by first word: where each first word's block is. One
/// hash lookup a token, which matters on the hot path (every token asks).
struct FirstWords {
    /// Each first word and its block.
    blocks: Vec<(&'static str, std::ops::Range<usize>)>,
    table: keys::Table,
}

impl FirstWords {
    /// The blocks of a list of phrases, a line each, words between spaces.
    fn new(lines: &'static str) -> FirstWords {
        let mut blocks: Vec<(&'static str, std::ops::Range<usize>)> = Vec::new();
        for (i, w) in lines
            .lines()
            .map(|l| l.split(' ').next().unwrap_or(l))
            .enumerate()
        {
            match blocks.iter_mut().rev().find(|(b, _)| *b == w) {
                Some((_, r)) => r.end = i + 1,
                None => blocks.push((w, i..i + 1)),
            }
        }
        let table = keys::Table::build(blocks.len(), |n| blocks.at(n).0.as_bytes());
        FirstWords { blocks, table }
    }

    fn get(&self, word: &str) -> std::ops::Range<usize> {
        self.table
            .find(word.as_bytes(), |n| self.blocks.at(n).0.as_bytes())
            .map_or(0..0, |n| self.blocks.at(n).1.clone())
    }
}

/// Every lowercase key of the sets [`Lexicon::facts`] asks about, with
/// the [`fact`] bits of the sets it is in: one probe a word instead of one
/// a set. A word in several sets has one entry, the first (the one a
/// look-up finds), holding all its bits.
struct FactWords {
    words: Vec<(&'static [u8], u8)>,
    table: keys::Table,
}

impl Derived {
    fn new() -> Derived {
        let cue_phrases: Vec<CuePhrase> = tables::CUE_PHRASES
            .lines()
            .enumerate()
            .map(|(i, words)| CuePhrase::unpack(words, tables::CUE_PHRASE_VALUES.get(i)))
            .collect();
        let anonymity_markers: Vec<Vec<String>> = tables::ANONYMITY_MARKERS
            .lines()
            .map(|m| m.split(' ').map(str::to_string).collect())
            .collect();
        let phrase_blocks = FirstWords::new(tables::CUE_PHRASES);
        let marker_blocks = FirstWords::new(tables::ANONYMITY_MARKERS);

        let mut words: Vec<(&'static [u8], u8)> = Vec::new();
        for (set, bit) in [
            (&tables::GRAMMAR, fact::GRAMMAR),
            (&tables::CUE_VERBS, fact::CUE_VERB),
            (&tables::CUE_NOUNS, fact::CUE_NOUN),
            (&tables::ROLES, fact::ROLE),
            (&tables::PRONOUNS, fact::PRONOUN),
            (&tables::FUNCTION_WORDS, fact::USES),
        ] {
            words.extend((0..set.count()).map(|n| (set.key(n).as_bytes(), bit)));
        }
        for (blocks, bit) in [
            (&phrase_blocks, fact::CUE_PHRASE),
            (&marker_blocks, fact::MARKER),
        ] {
            words.extend(blocks.blocks.iter().map(|(w, _)| (w.as_bytes(), bit)));
        }
        let table = keys::Table::build(words.len(), |n| words.at(n).0);
        for i in 0..words.len() {
            match table.find(words.at(i).0, |n| words.at(n).0) {
                Some(first) if first != i => words.at_mut(first).1 |= words.at(i).1,
                _ => {}
            }
        }

        let mut use_shapes = [0u64; 64];
        for n in 0..tables::FUNCTION_WORDS.count() {
            let value = *tables::FUNCTION_WORDS_VALUES.at(n);
            let mut uses = tables::FUNCTION_WORD_USES.at(usize::from(value)).0;
            let bit = 1 << shape(tables::FUNCTION_WORDS.key(n).as_bytes());
            while uses != 0 {
                use_shapes[uses.trailing_zeros() as usize] |= bit;
                uses &= uses - 1;
            }
        }
        Derived {
            cue_phrases,
            anonymity_markers,
            phrase_blocks,
            marker_blocks,
            fact_words: FactWords { words, table },
            use_shapes,
        }
    }
}

/// The lexicon. Lookups search static tables; only what [`Derived`] holds
/// and the [`Known`] entries that are asked for are built, on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: Lexicon = Lexicon {
        derived: OnceLock::new(),
        known: [const { OnceLock::new() }; tables::KNOWN_COUNT],
    };
    &LEXICON
}

/// Which lexicons a token's lowercase form may be in: one bit a set, worked
/// out once a token by [`Lexicon::facts`] (one lowercasing, one hash, a
/// probe a set) so that the stages skip the look-ups of words in none (most
/// words asked about). A clear bit is certain (the look-up would fail); a
/// set bit says to ask the lexicon.
pub mod fact {
    /// [`super::Lexicon::word_class`].
    pub const GRAMMAR: u8 = 1;
    /// [`super::Lexicon::cue_verb`].
    pub const CUE_VERB: u8 = 2;
    /// [`super::Lexicon::cue_noun`].
    pub const CUE_NOUN: u8 = 4;
    /// [`super::Lexicon::cue_phrases_starting_with`] (the lowercase word).
    pub const CUE_PHRASE: u8 = 8;
    /// [`super::Lexicon::role`].
    pub const ROLE: u8 = 16;
    /// [`super::Lexicon::pronoun`].
    pub const PRONOUN: u8 = 32;
    /// [`super::Lexicon::anonymity_markers_starting_with`] (the lowercase word).
    pub const MARKER: u8 = 64;
    /// [`super::Lexicon::uses_lower`] and [`super::Lexicon::uses`] (the
    /// word lowercase or as written).
    pub const USES: u8 = 128;
    /// Every bit: nothing is known, ask.
    pub const ALL: u8 = 0xff;
}

/// [`Lexicon::name_kinds`].
#[cfg(feature = "tagger")]
pub(crate) struct NameKinds {
    pub(crate) given: bool,
    /// `Some(is_place)` for a known place or organization.
    pub(crate) known: Option<bool>,
    pub(crate) demonym: bool,
    pub(crate) org_head: bool,
    pub(crate) not_name: bool,
}

/// Bits of `tables::TITLES_VALUES`.
const TITLE: u8 = 1;
const TITLE_START: u8 = 2;
const HONORIFIC: u8 = 4;
const OFFICE: u8 = 8;
/// Bits of `tables::NOT_NAMES_VALUES`.
const BREAKS_NAME: u8 = 1;
const LABEL: u8 = 2;

impl Lexicon {
    /// The class of a closed-class word (lowercase lookup).
    /// Words in capitals are acronyms here ("US", "IT"), not grammar.
    pub fn word_class(&self, word: &str) -> Option<WordClass> {
        if acronym(word) {
            return None;
        }
        with_lower(word, |w| {
            value(&tables::GRAMMAR, &tables::GRAMMAR_VALUES, w)
        })
    }

    /// The [`fact`] bits of a token: for each lowercase look-up, whether
    /// the token may be found. Words longer than 32 bytes, and words not
    /// ASCII that lowercasing changes, get [`fact::ALL`] (their look-ups
    /// are made as before).
    pub fn facts(&'static self, word: &str) -> u8 {
        const MAX: usize = 32;
        let bytes = word.as_bytes();
        if bytes.len() > MAX {
            return fact::ALL;
        }
        if !bytes.is_ascii() {
            // A word lowercasing leaves as it is ("“", "—", "café": every
            // form a look-up asks, and the tagger's, is the word itself) is
            // looked up as it is; any other keeps `fact::ALL`.
            if !word.chars().all(|c| c != '’' && lower_char(c) == c) {
                return fact::ALL;
            }
            let all = self.fact_words();
            return all
                .table
                .find(bytes, |n| all.words.at(n).0)
                .map_or(0, |n| all.words.at(n).1);
        }
        let mut buf = [0u8; MAX];
        // (Not `copy_from_slice`, whose length check is a panic location.)
        for (d, &s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        let w = buf.sub(..bytes.len());
        let all = self.fact_words();
        let mut bits = all
            .table
            .find(w, |n| all.words.at(n).0)
            .map_or(0, |n| all.words.at(n).1);
        if bits & fact::USES == 0 && w != bytes && tables::FUNCTION_WORDS.contains(word) {
            bits |= fact::USES; // a function word as written ("US")
        }
        bits
    }

    fn fact_words(&'static self) -> &'static FactWords {
        &self.derived().fact_words
    }

    fn derived(&self) -> &Derived {
        self.derived.get_or_init(Derived::new)
    }

    /// A verb form of saying, thinking or disputing (lowercase lookup).
    pub fn cue_verb(&self, word: &str) -> Option<CueVerb> {
        with_lower(word, |w| {
            tables::CUE_VERBS
                .find(w)
                .map(|i| CueVerb::unpack(tables::CUE_VERBS_VALUES.get(i)))
        })
    }

    /// Multiword cues, longest first is up to the caller.
    pub fn cue_phrases(&self) -> &[CuePhrase] {
        &self.derived().cue_phrases
    }

    /// A noun naming a claim ("claims", "denial").
    pub fn cue_noun(&self, word: &str) -> Option<Stance> {
        with_lower(word, |w| {
            value(&tables::CUE_NOUNS, &tables::CUE_NOUNS_VALUES, w)
        })
    }

    /// True when the lowercase phrase is a title ("secretary of state").
    pub fn is_title(&self, phrase: &str) -> bool {
        with_lower(phrase, title_bits) & TITLE != 0
    }

    /// True when a title starts with this word.
    pub fn starts_title(&self, word: &str) -> bool {
        with_lower(word, title_bits) & TITLE_START != 0
    }

    /// [`Lexicon::is_title`] or [`Lexicon::is_honorific`], and
    /// [`Lexicon::starts_title`], of a word: one look-up for the three.
    #[cfg_attr(not(feature = "tagger"), allow(dead_code))] // the tagger's flags
    pub fn title_kinds(&self, word: &str) -> (bool, bool) {
        let bits = with_lower(word, title_bits);
        (bits & (TITLE | HONORIFIC) != 0, bits & TITLE_START != 0)
    }

    /// [`Lexicon::title_kinds`] and [`Lexicon::is_common_word`] of a word
    /// in lowercase ASCII (the tagger's flags, of each distinct word): the
    /// same answers, without lowercasing the word again for each.
    #[cfg(feature = "tagger")]
    pub(crate) fn lower_ascii_kinds(&self, lower: &str) -> (bool, bool, bool) {
        // (`with_lower` passes such a word on as it is)
        debug_assert!(lower.bytes().all(|b| b < 0x80 && !b.is_ascii_uppercase()));
        // (one hash of the word for both sets, unless it ends in a period)
        let (h, key, key_hash) = hashes(lower);
        let bits = tables::TITLES
            .find_hashed(key, key_hash)
            .map_or(0, |i| *tables::TITLES_VALUES.at(i));
        (
            bits & (TITLE | HONORIFIC) != 0,
            bits & TITLE_START != 0,
            !acronym(lower) && tables::COMMON_WORDS.find_hashed(lower, h).is_some(),
        )
    }

    /// True when the lowercase phrase is a public office ("minister",
    /// "secretary of state"; titles.tsv's kind `office`).
    pub fn is_office(&self, phrase: &str) -> bool {
        with_lower(phrase, title_bits) & OFFICE != 0
    }

    /// True for "Mr", "Mrs", "Dr" and the like.
    pub fn is_honorific(&self, word: &str) -> bool {
        with_lower(word, title_bits) & HONORIFIC != 0
    }

    /// A role noun heading a description ("official", "gunmen").
    pub fn role(&self, word: &str) -> Option<Role> {
        with_lower(word, |w| {
            value(&tables::ROLES, &tables::ROLES_VALUES, w).map(Role::unpack)
        })
    }

    /// Phrases marking an anonymous source, as lowercase word lists.
    pub fn anonymity_markers(&self) -> &[Vec<String>] {
        &self.derived().anonymity_markers
    }

    /// The cue phrases whose first word is `word` (lowercase).
    pub fn cue_phrases_starting_with(&'static self, word: &str) -> &'static [CuePhrase] {
        self.cue_phrases().sub(self.phrase_blocks().get(word))
    }

    fn phrase_blocks(&'static self) -> &'static FirstWords {
        &self.derived().phrase_blocks
    }

    /// The anonymity markers whose first word is `word` (lowercase).
    pub fn anonymity_markers_starting_with(&'static self, word: &str) -> &'static [Vec<String>] {
        self.anonymity_markers().sub(self.marker_blocks().get(word))
    }

    fn marker_blocks(&'static self) -> &'static FirstWords {
        &self.derived().marker_blocks
    }

    /// A common given name, as written ("Maria").
    pub fn is_given_name(&self, word: &str) -> bool {
        tables::GIVEN_NAMES.contains(word)
    }

    /// The gender most bearers of a given name have in the news, when the
    /// list is sure of it ("Maria": female).
    pub fn given_name_gender(&self, word: &str) -> Option<Gender> {
        match value(&tables::GIVEN_NAMES, &tables::GIVEN_NAMES_VALUES, word) {
            Some(1) => Some(Gender::Female),
            Some(2) => Some(Gender::Male),
            _ => None,
        }
    }

    /// A known place or organization by any of its written forms.
    pub fn known(&self, name: &str) -> Option<&Known> {
        Some(self.known_at(tables::KNOWN.find(name)?))
    }

    /// Known name number `n`.
    fn known_at(&self, n: usize) -> &Known {
        self.known.at(n).get_or_init(|| {
            let place_kind = match n {
                _ if n < tables::KNOWN_POLITIES => None,
                _ if n < tables::KNOWN_CITIES => Some(PlaceKind::Polity),
                _ => Some(PlaceKind::City),
            };
            let canonical = tables::KNOWN.head(n);
            Known {
                canonical: tables::KNOWN.key(canonical).to_string(),
                is_place: place_kind.is_some(),
                place_kind,
            }
        })
    }

    /// What the tagger asks of a capitalized word as written, the word
    /// hashed once for the five sets: whether it is a given name
    /// ([`Lexicon::is_given_name`]), a known place or organization
    /// ([`Lexicon::known`]: `Some(is_place)`), a demonym
    /// ([`Lexicon::demonym`]), an organization's head word
    /// ([`Lexicon::is_org_head`]) and no name ([`Lexicon::is_not_name`]).
    #[cfg(feature = "tagger")]
    pub(crate) fn name_kinds(&self, word: &str) -> NameKinds {
        let (h, head, head_hash) = hashes(word);
        NameKinds {
            given: tables::GIVEN_NAMES.find_hashed(word, h).is_some(),
            known: tables::KNOWN
                .find_hashed(word, h)
                .map(|n| self.known_at(n).is_place),
            demonym: tables::DEMONYMS.find_hashed(word, h).is_some(),
            org_head: tables::ORG_HEADS.find_hashed(head, head_hash).is_some(),
            not_name: match tables::NOT_NAMES.find_hashed(word, h) {
                Some(_) => true,
                None => capitals_bits(word).is_some(),
            },
        }
    }

    /// The place a demonym refers to ("French" → "France").
    pub fn demonym(&self, word: &str) -> Option<&str> {
        let place = usize::from(tables::DEMONYMS_VALUES.get(tables::DEMONYMS.find(word)?));
        Some(match place & 0x8000 {
            0 => tables::KNOWN.key(place),
            _ => *tables::DEMONYM_PLACES.at(place & 0x7fff),
        })
    }

    /// A demonym, or a national's noun made of one ("Dutchman",
    /// "Frenchwomen"): a word that names where someone is from, no name.
    pub fn national(&self, word: &str) -> bool {
        self.demonym(word).is_some()
            || ["man", "woman", "men", "women"].iter().any(|end| {
                word.strip_suffix(end)
                    .is_some_and(|s| self.demonym(s).is_some())
            })
    }

    /// A word that marks an organization name ("Council", "Ministry").
    pub fn is_org_head(&self, word: &str) -> bool {
        tables::ORG_HEADS.contains(word.trim_end_matches('.'))
    }

    /// A role noun that names a body ("the regulator", "the ministry",
    /// "the union"), not people ("the public", "the staff"): an
    /// organization's noun (`org_noun` in `function_words.tsv`) or a
    /// collective role whose capitalized form heads organizations' names.
    pub fn is_body(&self, role_word: &str) -> bool {
        if self.is(role_word, Use::OrgNoun) {
            return true;
        }
        // (the role first: the capitalized form, a `String`, only for a
        // collective role, few of the words asked)
        if !self.role(role_word).is_some_and(|r| r.collective) {
            return false;
        }
        // (its first byte uppercased when ASCII: no `String` of `char`s)
        let mut capitalized = role_word.to_string();
        if let Some(first) = capitalized.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        self.is_org_head(&capitalized)
    }

    /// A capitalized word that is never a name by itself (weekday, label...).
    /// All-capitals words are looked up in title case ("WORLD" as "World").
    pub fn is_not_name(&self, word: &str) -> bool {
        self.not_name(word).is_some()
    }

    /// A page label ("Related", "Photo", "World") that may be glued to the next word.
    pub fn is_label(&self, word: &str) -> bool {
        not_name_bits(word).is_some_and(|bits| bits & LABEL != 0)
    }

    /// A word that cannot be part of a name at all (weekday, month, label,
    /// function word), as opposed to one that only cannot stand alone.
    pub fn breaks_name(&self, word: &str) -> bool {
        self.not_name(word) == Some(true)
    }

    fn not_name(&self, word: &str) -> Option<bool> {
        if let Some(bits) = not_name_bits(word) {
            return Some(bits & BREAKS_NAME != 0);
        }
        capitals_bits(word).map(|bits| bits & BREAKS_NAME != 0)
    }

    /// [`Lexicon::is_label`], or a label in capitals ("UPDATE").
    pub fn is_label_in_any_case(&self, word: &str) -> bool {
        not_name_bits(word)
            .or_else(|| capitals_bits(word))
            .is_some_and(|bits| bits & LABEL != 0)
    }

    /// A common English word (lowercase lookup).
    /// Words in capitals are acronyms ("US", "AIDS"), never common words.
    pub fn is_common_word(&self, word: &str) -> bool {
        if acronym(word) {
            return false;
        }
        with_lower(word, |w| tables::COMMON_WORDS.contains(w))
    }

    /// An abbreviation whose period does not end a sentence (without the period).
    /// Entries written with a capital ("No.", "Sen.") match only capitalized
    /// words; lowercase entries ("a.m.", "etc.") match any case.
    /// The word a title abbreviation stands for: "Sen." -> "senator".
    pub fn expand_title(&self, word: &str) -> Option<&'static str> {
        value(
            &tables::TITLE_EXPANSIONS,
            &tables::TITLE_EXPANSIONS_VALUES,
            word.trim_end_matches('.'),
        )
    }

    /// The plainer nouns, comma-separated, that a holder of `title`
    /// (lowercase, spelled out) is called by after "the": "senator" ->
    /// "lawmaker,legislator".
    pub fn title_also(&self, title: &str) -> Option<&'static str> {
        value(&tables::TITLE_ALSO, &tables::TITLE_ALSO_VALUES, title)
    }

    pub fn is_abbreviation(&self, word: &str) -> bool {
        let w = word.trim_end_matches('.');
        if tables::ABBREVIATIONS.contains(w) {
            return true;
        }
        // Only a word with capitals has a different lowercase form.
        if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return false;
        }
        let lower_w = w.lower();
        lower_w != w && tables::ABBREVIATIONS.contains(&lower_w)
    }
}

/// The value stored for `key` in a table and its parallel value array.
fn value<T: Copy>(keys: &Keys, values: &[T], key: &str) -> Option<T> {
    keys.find(key).map(|i| *values.at(i))
}

/// A word in capitals of two characters or more ("US", "U.N."): its
/// letters all capitals or periods. (Most words are told by their first
/// byte: ASCII, neither a capital nor a period.)
fn acronym(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(&b) if b < 0x80 && !b.is_ascii_uppercase() && b != b'.' => false,
        _ => {
            word.chars()
                .all(|c| crate::letters::is_uppercase(c) || c == '.')
                && word.chars().nth(1).is_some()
        }
    }
}

/// The `TITLE*` bits of a lowercase word or phrase, without its final periods.
fn title_bits(phrase: &str) -> u8 {
    let key = phrase.trim_end_matches('.');
    value(&tables::TITLES, &tables::TITLES_VALUES, key).unwrap_or(0)
}

/// The hash of `word`, the word without its closing periods (as the
/// titles and organizations' heads are listed) and that one's hash: one
/// hash when there is no period.
#[inline(always)]
#[cfg(feature = "tagger")] // (its two callers are the tagger's)
fn hashes(word: &str) -> (u32, &str, u32) {
    let h = hash(word.as_bytes());
    let trimmed = word.trim_end_matches('.');
    let trimmed_hash = if trimmed.len() == word.len() {
        h
    } else {
        hash(trimmed.as_bytes())
    };
    (h, trimmed, trimmed_hash)
}

/// The `not_names.tsv` bits of a word not in the list as written: a word in
/// capitals of four characters or more is asked in title case.
fn capitals_bits(word: &str) -> Option<u8> {
    if word.chars().all(|c| !crate::letters::is_lowercase(c)) && word.chars().nth(3).is_some() {
        let mut chars = word.chars();
        let first = chars.next()?;
        let mut title = String::new();
        title.push(first);
        for c in chars {
            title.push(lower_char(c));
        }
        return not_name_bits(&title);
    }
    None
}

/// The bits of a word as written in `not_names.tsv`.
fn not_name_bits(word: &str) -> Option<u8> {
    tables::NOT_NAMES
        .find(word)
        .map(|i| crumb(&tables::NOT_NAMES_VALUES, i))
}

/// The form lowercase lookups search: lowercase, with ’ written '.
fn lower(word: &str) -> String {
    word.lower().replace('’', "'")
}

/// Calls `f` with [`lower`]`(word)`, without allocating for the words
/// lookups are asked about nearly every time: ASCII, at most 32 bytes (for
/// ASCII, lowercasing only maps `A`-`Z`, and there is no ’ to replace).
/// Lookups run several times a token, and an allocation each was a good
/// part of the engine's time, more so in WASM.
#[inline]
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; LOWER_MAX];
    f(&lowered(word, &mut buf))
}

const LOWER_MAX: usize = 32;

/// [`with_lower`]'s lowercasing, not generic: one copy in the `.wasm`, not
/// one inlined in each of the dozen look-ups that call it.
#[inline(never)]
fn lowered<'a>(word: &'a str, buf: &'a mut [u8; LOWER_MAX]) -> Cow<'a, str> {
    let bytes = word.as_bytes();
    // (most words: ASCII without a capital, read in one pass)
    if bytes.iter().all(|&b| b < 0x80 && !b.is_ascii_uppercase()) {
        return Cow::Borrowed(word);
    }
    // (the rare words out of line: this path, a capitalized ASCII word,
    // runs hundreds of times an article and keeps few registers)
    if bytes.len() > LOWER_MAX || !bytes.is_ascii() {
        return lowered_rare(word, buf);
    }
    // (a byte loop, not `copy_from_slice`: no panic location)
    for (d, &s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    Cow::Borrowed(crate::case::whole_chars(buf.sub(..bytes.len())))
}

/// [`lowered`] of a word longer than [`LOWER_MAX`] or not ASCII.
#[cold]
#[inline(never)]
fn lowered_rare<'a>(word: &'a str, buf: &'a mut [u8; LOWER_MAX]) -> Cow<'a, str> {
    if word.len() > LOWER_MAX {
        return Cow::Owned(lower(word));
    }
    // One character of three bytes but ’ ("“", "—"): U+0800 and above,
    // which `lower_char` leaves as it is.
    if word.len() == 3 && word.as_bytes().first() >= Some(&0xE0) && word != "’" {
        return Cow::Borrowed(word);
    }
    // A word that is not ASCII ("“", "’s", "Łódź"), character by
    // character into the buffer as `lower` writes it (no `String` a
    // look-up: a curly quotation mark was one in every scan that met
    // it). Lowercasing never makes a character longer in UTF-8
    // (`lower_char` keeps each one's length but "İ"'s, and ’ becomes
    // one byte), so the word fits.
    let mut n = 0;
    for c in word.chars() {
        let c = match c {
            '’' => '\'',
            c => lower_char(c),
        };
        match buf.get_mut(n..n + c.len_utf8()) {
            Some(d) => n += c.encode_utf8(d).len(),
            None => return Cow::Owned(lower(word)),
        }
    }
    Cow::Borrowed(crate::case::whole_chars(buf.sub(..n)))
}

// Pronouns: `pronouns.tsv`, the words `src/attribution/` refers to actors with.

/// A personal pronoun that can stand for an actor (`pronouns.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pronoun {
    /// A subject form ("he", "they", "i").
    pub subject: bool,
    /// An object-only form ("him", "them", "her").
    pub object: bool,
    /// A possessive ("his", "their", "her").
    pub possessive: bool,
    /// A reflexive ("herself").
    pub reflexive: bool,
    /// Third person (not "i", "we").
    pub third_person: bool,
    /// What kind of actor it can stand for.
    pub refers: Refers,
    /// The gender it names, for "he" and "she".
    pub gender: Option<Gender>,
}

/// What a pronoun can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refers {
    /// A person ("he", "she", "i").
    Person,
    /// An organization or a place ("it").
    Thing,
    /// A person, a group, an organization or a place ("they", "we").
    Any,
}

impl Lexicon {
    /// A personal pronoun (lowercase lookup).
    pub fn pronoun(&self, word: &str) -> Option<Pronoun> {
        with_lower(word, |w| {
            value(&tables::PRONOUNS, &tables::PRONOUNS_VALUES, w)
        })
    }

    /// "I'd", "We've", "they’re": a personal pronoun and a contracted
    /// auxiliary in one word.
    pub fn is_pronoun_contraction(&self, word: &str) -> bool {
        word.contains(['\'', '’'])
            && word
                .split(['\'', '’'])
                .next()
                .is_some_and(|p| self.pronoun(p).is_some())
    }

    /// The uses of a word as written (lowercase entries match only
    /// lowercase words).
    pub fn uses(&self, word: &str) -> Uses {
        value(
            &tables::FUNCTION_WORDS,
            &tables::FUNCTION_WORDS_VALUES,
            word,
        )
        .map_or(Uses::default(), |i| {
            *tables::FUNCTION_WORD_USES.at(usize::from(i))
        })
    }

    /// The uses of a word in any case (lowercased as other lookups are).
    pub fn uses_lower(&self, word: &str) -> Uses {
        with_lower(word, |w| self.uses(w))
    }

    /// True when `word`, exactly as written, has use `u`.
    pub fn is(&self, word: &str, u: Use) -> bool {
        let shapes = &self.derived().use_shapes;
        shapes[u as usize] >> shape(word.as_bytes()) & 1 == 1 && self.uses(word).has(u)
    }

    /// True when `word` has use `u` in any ASCII case ("That", "THAT").
    pub fn is_any_case(&self, word: &str, u: Use) -> bool {
        word.is_ascii() && self.uses_lower(word).has(u)
    }

    /// The gender a title word shows, ASCII case ignored: "Mrs", "queen",
    /// "spokeswoman" are a woman's, "Mr", "king", "congressman" a man's.
    pub fn title_gender(&self, word: &str) -> Option<Gender> {
        let ends = |u: Use| {
            tables::WORD_ENDINGS.iter().any(|&(end, e)| {
                e == u
                    && word.len() >= end.len()
                    && word.is_char_boundary(word.len() - end.len())
                    && word
                        .part(word.len() - end.len()..)
                        .eq_ignore_ascii_case(end)
            })
        };
        // (one look-up for both genders: `is_any_case` of each)
        let uses = if word.is_ascii() {
            self.uses_lower(word)
        } else {
            Uses::default()
        };
        if uses.has(Use::Female) || ends(Use::FemaleEnding) {
            Some(Gender::Female)
        } else if uses.has(Use::Male) || ends(Use::MaleEnding) {
            Some(Gender::Male)
        } else {
            None
        }
    }

    /// True when `word` ends, as written, in an ending of use `u`
    /// ("finally": [`Use::AdverbEnding`]).
    pub fn has_ending(&self, word: &str, u: Use) -> bool {
        tables::WORD_ENDINGS
            .iter()
            .any(|&(end, e)| e == u && word.ends_with(end))
    }
}

#[cfg(test)]
mod lowered_tests {
    use super::{fact, lexicon, lower, lowered, LOWER_MAX};

    #[test]
    fn lowered_is_lower_without_a_string() {
        for w in [
            "said",
            "Said",
            "“",
            "’s",
            "don’t",
            "ÉLYSÉE",
            "Łódź",
            "İstanbul",
            "МОСКВА",
            "—",
            "«",
            "東京",
            "a’b’c’d’e’f’g’h’i’j’",
            "ééééééééééééééééé",
        ] {
            let mut buf = [0u8; LOWER_MAX];
            let got = lowered(w, &mut buf);
            assert_eq!(got, lower(w), "{w}");
            if w.len() <= LOWER_MAX {
                assert!(matches!(got, std::borrow::Cow::Borrowed(_)), "{w}");
            }
        }
    }

    #[test]
    fn words_lowercasing_keeps_get_facts() {
        let lex = lexicon();
        for w in ["“", "—", "«", "café"] {
            assert_eq!(lex.facts(w), 0, "{w}");
        }
        // (changed by lowercasing: asked as before)
        for w in ["’s", "Café", "don’t"] {
            assert_eq!(lex.facts(w), fact::ALL, "{w}");
        }
        assert_ne!(lex.facts(","), fact::ALL);
        // (a key that is not ASCII is found: "fiancé" is a function word)
        assert_ne!(lex.facts("fiancé") & fact::USES, 0);
    }
}

#[cfg(test)]
mod word_use_tests {
    use super::{lexicon, Gender, Use};

    #[test]
    fn words_are_matched_as_written() {
        let lex = lexicon();
        assert!(lex.is("of", Use::Connector) && lex.is("of", Use::Of));
        assert!(!lex.is("Of", Use::Connector));
        assert!(lex.is("&", Use::And));
        assert!(lex.is("Lake", Use::PlaceWord) && !lex.is("lake", Use::PlaceWord));
        assert!(lex.is("em", Use::Elision));
        assert!(!lex.is("said", Use::SpeechAdverb));
        assert!(lex.is_any_case("THAT", Use::Complementizer));
        assert!(!lex.is("THAT", Use::Complementizer));
    }

    #[test]
    fn title_words_show_a_gender() {
        let lex = lexicon();
        assert_eq!(lex.title_gender("MRS"), Some(Gender::Female));
        assert_eq!(lex.title_gender("Chairwoman"), Some(Gender::Female));
        assert_eq!(lex.title_gender("Congressman"), Some(Gender::Male));
        assert_eq!(lex.title_gender("Sir"), Some(Gender::Male));
        assert_eq!(lex.title_gender("senator"), None);
        assert_eq!(lex.title_gender("Ms̈"), None);
    }

    #[test]
    fn endings_are_matched_as_written() {
        let lex = lexicon();
        assert!(lex.has_ending("finally", Use::AdverbEnding));
        assert!(lex.has_ending("offered", Use::ParticipleEnding));
        assert!(lex.has_ending("Boosting", Use::GerundEnding));
        assert!(!lex.has_ending("FINALLY", Use::AdverbEnding));
        assert!(!lex.has_ending("offered", Use::AdverbEnding));
        // Only endings are endings: "of" is a word.
        assert!(!lex.has_ending("thereof", Use::Of));
    }
}
