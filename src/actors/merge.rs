//! Grouping name mentions into actors: full names and surnames, acronyms and
//! their expansions, and the written variants of known places.

use super::names::{Hint, Name};
use super::store::{Actors, MentionDraft};
use crate::annotation::{ActorKind, MentionKind};
use crate::at::Ends;
use crate::at::{At, Part};
use crate::case::lower_char;
use crate::lexicon::{lexicon, Gender, Use, WordClass};
use crate::text::Words;
#[cfg(feature = "entities")]
use crate::text::{lower_in, LOW_MAX};
use crate::text::{Doc, Lower, TokenKind};

/// Builds actors from names, in text order.
pub fn merge(doc: &Doc, names: Vec<Name>) -> Actors {
    let texts = Texts::new(doc, &names);
    let mut m = Merger {
        actors: Actors::default(),
        by_key: Words::default(),
        surnames: Words::default(),
        older_sharer: Vec::new(),
        given: Words::default(),
        later_surnames: later_surnames(&names, &texts),
        buf: Default::default(),
    };
    for (n, text) in names.iter().zip(texts.iter()) {
        let actor = match &n.hint {
            Hint::Known { canonical, place } => m.known(canonical, *place),
            Hint::Person | Hint::MultiWord if text.contains(' ') => {
                let id = m.full_name(text);
                if let Some(g) = kin_gender(doc, n) {
                    m.actors.actors.at_mut(id).gender.get_or_insert(g);
                    m.by_key.insert(&key("r:", text), n.toks.start);
                }
                id
            }
            Hint::Org if is_acronym_text(text) => m.acronym(text),
            Hint::Org => m.organization(text),
            Hint::Person | Hint::Single | Hint::MultiWord => {
                let id = match m.shared_surname(doc, n, text) {
                    Some(id) => id,
                    None => m.single(doc, n, text),
                };
                // (the person a bare surname last named: see shared_surname)
                if m.actors.actor(id).kind == ActorKind::Person {
                    m.by_key.insert(&key("b:", text), id);
                }
                id
            }
        };
        add_title(doc, &mut m.actors, n, actor);
        m.actors.mentions.push(MentionDraft::new(
            n.toks.clone(),
            doc.span_of(n.toks.start, n.toks.end),
            n.title,
            MentionKind::Name,
            actor,
        ));
    }
    m.actors
}

/// The gender a kinship noun just before a full name gives it ("her
/// father, X Y", "his daughter X Y").
fn kin_gender(doc: &Doc, n: &Name) -> Option<Gender> {
    let mut t = n.toks.start.checked_sub(1)?;
    if doc.tok(t) == "," {
        t = t.checked_sub(1)?;
    }
    let w = doc.tok(t);
    (n.title.is_none() && doc.is(t, Use::Kin) && w.first_is(crate::letters::is_lowercase))
        .then(|| lexicon().title_gender(w))?
}

/// The last words of the multiword person names, found before merging, so
/// a surname seen before its full name still makes a person.
fn later_surnames(names: &[Name], texts: &Texts) -> Words<usize> {
    let mut keys = Words::default();
    for (n, text) in names.iter().zip(texts.iter()) {
        if matches!(n.hint, Hint::Person | Hint::MultiWord) && text.contains(' ') {
            let last = crate::at::after_last(text, b' ');
            keys.insert_new(last, usize::MAX);
        }
    }
    keys
}

/// The actors made so far and the keys that find them again.
struct Merger {
    actors: Actors,
    /// "k:" canonical known name, "p:" full person name, "s:" surname-only
    /// person, "o:" organization → actor.
    by_key: Words<usize>,
    /// Surname (last word) of each person actor → actor, latest wins.
    surnames: Words<usize>,
    /// Person actor → the person of the same surname named in full before
    /// it was ("n:" in `by_key` holds the newest of each surname), or
    /// `usize::MAX`. (A chain, not a map of lists: each new map type costs
    /// the `.wasm` a few hundred bytes.)
    older_sharer: Vec<usize>,
    /// Given name (first word of a full person name) → actor, latest wins.
    given: Words<usize>,
    /// See [`later_surnames`].
    later_surnames: Words<usize>,
    /// A key being looked up in `by_key` ([`Merger::get`]: no `String` a
    /// look-up).
    buf: std::cell::Cell<String>,
}

impl Merger {
    /// The actor of key `prefix` + `text` in `by_key`.
    fn get(&self, prefix: &str, text: &str) -> Option<usize> {
        // (A `Cell` taken and put back, not a `RefCell`: its borrow
        // error's message kept std's `str` padding in the `.wasm`.)
        let mut key = self.buf.take();
        key.clear();
        key.push_str(prefix);
        key.push_str(text);
        let id = self.by_key.get(key.as_str()).copied();
        self.buf.set(key);
        id
    }

    /// A known place or organization: one actor per canonical name.
    fn known(&mut self, canonical: &str, place: bool) -> usize {
        let kind = if place {
            ActorKind::Place
        } else {
            ActorKind::Organization
        };
        if let Some(id) = self.get("k:", canonical) {
            return id;
        }
        // "the island of Brackmoor" (a single name guessed an
        // organization) then "the mayor of Brackmoor" (a place): one actor,
        // of the kind the evidence gives.
        let id = match self.get("o:", canonical) {
            Some(id) if !canonical.contains(' ') => {
                self.actors.actors.at_mut(id).kind = kind;
                id
            }
            _ => self.actors.new_actor(canonical.to_string(), kind),
        };
        self.by_key.insert(&key("k:", canonical), id);
        id
    }

    /// A person's full name. A longer form of a known name ("Jane Ann Doe"
    /// after "Jane Doe") is not merged; a surname-only actor made earlier is.
    fn full_name(&mut self, text: &str) -> usize {
        let id = match self.get("p:", text) {
            Some(id) => id,
            None => {
                let last = crate::at::after_last(text, b' ');
                // (Only once: a second full name of that surname, "Pietro
                // Varani" after "Anna Varani", is someone else.)
                let id = match self.get("s:", last) {
                    Some(id) if !self.actors.actor(id).name.contains(' ') => {
                        self.actors.actors.at_mut(id).name = text.to_string();
                        id
                    }
                    _ => self.actors.new_actor(text.to_string(), ActorKind::Person),
                };
                self.by_key.insert(&key("p:", text), id);
                let older = self.get("n:", last).unwrap_or(usize::MAX);
                if self.older_sharer.len() <= id {
                    self.older_sharer.resize(id + 1, usize::MAX);
                }
                *self.older_sharer.at_mut(id) = older;
                self.by_key.insert(&key("n:", last), id);
                id
            }
        };
        let last = crate::at::after_last(text, b' ');
        self.surnames.insert(last, id);
        // ("Dami" after "Dami Okoro": a first name the lists lack too,
        // unless it is a common word: "Young" of "Young Kim")
        let first = text.split(' ').next().unwrap_or("");
        let lex = lexicon();
        if first != text && (lex.is_given_name(first) || !lex.is_common_word(&first.lower())) {
            self.given.insert(first, id);
        }
        id
    }

    /// A bare surname two people named in full share ("Brennan" after
    /// "Nadia Brennan" and her father "Declan Brennan"): the most recently
    /// named of them, unless the text gives the mention a gender (an
    /// honorific, "Ms. Brennan", or the first "he", "she" or "his" after it
    /// in its paragraph, outside quotations, before another capitalized
    /// word): then the latest introduced of them of that gender. When the
    /// latest was introduced as a relative ("her father, Otto Brenn"), a
    /// writer names that relative in full each time: outside the paragraph
    /// that introduced the relative, the bare surname stays with the one it
    /// named before, unless a pronoun says otherwise.
    fn shared_surname(&self, doc: &Doc, n: &Name, text: &str) -> Option<usize> {
        let newest = self.get("n:", text)?;
        self.older_sharer
            .get(newest)
            .filter(|&&o| o != usize::MAX)?;
        let latest = *self.surnames.get(text)?;
        // An honorific ("Ms. X") gives it, else the next he/she/his.
        let honorific = n.title.and_then(|t| {
            let t = doc.str_of(t).trim().trim_end_matches('.');
            lexicon().title_gender(crate::at::after_last(t, b' '))
        });
        // (not in the paragraph that introduced the relative: "His wife,
        // Jane Roe, said ... “...,” Roe said." is the wife)
        let relative = self
            .get("r:", &self.actors.actor(latest).name)
            .is_some_and(|t| doc.para_of(t) != doc.para_of(n.toks.start));
        let bare = self.get("b:", text).filter(|_| relative);
        // (then not a pronoun after an owner's "'s": "X's singers were
        // loud, though he admits" is someone else)
        let owner = bare.is_some()
            && n.toks.end < doc.tokens.len()
            && doc.token(n.toks.end).kind() == TokenKind::Possessive;
        let pronoun = || (!owner).then(|| pronoun_after(doc, n.toks.end)).flatten();
        let Some(g) = honorific.or_else(pronoun) else {
            return Some(bare.unwrap_or(latest));
        };
        // The newest introduced that fits (a few back at most).
        let mut a = newest;
        for _ in 0..8 {
            if self.actors.gender(a) == Some(g) {
                return Some(a);
            }
            match self.older_sharer.get(a) {
                Some(&o) if o != usize::MAX => a = o,
                _ => break,
            }
        }
        Some(latest)
    }

    /// "MORALES" (a transcript's speaker label) after "Ana Morales": the
    /// surname written in capitals, a double one too ("FENWICK-DANE" after
    /// "Aurelio Fenwick-Dane": a letter after a hyphen stays a capital), or
    /// after a full name in capitals ("ANA MORALES: ..." then "MORALES: ...").
    fn surname_in_capitals(&self, text: &str) -> Option<usize> {
        // "TAPPER" after a full name in capitals, "JAKE TAPPER" (not "PAC"
        // after a body's name that ends in it).
        let shouted = |id: &usize| {
            !self
                .actors
                .actor(*id)
                .name
                .contains(crate::letters::is_lowercase)
        };
        if let Some(&id) = self.surnames.get(text).filter(|id| shouted(id)) {
            return Some(id);
        }
        let upper = |c: char| crate::letters::is_uppercase(c) || c == '-';
        if crate::text::char_count(text) < 3
            || !text.first_is(crate::letters::is_uppercase)
            || !text.chars().all(upper)
        {
            return None;
        }
        let mut prev = '-';
        let mut title = String::new();
        for c in text.chars() {
            title.push(if prev == '-' { c } else { lower_char(c) });
            prev = c;
        }
        self.surnames.get(&title).copied()
    }

    /// An acronym joins the organization whose initials it spells.
    fn acronym(&mut self, text: &str) -> usize {
        if let Some(id) = self.surname_in_capitals(text) {
            return id;
        }
        match find_expansion(&self.actors, text).or_else(|| self.get("o:", text)) {
            Some(id) => id,
            None => {
                let id = self
                    .actors
                    .new_actor(text.to_string(), ActorKind::Organization);
                self.by_key.insert(&key("o:", text), id);
                id
            }
        }
    }

    /// "the Commission" after "the European Commission": the one
    /// organization named before whose name has this word of organizations.
    fn organization_by_head(&self, text: &str) -> Option<usize> {
        let lex = lexicon();
        (!text.contains(' ') && lex.is_org_head(text))
            .then(|| self.actors.organization_ending_in(&text.lower()))
            .flatten()
    }

    /// An organization's name; an acronym seen before its expansion joins it.
    fn organization(&mut self, text: &str) -> usize {
        match self
            .get("o:", text)
            .or_else(|| self.organization_by_head(text))
        {
            Some(id) => id,
            None => {
                let id = match acronym_actor(&self.actors, &self.by_key, text) {
                    Some(id) => {
                        self.actors.actors.at_mut(id).name = text.to_string();
                        id
                    }
                    None => self
                        .actors
                        .new_actor(text.to_string(), ActorKind::Organization),
                };
                self.by_key.insert(&key("o:", text), id);
                // "Brightwell Energy", "Tarn Biscuits", then "Brightwell",
                // "Tarn": the company by its first word, when that word is
                // no place, given name or word (and the last an organization
                // word or a plural common noun, the goods a firm trades in:
                // not "Tarn Bridge").
                if let Some((first, rest)) = text.split_once(' ') {
                    let lex = lexicon();
                    let last = crate::at::after_last(rest, b' ');
                    if (lex.is_org_head(last)
                        || (rest == last && last.ends_with('s') && lex.is_common_word(last)))
                        && lex.known(first).is_none()
                        && !lex.is_given_name(first)
                        && !lex.is_common_word(first)
                    {
                        self.by_key.insert_new(&key("f:", first), id);
                    }
                }
                id
            }
        }
    }

    /// A one-word name: a surname of a person seen before, an earlier
    /// single name, or a new actor of the kind its context suggests.
    /// "the Senator", "The Alhaji": a capitalized title after "the" is the
    /// one person named with it before.
    fn the_title(&self, doc: &Doc, n: &Name, text: &str) -> Option<usize> {
        let s = n.toks.start;
        if n.toks.len() != 1 || s == 0 || !doc.tok(s - 1).eq_ignore_ascii_case("the") {
            return None;
        }
        let low = text.lower();
        lexicon()
            .is_title(&low)
            .then(|| self.actors.title_holder(&low))
            .flatten()
    }

    fn single(&mut self, doc: &Doc, n: &Name, text: &str) -> usize {
        if let Some(&id) = self.surnames.get(text) {
            id
        } else if let Some(id) = self.surname_in_capitals(text) {
            id
        } else if let Some(id) = self.get("k:", text) {
            id // the same word named a known place or body before
        } else if let Some(&id) = self.given.get(text) {
            id // "Maria" after "Maria Delgado"
        } else if let Some(id) = self.get("s:", text) {
            id
        } else if let Some(id) = self.get("o:", text) {
            id
        } else if let Some(id) = self
            .get("f:", text)
            // ("mayor of Harwick" after "Harwick Bridge" is the town)
            .filter(|_| single_kind(doc, n, false) != ActorKind::Place)
        {
            id // "Brightwell" after "Brightwell Energy"
        } else if let Some(id) = self.organization_by_head(text) {
            id
        } else if let Some(id) = self.the_title(doc, n, text) {
            id
        } else {
            let kind = single_kind(doc, n, self.later_surnames.contains_key(text));
            let id = self.actors.new_actor(text.to_string(), kind);
            let prefix = if kind == ActorKind::Person {
                "s:"
            } else {
                "o:"
            };
            self.by_key.insert(&key(prefix, text), id);
            id
        }
    }
}

/// The title written before a name joins its actor's titles (honorifics
/// only mark the name), and makes a person of it.
fn add_title(doc: &Doc, actors: &mut Actors, n: &Name, actor: usize) {
    let Some(title) = n.title else { return };
    let t = doc.str_of(title).trim().to_string();
    if !lexicon().is_honorific(&t) && !actors.actor(actor).titles.contains(&t) {
        actors.actors.at_mut(actor).titles.push(t);
    }
    if actors.actor(actor).kind != ActorKind::Person && matches!(n.hint, Hint::Person) {
        actors.actors.at_mut(actor).kind = ActorKind::Person;
    }
}

/// The gender of the first "he", "she" or "his" after token `from` in its
/// paragraph, outside quotations and before any other capitalized word (a
/// name: "Brennan said Tom Daly would help, and he").
fn pronoun_after(doc: &Doc, from: usize) -> Option<Gender> {
    let para = doc.paras.get(doc.para_of(from.checked_sub(1)?))?;
    for t in from..para.tokens().end.min(from + 40) {
        if doc.quote_at(t).is_some() {
            continue;
        }
        match doc.pronoun(t) {
            Some(p) if p.gender.is_some() && (p.subject || (p.possessive && !p.object)) => {
                return p.gender
            }
            None if doc.is_cap(t) => return None,
            _ => {}
        }
    }
    None
}

/// Every name's text ("U.S.", "Jane Doe"), one after another in one
/// string: one allocation, not a `String` a name (tens of thousands on a
/// long text, 2-3 MB at the actors' peak).
struct Texts {
    all: String,
    ends: Vec<u32>,
}

impl Texts {
    fn new(doc: &Doc, names: &[Name]) -> Texts {
        let mut all = String::new();
        let mut ends = Vec::with_capacity(names.len());
        for n in names {
            push_name_text(doc, n, &mut all);
            ends.push(all.len() as u32);
        }
        Texts { all, ends }
    }

    /// The texts, in the order of the names.
    fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(a, &b)| self.all.part(a as usize..b as usize))
    }
}

/// Appends the text of name `n` to `s`.
fn push_name_text(doc: &Doc, n: &Name, s: &mut String) {
    let start = s.len();
    for t in n.toks.clone() {
        let w = doc.tok(t);
        if w == "." {
            s.push('.');
            continue;
        }
        if s.len() > start && doc.token(t).span().start > doc.token(t - 1).span().end {
            s.push(' ');
        }
        s.push_str(w);
    }
}

fn is_acronym_text(s: &str) -> bool {
    !s.contains(' ')
        && s.chars()
            .filter(|c| crate::letters::is_alphabetic(*c))
            .all(crate::letters::is_uppercase)
}

fn initials(name: &str) -> String {
    let mut s = String::new();
    for w in name.split([' ', '-']) {
        if let Some(c) = w
            .chars()
            .next()
            .filter(|&c| crate::letters::is_uppercase(c))
        {
            s.push(c);
        }
    }
    s
}

/// An organization whose initials spell the acronym ("National Security Council" for "NSC").
fn find_expansion(actors: &Actors, acronym: &str) -> Option<usize> {
    let mut letters = String::new();
    for c in acronym.chars() {
        if crate::letters::is_alphabetic(c) {
            letters.push(c);
        }
    }
    actors.actors.iter().position(|a| {
        a.kind == ActorKind::Organization && a.name.contains(' ') && initials(&a.name) == letters
    })
}

/// A `by_key` key: its prefix ("o:") and the text. Not `format!`: the
/// formatting machinery's call at each site cost the `.wasm` more.
fn key(prefix: &str, text: &str) -> String {
    let mut k = String::with_capacity(prefix.len() + text.len());
    k.push_str(prefix);
    k.push_str(text);
    k
}

fn acronym_actor(actors: &Actors, by_key: &Words<usize>, name: &str) -> Option<usize> {
    let init = initials(name);
    if init.len() < 2 {
        return None;
    }
    by_key
        .get(&key("o:", &init))
        .copied()
        .filter(|&id| actors.actor(id).kind == ActorKind::Organization)
}

/// What the words after a name ending at token `b` say it is: a person
/// when "who" follows it (", who") or, when a verb of speech or an
/// auxiliary follows it, the first pronoun after it in its clause (no punctuation, conjunction or relative word between), outside
/// quotations and before any other capitalized word, is
/// "he", "she" or "his"; an organization when that pronoun is "its" ("it"
/// is too often no one's: "Orrin said it would rain").
// (The tagger's stage only, `entities::pronoun`: in the rules it cost the
// core `.wasm` ~300 bytes gzipped over its budget, session 17.)
#[cfg(feature = "entities")]
pub(super) fn pronoun_kind(doc: &Doc, b: usize) -> Option<ActorKind> {
    let len = doc.tokens.len();
    let w = |t: usize| if t < len { doc.tok(t) } else { "" };
    // ("the President did not know what he": a title word, a common
    // word, one in capitals or a name after "the" is no lone name of a
    // person or company.)
    let name = w(b.checked_sub(1)?);
    let lex = lexicon();
    // (the cheap tests first; each word lowercased once, on the stack)
    if !name.chars().any(crate::letters::is_lowercase)
        || (b >= 2 && w(b - 2).eq_ignore_ascii_case("the"))
    {
        return None;
    }
    let mut buf = [0; LOW_MAX];
    let low = lower_in(name, &mut buf);
    if lex.is_title(&low) || lex.is_common_word(&low) {
        return None;
    }
    // ("a professor at Harvard who": the "who" is the professor's.)
    let placed = b >= 2 && {
        let mut buf = [0; LOW_MAX];
        let before = lower_in(w(b - 2), &mut buf);
        lex.is(&before, Use::Locative) || lex.is(&before, Use::Connector)
    };
    if !placed && (w(b) == "who" || (w(b) == "," && w(b + 1) == "who")) {
        return Some(ActorKind::Person);
    }
    // ("Muslim fanatics he met": a name before a noun is no subject.)
    // ("Brooklyn was his answer": no copula.)
    if b >= len
        || !(doc.cue_verb(b).is_some() || doc.word_class(b) == Some(WordClass::Aux))
        || matches!(w(b), "is" | "was" | "are" | "were" | "be")
    {
        return None;
    }
    let quote = doc.quote_at(b - 1);
    let sent = doc
        .sentences
        .get(doc.sentence_at(b.checked_sub(1)?))?
        .tokens();
    for t in b..sent.end.min(b + 12) {
        // (not past the quotation the name is in, nor into another one,
        // nor into a clause after "that")
        if doc.quote_at(t) != quote || w(t) == "that" {
            return None;
        }
        match doc.pronoun(t) {
            Some(p) if p.gender.is_some() && (p.subject || (p.possessive && !p.object)) => {
                return Some(ActorKind::Person)
            }
            Some(p) if p.refers == crate::lexicon::Refers::Thing && p.possessive => {
                return Some(ActorKind::Organization)
            }
            Some(_) => return None,
            None if doc.is_cap(t)
                || doc.token(t).kind() != TokenKind::Word
                || matches!(
                    doc.word_class(t),
                    Some(WordClass::Conj | WordClass::Rel | WordClass::Prep)
                ) =>
            {
                return None
            }
            None => {}
        }
    }
    None
}

/// "of Bexwell Road, Dunsmere, admitted ...": a name at `s` right after a
/// street's name and a comma is the town of an address.
pub(super) fn after_street(doc: &Doc, s: usize) -> bool {
    s >= 2 && doc.tok(s - 1) == "," && doc.is(s - 2, Use::StreetWord)
}

/// The kind of a one-word name nothing else explains.
fn single_kind(doc: &Doc, n: &Name, is_surname_later: bool) -> ActorKind {
    let lex = lexicon();
    if is_surname_later || matches!(n.hint, Hint::Person) {
        return ActorKind::Person;
    }
    // "in Kessendorf", "near Kessendorf": a place.
    if n.toks.start > 0 {
        let prev = doc.tok(n.toks.start - 1).lower_cow();
        if lex.is(&prev, Use::Locative) && lex.word_class(&prev) == Some(WordClass::Prep) {
            return ActorKind::Place;
        }
    }
    if after_street(doc, n.toks.start) {
        return ActorKind::Place;
    }
    let next = n.toks.end;
    // "Kessendorf said": a person or an organization; people speak more often.
    if next < doc.tokens.len() && doc.token(next).kind() == TokenKind::Word {
        if let Some(v) = doc.cue_verb(next) {
            if v.frames.quote {
                return ActorKind::Person;
            }
        }
    }
    // "Quennell also said"
    if super::names::speaks_next(doc, next) {
        return ActorKind::Person;
    }
    ActorKind::Organization
}

#[cfg(test)]
mod tests {
    use crate::actors::Actors;
    use crate::annotation::{ActorKind, MentionKind};
    use crate::text::Doc;

    /// The named actors of `text`: (name, kind, number of name mentions).
    fn actors(text: &str) -> Vec<(String, ActorKind, usize)> {
        let doc = Doc::new(text);
        let found = Actors::find(&doc);
        found
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mentions = found
                    .mentions
                    .iter()
                    .filter(|m| m.actor() == i && m.kind() == MentionKind::Name)
                    .count();
                (a.name.clone(), a.kind, mentions)
            })
            .filter(|a| a.2 > 0)
            .collect()
    }

    #[test]
    fn a_surname_joins_the_full_name_before_or_after_it() {
        let after = actors("Jane Velkamp arrived on Monday. Velkamp said talks failed.");
        assert_eq!(after, [("Jane Velkamp".into(), ActorKind::Person, 2)]);
        let before = actors("Velkamp said talks failed. Later, Jane Velkamp left.");
        assert_eq!(before, [("Jane Velkamp".into(), ActorKind::Person, 2)]);
    }

    #[test]
    fn relatives_sharing_a_surname_stay_apart_and_a_first_name_joins_its_full_name() {
        let a = actors("Nadia Velkamp met her son, Tomas Velkamp. Velkamp said no. Nadia left.");
        assert_eq!(
            a,
            [
                ("Nadia Velkamp".into(), ActorKind::Person, 2),
                ("Tomas Velkamp".into(), ActorKind::Person, 2)
            ]
        );
        let b = actors("Nadia Velkamp met her son, Tomas Velkamp. Velkamp said she was tired.");
        assert_eq!(b[0], ("Nadia Velkamp".into(), ActorKind::Person, 2));
        let c = actors("Velkamp said no. Nadia Velkamp met her son, Tomas Velkamp.");
        assert_eq!(c[0], ("Nadia Velkamp".into(), ActorKind::Person, 2));
        assert_eq!(c[1], ("Tomas Velkamp".into(), ActorKind::Person, 1));
    }

    #[test]
    fn a_surname_in_capitals_joins_its_person_a_double_one_too() {
        let a = actors(
            "Aurelio Fenwick-Dane plays the cello.\n\nFENWICK-DANE: Four hours, even on the road.",
        );
        assert_eq!(a, [("Aurelio Fenwick-Dane".into(), ActorKind::Person, 2)]);
        let b = actors("Ana Velkamp plays the cello.\n\nVELKAMP: Four hours, even on the road.");
        assert_eq!(b, [("Ana Velkamp".into(), ActorKind::Person, 2)]);
        let c = actors("ANA VELKAMP: Four hours, even on the road.\n\nVELKAMP: And the evenings.");
        assert_eq!(c, [("ANA VELKAMP".into(), ActorKind::Person, 2)]);
    }

    #[test]
    fn an_acronym_joins_the_organization_it_spells() {
        let after = actors("The Brackwater Fisheries Council met. The BFC said no.");
        assert_eq!(
            after,
            [(
                "Brackwater Fisheries Council".into(),
                ActorKind::Organization,
                2
            )]
        );
        let before = actors("The BFC met on Monday. The Brackwater Fisheries Council said no.");
        assert_eq!(
            before,
            [(
                "Brackwater Fisheries Council".into(),
                ActorKind::Organization,
                2
            )]
        );
    }

    #[test]
    fn written_variants_of_a_known_place_share_its_name() {
        let a = actors("He flew to the U.S. on Monday. The United States said no.");
        assert_eq!(a, [("United States".into(), ActorKind::Place, 2)]);
    }

    #[test]
    fn a_single_unknown_name_takes_its_kind_from_the_context() {
        assert_eq!(
            actors("They met in Kessendorf on Monday."),
            [("Kessendorf".into(), ActorKind::Place, 1)]
        );
        assert_eq!(
            actors("On Monday, Quennell said talks failed."),
            [("Quennell".into(), ActorKind::Person, 1)]
        );
    }

    #[test]
    fn a_title_joins_the_actor_but_an_honorific_does_not() {
        let doc = Doc::new("Foreign Minister Jane Velkamp met Mr. Quennell on Monday.");
        let found = Actors::find(&doc);
        let titles: Vec<(&str, Vec<String>)> = found
            .actors
            .iter()
            .map(|a| (a.name.as_str(), a.titles.clone()))
            .collect();
        assert_eq!(
            titles,
            [
                ("Jane Velkamp", vec!["Foreign Minister".to_string()]),
                ("Quennell", vec![])
            ]
        );
        assert_eq!(found.actors[1].kind, ActorKind::Person);
    }
}
