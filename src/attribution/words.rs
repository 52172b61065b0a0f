//! Shared word and clause tests the stages use: which words may stand
//! between a subject and its verb, which pronouns stand for a speaker, where
//! the main clause begins, and how far back a speaker may stand. Takes a
//! [`Doc`] and token positions; imports no other attribution module.

use crate::lexicon::{fact, lexicon, Refers, Use, WordClass};
use crate::text::{lower_in, Doc, Lower, TokenKind, LOW_MAX};

/// Speakers stand close to their cue: the search never reaches back more
/// than a bounded number of tokens, which keeps long sentences linear.
pub const REACH: usize = 60;

/// The longest claim content or reported clause, in tokens: longer runs
/// without punctuation are not prose, and the bound keeps every sentence
/// linear.
pub const MAX_CONTENT: usize = 150;

/// How far left of token `t` a speaker may stand in the sentence starting
/// at `start`: never back past an opening or closing quotation, nor more
/// than [`REACH`] tokens.
pub fn left_bound(doc: &Doc, start: usize, t: usize) -> usize {
    let start = start.max(t.saturating_sub(REACH));
    let mut b = t;
    while b > start {
        if let Some(q) = doc.quote_at(b - 1) {
            // ("Jane Doe, star of “Knife Night,” praised ...": a title
            // of two words or more is no bound)
            if !super::quotes::is_title_in_phrase(doc, q) {
                return b;
            }
            b = doc.quote(q).open_tok() + 1;
        }
        b -= 1;
    }
    start
}

/// "Jane Doe was quoted as saying", "is reported as saying": an
/// auxiliary, a past participle and "as" before the participle cue at `c`,
/// whose subject is the auxiliary's and which reports back like a finite
/// verb ("“...,” Jane Doe was quoted as saying.").
pub fn quoted_as(doc: &Doc, c: usize) -> bool {
    c >= 3
        && doc.tok(c - 1) == "as"
        && doc.tok(c - 2).ends_with("ed")
        && doc.word_class(c - 3) == Some(WordClass::Aux)
}

/// Where the words after a dateline opening the paragraph at `s` begin
/// ("GENEVA, May 2 (Wire) -", "Geneva (AFP) -": the token after its dash);
/// `s` when there is none. A dateline names where the story was filed,
/// never who spoke.
pub fn after_dateline(doc: &Doc, s: usize, end: usize) -> usize {
    if s >= end || s != doc.paragraph(doc.para_of(s)).tokens().start {
        return s;
    }
    // "23:58 — Turnout was ...": a live blog's time stamp and its dash.
    if doc.token(s).kind() == TokenKind::Number {
        let stamp = (s..(s + 4).min(end))
            .take_while(|&k| doc.token(k).kind() == TokenKind::Number || doc.tok(k) == ":")
            .count();
        let d = s + stamp;
        let dashed = d + 1 < end && matches!(doc.tok(d), "—" | "–" | "-");
        return if dashed { d + 1 } else { s };
    }
    if !doc.is_cap(s) {
        return s;
    }
    // "UPDATE: ...", "Note: ...": a page's label and its colon.
    if s + 2 < end && doc.tok(s + 1) == ":" && lexicon().is_label_in_any_case(doc.tok(s)) {
        return s + 2;
    }
    let caps = doc
        .tok(s)
        .as_bytes()
        .get(1)
        .is_some_and(u8::is_ascii_uppercase);
    // "(AFP)" right before the dash: an agency's mark.
    let agency = |d: usize| {
        d >= s + 4
            && doc.tok(d - 1) == ")"
            && doc.tok(d - 3) == "("
            && !doc.tok(d - 2).contains(|c: char| !c.is_ascii_uppercase())
    };
    (s + 1..(s + 12).min(end))
        .find(|&k| matches!(doc.tok(k), "—" | "–" | "-"))
        .filter(|&d| caps || agency(d))
        .map_or(s, |d| d + 1)
}

/// For the sentence of token `t`: where it begins after its dateline, and
/// where its main clause begins after an opening adverbial ([`opener_end`]).
pub fn sentence_opening(doc: &Doc, t: usize) -> (usize, usize) {
    let sent = doc.sentence(doc.sentence_at(t)).tokens();
    let s = after_dateline(doc, sent.start, sent.end);
    (s, opener_end(doc, s, sent.end))
}

/// Where the main clause begins: after the comma that closes an opening
/// adverbial clause or phrase ("After the Paris attacks, ...", "While not
/// everything he says is true, ..."), which holds no subject of its own.
pub fn opener_end(doc: &Doc, start: usize, end: usize) -> usize {
    // (a word in no grammar class is read no further)
    let opener = start < end && doc.may_be(start, fact::GRAMMAR) && {
        let mut buf = [0; LOW_MAX];
        let w = lower_in(doc.tok(start), &mut buf);
        let coordinating = word_is(&w, Use::Coordinator);
        !coordinating
            && matches!(
                lexicon().word_class(&w),
                Some(WordClass::Prep | WordClass::Conj)
            )
    };
    // "Asked whether ..., Jane Doe smiled": a past form of a speech verb
    // before a conjunction or preposition opens a participle clause too.
    let asked = || {
        start + 1 < end
            && doc.cue_verb(start).is_some_and(|v| v.past())
            && matches!(
                doc.word_class(start + 1),
                Some(WordClass::Prep | WordClass::Conj)
            )
    };
    let asked = !opener && asked();
    if !opener && !asked {
        return start;
    }
    let Some(c) =
        (start..end.min(start + 25)).find(|&t| doc.tok(t) == "," && doc.in_quote_at(t).is_none())
    else {
        return start;
    };
    // ("Asked whether he had met them, he said ...": the clause's own
    // subject pronoun stays the sentence's subject, resolved as before)
    if asked && (start..c).any(|t| doc.pronoun(t).is_some_and(|p| p.subject)) {
        return start;
    }
    // "About 270 people have been resettled, officials said": a number
    // after the preposition counts the subject, and an auxiliary before the
    // comma makes a clause of it, no opener ("In 2012, ..." is one).
    let counted = start + 1 < c
        && doc.token(start + 1).kind() == TokenKind::Number
        && doc.word_class(start) == Some(WordClass::Prep)
        && (start + 2..c).any(|t| doc.word_class(t) == Some(WordClass::Aux));
    if counted {
        start
    } else {
        c + 1
    }
}

/// A word that may stand between a subject and its verb: an auxiliary, a
/// negation, an adverb ("has not", "also", "repeatedly") or an emphatic
/// reflexive ("herself").
pub fn is_skippable(doc: &Doc, t: usize) -> bool {
    if doc.token(t).kind() != TokenKind::Word {
        return false;
    }
    let mut buf = [0; LOW_MAX];
    let tok = doc.tok(t);
    let w = lower_in(tok, &mut buf);
    // (the token's facts rule most look-ups out without asking; a word
    // already in lowercase, the token itself, is asked through the
    // document's memo of word classes)
    (doc.may_be(t, fact::GRAMMAR)
        && matches!(
            if std::ptr::eq(w.as_ptr(), tok.as_ptr()) {
                doc.word_class(t)
            } else {
                lexicon().word_class(&w)
            },
            Some(WordClass::Aux | WordClass::Neg)
        ))
        || (w.ends_with("ly") && w.len() > 4)
        // "Jane Doe didn't say": as "did not".
        || negated_aux(&w)
        // "Jane Doe on Thursday" needs its "on", but "Jane Doe later Thursday
        // told" does not.
        || weekday(doc, t)
        || (doc.may_be(t, fact::USES) && word_is(&w, Use::Between))
        // "Jane Doe herself said" (every reflexive ends so: a test of the
        // lexicon checks it; other words are not looked up)
        || ((w.ends_with("self") || w.ends_with("selves"))
            && doc.pronoun(t).is_some_and(|p| p.reflexive))
}

/// "Friday", "Tuesday" (the days the not-names list holds) at token `t`.
pub fn weekday(doc: &Doc, t: usize) -> bool {
    let w = doc.tok(t);
    w.len() > 3
        && w.as_bytes()[w.len() - 3..].eq_ignore_ascii_case(b"day")
        && lexicon().is_not_name(w)
}

/// "don't", "won't", "isn’t": a negated auxiliary, never part of a noun
/// phrase ("Don't expect miracles" has no subject).
pub fn negated_aux(w: &str) -> bool {
    w.len() > 3 && (w.ends_with("n't") || w.ends_with("n’t"))
}

/// "he", "she", "it", "they", "we", "I" (any case): a subject pronoun that
/// can stand for an actor.
pub fn is_subject_pronoun(w: &str) -> bool {
    lexicon().pronoun(w).is_some_and(|p| p.subject)
}

/// "he", "she", "they" (or "He", "She", "They", not "HE"): the pronouns
/// that can stand for a clause's speaker.
pub fn is_personal_pronoun(w: &str) -> bool {
    // (`next`, not `skip(1)`: `Skip` reaches `Chars`' generic `nth`)
    let mut rest = w.chars();
    rest.next();
    rest.all(crate::letters::is_lowercase)
        && lexicon()
            .pronoun(w)
            .is_some_and(|p| p.subject && p.third_person && p.refers != Refers::Thing)
}

/// A subject pronoun as running text writes it after a quotation ("“...,”
/// she said"): in lowercase, or the one-letter "I".
pub fn is_subject_pronoun_as_written(w: &str) -> bool {
    (w.len() == 1 || !w.chars().any(crate::letters::is_uppercase)) && is_subject_pronoun(w)
}

/// ", a view the government rejects", ", an account disputed by X": an
/// indefinite noun phrase from `np` to its head `head` right after a comma,
/// headed by a claim noun or a word like "view", stands for the clause before the comma (not ",
/// a measure opposed by X", which names what is opposed).
pub fn apposed_to_clause(doc: &Doc, np: usize, head: usize) -> bool {
    np > 0
        && head > np
        && head <= np + 3
        && doc.tok(np - 1) == ","
        && doc.is(np, Use::Article)
        && !doc.is(np, Use::Definite)
        && names_words(doc, head)
}

/// A claim noun or a word like "view", "answer" or "words": a noun that
/// stands for what someone said.
pub fn names_words(doc: &Doc, t: usize) -> bool {
    doc.cue_noun(t).is_some() || doc.is(t, Use::ApposedClaim)
}

/// "Asked if he regretted it, Jane Doe said ...": the sentence of token `t`
/// opens with "Asked" (a question put by nobody the sentence names).
pub fn opens_with_asked(doc: &Doc, t: usize) -> bool {
    doc.tok(doc.sentence(doc.sentence_at(t)).tokens().start) == "Asked"
}

/// "his", "her", "their", "its" (in lowercase): the owner of a claim noun
/// ("her promise").
pub fn is_possessive_pronoun(w: &str) -> bool {
    !w.chars().any(crate::letters::is_uppercase)
        && lexicon()
            .pronoun(w)
            .is_some_and(|p| p.possessive && p.third_person)
}

/// "There are reports that ...", "There is no question that ...": a
/// capitalized function word that names no one before a form of "be"
/// opens a sentence that says something exists; it is no subject.
pub fn existential(doc: &Doc, p: usize) -> bool {
    let lex = lexicon();
    p + 1 < doc.tokens.len()
        && doc.word_class(p + 1) == Some(WordClass::Aux)
        && lex.is_not_name(doc.tok(p))
        && lex.pronoun(&doc.tok(p).lower_cow()).is_none()
}

/// "another", "one", "others", "several": a quantifier standing for people.
pub fn lone_quantifier(doc: &Doc, t: usize) -> bool {
    doc.uses_lower(t).has(Use::LoneQuantifier)
}

/// "on Tuesday.", "in a letter to the council.": from token `t` to the
/// sentence's end only a short setting that "on", "in", "last" or the like
/// opens, then a full stop.
pub fn setting_to_end(doc: &Doc, t: usize, sent_end: usize) -> bool {
    let last = sent_end - 1;
    last > t
        && last <= t + 7
        && matches!(doc.tok(last), "." | "!")
        && doc.uses_lower(t).has(Use::SettingLead)
        && (t..last).all(|k| doc.token(k).kind() == TokenKind::Word)
}

/// A "that" among the few words after token `t` (no punctuation, no "to"
/// before it): "warned in a report that", "told a meeting in May that".
pub fn that_after(doc: &Doc, t: usize, end: usize) -> Option<usize> {
    that_within(doc, t, end, 8, false)
}

/// A "that" within `reach` tokens after `t`, past words only (an owner's
/// "'s" and numbers too: "told BBC Radio 4's Today programme that"), none
/// quoted but a title's ("told the podcast “Open Set” that"); past a "to"
/// only when `past_to` ("in his book Going Home to Glory that").
pub fn that_within(doc: &Doc, t: usize, end: usize, reach: usize, past_to: bool) -> Option<usize> {
    (t + 1..(t + reach).min(end))
        .take_while(|&k| {
            let kind = doc.token(k).kind();
            let title = || {
                doc.quote_at(k)
                    .is_some_and(|q| super::quotes::is_title_in_phrase(doc, q))
            };
            (matches!(
                kind,
                TokenKind::Word | TokenKind::Possessive | TokenKind::Number
            ) && doc.in_quote_at(k).is_none()
                || title())
                && (past_to || doc.tok(k) != "to")
        })
        .find(|&k| doc.tok(k) == "that")
}

/// The "by" of a passive's agent after token `t`: the next word, or the
/// word after a phrase quoted right there ("was branded “a liar” by X").
pub fn agent_by(doc: &Doc, t: usize, end: usize) -> Option<usize> {
    let q = (t + 1..(t + 3).min(end)).find_map(|k| doc.in_quote_at(k));
    let k = (t + 1..(t + 12).min(end)).find(|&k| {
        q.is_none() || (doc.in_quote_at(k) != q && doc.token(k).kind() != TokenKind::Punct)
    })?;
    (doc.tok(k) == "by").then_some(k)
}

/// True when word `w`, as written, has use `u` in `function_words.tsv`.
pub fn word_is(w: &str, u: Use) -> bool {
    lexicon().is(w, u)
}

/// True when word `w`, in any case, has use `u` in `function_words.tsv`.
pub fn word_is_any_case(w: &str, u: Use) -> bool {
    lexicon().uses_lower(w).has(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of a lexicon file, split into columns.
    fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect())
    }

    #[test]
    fn words_are_asked_as_written_or_in_any_case() {
        assert!(!word_is("Who", Use::Relative));
        assert!(word_is_any_case("Who", Use::Relative));
        assert!(!word_is("reporter", Use::Addressee));
    }

    #[test]
    fn every_pronoun_reads_back() {
        let tsv = include_str!("../../lexicons/pronouns.tsv");
        for row in rows(tsv) {
            let p = lexicon().pronoun(row[0]).unwrap();
            let cases: Vec<&str> = row[1].split(',').collect();
            assert_eq!(p.subject, cases.contains(&"subject"), "{row:?}");
            assert_eq!(p.object, cases.contains(&"object"), "{row:?}");
            assert_eq!(p.possessive, cases.contains(&"possessive"), "{row:?}");
            assert_eq!(p.reflexive, cases.contains(&"reflexive"), "{row:?}");
            // (`is_skippable` looks up only words ending so)
            assert!(
                !p.reflexive || row[0].ends_with("self") || row[0].ends_with("selves"),
                "{row:?}"
            );
            assert_eq!(p.third_person, row[2] == "third", "{row:?}");
        }
        assert!(lexicon().pronoun("you").is_none());
    }

    #[test]
    fn pronoun_sets() {
        assert!(is_personal_pronoun("He") && is_personal_pronoun("they"));
        assert!(!is_personal_pronoun("HE") && !is_personal_pronoun("it"));
        assert!(!is_personal_pronoun("we") && !is_personal_pronoun("him"));
        assert!(is_subject_pronoun("We") && is_subject_pronoun("it") && is_subject_pronoun("I"));
        assert!(!is_subject_pronoun("you") && !is_subject_pronoun("them"));
        assert!(is_possessive_pronoun("its") && is_possessive_pronoun("her"));
        assert!(!is_possessive_pronoun("His") && !is_possessive_pronoun("my"));
        assert!(is_subject_pronoun_as_written("I") && is_subject_pronoun_as_written("she"));
        assert!(!is_subject_pronoun_as_written("She"));
    }

    #[test]
    fn words_between_a_subject_and_its_verb() {
        let doc = Doc::new("Jane Doe herself also repeatedly has not said Monday.");
        let skippable: Vec<&str> = (0..doc.tokens.len())
            .filter(|&t| is_skippable(&doc, t))
            .map(|t| doc.tok(t))
            .collect();
        assert_eq!(
            skippable,
            ["herself", "also", "repeatedly", "has", "not", "Monday"]
        );
    }

    #[test]
    fn the_main_clause_begins_after_an_opening_clause() {
        let doc = Doc::new("After the attacks in Paris, Jane Doe said the plan failed.");
        let end = doc.tokens.len();
        assert_eq!(doc.tok(opener_end(&doc, 0, end)), "Jane");
        let doc = Doc::new("But Jane Doe said the plan failed.");
        assert_eq!(opener_end(&doc, 0, doc.tokens.len()), 0);
    }
}
