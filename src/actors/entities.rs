//! Names typed from outside the rules: entity spans from a tagger (the
//! native engine's own [`crate::tagger`], or one run elsewhere, as the web
//! page does with a separate model) decide the kind of an actor when they
//! disagree with the rules, and drop the capitalized words they call no name
//! (or a name of no actor: an event, a nationality, a storm) unless the
//! engine's own context vouches for them.
//!
//! What vouches for a name the tagger passed over: a title before it, a
//! given name opening it, or a speech verb next to it ("X said", "said X").

use super::names::{
    after_dateline_place, fields_joined, headline_verb, office_in_capitals, place_hint,
    role_before_given_name, speaks_next, unshout, Hint, Name,
};
use super::store::Actors;
use crate::annotation::ActorKind;
use crate::at::Ends;
use crate::at::Part;
use crate::hash::lower_hash;
use crate::lexicon::{lexicon, Use, WordClass};
use crate::span::Span;
use crate::text::WordMap as HashMap;
use crate::text::WordSet as HashSet;
use crate::text::{with_low, Doc, TokenKind};
use std::cell::Cell;

/// What a tagger says a name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organization (a company, agency, team, party...).
    Organization,
    /// A place.
    Place,
    /// A name of no actor: an event, a storm, a nationality, a work...
    Other,
}

/// A name found by a tagger: its bytes in the text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NamedEntity {
    /// Where it is (bytes of the annotated text).
    pub span: Span,
    /// What it is.
    pub kind: EntityKind,
}

/// The tagger's verdict for every token: 0 outside any name, else 1 +
/// the [`EntityKind`] of the name covering it, plus [`FIRST`] on a name's
/// first token. Four bits a token, two tokens a byte (the table lives from
/// the tagger to the end of the actors: 1 MB of a 10 MiB text's peak).
pub(crate) struct TokenTypes {
    /// The codes, token `t`'s in the low half of byte `t / 2` when `t` is
    /// even, else in the high half.
    codes: Vec<u8>,
    /// The number of tokens.
    len: usize,
}

/// The bit of [`TokenTypes`] that marks the first token of a name.
const FIRST: u8 = 0x8;

fn code(kind: EntityKind) -> u8 {
    1 + kind as u8
}

fn kind_of(code: u8) -> Option<EntityKind> {
    Some(match code {
        1 => EntityKind::Person,
        2 => EntityKind::Organization,
        3 => EntityKind::Place,
        4 => EntityKind::Other,
        _ => return None,
    })
}

impl TokenTypes {
    /// Every token outside any name.
    pub(crate) fn empty(len: usize) -> TokenTypes {
        TokenTypes {
            codes: vec![0; len.div_ceil(2)],
            len,
        }
    }

    /// The code of token `t` (0 past the last token).
    fn get(&self, t: usize) -> u8 {
        match self.codes.get(t / 2) {
            Some(&c) if t < self.len => (c >> (4 * (t % 2))) & 0xf,
            _ => 0,
        }
    }

    /// Sets the code of token `t` (a token of the text).
    fn put(&mut self, t: usize, code: u8) {
        let shift = 4 * (t % 2);
        let c = &mut self.codes[t / 2];
        *c = (*c & !(0xf << shift)) | (code << shift);
    }

    /// Marks tokens `toks` as a name of `kind`.
    #[cfg(feature = "tagger")]
    pub(crate) fn set(&mut self, toks: std::ops::Range<usize>, kind: EntityKind) {
        let end = toks.end.min(self.len);
        let start = toks.start.min(end);
        for t in start..end {
            self.put(t, code(kind) | if t == start { FIRST } else { 0 });
        }
    }

    /// The types of entity spans given in bytes: a token takes the kind
    /// of the span it lies in (a token only partly inside is left out).
    pub(crate) fn from_spans(doc: &Doc, entities: &[NamedEntity]) -> TokenTypes {
        let mut types = TokenTypes::empty(doc.tokens.len());
        for e in entities {
            let first = doc
                .tokens
                .partition_point(|t| t.span().start < e.span.start);
            let mut t = first;
            while t < doc.tokens.len() && doc.tokens[t].span().end <= e.span.end {
                types.put(t, code(e.kind) | if t == first { FIRST } else { 0 });
                t += 1;
            }
        }
        types
    }

    /// True when the tagger calls the words `toks` (most of them) a
    /// person, organization or place.
    pub(crate) fn names_actor(&self, toks: std::ops::Range<usize>) -> bool {
        matches!(
            self.verdict(toks),
            Some(EntityKind::Person | EntityKind::Organization | EntityKind::Place)
        )
    }

    /// The kind most of the tokens of `toks` have (`None`: no name there).
    fn verdict(&self, toks: std::ops::Range<usize>) -> Option<EntityKind> {
        let mut counts = [0usize; 5];
        for t in toks {
            counts[usize::from(self.get(t) & !FIRST)] += 1;
        }
        let best = (1..5).max_by_key(|&k| (counts[k], std::cmp::Reverse(k)))?;
        if counts[best] == 0 {
            None
        } else {
            kind_of(best as u8)
        }
    }
}

impl TokenTypes {
    /// The names of a person, organization or place, in text order.
    fn actor_spans(&self) -> Vec<(std::ops::Range<usize>, EntityKind)> {
        let mut out: Vec<(std::ops::Range<usize>, EntityKind)> = Vec::new();
        // (a zero byte, most of them, is two tokens outside any name: a
        // token outside changes nothing here; the others' codes read from
        // their byte)
        for (b, &byte) in self.codes.iter().enumerate() {
            if byte == 0 {
                continue;
            }
            for (t, c) in [(2 * b, byte & 0xf), (2 * b + 1, byte >> 4)] {
                if t >= self.len {
                    break;
                }
                let kind = kind_of(c & !FIRST);
                match out.last_mut() {
                    Some((r, k)) if c & FIRST == 0 && r.end == t && Some(*k) == kind => r.end += 1,
                    _ => {
                        if let Some(k) = kind.filter(|&k| k != EntityKind::Other) {
                            out.push((t..t + 1, k));
                        }
                    }
                }
            }
        }
        out
    }
}

/// "Texas Governor Ray Kimble", "Senate Majority Leader X": a title
/// ending a name the tagger found, right before a capitalized word (its
/// holder), is no part of that name: its tokens leave it, and the words
/// before it are a place where the lexicons know one ("Texas"), else what
/// the tagger said; so is a known place's name the tagger calls an
/// organization right before a title and its holder ("California Senator
/// X").
pub(crate) fn untitle(doc: &Doc, types: &mut TokenTypes) {
    let len = doc.tokens.len();
    for (r, kind) in types.actor_spans() {
        if kind == EntityKind::Person || r.end >= len || !doc.is_cap(r.end) {
            continue;
        }
        // (`last`: the title's last word)
        let (k, last) = match (r.start..r.end)
            .find(|&k| super::names::title_len(doc, k, r.end) == Some(r.end - k))
        {
            Some(k) => (k, r.end - 1),
            None => match super::names::title_len(doc, r.end, len) {
                Some(l) if r.end + l < len && doc.is_cap(r.end + l) => (r.end, r.end + l - 1),
                _ => continue,
            },
        };
        for t in k..r.end {
            types.put(t, 0);
        }
        // ("Wessex Mayor X": one word the lexicons do not know before an
        // office of a place is that place)
        if k > r.start
            && (known_place_word(doc.text_of_toks(r.start, k))
                || (k == r.start + 1 && place_before_office(doc, r.start, last)))
        {
            types.put(r.start, code(EntityKind::Place) | FIRST);
            for t in r.start + 1..k {
                types.put(t, code(EntityKind::Place));
            }
        }
    }
}

/// One capitalized word at `t` that the lexicons do not know (no place,
/// organization, given name, people, organization's word, title, grammar
/// or common word, no party's: "Green Councillor") before a title whose
/// last word, at `last`, names an office of a place (`place_title`:
/// "Wessex Mayor", "Estmark Prime Minister"): the place.
fn place_before_office(doc: &Doc, t: usize, last: usize) -> bool {
    let lex = lexicon();
    let w = doc.tok(t);
    with_low(doc.tok(last), |l| context().place_title.contains(l))
        && !context().party.contains(w)
        && doc.is_cap(t)
        && w.chars().any(crate::letters::is_lowercase)
        && doc.word_class(t).is_none()
        && lex.known(w).is_none()
        && !lex.is_given_name(w)
        && lex.demonym(w).is_none()
        && !lex.is_org_head(w)
        && !lex.starts_title(w)
        // ("Mines Minister": a portfolio's plural common word)
        && !with_low(w, |l| {
            lex.is_common_word(l) || l.strip_suffix('s').is_some_and(|s| lex.is_common_word(s))
        })
}

/// Name `n`, one untitled word, before a title that names an office of a
/// place and the title's holder ("Kelmoor Mayor Corinne Abela"): that
/// place ([`place_before_office`]).
fn office_place(doc: &Doc, n: &Name) -> bool {
    let (a, b) = (n.toks.start, n.toks.end);
    b == a + 1
        && n.title.is_none()
        && doc.tokens.get(b).is_some_and(|_| doc.is_cap(b))
        && super::names::title_len(doc, b, doc.tokens.len()).is_some_and(|l| {
            b + l < doc.tokens.len() && doc.is_cap(b + l) && place_before_office(doc, a, b + l - 1)
        })
}

/// Name `n`, one untitled word, whose "'s" owns an office of a place: a
/// `place_title` within the three lowercase words after it ("Sereth's
/// prime minister", "Velland's agriculture minister"): that place
/// ([`place_before_office`]).
fn owned_office(doc: &Doc, n: &Name) -> bool {
    let (a, b) = (n.toks.start, n.toks.end);
    b == a + 1
        && n.title.is_none()
        && doc
            .tokens
            .get(b)
            .is_some_and(|t| t.kind() == TokenKind::Possessive)
        && (b + 1..(b + 4).min(doc.tokens.len()))
            .take_while(|&t| doc.tok(t).first_is(crate::letters::is_lowercase))
            .any(|t| place_before_office(doc, a, t))
}

/// The name the tagger found over `toks`, with the hint its kind gives
/// the rules' merging (a person's name as the rules' own unmarked names,
/// so that a surname alone still joins the full name).
fn tagged_name(
    doc: &Doc,
    toks: std::ops::Range<usize>,
    kind: EntityKind,
    title: Option<Span>,
) -> Name {
    let text = doc.text_of_toks(toks.start, toks.end);
    // "Tanner Street", "Eastfield United": the words of the name decide,
    // as they do for the rules' names ([`filter`]).
    let c = context();
    let kind = if toks.len() < 2 {
        kind
    } else if (c.org_last.contains(doc.tok(toks.end - 1))
        && title.is_none()
        && !lexicon().is_given_name(doc.tok(toks.start)))
        || (title.is_none() && club(doc, toks.clone()))
    {
        EntityKind::Organization
    } else if c.place_first.contains(doc.tok(toks.start))
        || c.place_last.contains(doc.tok(toks.end - 1))
    {
        EntityKind::Place
    } else {
        kind
    };
    let hint = match kind {
        // "BRELLIN" (a dateline) is the place written "Brellin".
        EntityKind::Place if text.chars().any(crate::letters::is_lowercase) => {
            place_hint(text.to_string())
        }
        EntityKind::Place => place_hint(unshout(text.split(' '))),
        EntityKind::Organization => Hint::Org,
        // A titled person is one, whatever the words around it suggest.
        EntityKind::Person if title.is_some() => Hint::Person,
        _ if toks.len() > 1 => Hint::MultiWord,
        _ => Hint::Single,
    };
    Name { toks, hint, title }
}

/// True when a name the tagger found may stand as the engine's: inside one
/// sentence, opening with a word that has a capital letter ("al-Qaida"
/// too), and no storm, event or label.
fn may_adopt(doc: &Doc, toks: &std::ops::Range<usize>) -> bool {
    let lex = lexicon();
    let first = doc.tok(toks.start);
    toks.start < toks.end
        && doc.sentence_at(toks.start) == doc.sentence_at(toks.end - 1)
        && doc.tokens[toks.start].kind() == TokenKind::Word
        && first.chars().any(crate::letters::is_uppercase)
        // A section's label ("International", "Health") may open an
        // organization's name that ends in its head word ("International
        // Maritime Bureau", "Health Ministry"), never a name by itself; so
        // may a page's label that is a common word ("Free") after a
        // lowercase word of its sentence, where no page's layout glued it
        // to a name ("the Free Aceh Movement"; not a credit's "via Getty
        // Images").
        && (!lex.is_not_name(first)
            || (toks.len() > 1
                && (!lex.breaks_name(first) || (lex.is_label(first) && common_after_lowercase(doc, toks.start)))
                && (lex.is_org_head(doc.tok(toks.end - 1))
                    // ("Arts Council Wales": a body's branch in a country)
                    || (toks.len() > 2
                        && lex.is_org_head(doc.tok(toks.end - 2))
                        && known_place_word(doc.tok(toks.end - 1))))))
        // "the Coach House on Tanner Street": two names, not one.
        && toks.clone().all(|t| {
            let w = doc.tok(t);
            w.chars().any(|c| crate::letters::is_uppercase(c) || c.is_ascii_digit())
                || matches!(w, "." | "&" | "'" | "’")
                || doc.is(t, crate::lexicon::Use::Connector)
                // "St Brennan's Hospital": a possessive inside a name that
                // ends in an organization's head word.
                || (doc.tokens[t].kind() == TokenKind::Possessive
                    && t + 1 < toks.end
                    && lex.is_org_head(doc.tok(toks.end - 1)))
                || (w == "," && listed_org(doc, toks))
        })
}

/// A word the lexicons know as a place's name ("Wales").
fn known_place_word(w: &str) -> bool {
    lexicon().known(w).is_some_and(|k| k.is_place)
}

/// An initial at token `t`: one capital letter and its full stop ("B.").
fn initial(doc: &Doc, t: usize) -> bool {
    t + 1 < doc.tokens.len()
        && doc.tok(t + 1) == "."
        && doc.tok(t).len() == 1
        && doc.tok(t).first_is(|c| c.is_ascii_uppercase())
        && doc.token(t + 1).span().start == doc.token(t).span().end
}

/// "B. Nyathi", "C. J. Whitmore": initials, then one capitalized word
/// that is no common word: a person's name.
fn initialled(doc: &Doc, toks: &std::ops::Range<usize>) -> bool {
    let mut t = toks.start;
    while t + 2 < toks.end && initial(doc, t) {
        t += 2;
    }
    t > toks.start
        && t + 1 == toks.end
        && doc.tok(t).chars().any(crate::letters::is_lowercase)
        && !with_low(doc.tok(t), |w| lexicon().is_common_word(w))
}

/// True when token `t` is a common word ("Free", not "Getty") and the
/// word before it, in its sentence, is a word in lowercase ("the", "and").
fn common_after_lowercase(doc: &Doc, t: usize) -> bool {
    with_low(doc.tok(t), |w| lexicon().is_common_word(w))
        && t > 0
        && doc.sentence_at(t - 1) == doc.sentence_at(t)
        && doc.tokens[t - 1].kind() == TokenKind::Word
        && doc.tok(t - 1).first_is(crate::letters::is_lowercase)
}

/// True when a name the rules missed may be added from the tagger's: not
/// in a headline (its capitals say nothing), not a title or an honorific
/// ("Mr"), and not one common word ("Wire" after a dateline). `inside`:
/// whether a word opening a sentence may be one the text writes with a
/// capital elsewhere too.
fn may_add(
    doc: &Doc,
    toks: &std::ops::Range<usize>,
    inside: bool,
    kind: Option<EntityKind>,
) -> bool {
    let lex = lexicon();
    let first = doc.tok(toks.start);
    // One word opening a sentence ("Orchard owners vow ..."): only if
    // the text writes it with a capital elsewhere too, or a verb, a
    // comma or a possessive follows it: the subject of its sentence
    // ("Okereke did not", "Okereke has", "Okereke, a former ...", "Okereke's").
    let b = toks.end;
    let subject = b < doc.tokens.len()
        && (matches!(doc.tok(b), ",")
            || doc.tokens[b].kind() == TokenKind::Possessive
            || doc.word_class(b) == Some(crate::lexicon::WordClass::Aux)
            || doc.cue_verb(b).is_some()
            || context().plays.contains(doc.tok(b)));
    // "Brannick enrolled": the tagger's person before an English word.
    let person = kind == Some(EntityKind::Person) && common_next(doc, b);
    let lone_opener = toks.len() == 1
        && super::is_sentence_initial(doc, toks.start)
        && !subject
        && !person
        // (the scan of the text last: the tests before it are at hand)
        && (!inside || !capitalized_inside(doc, first))
        && !dateline(doc, toks);
    // ("Hurricane Odessa": the rules leave a storm's name out, `names::hint`.)
    let storm = doc.is(toks.start, Use::StormWord)
        || (toks.start > 0 && doc.is(toks.start - 1, Use::StormWord));
    let refused = lone_opener
        || storm
        || doc.paras[doc.para_of(toks.start)].heading
        || lex.starts_title(first)
        || lex.is_honorific(first)
        || (toks.len() == 1
            && (with_low(first, |w| lex.is_common_word(w))
                || super::names::month_day(doc, toks.start)
                || office_in_capitals(first)
                || lex.national(first)));
    !refused
}

/// A lowercase English word at `b`, common or a past tense ("Brannick
/// enrolled"), not a foreign one ("Carpe diem").
fn common_next(doc: &Doc, b: usize) -> bool {
    b < doc.tokens.len() && {
        let w = doc.tok(b);
        w.first_is(crate::letters::is_lowercase)
            && (w.ends_with("ed") || lexicon().is_common_word(w))
    }
}

/// One word the tagger calls an organization that names an institution by
/// its head word or is an organization the lexicons know ("Parliament
/// Wednesday adopted", "Congress restored", "Army troops"): a name also
/// where it opens its sentence and is a common word, though not in a
/// headline (a sentence without its full stop: "Ministry releases grain"),
/// not in capitals, and not a verb before its object ("Trust me", "Trust
/// in ...").
fn institution(doc: &Doc, toks: &std::ops::Range<usize>) -> bool {
    use crate::lexicon::WordClass;
    let lex = lexicon();
    let w = doc.tok(toks.start);
    let object = toks.end < doc.tokens.len()
        && matches!(
            doc.word_class(toks.end),
            Some(WordClass::Pron | WordClass::Prep | WordClass::Det | WordClass::Poss)
        );
    let sentence = doc.sentences[doc.sentence_at(toks.start)].tokens();
    let stops = sentence
        .clone()
        .rev()
        .find(|&t| !matches!(doc.tok(t), "\"" | "”" | "’" | "'" | ")"))
        .is_some_and(|t| matches!(doc.tok(t), "." | "!" | "?"));
    toks.len() == 1
        && sentence.start == toks.start
        && stops
        && !object
        && w.chars().any(crate::letters::is_lowercase)
        && !doc.paras[doc.para_of(toks.start)].heading
        && (lex.is_org_head(w) || lex.known(w).is_some_and(|k| !k.is_place))
}

/// True when `word` is written with a capital where no sentence starts.
/// (Asked of a lone word opening a sentence only, a few times a text: a
/// scan for it, not a set of every such word made for each text.)
fn capitalized_inside(doc: &Doc, word: &str) -> bool {
    (0..doc.tokens.len()).any(|t| {
        // (the length first: it tells most tokens apart unread; then a
        // word's first byte read here: `Doc::is_cap` is a call, and decodes
        // only a non-ASCII letter)
        let tok = doc.tokens[t];
        tok.span().len() == word.len()
            && tok.kind() == TokenKind::Word
            && doc.str_of(tok.span()) == word
            && match doc.text.as_bytes()[tok.span().start] {
                b if b < 0x80 => b.is_ascii_uppercase(),
                _ => doc.is_cap(t),
            }
            && !super::is_sentence_initial(doc, t)
    })
}

/// A dateline: a name in capitals opening its paragraph, then a dash, a
/// bracket or a comma ("HARARE, Zimbabwe —", "GENEVA (Wire) -"). It names
/// the place the story was filed from, whatever the tagger says.
/// So is a name in capitals opening its sentence before the filing date,
/// maybe after a region or a country ("OSLO 1998-03-02", "KELBY, Wales
/// 1998-03-02", "TARNOW Aug 4").
fn dateline(doc: &Doc, toks: &std::ops::Range<usize>) -> bool {
    let text = doc.text_of_toks(toks.start, toks.end);
    let b = toks.end;
    // (the lowercase test first: it ends at the second letter of most names)
    let caps = !text.chars().any(crate::letters::is_lowercase)
        && text
            .chars()
            .filter(|c| crate::letters::is_alphabetic(*c))
            .count()
            > 1
        && b < doc.tokens.len();
    caps && (doc.paras[doc.para_of(toks.start)].tokens().start == toks.start
        && matches!(doc.tok(b), "—" | "–" | "-" | "(" | ",")
        || filed(doc, toks))
}

/// Where a dateline in capitals starts inside name `toks`, after a
/// headline's last name with no stop between ("Datamere LONDON, March
/// 30"): the first of the words in capitals that end the name, after a
/// word with a lowercase letter, before a comma and a date.
fn headline_dateline(doc: &Doc, toks: &std::ops::Range<usize>) -> Option<usize> {
    let (a, b) = (toks.start, toks.end);
    let low = |t: usize| doc.tok(t).chars().any(crate::letters::is_lowercase);
    if b - a < 2 || low(b - 1) || b + 1 >= doc.tokens.len() || doc.tok(b) != "," {
        return None;
    }
    let k = (a..b).rev().take_while(|&t| !low(t)).last()?;
    (k > a && low(k - 1) && date_follows(doc, b)).then_some(k)
}

/// A dateline that gives the filing date: a name in capitals opening its
/// sentence before the date (see [`dateline`]).
fn filed(doc: &Doc, toks: &std::ops::Range<usize>) -> bool {
    let (a, b) = (toks.start, toks.end);
    // ("... chip demand holds up SAN JOSE, March 12 Chip designer ...":
    // a headline with no stop runs into the dateline, which then opens
    // no sentence but still gives the date right after its comma; a
    // name may end the headline, "... deal for Datamere LONDON, March 30")
    b < doc.tokens.len()
        && (a > 0 && doc.tok(a - 1).chars().any(crate::letters::is_lowercase)
            || doc.sentences[doc.sentence_at(a)].tokens().start == a)
        && date_follows(doc, b)
}

/// The filing date at token `b`, after a dateline's place, maybe after a
/// comma and a region or a country ("KELBY, Wales 1998-03-02"), or one
/// between commas in a headline's run ("PORTLAND, Oregon, Oct 2").
fn date_follows(doc: &Doc, b: usize) -> bool {
    let mut t = b;
    if doc.tok(t) == "," {
        t += 1;
        while t < doc.tokens.len()
            && doc.tok(t).first_is(crate::letters::is_uppercase)
            && !dated(doc, t)
        {
            t += 1;
        }
        if t > b + 1 && t < doc.tokens.len() && doc.tok(t) == "," {
            t += 1;
        }
    }
    t < b + 5 && dated(doc, t)
}

/// A dateline's place: one that gives the date, or a place the lexicons
/// know ("MIAMI -"; not a headline's "TWO DEAD, 16 INJURED").
fn dateline_place(doc: &Doc, toks: &std::ops::Range<usize>) -> bool {
    dateline(doc, toks)
        && (filed(doc, toks)
            || lexicon()
                .known(&unshout(doc.text_of_toks(toks.start, toks.end).split(' ')))
                .is_some_and(|k| k.is_place))
}

/// The region or country after a dateline's place and its comma
/// ("KELBY, Wales 1998-03-02").
fn dateline_region(doc: &Doc, n: &Name) -> bool {
    let a = n.toks.start;
    let s = doc.sentences[doc.sentence_at(a)].tokens().start;
    a >= s + 2
        && a <= s + 4
        && doc.tok(a - 1) == ","
        && !dated(doc, a)
        && dateline_place(doc, &(s..a - 1))
}

/// "1998-03-02": digits and dashes.
fn digit_date(w: &str) -> bool {
    w.len() >= 6
        && w.first_is(|c| c.is_ascii_digit())
        && w.bytes().all(|c| c.is_ascii_digit() || c == b'-')
        && w.bytes().any(|c| c == b'-')
}

/// Name `n` alone in brackets: "(", the name, ")".
fn bracketed(doc: &Doc, n: &Name) -> bool {
    let (a, b) = (n.toks.start, n.toks.end);
    a > 0 && b < doc.tokens.len() && doc.tok(a - 1) == "(" && doc.tok(b) == ")"
}

/// A date at token `t`: digits with dashes ("1998-03-02"), or a month's
/// name and a day ("Aug 4").
fn dated(doc: &Doc, t: usize) -> bool {
    let Some(w) = (t < doc.tokens.len()).then(|| doc.tok(t)) else {
        return false;
    };
    let lex = lexicon();
    digit_date(w)
        || super::names::month_day(doc, t)
        || (w.first_is(crate::letters::is_uppercase)
            && lex.breaks_name(w)
            && !lex.is_label(w)
            // (the month "May" is a modal verb's word too)
            && (lex.word_class(w).is_none() || w == "May")
            && t + 1 < doc.tokens.len()
            && number(doc.tok(t + 1), 2))
}

/// The rules' names with the tagger's boundaries where the two disagree:
/// a name the rules missed is added ("al-Qaida", "Congress" opening a
/// sentence), the rules' pieces of one tagged name are joined ("United
/// Nations" + "Development Program"), and a rules' name the tagger reads as
/// several (or as a shorter one: "King Gyanendra", "X and Y") is cut to
/// them. A name the lexicons know whole, and a title, stay the rules'.
pub(crate) fn adopt(doc: &Doc, types: &TokenTypes, mut names: Vec<Name>) -> Vec<Name> {
    let market = Market::default();
    let mut spans = types.actor_spans();
    // "... a review of Quillon deal for Datamere LONDON, March 30 ...": a
    // headline with no stop runs into a dateline in capitals, and the
    // rules read the headline's last name and the dateline as one name:
    // two names, the second the dateline's place ([`filed`]).
    // (the tagger's spans too, in the loop below)
    let mut i = 0;
    while i < names.len() {
        if let Some(k) = headline_dateline(doc, &names[i].toks).filter(|_| names[i].title.is_none())
        {
            let (a, b) = (names[i].toks.start, names[i].toks.end);
            let n = &mut names[i];
            n.toks = a..k;
            if k - a == 1 && n.hint == Hint::MultiWord {
                n.hint = Hint::Single;
            }
            names.insert(i + 1, tagged_name(doc, k..b, EntityKind::Place, None));
            i += 1;
        }
        i += 1;
    }
    shouted_names(doc, &mut spans, &mut names);
    // "Bernie Sanders Warns Clinton": a headline's verb splits a span;
    // so does a date ("Norway 1998-03-02 Port").
    let mut k = 0;
    while k < spans.len() {
        let (e, kind) = spans[k].clone();
        if let Some(d) = headline_dateline(doc, &e) {
            spans[k] = (e.start..d, kind);
            spans.insert(k + 1, (d..e.end, EntityKind::Place));
            k += 2;
            continue;
        }
        match e
            .clone()
            .find(|&t| headline_verb(doc, t) || digit_date(doc.tok(t)))
        {
            Some(v) => {
                spans.remove(k);
                for part in [v + 1..e.end, e.start..v] {
                    if !part.is_empty() {
                        spans.insert(k, (part, kind));
                    }
                }
            }
            None => k += 1,
        }
    }
    // "Varosh and Keltani": a tagged name of one word either side of
    // "and" (not a common one: "Justice and Development") is two names,
    // unless the lexicons know it whole ("Trinidad and Tobago").
    let mut k = 0;
    while k < spans.len() {
        let (e, kind) = spans[k].clone();
        let split = e
            .clone()
            .find(|&t| doc.is(t, Use::And) && doc.tok(t) == "and")
            .filter(|&t| {
                t > e.start
                    && t + 1 < e.end
                    && t - e.start == 1
                    && e.end - t == 2
                    && !with_low(doc.tok(t - 1), |w| lexicon().is_common_word(w))
                    && lexicon().known(doc.text_of_toks(e.start, e.end)).is_none()
                    && !listed_org(doc, &e)
            });
        match split {
            Some(t) => {
                spans[k] = (e.start..t, kind);
                spans.insert(k + 1, (t + 1..e.end, kind));
                k += 2;
            }
            None => k += 1,
        }
    }
    // "B. Nyathi 44": a person's initials before the tagger's person are
    // the name's first words; "Jo Carrow KC": a post-nominal is none.
    // "from Haldane Homes" tagged "Homes" alone: a capitalized word the
    // tagger passed over, no grammar word nor given name, before a word
    // that ends firms' names (`org_last`) opens that organization's name.
    for (e, kind) in &mut spans {
        while *kind == EntityKind::Person && e.start >= 2 && initial(doc, e.start - 2) {
            e.start -= 2;
        }
        if super::names::post_nominal(doc, e.start, e.end) {
            e.end -= 1;
        }
        let a = e.start;
        if e.len() == 1
            && a > 0
            && doc.is_cap(a - 1)
            && types.get(a - 1) == 0
            && context().org_last.contains(doc.tok(a))
            && doc.word_class(a - 1).is_none()
            && !lexicon().is_given_name(doc.tok(a - 1))
        {
            e.start -= 1;
            *kind = EntityKind::Organization;
        }
    }
    // "Grandmother Ana Ruiz said": the rules' test of a role word before
    // a given name holds for the tagger's names too.
    // So does a player's or a firm's noun opening the sentence (or
    // following a number or a mark: "OSLO 1998-03-02 Opener ...") before
    // a name ("Opener Neil Hartwell made 104", "Carmaker Autowerk rose":
    // the name is an organization after a firm's noun).
    for (e, kind) in &mut spans {
        if e.len() > 2
            && super::names::is_sentence_initial(doc, e.start)
            && role_before_given_name(doc, e.start)
        {
            e.start += 1;
        } else if e.len() > 1
            && (e.start == 0 || doc.tokens[e.start - 1].kind() != TokenKind::Word)
            && doc.is_cap(e.start + 1)
        {
            if let Some(&firm) = context().glued.get(doc.tok(e.start)) {
                e.start += 1;
                if firm {
                    *kind = EntityKind::Organization;
                }
            }
        }
    }
    // "the official Xinhua news agency", "no official U.S. comment": a
    // lowercase title word before a name the tagger calls an organization
    // or a place, and a lowercase noun after it, is an adjective; the name
    // modifies the noun, no titled person.
    for n in &mut names {
        let (a, b) = (n.toks.start, n.toks.end);
        if n.title.is_some()
            && noun_at(doc, b)
            && a > 0
            && doc.tok(a - 1).first_is(crate::letters::is_lowercase)
        {
            let text = doc.text_of_toks(a, b);
            n.hint = match types.verdict(a..b) {
                Some(EntityKind::Organization) => Hint::Org,
                Some(EntityKind::Place) => place_hint(text.to_string()),
                _ => continue,
            };
            n.title = None;
        }
    }
    // "Office for Trade" + ", " + "Energy and Industry": one
    // organization whose name lists its fields, however the tagger cut it.
    let mut k = 0;
    while k + 1 < spans.len() {
        let (a, b) = (&spans[k], &spans[k + 1]);
        let joined = a.0.start..b.0.end;
        if a.1 == EntityKind::Organization
            && b.1 == EntityKind::Organization
            && b.0.start == a.0.end + 1
            && doc.tok(a.0.end) == ","
            && doc.sentence_at(a.0.start) == doc.sentence_at(b.0.end - 1)
            && listed_org(doc, &joined)
        {
            spans[k].0 = joined;
            spans.remove(k + 1);
        } else {
            k += 1;
        }
    }
    // "Office of Rail" + "and" + "Road": one organization whose field
    // after "of" or "for" joins two words with "and", however the tagger
    // cut it (not a name the lexicons know after "and": "the Ministry of
    // Defence and Britain").
    let mut k = 0;
    while k + 1 < spans.len() {
        let (a, b) = (&spans[k], &spans[k + 1]);
        if a.1 == EntityKind::Organization
            && b.0.start == a.0.end + 1
            && doc.tok(a.0.end) == "and"
            && fields_joined(doc, a.0.start, &b.0)
        {
            spans[k].0 = a.0.start..b.0.end;
            spans.remove(k + 1);
        } else {
            k += 1;
        }
    }
    // "NHS England", "Oxfam Ireland": an organization the lexicons know
    // right before a place's name they know, and no noun after, is its
    // branch there, one name.
    let mut k = 0;
    while k + 1 < spans.len() {
        let (a, b) = (&spans[k], &spans[k + 1]);
        let after = b.0.end;
        if a.1 == EntityKind::Organization
            && b.1 == EntityKind::Place
            && b.0.start == a.0.end
            && b.0.len() == 1
            && known_place_word(doc.tok(b.0.start))
            && lexicon()
                .known(doc.text_of_toks(a.0.start, a.0.end))
                .is_some_and(|k| !k.is_place)
            && (after >= doc.tokens.len()
                || doc.tokens[after].kind() != TokenKind::Word
                || doc.word_class(after).is_some()
                || doc.cue_verb(after).is_some())
        {
            spans[k].0 = a.0.start..after;
            spans.remove(k + 1);
        } else {
            k += 1;
        }
    }
    // "the union Unite": a word an organization's noun names is that
    // organization where it opens a sentence too ("Unite officials said").
    // (with its hint: one actor for both)
    let named: Vec<(&str, Hint)> = names
        .iter()
        .filter(|n| n.toks.len() == 1 && named_by_context(doc, n) == Some(EntityKind::Organization))
        .map(|n| (doc.tok(n.toks.start), n.hint.clone()))
        .collect();
    let mut names: Vec<Option<Name>> = names.into_iter().map(Some).collect();
    let mut added: Vec<Name> = Vec::new();
    // The names overlapping each span (both lists in text order).
    let overlap =
        |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| a.start < b.end && b.start < a.end;
    let mut first = 0;
    for (e, kind) in &spans {
        if !may_adopt(doc, e) {
            continue;
        }
        while first < names.len() && names[first].as_ref().is_some_and(|n| n.toks.end <= e.start) {
            first += 1;
        }
        let hits: Vec<usize> = (first..names.len())
            .take_while(|&i| names[i].as_ref().is_none_or(|n| n.toks.start < e.end))
            .filter(|&i| names[i].as_ref().is_some_and(|n| overlap(&n.toks, e)))
            .collect();
        let Some(&h0) = hits.first() else {
            if may_add(doc, e, true, Some(*kind))
                || (*kind == EntityKind::Organization && institution(doc, e))
            {
                let kind = if dateline(doc, e) {
                    EntityKind::Place
                } else {
                    *kind
                };
                added.push(tagged_name(doc, e.clone(), kind, None));
            }
            continue;
        };
        let n0 = names[h0].as_ref().expect("a hit is a name");
        let start = n0.toks.start;
        let end = names[*hits.last().expect("hits")]
            .as_ref()
            .expect("a name")
            .toks
            .end;
        if hits.len() == 1 && n0.toks == *e {
            continue;
        }
        // A name the lexicons know as it is written ("Bank of England").
        let known_whole = |n: &Name| {
            n.toks.len() > 1
                && n.title.is_none()
                && lexicon()
                    .known(doc.text_of_toks(n.toks.start, n.toks.end))
                    .is_some()
        };
        if e.start <= start && end <= e.end {
            // The tagged name covers the rules' names: one name, unless
            // they are titled (a title is no part of a name).
            // A titled person stays the rules' when the tagged name would
            // take in more names ("Mayor Ilse Varga of Brackmoor").
            let titled = hits.iter().enumerate().any(|(k, &i)| {
                let n = names[i].as_ref().expect("a name");
                let person = n.title.is_some() || n.hint == Hint::Person;
                (n.title.is_some() && (k > 0 || e.start < n.toks.start))
                    || (person && hits.len() > 1)
            });
            // "Bangkok - Chiang Mai", "Paris, Texas": two names ("Ministry
            // of Agriculture, Fisheries and Food": one).
            let apart = !(*kind == EntityKind::Organization && listed_org(doc, e))
                && (e.start..e.end)
                    .any(|t| matches!(doc.tok(t), "-" | "–" | "—" | "," | "/" | "(" | ")" | ":"));
            // "MP for Dunsmere", "the Bishop of Kesley": a title and its
            // field, no organization's name (`names::segment_body`).
            let field = hits.iter().any(|&i| {
                let s = names[i].as_ref().expect("a name").toks.start;
                s >= e.start + 2
                    && matches!(doc.tok(s - 1), "of" | "for")
                    && lexicon().is_title(doc.tok(s - 2))
            });
            if titled || apart || field {
                continue;
            }
            let title = n0.title;
            // "Oxfam Ireland": a known organization's branch.
            let kind = match n0.hint {
                Hint::Known { place: false, .. } if *kind == EntityKind::Place => {
                    EntityKind::Organization
                }
                _ => *kind,
            };
            for &i in &hits {
                names[i] = None;
            }
            added.push(tagged_name(doc, e.clone(), kind, title));
        } else if hits.len() == 1
            && start <= e.start
            && e.end <= end
            && !known_whole(n0)
            && !initialled(doc, &n0.toks)
        {
            // Inside one rules' name: cut it to the tagged names in it,
            // when they all lie inside it.
            let inner: Vec<&(std::ops::Range<usize>, EntityKind)> =
                spans.iter().filter(|(s, _)| overlap(s, &n0.toks)).collect();
            if no_actor(doc, n0)
                || inner
                    .iter()
                    .any(|(s, _)| s.start < start || s.end > end || !may_adopt(doc, s))
            {
                continue;
            }
            // "Secretary of | State Jane Doe", "Minister of | Health Jane
            // Doe": the title goes on over "of" and the words before the
            // tagged person, which are the rest of the title.
            if let (Some(title), Some((s, EntityKind::Person))) = (n0.title, inner.last()) {
                if s.end == end && s.start > start && doc.tok(start - 1) == "of" {
                    let title = Span::new(title.start, doc.span_of(start, s.start).end);
                    added.push(tagged_name(doc, s.clone(), EntityKind::Person, Some(title)));
                    names[h0] = None;
                    continue;
                }
            }
            let person = n0.title.is_some() || n0.hint == Hint::Person;
            // "Mr. Abbas | Thursday": a person's name ends before a weekday
            // or a month where the tagger ends it (words that break a name,
            // neither a page's label nor a function word: "George Will").
            let date = |t: usize| {
                let (lex, w) = (lexicon(), doc.tok(t));
                lex.breaks_name(w) && !lex.is_label(w) && lex.word_class(w).is_none()
            };
            if let [(s, k)] = inner[..] {
                if person && s.start == start && (s.end..end).all(date) {
                    let k = if n0.title.is_some() {
                        EntityKind::Person
                    } else {
                        *k
                    };
                    added.push(tagged_name(doc, s.clone(), k, n0.title));
                    names[h0] = None;
                    continue;
                }
            }
            // A person's name is cut only into several names joined by
            // "and" ("King X and Prime Minister Y"): a tagger that splits
            // "Maria Will" is wrong.
            let joined = (start..end).any(|t| doc.is(t, crate::lexicon::Use::And));
            if person && (inner.len() < 2 || !joined) {
                continue;
            }
            // "Orchard Row Tenants' Association": a name that ends in an
            // organization's head word is one organization, however the
            // tagger splits the words before it.
            // So is one whose head word governs the rest ("Dockers'
            // Union of X", "Board for Y"), where the tagger keeps only X.
            let head_of = |t: usize| {
                lexicon().is_org_head(doc.tok(t)) && matches!(doc.tok(t + 1), "of" | "for")
            };
            if lexicon().is_org_head(doc.tok(end - 1)) || (start..end - 1).any(head_of) {
                continue;
            }
            let title = n0.title;
            let lead = n0.toks.start;
            for (s, k) in inner {
                // "Mr. Hu and Prime Minister X": the piece that keeps the
                // title is a person, whatever the tagger called it.
                let title = title.filter(|_| s.start == lead);
                let k = if title.is_some() {
                    EntityKind::Person
                } else {
                    *k
                };
                added.push(tagged_name(doc, s.clone(), k, title));
            }
            names[h0] = None;
        }
    }
    // "Nordwind, the largest installer in the region, said": one word
    // opening its sentence that neither the rules nor the tagger took is a
    // name when an apposition after it says what it is.
    for s in &doc.sentences {
        let a = s.tokens().start;
        let one = a..a + 1;
        let free = || {
            !names.iter().flatten().any(|n| overlap(&n.toks, &one))
                && !added.iter().any(|n| overlap(&n.toks, &one))
        };
        // "OSLO 1998-03-02", "NEW YORK 1998-03-02": a dateline's place,
        // though neither the rules nor the tagger took it.
        let mut b = a;
        while b < s.tokens().end
            && b < a + 3
            && doc.tokens[b].kind() == TokenKind::Word
            && doc.tok(b).first_is(crate::letters::is_uppercase)
            && !doc.tok(b).chars().any(crate::letters::is_lowercase)
        {
            b += 1;
        }
        if b > a && filed(doc, &(a..b)) && free() {
            added.push(tagged_name(doc, a..b, EntityKind::Place, None));
            continue;
        }
        // "Velvet Rain is an indie band", "Bad Ellingen is a spa town": two
        // or three capitalized words opening a definition that says what
        // they are, though neither the rules nor the tagger took them.
        // (after a title line the text runs on: "Velvet Rain Velvet Rain is
        // an indie band", the name once)
        // (the cheap tests first: this runs for every sentence)
        let mut b = a;
        while b < (a + 6).min(s.tokens().end) && doc.is_cap(b) {
            b += 1;
        }
        let mut c = b;
        while c > a && b - c < 3 && !(c..b).any(|t| doc.tok(t) == doc.tok(c - 1)) {
            c -= 1;
        }
        if b > a
            && copula(doc, b)
            && (c..b).all(|t| doc.word_class(t).is_none())
            && (b > c + 1 || (c > a && !lexicon().is_common_word(doc.tok(c))))
        {
            let run = c..b;
            if let Some(kind) = apposition(doc, b).filter(|_| {
                !names.iter().flatten().any(|n| overlap(&n.toks, &run))
                    && !added.iter().any(|n| overlap(&n.toks, &run))
            }) {
                added.push(tagged_name(doc, run, kind, None));
                continue;
            }
        }
        if let Some((_, hint)) = named
            .iter()
            .find(|(w, _)| *w == doc.tok(a))
            .filter(|_| free())
        {
            let hint = hint.clone();
            added.push(Name {
                toks: one,
                hint,
                title: None,
            });
            continue;
        }
        if a + 1 < s.tokens().end
            && doc.tokens[a].kind() == TokenKind::Word
            && doc.tok(a).first_is(crate::letters::is_uppercase)
            && !lexicon().is_common_word(doc.tok(a))
            && !lexicon().is_not_name(doc.tok(a))
        {
            // The apposition first: it is rare, and `free` scans the names.
            if may_add(doc, &one, false, None) {
                if let Some(kind) = apposition(doc, a + 1).filter(|_| free()) {
                    added.push(tagged_name(doc, one, kind, None));
                    continue;
                }
            }
            // "Korlig rose 2.3 percent": a market report's mover (not a
            // common word in any case, a title or a headline's word).
            if moves_after(doc, a + 1, &market)
                && !with_low(doc.tok(a), |w| lexicon().is_common_word(w))
                && !lexicon().starts_title(doc.tok(a))
                && !doc.paras[doc.para_of(a)].heading
                && free()
            {
                added.push(tagged_name(doc, one, EntityKind::Organization, None));
            }
        }
    }
    // "Hull 3 Derby 2": the sides of a line of results, though neither
    // the rules nor the tagger took them.
    let lex = lexicon();
    // (from each score back to the run of capitalized words before it:
    // scores are few, words many)
    let cap = |t: usize| doc.is_cap(t);
    // (the tokens read in one pass, not each by its number)
    let numbers = doc.tokens.iter().enumerate().skip(1);
    let numbers = numbers.filter(|(_, tok)| tok.kind() == TokenKind::Number);
    for t in numbers.map(|(t, _)| t) {
        // "Hamburg 3 ( Kessler 12 , Brandt 40 )": the scorers after a
        // side's goals, people, though neither the rules nor the tagger
        // took them.
        if t + 1 < doc.tokens.len()
            && doc.tokens[t + 1].kind() == TokenKind::Punct
            && doc.tok(t + 1) == "("
        {
            for e in scorers(doc, t + 1).into_iter().flatten() {
                if !names.iter().flatten().any(|n| overlap(&n.toks, &e))
                    && !added.iter().any(|n| overlap(&n.toks, &e))
                    && !spans.iter().any(|(s, _)| overlap(s, &e) && *s != e)
                {
                    added.push(tagged_name(doc, e, EntityKind::Person, None));
                }
            }
        }
        // (a side's country in brackets before its points: "Partizan (
        // Yugoslavia ) 80")
        let closed = doc.tokens[t - 1].kind() == TokenKind::Punct && doc.tok(t - 1) == ")";
        let b = if closed && t >= 4 && doc.tok(t - 3) == "(" {
            t - 3
        } else if closed && t >= 5 && doc.tok(t - 4) == "(" {
            t - 4
        } else {
            t
        };
        if b == 0 || !cap(b - 1) {
            continue;
        }
        let mut a = b - 1;
        while a > 0 && cap(a - 1) && b - a < 4 {
            a -= 1;
        }
        // (a run of at most three words)
        if b - a > 3 || (a > 0 && cap(a - 1)) {
            continue;
        }
        let e = a..b;
        // (a side with its country in brackets may be the tagger's
        // person: "Dinamo Korvel ( Croatia ) 88", a line without its full
        // stop, where the tagger's names are not added)
        if results_line(doc, e.clone())
            && !lex.is_not_name(doc.tok(a))
            && !lex.starts_title(doc.tok(a))
            && !names.iter().flatten().any(|n| overlap(&n.toks, &e))
            && !added.iter().any(|n| overlap(&n.toks, &e))
            && !spans
                .iter()
                .any(|(s, _)| overlap(s, &e) && (*s != e || b == t))
        {
            added.push(tagged_name(doc, e, EntityKind::Organization, None));
        }
    }
    // "Westmere Mayor Harriet Quaile", "former Estmark Prime Minister X":
    // a rules' title that opens with one word the lexicons do not know
    // before an office of a place names that place, a name of its own.
    for n in names.iter_mut().flatten() {
        let Some(title) = n.title else { continue };
        let a = n.toks.start;
        let t = (a.saturating_sub(5)..a).find(|&t| doc.tokens[t].span().start >= title.start);
        if let Some(t) = t.filter(|&t| {
            t + 1 < a
                && super::names::title_len(doc, t + 1, a) == Some(a - t - 1)
                && place_before_office(doc, t, a - 1)
        }) {
            n.title = Some(Span::new(doc.tokens[t + 1].span().start, title.end));
            added.push(tagged_name(doc, t..t + 1, EntityKind::Place, None));
        }
    }
    let mut out: Vec<Name> = names.into_iter().flatten().collect();
    if added.is_empty() {
        return out;
    }
    out.extend(added);
    crate::order::sort_by(&mut out, |a, b| {
        (a.toks.start, a.toks.end).cmp(&(b.toks.start, b.toks.end))
    });
    // Nothing overlaps: the first of two overlapping names stays.
    let mut kept: Vec<Name> = Vec::with_capacity(out.len());
    for n in out {
        if kept.last().is_none_or(|l| l.toks.end <= n.toks.start) {
            kept.push(n);
        }
    }
    kept
}

/// A sentence written in capitals, three words or more ("KELBY BEAT
/// ASHGROVE IN CUP").
fn shouted(doc: &Doc, s: usize) -> bool {
    let mut words = 0;
    for t in doc.sentences[s].tokens() {
        let w = doc.tok(t);
        if w.chars().any(crate::letters::is_lowercase) {
            return false;
        }
        words += usize::from(w.chars().any(crate::letters::is_uppercase));
    }
    words >= 3
}

/// The names of a headline in capitals: its capitals say nothing, so
/// neither the rules' names nor the tagger's stand there. A run of its
/// words is a name when the document writes it in small letters too
/// (a name of the tagger's or the rules', or a person's surname: "RIDELL"
/// after "Tomas Ridell") or the lexicons know it ("OPEC", "POLAND").
fn shouted_names(
    doc: &Doc,
    spans: &mut Vec<(std::ops::Range<usize>, EntityKind)>,
    names: &mut Vec<Name>,
) {
    let heads: Vec<usize> = (0..doc.sentences.len())
        .filter(|&s| shouted(doc, s))
        .collect();
    if heads.is_empty() {
        return;
    }
    let inside = |r: &std::ops::Range<usize>| heads.contains(&doc.sentence_at(r.start));
    let text = |r: &std::ops::Range<usize>| doc.text_of_toks(r.start, r.end);
    let mut body: HashSet<u64> = HashSet::default();
    for r in spans
        .iter()
        .map(|(r, _)| r)
        .chain(names.iter().map(|n| &n.toks))
    {
        if !inside(r) {
            body.insert(lower_hash(text(r)));
            body.insert(lower_hash(doc.tok(r.end - 1)));
        }
    }
    spans.retain(|(r, _)| !inside(r));
    names.retain(|n| !inside(&n.toks));
    for &s in &heads {
        let toks = doc.sentences[s].tokens();
        let mut t = toks.start;
        while t < toks.end {
            let found = (t + 1..(t + 4).min(toks.end) + 1).rev().find_map(|u| {
                let r = t..u;
                let word = |t: usize| doc.tokens[t].kind() == TokenKind::Word;
                if !word(t)
                    || !word(u - 1)
                    || with_low(doc.tok(t), |w| lexicon().word_class(w)).is_some()
                {
                    return None;
                }
                // ("U.N.", "OPEC" as written; "POLAND" as "Poland")
                let known = lexicon()
                    .known(text(&r))
                    .or_else(|| lexicon().known(&unshout(text(&r).split(' '))));
                if body.contains(&lower_hash(text(&r))) {
                    return Some((r, known.map_or(Hint::Single, |_| Hint::Org)));
                }
                known.map(|k| {
                    let hint = Hint::Known {
                        canonical: k.canonical.clone(),
                        place: k.is_place,
                    };
                    (r, hint)
                })
            });
            match found {
                Some((r, hint)) => {
                    t = r.end;
                    names.push(Name {
                        toks: r,
                        hint,
                        title: None,
                    });
                }
                None => t += 1,
            }
        }
    }
    crate::order::sort_by(names, |a, b| a.toks.start.cmp(&b.toks.start));
}

/// An organization's name that lists its fields ("Ministry of Agriculture,
/// Fisheries and Food"): it opens with an organization word, its only
/// punctuation is commas, and "and" joins its last two fields after the
/// last comma, ending in a capitalized word.
fn listed_org(doc: &Doc, toks: &std::ops::Range<usize>) -> bool {
    let lex = lexicon();
    let Some(last_comma) = toks.clone().rev().find(|&t| doc.tok(t) == ",") else {
        return false;
    };
    lex.is_org_head(doc.tok(toks.start))
        && toks.end - toks.start >= 5
        && (toks.start..toks.end).all(|t| {
            doc.tokens[t].kind() == TokenKind::Word || doc.tok(t) == "," || doc.tok(t) == "&"
        })
        && (last_comma + 2..toks.end - 1).any(|t| doc.is(t, crate::lexicon::Use::And))
        && doc.is_cap(toks.end - 1)
}

/// How far from a quotation a speaker may stand: the attribution stage's
/// reach (`attribution::words::REACH`, a layer above this one).
const QUOTE_REACH: usize = 60;

/// The engine itself vouches for name `n`: a title before it, a given name
/// opening it, a reporting verb near it ("X said", "X has announced",
/// "said X", "according to X"), a possessive after it ("X's spokesman"),
/// a locative preposition before it ("in X"), or a colon after it when it
/// opens its paragraph (a speaker's label).
fn vouched(doc: &Doc, n: &Name) -> bool {
    if n.title.is_some()
        || matches!(n.hint, Hint::Person)
        || speaks_next(doc, n.toks.end)
        || labels_paragraph(doc, n)
    {
        return true;
    }
    let lex = lexicon();
    let cue = |t: usize| {
        doc.tokens[t].kind() == TokenKind::Word && doc.cue_verb(t).is_some_and(|v| !v.gerund)
    };
    let sentence = doc.sentences[doc.sentence_at(n.toks.start)].tokens();
    let after = n.toks.end..(n.toks.end + 6).min(sentence.end);
    if after
        .clone()
        .next()
        .is_some_and(|t| doc.tokens[t].kind() == TokenKind::Possessive)
    {
        return true;
    }
    let words_after = after.take_while(|&t| {
        doc.tokens[t].kind() != TokenKind::Number
            && !matches!(doc.tok(t), "." | "\"" | "“" | "”" | ":" | ";")
    });
    let before = n.toks.start.saturating_sub(2).max(sentence.start)..n.toks.start;
    // "in Midi-Pyrénées": a place by the rules' own reading.
    let locative = n.toks.start > sentence.start && {
        with_low(doc.tok(n.toks.start - 1), |w| {
            lex.is(w, crate::lexicon::Use::Locative)
                && lex.word_class(w) == Some(crate::lexicon::WordClass::Prep)
        })
    };
    // A name outside a quotation with one near it in its sentence: a
    // speaker candidate of the attribution stage, which looks no further
    // than QUOTE_REACH tokens (and so this stays linear in a sentence that
    // never ends).
    let near = n.toks.start.saturating_sub(QUOTE_REACH).max(sentence.start)
        ..(n.toks.end + QUOTE_REACH).min(sentence.end);
    let beside_quote =
        doc.quote_at(n.toks.start).is_none() && near.step_by(2).any(|t| doc.quote_at(t).is_some());
    // "..., with Wildmoor warning that ...": the subject of a gerund cue
    // in an absolute clause.
    let absolute = n.toks.start > sentence.start
        && doc.tok(n.toks.start - 1) == "with"
        && n.toks.end < sentence.end
        && doc.cue_verb(n.toks.end).is_some_and(|v| v.gerund);
    locative
        || beside_quote
        || absolute
        || words_after.clone().any(cue)
        || before.clone().any(cue)
        || (before.len() == 2 && doc.tok(before.start).eq_ignore_ascii_case("according"))
}

/// A known place or organization the tagger left untagged, unless written
/// in capitals longer than an acronym ("AFRICA" labelling a section).
fn known(doc: &Doc, n: &Name) -> bool {
    if !matches!(n.hint, Hint::Known { .. }) {
        return false;
    }
    let text = doc.text_of_toks(n.toks.start, n.toks.end);
    let letters = text
        .chars()
        .filter(|c| crate::letters::is_alphabetic(*c))
        .count();
    letters <= 4 || text.chars().any(crate::letters::is_lowercase)
}

/// A name ending in a capitalized plural word the tagger calls no actor
/// ("Kenyans", "Republicans", "African Americans"): people of a nation, a
/// party, a generation, kept as a group (they are often the ones who say
/// things).
fn plural(doc: &Doc, n: &Name) -> bool {
    let w = doc.tok(n.toks.end - 1);
    let Some(one) = w.strip_suffix('s') else {
        return false;
    };
    doc.tokens[n.toks.end - 1].kind() == TokenKind::Word
        && !one.ends_with('s')
        // "Thursdays": a weekday, a month, a label.
        && !lexicon().is_not_name(one)
        // One word alone that speaks may be a surname ("Evans said"): only a
        // people's name ("Kenyans"), a noun ("Forecasters") or a word of
        // number before it ("many Rohingyas") makes it many.
        && (n.toks.len() > 1
            || !speaks_next(doc, n.toks.end)
            || lexicon().demonym(one).is_some()
            || lexicon().is_common_word(&one.to_ascii_lowercase())
            || ["er", "ist", "ent", "ant", "ian", "or"]
                .iter()
                .any(|e| one.ends_with(e))
            || (n.toks.start > 0
                && matches!(
                    doc.word_class(n.toks.start - 1),
                    Some(WordClass::Det | WordClass::Quant | WordClass::Poss)
                )))
}

/// The words of `lexicons/name_context.tsv`, by use.
struct Context {
    event_first: HashSet<&'static str>,
    event_last: HashSet<&'static str>,
    place_of: HashSet<&'static str>,
    org_of: HashSet<&'static str>,
    /// `names_org` words (asked of many words: a [`Quick`] set).
    names_org: Quick,
    place_first: HashSet<&'static str>,
    place_last: HashSet<&'static str>,
    org_last: HashSet<&'static str>,
    /// The `org_last` words of clubs (Rovers, United, FC).
    club_last: HashSet<&'static str>,
    /// The last words of newspapers' names (Clarion, Argus), also in
    /// `org_last` (one look-up for both where they act alike).
    press_last: HashSet<&'static str>,
    /// The meetings a country or a town hosts (talks, summit).
    hosts: HashSet<&'static str>,
    /// The words before the other side of a game ("against", "host").
    meets: HashSet<&'static str>,
    place_title: HashSet<&'static str>,
    party: HashSet<&'static str>,
    city_club: HashSet<&'static str>,
    club_first: HashSet<&'static str>,
    plays: HashSet<&'static str>,
    term: HashSet<&'static str>,
    org_for: HashSet<&'static str>,
    org_at: HashSet<&'static str>,
    org_after: HashSet<&'static str>,
    moves: HashSet<&'static str>,
    /// A change's word after its number: "percent", "points", "%".
    unit: HashSet<&'static str>,
    /// The words that say a document speaks of shares or stocks.
    market: Quick,
    /// `role_first` (false) and `firm_first` (true) words.
    glued: HashMap<&'static str, bool>,
}

/// A few words, with a bit per byte length and per first and last byte of
/// them: a scan over every word asks the set only about words that may be
/// in it.
#[derive(Default)]
struct Quick {
    lens: u64,
    firsts: [u64; 4],
    lasts: [u64; 4],
    words: HashSet<&'static str>,
}

impl Quick {
    fn insert(&mut self, w: &'static str) {
        let (b, e) = ends(w);
        self.lens |= 1 << w.len().min(63);
        self.firsts[usize::from(b >> 6)] |= 1 << (b & 63);
        self.lasts[usize::from(e >> 6)] |= 1 << (e & 63);
        self.words.insert(w);
    }

    #[inline]
    fn contains(&self, w: &str) -> bool {
        let (b, e) = ends(w);
        self.lens & (1 << w.len().min(63)) != 0
            && self.firsts[usize::from(b >> 6)] & (1 << (b & 63)) != 0
            && self.lasts[usize::from(e >> 6)] & (1 << (e & 63)) != 0
            && self.words.contains(w)
    }
}

/// The first and the last byte of `w` (0 for an empty word).
#[inline]
fn ends(w: &str) -> (u8, u8) {
    let w = w.as_bytes();
    (
        w.first().copied().unwrap_or(0),
        w.last().copied().unwrap_or(0),
    )
}

fn context() -> &'static Context {
    static WORDS: std::sync::OnceLock<Context> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut c = Context {
            event_first: HashSet::default(),
            event_last: HashSet::default(),
            place_of: HashSet::default(),
            org_of: HashSet::default(),
            names_org: Quick::default(),
            place_first: HashSet::default(),
            place_last: HashSet::default(),
            org_last: HashSet::default(),
            club_last: HashSet::default(),
            press_last: HashSet::default(),
            hosts: HashSet::default(),
            meets: HashSet::default(),
            place_title: HashSet::default(),
            party: HashSet::default(),
            city_club: HashSet::default(),
            club_first: HashSet::default(),
            plays: HashSet::default(),
            term: HashSet::default(),
            org_for: HashSet::default(),
            org_at: HashSet::default(),
            org_after: HashSet::default(),
            moves: HashSet::default(),
            unit: HashSet::default(),
            market: Quick::default(),
            glued: HashMap::default(),
        };
        for line in include_str!("../../lexicons/name_context.tsv").lines() {
            let Some((word, uses)) = line.split_once('\t') else {
                continue;
            };
            if line.starts_with('#') {
                continue;
            }
            for used in uses.split(',') {
                let set = match used {
                    "event_first" => &mut c.event_first,
                    "event_last" => &mut c.event_last,
                    "place_of" => &mut c.place_of,
                    "org_of" => &mut c.org_of,
                    "place_first" => &mut c.place_first,
                    "place_last" => &mut c.place_last,
                    "org_last" => &mut c.org_last,
                    "club_last" => &mut c.club_last,
                    "press_last" => {
                        c.org_last.insert(word);
                        &mut c.press_last
                    }
                    "hosts" => &mut c.hosts,
                    "meets" => &mut c.meets,
                    "place_title" => &mut c.place_title,
                    "party" => &mut c.party,
                    "city_club" => &mut c.city_club,
                    "club_first" => &mut c.club_first,
                    "plays" => &mut c.plays,
                    "term" => &mut c.term,
                    "org_for" => &mut c.org_for,
                    "org_at" => &mut c.org_at,
                    "org_after" => &mut c.org_after,
                    "moves" => &mut c.moves,
                    "unit" => &mut c.unit,
                    "market" => {
                        c.market.insert(word);
                        continue;
                    }
                    "names_org" => {
                        c.names_org.insert(word);
                        continue;
                    }
                    "role_first" | "firm_first" => {
                        c.glued.insert(word, used == "firm_first");
                        continue;
                    }
                    _ => continue,
                };
                set.insert(word);
            }
        }
        c
    })
}

/// What the lowercase words right before a name make it: "the union
/// SUD-Rail" an organization, "the village of Saint-Aubin" a place.
fn named_by_context(doc: &Doc, n: &Name) -> Option<EntityKind> {
    let c = context();
    let mut t = n.toks.start;
    // "the drivers' union X": skip nothing; "the union's X" is no apposition.
    if t == 0 || doc.tokens[t - 1].kind() != TokenKind::Word {
        return None;
    }
    t -= 1;
    let word = doc.tok(t);
    // "WATCHDOG MEMO": a label in capitals names nothing.
    // A noun of `names_org` only after an article, a possessive or an
    // adjective, not before a given name, nor before a name a lowercase
    // word follows that no list knows, a verb ("the band Velvet Rain with
    // ..."; not "we fund K-12", "the organization Bill Clinton led").
    let e = n.toks.end;
    let headed = || {
        t > 0
            && !lexicon().is_given_name(doc.tok(n.toks.start))
            && (e >= doc.tokens.len()
                || doc.tokens[e].kind() != TokenKind::Word
                || doc.word_class(e).is_some()
                || doc.is_cap(e))
            && match doc.word_class(t - 1) {
                Some(c) => matches!(c, WordClass::Det | WordClass::Poss),
                None => doc.tok(t - 1).first_is(crate::letters::is_lowercase),
            }
    };
    if word.bytes().any(|b| b.is_ascii_lowercase())
        && with_low(word, |w| {
            lexicon().is(w, Use::OrgNoun) || (context().names_org.contains(w) && headed())
        })
    {
        return Some(EntityKind::Organization);
    }
    // (only ASCII lowercases to "of")
    if word.eq_ignore_ascii_case("of")
        && t > 0
        && with_low(doc.tok(t - 1), |w| c.place_of.contains(w))
    {
        return Some(EntityKind::Place);
    }
    if traded(doc, n) {
        return Some(EntityKind::Organization);
    }
    None
}

/// "shares in Korvex", "a stake in Lumora": one word after a noun of
/// `org_of` and "in" or "of" is a company.
fn traded(doc: &Doc, n: &Name) -> bool {
    // ("shares in rival Korvex": the rival's shares)
    let a = n.toks.start - usize::from(n.toks.start > 2 && doc.tok(n.toks.start - 1) == "rival");
    n.toks.len() == 1
        && a > 1
        && matches!(doc.tok(a - 1), "of" | "in")
        && with_low(doc.tok(a - 2), |w| context().org_of.contains(w))
}

/// The words around name `n` that only a company or an institution has:
/// "a spokesman for Halvex" (`org_for`), "an analyst at Brisbury"
/// (`org_at`; no noun after the name), "Vintara shares rose", "Quarnby's
/// chief executive" (`org_after` and `org_of` after the name or its "'s";
/// without the "'s", no article, possessive or pronoun after the noun:
/// "Orla shares her view" is a verb's). Not for a titled name, one opening
/// with a given name, a place the lexicons know or a demonym.
fn company_context(doc: &Doc, n: &Name) -> bool {
    let (a, b) = (n.toks.start, n.toks.end);
    let len = doc.tokens.len();
    if n.title.is_some() || matches!(n.hint, Hint::Person | Hint::Known { place: true, .. }) {
        return false;
    }
    let c = context();
    let before = a >= 2 && doc.tokens[a - 1].kind() == TokenKind::Word && {
        // ("Lawyers at Brackens" opening a sentence: the job lowercased)
        let w = doc.tok(a - 1);
        let job = doc.tok(a - 2);
        (w == "for" && with_low(job, |j| c.org_for.contains(j)))
            || (w == "at" && with_low(job, |j| c.org_at.contains(j)) && !noun_at(doc, b))
    };
    let after = || {
        let owned = b < len && doc.tokens[b].kind() == TokenKind::Possessive;
        let t = b + usize::from(owned);
        if t >= len || doc.tokens[t].kind() != TokenKind::Word {
            return false;
        }
        let w = doc.tok(t);
        let next = if t + 1 < len { doc.tok(t + 1) } else { "" };
        // ("Clinton's Brooklyn headquarters": without the "'s" only the
        // market's nouns)
        let noun = if w == "chief" {
            owned && next == "executive"
        } else {
            (owned && c.org_after.contains(w)) || c.org_of.contains(w)
        };
        noun && (owned
            || t + 1 >= len
            || !(doc.is_cap(t + 1)
                || matches!(
                    doc.word_class(t + 1),
                    Some(WordClass::Det | WordClass::Poss | WordClass::Pron)
                )))
    };
    (before || after()) && {
        let text = doc.text_of_toks(a, b);
        !known_place(doc, n) && lexicon().demonym(text).is_none()
    }
}

/// A market report's mover: a name before a word of `moves` (or "was up",
/// "were down") and a change in percent or points within four words
/// ("Vorland Chemie eased 1.2 percent", "Stellmann was down 0.9
/// percent"), in a document that speaks of shares or stocks. Not for a
/// titled name, one opening with a given name, a place the lexicons know
/// or a demonym.
fn mover(doc: &Doc, n: &Name, market: &Market) -> bool {
    let (a, b) = (n.toks.start, n.toks.end);
    n.title.is_none()
        && !matches!(n.hint, Hint::Person | Hint::Known { place: true, .. })
        && moves_after(doc, b, market)
        && {
            let text = doc.text_of_toks(a, b);
            !known_place(doc, n) && lexicon().demonym(text).is_none()
        }
}

/// The words after a name ending before token `b` say a market report's
/// mover (see [`mover`]).
fn moves_after(doc: &Doc, b: usize, market: &Market) -> bool {
    let len = doc.tokens.len();
    if b + 2 >= len || doc.tokens[b].kind() != TokenKind::Word {
        return false;
    }
    // (the number first: it is told by the token's kind, the words by a
    // look-up; this runs after each name)
    let Some(n) =
        (b + 1..(b + 6).min(len - 1)).find(|&t| doc.tokens[t].kind() == TokenKind::Number)
    else {
        return false;
    };
    let c = context();
    if !c.unit.contains(doc.tok(n + 1)) {
        return false;
    }
    let verb = if matches!(doc.tok(b), "was" | "were" | "is" | "are") {
        b + 1
    } else {
        b
    };
    verb < n && c.moves.contains(doc.tok(verb)) && market.speaks(doc)
}

/// Whether a document speaks of shares or stocks (a word of `market` in
/// `lexicons/name_context.tsv`), found once, the first time it is asked.
#[derive(Default)]
struct Market(std::cell::OnceCell<bool>);

impl Market {
    fn speaks(&self, doc: &Doc) -> bool {
        let c = context();
        *self.0.get_or_init(|| {
            doc.tokens
                .iter()
                .enumerate()
                .any(|(t, k)| k.kind() == TokenKind::Word && c.market.contains(doc.tok(t)))
        })
    }
}

/// Only a comma, "and", "or" or ", and" between tokens `b` and `a` (the
/// end of one name and the start of the next).
fn coordinated(doc: &Doc, b: usize, a: usize) -> bool {
    (b + 1..=b + 2).contains(&a)
        && (b..a).all(|t| matches!(doc.tok(t), "," | "and" | "or"))
        && !(a == b + 2 && doc.tok(b) == doc.tok(b + 1))
}

/// ", the company announced": a cue verb among the words after the comma
/// at token `b`, up to the next mark, makes them a closing clause, no
/// apposition.
fn closing_cue(doc: &Doc, b: usize) -> bool {
    (b + 1..(b + 8).min(doc.tokens.len()))
        .take_while(|&t| doc.tokens[t].kind() == TokenKind::Word)
        .any(|t| doc.cue_verb(t).is_some())
}

/// What an apposition right after an untitled name says it is
/// ("Korvex, the carmaker, ...": an organization; "Okoro, the team's
/// captain": no verdict, a possessive's noun is another's).
fn apposed(doc: &Doc, n: &Name) -> Option<EntityKind> {
    if n.title.is_some() {
        return None;
    }
    apposition(doc, n.toks.end)
}

/// ", the largest installer of heat pumps": from token `b` (the comma),
/// an article and lowercase words up to a preposition, a comma or a
/// relative word; the last of them, the head, is a title (a person), or
/// one of them an organization's noun (`org_noun` in
/// `lexicons/function_words.tsv`).
///
/// After "is a" or "was an" ([`copula`]: "Kessendorf is a market town in
/// ...", "Velvet Rain is an indie band formed in ..."), the head is the
/// word before a participle too, and only a head says what the name is: a
/// place's noun (`place_of` in `lexicons/name_context.tsv`) a place.
fn apposition(doc: &Doc, b: usize) -> Option<EntityKind> {
    let len = doc.tokens.len();
    let copula = copula(doc, b);
    if b + 2 >= len
        || !(doc.tok(b) == "," && matches!(doc.tok(b + 1), "the" | "a" | "an") || copula)
    {
        return None;
    }
    let mut head = None;
    let (mut org, mut prev) = (false, None);
    for t in b + 2..(b + 7).min(len) {
        let w = doc.tok(t);
        if doc.tokens[t].kind() != TokenKind::Word
            || doc.word_class(t).is_some()
            || (copula && t > b + 2 && w.ends_with("ed"))
        {
            break;
        }
        // ("the Oslo-based shipping company", "the German carmaker": a
        // place or a people's name may stand among its words)
        let placed = w.ends_with("-based")
            || lexicon().demonym(w).is_some()
            || lexicon().known(w).is_some_and(|k| k.is_place);
        if !w.first_is(crate::letters::is_lowercase) && !placed {
            return None;
        }
        org |= lexicon().is(w, Use::OrgNoun) && !copula;
        prev = head;
        head = Some(t);
    }
    let h = head?;
    // "the company's chief": the head belongs to another name.
    if h + 1 < len && doc.tokens[h + 1].kind() == TokenKind::Possessive {
        return None;
    }
    // "the company founder": a title as the head makes a person; an
    // organization's noun anywhere ("the only boat company left") one, a
    // noun of `names_org` as the head ("a rock band"), or before a
    // participle that ends the words ("a nonprofit based in"; not "a
    // school principal running for").
    let (lex, c, w) = (lexicon(), context(), doc.tok(h));
    let named = |t: Option<usize>| t.is_some_and(|t| c.names_org.contains(doc.tok(t)));
    if lex.is_title(w) && !lex.is_common_word(w) {
        Some(EntityKind::Person)
    } else if org || org_noun(w) || (w.ends_with("ed") && named(prev)) {
        Some(EntityKind::Organization)
    } else if c.place_of.contains(w) {
        Some(EntityKind::Place)
    } else {
        None
    }
}

/// "is a", "was an" at token `b`: a definition follows.
fn copula(doc: &Doc, b: usize) -> bool {
    b + 1 < doc.tokens.len()
        && matches!(doc.tok(b), "is" | "was")
        && matches!(doc.tok(b + 1), "a" | "an")
}

/// An organization's noun: `org_noun` of `lexicons/function_words.tsv`,
/// or `names_org` of `lexicons/name_context.tsv` (the stage's own: "band",
/// "label", "nonprofit").
fn org_noun(w: &str) -> bool {
    lexicon().is(w, Use::OrgNoun) || context().names_org.contains(w)
}

/// The apposition at `b` ([`apposition`]) ends in an organization's
/// noun before a comma, a full stop or a preposition (", the water
/// company,", ", a charity in Dundee").
fn org_headed(doc: &Doc, b: usize) -> bool {
    // (after "is a", [`apposition`] reads only the head)
    if copula(doc, b) {
        return true;
    }
    let prep = |t: usize| doc.word_class(t) == Some(WordClass::Prep);
    // (", a publisher that owns": a relative word ends the words too)
    let rel = |t: usize| matches!(doc.tok(t), "that" | "which" | "whose");
    (b + 3..(b + 8).min(doc.tokens.len()))
        .find(|&t| doc.tokens[t].kind() != TokenKind::Word || prep(t) || rel(t))
        .is_some_and(|t| {
            // (", a nonprofit based in", ", a firm run by": the head
            // before its participle)
            let h = t - usize::from(
                t > b + 3 && (doc.tok(t - 1).ends_with("ed") || doc.tok(t) == "by"),
            );
            (matches!(doc.tok(t), "," | ".") || prep(t) || rel(t)) && org_noun(doc.tok(h - 1))
        })
}

/// A name followed by a lowercase place noun of `place_of` ("the Kajaki
/// district", "Farah province", "Kano state"), itself no modifier of a
/// noun after it ("the Brixel city council", "Harbin port authority").
fn place_after(doc: &Doc, n: &Name) -> bool {
    let b = n.toks.end;
    b < doc.tokens.len()
        && doc.sentence_at(b) == doc.sentence_at(n.toks.start)
        && context().place_of.contains(doc.tok(b))
        && !noun_at(doc, b + 1)
}

/// A name of two words or more opening or ending with a place word
/// ("Lake Pielinen", "Orinoco River").
fn place_word(doc: &Doc, n: &Name) -> bool {
    let c = context();
    n.toks.len() >= 2
        && (c.place_first.contains(doc.tok(n.toks.start))
            || c.place_last.contains(doc.tok(n.toks.end - 1)))
}

/// A name of two words or more ending with a word clubs and teams are
/// named with ("Brackley Wanderers", "Eastfield United") or a trade's word
/// firms are named with ("Halvard Foods", "Tamsin Brewing"): an
/// organization, though its first word is a town's and the whole looks
/// like a person's; not after a given name, nor titled ("President Atta
/// Mills"). Two words
/// the lexicons do not know whole, a city's name and a word of
/// `city_club` ("Manchester City", "Ipswich Town"): the city's club.
fn org_word(doc: &Doc, n: &Name) -> bool {
    let (a, b) = (n.toks.start, n.toks.end);
    // (one word or a titled name, most names, before anything is read)
    if b - a < 2 || n.title.is_some() {
        return false;
    }
    let c = context();
    let lex = lexicon();
    let last = doc.tok(b - 1);
    let whole = doc.text_of_toks(a, b);
    let city = |w: &str| {
        lex.known(w)
            .is_some_and(|k| k.place_kind == Some(crate::lexicon::PlaceKind::City))
    };
    (c.org_last.contains(last) && !lex.is_given_name(doc.tok(a)))
        || (b - a == 2
            && c.city_club.contains(last)
            && city(doc.tok(a))
            && lex.known(whole).is_none()
            && game(doc, a))
        || club(doc, a..b)
}

/// "the Green Left quit the coalition": a party's word (`party`) and a
/// common word, the whole no name the lexicons know (not "Democrat
/// Clinton"): a party. Its last word alone is no party ("the Eastern
/// establishment").
fn party_name(doc: &Doc, n: &Name) -> bool {
    let (a, b) = (n.toks.start, n.toks.end);
    let (c, lex) = (context(), lexicon());
    b == a + 2
        && n.title.is_none()
        && c.party.contains(doc.tok(a))
        && with_low(doc.tok(a + 1), |l| lex.is_common_word(l))
        && !c.place_last.contains(doc.tok(a + 1))
        && lex.known(doc.text_of_toks(a, b)).is_none()
}

/// "Dinamo Verska", "Sporting Tavira": a club's word opening a name of two
/// words the lexicons do not know whole (`club_first` in
/// `lexicons/name_context.tsv`), in a sentence with a game's result or in
/// a line of results.
fn club(doc: &Doc, toks: std::ops::Range<usize>) -> bool {
    toks.len() == 2
        && context().club_first.contains(doc.tok(toks.start))
        && lexicon()
            .known(doc.text_of_toks(toks.start, toks.end))
            .is_none()
        && (game(doc, toks.start) || results_line(doc, toks))
}

/// A game's result in the sentence of token `t`: a word of `plays` or a
/// score ("outside Kandahar City" is the city).
fn game(doc: &Doc, t: usize) -> bool {
    let sent = doc.sentences[doc.sentence_at(t)].tokens();
    sent.into_iter()
        .any(|t| context().plays.contains(doc.tok(t)) || score(doc.tok(t)))
}

/// A score within 12 tokens of name `n`, in its sentence (a window: a
/// sentence that never ends is read once, not once a name).
fn score_near(doc: &Doc, n: &Name) -> bool {
    let sent = doc.sentences[doc.sentence_at(n.toks.start)].tokens();
    (n.toks.start.saturating_sub(12).max(sent.start)..(n.toks.end + 12).min(sent.end))
        .any(|t| score(doc.tok(t)))
}

/// "4-3", "21-17": two numbers of up to three digits.
fn score(w: &str) -> bool {
    // (a word that opens with no digit is told by its first byte, without
    // a search for the dash: this runs on the words around each name)
    w.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && w.split_once('-')
            .is_some_and(|(x, y)| number(x, 3) && number(y, 3))
}

/// A report of games: somewhere a score with a game's word a few words
/// before it ("won 4-3", "beat Ardmore 2-1") or right after it ("a 2-1
/// win").
fn games_report(doc: &Doc) -> bool {
    // (or a game's word right after the score: "a 2-1 win over Ardmore")
    let plays = |k: usize| {
        doc.tokens
            .get(k)
            .is_some_and(|_| context().plays.contains(doc.tok(k)))
    };
    (4..doc.tokens.len()).any(|t| score(doc.tok(t)) && (t - 4..t + 2).any(|k| k != t && plays(k)))
}

/// The last words of the document's club names: such a word alone
/// ("Wanderers" after "Brackley Wanderers") is the club, as a surname alone
/// is the person.
fn clubs<'t>(doc: &Doc<'t>, names: &[Name]) -> HashSet<&'t str> {
    names
        .iter()
        .filter(|n| org_word(doc, n))
        .map(|n| doc.tok(n.toks.end - 1))
        .collect()
}

/// The cities of the document's teams named by their city and a nickname
/// after "the", with a score near ("the Corbett Falcons 3-2", "the
/// Halden Ravens beat ..."): the nickname a plural, the whole no name the
/// lexicons know, the city no given name; the teams' names whole and
/// their cities.
fn city_teams<'t>(doc: &Doc<'t>, names: &[Name]) -> HashSet<&'t str> {
    names
        .iter()
        .filter(|n| {
            let (a, b) = (n.toks.start, n.toks.end);
            b - a == 2
                && a > 0
                && n.title.is_none()
                && doc.tok(a - 1).eq_ignore_ascii_case("the")
                && doc.tok(b - 1).len() > 3
                && doc.tok(b - 1).ends_with('s')
                && !doc.tok(b - 1).ends_with("ss")
                && doc.tok(a).chars().any(crate::letters::is_lowercase)
                && !lexicon().is_given_name(doc.tok(a))
                && lexicon().known(doc.text_of_toks(a, b)).is_none()
                && score_near(doc, n)
        })
        .flat_map(|n| {
            [
                doc.tok(n.toks.start),
                doc.text_of_toks(n.toks.start, n.toks.end),
            ]
        })
        .collect()
}

/// A club's name, whole or by its last word alone.
fn is_club(doc: &Doc, n: &Name, clubs: &HashSet<&str>) -> bool {
    org_word(doc, n) || (n.toks.len() == 1 && clubs.contains(doc.tok(n.toks.start)))
}

/// A city's name in a game's result ("Chicago beat Boston 4-3", "drew 1-1
/// with Leeds", "a win over Tampa", "Leeds 2 Newcastle 1"): the city's team, an organization
/// (`plays` in `lexicons/name_context.tsv`). Not a country's name: a
/// national team is written as its country, a place. `verdict` is the
/// tagger's, which says "city" for a place the lexicons do not know; a
/// name they do not know before a score is a team too ("beat Arsenal
/// 3-1"), unless the tagger calls it a person or no actor.
fn plays(doc: &Doc, n: &Name, verdict: Option<EntityKind>) -> bool {
    let sent = doc.sentences[doc.sentence_at(n.toks.start)].tokens();
    let word = |t: Option<usize>| t.filter(|t| sent.contains(t)).map(|t| doc.tok(t));
    let score = |t: Option<usize>| word(t).is_some_and(score);
    let (a, b) = (n.toks.start, n.toks.end);
    if n.title.is_some() {
        return false;
    }
    // (what the name plays asked first: most names are near no game's
    // word, no score and no line of results, and the look-up below
    // is then not made)
    let c = context();
    let result = |t: Option<usize>| word(t).is_some_and(|w| c.plays.contains(w));
    let back = |k: usize| a.checked_sub(k);
    let linked = || {
        matches!(word(back(1)), Some("to" | "with" | "over" | "against"))
            && (result(back(2)) || (score(back(2)) && result(back(3))))
    };
    // ("children in Kabul play football": after a preposition the name
    // is no subject of the game's word)
    let subject = || {
        a == sent.start
            || with_low(doc.tok(a - 1), |w| lexicon().word_class(w))
                != Some(crate::lexicon::WordClass::Prep)
    };
    let plays = score(Some(b))
        || (result(Some(b)) && subject())
        || result(back(1))
        || linked()
        || results_line(doc, a..b);
    if !plays {
        return false;
    }
    // (a city, or a name the lexicons do not know)
    match lexicon().known(doc.text_of_toks(a, b)) {
        Some(k) => k.place_kind == Some(crate::lexicon::PlaceKind::City),
        // "beat Arsenal 3-1": a name the lexicons do not know, before a
        // score, is a team unless the tagger calls it a person or no actor
        // ("Okafor beat Lindqvist 6-4" are players) or it is a plural
        // ("outnumber Republicans 3-1").
        None => {
            verdict == Some(EntityKind::Place)
                || ((score(Some(b)) || results_line(doc, a..b))
                    && !matches!(verdict, Some(EntityKind::Person | EntityKind::Other))
                    && n.hint != Hint::Person
                    && !plural(doc, n))
                // "The Hawks lost 98-90": a plural name right before a
                // game's word, with a score in the sentence, is a team.
                || (plural(doc, n)
                    && word(Some(b)).is_some_and(|w| context().plays.contains(w))
                    && score_near(doc, n))
        }
    }
}

/// A line of results, "Leeds 2 Newcastle 1": a number of goals after each
/// side's name (`toks`), in one sentence; not two common words ("Page 3
/// Table 2"). A side's country in brackets may stand before its points,
/// and its scorers in brackets after its goals ("Real Madrid ( Spain ) 92
/// Partizan ( Yugoslavia ) 80", "Hamburg 3 ( Kessler 12 ) Freiburg 1").
fn results_line(doc: &Doc, toks: std::ops::Range<usize>) -> bool {
    let sent = doc.sentences[doc.sentence_at(toks.start)].tokens();
    let word = |t: Option<usize>| t.filter(|t| sent.contains(t)).map(|t| doc.tok(t));
    let (a, b) = (toks.start, toks.end);
    let goals = |t: Option<usize>| word(t).is_some_and(|w| number(w, 3));
    let cap = |t: usize| word(Some(t)).is_some_and(|w| w.first_is(crate::letters::is_uppercase));
    let uncommon = |t: usize| cap(t) && !with_low(doc.tok(t), |w| lexicon().is_common_word(w));
    // (past a group in brackets opening at `t`, forward; back over one
    // closing at `t`, to the token before it)
    let over = |t: usize| {
        if word(Some(t)) == Some("(") {
            (t + 1..(t + 16).min(sent.end))
                .find(|&u| doc.tok(u) == ")")
                .map_or(t, |u| u + 1)
        } else {
            t
        }
    };
    let back = |t: usize| {
        if word(Some(t)) == Some(")") {
            (t.saturating_sub(16).max(sent.start)..t)
                .rev()
                .find(|&u| doc.tok(u) == "(")
                .and_then(|u| u.checked_sub(1))
        } else {
            Some(t)
        }
    };
    let g = over(b);
    // (both sides' lines need the goals after the name: most names have
    // none, and go here)
    if !goals(Some(g)) {
        return false;
    }
    let next = over(g + 1);
    let home =
        goals(Some(g)) && (next + 1..next + 4).any(|t| goals(Some(over(t))) && (next..t).all(cap));
    let p = a.checked_sub(1).and_then(back);
    let q = p.and_then(|p| p.checked_sub(1)).and_then(back);
    let away = goals(p) && q.is_some_and(cap) && goals(Some(g));
    (home || away)
        && (b > a + 1
            || uncommon(a)
            || (home && uncommon(next))
            || (away && q.is_some_and(uncommon)))
}

/// The scorers in brackets after a side's goals in a line of results:
/// "Hamburg 3 ( Kessler 12 , Brandt 40 )", the bracket opening at `o`;
/// each a run of one to three capitalized words and the minute, commas
/// between. None when the bracket holds anything else.
fn scorers(doc: &Doc, o: usize) -> Option<Vec<std::ops::Range<usize>>> {
    let sent = doc.sentences[doc.sentence_at(o)].tokens();
    if o < sent.start + 2 || doc.tok(o) != "(" || !number(doc.tok(o - 1), 2) || !doc.is_cap(o - 2) {
        return None;
    }
    let mut out = Vec::new();
    let mut t = o + 1;
    loop {
        let a = t;
        while t < sent.end && t < a + 3 && doc.is_cap(t) {
            t += 1;
        }
        if t == a || t + 1 >= sent.end || !number(doc.tok(t), 3) {
            return None;
        }
        out.push(a..t);
        match doc.tok(t + 1) {
            "," => t += 2,
            ")" => return Some(out),
            _ => return None,
        }
    }
}

/// Name `n` is a scorer in brackets after a side's goals ([`scorers`]).
fn scorer(doc: &Doc, n: &Name) -> bool {
    let (a, b) = (n.toks.start, n.toks.end);
    b < doc.tokens.len()
        && doc.tokens[b].kind() == TokenKind::Number
        && (a.saturating_sub(16)..a)
            .rev()
            .find(|&t| matches!(doc.tok(t), "(" | ")"))
            .filter(|&t| doc.tok(t) == "(")
            .and_then(|o| scorers(doc, o))
            .is_some_and(|s| s.contains(&n.toks))
}

/// A preposition of place ("in", "from", "near"...), and maybe "the",
/// right before name `n`, and no noun it modifies nor a possessive after it.
fn in_place(doc: &Doc, n: &Name) -> bool {
    let (mut a, b) = (n.toks.start, n.toks.end);
    if noun_at(doc, b) || (b < doc.tokens.len() && doc.tokens[b].kind() == TokenKind::Possessive) {
        return false;
    }
    if a > 0 && doc.tok(a - 1).eq_ignore_ascii_case("the") {
        a -= 1;
    }
    a > 0 && {
        with_low(doc.tok(a - 1), |w| {
            lexicon().is(w, Use::Locative)
                && lexicon().word_class(w) == Some(crate::lexicon::WordClass::Prep)
        })
    }
}

/// The rules' title of name `n` ends right before an "of" before it
/// ("the Mayor of X").
fn office_of(doc: &Doc, n: &Name) -> bool {
    let a = n.toks.start;
    a > 0
        && doc.tok(a - 1) == "of"
        && n.title
            .is_some_and(|title| title.end <= doc.span_of(a - 1, a).start)
}

/// "the MP for Dunsmere", "Minister for Eastmarch": an untitled name
/// after an office and "for" is the place the office is for (not an
/// organization's name or one the lexicons know as one: "spokesman for
/// Acme" is a role's, no office's).
fn office_for(doc: &Doc, n: &Name) -> bool {
    let a = n.toks.start;
    a >= 2
        && n.title.is_none()
        && doc.tok(a - 1) == "for"
        && lexicon().is_office(doc.tok(a - 2))
        && !matches!(n.hint, Hint::Org | Hint::Known { place: false, .. })
}

/// The kind the pronoun after name `n` gives it (`merge::pronoun_kind`).
fn pronoun(doc: &Doc, n: &Name) -> Option<EntityKind> {
    match super::merge::pronoun_kind(doc, n.toks.end)? {
        ActorKind::Person => Some(EntityKind::Person),
        _ => Some(EntityKind::Organization),
    }
}

/// A name the lexicons know whole as a place ("Sri Lanka").
fn known_place(doc: &Doc, n: &Name) -> bool {
    known_place_word(doc.text_of_toks(n.toks.start, n.toks.end))
}

/// A lowercase word at `b` that no word list knows (no grammar word, no
/// cue verb): a noun a name before it would modify ("the Xinhua *news*
/// agency", "the Clinton *campaign*").
fn noun_at(doc: &Doc, b: usize) -> bool {
    b < doc.tokens.len()
        && doc.tokens[b].kind() == TokenKind::Word
        && doc.tok(b).first_is(crate::letters::is_lowercase)
        && doc.word_class(b).is_none()
        && doc.cue_verb(b).is_none()
}

/// "the" right before name `n`, and no lowercase noun after it that it
/// would modify ("the Clinton campaign"); not a plural ("the Kennedys").
fn the_before(doc: &Doc, n: &Name) -> bool {
    let (a, b) = (n.toks.start, n.toks.end);
    a > 0 && doc.tok(a - 1).eq_ignore_ascii_case("the") && !noun_at(doc, b) && !plural(doc, n)
}

/// A lone word right after a preposition of place or "of" ("in
/// Dunmere", "of Vellmoor"), or after another preposition when it modifies
/// a noun ("for Kähler metrics"); not a person's name after "by", "for",
/// "with" ("vote for Barroso", "fueled by Clinton's money").
fn after_preposition(doc: &Doc, n: &Name) -> bool {
    let (a, b) = (n.toks.start, n.toks.end);
    if n.toks.len() != 1 || matches!(n.hint, Hint::Person) || a == 0 {
        return false;
    }
    let lex = lexicon();
    // ("by Tamsin assumes": a verb after it, no noun)
    with_low(doc.tok(a - 1), |w| {
        lex.word_class(w) == Some(crate::lexicon::WordClass::Prep)
            && (w == "of" || lex.is(w, Use::Locative) || noun_at(doc, b))
    })
}

/// A speaker's label: the name opens its paragraph and a colon follows
/// ("FERRANT: No. My father told me...").
fn labels_paragraph(doc: &Doc, n: &Name) -> bool {
    let para = &doc.paras[doc.para_of(n.toks.start)];
    para.tokens().start == n.toks.start
        && n.toks.end < para.tokens().end
        && doc.tok(n.toks.end) == ":"
}

/// A storm or an event ("Hurricane Odessa", "the Winter Olympics"), a
/// document ("the Tarsen Agreement"), a thing's name alone ("the
/// Internet", "GDP"), or a section label: a paragraph that is one name in
/// capitals ("AFRICA").
/// None of them is an actor, whatever the tagger says.
fn no_actor(doc: &Doc, n: &Name) -> bool {
    let c = context();
    // "World War II": an event's word before a roman numeral ends it.
    let (a, mut b) = (n.toks.start, n.toks.end);
    if b - a >= 3
        && doc
            .tok(b - 1)
            .bytes()
            .all(|x| matches!(x, b'I' | b'V' | b'X'))
    {
        b -= 1;
    }
    // "the Internet", "GDP", "HIV": a thing's name, alone.
    if b - a == 1 && c.term.contains(doc.tok(a)) {
        return true;
    }
    // "the Treaty of Nanking", "the Declaration of Independence": an
    // event's or a document's last word opens the name before "of".
    let of_after_first = b - a >= 3 && doc.tok(a + 1) == "of";
    if b - a >= 2
        && (c.event_first.contains(doc.tok(a))
            || c.event_last.contains(doc.tok(b - 1))
            || (of_after_first && c.event_last.contains(doc.tok(a))))
    {
        return true;
    }
    let text = doc.text_of_toks(n.toks.start, n.toks.end);
    // "CYCLING - VELMAR WINS": a section's label in capitals before a
    // dash and a headline in capitals (not a place or an organization the
    // lexicons know: "NATO - ...", "OSLO - ").
    let shout = |t: usize| {
        t < doc.tokens.len()
            && doc.tokens[t].kind() == TokenKind::Word
            && doc.tok(t).first_is(crate::letters::is_uppercase)
            && !doc.tok(t).chars().any(crate::letters::is_lowercase)
    };
    if b - a == 1
        && shout(a)
        && doc.sentences[doc.sentence_at(a)].tokens().start == a
        && b < doc.tokens.len()
        && matches!(doc.tok(b), "-" | "–" | "—")
        && shout(b + 1)
        && shout(b + 2)
        && lexicon().known(text).is_none()
        && lexicon().known(&unshout(text.split(' '))).is_none()
    {
        return true;
    }
    // (the test most names fail first: a lowercase letter)
    !text.chars().any(crate::letters::is_lowercase)
        && text
            .chars()
            .filter(|c| crate::letters::is_alphabetic(*c))
            .count()
            > 1
        && {
            let para = &doc.paras[doc.para_of(n.toks.start)];
            (para.tokens().start..para.tokens().end)
                .all(|t| n.toks.contains(&t) || doc.tokens[t].kind() == TokenKind::Punct)
        }
}

/// "the Minister of Transport, Kofi Mensah": one word after a title and
/// "of" is the title's field, no titled person, when it is a common word
/// the tagger calls no person, or a name follows it after a comma (no
/// place: "President of Mali").
/// Whether `w` is a number of 1 to `max` digits (a score's side, goals).
fn number(w: &str, max: usize) -> bool {
    (1..=max).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
}

fn title_field(doc: &Doc, n: &Name, v: Option<EntityKind>) -> bool {
    let (a, b) = (n.toks.start, n.toks.end);
    let named_after = b + 1 < doc.tokens.len()
        && doc.tok(b) == ","
        && doc.tok(b + 1).first_is(crate::letters::is_uppercase);
    let common = v != Some(EntityKind::Person) && lexicon().is_common_word(doc.tok(a));
    b - a == 1
        && a > 0
        && v != Some(EntityKind::Place)
        && doc.tok(a - 1) == "of"
        && n.title
            .is_some_and(|t| t.end <= doc.span_of(a - 1, a).start)
        && (common || named_after)
}

/// "Western allies", "Jewish settlements", "Marxist rebels": one
/// untitled word with an adjective's ending that the tagger calls no
/// actor, before a lowercase noun it modifies, is no actor, whatever
/// vouches for it ("the Jewish state": a speech verb's lemma is a noun
/// there). Not -ic, -ian: "Democratic senators", "a Trumpian super PAC"
/// are the subjects of claims the attribution stage finds through them.
fn modifier(doc: &Doc, n: &Name, v: Option<EntityKind>) -> bool {
    let (w, b) = (doc.tok(n.toks.start), n.toks.end);
    !matches!(
        v,
        Some(EntityKind::Person | EntityKind::Organization | EntityKind::Place)
    ) && n.toks.len() == 1
        && n.title.is_none()
        && n.hint != Hint::Person
        && w.len() > 4
        && ["ish", "ern", "ist", "ite"].iter().any(|e| w.ends_with(e))
        // ("“...,” Lindqvist flatly said": an adverb and a speech verb
        // follow a surname, never a modifier's noun)
        && !super::names::speaks_next(doc, b)
        && (noun_at(doc, b)
            || (b < doc.tokens.len()
                && doc.word_class(b).is_none()
                && doc.cue_verb(b).is_some_and(|c| c.base)))
}

/// A pronoun with its verb or its "'s" run into one word, written with a
/// capital ("I’m", "We’re", "You've"): no name.
fn contraction(doc: &Doc, n: &Name) -> bool {
    n.toks.len() == 1
        && doc
            .tok(n.toks.start)
            .split_once(['\'', '’'])
            .is_some_and(|(head, tail)| {
                with_low(head, |h| lexicon().word_class(h)) == Some(crate::lexicon::WordClass::Pron)
                    && matches!(tail, "m" | "s" | "re" | "ve" | "ll" | "d")
            })
}

/// What the passes of [`filter`] ask of one name more than once (the
/// verdicts, then the document-wide firms, places and keeps), each asked
/// at most once: none of them changes while the passes run, but the
/// company's words, which read the name's hint (reset where a pass sets
/// it).
#[derive(Default)]
struct Asked {
    apposed: Cell<Option<Option<EntityKind>>>,
    named: Cell<Option<Option<EntityKind>>>,
    pronoun: Cell<Option<Option<EntityKind>>>,
    company: Cell<Option<bool>>,
}

/// The answer in `cell`, or `f`'s, kept there.
fn once<T: Copy>(cell: &Cell<Option<T>>, f: impl FnOnce() -> T) -> T {
    cell.get().unwrap_or_else(|| {
        let v = f();
        cell.set(Some(v));
        v
    })
}

/// Drops the names the tagger calls no actor, unless vouched for; returns
/// the verdicts of those kept, in order.
pub(crate) fn filter(
    doc: &Doc,
    types: &TokenTypes,
    mut names: Vec<Name>,
) -> (Vec<Name>, Vec<Option<ActorKind>>) {
    // "the Archbishop of Salzburg", "the President of Mali": a title
    // and "of" before a place the lexicons know, or a name the tagger
    // calls a place or an organization, name the office, not the name's
    // bearer: the name is that place or organization.
    for n in &mut names {
        let a = n.toks.start;
        if !office_of(doc, n) {
            continue;
        }
        let text = doc.text_of_toks(a, n.toks.end);
        n.hint = match types.verdict(n.toks.clone()) {
            _ if known_place(doc, n) => place_hint(text.to_string()),
            Some(EntityKind::Place) => place_hint(text.to_string()),
            Some(EntityKind::Organization) => Hint::Org,
            _ => continue,
        };
        n.title = None;
    }
    // "OSLO 1998-03-02": a dateline's name is a place, whatever the
    // rules guessed from its capitals.
    // (kept for the verdicts below)
    let mut dated = vec![false; names.len()];
    for (n, d) in names.iter_mut().zip(dated.iter_mut()) {
        if n.title.is_none() && dateline_place(doc, &n.toks) {
            *d = true;
            n.hint = place_hint(unshout(
                doc.text_of_toks(n.toks.start, n.toks.end).split(' '),
            ));
        }
    }
    let clubs = clubs(doc, &names);
    let cities = city_teams(doc, &names);
    // "a spokesman for Halvex", "Quarnby's chief executive": a company,
    // though the tagger reads a person or a place; not the surname of a
    // person the document names whole ("a spokesman for Ellery" after
    // "Brandon Ellery").
    let surnames: HashSet<u64> = names
        .iter()
        .filter(|n| {
            n.toks.len() > 1
                && (n.hint == Hint::Person
                    || types.verdict(n.toks.clone()) == Some(EntityKind::Person))
        })
        .map(|n| lower_hash(doc.tok(n.toks.end - 1)))
        .collect();
    // "beat Haxton 26-24": one word before a score is a side, though the
    // tagger reads a player, when it is no given name, no surname of a
    // person the document names whole, and no person stands before the
    // game's word ("Ardelu beat Tevlin 6-4" are players).
    // So is one opening its sentence before a game's word and a score,
    // or a side and its score, when no person is that side ("Kelby lost
    // 22-20", "Kelby beat Ashton 2-1"; not "Ardelu beat Tevlin 6-4").
    let side = |n: &Name| {
        let (a, b) = (n.toks.start, n.toks.end);
        let person = |t: usize| types.get(t) & !FIRST == code(EntityKind::Person);
        let beat = || {
            b + 2 < doc.tokens.len()
                && super::names::is_sentence_initial(doc, a)
                && context().plays.contains(doc.tok(b))
                && (score(doc.tok(b + 1)) || (score(doc.tok(b + 2)) && !person(b + 1)))
        };
        b == a + 1
            && n.title.is_none()
            && n.hint != Hint::Person
            && b < doc.tokens.len()
            && !lexicon().is_given_name(doc.tok(a))
            && !surnames.contains(&lower_hash(doc.tok(a)))
            && (score(doc.tok(b)) && !(a > 1 && person(a - 2)) && plays(doc, n, None) || beat())
    };
    let market = Market::default();
    let asked: Vec<Asked> = names.iter().map(|_| Asked::default()).collect();
    let company = |n: &Name, a: &Asked| {
        once(&a.company, || {
            (company_context(doc, n) || mover(doc, n, &market))
                && !(n.toks.len() == 1 && surnames.contains(&lower_hash(doc.tok(n.toks.start))))
        })
    };
    let apposed = |n: &Name, a: &Asked| once(&a.apposed, || apposed(doc, n));
    let named_by_context = |n: &Name, a: &Asked| once(&a.named, || named_by_context(doc, n));
    let pronoun = |n: &Name, a: &Asked| once(&a.pronoun, || pronoun(doc, n));
    let mut verdict: Vec<Option<EntityKind>> = names
        .iter()
        .zip(&asked)
        .zip(&dated)
        .map(|((n, a), &dated)| match types.verdict(n.toks.clone()) {
            _ if dated || (n.title.is_none() && dateline_region(doc, n)) => Some(EntityKind::Place),
            _ if office_place(doc, n) || owned_office(doc, n) => Some(EntityKind::Place),
            _ if is_club(doc, n, &clubs) || party_name(doc, n) => Some(EntityKind::Organization),
            // "beat the Corbett Falcons 3-2", then "Corbett led 2-1": a
            // team, and the city alone is that team (not "the game in
            // Corbett").
            _ if !cities.is_empty()
                && n.toks.len() <= 2
                && n.title.is_none()
                && cities.contains(doc.text_of_toks(n.toks.start, n.toks.end))
                && !(n.toks.len() == 1 && in_place(doc, n)) =>
            {
                Some(EntityKind::Organization)
            }
            // "Office of Rail and Road" (`adopt` joined the tagger's "Office
            // of Rail" and place "Road"): an organization.
            _ if n.toks.len() >= 5
                && matches!(doc.tok(n.toks.start + 1), "of" | "for")
                && n.toks.clone().rev().take(3).any(|t| {
                    doc.tok(t) == "and" && fields_joined(doc, n.toks.start, &(t + 1..n.toks.end))
                }) =>
            {
                Some(EntityKind::Organization)
            }
            // "Dinamo Korvel ( Croatia ) 88 Slavia Tornow ( Poland ) 79": a
            // side of a line of results with its country in brackets is a
            // team, though the tagger reads a player.
            _ if n.title.is_none()
                && doc
                    .tokens
                    .get(n.toks.end)
                    .is_some_and(|_| doc.tok(n.toks.end) == "(")
                && results_line(doc, n.toks.clone()) =>
            {
                Some(EntityKind::Organization)
            }
            // "Hamburg 3 ( Kessler 12 )": a scorer is a person.
            _ if n.title.is_none() && scorer(doc, n) => Some(EntityKind::Person),
            // "G. Halloran 3-38", "N. Pryce 44": a surname after initials
            // is a person (a batsman's runs, a bowler's figures), though
            // the tagger passed over it or a score after it reads a team.
            None | Some(EntityKind::Person | EntityKind::Organization)
                if n.title.is_none() && initialled(doc, &n.toks) =>
            {
                Some(EntityKind::Person)
            }
            // "Ana Ruiz (Chile)": a place the lexicons know alone in
            // brackets is that place (a player's country, a firm's seat).
            _ if bracketed(doc, n) && known_place(doc, n) => Some(EntityKind::Place),
            v if plays(doc, n, v) => Some(EntityKind::Organization),
            Some(EntityKind::Person) if side(n) => Some(EntityKind::Organization),
            // "Sri Lanka" tagged a person, whole or by "Sri" alone: a place's
            // name of two words or more the lexicons know whole keeps its
            // kind against a verdict on part of it, and is no person's
            // ("Jordan" alone may be).
            v if n.toks.len() > 1
                && v.is_some()
                && known_place(doc, n)
                && (v == Some(EntityKind::Person)
                    || n.toks.clone().any(|t| types.get(t) & !FIRST == 0)) =>
            {
                Some(EntityKind::Place)
            }
            // "said Dublin was open to talks": a place the lexicons know
            // between a speech verb and a verb is the place, though the
            // tagger reads "said X" as its speaker.
            Some(EntityKind::Person)
                if n.toks.len() == 1
                    && n.title.is_none()
                    && n.toks.start > 0
                    && n.toks.end < doc.tokens.len()
                    && doc.cue_verb(n.toks.start - 1).is_some()
                    && doc.word_class(n.toks.end) == Some(WordClass::Aux)
                    && known_place(doc, n) =>
            {
                Some(EntityKind::Place)
            }
            // "talks in the West Bank", "flew from the UK": a place the
            // lexicons know, after a preposition of place, is that place,
            // though the tagger reads an organization (not before a noun
            // it modifies, "in U.S. custody", nor a possessive).
            Some(EntityKind::Organization) if known_place(doc, n) && in_place(doc, n) => {
                Some(EntityKind::Place)
            }
            // "Norway's Equinor" tagged one organization: the owner the
            // lexicons know as a place stays that place.
            Some(EntityKind::Organization)
                if n.toks.end < doc.tokens.len()
                    && doc.tokens[n.toks.end].kind() == TokenKind::Possessive
                    && types.get(n.toks.end) & !FIRST != 0
                    && types.get(n.toks.end) & FIRST == 0
                    && known_place(doc, n) =>
            {
                Some(EntityKind::Place)
            }
            // "Dunmore Terrace", "Kingsway Road": a street's name is a place
            // (not "Office of Rail and Road").
            Some(EntityKind::Organization)
                if n.toks.len() > 1
                    && doc.is(n.toks.end - 1, Use::StreetWord)
                    && !(n.toks.len() > 2 && matches!(doc.tok(n.toks.start + 1), "of" | "for")) =>
            {
                Some(EntityKind::Place)
            }
            // "the Kajaki district", "Farah province": a place, though the
            // tagger says a person or an organization.
            Some(EntityKind::Person | EntityKind::Organization)
                if n.title.is_none() && place_after(doc, n) =>
            {
                Some(EntityKind::Place)
            }
            // "The Dunsmere Connector is a bus service": "the" before an
            // untitled name that modifies no noun after it says no person,
            // though the tagger reads one (a person's name takes no article
            // unless it is a title's or a modifier's: "the Brandon Ellery
            // trust").
            Some(EntityKind::Person)
                if n.title.is_none() && n.hint != Hint::Person && the_before(doc, n) =>
            {
                Some(EntityKind::Organization)
            }
            _ if company(n, a) => Some(EntityKind::Organization),
            // "analyst Devin Marsh of Bernstein": where the analyst works.
            Some(EntityKind::Person | EntityKind::Place) | None
                if n.title.is_none() && employer_of(doc, n) =>
            {
                Some(EntityKind::Organization)
            }
            // "Vellum chief executive Priya Natarajan": where the holder
            // works, though the tagger reads a person or a place.
            None | Some(EntityKind::Person | EntityKind::Place)
                if n.title.is_none() && holder_after(doc, n) =>
            {
                Some(EntityKind::Organization)
            }
            // "in Dunmere", "of Vellmoor": a lone unknown word after a
            // preposition the tagger calls a person is left to the rules.
            Some(EntityKind::Person) if after_preposition(doc, n) => None,
            _ if place_word(doc, n) || office_for(doc, n) => Some(EntityKind::Place),
            // "shares in Korvex": a company, whatever the tagger says.
            _ if traded(doc, n) => Some(EntityKind::Organization),
            // "the regulator Ofgem", "the carrier Skyvale": the noun before
            // the name says what it is, whatever the tagger says (not
            // before a given name).
            _ if n.hint != Hint::Person
                && named_by_context(n, a) == Some(EntityKind::Organization) =>
            {
                Some(EntityKind::Organization)
            }
            // "Orrin said its profits", "Quennell, who": the pronoun after
            // a lone word nothing else explains says person or company.
            Some(EntityKind::Person | EntityKind::Organization)
                if n.hint == Hint::Single && n.title.is_none() && pronoun(n, a).is_some() =>
            {
                pronoun(n, a)
            }
            // "Kessendorf is a market town", "Brannock, a village in ...": a
            // place's noun heading the definition or the apposition makes a
            // place, whatever the tagger says.
            _ if n.title.is_none()
                && n.hint != Hint::Person
                && apposed(n, a) == Some(EntityKind::Place) =>
            {
                Some(EntityKind::Place)
            }
            // The apposition decides for a name the tagger left untyped,
            // or for one word it called no place ("Florida, the state's
            // ...", "Rex Early, the party chairman": the tagger stands).
            // "Hope Larder, a charity in Dunmore": an organization's noun
            // heading the apposition outweighs the tagger's place too, for
            // a name the lexicons do not know as a place.
            Some(EntityKind::Place)
                if n.title.is_none()
                    && apposed(n, a) == Some(EntityKind::Organization)
                    && org_headed(doc, n.toks.end)
                    && !known_place(doc, n) =>
            {
                Some(EntityKind::Organization)
            }
            Some(EntityKind::Place) => Some(EntityKind::Place),
            // "Severn Vale, the water company, said": an organization's
            // noun heading the apposition outweighs the tagger's person
            // (not with a given name, nor a title as the head: "Rex
            // Early, the party chairman").
            Some(EntityKind::Person)
                if n.toks.len() > 1
                    && n.hint != Hint::Person
                    && apposed(n, a) == Some(EntityKind::Organization)
                    && org_headed(doc, n.toks.end) =>
            {
                Some(EntityKind::Organization)
            }
            v if v.is_some() && n.toks.len() > 1 => v,
            v => apposed(n, a).or(v),
        })
        .collect();
    // "in Kelso and Pellby": one word the tagger reads as a person, after
    // "and" and a name that a preposition of place opens (a place or
    // untyped), is a place too (no given name nor titled name).
    for i in 1..names.len() {
        let (p, n) = (&names[i - 1], &names[i]);
        let a = n.toks.start;
        if n.toks.len() == 1
            && p.toks.end + 1 == a
            && doc.tok(a - 1) == "and"
            && verdict[i] == Some(EntityKind::Person)
            && matches!(verdict[i - 1], None | Some(EntityKind::Place))
            && n.title.is_none()
            && n.hint != Hint::Person
            && !lexicon().is_given_name(doc.tok(a))
            && in_place(doc, p)
        {
            verdict[i] = Some(EntityKind::Place);
        }
    }
    // "Brno's coach" after "beat Brno 3-1": a team's name (with a score
    // near: not "London beat Paris to the Games") is the team
    // through the document, but where a preposition of place makes it the
    // city ("the game in Brno"); also in a headline in capitals, which
    // takes its kinds from the text below once the teams are known
    // ("BRNO HELD AT HOME").
    // In a report of games ("won 4-3"), "Orsk coach Ivan Petrov" names a
    // team too, one the lexicons may not know as a city.
    // (asked once a document, and only when a name needs it)
    let games = std::cell::OnceCell::new();
    let games = || *games.get_or_init(|| games_report(doc));
    let team = |n: &Name| {
        let v = types.verdict(n.toks.clone());
        (score_near(doc, n) || results_line(doc, n.toks.clone()))
            && (plays(doc, n, v) || (v == Some(EntityKind::Person) && side(n)))
            || (holder_after(doc, n)
                && !surnames.contains(&lower_hash(doc.tok(n.toks.start)))
                && games())
    };
    let mut teams: HashSet<&str> = names
        .iter()
        .zip(&verdict)
        .filter(|&(n, v)| *v == Some(EntityKind::Organization) && team(n))
        .map(|(n, _)| doc.text_of_toks(n.toks.start, n.toks.end))
        .collect();
    // "Tolby beat Harrow to reach final" over "TOLBY, May 2 - ... a 2-1
    // win": in a report of games, the dateline's town opening a sentence
    // before a game's word is its team, though the tagger reads a player
    // (a player is not named as the dateline's town).
    for n in &names {
        let (a, b) = (n.toks.start, n.toks.end);
        if b == a + 1
            && n.title.is_none()
            && b < doc.tokens.len()
            && context().plays.contains(doc.tok(b))
            && super::names::is_sentence_initial(doc, a)
            && games()
            && names.iter().any(|d| {
                d.toks.start != a
                    && dateline(doc, &d.toks)
                    && lower_hash(doc.text_of_toks(d.toks.start, d.toks.end))
                        == lower_hash(doc.tok(a))
            })
        {
            teams.insert(doc.tok(a));
        }
    }
    if !teams.is_empty() {
        // "won 2-0 against Tennel", "Carrick host Dunlow", "Tessford beat
        // Ambry": in a report whose sides are teams, one word after a word
        // of meeting (`meets`) or a game's (`plays`) is a side too, though the tagger reads a player (not
        // a given name, a person's surname, a country, a people nor a
        // titled name: "the choice facing Americans").
        for n in &names {
            let a = n.toks.start;
            let w = doc.tok(a);
            if n.toks.len() == 1
                && a > 0
                && n.title.is_none()
                && n.hint != Hint::Person
                && (context().meets.contains(doc.tok(a - 1))
                    // (not "win Game 7": a number after it)
                    || (context().plays.contains(doc.tok(a - 1))
                        && !doc.tokens.get(a + 1).is_some_and(|_| number(doc.tok(a + 1), 3))))
                && !lexicon().is_given_name(w)
                && !lexicon().national(w)
                && !plural(doc, n)
                && !surnames.contains(&lower_hash(w))
                && lexicon()
                    .known(w)
                    .is_none_or(|k| k.place_kind == Some(crate::lexicon::PlaceKind::City))
            {
                teams.insert(w);
            }
        }
        let text = |n: &Name| doc.text_of_toks(n.toks.start, n.toks.end);
        let is_team = |n: &Name| teams.contains(text(n)) && n.title.is_none() && !in_place(doc, n);
        // A city a dateline names after a mention of its team ("Bologna
        // edge Vilnius", then "BOLOGNA, Nov 6") keeps one actor, of the
        // kind most of its mentions give (`team_elsewhere`): the place's
        // actor would take the team's mentions in.
        let datelines: Vec<(u64, usize)> = names
            .iter()
            .filter(|n| dateline(doc, &n.toks))
            .map(|n| (lower_hash(text(n)), n.toks.start))
            .collect();
        let early: HashSet<u64> = names
            .iter()
            .filter(|n| is_team(n))
            .filter_map(|n| {
                let h = lower_hash(text(n));
                datelines
                    .iter()
                    .any(|&(d, at)| d == h && n.toks.start < at)
                    .then_some(h)
            })
            .collect();
        for ((n, v), a) in names.iter_mut().zip(verdict.iter_mut()).zip(&asked) {
            if is_team(n) {
                *v = Some(EntityKind::Organization);
                // Otherwise the team is an actor of its own, apart from
                // its city ("HOUSTON 1996-08-14" over "Houston 4 Atlanta
                // 2", "the game in Brno"): not the known place's actor.
                if matches!(n.hint, Hint::Known { place: true, .. })
                    && !early.contains(&lower_hash(text(n)))
                {
                    n.hint = Hint::Org;
                    a.company.set(None);
                }
            }
        }
    }
    // A dateline's town the lexicons do not know keeps its capitals where
    // the same word is an organization in a report of games' scores (a side
    // named for it: "ARDMORE, May 6" among "Ardmore beat Fennick 2-1"): the
    // place is an actor apart (not "Brellin shares fell", its market).
    let orgs: HashSet<u64> = names
        .iter()
        .zip(&verdict)
        .filter(|(_, v)| **v == Some(EntityKind::Organization))
        .map(|(n, _)| lower_hash(doc.text_of_toks(n.toks.start, n.toks.end)))
        .collect();
    for n in &mut names {
        if let Hint::Known {
            canonical,
            place: true,
        } = &mut n.hint
        {
            if orgs.contains(&lower_hash(canonical))
                && lexicon().known(canonical).is_none()
                && dateline(doc, &n.toks)
                && games()
            {
                *canonical = doc.text_of_toks(n.toks.start, n.toks.end).to_string();
            }
        }
    }
    // A name in a headline in capitals ("RIDELL", "POLAND") takes the
    // kind of the same name in the text below (a surname its person's).
    // (Each name's sentence asked once; most texts have no such headline.)
    let loud: Vec<bool> = names
        .iter()
        .map(|n| shouted(doc, doc.sentence_at(n.toks.start)))
        .collect();
    if loud.contains(&true) {
        let below: Vec<(u64, EntityKind)> = names
            .iter()
            .zip(&verdict)
            .zip(&loud)
            .filter(|(_, &l)| !l)
            .filter_map(|((n, v), _)| {
                let v = (*v).filter(|v| *v != EntityKind::Other)?;
                let last = (v == EntityKind::Person && n.toks.len() > 1)
                    .then(|| (lower_hash(doc.tok(n.toks.end - 1)), v));
                Some(
                    [(lower_hash(doc.text_of_toks(n.toks.start, n.toks.end)), v)]
                        .into_iter()
                        .chain(last),
                )
            })
            .flatten()
            .collect();
        for (((n, v), _), a) in names
            .iter_mut()
            .zip(verdict.iter_mut())
            .zip(&loud)
            .zip(&asked)
            .filter(|((_, &l), _)| l)
        {
            let h = lower_hash(doc.text_of_toks(n.toks.start, n.toks.end));
            if let Some(&(_, k)) = below.iter().find(|(x, _)| *x == h) {
                *v = Some(k);
                a.company.set(None);
                n.hint = match k {
                    EntityKind::Person => Hint::Person,
                    EntityKind::Organization => Hint::Org,
                    _ => place_hint(unshout(
                        doc.text_of_toks(n.toks.start, n.toks.end).split(' '),
                    )),
                };
            } else if let Hint::Known { place, .. } = n.hint {
                *v = Some(if place {
                    EntityKind::Place
                } else {
                    EntityKind::Organization
                });
            }
        }
    }
    // "Reddit, Twitter and Spotify", "Leaders of Google and Kestrix": one
    // word listed with an organization the lexicons know, only commas and
    // "and" or "or" between, is one too, though the tagger reads a place
    // or nothing (not a person: lists mix people and their firms; not a
    // place the lexicons know, a people's name, a person's surname, a
    // product's or a work's name the tagger reads as one, nor a title or
    // a common word: "the Google Assistant or Apple's Siri").
    let mut listed = vec![false; names.len()];
    let mut i = 0;
    while i < names.len() {
        let mut j = i;
        while j + 1 < names.len() && coordinated(doc, names[j].toks.end, names[j + 1].toks.start) {
            j += 1;
        }
        // (a list ends in "and" or "or": "said Jenna Doe, Quarnby's
        // director" is an apposition)
        if j > i
            && matches!(doc.tok(names[j].toks.start - 1), "and" | "or")
            && names[i..=j]
                .iter()
                .any(|n| matches!(n.hint, Hint::Known { place: false, .. }))
        {
            for k in i..=j {
                let n = &names[k];
                let text = doc.text_of_toks(n.toks.start, n.toks.end);
                listed[k] = n.title.is_none()
                    && n.toks.len() == 1
                    && matches!(n.hint, Hint::Single | Hint::Org)
                    && !matches!(verdict[k], Some(EntityKind::Other | EntityKind::Person))
                    && !with_low(doc.tok(n.toks.start), |l| {
                        lexicon().is_title(l) || lexicon().is_common_word(l)
                    })
                    && !known_place(doc, n)
                    // ("a festival in Brighton, and Kestrel named ...")
                    && !(verdict[k] == Some(EntityKind::Place) && in_place(doc, n))
                    && lexicon().demonym(text).is_none()
                    && !(n.toks.len() == 1
                        && surnames.contains(&lower_hash(doc.tok(n.toks.start))));
                if listed[k] {
                    verdict[k] = Some(EntityKind::Organization);
                }
            }
        }
        // "an edge over rivals Norvex and Quillan Micro": names right after
        // "rival" or "rivals" (or "Rival" opening a sentence: "Rival
        // Brannock is still waiting") and those listed with them are competitors,
        // organizations, though the tagger reads people or places (not a
        // titled name, one opening with a given name, a place or a people
        // the lexicons know, nor a surname of a person named whole:
        // "rivals Fry and Dunne"), nor one modifying a noun after it
        // ("rival Republican candidates").
        let a = names[i].toks.start;
        if a > 0 && matches!(doc.tok(a - 1), "rival" | "rivals" | "Rival" | "Rivals") {
            for k in i..=j {
                let n = &names[k];
                let first = doc.tok(n.toks.start);
                if n.title.is_none()
                    && n.hint != Hint::Person
                    && !matches!(verdict[k], Some(EntityKind::Other))
                    && !lexicon().is_given_name(first)
                    && !known_place(doc, n)
                    && lexicon().demonym(first).is_none()
                    && !(n.toks.len() == 1 && surnames.contains(&lower_hash(first)))
                    && !noun_at(doc, n.toks.end)
                {
                    listed[k] = true;
                    verdict[k] = Some(EntityKind::Organization);
                }
            }
        }
        i = j + 1;
    }
    // The company keeps its kind through the document ("Halvex said
    // demand slumped" after "a spokesman for Halvex" or "the software
    // maker Halvex"), but where a preposition of place makes it a place.
    let name_hash = |n: &Name| lower_hash(doc.text_of_toks(n.toks.start, n.toks.end));
    // "Dalgren said" after "Dalgren Mining": the first word of a firm's
    // name (`org_last` last; a club's only in a report of games or a
    // line of results) alone is
    // that organization, as a surname alone is its person (not a given
    // name, a word the lexicons know, a people's, a common word, nor a
    // person's surname).
    let heads: Vec<u64> = names
        .iter()
        .zip(&verdict)
        .filter(|&(n, v)| {
            let (a, b) = (n.toks.start, n.toks.end);
            let (w, lex) = (doc.tok(a), lexicon());
            *v == Some(EntityKind::Organization)
                && b - a > 1
                && n.title.is_none()
                && context().org_last.contains(doc.tok(b - 1))
                // (a paper's town alone is the town: "the Ottery Argus")
                && !context().press_last.contains(doc.tok(b - 1))
                && (!context().club_last.contains(doc.tok(b - 1))
                    || games()
                    || results_line(doc, a..b))
                && w.chars().any(crate::letters::is_lowercase)
                && !lex.is_given_name(w)
                && lex.known(w).is_none()
                && lex.demonym(w).is_none()
                && !with_low(w, |l| lex.is_common_word(l))
                && !surnames.contains(&lower_hash(w))
        })
        .map(|(n, _)| lower_hash(doc.tok(n.toks.start)))
        .collect();
    let head = |n: &Name| {
        n.toks.len() == 1
            && n.hint != Hint::Person
            && !heads.is_empty()
            && heads.contains(&lower_hash(doc.tok(n.toks.start)))
    };
    let firms: HashSet<u64> = names
        .iter()
        .zip(&listed)
        .zip(&asked)
        .filter(|&((n, &l), a)| {
            l || head(n)
                || company(n, a)
                || ((traded(doc, n)
                    // "software maker Halden", "Quorra, a start-up whose
                    // ...": the noun before the name, or the apposition
                    // after it, names a firm for all of the document's
                    // mentions.
                    || (n.title.is_none()
                        && n.hint != Hint::Person
                        && ((n.toks.start > 0
                            && doc.tokens[n.toks.start - 1].kind() == TokenKind::Word
                            && named_by_context(n, a) == Some(EntityKind::Organization))
                            || (apposed(n, a) == Some(EntityKind::Organization)
                                && (n.toks.len() == 1
                                    || copula(doc, n.toks.end)
                                    // ("Alder Wynch, a publisher that
                                    // ...": the head an organization's noun)
                                    || org_headed(doc, n.toks.end))
                                && !closing_cue(doc, n.toks.end)))))
                    && !known_place(doc, n))
        })
        .map(|((n, _), _)| name_hash(n))
        .collect();
    if !firms.is_empty() {
        for (n, v) in names.iter().zip(verdict.iter_mut()) {
            if n.title.is_none() && firms.contains(&name_hash(n)) && !in_place(doc, n) {
                *v = Some(EntityKind::Organization);
            }
        }
    }
    // "Kessendorf is a market town", "Sereth's prime minister": a place
    // through the document.
    // "Talks ..., hosted by Tavor": one word the lexicons do not know
    // after "hosted by", a meeting's noun (`hosts`) among the five words
    // before, is the country or the town that hosts (not a given name nor
    // a person's surname; "a debate hosted by Nordvision" is no meeting).
    let lone_unknown = |n: &Name| {
        let w = doc.tok(n.toks.start);
        n.toks.len() == 1
            && n.title.is_none()
            && n.hint != Hint::Person
            && !lexicon().is_given_name(w)
            && lexicon().known(w).is_none()
            && !surnames.contains(&lower_hash(w))
    };
    let mut places: HashSet<u64> = names
        .iter()
        .zip(&asked)
        .filter(|(n, a)| {
            (copula(doc, n.toks.end) && apposed(n, a) == Some(EntityKind::Place))
                || owned_office(doc, n)
                || (n.toks.start > 1
                    && doc.tok(n.toks.start - 1) == "by"
                    && doc.tok(n.toks.start - 2) == "hosted"
                    && lone_unknown(n)
                    && (n.toks.start.saturating_sub(8)..n.toks.start - 2)
                        .any(|t| with_low(doc.tok(t), |w| context().hosts.contains(w))))
        })
        .map(|(n, _)| name_hash(n))
        .collect();
    // "between Moldera and Tessaly" where Tessaly is such a place: one
    // such word on the other side of "and" is a place too.
    if !places.is_empty() {
        for w in names.windows(2) {
            let (p, n) = (&w[0], &w[1]);
            if p.toks.end + 1 == n.toks.start && doc.tok(p.toks.end) == "and" {
                let (hp, hn) = (name_hash(p), name_hash(n));
                if places.contains(&hn) && lone_unknown(p) {
                    places.insert(hp);
                } else if places.contains(&hp) && lone_unknown(n) {
                    places.insert(hn);
                }
            }
        }
    }
    if !places.is_empty() {
        for (n, v) in names.iter().zip(verdict.iter_mut()) {
            if n.title.is_none() && places.contains(&name_hash(n)) {
                *v = Some(EntityKind::Place);
            }
        }
    }
    let is_actor = |v: Option<EntityKind>| {
        matches!(
            v,
            Some(EntityKind::Person | EntityKind::Organization | EntityKind::Place)
        )
    };
    // A name the tagger calls an actor somewhere in the document is one
    // wherever it is written the same way.
    // So is a surname alone after a typed full name ("Brandt" after "Ilse
    // Brandt").
    // Compared in lowercase: "FERRANT" (a transcript's label) after
    // "Odile Ferrant".
    let text = |n: &Name| lower_hash(doc.text_of_toks(n.toks.start, n.toks.end));
    let mut typed: HashSet<u64> = HashSet::default();
    for (n, v) in names.iter().zip(&verdict) {
        if is_actor(*v) {
            typed.insert(text(n));
            if *v == Some(EntityKind::Person) && n.toks.len() > 1 {
                typed.insert(lower_hash(doc.tok(n.toks.end - 1)));
            }
        }
    }
    // "an operation code-named Kestrel": an operation's name, no actor,
    // wherever the document writes it.
    let code_names: HashSet<u64> = names
        .iter()
        .filter(|n| {
            n.toks.start > 0
                && n.title.is_none()
                && matches!(
                    doc.tok(n.toks.start - 1),
                    "code-named" | "codenamed" | "code-name" | "codename"
                )
        })
        .map(text)
        .collect();
    // (the document's one-word places, gathered only when a lone word has
    // a people's ending)
    let lone = |n: &Name| n.toks.len() == 1 && n.title.is_none();
    let places: Vec<&str> = if names
        .iter()
        .any(|n| lone(n) && people_ending(doc.tok(n.toks.start)))
    {
        names
            .iter()
            .zip(&verdict)
            .filter(|(n, v)| lone(n) && **v == Some(EntityKind::Place))
            .map(|(n, _)| doc.tok(n.toks.start))
            // (only places the lexicons do not know: they know the
            // demonyms of those they know)
            .filter(|p| lexicon().known(p).is_none())
            .collect()
    } else {
        Vec::new()
    };
    let keep: Vec<bool> = names
        .iter()
        .zip(&verdict)
        .zip(&asked)
        .map(|((n, &v), a)| {
            if (no_actor(doc, n) && n.title.is_none())
                || (lone(n) && !places.is_empty() && people_of(doc, n.toks.start, &places))
                || (!code_names.is_empty() && code_names.contains(&text(n)))
                || org_noun_before_holder(doc, n)
                || title_field(doc, n, v)
                || contraction(doc, n)
                || modifier(doc, n, v)
            {
                return false;
            }
            is_actor(v)
                || (v.is_none() && known(doc, n))
                || typed.contains(&text(n))
                || named_by_context(n, a).is_some()
                || vouched(doc, n)
                || plural(doc, n)
        })
        .collect();
    let mut kept = Vec::with_capacity(names.len());
    let mut verdicts = Vec::with_capacity(names.len());
    for ((n, v), keep) in names.into_iter().zip(verdict).zip(keep) {
        if keep {
            verdicts.push(match v {
                Some(EntityKind::Person) => Some(ActorKind::Person),
                Some(EntityKind::Organization) => Some(ActorKind::Organization),
                Some(EntityKind::Place) => Some(ActorKind::Place),
                _ if plural(doc, &n) => Some(ActorKind::Group),
                _ => None,
            });
            kept.push(n);
        }
    }
    (kept, verdicts)
}

/// A people's ending: "Kenyan", "Sudanese".
fn people_ending(w: &str) -> bool {
    w.ends_with("an") || w.ends_with("ese")
}

/// "Solvarian foreign minister Ana Vask" where the document names the
/// place "Solvaria" (`places`: the document's one-word places no lexicon
/// knows): its people's adjective (the place with a
/// people's ending for its last letter), no actor. Not after an article:
/// "the Solvarian government" stays whole as a description, the adjective
/// no actor of its own there. Not a people's plural ("Solvarians"), a
/// group as "Kenyans" is.
fn people_of(doc: &Doc, a: usize, places: &[&str]) -> bool {
    let w = doc.tok(a);
    people_ending(w)
        && !(a > 0 && doc.word_class(a - 1) == Some(WordClass::Det))
        && places.iter().any(|p| {
            let k = p.len().saturating_sub(1);
            k > 2
                && w.len() > k
                && w.is_char_boundary(k)
                && w.as_bytes()[..k] == p.as_bytes()[..k]
                && matches!(&w[k..], "an" | "ian" | "ese")
        })
}

/// "Council leader Ruth Avery", "Union chief Kofi Adom": an
/// organization's noun alone (`org_noun`) before a lowercase title and
/// its holder's name is part of the holder's description, no actor.
fn org_noun_before_holder(doc: &Doc, n: &Name) -> bool {
    let (a, b) = (n.toks.start, n.toks.end);
    b == a + 1
        && n.title.is_none()
        && b + 1 < doc.tokens.len()
        && doc.is_cap(b + 1)
        && doc.uses_lower(a).has(Use::OrgNoun)
        && doc.tok(b).first_is(crate::letters::is_lowercase)
        && lexicon().starts_title(doc.tok(b))
}

/// One word the lexicons do not know (or two, no given name first), then a lowercase title and the
/// holder's name: "Vellum chief executive Priya Natarajan", "Orsk coach
/// Ivan Petrov" (not a place's noun: "Zhari district chief X"). The word
/// names where the holder works, no person (the title after it is no
/// evidence of one).
fn holder_after(doc: &Doc, n: &Name) -> bool {
    let (a, b) = (n.toks.start, n.toks.end);
    let lex = lexicon();
    // ("Alder Wynch chairman Morris Quayle": two words, neither a given
    // name first nor a name the lexicons know whole)
    (b == a + 1 || (b == a + 2 && n.hint == Hint::MultiWord))
        && b + 1 < doc.tokens.len()
        && doc.tok(b).first_is(crate::letters::is_lowercase)
        && lex.starts_title(doc.tok(b))
        && !context().place_of.contains(doc.tok(b))
        && lex.known(doc.tok(a)).is_none()
        && lex.demonym(doc.tok(a)).is_none()
        && (b + 1..(b + 4).min(doc.tokens.len()))
            .find(|&t| !doc.tok(t).first_is(crate::letters::is_lowercase))
            .is_some_and(|t| {
                doc.is_cap(t)
                    && (b + 1..t).all(|u| lex.starts_title(doc.tok(u)) || lex.is_title(doc.tok(u)))
            })
        // (two words: not after a preposition, "the university at Chapel
        // Hill professor X", nor opening with a given name)
        && (b == a + 1
            || !(lex.is_given_name(doc.tok(a))
                || a > 0 && doc.word_class(a - 1) == Some(WordClass::Prep))
                && lex.known(doc.text_of_toks(a, b)).is_none())
}

/// One word the lexicons do not know after "of" and a name of two or three
/// words that a job of `org_at` opens ("analyst Devin Marsh of Bernstein",
/// "Economist Ana Ruiz of Talvia"): the employer, no place.
fn employer_of(doc: &Doc, n: &Name) -> bool {
    let a = n.toks.start;
    if n.toks.len() != 1 || a < 4 || doc.tok(a - 1) != "of" {
        return false;
    }
    let lex = lexicon();
    // (the job two or three capitalized words before "of"; the job's own
    // capital may open the sentence: "Analyst Devin Marsh of ...")
    let mut t = a - 2;
    while t + 4 >= a && doc.is_cap(t) {
        if t + 3 < a && with_low(doc.tok(t), |w| context().org_at.contains(w)) {
            break;
        }
        if t == 0 {
            return false;
        }
        t -= 1;
    }
    t + 5 >= a
        && t + 3 < a
        && with_low(doc.tok(t), |w| context().org_at.contains(w))
        && lex.known(doc.tok(a)).is_none()
        && lex.demonym(doc.tok(a)).is_none()
}

/// For each name: true when the rules' own evidence for its kind is strong
/// enough to stand against the tagger: a title or a given name (a person),
/// an organization word or acronym, a title word after it ("Tarvel
/// governor"), a last word that is a plural common word ("Tarnbury
/// Landings": an organization), or a place's name before a surname.
/// The city of name `n` (a dateline's, or one before a title: "Bologna
/// coach Marco Gentile") is a team elsewhere in the document: the same
/// name in a game's result, with a score near or in a line of results,
/// not after a preposition of place ("BOLOGNA, Nov 6" over "Bologna beat
/// Vilnius 84-81"). Its mentions' kinds then decide the actor's, not the
/// rules' place.
fn team_elsewhere(doc: &Doc, names: &[Name], n: &Name) -> bool {
    let span = |m: &Name| doc.span_of(m.toks.start, m.toks.end);
    let written = doc.str_of(span(n));
    let first = written.as_bytes().first().map(u8::to_ascii_lowercase);
    let h = lower_hash(written);
    names.iter().any(|m| {
        // (the same length and first letter before the hash: this is
        // asked of each name before a title)
        let s = span(m);
        s.end - s.start == written.len()
            && m.toks != n.toks
            && m.title.is_none()
            && doc.text.as_bytes().get(s.start).map(u8::to_ascii_lowercase) == first
            && lower_hash(doc.str_of(s)) == h
            && (score_near(doc, m) || results_line(doc, m.toks.clone()))
            && plays(doc, m, None)
            && !in_place(doc, m)
    })
}

pub(crate) fn ruled(doc: &Doc, names: &[Name]) -> Vec<bool> {
    let lex = lexicon();
    let clubs = clubs(doc, names);
    names
        .iter()
        .map(|n| {
            // An organization guessed from a common word in the name
            // ("South Waziristan") is no evidence: an organization word
            // ("Council") or an acronym is.
            let org_word = || {
                n.toks.clone().any(|t| {
                    let w = doc.tok(t);
                    lex.is_org_head(w)
                        || (n.toks.len() == 1
                            && (2..=6).contains(&w.chars().filter(|c| *c != '.').count())
                            && w.chars()
                                .all(|c| c == '.' || crate::letters::is_uppercase(c)))
                })
            };
            // "the Kajaki district", "Farah province": the place's noun
            // after the name says more than a given name in it.
            if n.title.is_none() && place_after(doc, n) {
                return false;
            }
            let common = || n.toks.clone().any(|t| lex.is_common_word(doc.tok(t)));
            let weak_org = n.hint == Hint::Org && common() && !org_word();
            if (!matches!(n.hint, Hint::Single | Hint::MultiWord | Hint::Known { .. }) && !weak_org)
                || n.title.is_some()
            {
                return true;
            }
            // "Wanderers captain X": a club, whatever the title after it says.
            if is_club(doc, n, &clubs) {
                return false;
            }
            // A dateline's place; an organization the lexicon knows by
            // that very name ("Oxfam").
            let text = doc.text_of_toks(n.toks.start, n.toks.end);
            if (dateline(doc, &n.toks) && !team_elsewhere(doc, names, n))
                || (n.toks.len() == 1 && after_dateline_place(doc, n.toks.start))
                || lex.known(text).is_some_and(|k| !k.is_place)
            {
                return true;
            }
            let (a, b) = (n.toks.start, n.toks.end);
            if b == a + 1 && super::merge::after_street(doc, a) {
                return true;
            }
            // "Feldmoor Line, which carries freight": "which" is never said
            // of a person, so the tagger's person does not stand.
            // (not where the rules' kind is a person's: a name of two words,
            // or a word of one, "Marden, which" after "Marden Logistics")
            if b + 1 < doc.tokens.len()
                && doc.tok(b) == ","
                && doc.tok(b + 1) == "which"
                && n.hint != Hint::MultiWord
                && !(n.hint == Hint::Single
                    && names.iter().any(|m| {
                        m.toks.len() > 1
                            && (doc.tok(m.toks.start) == doc.tok(a)
                                || doc.tok(m.toks.end - 1) == doc.tok(a))
                    }))
            {
                return true;
            }
            let title_after = b < doc.tokens.len()
                && doc.tok(b).first_is(crate::letters::is_lowercase)
                && lex.starts_title(doc.tok(b))
                && !holder_after(doc, n)
                && !team_elsewhere(doc, names, n);
            let plural = b - a > 1
                && with_low(doc.tok(b - 1), |last| {
                    last.ends_with('s') && lex.is_common_word(last.part(..last.len() - 1))
                });
            // "Sofia Brandt": a place's name before a surname is a given name
            // (not in a place's name the lexicons know whole: "Kansas City").
            let place = |t: usize| lex.known(doc.tok(t)).is_some_and(|k| k.is_place);
            let given = b - a > 1
                && place(a)
                && !place(b - 1)
                && !lex.known(text).is_some_and(|k| k.is_place);
            title_after || plural || given
        })
        .collect()
}

/// Sets each actor's kind to the one most of its named mentions are tagged
/// with, when that differs from the rules' and no mention of it has strong
/// evidence by the rules ([`ruled`]). `verdicts[i]` is the verdict of `actors.mentions[i]` (the name
/// mentions, right after merging).
pub(crate) fn retype(actors: &mut Actors, titled_names: &[bool], verdicts: &[Option<ActorKind>]) {
    const KINDS: [ActorKind; 4] = [
        ActorKind::Person,
        ActorKind::Organization,
        ActorKind::Place,
        ActorKind::Group,
    ];
    let mut votes = vec![[0u32; 4]; actors.actors.len()];
    let mut titled = vec![false; actors.actors.len()];
    for ((m, &t), v) in actors.mentions.iter().zip(titled_names).zip(verdicts) {
        titled[m.actor()] |= t;
        if let Some(k) = v.and_then(|v| KINDS.iter().position(|&k| k == v)) {
            votes[m.actor()][k] += 1;
        }
    }
    for (a, v) in votes.iter().enumerate() {
        if titled[a] {
            continue;
        }
        let best = (0..3)
            .max_by_key(|&k| (v[k], std::cmp::Reverse(k)))
            .unwrap_or(0);
        let current = KINDS
            .iter()
            .position(|&k| k == actors.actors[a].kind)
            .unwrap_or(3);
        if v[best] > v[current] {
            actors.actors[a].kind = KINDS[best];
        } else if v[best] == 0 && v[3] > 0 {
            // Only plural words ("Kenyans"): a group of people.
            actors.actors[a].kind = ActorKind::Group;
        }
    }
}

/// The engine's own tagger over the document: sentence by sentence, with
/// the document's consistency pass.
#[cfg(feature = "tagger")]
pub(crate) fn tag(doc: &Doc) -> TokenTypes {
    use crate::tagger::{EntityType, Tagger};
    // Each sentence's words are made when the tagger asks for them: all of
    // a long text's at once would be 16 bytes a token at the memory peak.
    let (tags, starts, named) = Tagger::shipped().tag_sentences_facts(
        doc.sentences.len(),
        |i, buf| {
            // (the sentence's tokens read as one slice: `Doc::tok` tested
            // each token's number)
            let toks = doc.sentences[i].tokens();
            crate::work::add(toks.len());
            doc.words_into(toks, buf);
        },
        |i| doc.facts(doc.sentences[i].tokens()),
    );
    let mut types = TokenTypes::empty(doc.tokens.len());
    let mut names = Vec::new();
    for (i, (s, w)) in doc.sentences.iter().zip(starts.windows(2)).enumerate() {
        // (the names found while tagging, not read from the tags again)
        named.of(i, &tags[w[0] as usize..w[1] as usize], &mut names);
        for &e in &names {
            let kind = match e.kind {
                EntityType::Per => EntityKind::Person,
                EntityType::Org => EntityKind::Organization,
                EntityType::Loc => EntityKind::Place,
                EntityType::Misc => EntityKind::Other,
            };
            types.set(s.tokens().start + e.start..s.tokens().start + e.end, kind);
        }
    }
    types
}

#[cfg(test)]
mod tests {
    use super::{EntityKind, NamedEntity};
    use crate::annotation::ActorKind;
    use crate::span::Span;

    /// The named actors of `text` typed by `spans` (word, kind).
    fn actors(text: &str, spans: &[(&str, EntityKind)]) -> Vec<(String, ActorKind)> {
        let found: Vec<NamedEntity> = spans
            .iter()
            .map(|&(w, kind)| {
                let start = text.find(w).expect("the word is in the text");
                NamedEntity {
                    span: Span::new(start, start + w.len()),
                    kind,
                }
            })
            .collect();
        crate::annotate_with_entities(text, &found)
            .actors
            .into_iter()
            .map(|a| (a.name, a.kind))
            .collect()
    }

    #[test]
    fn the_spans_decide_a_kind_the_rules_only_guessed() {
        let text = "Crowds cheered as Velmora arrived at the stadium.";
        assert_eq!(
            actors(text, &[("Velmora", EntityKind::Person)]),
            [("Velmora".to_string(), ActorKind::Person)]
        );
        assert_eq!(
            actors(text, &[("Velmora", EntityKind::Place)]),
            [("Velmora".to_string(), ActorKind::Place)]
        );
    }

    #[test]
    fn a_name_the_spans_leave_out_goes_unless_the_engine_vouches() {
        let text = "Crowds cheered as Velmora arrived at the stadium.";
        assert_eq!(actors(text, &[]), []);
        assert_eq!(actors(text, &[("Velmora", EntityKind::Other)]), []);
        // A reporting verb after it, a title before it.
        let said = actors(
            "Crowds cheered, and Velmora said the talks had failed.",
            &[],
        );
        assert_eq!(said, [("Velmora".to_string(), ActorKind::Person)]);
        let titled = actors("Crowds cheered as Senator Velmora arrived.", &[]);
        assert_eq!(titled, [("Velmora".to_string(), ActorKind::Person)]);
    }

    #[test]
    fn storms_events_and_labels_are_no_actors() {
        let text = "AFRICA\n\nHurricane Odessa hit the coast before the Winter Olympics.";
        let spans = [
            ("AFRICA", EntityKind::Place),
            ("Hurricane Odessa", EntityKind::Person),
            ("Winter Olympics", EntityKind::Organization),
        ];
        assert_eq!(actors(text, &spans), []);
    }

    #[test]
    fn the_spans_set_the_boundaries_of_names() {
        // Pieces the rules cut are joined; a name the rules missed is added.
        let text = "It blamed al-Qaida, and the United Nations Development Program agreed.";
        let spans = [
            ("al-Qaida", EntityKind::Organization),
            (
                "United Nations Development Program",
                EntityKind::Organization,
            ),
        ];
        assert_eq!(
            actors(text, &spans),
            [
                ("al-Qaida".to_string(), ActorKind::Organization),
                (
                    "United Nations Development Program".to_string(),
                    ActorKind::Organization
                )
            ]
        );
        // A titled person's name is not cut by a span inside it.
        let text = "Columnist Maria Will wrote about the race.";
        let spans = [("Maria", EntityKind::Person)];
        assert_eq!(
            actors(text, &spans),
            [("Maria Will".to_string(), ActorKind::Person)]
        );
    }

    #[test]
    fn a_plural_name_left_out_is_a_group() {
        let text = "Many Kenyans say the vote was fair.";
        assert_eq!(
            actors(text, &[]),
            [("Kenyans".to_string(), ActorKind::Group)]
        );
    }
}
