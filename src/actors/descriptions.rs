//! Unnamed actors: "a senior official", "three gunmen", "the defence
//! minister", "head of the armed forces". A description is a role noun from
//! `anonymous_roles.tsv` with the modifiers and determiner before it.

use super::store::{Actors, MentionDraft};
use crate::annotation::{ActorKind, MentionKind};
use crate::at::Ends;
use crate::at::{At, Part};
use crate::lexicon::{fact, lexicon, Role, Use, WordClass};
use crate::text::Words;
use crate::text::{lower_in, Bits, Doc, Lower, Sentence, TokenKind, LOW_MAX};

/// A description found in the text, before it is given an actor.
struct Found {
    /// First token (the determiner, if it is part of the span).
    start: usize,
    /// One past the last token (after an of-phrase: "head of the army").
    end: usize,
    /// The role noun.
    head: usize,
    plural: bool,
    anonymous: bool,
    /// The determiner, quantifier, possessive or number before it, lowercase.
    det: Option<String>,
}

/// Adds description mentions and their actors.
pub fn find(doc: &Doc, actors: &mut Actors) {
    // Names are indexed by token (Actors::index ran before this stage).
    let title_tok = title_tokens(doc, actors);
    let mut found: Vec<Found> = Vec::new();
    for t in 0..doc.tokens.len() {
        if let Some(f) = description_at(doc, actors, &title_tok, t) {
            found.push(f);
        }
    }
    add_actors(doc, actors, found);
}

/// The tokens of titles written before names: "minister" in "Foreign
/// Minister Jane Doe" is her title, not a description. One bit a token (a
/// byte a token was 2 MB on a 10 MiB text).
fn title_tokens(doc: &Doc, actors: &Actors) -> Bits {
    let mut title_tok = Bits::new(doc.tokens.len());
    for m in actors.mentions.iter() {
        if let Some(title) = m.title() {
            let mut t = m.toks().start;
            while t > 0 && doc.token(t - 1).span().start >= title.start {
                t -= 1;
                title_tok.set(t);
            }
        }
    }
    title_tok
}

/// The description headed by token `t`, if it heads one.
fn description_at(doc: &Doc, actors: &Actors, title_tok: &Bits, t: usize) -> Option<Found> {
    let lex = lexicon();
    if doc.token(t).kind() != TokenKind::Word || title_tok[t] {
        return None;
    }
    // (The role first: most words have none, and it is cheaper to ask.)
    let role = head_role(doc, t)?;
    if actors.mention_at(t).is_some() {
        return None;
    }
    // ("Those close to him believe": a pronoun-like determiner heads a
    // description only before an anonymity marker; "those states" none.)
    if doc.word_class(t).is_some() && marker_at(doc, t + 1).is_none() {
        return None;
    }
    let w = doc.tok(t);
    if doc.in_quote_at(t).is_some() {
        return None; // the speaker's own words: "our troops" is not a source
    }
    // "police officer", "defence minister": the last noun is the head.
    let next = doc.tokens.get(t + 1).map(|_| doc.tok(t + 1));
    // (`next` is token `t + 1`: its facts spare most look-ups)
    if next.is_some_and(|n| doc.role(t + 1).is_some() || lex.starts_title(n) || lex.is_title(n)) {
        return None;
    }
    // Collective nouns ("the government", "police") are actors only when
    // they speak: "police said".
    // ("police in Kessel said": a place between them.)
    // ("people familiar with the matter": an anonymity marker right after
    // it makes a source of it, wherever its verb is)
    let speaks = cue_follows(doc, t + 1)
        || speaks_after_place(doc, actors, t + 1)
        || (role.collective && marker_at(doc, t + 1).is_some())
        || (role.collective && it_speaks_next(doc, t));
    let next_is_noun = next.is_some_and(|n| {
        n.first_is(crate::letters::is_lowercase)
            && doc.word_class(t + 1).is_none()
            && doc.cue_verb(t + 1).is_none()
    });
    if role.collective && !speaks && next_is_noun {
        return None;
    }
    if w.first_is(crate::letters::is_uppercase) && !super::names::is_sentence_initial(doc, t) {
        return None; // part of a name: "Police Service"
    }
    // "the drivers' union": the owners are part of the body's name.
    let body_owner = |p: usize| {
        doc.token(p).kind() == TokenKind::Possessive
            && p > 0
            && doc.tok(p - 1).first_is(crate::letters::is_lowercase)
            && doc.role(p - 1).is_some_and(|r| r.plural && !r.collective)
    };
    let lowercase_body = |k: usize| {
        k < doc.tokens.len()
            && doc.tok(k).first_is(crate::letters::is_lowercase)
            && lex.is_body(&doc.tok(k).lower_cow())
    };
    if role.plural && t + 1 < doc.tokens.len() && body_owner(t + 1) && lowercase_body(t + 2) {
        return None;
    }
    let sent = doc.sentence(doc.sentence_at(t));
    let (mut start, mut det) = modifiers_before(doc, actors, sent, t);
    if start > 1 && body_owner(start - 1) && lowercase_body(t) {
        (start, det) = modifiers_before(doc, actors, sent, start - 2);
    }
    let of_follows = next.is_some_and(|n| lex.is(n, Use::Of));
    let bare_plural = role.plural && !role.collective;
    // ("the senator's aide, speaking to ..., said" is a source; "the
    // state's largest newspaper" none.)
    let owned = start > 0 && doc.token(start - 1).kind() == TokenKind::Possessive;
    // ("the union's leader, who ..., said": a relative clause describes
    // the subject.)
    let relative_next = t + 2 < doc.tokens.len() && doc.word_class(t + 2) == Some(WordClass::Rel);
    // ("The union, Dockhands Together, said": a body's name apposed.)
    let apposed_body = next == Some(",")
        && actors.mention_at(t + 2).is_some_and(|m| {
            actors.actor(actors.mention(m).actor()).kind == ActorKind::Organization
        });
    let apposed = (role.anonymous || relative_next || apposed_body) && next == Some(",");
    if (det.is_none() || (owned && !apposed)) && !bare_plural && !of_follows && !speaks {
        return None; // a bare singular is a modifier or a title, not an actor
    }
    if role.collective
        && !speaks
        && !(apposed_body || owned && apposed)
        && (det.is_none() || start + 1 >= t)
    {
        return None; // "the government" is an actor when described ("the Serb minority") or speaking
    }
    if names_before_title(doc, actors, start, t, det.is_none(), role) {
        return None;
    }
    let end = if role.plural {
        t + 1
    } else {
        of_phrase_end(doc, sent, t + 1)
    };
    // A name the of-phrase reaches into is whole inside it ("a critic of
    // the United States", not "of the United"), and a mention of its own.
    let end = match actors.mention_at(end - 1) {
        Some(m) if actors.mention(m).toks().end > end => actors.mention(m).toks().end,
        _ => end,
    };
    let anonymous_marker = marker_follows(doc, end, sent.tokens().end);
    // "a NATO official who requested anonymity", "two people familiar with
    // the matter": a marker right after the role is part of the description.
    let end = marker_at(doc, end).unwrap_or(end);
    let definite = det.as_deref().is_some_and(|d| lex.is(d, Use::Definite));
    Some(Found {
        start,
        end,
        head: t,
        plural: role.plural,
        anonymous: anonymous_marker || (role.anonymous && !definite),
        det,
    })
}

/// The role token `t` gives a description: a role noun ("official"), or a
/// title followed by "of", which heads a description too ("head of the
/// armed forces").
fn head_role(doc: &Doc, t: usize) -> Option<Role> {
    let lex = lexicon();
    let w = doc.tok(t);
    // (Asked of nearly every word: the title test only when there is no
    // role, and the facts tested here, before a call, for the words in no
    // list of roles or uses, most of them.)
    let role = if doc.may_be(t, fact::ROLE) {
        doc.role(t)
    } else {
        None
    };
    role.or_else(|| {
        // ("the company's chairman", "the club, whose chairman warned": a
        // title its owner makes a role.)
        // (the length first: asked of nearly every word)
        // ("the museum's finance director": one lowercase modifier between.)
        let poss = |k: usize| doc.token(k).kind() == TokenKind::Possessive;
        let owned = t > 0
            && (poss(t - 1)
                || (t > 1
                    && poss(t - 2)
                    && doc.tok(t - 1).first_is(crate::letters::is_lowercase)
                    && doc.word_class(t - 1).is_none())
                || (doc.token(t - 1).span().len() == 5
                    && doc.tok(t - 1).eq_ignore_ascii_case("whose")));
        let titled_of = (owned
            || doc
                .tokens
                .get(t + 1)
                .is_some_and(|_| doc.may_be(t + 1, fact::USES) && doc.is(t + 1, Use::Of)))
            && lex.is_title(w);
        // ("the victim's brother said", "the boy's mother told ...": kin
        // and person nouns an owner makes someone's, when they speak.)
        let speaks = || cue_follows(doc, t + 1);
        let kin = owned && (lex.is(w, Use::Kin) || lex.is(w, Use::PersonNoun)) && speaks();
        // ("Kenya's central bank said": a body's noun an owner makes
        // someone's, when it speaks.)
        // (The token's facts first: most words are in no list of uses or
        // roles, so no body's noun.)
        let body = !kin
            && !titled_of
            && (doc.may_be(t, fact::USES) || doc.may_be(t, fact::ROLE))
            && crate::at::last_back(
                t.saturating_sub(3),
                t,
                |k| {
                    doc.token(k).kind() == TokenKind::Possessive
                        || doc.tok(k).first_is(crate::letters::is_lowercase)
                },
                |k| doc.token(k).kind() == TokenKind::Possessive,
            )
            .is_some()
            && speaks()
            && lex.is_body(w);
        (titled_of || kin || body).then_some(Role {
            plural: kin && (w.ends_with('s') || w.ends_with("men") || w == "children"),
            anonymous: false,
            collective: body,
        })
    })
}

/// Walks left from the role noun at `t` over up to four modifiers to a
/// determiner: the description's first token and its determiner, if any.
fn modifiers_before(
    doc: &Doc,
    actors: &Actors,
    sent: &Sentence,
    t: usize,
) -> (usize, Option<String>) {
    let lex = lexicon();
    let mut start = t;
    let mut det: Option<String> = None;
    let mut mods = 0;
    while start > sent.tokens().start && mods < 4 {
        let p = start - 1;
        let pw = doc.tok(p);
        let class = doc.word_class(p);
        if doc.token(p).kind() == TokenKind::Number {
            // ("13:10 Police said ...", "13.10 Police ...": a live blog's
            // time, no count of police)
            let time = pw.contains(['.', ':'])
                || (p >= sent.tokens().start + 2
                    && matches!(doc.tok(p - 1), ":" | ".")
                    && doc.token(p - 2).kind() == TokenKind::Number);
            if !time {
                det = Some(pw.to_string());
                start = p;
            }
            break;
        }
        // "the senator's aide": the owner is not part of the span.
        if doc.token(p).kind() == TokenKind::Possessive {
            det = Some(pw.to_string());
            break;
        }
        match class {
            // "said that people ...": "that" opens a clause here.
            Some(WordClass::Det) if lex.is_any_case(pw, Use::Complementizer) => break,
            Some(WordClass::Det | WordClass::Quant) => {
                det = Some(pw.lower());
                start = p;
                break;
            }
            Some(WordClass::Poss) => {
                det = Some(pw.lower());
                break; // "its majority": the owner is not part of the span
            }
            Some(_) => break,
            None => {}
        }
        if doc.token(p).kind() != TokenKind::Word
            || doc.cue_verb(p).is_some()
            // ("quoting officials as saying": a verb, no modifier)
            || doc.is(p, Use::Conduit)
            || doc.role(p).is_some_and(|r| r.plural && !r.collective)
            || (pw.first_is(crate::letters::is_uppercase)
                && actors.mention_at(p).is_none()
                && lex.demonym(pw).is_none())
        {
            break;
        }
        // "to meet managers", "to help families": a lowercase word right
        // after "to" is a verb unless it ends like an adjective ("to local
        // residents").
        let after_to = p > sent.tokens().start
            && doc.tok(p - 1).eq_ignore_ascii_case("to")
            && pw.first_is(crate::letters::is_lowercase)
            && !pw.contains('-')
            && !lex.has_ending(pw, Use::AdjectiveEnding);
        if after_to {
            break;
        }
        // "Tom Reyes met officials", "the minister visited residents": a
        // person or a singular role before a past form is that verb's
        // subject, and only the role noun describes ("Obama campaign
        // officials", "Florida election officials" are modifiers).
        // (the verb asked first: the subject's look-ups only before one)
        let verb = start < t && {
            let w = doc.tok(start);
            lex.has_ending(w, Use::ParticipleEnding) || lex.is(w, Use::IrregularParticiple)
        };
        let person = || {
            actors
                .mention_at(p)
                .is_some_and(|m| actors.actor(actors.mention(m).actor()).kind == ActorKind::Person)
        };
        // ("the senator's right-hand woman rallied supporters": a person
        // noun too.)
        let subject = || {
            person()
                || lex.is_title(pw)
                || lex.role(pw).is_some_and(|r| !r.plural && !r.collective)
                || lex.is_any_case(pw, Use::PersonNoun)
        };
        if verb && subject() {
            start = t;
            det = None;
            break;
        }
        start = p;
        mods += 1;
    }
    // "had offered dock workers": a participle after an auxiliary is the
    // verb, not a modifier of the description; so is a word after one that
    // is no form of "be" ("would push people", "will help families"),
    // unless it ends like an adjective ("have local officials").
    if det.is_none()
        && start < t
        && start > 0
        && doc.word_class(start - 1) == Some(WordClass::Aux)
        && (lex.has_ending(doc.tok(start), Use::ParticipleEnding)
            || !(doc.is(start - 1, Use::Passive)
                || lex.has_ending(doc.tok(start), Use::AdjectiveEnding)))
    {
        start += 1;
    }
    // "We already turn people away": after a subject pronoun the words
    // are its verb, no modifiers of the noun.
    if det.is_none()
        && start < t
        && start > sent.tokens().start
        && lex
            .pronoun(doc.tok(start - 1))
            .is_some_and(|p| p.subject && !p.possessive)
    {
        start = t;
    }
    // "which represents commuters", "who persuaded elderly homeowners":
    // after a relative pronoun the first word is its verb (not "in which
    // Democratic sources said", "who local officials say": a relative's
    // object, then its subject).
    if det.is_none()
        && start < t
        && start > sent.tokens().start
        && doc.word_class(start - 1) == Some(WordClass::Rel)
        && doc.tok(start).first_is(crate::letters::is_lowercase)
        && !lex.has_ending(doc.tok(start), Use::AdjectiveEnding)
    {
        start += 1;
    }
    (start, det)
}

/// True when the role noun at `t` reads as a title between names: "NATO
/// chief Jane Doe" (a name at the start and no determiner), or any singular
/// role right before a person's name.
fn names_before_title(
    doc: &Doc,
    actors: &Actors,
    start: usize,
    t: usize,
    no_det: bool,
    role: Role,
) -> bool {
    let next_mention = (t + 1 < doc.tokens.len())
        .then(|| actors.mention_at(t + 1))
        .flatten();
    // "Police officers" after a name is fine; a name at the start
    // without a determiner reads as a title ("NATO chief").
    if start < t && actors.mention_at(start).is_some() && no_det && next_mention.is_some() {
        return true;
    }
    // A title before a name is not a description of its own.
    next_mention.is_some_and(|m| {
        !role.plural && actors.actor(actors.mention(m).actor()).kind == ActorKind::Person
    })
}

/// Where a singular role ends: after an of-phrase that completes it ("head
/// of the armed forces", at most three words after "of" and an article),
/// else at `end`.
fn of_phrase_end(doc: &Doc, sent: &Sentence, end: usize) -> usize {
    if !(end + 1 < sent.tokens().end && doc.is(end, Use::Of)) {
        return end;
    }
    let mut e = end + 1;
    if e < sent.tokens().end && doc.word_class(e) == Some(WordClass::Det) {
        e += 1;
    }
    let body = e;
    let end_of = sent.tokens().end;
    let word = |k: usize| {
        k < end_of
            && doc.token(k).kind() == TokenKind::Word
            && doc.word_class(k).is_none()
            && doc.cue_verb(k).is_none()
    };
    // ("head of the tenants' union", "of the city's tenants union": past an
    // owner's mark to a body's noun; not "of last week's high-profile")
    let body_at = |k: usize| word(k) && lexicon().is_body(&doc.tok(k).lower_cow());
    let owned = |k: usize| {
        k > body
            && k < end_of
            && doc.token(k).kind() == TokenKind::Possessive
            && (body_at(k + 1) || word(k + 1) && body_at(k + 2))
    };
    let mut words = 0;
    while words < 3 && (word(e) || owned(e)) {
        words += usize::from(word(e));
        e += 1;
    }
    if e > body {
        e
    } else {
        end
    }
}

/// Lookups by words, so each description costs the same however long the text.
#[derive(Default)]
struct Seen {
    /// Description without its determiner, lowercase → its actor (after a
    /// named owner, the owner's name, "'s " and the description: one
    /// owner's campaign is not another's).
    by_key: Words<usize>,
    /// Role noun, lowercase → the last actor it described.
    by_role: Words<usize>,
    /// "the president" → the one person titled so, if any.
    holders: super::OneActor,
    /// The title holders [`Actors::title_holder_kept`] worked out (no
    /// person gains a title once descriptions are matched).
    built: Option<super::OneActor>,
}

/// "the company": the named organization that opens the nearest sentence
/// opening with a name, outside quotations, this one or one before, at
/// most six sentences and 400 tokens back ("Acme, which runs the line,
/// issued a statement. ... the company said"); none when that name is no
/// organization. Names only: descriptions are not indexed yet.
pub(crate) fn company_in_view(doc: &Doc, actors: &Actors, a: usize) -> Option<usize> {
    let sent = doc.sentence_at(a);
    let floor = a.saturating_sub(400);
    for s in (sent.saturating_sub(6)..=sent).rev() {
        let toks = doc.sentence(s).tokens();
        // The sentence's first mention outside quotation marks.
        // ("Analysts at Brunwick said": a body after "at" is where its
        // people work, not the subject.)
        let first = (toks.start.max(floor)..toks.end.min(a))
            .filter(|&t| doc.in_quote_at(t).is_none())
            .find_map(|t| actors.outer_mention_at(t))
            .filter(|&m| {
                let s = actors.mention(m).toks().start;
                s == 0 || !doc.tok(s - 1).eq_ignore_ascii_case("at")
            });
        if let Some(m) = first.filter(|&m| actors.mention(m).kind() == MentionKind::Name) {
            // The nearest sentence that opens with a name decides.
            let actor = actors.actor(actors.mention(m).actor());
            let company = actor.kind == ActorKind::Organization && actor.role.is_none();
            return company.then_some(actors.mention(m).actor());
        }
        if toks.start <= floor {
            break;
        }
    }
    None
}

/// "the witness" in a court report: the person named last as giving
/// evidence ("X told the court", "told jurors", "X said, giving
/// evidence"), at most 400 tokens back, outside quotation marks.
fn witness_in_view(doc: &Doc, actors: &Actors, a: usize) -> Option<usize> {
    let floor = a.saturating_sub(400);
    let marker = |t: usize| {
        let w = doc.tok(t);
        let next = |k: usize| (t + k < a).then(|| doc.tok(t + k).to_ascii_lowercase());
        (w.eq_ignore_ascii_case("told")
            && (next(1).is_some_and(|n| matches!(n.as_str(), "jurors" | "jury"))
                || (next(1).as_deref() == Some("the")
                    && next(2).is_some_and(|n| {
                        matches!(n.as_str(), "court" | "jury" | "tribunal" | "inquest")
                    }))))
            || (matches!(w, "giving" | "gave") && next(1).as_deref() == Some("evidence"))
    };
    // (loops: the reversed ranges' iterator chains were a generic copy of
    // `Rev::try_fold` each, the largest of them)
    let mut t = a;
    while t > floor {
        t -= 1;
        if doc.in_quote_at(t).is_some() || !marker(t) {
            continue;
        }
        // The person named nearest before it in its sentence.
        let start = doc.sentence(doc.sentence_at(t)).tokens().start;
        let low = start.max(t.saturating_sub(10));
        let mut k = t;
        while k > low {
            k -= 1;
            if let Some(m) = actors.outer_mention_at(k).map(|m| actors.mention(m)) {
                if m.kind() == MentionKind::Name
                    && actors.actor(m.actor()).kind == ActorKind::Person
                {
                    return Some(m.actor());
                }
            }
        }
    }
    None
}

/// Gives each description an actor (an earlier one it repeats, the person
/// it is in apposition to or titles, or a new one) and a mention.
fn add_actors(doc: &Doc, actors: &mut Actors, found: Vec<Found>) {
    let mut seen = Seen::default();
    // The anonymous person described last, and the paragraph.
    let mut last_anonymous: Option<(usize, usize, bool)> = None;
    // "the ministry", "the council": the one body of that kind named.
    let bodies = actors.organizations_by_last_word();
    // The titles that descriptions in apposition give first, so that "the
    // mayor" in a headline finds "Ann Ruiz, the mayor of X," below it.
    // (Each with whether its role noun names a body, asked once.)
    let mut apposed: Vec<(bool, Option<usize>)> = Vec::with_capacity(found.len());
    for f in found.iter() {
        let body = lexicon().is_body(&doc.tok(f.head).lower_cow());
        let person = (!f.plural || body).then(|| apposed_person(doc, actors, f.start, f.end, body));
        apposed.push((body, person.flatten()));
    }
    for (f, &(_, person)) in found.iter().zip(&apposed) {
        if let Some(person) = person.filter(|&p| actors.actor(p).kind == ActorKind::Person) {
            let phrase = doc.text_of_toks(f.start, f.end);
            let title = strip_det(phrase, f.det.as_deref()).to_string();
            if !actors.actor(person).titles.contains(&title) {
                actors.actors.at_mut(person).titles.push(title);
            }
        }
    }
    for (f, (body, apposed)) in found.into_iter().zip(apposed) {
        let span = doc.span_of(f.start, f.end);
        let phrase = doc.str_of(span);
        let bare = strip_det(phrase, f.det.as_deref());
        // (both on the stack: two `String`s a description)
        let (mut key_buf, mut role_buf) = ([0; LOW_MAX], [0; LOW_MAX]);
        let lower_key = lower_in(bare, &mut key_buf);
        let role_word = lower_in(doc.tok(f.head), &mut role_buf);
        // "Jane Doe's campaign", "Norland's central bank": the named owner
        // before the owner's "'s" names the actor with it, and keeps it
        // apart from another owner's campaign.
        let owner = (f.start >= 2 && doc.token(f.start - 1).kind() == TokenKind::Possessive)
            .then(|| actors.mention_at(f.start - 2))
            .flatten()
            .map(|m| actors.mention(m).actor());
        // (the owner's name and the description, written out: no `format!`
        // in the engine, whose machinery costs the .wasm bytes)
        let owned = |o: usize, mark: &str, rest: &str| {
            let name = &actors.actor(o).name;
            let mut s = String::with_capacity(name.len() + mark.len() + rest.len() + 1);
            s.push_str(name);
            s.push_str(mark);
            s.push(' ');
            s.push_str(rest);
            s
        };
        // "the mayor's office": a described owner is part of the name, and
        // one owner's office is not another's.
        let owner_phrase = owner
            .is_none()
            .then(|| described_owner(doc, f.start))
            .flatten();
        // (the described owner's words are the mention's and the name's too)
        let start = owner_phrase.unwrap_or(f.start);
        let owner_text = owner_phrase.map(|s| doc.text_of_toks(s + 1, f.end));
        let owned_key = owner
            .map(|o| owned(o, "'s", &lower_key))
            .or_else(|| owner_text.map(|t| t.lower()));
        let key: &str = owned_key.as_deref().unwrap_or(&lower_key);
        // Same description again, or "the official" for the last official.
        // "the company": the company named as a recent sentence's subject.
        let the_word = f
            .det
            .as_deref()
            .is_some_and(|d| d.eq_ignore_ascii_case("the"))
            && !bare.contains(' ');
        let business = the_word && lexicon().uses_lower(bare).has(Use::Business);
        let in_view = if business {
            company_in_view(doc, actors, f.start)
        } else {
            None
        }
        .or_else(|| bodies.get(&lower_key).flatten().filter(|_| the_word));
        let existing = in_view
            .or_else(|| seen.by_key.get(key).copied())
            .or_else(|| {
                (owner.is_none() && bare.eq_ignore_ascii_case(&role_word))
                    .then(|| seen.by_role.get(&role_word))
                    .flatten()
                    .copied()
            });
        // "the president", "the town's mayor", "its chief executive" when
        // exactly one person carries that title.
        let the = |d: &str| {
            d == "'s"
                || lexicon().is(d, Use::DefiniteArticle)
                || lexicon().word_class(d) == Some(WordClass::Poss)
        };
        // ("Minister says ...": a headline's bare title is its holder too)
        let titled = if existing.is_none()
            && match f.det.as_deref() {
                Some(d) => the(d),
                None => !f.plural,
            } {
            seen.holders.get(&lower_key).unwrap_or_else(|| {
                let h = actors.title_holder_kept(&lower_key, &mut seen.built);
                seen.holders.insert(&lower_key, h);
                h
            })
        } else {
            None
        };
        // "An insider said ... “...,” the source added": a definite
        // anonymous-source word alone (no title) is the anonymous source
        // described last, in this paragraph or the one before.
        let para = doc.para_of(f.start);
        let same_source = (the_word
            && !f.plural
            && lexicon().role(&role_word).is_some_and(|r| r.anonymous))
        .then_some(last_anonymous)
        .flatten()
        // (a title only for a source with none: "the minister" is no
        // "ministry spokeswoman", but "the official" may be "an engineer")
        .filter(|&(_, p, titled)| p + 1 >= para && !(titled && lexicon().is_title(&role_word)))
        .map(|(id, _, _)| id);
        let witness = (the_word && role_word == "witness" && existing.is_none())
            .then(|| witness_in_view(doc, actors, f.start))
            .flatten();
        // "“...,” the county chief said" after a paragraph naming Jane Doe:
        // a definite singular title that speaks, with no holder of its own,
        // is the person named last (the writer varies the reference; a new
        // person gets a name).
        let epithet = (existing.is_none()
            && titled.is_none()
            && same_source.is_none()
            && witness.is_none()
            && !body
            && !f.plural
            && owner.is_none()
            && owner_phrase.is_none()
            && f.det.as_deref() == Some("the")
            && lexicon().is_title(&role_word)
            && speaks_here(doc, f.start, f.end))
        .then(|| crate::attribution::person_called(doc, actors, f.start, &role_word, true))
        .flatten();
        let actor = match apposed
            .or(existing)
            .or(titled)
            .or(same_source)
            .or(witness)
            .or(epithet)
        {
            Some(id) => {
                // (A named person is no anonymous source: "the mayor's
                // aide, Jane Doe,", "Norland's mines minister" for Minister
                // Ana Ruiz; nor is the company in view, "the company".)
                let named = apposed.is_some()
                    || in_view.is_some()
                    || existing.is_none() && titled.is_some();
                actors.actors.at_mut(id).anonymous |= f.anonymous && !named;
                id
            }
            None => {
                let kind = if body {
                    ActorKind::Organization
                } else if f.plural {
                    ActorKind::Group
                } else {
                    ActorKind::Person
                };
                let name = match owner {
                    Some(o) => {
                        let mark = doc.tok(f.start - 1);
                        owned(o, mark, phrase)
                    }
                    None => doc.text_of_toks(start, f.end).to_string(),
                };
                let id = actors.new_actor(name, kind);
                actors.actors.at_mut(id).anonymous = f.anonymous;
                actors.actors.at_mut(id).role = Some(role_word.to_string());
                seen.by_key.insert(key, id);
                // ("the pub's new owners ... the new owners": the same)
                if owner_text.is_some() {
                    seen.by_key.insert(&lower_key, id);
                }
                id
            }
        };
        if apposed.is_some_and(|a| actors.actor(a).kind == ActorKind::Organization) {
            seen.by_key.insert(key, actor);
        }
        if f.anonymous && !f.plural && actors.actor(actor).kind == ActorKind::Person {
            last_anonymous = Some((actor, para, lexicon().is_title(&role_word)));
        }
        seen.by_role.insert(&role_word, actor);
        actors.mentions.push(MentionDraft::new(
            start..f.end,
            doc.span_of(start, f.end),
            None,
            MentionKind::Description,
            actor,
        ));
    }
}

/// "A nurse who ran the ward for years, Jane Doe, said", "Head of the
/// board in the county, Jane Doe,": past a relative clause or a phrase of a
/// preposition with no punctuation of its own, the first token of a name
/// set off by commas (not a person the words end on: "a nurse who met the
/// mayor, Ann Ruiz,").
fn relative_then_name(doc: &Doc, end: usize) -> Option<usize> {
    if end >= doc.tokens.len()
        || !matches!(doc.word_class(end), Some(WordClass::Rel | WordClass::Prep))
    {
        return None;
    }
    let c = (end + 1..(end + 16).min(doc.tokens.len()))
        .find(|&k| doc.token(k).kind() == TokenKind::Punct)?;
    let ends_on_person =
        doc.role(c - 1).is_some_and(|r| !r.collective) || lexicon().is_title(doc.tok(c - 1));
    (doc.tok(c) == "," && !ends_on_person && c + 2 < doc.tokens.len()).then_some(c + 1)
}

/// "the mayor's office", "the prime minister's spokesman": the "the" of an
/// owner described in up to three lowercase words before the description
/// at `start`.
fn described_owner(doc: &Doc, start: usize) -> Option<usize> {
    if start < 3 || doc.token(start - 1).kind() != TokenKind::Possessive {
        return None;
    }
    // (a loop: `Rev`'s `take_while` and `find` were a generic copy each)
    let low = start.saturating_sub(5);
    let mut k = start - 1;
    while k > low {
        k -= 1;
        if doc.tok(k).eq_ignore_ascii_case("the") {
            return (k + 2 < start).then_some(k);
        }
        if doc.token(k).kind() != TokenKind::Word
            || !doc.tok(k).first_is(crate::letters::is_lowercase)
        {
            return None;
        }
    }
    None
}

/// "The KLP leader, Jane Doe," / "Jane Doe, a spokeswoman for X,": the
/// person a description is in apposition to (and a title of hers).
fn apposed_person(
    doc: &Doc,
    actors: &Actors,
    start: usize,
    end: usize,
    body: bool,
) -> Option<usize> {
    let person_at = |t: usize| {
        actors
            .mention_at(t)
            .map(|m| actors.mention(m).actor())
            .filter(|&a| {
                let kind = actors.actor(a).kind;
                kind == ActorKind::Person || (body && kind == ActorKind::Organization)
            })
    };
    // ("The KLP leader, Dr. Jane Doe,": past the title written with the
    // name, which a comma or a bracket closes: not "punching a protester,
    // Mr. Doe said")
    let titled_at = |t: usize| {
        let at = doc.token(t).span().start;
        person_at(t).or_else(|| {
            (t + 1..(t + 4).min(doc.tokens.len())).find_map(|k| {
                let m = actors.mention_at(k)?;
                let mention = actors.mention(m);
                let end = mention.toks().end;
                // ("Gov. Jane Doe of the Tarn Party,": past the body or
                // place after "of")
                let of_named = |e: usize| {
                    let k =
                        e + 1 + usize::from(e + 1 < doc.tokens.len() && doc.tok(e + 1) == "the");
                    doc.tok(e) == "of"
                        && actors.mention_at(k).is_some_and(|n| {
                            let f = actors.mention(n).toks().end;
                            f < doc.tokens.len() && doc.tok(f) == ","
                        })
                };
                let closed =
                    end < doc.tokens.len() && (matches!(doc.tok(end), "," | "(") || of_named(end));
                (closed && mention.title()?.start == at).then_some(person_at(k))?
            })
        })
    };
    // ("a worker named Tom Arrow", "a firm called Bell Analytics": the
    // name given right after an indefinite description; not "the senator
    // called Pennick a liar".)
    let naming = || gives_name(doc, end) && indefinite(doc, start);
    if end + 1 < doc.tokens.len() && (doc.tok(end) == "," || naming()) {
        titled_at(end + 1)
    } else {
        relative_then_name(doc, end).and_then(titled_at)
    }
    .or_else(|| {
        // "Tomasz, 34, a nurse,": past an age.
        let mut before = if start >= 4 && doc.age_at(start - 3) {
            start - 2
        } else {
            start
        };
        // "Jane Doe, the agency's chief executive,": past the owner, when a
        // comma or the sentence's end closes it (not "After the talks,
        // the mayor's office said").
        let closed = end < doc.tokens.len() && matches!(doc.tok(end), "," | "." | ";");
        if closed && before > 0 && doc.token(before - 1).kind() == TokenKind::Possessive {
            if let Some(c) = crate::at::last_back(
                before.saturating_sub(6),
                before - 1,
                |k| doc.token(k).kind() != TokenKind::Punct || doc.tok(k) == ",",
                |k| doc.tok(k) == ",",
            ) {
                before = c + 1;
            }
        }
        (before >= 2 && doc.tok(before - 1) == ",")
            .then(|| person_at(before - 2))
            .flatten()
    })
    .or_else(|| {
        // "the residents' group Save Our Fields says": a body's name right
        // after its noun.
        (body && end < doc.tokens.len())
            .then(|| person_at(end))
            .flatten()
            .filter(|&a| actors.actor(a).kind == ActorKind::Organization)
    })
}

/// True when token `t` is "named" or "called" and a name follows it, then
/// the clause goes on ("a worker named Tom Arrow said", "..., 45,"): not an
/// object's complement ("called Pennick a liar", "called Pennick “a disgrace”").
pub(crate) fn gives_name(doc: &Doc, t: usize) -> bool {
    if !matches!(doc.tok(t), "named" | "called") {
        return false;
    }
    let Some(after) = (t + 1..(t + 5).min(doc.tokens.len())).find(|&k| !doc.is_cap(k)) else {
        return false;
    };
    after > t + 1
        && (matches!(doc.tok(after), "," | "." | ";" | "(" | "who")
            || doc.word_class(after) == Some(WordClass::Aux)
            || doc.cue_verb(after).is_some()
            // (a past or present verb: "... Tom Arrow arrives")
            || doc.tok(after).ends_with("ed")
            || (doc.tok(after).ends_with('s') && doc.word_class(after).is_none()))
}

/// True when token `t` is the indefinite article ("a", "An").
pub(crate) fn indefinite(doc: &Doc, t: usize) -> bool {
    matches!(doc.tok(t), "a" | "an" | "A" | "An")
}

fn strip_det<'a>(phrase: &'a str, det: Option<&str>) -> &'a str {
    match det {
        Some(d)
            if phrase
                .lower()
                .strip_prefix(d)
                .is_some_and(|rest| rest.starts_with(' ')) =>
        {
            phrase.part(d.len() + 1..)
        }
        _ => phrase,
    }
}

/// "who requested anonymity", "speaking on condition of anonymity" within
/// the next few words, before another role noun ("The firm plans cuts,
/// people familiar with the matter said": the people's marker).
fn marker_follows(doc: &Doc, from: usize, end: usize) -> bool {
    let limit = (from + 12).min(end);
    (from..limit)
        .take_while(|&t| t == from || !doc.may_be(t, fact::ROLE) || doc.role(t).is_none())
        .any(|t| marker_at(doc, t).is_some_and(|e| e <= limit))
}

/// The end of the longest anonymity marker that starts at token `t`. A
/// marker that ends in "the" (or a possessive) and a noun stands for any
/// noun there ("familiar with the matter": "familiar with the plan",
/// "close to his family": "close to his campaign").
pub(crate) fn marker_at(doc: &Doc, t: usize) -> Option<usize> {
    if t >= doc.tokens.len() || !doc.may_be(t, fact::MARKER) {
        return None;
    }
    let noun = |k: usize| {
        doc.plain_word(k)
            // ("people close to her said", "... close to her now say": "her"
            // is the object there)
            && doc.cue_verb(k).is_none()
            && !doc.is(k, Use::Between)
    };
    // (a marker's second word is never the noun "the" stands for: asked
    // first, it rules out most markers of a common first word, "on", "who")
    let next = if t + 1 < doc.tokens.len() {
        doc.tok(t + 1)
    } else {
        ""
    };
    lexicon()
        .anonymity_markers_starting_with(&doc.tok(t).lower_cow())
        .iter()
        .filter(|m| {
            let n = m.len();
            let any_noun = n >= 3 && matches!(m[n - 2].as_str(), "the" | "his" | "her" | "their");
            t + n <= doc.tokens.len()
                && m.get(1).is_none_or(|w| next.eq_ignore_ascii_case(w))
                && m.iter().enumerate().all(|(i, w)| {
                    doc.tok(t + i).eq_ignore_ascii_case(w)
                        || (any_noun && i == n - 1 && noun(t + i))
                })
        })
        .map(|m| t + m.len())
        .max()
}

/// The phrase at `start..end` speaks as a main clause's subject: a cue
/// follows it where it opens the sentence or follows a mark (a comma,
/// a quotation's end; not "said the driver had ...", "Will the leader tell ..."),
/// or it follows the cue right after a quotation ("“...,” said the X").
fn speaks_here(doc: &Doc, start: usize, end: usize) -> bool {
    let opens = start == doc.sentence(doc.sentence_at(start)).tokens().start
        || doc.token(start - 1).kind() == TokenKind::Punct;
    (opens && cue_follows(doc, end))
        || (start >= 3
            && doc.cue_verb(start - 1).is_some()
            && (start - 3..start - 1).any(|k| doc.in_quote_at(k).is_some()))
}

/// A cue verb at token `t`, or after an auxiliary or an adverb that may
/// stand between a subject and its verb there ("the board has said", "the
/// firm also denied", "the club has since said").
fn cue_follows(doc: &Doc, t: usize) -> bool {
    let n = doc.tokens.len();
    let aux = |k: usize| k < n && doc.word_class(k) == Some(WordClass::Aux);
    let adverb = |k: usize| k < n && doc.is(k, Use::Between);
    // ("the mayor's office declined to comment": a cue phrase too; only a
    // word that may start one is lowercased and asked)
    let phrase = |k: usize| {
        doc.may_be(k, fact::CUE_PHRASE)
            && crate::attribution::longest_phrase(doc, k, n, &doc.tok(k).lower_cow()).is_some()
    };
    let cue = |k: usize| k < n && (doc.cue_verb(k).is_some() || phrase(k));
    // (two auxiliaries are a passive: "staff had been told" is no speaker)
    let two = (aux(t) && adverb(t + 1)) || (adverb(t) && (aux(t + 1) || adverb(t + 1)));
    cue(t) || ((aux(t) || adverb(t)) && cue(t + 1)) || (two && cue(t + 2))
}

/// "The ministry halted the trains. “...,” it said.": a body's noun (token
/// `t`) in a definite phrase that opens its sentence, when "it" speaks in
/// the next sentence (of the paragraph or the next one).
fn it_speaks_next(doc: &Doc, t: usize) -> bool {
    let si = doc.sentence_at(t);
    let s = doc.sentence(si);
    let a = s.tokens().start;
    t > a
        && t <= a + 3
        && doc.tok(a).eq_ignore_ascii_case("the")
        && doc.sentences.get(si + 1).is_some_and(|n| {
            n.para() <= s.para() + 1
                && n.tokens().any(|k| {
                    doc.tok(k).eq_ignore_ascii_case("it")
                        && doc.in_quote_at(k).is_none()
                        && cue_follows(doc, k + 1)
                })
        })
}

/// "police in Kessel said": a locative preposition at token `p`, a name,
/// then a speech verb.
fn speaks_after_place(doc: &Doc, actors: &Actors, p: usize) -> bool {
    let lex = lexicon();
    // (a word in no list of uses is no locative: most words, no look-up)
    if p + 1 >= doc.tokens.len() || !doc.may_be(p, fact::USES) {
        return false;
    }
    let prep = doc.tok(p).lower_cow();
    if !(lex.is(&prep, Use::Locative) && lex.word_class(&prep) == Some(WordClass::Prep)) {
        return false;
    }
    let Some(m) = actors.mention_at(p + 1) else {
        return false;
    };
    let e = actors.mention(m).toks().end;
    e < doc.tokens.len() && doc.cue_verb(e).is_some()
}

#[cfg(test)]
mod tests {
    use crate::actors::Actors;
    use crate::annotation::{ActorKind, MentionKind};
    use crate::text::Doc;

    /// The descriptions of `text`: (words, actor name, kind, anonymous).
    fn descriptions(text: &str) -> Vec<(String, String, ActorKind, bool)> {
        let doc = Doc::new(text);
        let actors = Actors::find(&doc);
        actors
            .mentions
            .iter()
            .filter(|m| m.kind() == MentionKind::Description)
            .map(|m| {
                let a = &actors.actors[m.actor()];
                (
                    text[m.span()].to_string(),
                    a.name.clone(),
                    a.kind,
                    a.anonymous,
                )
            })
            .collect()
    }

    fn words(text: &str) -> Vec<String> {
        descriptions(text).into_iter().map(|d| d.0).collect()
    }

    #[test]
    fn a_determiner_is_stripped_only_as_a_whole_word_in_any_case() {
        use super::strip_det;
        assert_eq!(
            strip_det("The defence minister", Some("the")),
            "defence minister"
        );
        assert_eq!(strip_det("Theodore's aide", Some("the")), "Theodore's aide");
        assert_eq!(strip_det("the", Some("the")), "the");
        assert_eq!(strip_det("Üç officials", Some("üç")), "officials");
        assert_eq!(strip_det("three aides", None), "three aides");
    }

    #[test]
    fn modifiers_and_determiner_join_the_role_noun() {
        let d = descriptions("Three masked gunmen stormed the station on Monday.");
        assert_eq!(
            d,
            [(
                "Three masked gunmen".to_string(),
                "Three masked gunmen".to_string(),
                ActorKind::Group,
                false
            )]
        );
    }

    #[test]
    fn a_verb_after_a_person_or_a_role_ends_the_description() {
        let heads =
            |text: &str| -> Vec<String> { descriptions(text).into_iter().map(|d| d.0).collect() };
        assert_eq!(
            heads("Mayor Tom Reyes met officials in Rome."),
            ["officials"]
        );
        assert_eq!(
            heads("The minister thanked residents."),
            ["The minister", "residents"]
        );
        // A name before a lowercase noun modifies the role noun.
        assert_eq!(
            heads("A senior Obama administration official said so."),
            ["A senior Obama administration official"]
        );
    }

    #[test]
    fn anonymous_by_marker_or_by_indefinite_source_noun() {
        let d = descriptions("A senior official, who requested anonymity, said talks failed.");
        assert_eq!(d[0].0, "A senior official");
        assert!(d[0].3);
        // "official" is a typical unnamed source, but not with "the".
        let d = descriptions("The official said talks failed.");
        assert_eq!(d[0].0, "The official");
        assert!(!d[0].3);
    }

    #[test]
    fn collective_nouns_count_only_when_they_speak() {
        assert!(words("The government plan failed in March.").is_empty());
        assert_eq!(
            words("He left. The police said he was armed."),
            ["The police"]
        );
    }

    #[test]
    fn an_of_phrase_completes_a_singular_role() {
        assert_eq!(
            words("The head of the armed forces said the army was ready."),
            ["The head of the armed forces"]
        );
    }

    #[test]
    fn a_bare_singular_is_no_actor() {
        assert!(words("He spoke as minister on Monday.").is_empty());
    }

    #[test]
    fn a_repeated_description_is_the_same_actor() {
        let doc = Doc::new("A senior official said talks failed. The official added more.");
        let actors = Actors::find(&doc);
        let ds: Vec<usize> = actors
            .mentions
            .iter()
            .filter(|m| m.kind() == MentionKind::Description)
            .map(|m| m.actor())
            .collect();
        assert_eq!(ds.len(), 2);
        assert_eq!(ds[0], ds[1]);
    }

    #[test]
    fn a_description_in_apposition_is_the_named_person() {
        let text = "Jane Velkamp, a spokeswoman for the ministry, said talks failed.";
        let doc = Doc::new(text);
        let actors = Actors::find(&doc);
        let d = actors
            .mentions
            .iter()
            .find(|m| m.kind() == MentionKind::Description)
            .expect("a description");
        let person = &actors.actors[d.actor()];
        assert_eq!(person.name, "Jane Velkamp");
        assert!(person.titles.iter().any(|t| t == "spokeswoman"));
    }
}
