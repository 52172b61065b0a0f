//! Capitalized names, split into segments, with the titles before them.
//!
//! A run of capitalized words ("US Secretary of State Jane Doe") is cut at
//! titles and at the edges of known names, so one run can yield a place, a
//! title and a person. Capitals that only mark a sentence start or a headline
//! are dropped unless the rest of the text vouches for the word.

use crate::at::Ends;
use crate::at::{At, Part};
use crate::lexicon::{lexicon, Use};
use crate::span::Span;
use crate::text::Words;
use crate::text::{with_low, Bits, Doc, Lower, TokenKind};
use std::ops::Range;

/// What the words of a name say about its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hint {
    /// In the places or organizations list, under this canonical name.
    Known { canonical: String, place: bool },
    /// Has an organization word ("Council") or is an unknown acronym.
    Org,
    /// Has a title or honorific before it, or starts with a given name.
    Person,
    /// Two or more capitalized words with no other clue.
    MultiWord,
    /// One capitalized word with no other clue.
    Single,
}

/// A name found in the text.
#[derive(Clone, Debug)]
pub struct Name {
    /// Its tokens.
    pub toks: Range<usize>,
    /// What its words say.
    pub hint: Hint,
    /// A title written before it, if any.
    pub title: Option<Span>,
}

/// Words that may join capitalized words inside one name ("Bank of England").
fn is_connector(w: &str) -> bool {
    lexicon().is(w, Use::Connector)
}

/// The words are copied into one string each set ([`Words`]).
struct Evidence {
    /// Words seen capitalized where capitals mean something (mid-sentence, body text).
    cap_inside: Words<()>,
    /// Words seen in lowercase.
    lower: Words<()>,
    /// Last words of "Given-name Surname" pairs: a surname alone ("Cuban",
    /// "Young") is a name even when it is also a demonym or a common word.
    surnames: Words<()>,
}

fn evidence(doc: &Doc) -> Evidence {
    // Room for an article's distinct words up front (prose has about one
    // distinct lowercase word in four tokens; bounded for long texts).
    let room = |share: usize| (doc.tokens.len() / share).min(4096);
    let mut cap_inside = Words::with_capacity(room(16));
    let mut lower = Words::with_capacity(room(4));
    let mut surnames = Words::default();
    let lex = lexicon();
    // The lowercase set is only ever asked about the lowercase form of a
    // word that does not start in lowercase ([`vouched`], [`segment`]): a
    // lowercase word goes into it only when such a form has its shape, so
    // most of an article's lowercase words are never hashed.
    let mut asked = Bits::new(4096);
    for t in 0..doc.tokens.len() {
        if !doc.may_be_cap(t) {
            continue;
        }
        mark_lower_form(doc, t, &mut asked);
        // (Every given name is written with a capital: the lexicon is asked
        // only about a capitalized word before a capitalized word.)
        if t > 0
            && doc.is_cap(t)
            && doc.token(t).span().start == doc.token(t - 1).span().end + 1
            && doc.is_cap(t - 1)
            && lex.is_given_name(doc.tok(t - 1))
        {
            surnames.insert(doc.tok(t), ());
        }
    }
    for s in &doc.sentences {
        let heading = doc.paragraph(s.para()).heading;
        for t in s.tokens() {
            if doc.token(t).kind() != TokenKind::Word {
                continue;
            }
            let w = doc.tok(t);
            if w.first_is(crate::letters::is_lowercase) {
                let k = lower_shape(w);
                if asked.get(k) {
                    lower.insert(w, ());
                }
            } else if !heading && !is_sentence_initial(doc, t) {
                cap_inside.insert(w, ());
            }
        }
    }
    Evidence {
        cap_inside,
        lower,
        surnames,
    }
}

/// Where a word's shape (its length and lowercase first and last bytes)
/// falls in 4,096 bits.
fn shape(len: usize, first: u8, last: u8) -> usize {
    let key = (len as u32) << 16 | u32::from(first) << 8 | u32::from(last);
    (key.wrapping_mul(0x9e37_79b1) >> 20) as usize
}

/// The [`shape`] of a word written in lowercase.
fn lower_shape(w: &str) -> usize {
    let b = w.as_bytes();
    shape(b.len(), *b.first().unwrap_or(&0), *b.last().unwrap_or(&0))
}

/// Marks in `asked` the shape of the lowercase form of word `t`, which may
/// start with a capital (a word starting in lowercase, or whose form is
/// itself and so no lowercase start, is never asked about).
fn mark_lower_form(doc: &Doc, t: usize, asked: &mut Bits) {
    let w = doc.tok(t);
    if doc.token(t).kind() != TokenKind::Word || w.first_is(crate::letters::is_lowercase) {
        return;
    }
    asked.set(with_low(w, lower_shape));
}

/// True at the first word of a sentence (after any opening marks or dashes),
/// or right after a colon or an opening quotation mark.
pub fn is_sentence_initial(doc: &Doc, t: usize) -> bool {
    let s = doc.sentence(doc.sentence_at(t));
    let mut i = t;
    while i > s.tokens().start {
        i -= 1;
        let tok = doc.token(i);
        if tok.kind() == TokenKind::Number {
            return leading_time_stamp(doc, s.tokens().start, i);
        }
        if tok.kind() != TokenKind::Punct {
            return false;
        }
        let c = doc.tok(i);
        // Only an opening mark starts a sentence-like unit; after a closing
        // one ("\"...\" Smith said") the capital means a name.
        let opens_quote = doc
            .quote_at(i)
            .is_some_and(|q| doc.quote(q).open_tok() == i);
        if opens_quote || matches!(c, ":" | "—" | "–" | "-" | "(") {
            return true;
        }
    }
    true
}

/// "07:45 Good morning ...": tokens `start..=end` are a time stamp (numbers
/// and colons or periods) that opens its paragraph, as a live blog's entries
/// do; the word after it starts the sentence.
fn leading_time_stamp(doc: &Doc, start: usize, end: usize) -> bool {
    doc.paragraph(doc.para_of(start)).tokens().start == start
        && doc.token(start).kind() == TokenKind::Number
        && (start..=end)
            .all(|k| doc.token(k).kind() == TokenKind::Number || matches!(doc.tok(k), ":" | "."))
}

fn is_name_word(doc: &Doc, t: usize) -> bool {
    let tok = doc.token(t);
    if tok.kind() != TokenKind::Word {
        return false;
    }
    let w = doc.tok(t);
    // (The capital first: most words have none, and the other tests cost more.)
    if !w.first_is(crate::letters::is_uppercase) {
        return false;
    }
    // "US-led", "Serbian-backed": an adjective, not a name.
    let hyphen_adjective = crate::at::after_last(w, b'-').first_is(crate::letters::is_lowercase);
    // ("I'd", "We've": a pronoun's contraction; "N4.2bn": an amount)
    !hyphen_adjective
        && !w
            .as_bytes()
            .windows(2)
            .any(|p| p[0] == b'.' && p[1].is_ascii_digit())
        && !lexicon().is_pronoun_contraction(w)
        && (!lexicon().breaks_name(w) || named_by_noun(doc, t))
        && !headline_verb(doc, t)
        && !month_day(doc, t)
}

/// "the charity Open Door", "the band Tin Orchard": a page label after an
/// organization's noun in lowercase and before a capitalized word opens
/// the name the noun introduces.
fn named_by_noun(doc: &Doc, t: usize) -> bool {
    t > 0
        && t + 1 < doc.tokens.len()
        && lexicon().is_label(doc.tok(t))
        && doc.is(t - 1, Use::OrgNoun)
        && doc.tok(t + 1).first_is(crate::letters::is_uppercase)
}

/// "Jan 9", "Sept. 3": an abbreviation (a month's, which may be a given
/// name too) before a day's number: no name.
pub(super) fn month_day(doc: &Doc, t: usize) -> bool {
    // (the number first: asked of every capitalized word; the period of
    // "Jan." is a token of its own)
    let day = |k: usize| {
        k < doc.tokens.len() && {
            let w = doc.tok(k);
            (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
        }
    };
    (day(t + 1) || (t + 1 < doc.tokens.len() && doc.tok(t + 1) == "." && day(t + 2)))
        && doc.tok(t).first_is(crate::letters::is_uppercase)
        && lexicon().is_abbreviation(doc.tok(t))
}

/// "Bernie Sanders *Warns* Clinton": a capitalized speech verb's -s form
/// is a headline's verb, no part of a name (not one that is a noun too:
/// "Consumer Reports", "United States" stay names).
pub(super) fn headline_verb(doc: &Doc, t: usize) -> bool {
    doc.cue_verb(t)
        .is_some_and(|v| v.present && !v.base && !v.gerund)
        && doc.cue_noun(t).is_none()
        && !doc.uses_lower(t).has(Use::NounFirst)
}

/// A speech verb follows token `t`, perhaps after an adverb: "said",
/// "also told".
pub(super) fn speaks_next(doc: &Doc, t: usize) -> bool {
    let lex = lexicon();
    let mut k = t;
    while k < doc.tokens.len() && k < t + 2 {
        let w = doc.tok(k);
        if doc.token(k).kind() != TokenKind::Word || !w.first_is(crate::letters::is_lowercase) {
            return false;
        }
        if lex
            .cue_verb(w)
            .is_some_and(|v| v.frames.quote && !v.gerund && !v.present)
        {
            return true;
        }
        if !(lex.has_ending(w, Use::AdverbEnding) || lex.is(w, Use::SpeechAdverb)) {
            return false;
        }
        k += 1;
    }
    false
}

/// A capitalized word the text uses as a surname ("George Will", "Ian Read"),
/// though on its own it would be grammar or a page label.
fn known_surname(doc: &Doc, ev: &Evidence, t: usize) -> bool {
    doc.is_cap(t) && ev.surnames.contains(doc.tok(t))
}

/// A page label that also ends organizations' names ("Human Rights Watch",
/// "Getty Images"): kept after a name word when no name word follows it.
fn ends_org_name(doc: &Doc, t: usize) -> bool {
    let w = doc.tok(t);
    let lex = lexicon();
    doc.token(t).kind() == TokenKind::Word
        && w.first_is(crate::letters::is_uppercase)
        && lex.is_label(w)
        && lex.breaks_name(w)
        && doc.token(t).span().start == doc.token(t - 1).span().end + 1
        && !(t + 1 < doc.tokens.len() && is_name_word(doc, t + 1))
}

/// "Teachers' Union", "Farmers’ Alliance": a plural possessive glued to
/// the name word before it, then an organization word, joins one name.
fn plural_possessive_in_name(doc: &Doc, t: usize, para: usize) -> bool {
    matches!(doc.tok(t), "'" | "’")
        && doc.token(t).span().start == doc.token(t - 1).span().end
        && doc.tok(t - 1).ends_with('s')
        && t + 1 < doc.tokens.len()
        && doc.para_of(t + 1) == para
        && doc.token(t + 1).span().start > doc.token(t).span().end
        && is_name_word(doc, t + 1)
        && lexicon().is_org_head(doc.tok(t + 1))
}

/// "People's Party", "Children's Fund": an irregular plural's "'s"
/// (token `t`) inside a name, when the capitalized words after it reach an
/// organization's word (not "the People's anger").
pub(super) fn people_s(doc: &Doc, t: usize) -> bool {
    doc.token(t).kind() == TokenKind::Possessive
        && matches!(doc.tok(t - 1), "People" | "Children" | "Women" | "Men")
        && (t + 1..doc.tokens.len())
            .take_while(|&k| is_name_word(doc, k) || is_connector(doc.tok(k)))
            .any(|k| lexicon().is_org_head(doc.tok(k)))
}

/// "Per Brannock said", "said Will Oduya", "Per Brannock, the mayor,":
/// a capitalized preposition or auxiliary (token `t`) that is a given name
/// too, before a capitalized name word the lexicons do not know, when a
/// speech verb or an apposition with a title follows the two, or a speech
/// verb, a preposition or a conjunction comes right before them ("Will
/// Oduya resign?", "In Kufa, a holy city", "you Were Dying" stay no
/// names).
fn grammar_given(doc: &Doc, t: usize) -> bool {
    use crate::lexicon::WordClass;
    let lex = lexicon();
    let w = doc.tok(t);
    let mut cs = w.chars();
    let titled = |k: usize| {
        doc.tok(k) == ","
            && matches!(doc.tok(k + 1), "the" | "a" | "an")
            && (k + 2..(k + 5).min(doc.tokens.len())).any(|i| {
                doc.tok(i).first_is(crate::letters::is_lowercase) && lex.is_title(doc.tok(i))
            })
    };
    let before = |k: usize| {
        let p = doc.tok(k);
        p.first_is(crate::letters::is_lowercase)
            && (doc.cue_verb(k).is_some()
                || matches!(lex.word_class(p), Some(WordClass::Prep | WordClass::Conj)))
    };
    t + 5 < doc.tokens.len()
        && doc.token(t).kind() == TokenKind::Word
        && cs.next().is_some_and(crate::letters::is_uppercase)
        && cs.next().is_some_and(crate::letters::is_lowercase)
        // (its second letter lowercase, no acronym: its class as the
        // lowercase word's, from the token's facts, no `String`)
        && matches!(doc.word_class(t), Some(WordClass::Prep | WordClass::Aux))
        // ("After Jones said ...", "Since Jones said ...": a word that opens
        // an adjunct clause)
        && !doc.uses_lower(t).has(Use::AdjunctOpener)
        && !(w.eq_ignore_ascii_case("since") || w.eq_ignore_ascii_case("until"))
        && doc.para_of(t + 1) == doc.para_of(t)
        && !doc.paragraph(doc.para_of(t)).heading
        && doc.token(t + 1).span().start == doc.token(t).span().end + 1
        && is_name_word(doc, t + 1)
        && with_low(doc.tok(t + 1), |l| lex.word_class(l)).is_none()
        && lex.known(doc.tok(t + 1)).is_none()
        && (speaks_next(doc, t + 2)
            || titled(t + 2)
            || (!is_sentence_initial(doc, t) && before(t - 1)))
}

/// A closed-class word, unless written in capitals ("US" is not "us").
fn is_grammar_word(w: &str) -> bool {
    !is_acronym(w) && lexicon().word_class(w).is_some()
}

/// "Mira Dallow KC", "Tom Hale MP" (tokens `a..b`): a title in capitals
/// after a given name and a surname is no part of the name (nor a name).
pub(super) fn post_nominal(doc: &Doc, a: usize, b: usize) -> bool {
    b >= a + 3
        && is_acronym(doc.tok(b - 1))
        && lexicon().is_title(doc.tok(b - 1))
        && lexicon().is_given_name(doc.tok(a))
}

fn is_acronym(w: &str) -> bool {
    // 2-6 capital letters, periods aside (no buffer of the letters).
    let mut letters = 0;
    for c in w.chars().filter(|c| *c != '.') {
        letters += 1;
        if letters > 6 || !(crate::letters::is_uppercase(c) && crate::letters::is_alphabetic(c)) {
            return false;
        }
    }
    letters >= 2
}

/// Finds the names of the document, in text order.
pub fn find(doc: &Doc) -> Vec<Name> {
    let ev = evidence(doc);
    let mut out = Vec::new();
    let n = doc.tokens.len();
    let mut t = 0;
    while t < n {
        // (A name word, a known surname and a given name that is a grammar
        // word all start with a capital.)
        if !doc.may_be_cap(t)
            || (!is_name_word(doc, t) && !known_surname(doc, &ev, t) && !grammar_given(doc, t))
        {
            t += 1;
            continue;
        }
        let start = t;
        let para = doc.para_of(t);
        let mut end = t + 1;
        loop {
            if end >= n || doc.para_of(end) != para {
                break;
            }
            let w = doc.tok(end);
            if (is_name_word(doc, end) || known_surname(doc, &ev, end))
                && doc.token(end).span().start > doc.token(end - 1).span().end
            {
                end += 1;
            } else if ends_org_name(doc, end) {
                end += 1; // "Human Rights Watch"
            } else if plural_possessive_in_name(doc, end, para) {
                end += 2; // "Teachers' Union"
            } else if people_s(doc, end) {
                end += 1; // "People's Party"
            } else if is_connector(w)
                && end + 1 < n
                && doc.para_of(end + 1) == para
                && is_name_word(doc, end + 1)
            {
                end += 2;
            } else if w == "."
                && doc.token(end).span().start == doc.token(end - 1).span().end
                && (crate::text::char_count(doc.tok(end - 1)) == 1
                    || lexicon().is_honorific(doc.tok(end - 1))
                    || (lexicon().is_abbreviation(doc.tok(end - 1))
                        && lexicon().starts_title(doc.tok(end - 1))))
                && end + 1 < n
                && doc.para_of(end + 1) == para
                && is_name_word(doc, end + 1)
            {
                end += 2; // "John F. Kennedy", "Mr. Smith"
            } else {
                break;
            }
        }
        let after = end;
        if post_nominal(doc, start, end) {
            end -= 1;
        }
        // "IV." alone on its line numbers a section.
        let p = doc.paragraph(para);
        let section_number = end == start + 1
            && p.tokens().len() <= 2
            && doc
                .tok(start)
                .chars()
                .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
        // A trailing connector never ends a name.
        if !section_number {
            segment(doc, &ev, start..end, &mut out);
        }
        t = after;
    }
    out
}

/// "@greywater_gran", "@night_owl_22": a social-media handle names
/// whoever posts under it, lowercase or not, so the handle (the "@" and
/// the letters, digits and underscores written together after it) is a
/// name of a person; one the other rules found already (its words after
/// the "@") keeps their verdict. Keeps
/// `names` in text order; gives the indices the handles took, ascending.
pub fn add_handles(doc: &Doc, names: &mut Vec<Name>) -> Vec<usize> {
    let mut added = Vec::new();
    let n = doc.tokens.len();
    let joined = |t: usize| doc.token(t).span().start == doc.token(t - 1).span().end;
    let mut t = 0;
    while t + 1 < n {
        if doc.tok(t) != "@" || doc.token(t + 1).kind() == TokenKind::Punct || !joined(t + 1) {
            t += 1;
            continue;
        }
        // (not "name@example.com": an address is no handle)
        if t > 0 && joined(t) && doc.token(t - 1).kind() != TokenKind::Punct {
            t += 1;
            continue;
        }
        let mut end = t + 2;
        while end < n
            && joined(end)
            && (doc.tok(end) == "_" || doc.token(end).kind() != TokenKind::Punct)
        {
            end += 1;
        }
        let toks = t..end;
        let at = names.partition_point(|m| m.toks.start < toks.start);
        let overlaps = |m: &Name| m.toks.start < toks.end && toks.start < m.toks.end;
        let clash = names.get(at).is_some_and(overlaps)
            || at.checked_sub(1).is_some_and(|k| overlaps(&names[k]));
        if !clash {
            names.insert(
                at,
                Name {
                    toks: toks.clone(),
                    hint: Hint::Person,
                    title: None,
                },
            );
            added.push(at);
        }
        t = end;
    }
    added
}

/// Length in tokens of the title phrase starting at `t`, if any.
pub(super) fn title_len(doc: &Doc, t: usize, end: usize) -> Option<usize> {
    let lex = lexicon();
    // (`t` may be the run's end: "DR" is a title with nothing after it.)
    if t >= end || !lex.starts_title(doc.tok(t)) {
        return None;
    }
    let mut best = None;
    // (room for most titles of four words: no regrowth)
    let mut phrase = String::with_capacity(48);
    for k in 0..4.min(end - t) {
        let w = doc.tok(t + k);
        if w == "." {
            // "Sen." ends with its period
            if best == Some(k) {
                best = Some(k + 1);
            }
            break;
        }
        if k > 0 {
            phrase.push(' ');
        }
        with_low(w, |l| phrase.push_str(l));
        if lex.is_title(&phrase) {
            best = Some(k + 1);
        }
    }
    best
}

fn segment(doc: &Doc, ev: &Evidence, run: Range<usize>, out: &mut Vec<Name>) {
    let lex = lexicon();
    let mut a = run.start;
    let b = run.end;
    if a >= b {
        return;
    }
    // In a headline or subheading every word may be capitalized: keep only
    // the words the rest of the text vouches for, each stretch on its own.
    let para = doc.paragraph(doc.para_of(a));
    if para.heading {
        // "FIRE CHIEF WARNS OF DRY SUMMER": in a headline all in capitals
        // a word is a name only written so in the text ("NATO") or known to
        // the lexicons as a word ("SERBIA" is "Serbia", merged with it).
        let shouting = para
            .tokens()
            .all(|t| !doc.tok(t).contains(crate::letters::is_lowercase));
        let shouted =
            |w: &str| ev.cap_inside.contains(w) || known_in_capitals(w, [w].into_iter()).is_some();
        let mut t = a;
        while t < b {
            let mut e = t;
            while e < b
                && if shouting {
                    shouted(doc.tok(e))
                } else {
                    vouched(ev, doc.tok(e)) && !lex.is_common_word(doc.tok(e))
                }
            {
                e += 1;
            }
            if e > t {
                let n = out.len();
                segment_body(doc, ev, t..e, out);
                if shouting {
                    for name in &mut out[n..] {
                        let words = name.toks.clone().map(|k| doc.tok(k));
                        let raw = doc.text_of_toks(name.toks.start, name.toks.end);
                        if let Some(k) = known_in_capitals(raw, words) {
                            name.hint = Hint::Known {
                                canonical: k.canonical.clone(),
                                place: k.is_place,
                            };
                        }
                    }
                }
                t = e;
            } else {
                t += 1;
            }
        }
        return;
    }
    // Drop capitals that only mark a sentence start.
    while a < b {
        let w = doc.tok(a);
        let initial = is_sentence_initial(doc, a);
        if grammar_given(doc, a) {
            break;
        }
        // "Amnesty International said": a name the lexicons know whole
        // keeps its first word, a common one too.
        if initial && (a + 2..=b.min(a + 4)).any(|k| lex.known(doc.text_of_toks(a, k)).is_some()) {
            break;
        }
        let grammar = !ev.surnames.contains(w)
            && (is_grammar_word(w)
                || (b - a == 1 && (lex.is_not_name(w) || interview_label(doc, a))));
        // (These three only matter at a sentence's start, and are asked
        // only there.)
        let common = || {
            (lex.is_common_word(w) || with_low(w, |l| ev.lower.contains(l)))
                && !ev.surnames.contains(w)
        };
        let verbal = || {
            [Use::GerundEnding, Use::ParticipleEnding, Use::AdverbEnding]
                .iter()
                .any(|&e| lex.has_ending(w, e))
                && w.len() > 5
        };
        // "Quennell also said": the subject of a speech verb is a name;
        // "Wairimu, 34, said": so is a word an age follows.
        let is_vouched = || {
            vouched(ev, w)
                || (b - a == 1 && (speaks_next(doc, b) || labels_speech(doc, a) || doc.age_at(b)))
        };
        // "Mines Minister Jane Doe": a modifier of the title that follows.
        // (not an adverb of time: "Yesterday Mayor Jane Doe said")
        let modifies_title = a + 1 < b
            && lex.starts_title(doc.tok(a + 1))
            && !grammar
            && !doc.uses_lower(a).has(Use::Between);
        // "Minister for Orrland Tomas Vik said": an office and its field.
        let office = a + 2 < b && lex.is_office(w) && matches!(doc.tok(a + 1), "of" | "for");
        let role = initial && a + 1 < b && role_before_given_name(doc, a);
        if !modifies_title
            && !office
            && (grammar
                || role
                || tabloid_opening(doc, a)
                || (initial && (common() || (!is_vouched() && (b - a == 1 || verbal())))))
        {
            a += 1;
            while a < b && (is_connector(doc.tok(a)) || doc.tok(a) == ".") {
                a += 1;
            }
        } else {
            break;
        }
    }
    segment_body(doc, ev, a..b, out);
}

/// "TELLY star Jon Brack ...", "A GRIEVING mum has ...": the first body
/// paragraph of a tabloid opens with words in capitals that are no name
/// (one the lexicons know, "NATO officials", stays one): word `a`, in
/// capitals, with only capitals before it in its paragraph and a lowercase
/// word after the capitals, no title.
fn tabloid_opening(doc: &Doc, a: usize) -> bool {
    let no_lower = |t: usize| !doc.tok(t).contains(crate::letters::is_lowercase);
    let para = doc.para_of(a);
    let p = doc.paragraph(para);
    let mut k = a;
    while k < p.tokens().end && doc.token(k).kind() == TokenKind::Word && no_lower(k) {
        k += 1;
    }
    // ("SEIU chief says": a title after it, which it owns, the name of a body)
    k > a
        && k < p.tokens().end
        && doc.tok(k).first_is(crate::letters::is_lowercase)
        && !lexicon().starts_title(doc.tok(k))
        && !p.heading
        && (0..para).all(|q| doc.paragraph(q).heading)
        && (p.tokens().start..a).all(|t| doc.token(t).kind() == TokenKind::Word && no_lower(t))
        && lexicon().known(doc.tok(a)).is_none()
        && word_like_capitals(doc, a)
}

/// Word `a` in capitals reads as a word, not an acronym: four letters or
/// more with a vowel ("TELLY", not "BBC"), and written nowhere else in the
/// text (an acronym comes back).
fn word_like_capitals(doc: &Doc, a: usize) -> bool {
    let w = doc.tok(a);
    w.chars().count() >= 4
        && w.contains(['A', 'E', 'I', 'O', 'U', 'Y'])
        && (0..doc.tokens.len()).all(|t| t == a || doc.tok(t) != w)
}

/// "MORALES: Well, I think ..." (a transcript), "Brandt: No pressure on ..."
/// (a headline): one word opening its paragraph, then a colon and words.
/// A lone letter ("Q: Why did you ...", "A: Because ...") labels the
/// interviewer's question or the answer, never a name; so does a word
/// the lexicon knows as such a label ("INTERVIEWER:", "Host:").
fn labels_speech(doc: &Doc, t: usize) -> bool {
    let para = doc.paragraph(doc.para_of(t));
    let w = doc.tok(t);
    para.tokens().start == t
        && w.chars().nth(1).is_some()
        && !lexicon().is(w, Use::QuestionLabel)
        && !lexicon().is(w, Use::AnswerLabel)
        && t + 1 < para.tokens().end
        && doc.tok(t + 1) == ":"
        && (t + 2..para.tokens().end.min(t + 7))
            .filter(|&k| doc.token(k).kind() == TokenKind::Word)
            .count()
            >= 3
}

/// "HOST: ...", "REPORTER: ...": a word the lexicon knows as a transcript's
/// question or answer label, opening its paragraph before a colon, is the
/// label (`interview.rs`), never a name, even in capitals.
fn interview_label(doc: &Doc, t: usize) -> bool {
    let w = doc.tok(t);
    doc.paragraph(doc.para_of(t)).tokens().start == t
        && t + 1 < doc.tokens.len()
        && doc.tok(t + 1) == ":"
        && (lexicon().is(w, Use::QuestionLabel) || lexicon().is(w, Use::AnswerLabel))
}

/// Known, a given name, an acronym, a title word, or capitalized mid-sentence
/// elsewhere and never written in lowercase.
fn vouched(ev: &Evidence, w: &str) -> bool {
    let lex = lexicon();
    lex.known(w).is_some()
        || lex.is_given_name(w)
        || ev.surnames.contains(w)
        || is_acronym(w)
        || lex.starts_title(w)
        || (ev.cap_inside.contains(w) && !with_low(w, |l| ev.lower.contains(l)))
}

fn segment_body(doc: &Doc, ev: &Evidence, run: Range<usize>, out: &mut Vec<Name>) {
    let lex = lexicon();
    let (a, b) = (run.start, run.end);
    if a >= b {
        return;
    }
    // Find a title inside the run: everything before it is a modifier of the
    // title ("US" in "US Secretary of State"), everything after is the person.
    let mut i = a;
    while i < b {
        if let Some(len) = title_len(doc, i, b) {
            // "Kelbridge Police Chief Constable X": a body's head word
            // after its place, before a title no shorter than the one it
            // opens ("Police Chief"), ends the body's name.
            let (i, len) = match title_len(doc, i + 1, b) {
                Some(l) if l >= len && i > a && lex.is_org_head(doc.tok(i)) => (i + 1, l),
                _ => (i, len),
            };
            let mut after = i + len;
            // Titles in a row are one title ("Detective Inspector Jane
            // Doe", "Chief Superintendent ..."), a name still after them.
            while let Some(more) = title_len(doc, after, b).filter(|&m| after + m < b) {
                after += more;
            }
            let person_follows = after < b && !lex.is_org_head(doc.tok(after));
            // ("Dr. Jane Wu of Harlow College": a body after the holder's
            // "of" is where she works, the field below.)
            let of_at = (after + 1..b).find(|&t| doc.is(t, Use::Of)).unwrap_or(b);
            let org_follows = after < b && run_has_org_head(doc, after, of_at);
            if person_follows && !org_follows {
                // "Harbour Minister X", "Energy Secretary X": one common word
                // before an office is its portfolio, no actor ("US
                // Secretary of State", a known place, still is one).
                let w = doc.tok(a);
                let portfolio = i == a + 1
                    && lex.is_office(doc.text_of_toks(i, i + len))
                    && with_low(w, |l| lex.is_common_word(l))
                    && lex.known(w).is_none();
                // ("Quist and Councilwoman Dunlow": a name joined to the
                // title by "and" is no modifier of it, and may have a title
                // of its own before it: "Mayor Quist and ...".)
                let joined = i > a && is_connector(doc.tok(i - 1));
                if joined {
                    segment_body(doc, ev, a..i - 1, out);
                } else if i > a && !portfolio {
                    classify_parts(doc, ev, a..i, out);
                }
                let title = doc.span_of(if joined { i } else { a }, after);
                let mut start = after;
                while start < b && is_connector(doc.tok(start)) {
                    start += 1;
                }
                // "MP for Dunsmere", "Bishop of Kesley Tom Reed": after a title
                // and "of" or "for" comes its field, a place, up to a given name.
                // After an office's "for" the field is a place ("Minister
                // for Eastmarch"); after "of" or a role's "for" the words
                // of the field decide ("Chairman of Acme").
                // After an office's "for" the field is a place ("Minister
                // for Eastmarch"); after "of" the tagger's stage decides
                // what a field alone is ("Chairman of Acme", `entities`).
                let office_for =
                    doc.tok(after) == "for" && lex.is_office(doc.text_of_toks(i, i + len));
                if start > after && (office_for || doc.tok(after) == "of") {
                    let person = (start + 1..b).find(|&t| lex.is_given_name(doc.tok(t)));
                    let field = person.unwrap_or(b);
                    // (Up to three words after an office's "for" are its
                    // field, "MP for Wyvern Vale", unless a given name starts
                    // the holder.)
                    let field_only = b <= start + 3 || title_field_whole(doc, start, b);
                    if person.is_some() || (office_for && field_only) {
                        // Common words are a portfolio, part of the title
                        // ("Secretary of Housing Jane Doe"), no name.
                        let portfolio = (start..field).all(|t| {
                            is_connector(doc.tok(t))
                                || with_low(doc.tok(t), |l| lex.is_common_word(l))
                        });
                        let mut title = title;
                        if portfolio {
                            title = doc.span_of(a, field);
                        } else if office_for {
                            push_field(doc, ev, start..field, out);
                        } else {
                            classify_parts(doc, ev, start..field, out);
                        }
                        if let Some(p) = person {
                            push_titled_person(doc, ev, p..b, title, out);
                        }
                        return;
                    }
                }
                // "Mayor Lena Quist and Councilwoman Ana Dunlow": two
                // titled persons joined by "and".
                if let Some(k) = (start + 1..b)
                    .find(|&k| is_connector(doc.tok(k)) && title_len(doc, k + 1, b).is_some())
                {
                    push_titled_person(doc, ev, start..k, title, out);
                    segment_body(doc, ev, k + 1..b, out);
                    return;
                }
                push_titled_person(doc, ev, start..b, title, out);
                return;
            }
        }
        i += 1;
    }
    // A lowercase title right before the run ("spokesman Jane Doe",
    // "chief Jane Doe"), possibly with modifiers before it.
    if let Some(title) = lowercase_title_before(doc, a) {
        push_titled_person(doc, ev, a..b, title, out);
        return;
    }
    let first = out.len();
    classify_parts(doc, ev, a..b, out);
    // "KOVAL: It started with ..." again within a few paragraphs: a
    // transcript's speaker, a person (not an acronym's organization).
    // (asked only of a name whose kind they may change)
    if b == a + 1 && out.len() == first + 1 {
        let name = &mut out[first];
        if (name.hint == Hint::Single && kin_before(doc, a))
            || (matches!(name.hint, Hint::Single | Hint::Org)
                && turn_label(doc, a)
                && !lexicon().is_org_head(doc.tok(a)))
        {
            name.hint = Hint::Person;
        }
    }
}

/// Word `t` labels speech ([`labels_speech`]) and labels another paragraph
/// within four of its own: a transcript's turn.
fn turn_label(doc: &Doc, t: usize) -> bool {
    let para = doc.para_of(t);
    labels_speech(doc, t)
        && (para.saturating_sub(4)..(para + 5).min(doc.paras.len())).any(|q| {
            let s = doc.paragraph(q).tokens().start;
            q != para
                && s + 1 < doc.tokens.len()
                && doc.tok(s) == doc.tok(t)
                && doc.tok(s + 1) == ":"
        })
}

/// "her husband Nils", "his daughter, Ebba": a one-word name (token `a`)
/// right after a relative's noun, which nothing else explains, is a
/// person's (not before a modifier: "his wife Greenward presidential
/// hopeful X").
fn kin_before(doc: &Doc, a: usize) -> bool {
    let k = if a > 0 && doc.tok(a - 1) == "," {
        a - 1
    } else {
        a
    };
    let b = a + 1;
    k > 0
        && doc.tok(k - 1).first_is(crate::letters::is_lowercase)
        && doc.is(k - 1, Use::Kin)
        && !(b < doc.tokens.len() && doc.plain_word(b) && doc.cue_verb(b).is_none())
}

/// A person named after a title; "Mayor Jane Doe of Brackwater" is the
/// person, then her town.
fn push_titled_person(
    doc: &Doc,
    ev: &Evidence,
    run: Range<usize>,
    title: Span,
    out: &mut Vec<Name>,
) {
    let of = (run.start + 1..run.end).find(|&t| doc.is(t, Use::Of));
    let end = of.unwrap_or(run.end);
    if run.start < end {
        out.push(Name {
            toks: run.start..end,
            hint: Hint::Person,
            title: Some(title),
        });
    }
    if let Some(of) = of {
        // "of Brackwater" after a person: where she is from, a place.
        push_field(doc, ev, of + 1..run.end, out);
    }
}

/// The names of `run`, a lone word nothing else explains a place: where a
/// person is from ("Jane Doe of Brackwater") or a title's field ("MP for
/// Dunsmere").
fn push_field(doc: &Doc, ev: &Evidence, run: Range<usize>, out: &mut Vec<Name>) {
    let first = out.len();
    classify_parts(doc, ev, run, out);
    for name in out.sub_mut(first..) {
        if name.hint == Hint::Single {
            let canonical = doc.text_of_toks(name.toks.start, name.toks.end).to_string();
            name.hint = Hint::Known {
                canonical,
                place: true,
            };
        }
    }
}

/// The words `a..b` after a title's "of" or "for" are all its field, no
/// holder's name: one word, a name the lexicons know whole, or only common
/// words and connectors ("Foreign Affairs").
fn title_field_whole(doc: &Doc, a: usize, b: usize) -> bool {
    let lex = lexicon();
    b == a + 1
        || lex.known(doc.text_of_toks(a, b)).is_some()
        || (a..b)
            .all(|t| is_connector(doc.tok(t)) || with_low(doc.tok(t), |l| lex.is_common_word(l)))
}

fn run_has_org_head(doc: &Doc, a: usize, b: usize) -> bool {
    (a..b).any(|t| lexicon().is_org_head(doc.tok(t)))
}

/// A title in lowercase ending right before token `a`, extended left over
/// capitalized modifiers and possessives ("White House spokesman", "the
/// country's leader" is not taken: only capitalized owners count).
fn lowercase_title_before(doc: &Doc, a: usize) -> Option<Span> {
    let s = doc.sentence(doc.sentence_at(a));
    // Try title phrases of 1-3 tokens ending at a-1.
    for len in (1..=3).rev() {
        if a < s.tokens().start + len {
            continue;
        }
        let t = a - len;
        if title_len(doc, t, a) != Some(len) {
            continue;
        }
        if doc.tok(t).first_is(crate::letters::is_uppercase) && !is_sentence_initial(doc, t) {
            // A capitalized title would have been part of the run.
            continue;
        }
        let mut start = t;
        // Extend over capitalized words, acronyms and possessives before it.
        while start > s.tokens().start {
            let p = start - 1;
            let w = doc.tok(p);
            let tok = doc.token(p);
            if tok.kind() == TokenKind::Possessive
                || (tok.kind() == TokenKind::Word
                    && w.first_is(crate::letters::is_uppercase)
                    && doc.word_class(p).is_none())
                || (tok.kind() == TokenKind::Word
                    && is_connector(w)
                    && p > s.tokens().start
                    && doc.is_cap(p - 1))
            {
                start = p;
            } else {
                break;
            }
        }
        return Some(doc.span_of(start, a));
    }
    None
}

/// Splits a title-free run into known names and the rest, and classifies each.
/// Each step either splits the run and recurses, or settles it.
fn classify_parts(doc: &Doc, ev: &Evidence, run: Range<usize>, out: &mut Vec<Name>) {
    let lex = lexicon();
    let (a, b) = (run.start, run.end);
    if a >= b {
        return;
    }
    if let Some(name) = dateline(doc, a, b) {
        out.push(name);
        return;
    }
    // "Jane Doe of Brackwater": a person and where she is from.
    if let Some(of) = given_name_of(doc, a, b) {
        classify_parts(doc, ev, a..of, out);
        classify_parts(doc, ev, of + 1..b, out);
        return;
    }
    if let Some(known) = known_at_start(doc, a, b) {
        let end = known.toks.end;
        out.push(known);
        classify_parts(doc, ev, end..b, out);
        return;
    }
    if let Some(and) = and_cut(doc, a, b) {
        classify_parts(doc, ev, a..and, out);
        classify_parts(doc, ev, and + 1..b, out);
        return;
    }
    // A section word or opener alone is not a name ("National", "Meanwhile"),
    // nor a lone letter ("posted on X", "Plan B").
    if b - a == 1
        && ((lex.is_not_name(doc.tok(a)) && !ev.surnames.contains(doc.tok(a)))
            || doc.tok(a).len() == 1)
    {
        return;
    }
    if let Some(cut) = org_head_cut(doc, a, b) {
        classify_parts(doc, ev, a..cut, out);
        classify_parts(doc, ev, cut..b, out);
        return;
    }
    let (a, b) = trim_connectors(doc, a, b);
    if a >= b {
        return;
    }
    let Some(hint) = hint(doc, ev, a, b) else {
        return;
    };
    out.push(strip_honorific(doc, a..b, hint));
}

/// A dateline in capitals at the start of a paragraph ("PORT PELLAM —",
/// "GENEVA (Wire) -") names a place; it merges with the place written normally.
fn dateline(doc: &Doc, a: usize, b: usize) -> Option<Name> {
    let para_start = doc.paragraph(doc.para_of(a)).tokens().start;
    let all_caps = (a..b).all(|t| {
        let w = doc.tok(t);
        w == "."
            || (crate::text::char_count(w) > 1
                && w.chars().all(|c| !crate::letters::is_lowercase(c)))
    });
    let dateline_mark = b < doc.tokens.len() && matches!(doc.tok(b), "—" | "–" | "-" | "(" | ",");
    if !(all_caps && a == para_start && dateline_mark) {
        return None;
    }
    Some(Name {
        toks: a..b,
        hint: place_hint(unshout((a..b).map(|t| doc.tok(t)))),
        title: None,
    })
}

/// "Pensioner Jane Doe", "Grandmother Ana Ruiz": a role or kin word at `a`
/// (opening its sentence, the caller checks) before a given name is no
/// part of the name.
pub(super) fn role_before_given_name(doc: &Doc, a: usize) -> bool {
    let lex = lexicon();
    let w = doc.tok(a);
    !lex.starts_title(w)
        && lex.is_given_name(doc.tok(a + 1))
        && (lex.role(w).is_some() || lex.is_any_case(w, Use::Kin))
}

/// "FRESNO, Calif. —", "ATHENS, Ga. (Wire) -": one word after the comma
/// of a dateline in capitals is its state or country.
pub(super) fn after_dateline_place(doc: &Doc, a: usize) -> bool {
    let start = doc.paragraph(doc.para_of(a)).tokens().start;
    a >= start + 2
        && a <= start + 4
        && doc.tok(a - 1) == ","
        && (start..a - 1).all(|t| !doc.tok(t).contains(crate::letters::is_lowercase))
}

/// What the lexicons know a name in capitals `raw` (its `words`) as:
/// written so ("NATO") or written as words ("SERBIA" is Serbia).
fn known_in_capitals<'w>(
    raw: &str,
    words: impl Iterator<Item = &'w str>,
) -> Option<&'static crate::lexicon::Known> {
    let lex = lexicon();
    lex.known(raw).or_else(|| lex.known(&unshout(words)))
}

/// Words in capitals written as words: "PORT PELLAM" is "Port Pellam".
pub(super) fn unshout<'w>(words: impl Iterator<Item = &'w str>) -> String {
    // (joined by single spaces, as `text::spaced` does)
    let mut out = String::new();
    for (k, w) in words.enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let mut c = w.chars();
        if let Some(f) = c.next() {
            out.push(f);
            out.push_str(&c.as_str().lower());
        }
    }
    out
}

/// The hint of a place written `written`: under the places lexicon's
/// canonical name when it knows it.
pub(super) fn place_hint(written: String) -> Hint {
    Hint::Known {
        canonical: lexicon()
            .known(&written)
            .map_or(written, |k| k.canonical.clone()),
        place: true,
    }
}

/// The "of" after a given name and at least one more word ("Jane Doe of
/// Brackwater"), where a person's name ends and her town starts.
fn given_name_of(doc: &Doc, a: usize, b: usize) -> Option<usize> {
    if !lexicon().is_given_name(doc.tok(a)) {
        return None;
    }
    (a + 2..b).find(|&t| doc.is(t, Use::Of))
}

/// The whole run as a known name, or a known organization at its start
/// followed by more names ("White House National Security Council"). A
/// known place at the start usually names the organization it belongs to
/// ("Texas Rangers"), unless a person's given name follows.
fn known_at_start(doc: &Doc, a: usize, b: usize) -> Option<Name> {
    let lex = lexicon();
    let known = |len: usize, k: &crate::lexicon::Known| Name {
        toks: a..a + len,
        hint: Hint::Known {
            canonical: k.canonical.clone(),
            place: k.is_place,
        },
        title: None,
    };
    if let Some(k) = lex.known(doc.text_of_toks(a, b)) {
        return Some(known(b - a, k));
    }
    for len in (1..(b - a).min(5)).rev() {
        let head = doc.text_of_toks(a, a + len);
        if let Some(k) = lex.known(head) {
            let rest_person = lex.is_given_name(doc.tok(a + len));
            return (!k.is_place || rest_person).then(|| known(len, k));
        }
    }
    None
}

/// "Paris and Berlin": two names, unless an organization word follows
/// ("Department of Fisheries and Marine Services") or the run is an
/// organization whose field after "of" or "for" ends in "and" and a word
/// or two ("Ministry of Trade and Industry").
fn and_cut(doc: &Doc, a: usize, b: usize) -> Option<usize> {
    (a + 1..b)
        .find(|&t| doc.is(t, Use::And))
        .filter(|&and| !run_has_org_head(doc, and, b) && !fields_joined(doc, a, &(and + 1..b)))
}

/// An organization's head word at `start`, then "of" or "for", and the
/// capitalized words of `after` (one or two) closing the name after
/// "and": "Office of Rail and Road" (neither field a name the lexicons
/// know: "the University of Pennsylvania and Carnegie Mellon" are two).
pub(super) fn fields_joined(doc: &Doc, start: usize, after: &std::ops::Range<usize>) -> bool {
    after.len() <= 2
        && after.end - start <= 7
        && matches!(doc.tok(start + 1), "of" | "for")
        && (start..after.end).all(|t| doc.tokens[t].kind() == TokenKind::Word)
        && after.clone().all(|t| doc.is_cap(t))
        && after.start > start + 3
        && lexicon().is_org_head(doc.tok(start))
        && [start + 2..after.start - 1, after.clone()]
            .iter()
            .all(|r| lexicon().known(doc.text_of_toks(r.start, r.end)).is_none())
}

/// Where to split after an organization word followed by another name
/// ("... Council Jane Doe" is rare, "... Ministry Foreign ..." rarer: keep simple).
fn org_head_cut(doc: &Doc, a: usize, b: usize) -> Option<usize> {
    let lex = lexicon();
    (a..b.saturating_sub(1))
        .find(|&t| {
            lex.is_org_head(doc.tok(t))
                && !is_connector(doc.tok(t + 1))
                && !lex.is_org_head(doc.tok(t + 1))
                && t + 1 < b
        })
        .map(|t| t + 1)
}

/// The run without connectors and periods at its edges.
fn trim_connectors(doc: &Doc, mut a: usize, mut b: usize) -> (usize, usize) {
    while a < b && (is_connector(doc.tok(a)) || doc.tok(a) == ".") {
        a += 1;
    }
    while b > a && (is_connector(doc.tok(b - 1)) || doc.tok(b - 1) == ".") {
        b -= 1;
    }
    (a, b)
}

/// "Crossings", "Minerals": the plural of a common word ("crossing").
fn plural_of_common(w: &str) -> bool {
    w.len() > 3 && w.ends_with('s') && lexicon().is_common_word(w.part(..w.len() - 1))
}

/// What the words of the run `a..b` say about its kind; `None` when they
/// are no name at all ("French", "Serbian Orthodox" as plain words).
fn hint(doc: &Doc, ev: &Evidence, a: usize, b: usize) -> Option<Hint> {
    let lex = lexicon();
    let mut words: Vec<&str> = Vec::new();
    for t in a..b {
        if doc.tok(t) != "." {
            words.push(doc.tok(t));
        }
    }
    // ("Storm Ciara", "Tropical Storm Bret": a storm, no actor; the word may open
    // the run or, opening a sentence, have been left out of it.)
    if words.iter().take(2).any(|w| lex.is(w, Use::StormWord))
        || (a > 0 && doc.is(a - 1, Use::StormWord))
    {
        return None;
    }
    Some(if words.iter().any(|w| lex.is_org_head(w)) {
        Hint::Org
    } else if lex.is_honorific(words.at(0))
        || lex.is_given_name(words.at(0))
        || doc.age_at(b)
        || grammar_given(doc, a)
    {
        // ("Wairimu, 34,": an age is a person's.)
        Hint::Person
    } else if words.len() == 1 && after_dateline_place(doc, a) {
        place_hint(words.at(0).to_string())
    } else if words.len() == 1 {
        let w = *words.at(0);
        if office_in_capitals(w) {
            return None;
        } else if is_acronym(w) {
            Hint::Org
        } else if ev.surnames.contains(w) {
            Hint::Person
        } else if lex.is_title(w)
            && !lex.is_honorific(w)
            && (a == 0
                || doc.word_class(a - 1).is_none()
                    && doc.token(a - 1).kind() != TokenKind::Possessive)
            && !speaks_next(doc, b)
        {
            // "..., says Minister": a title alone, no determiner nor owner
            // (not "the Chancellor's", "Norland's Ambassador"), nor a
            // surname before "said" ("King said"), names nobody; the
            // descriptions read it as a role (its holder, if one).
            return None;
        } else if lex.national(w) || (lex.is_common_word(w) && !ev.cap_inside.contains(w)) {
            return None; // "French", "Dutchman", "Parliament" as a plain word
        } else {
            Hint::Single
        }
    } else if words
        .iter()
        .all(|w| lex.demonym(w).is_some() || lex.is_common_word(w))
        // ("the charity Open Door": a body's noun vouches for its name)
        && !(a > 0 && doc.is(a - 1, Use::OrgNoun))
    {
        return None; // "Serbian Orthodox", "Breaking News"-like capitals
    } else if words.iter().any(|w| lex.is(w, Use::PlaceWord)) {
        Hint::Known {
            canonical: crate::text::spaced(&words),
            place: true,
        }
    } else if words.iter().any(|w| lex.is_common_word(w))
        || plural_of_common(words.at(words.len() - 1))
    {
        // People's names are rarely made of common words: "Brackwater
        // Crossings", "Harrowby Minerals" name firms and bodies (a
        // common word in the plural too, at the end).
        Hint::Org
    } else {
        Hint::MultiWord
    })
}

/// "MP", "CEO": an office in capitals is a title, no body; "MPs" are its
/// holders, described, not named.
pub(super) fn office_in_capitals(w: &str) -> bool {
    let lex = lexicon();
    let office = w.strip_suffix('s').filter(|o| is_acronym(o)).unwrap_or(w);
    is_acronym(office) && lex.is_title(office) && !lex.is_honorific(office)
}

/// The name of the run, without an honorific at its start: an honorific is
/// part of the name only as a marker ("Mr. Smith" → "Smith", titled "Mr.").
fn strip_honorific(doc: &Doc, run: Range<usize>, hint: Hint) -> Name {
    let (mut s, b) = (run.start, run.end);
    let mut title = None;
    if lexicon().is_honorific(doc.tok(s)) {
        let mut e = s + 1;
        if e < b && doc.tok(e) == "." {
            e += 1;
        }
        if e < b {
            title = Some(doc.span_of(s, e));
            s = e;
        }
    }
    Name {
        toks: s..b,
        hint,
        title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lowercase_set_holds_every_lowercase_form_asked_about() {
        // Each capitalized word here is also written in lowercase: the
        // filter in front of the set must let that lowercase word in.
        let text = "Report on Über and the über thing. NATO met nato staff. Kessel said kessel.";
        let doc = Doc::new(text);
        let ev = evidence(&doc);
        for w in ["über", "nato", "kessel", "report"] {
            assert_eq!(ev.lower.contains(w), text.contains(&format!(" {w}")), "{w}");
        }
    }

    /// The names of `text` as (words, hint, title words).
    fn names(text: &str) -> Vec<(String, Hint, Option<String>)> {
        let doc = Doc::new(text);
        find(&doc)
            .into_iter()
            .map(|n| {
                let words = text[doc.span_of(n.toks.start, n.toks.end)].to_string();
                (words, n.hint, n.title.map(|t| text[t].to_string()))
            })
            .collect()
    }

    fn place(canonical: &str) -> Hint {
        Hint::Known {
            canonical: canonical.to_string(),
            place: true,
        }
    }

    #[test]
    fn a_title_inside_a_run_cuts_it() {
        let n = names("He said US Secretary of State Jane Velkamp arrived.");
        assert_eq!(n[0].0, "US");
        assert!(matches!(&n[0].1, Hint::Known { place: true, .. }));
        assert_eq!(n[1].0, "Jane Velkamp");
        assert_eq!(n[1].1, Hint::Person);
        assert_eq!(n[1].2.as_deref(), Some("US Secretary of State"));
    }

    #[test]
    fn a_storm_s_name_is_no_name() {
        for text in [
            "Storm Ciara brought gusts of 90 mph.",
            "Forecasters said Hurricane Ida would weaken.",
            "Tropical Storm Bret weakened.",
        ] {
            assert_eq!(
                names(text).iter().filter(|n| n.0 != "Forecasters").count(),
                0,
                "{text}"
            );
        }
    }

    #[test]
    fn an_honorific_is_a_title_not_part_of_the_name() {
        let n = names("They said Mr. Velkamp left early.");
        assert_eq!(n, [("Velkamp".into(), Hint::Person, Some("Mr.".into()))]);
    }

    #[test]
    fn a_capitalized_dateline_is_a_place() {
        let n = names("GENEVA (Wire) - The talks ended on Monday.");
        assert_eq!(n[0].0, "GENEVA");
        assert_eq!(n[0].1, place("Geneva"));
    }

    #[test]
    fn and_splits_two_names_unless_an_organization_word_follows() {
        let n = names("Talks in Paris and Berlin went on.");
        let words: Vec<&str> = n.iter().map(|n| n.0.as_str()).collect();
        assert_eq!(words, ["Paris", "Berlin"]);
        let n = names("He said the Department of Fisheries and Marine Services agreed.");
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].0, "Department of Fisheries and Marine Services");
        assert_eq!(n[0].1, Hint::Org);
    }

    #[test]
    fn a_given_name_and_of_make_a_person_and_a_place() {
        let n = names("He said Maria Velkamp of Brackwater arrived.");
        assert_eq!(n[0].0, "Maria Velkamp");
        assert_eq!(n[0].1, Hint::Person);
        assert_eq!(n[1].0, "Brackwater");
    }

    #[test]
    fn a_place_word_makes_a_place() {
        let n = names("They fished in Lake Kessendorf on Monday.");
        assert_eq!(
            n,
            [("Lake Kessendorf".into(), place("Lake Kessendorf"), None)]
        );
    }

    #[test]
    fn sentence_capitals_alone_are_no_names() {
        let n = names("Meanwhile, officials said Velkamp had left.");
        let words: Vec<&str> = n.iter().map(|n| n.0.as_str()).collect();
        assert_eq!(words, ["Velkamp"]);
    }

    #[test]
    fn connectors_join_capitalized_words() {
        let n = names("He visited the Bank of England on Monday.");
        assert_eq!(n[0].0, "Bank of England");
    }
}
