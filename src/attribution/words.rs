//! Shared word and clause tests the stages use: which words may stand
//! between a subject and its verb, which pronouns stand for a speaker, where
//! the main clause begins, and how far back a speaker may stand. Takes a
//! [`Doc`] and token positions; imports no other attribution module.

use crate::lexicon::{lexicon, Refers, Use, WordClass};
use crate::text::{Doc, Lower, TokenKind};

/// Speaker words never reach back past an opening or closing quotation.
/// Speakers stand close to their cue: the search never reaches back more
/// than a bounded number of tokens, which keeps long sentences linear.
pub const REACH: usize = 60;

pub fn left_bound(doc: &Doc, start: usize, t: usize) -> usize {
    let start = start.max(t.saturating_sub(REACH));
    let mut b = t;
    while b > start {
        if doc.in_quote[b - 1].is_some() {
            return b;
        }
        b -= 1;
    }
    start
}

/// Where the main clause begins: after the comma that closes an opening
/// adverbial clause or phrase ("After the Paris attacks, ...", "While not
/// everything he says is true, ..."), which holds no subject of its own.
pub fn opener_end(doc: &Doc, start: usize, end: usize) -> usize {
    let opener = start < end && {
        let w = doc.tok(start).lower();
        let coordinating = word_is(&w, Use::Coordinator);
        !coordinating
            && matches!(
                crate::lexicon::lexicon().word_class(&w),
                Some(crate::lexicon::WordClass::Prep | crate::lexicon::WordClass::Conj)
            )
    };
    if !opener {
        return start;
    }
    (start..end.min(start + 25))
        .find(|&t| doc.tok(t) == "," && doc.in_quote[t].is_none())
        .map_or(start, |c| c + 1)
}

/// A word that may stand between a subject and its verb: an auxiliary, a
/// negation, an adverb ("has not", "also", "repeatedly") or an emphatic
/// reflexive ("herself").
pub fn is_skippable(doc: &Doc, t: usize) -> bool {
    let w = doc.tok(t).lower();
    if doc.tokens[t].kind != TokenKind::Word {
        return false;
    }
    matches!(
        lexicon().word_class(&w),
        Some(WordClass::Aux | WordClass::Neg)
    ) || (w.ends_with("ly") && w.len() > 4)
        // "Jane Doe on Thursday" needs its "on", but "Jane Doe later Thursday
        // told" does not.
        || (w.ends_with("day") && lexicon().is_not_name(doc.tok(t)))
        || word_is(&w, Use::Between)
        // "Jane Doe herself said"
        || lexicon().pronoun(&w).is_some_and(|p| p.reflexive)
}

/// "he", "she", "it", "they", "we", "I" (any case): a subject pronoun that
/// can stand for an actor.
pub fn is_subject_pronoun(w: &str) -> bool {
    lexicon().pronoun(w).is_some_and(|p| p.subject)
}

/// "he", "she", "they" (or "He", "She", "They", not "HE"): the pronouns
/// that can stand for a clause's speaker.
pub fn is_personal_pronoun(w: &str) -> bool {
    let mut rest = w.chars().skip(1);
    rest.all(char::is_lowercase)
        && lexicon()
            .pronoun(w)
            .is_some_and(|p| p.subject && p.third_person && p.refers != Refers::Thing)
}

/// A subject pronoun as running text writes it after a quotation ("“...,”
/// she said"): in lowercase, or the one-letter "I".
pub fn is_subject_pronoun_as_written(w: &str) -> bool {
    (w.len() == 1 || !w.chars().any(char::is_uppercase)) && is_subject_pronoun(w)
}

/// "his", "her", "their", "its" (in lowercase): the owner of a claim noun
/// ("her promise").
pub fn is_possessive_pronoun(w: &str) -> bool {
    !w.chars().any(char::is_uppercase)
        && lexicon()
            .pronoun(w)
            .is_some_and(|p| p.possessive && p.third_person)
}

/// "another", "one", "others", "several": a quantifier standing for people.
pub fn lone_quantifier(doc: &Doc, t: usize) -> bool {
    word_is_any_case(doc.tok(t), Use::LoneQuantifier)
}

/// True when word `w`, as written, has use `u` in `attribution_words.tsv`.
pub fn word_is(w: &str, u: Use) -> bool {
    lexicon().uses(w).has(u)
}

/// True when word `w`, in any case, has use `u` in `attribution_words.tsv`.
pub fn word_is_any_case(w: &str, u: Use) -> bool {
    lexicon().uses_lower(w).has(u)
}
