//! The subject of one cue, next to it: before a finite verb (past
//! auxiliaries, appositives, a parenthesis, a relative clause), after an
//! inverted one ("said Jane Doe"), or after "according to" / "by". Takes a
//! [`Cue`] and its sentence, gives an [`Anchor`] (not yet resolved).

use super::cues::{Cue, CueForm};
use super::drafts::Anchor;
use super::words::{
    agent_by, existential, is_personal_pronoun, is_possessive_pronoun, is_skippable,
    is_subject_pronoun, lone_quantifier, negated_aux, sentence_opening, setting_to_end, weekday,
    word_is, REACH,
};
use crate::actors::Actors;
use crate::annotation::{ActorKind, MentionKind};
use crate::at::Ends;
use crate::lexicon::{fact, lexicon, Use, WordClass};
use crate::text::{Doc, Lower, TokenKind};
use std::ops::Range;

/// Finds the speaker anchor of a cue in sentence `sent`, not looking past
/// `left_bound` on the left (e.g. a closing quotation mark).
pub fn of_cue(
    doc: &Doc,
    actors: &Actors,
    cue: &Cue,
    sent: Range<usize>,
    left_bound: usize,
) -> Option<Anchor> {
    match cue.form {
        // "in Dana Roe's words": the owner inside the cue.
        CueForm::According if super::cues::is_words_of(doc, cue) => {
            source_within(doc, actors, cue.toks.start + 1, cue.toks.end)
        }
        CueForm::PassiveBy | CueForm::According => {
            let from = match cue.form {
                CueForm::PassiveBy => {
                    agent_by(doc, cue.toks.end - 1, sent.end).unwrap_or(cue.toks.end) + 1
                }
                _ => cue.toks.end,
            };
            // "according to him", "denied by them": an object pronoun alone
            // is the source (not the "her" of "according to her aide").
            if from < sent.end
                && doc
                    .pronoun(from)
                    .is_some_and(|p| p.object && p.third_person && !p.possessive)
            {
                return Some(Anchor::Pronoun(from));
            }
            // "X said ..., according to a transcript seen by Y": a document
            // someone saw, carrying a named speaker's words, is how they
            // reached the writer, no source ("polling conducted by" is one).
            let carried = || {
                let back = cue.toks.start.saturating_sub(REACH).max(sent.start);
                let end = (cue.toks.end + 6).min(sent.end);
                cue.form == CueForm::According
                    && (cue.toks.end + 2..end).any(|k| {
                        doc.tok(k) == "by"
                            && matches!(doc.tok(k - 1), "seen" | "obtained" | "reviewed")
                    })
                    && (back.max(1)..cue.toks.start).any(|k| {
                        doc.cue_verb(k).is_some_and(|v| v.frames.clause)
                            && actors.outer_mention_at(k - 1).is_some()
                    })
            };
            // "according to the newspaper", "rejected by a former aide"
            let a = right_of(doc, actors, from, sent.end)
                .or_else(|| phrase_after(doc, actors, from, sent.end))
                .map(|a| {
                    (cue.form == CueForm::According)
                        .then(|| author_of_statement(doc, actors, a, sent.end))
                        .flatten()
                        .unwrap_or(a)
                })
                .or_else(|| {
                    (cue.form == CueForm::According)
                        .then(|| {
                            bare_phrase_after(doc, from, sent.end)
                                .or_else(|| source_within(doc, actors, from, sent.end))
                        })
                        .flatten()
                });
            a.filter(|a| !matches!(a, Anchor::Phrase(..)) || !carried())
        }
        CueForm::Noun => left_of(doc, actors, cue.toks.start, left_bound, true),
        CueForm::Finite => comma_then_name(doc, actors, cue, &sent)
            .or_else(|| left_of(doc, actors, cue.toks.start, left_bound, false))
            .or_else(|| inverted_subject(doc, actors, cue, &sent))
            .or_else(|| {
                after_quote(doc, cue.toks.start)
                    .then(|| {
                        phrase_after(doc, actors, cue.toks.end, sent.end)
                            .or_else(|| {
            // (the role ends the sentence: not ", referred to undocumented
            // immigrants from ...")
            bare_role_after(doc, cue.toks.end, sent.end).filter(|a| {
                matches!(*a, Anchor::Phrase(_, e) if e >= sent.end || matches!(doc.tok(e), "." | "!"))
            })
        })
                    })
                    .flatten()
            })
            // "Jo Roe, who calls him a “fraud,” said he will ...": a
            // subject and a verb after the cue are its clause, no speaker
            // written after it.
            .filter(|a| {
                let e = match *a {
                    Anchor::Mention(m) => actors.mention(m).toks().end,
                    Anchor::Pronoun(p) => p + 1,
                    Anchor::Phrase(_, e) => e,
                    _ => return true,
                };
                e <= cue.toks.start
                    || e >= sent.end
                    || !(doc.word_class(e) == Some(WordClass::Aux)
                        || negated_aux(doc.tok(e))
                        // (not "said the councillor known as Pell", "the aide
                        // told by ...": a participle)
                        || doc.cue_verb(e).is_some_and(|v| {
                            !v.gerund
                                && (matches!(*a, Anchor::Pronoun(_))
                                    || v.present
                                    || !(doc.is(e, Use::IrregularParticiple)
                                        || (e + 1 < sent.end
                                            && doc.is(e + 1, Use::ParticiplePrep))))
                        }))
            }),
        CueForm::Gerund | CueForm::Infinitive | CueForm::Impersonal => None, // the caller uses the main clause's subject
    }
}

/// "“...” for the team, said Kunin.": a name right after a cue that
/// follows a comma, closing the clause, is the speaker, not a name before
/// the comma.
fn comma_then_name(doc: &Doc, actors: &Actors, cue: &Cue, sent: &Range<usize>) -> Option<Anchor> {
    // (not "..., told Vatican Radio.", "..., wrote on X": a listener or an
    // object may follow those)
    let f = cue.frames;
    let bare = f.quote && !f.inf && !f.object && cue.toks.len() == 1;
    if !bare || cue.toks.start <= sent.start || doc.tok(cue.toks.start - 1) != "," {
        return None;
    }
    let m = actors.mention_at(cue.toks.end)?;
    if actors.mention(m).kind() != MentionKind::Name {
        return None;
    }
    inverted_subject(doc, actors, cue, sent).filter(|a| *a == Anchor::Mention(m))
}

/// The subject after its verb, which only an inversion allows: after a
/// quote ("“...,” said Jane Doe") or a comma ("The plan, said Jane Doe, is
/// dead"); "told lawmakers" names the listener.
fn inverted_subject(doc: &Doc, actors: &Actors, cue: &Cue, sent: &Range<usize>) -> Option<Anchor> {
    if after_quote(doc, cue.toks.start) {
        return right_of(doc, actors, cue.toks.end, sent.end);
    }
    let after_comma =
        cue.toks.start > sent.start && matches!(doc.tok(cue.toks.start - 1), "," | "—" | "–");
    if !after_comma {
        return None;
    }
    // After a comma the speaker closes the clause: ", said Jane Doe, is" but
    // not ", told lawmakers that"; "..., says mayor" (a headline's role).
    right_of(doc, actors, cue.toks.end, sent.end)
        .filter(|a| match *a {
            Anchor::Mention(m) => {
                let mut e = actors.mention(m).toks().end;
                // (", said Jane Doe of the growers' union.": her body; not
                // ", endorsed Jane Doe of Ohio,": an object)
                if e < sent.end && doc.tok(e) == "of" && !cue.frames.object {
                    e = (e + 1..sent.end.min(e + 8))
                        .find(|&k| {
                            !matches!(doc.token(k).kind(), TokenKind::Word | TokenKind::Possessive)
                        })
                        .unwrap_or(sent.end.min(e + 8));
                }
                e >= sent.end || matches!(doc.tok(e), "," | "." | "—" | "–")
            }
            _ => false,
        })
        .or_else(|| {
            // (the role ends the sentence: not ", referred to undocumented
            // immigrants from ...")
            bare_role_after(doc, cue.toks.end, sent.end).filter(|a| {
                matches!(*a, Anchor::Phrase(_, e) if e >= sent.end || matches!(doc.tok(e), "." | "!"))
            })
        })
        .or_else(|| {
            // "Why, asked the mayor, had ...": a role set off by commas.
            phrase_after(doc, actors, cue.toks.end, sent.end).filter(|a| {
                matches!(*a, Anchor::Phrase(_, e) if e + 1 < sent.end
                    && doc.tok(e) == ","
                    && (doc.role(e - 1).is_some() || lexicon().is_title(doc.tok(e - 1))))
            })
        })
}

/// The subject written before position `t`.
pub fn left_of(
    doc: &Doc,
    actors: &Actors,
    t: usize,
    bound: usize,
    possessor: bool,
) -> Option<Anchor> {
    subject_left_of(doc, actors, t, bound, possessor, 0)
}

/// The walk left from `t`: past auxiliaries and adverbs (at most three),
/// a parenthesis, appositives between commas, to a name, a pronoun or a
/// noun phrase. `depth` bounds the restarts past a verb's object or a
/// prepositional phrase.
fn subject_left_of(
    doc: &Doc,
    actors: &Actors,
    t: usize,
    bound: usize,
    possessor: bool,
    depth: usize,
) -> Option<Anchor> {
    // "officials familiar with the matter said": the anonymity marker
    // right before the cue describes the subject before it.
    let mut p = match possessor {
        false => marker_before(doc, t, bound)
            .or_else(|| dated_participle_before(doc, t, bound))
            .unwrap_or(t),
        true => t,
    };
    let mut skipped = 0;
    while p > bound {
        p -= 1;
        if let Some(q) = doc.quote_at(p) {
            // "Jane Doe, star of “Knife Night,” praised ...": a title is
            // part of the phrase the walk goes past.
            if super::quotes::is_title_in_phrase(doc, q) {
                // (the title's own comma closes an apposition: "“Knife
                // Night,”")
                if !possessor && p > bound + 1 && doc.tok(p - 1) == "," {
                    return before_comma(doc, actors, doc.quote(q).open_tok(), bound);
                }
                p = doc.quote(q).open_tok();
                continue;
            }
            return None;
        }
        if possessor && doc.token(p).kind() == TokenKind::Possessive {
            continue;
        }
        // "He's said", "she's argued that": the "'s" of "has" before a past
        // form of the cue (not "it's known as", "he's expected to": a
        // passive's "is").
        if !possessor
            && p + 1 == t
            && p > bound
            && doc.token(p).kind() == TokenKind::Possessive
            && (is_personal_pronoun(doc.tok(p - 1)) || doc.is(p - 1, Use::Relative))
            && doc.cue_verb(t).is_some_and(|v| v.past())
            && !(t + 1 < doc.tokens.len() && doc.is(t + 1, Use::ParticiplePrep))
        {
            continue;
        }
        if let Some(m) = actors.mention_at(p) {
            return Some(at_mention(doc, actors, m, p, bound, possessor, depth));
        }
        let w = doc.tok(p);
        // (the token's facts rule most pronoun look-ups out)
        let pronoun = doc.may_be(p, fact::PRONOUN);
        if pronoun && is_subject_pronoun(w) && !possessor {
            return Some(Anchor::Pronoun(p));
        }
        // "people close to him said", "a friend of hers said": an object
        // pronoun closing a modifier of the speaker's description.
        if pronoun && !possessor {
            if let Some(d) = described_before(doc, actors, p, bound) {
                return Some(Anchor::Mention(d));
            }
        }
        // "his promise to be “neutral”": the owner of a claim noun.
        if possessor && pronoun && is_possessive_pronoun(w) {
            return Some(Anchor::Pronoun(p));
        }
        if w == ")" && !possessor {
            // "Jane Doe (D-Ohio) said": skip the parenthesis.
            let mut q = p;
            while q > bound && p - q < 8 && doc.tok(q) != "(" {
                q -= 1;
            }
            if doc.tok(q) == "(" {
                p = q;
                continue;
            }
        }
        if w == "," && !possessor {
            return before_comma(doc, actors, p, bound);
        }
        // "The mayor — who has served since 2019 — said": skip the aside
        // between dashes.
        if matches!(w, "—" | "–") && !possessor {
            if let Some(q) = crate::at::last_back(
                p.saturating_sub(24).max(bound),
                p,
                |k| doc.in_quote_at(k).is_none(),
                |k| doc.tok(k) == w,
            ) {
                p = q;
                continue;
            }
        }
        // ("She has since said": a preposition between an auxiliary and
        // the verb is an adverb.)
        let adverb = p > bound
            && p + 1 == t
            && doc.word_class(p) == Some(WordClass::Prep)
            && doc.word_class(p - 1) == Some(WordClass::Aux);
        // ("The club on Monday said": the "on" of a weekday skipped.)
        let on_day = skipped > 0 && doc.tok(p) == "on" && weekday(doc, p + 1);
        if (adverb || on_day || is_skippable(doc, p)) && skipped < 3 {
            skipped += 1;
            continue;
        }
        if possessor {
            // "the mayor's promise to ...": a described owner, right
            // before its "'s".
            let owns = p + 1 < t && doc.token(p + 1).kind() == TokenKind::Possessive;
            return owns.then(|| phrase_ending_at(doc, p + 1, bound)).flatten();
        }
        if let Some(owner) = owner_of_source(doc, actors, p, bound) {
            return Some(owner);
        }
        let np = unnamed_subject(doc, actors, p, bound, depth);
        // "..., but security analysts say", "If costs rise, forecasters
        // warn that": a bare plural opening a clause inside the sentence,
        // before a verb that reports a clause.
        return np.or_else(|| {
            doc.cue_verb(t)
                .is_some_and(|v| v.frames.clause)
                .then(|| bare_plural_at_clause(doc, p, bound))
                .flatten()
        });
    }
    None
}

/// The subject when the walk reaches mention `m` at token `p`: that
/// mention, unless it is a verb's object, the name in "a spokesman for
/// Jane Doe", or a body in apposition to a person.
fn at_mention(
    doc: &Doc,
    actors: &Actors,
    m: usize,
    p: usize,
    bound: usize,
    possessor: bool,
    depth: usize,
) -> Anchor {
    let m = outermost(actors, m, p);
    if possessor {
        return Anchor::Mention(m);
    }
    let start = actors.mention(m).toks().start;
    // "Officers in Kessel said": the place says where the speakers are;
    // the subject stands before the preposition.
    let kind = actors.actor(actors.mention(m).actor()).kind;
    if depth < 2 && kind == ActorKind::Place && start > bound + 1 {
        let prep = doc.tok(start - 1).lower_cow();
        let lex = lexicon();
        if lex.is(&prep, Use::Locative) && lex.word_class(&prep) == Some(WordClass::Prep) {
            if let Some(a) = subject_left_of(doc, actors, start - 1, bound, false, depth + 1) {
                return a;
            }
        }
    }
    // "Mayor Jane Doe of Brackmoor urged", "Jane Doe of the campaign group
    // Fernhill Trust said": the person the place or body after "of" describes.
    let mut of = start.saturating_sub(1);
    while of > bound + 1
        && start - of < 6
        && (doc.tok(of).first_is(crate::letters::is_lowercase)
            || doc.token(of).kind() == TokenKind::Possessive)
        && doc.tok(of) != "of"
    {
        of -= 1;
    }
    if of > bound
        && doc.tok(of) == "of"
        && (of + 1 == start || doc.word_class(of + 1) == Some(WordClass::Det))
        && actors.actor(actors.mention(m).actor()).kind != ActorKind::Person
    {
        if let Some(p) = actors.outer_mention_at(of - 1) {
            let person = actors.actor(actors.mention(p).actor()).kind == ActorKind::Person;
            if person && actors.mention(p).toks().end == of {
                return Anchor::Mention(p);
            }
        }
    }
    if let Some(d) = described_before(doc, actors, start, bound) {
        return Anchor::Mention(d);
    }
    if depth < 2 {
        if let Some(verb) = verb_of_object(doc, start, bound) {
            if let Some(a) = subject_left_of(doc, actors, verb, bound, false, depth + 1) {
                return a;
            }
        }
    }
    // "a spokesman for Jane Doe said", "a spokeswoman for the Department
    // of Health said": the speaker is the spokesman.
    // ("lawyers for Ms Doe said": a courtesy title stands outside the name)
    let lead = match start > bound + 1
        && (doc.tok(start - 1) == "the" || lexicon().is_title(doc.tok(start - 1)))
    {
        true => start - 1,
        false => start,
    };
    let linked = lead > bound && doc.is(lead - 1, Use::RoleLink);
    if let Some(Anchor::Phrase(a, _)) = linked.then(|| phrase_ending_at(doc, lead, bound)).flatten()
    {
        return Anchor::Phrase(a, actors.mention(m).toks().end);
    }
    // "Jane Doe, the director of the Tarvel Institute said": the person
    // named before the appositive, not the institute.
    if actors.actor(actors.mention(m).actor()).kind != ActorKind::Person {
        if let Some(person) = person_before_appositive(doc, actors, start, bound) {
            return Anchor::Mention(person);
        }
    }
    // "A memo to staff said": the listener after "to" is not the subject;
    // the determiner-led phrase before it is (not "Up to 40 residents",
    // "a site linked to a group").
    if depth < 2
        && start > bound + 2
        && doc.tok(start - 1) == "to"
        && !doc.tok(start - 2).ends_with("ed")
    {
        let a = subject_left_of(doc, actors, start - 1, bound, false, depth + 1);
        if let Some(Anchor::Phrase(s, e)) = a {
            if doc.word_class(s) == Some(WordClass::Det) {
                return Anchor::Phrase(s, e);
            }
        }
    }
    Anchor::Mention(m)
}

/// "a source close to the family said", "residents near the plant said",
/// "people close to him said": the description a prepositional phrase
/// starting with the object at `start` modifies, the speaker (not the
/// object). ("a spokesman for Jane Doe" is the whole phrase: a role link.)
fn described_before(doc: &Doc, actors: &Actors, start: usize, bound: usize) -> Option<usize> {
    // (A pronoun is never the body a role belongs to: "a spokesman for him
    // said", "a friend of hers said".)
    let prep = start > bound + 1
        && (!doc.is(start - 1, Use::RoleLink) || actors.mention_at(start).is_none());
    if !prep || doc.word_class(start - 1) != Some(WordClass::Prep) {
        return None;
    }
    let adj = start > bound + 2
        && doc.tok(start - 2).first_is(crate::letters::is_lowercase)
        && actors.mention_at(start - 2).is_none();
    let end = start - 1 - usize::from(adj);
    let d = actors.mention_at(end - 1).filter(|_| end > bound)?;
    let d = outermost(actors, d, end - 1);
    (actors.mention(d).kind() == MentionKind::Description && actors.mention(d).toks().end == end)
        .then_some(d)
}

/// The verb a name starting at `start` is the object of, if any: "a source
/// speaking to the network said" (the participle), "She addressed voters
/// in an email" (a past-tense verb; but "said the minister had ..." opens a
/// clause the name is the subject of).
fn verb_of_object(doc: &Doc, start: usize, bound: usize) -> Option<usize> {
    let lead = match start > bound + 1 && doc.tok(start - 1).eq_ignore_ascii_case("the") {
        true => start - 1,
        false => start,
    };
    // ("residents who spoke to the Bugle said": a relative clause's verb)
    let participle_object = lead > bound + 2
        && doc.word_class(lead - 1) == Some(WordClass::Prep)
        && (doc.tok(lead - 2).ends_with("ing")
            || lead > bound + 3 && doc.tok(lead - 3).eq_ignore_ascii_case("who"))
        && doc.token(lead - 2).kind() == TokenKind::Word;
    if participle_object {
        return Some(lead - 2);
    }
    let verb_object = start > bound + 1 && {
        let v = doc.tok(start - 1);
        doc.token(start - 1).kind() == TokenKind::Word
            && v.first_is(crate::letters::is_lowercase)
            // ("told", "telling", "urged": verbs of the "X told Y
            // to" frame take their listener as object)
            && (lexicon().cue_verb(v).is_some_and(|c| c.frames.inf)
                || (v.ends_with("ed") && lexicon().cue_verb(v).is_none()))
            && !lexicon().is_title(v)
    };
    verb_object.then(|| start - 1)
}

/// The subject before the comma at `p`: "The firm's lawyer, Jane Doe,
/// said" (the name right before it), "Jane Doe, a spokeswoman for the
/// ministry, said" (past the appositives).
fn before_comma(doc: &Doc, actors: &Actors, p: usize, bound: usize) -> Option<Anchor> {
    // "Jane Doe, who has endorsed John Roe, said", "Jane Doe, recalling her
    // talks with John Roe, said": a relative or participle clause between
    // commas names no speaker; the subject stands before it.
    let opening = crate::at::last_back(
        p.saturating_sub(24).max(bound + 1),
        p,
        |k| doc.in_quote_at(k).is_none(),
        |k| doc.tok(k) == ",",
    )
    .filter(|&q| {
        q + 1 < p
            && (doc.is(q + 1, Use::Relative)
                || (doc.tok(q + 1).first_is(crate::letters::is_lowercase)
                    && lexicon().has_ending(doc.tok(q + 1), Use::GerundEnding)))
    });
    if let Some(q) = opening {
        if let Some(m) = actors.mention_at(q - 1) {
            let m = outermost(actors, m, q - 1);
            // "Jane Doe of the Acme Institute, who ..., said": the person.
            if let Some(h) = person_of_body(doc, actors, m, bound) {
                return Some(Anchor::Mention(h));
            }
            // "aides to Jane Doe, who asked not to be named, said": a clause
            // that hides its source's name is not the named person's.
            if actors.mention(m).kind() == MentionKind::Name
                && (q + 1..p).any(|k| crate::actors::marker_at(doc, k).is_some())
            {
                let s = actors.mention(m).toks().start;
                if let Some(a) = who_described(doc, actors, s, q + 1, bound) {
                    return Some(a);
                }
            }
            return Some(Anchor::Mention(m));
        }
        // "One of them, who asked not to be named, said": the subject as
        // if the verb followed the pronoun.
        if q > bound + 1 && doc.may_be(q - 1, fact::PRONOUN) {
            return subject_left_of(doc, actors, q, bound, false, 2);
        }
    }
    // The name right before the comma, or before a parenthesis there
    // ("Jane Doe (D-Ohio), said").
    let mut before = p;
    if before > bound + 1 && doc.tok(before - 1) == ")" {
        let lo = before.saturating_sub(8).max(bound);
        if let Some(open) = crate::at::last_back(lo, before - 1, |_| true, |k| doc.tok(k) == "(") {
            before = open;
        }
    }
    // ("Gary Holt, 45, a bus driver, said": a description may stand in
    // apposition to a name before it.)
    let mut described = None;
    if before > bound {
        if let Some(m) = actors.mention_at(before - 1) {
            let m = outermost(actors, m, before - 1);
            if actors.actor(actors.mention(m).actor()).kind == ActorKind::Person {
                if actors.mention(m).kind() != MentionKind::Description {
                    let s = actors.mention(m).toks().start;
                    let m = role_apposed(doc, actors, s, bound).unwrap_or(m);
                    return Some(Anchor::Mention(m));
                }
                described = Some(Anchor::Mention(m));
            }
        }
    }
    // "Jane Doe, a spokeswoman for the ministry, said": skip the
    // appositive; "Jane Doe, 31, a nurse, said": two of them.
    let mut comma = p;
    for _ in 0..3 {
        let mut q = comma;
        while q > bound && comma - q < 24 {
            q -= 1;
            if let Some(i) = doc.quote_at(q) {
                // ("Jane Doe, host of “Slow Burn”, said": past a title)
                if !super::quotes::is_title_in_phrase(doc, i) {
                    break;
                }
                q = doc.quote(i).open_tok();
            } else if doc.tok(q) == "," {
                break;
            }
        }
        if q <= bound || doc.tok(q) != "," || doc.in_quote_at(q).is_some() {
            break;
        }
        if let Some(m) = actors.mention_at(q - 1) {
            let m = outermost(actors, m, q - 1);
            // "Jane Doe, 22, of Flint, Mich., said": past the places
            // (a town unknown to the lexicon may pass for an organization).
            let place = actors.actor(actors.mention(m).actor()).kind == ActorKind::Place
                || doc.tok(actors.mention(m).toks().start.saturating_sub(1)) == "of";
            if !place {
                // ("Jane Doe of the Acme Trust, a charity, said": hers.)
                return Some(Anchor::Mention(
                    person_of_body(doc, actors, m, bound).unwrap_or(m),
                ));
            }
        }
        // "he, once again, pledged"
        if doc.may_be(q - 1, fact::PRONOUN) && is_subject_pronoun(doc.tok(q - 1)) {
            return Some(Anchor::Pronoun(q - 1));
        }
        // "The report, released on Tuesday, found", "The ministry, in a
        // statement, said": a described subject that opens the sentence
        // (not "The operator, Acme, said": the name in apposition names it;
        // "The memo, seen by the Courier, warns": a name after a
        // preposition in the aside is no apposition).
        let apposed_name = (q + 1..comma)
            .take_while(|&t| doc.word_class(t) != Some(WordClass::Prep))
            .any(|t| {
                actors
                    .mention_at(t)
                    .is_some_and(|m| actors.mention(m).kind() == MentionKind::Name)
            });
        if let Some(Anchor::Phrase(a, b)) = phrase_ending_at(doc, q, bound) {
            if a <= bound + 1 && !apposed_name {
                return Some(Anchor::Phrase(a, b));
            }
        }
        // "The agency's report, released on Tuesday, found": its owner, as
        // without the commas.
        if !apposed_name && q > bound + 1 {
            if let Some(owner) = owner_of_source(doc, actors, q - 1, bound) {
                return Some(owner);
            }
        }
        comma = q;
    }
    described
}

/// "Tom Abara, a spokesman for Jane Doe, said", "Ann Roe, the daughter of
/// Principal Jo Roe, said": the person after an appositive's preposition
/// is the role's link; the subject is the person named before the comma
/// that opens the appositive (past an age: "Ann Roe, 35, the daughter of").
fn role_apposed(doc: &Doc, actors: &Actors, s: usize, bound: usize) -> Option<usize> {
    // (the preposition before the name, past a title or an honorific: "of
    // former President X", "for Ms. X")
    let k = crate::at::last_back(
        s.saturating_sub(4).max(bound + 1),
        s,
        |j| doc.token(j).kind() != TokenKind::Punct || doc.tok(j) == ".",
        |j| doc.word_class(j) == Some(WordClass::Prep),
    )?;
    let mut q = crate::at::last_back(
        k.saturating_sub(12).max(bound + 1),
        k,
        |j| doc.token(j).kind() != TokenKind::Punct || doc.tok(j) == ",",
        |j| doc.tok(j) == ",",
    )?;
    if !doc.tok(q + 1).first_is(crate::letters::is_lowercase) || doc.is(q + 1, Use::Relative) {
        return None;
    }
    if q > bound + 2 && doc.token(q - 1).kind() == TokenKind::Number && doc.tok(q - 2) == "," {
        q -= 2;
    }
    if q <= bound + 1 {
        return None;
    }
    let h = outermost(actors, actors.mention_at(q - 1)?, q - 1);
    let person = actors.actor(actors.mention(h).actor()).kind == ActorKind::Person;
    (person && actors.mention(h).kind() == MentionKind::Name).then_some(h)
}

/// "Jane Doe of the Acme Institute, who ..., said": the person the body
/// of mention `m` qualifies ("of", "at", "from"), not the body.
fn person_of_body(doc: &Doc, actors: &Actors, m: usize, bound: usize) -> Option<usize> {
    let mut s = actors.mention(m).toks().start;
    if s > bound + 2 && doc.tok(s - 1).eq_ignore_ascii_case("the") {
        s -= 1;
    }
    if s < bound + 2 || !matches!(doc.tok(s - 1), "of" | "at" | "from") {
        return None;
    }
    let h = outermost(actors, actors.mention_at(s - 2)?, s - 2);
    (actors.actor(actors.mention(h).actor()).kind == ActorKind::Person).then_some(h)
}

/// A subject no earlier stage named, ending at token `p`: the noun a
/// relative clause describes, a lone quantifier ("Several said"), or a
/// determiner-led phrase (not one after a preposition: "Jane Doe at the
/// time said").
fn unnamed_subject(
    doc: &Doc,
    actors: &Actors,
    p: usize,
    bound: usize,
    depth: usize,
) -> Option<Anchor> {
    if let Some(a) = relative_clause_noun(doc, actors, p, bound) {
        return Some(a);
    }
    if let Some(s) = share_start(doc, actors, p, bound) {
        return Some(Anchor::Phrase(s, p + 1));
    }
    // "Another tweeted, “...”", "Several said": a quantifier alone.
    // ("Yet another said", "..., but few believe": after a conjunction too)
    if lone_quantifier(doc, p)
        && (p == bound
            || doc.token(p - 1).kind() == TokenKind::Punct
            || doc.word_class(p - 1) == Some(WordClass::Conj))
    {
        return Some(Anchor::Phrase(p, p + 1));
    }
    // "Several of them told ...", "One of us said": a share of a group.
    if p >= bound + 2
        && matches!(doc.tok(p), "them" | "us")
        && doc.tok(p - 1) == "of"
        && lone_quantifier(doc, p - 2)
    {
        return Some(Anchor::Phrase(p - 2, p + 1));
    }
    let np = phrase_ending_at(doc, p + 1, bound);
    // "Jane Doe at the time said": a phrase after a preposition is not
    // the subject; look on to the left of the preposition.
    if let Some(Anchor::Phrase(a, _)) = np {
        let after_prep = || a > bound + 1 && doc.word_class(a - 1) == Some(WordClass::Prep);
        // "... this week after a survey found": after a time phrase the
        // preposition opens a clause of its own, whose subject this is.
        let time_before =
            || a > bound + 3 && ((a - 4).max(bound)..a - 2).any(|k| time_phrase(doc, k, a - 2));
        // "A statement from the hospital said": the statement's author (not
        // "the bank last month", a phrase with a time in it).
        let authored = || {
            a >= bound + 2
                && matches!(doc.tok(a - 1), "from" | "by")
                && statement_noun(doc.tok(a - 2))
                && !(a..=p).any(|k| doc.is(k, Use::SettingLead) || doc.is(k, Use::SettingEnd))
        };
        if after_prep() && (time_before() || authored()) {
            return np;
        }
        if depth < 2 && after_prep() {
            // ...and keep the phrase when nothing is found there.
            return subject_left_of(doc, actors, a - 1, bound, false, depth + 1);
        }
    }
    np
}

/// "Six in 10 say", "42% said", "About half said", "at least a third of
/// voters in each ward say": a share of the people a poll asked, ending at
/// token `p` and opening its clause (after the sentence's start, a
/// punctuation mark, a conjunction or "that"); gives its first token.
fn share_start(doc: &Doc, actors: &Actors, p: usize, bound: usize) -> Option<usize> {
    let number = |k: usize| {
        k >= bound
            && (doc.token(k).kind() == TokenKind::Number
                || doc.word_class(k) == Some(WordClass::Quant))
    };
    // ("two-thirds": the word after the hyphen)
    let share = |k: usize| {
        let w = doc.tok(k);
        let last = crate::at::after_last(w, b'-');
        doc.token(k).kind() == TokenKind::Word && lexicon().uses_lower(last).has(Use::Share)
    };
    // The share itself ends at `e`: right before the cue, or before a
    // phrase it governs ("half of the voters in each ward").
    let core = |e: usize| -> Option<usize> {
        if e > bound && doc.tok(e) == "%" && doc.token(e - 1).kind() == TokenKind::Number {
            return Some(e - 1);
        }
        if share(e) {
            return Some(e);
        }
        // "six in 10", "nine out of 10"
        if !number(e) || e < bound + 2 {
            return None;
        }
        match doc.tok(e - 1) {
            "in" if number(e - 2) => Some(e - 2),
            "of" if e >= bound + 3 && doc.tok(e - 2) == "out" && number(e - 3) => Some(e - 3),
            _ => None,
        }
    };
    let s = core(p).or_else(|| {
        // Back over a prepositional phrase of words only, no verb in it.
        // (a loop, not `Rev`'s iterator chain: a generic copy less)
        let from = p.saturating_sub(10).max(bound + 1);
        let mut k = p;
        while k > from {
            k -= 1;
            let class = doc.word_class(k);
            if doc.token(k).kind() != TokenKind::Word
                || doc.in_quote_at(k).is_some()
                || doc.cue_verb(k).is_some()
                || matches!(
                    class,
                    Some(WordClass::Aux | WordClass::Rel | WordClass::Conj)
                )
            {
                return None;
            }
            if class == Some(WordClass::Prep) {
                if let Some(s) = core(k - 1) {
                    return Some(s);
                }
            }
        }
        None
    })?;
    // Back over what hedges it ("about", "nearly", "more than", "at
    // least", "52 per"): a few words of no noun's sort, or numbers.
    let mut k = s;
    while k > bound && s - k < 3 {
        let t = k - 1;
        let hedge = (doc.token(t).kind() == TokenKind::Word
            && actors.mention_at(t).is_none()
            && doc.cue_verb(t).is_none()
            && (doc.tok(t).first_is(crate::letters::is_lowercase) || t == bound)
            && matches!(
                doc.word_class(t),
                None | Some(WordClass::Prep | WordClass::Quant)
            ))
            || doc.token(t).kind() == TokenKind::Number
            || doc.uses_lower(t).has(Use::Article);
        if !hedge {
            break;
        }
        k = t;
    }
    let opens = k == bound
        || doc.token(k - 1).kind() == TokenKind::Punct
        || doc.word_class(k - 1) == Some(WordClass::Conj)
        || doc.is(k - 1, Use::Complementizer)
        || doc.is(k - 1, Use::AdjunctOpener);
    (opens && doc.in_quote_at(k.saturating_sub(1)).is_none()).then_some(k)
}

/// "a new poll showing ...", "groups backing ...", "52 percent saying ...",
/// "Jane Doe calling ...": a gerund right after a noun phrase (no comma
/// between) whose subject that phrase is, a reduced relative clause. Not a
/// setting or a time ("his speech praising", "spent years urging") nor a
/// thing a verb acts on ("left the room saying").
pub fn before_gerund(doc: &Doc, actors: &Actors, cue: &Cue, bound: usize) -> Option<Anchor> {
    let g = cue.toks.start;
    // ("a strong showing in the polls", "the posting is": a noun, which a
    // preposition or a verb follows; a gerund takes its content.)
    let e = cue.toks.end;
    let noun = e + 1 >= doc.tokens.len()
        || matches!(doc.word_class(e), Some(WordClass::Prep | WordClass::Aux))
        || matches!(doc.tok(e), "." | ")" | ";");
    // (Words quoted after it keep the speaker the quote rules give them:
    // "footage of the mayor saying, “...”" is the footage's.)
    let quoted = |k: usize| doc.in_quote_at(k).is_some();
    if noun || quoted(e) || quoted(e + 1) || g <= bound + 1 {
        return None;
    }
    // The phrase opens its clause, follows "and" or a preposition (not a
    // listener's "to", nor a place's "in", "on": "an op-ed in the Gazette
    // attacking ...").
    let free = |a: usize| {
        a == bound
            || doc.token(a - 1).kind() == TokenKind::Punct
            || doc.is(a - 1, Use::Coordinator)
            || (doc.word_class(a - 1) == Some(WordClass::Prep)
                && !doc.is(a - 1, Use::Locative)
                && !doc.is(a - 1, Use::SettingLead)
                && !doc.tok(a - 1).eq_ignore_ascii_case("into"))
    };
    let p = g - 1;
    if let Some(m) = actors.mention_at(p) {
        let m = outermost(actors, m, p);
        let place = actors.actor(actors.mention(m).actor()).kind == ActorKind::Place;
        let mut a = actors.mention(m).toks().start;
        if a > bound + 1 && doc.is(a - 1, Use::Article) {
            a -= 1;
        }
        return (actors.mention(m).toks().end == g && !place && free(a))
            .then_some(Anchor::Mention(m));
    }
    if doc.token(p).kind() != TokenKind::Word || doc.is(p, Use::SettingEnd) {
        return None;
    }
    if let Some(Anchor::Phrase(a, b)) = phrase_ending_at(doc, g, bound) {
        return (free(a) && !doc.tok(p).ends_with("ed")).then_some(Anchor::Phrase(a, b));
    }
    // "polls showing", "hedge fund managers backing": a bare plural.
    if !plural_head(doc, p) {
        return None;
    }
    let mut a = g;
    while a > bound + 1
        && g - a < 3
        && doc.token(a - 1).kind() == TokenKind::Word
        && doc.tok(a - 1).first_is(crate::letters::is_lowercase)
        && doc.word_class(a - 1).is_none()
        && doc.cue_verb(a - 1).is_none()
        && !doc.tok(a - 1).ends_with("ing")
    {
        a -= 1;
    }
    (a < g && free(a)).then_some(Anchor::Phrase(a, g))
}

/// "The harbour authority's own figures suggest": a head at `p` that names
/// no person or body (a document, figures) owned by someone, whose owner
/// is the source.
fn owner_of_source(doc: &Doc, actors: &Actors, p: usize, bound: usize) -> Option<Anchor> {
    let lex = lexicon();
    let head = doc.tok(p);
    if !looks_nominal(doc, p)
        || lex.role(head).is_some()
        || lex.is_title(head)
        || lex.is_org_head(head)
        || actors.mention_at(p).is_some()
    {
        return None;
    }
    // Back over at most two modifiers ("own", "latest") to the "'s".
    let k = crate::at::last_back(
        p.saturating_sub(3).max(bound + 1),
        p,
        |k| doc.token(k).kind() != TokenKind::Punct,
        |k| doc.token(k).kind() == TokenKind::Possessive,
    )?;
    if (k + 1..p).any(|j| {
        doc.token(j).kind() != TokenKind::Word
            || doc.word_class(j).is_some()
            || doc.cue_verb(j).is_some()
            || actors.mention_at(j).is_some()
    }) {
        return None;
    }
    let (start, owner) = match actors.mention_at(k - 1) {
        Some(m) => {
            let m = outermost(actors, m, k - 1);
            (actors.mention(m).toks().start, Anchor::Mention(m))
        }
        None => match phrase_ending_at(doc, k, bound)? {
            Anchor::Phrase(a, b) => (a, Anchor::Phrase(a, b)),
            _ => return None,
        },
    };
    // Only an owner that opens the sentence is the subject's.
    let first = doc.sentence(doc.sentence_at(p)).tokens().start;
    (start == first || (start == first + 1 && doc.word_class(first) == Some(WordClass::Conj)))
        .then_some(owner)
}

/// "an official who spoke on condition of anonymity said": back over the
/// relative clause ending at `p` to the noun it describes.
fn relative_clause_noun(doc: &Doc, actors: &Actors, p: usize, bound: usize) -> Option<Anchor> {
    let reach = p.saturating_sub(15).max(bound);
    let r = crate::at::last_back(reach, p + 1, |_| true, |r| doc.is(r, Use::Relative))?;
    if r <= bound || !(r..=p).all(|k| doc.token(k).kind() == TokenKind::Word) {
        return None;
    }
    // "Jane Doe, who said": the noun may stand before a comma.
    let noun_end = if doc.tok(r - 1) == "," && r - 1 > bound {
        r - 1
    } else {
        r
    };
    // ("relatives of Jo Doe who ...", "the family of a man who died said":
    // the relatives, the family; not "the minds of voters who")
    let of_role = |s: usize| {
        // (past an article outside the noun: "of a 19-year-old man")
        let s = s - usize::from(s > bound + 1 && matches!(doc.tok(s - 1), "a" | "the"));
        s >= bound + 2 && doc.tok(s - 1) == "of" && {
            lexicon().role(&doc.tok(s - 2).lower_cow()).is_some()
        }
    };
    if let Some(m) = actors.mention_at(noun_end - 1) {
        let m = outermost(actors, m, noun_end - 1);
        let thing = matches!(
            actors.actor(actors.mention(m).actor()).kind,
            ActorKind::Place | ActorKind::Organization
        );
        let start = actors.mention(m).toks().start;
        return (thing || of_role(start))
            .then(|| who_described(doc, actors, start, r, bound))
            .flatten()
            .or(Some(Anchor::Relative(m, r)));
    }
    // "Those who said ..." (not "as one who believes": a description)
    let those = noun_end - 1;
    if noun_end > bound
        && lone_quantifier(doc, those)
        && doc.word_class(those) == Some(WordClass::Det)
        && !(those > bound && doc.is(those - 1, Use::ParticiplePrep))
    {
        return Some(Anchor::RelativePhrase(noun_end - 1, noun_end, r));
    }
    // ("the 1 percent who preferred him": the pronoun stands for the phrase)
    match phrase_ending_at(doc, noun_end, bound) {
        // (a phrase whose head names no person: "the Dunmore plant")
        Some(Anchor::Phrase(a, b)) => (!people_head(doc, b - 1) || of_role(a))
            .then(|| who_described(doc, actors, a, r, bound))
            .flatten()
            .or(Some(Anchor::RelativePhrase(a, b, r))),
        Some(other) => Some(other),
        None => bare_plural_after_prep(doc, noun_end, bound)
            .filter(|_| noun_end < r)
            .map(|a| Anchor::RelativePhrase(a, noun_end, r)),
    }
}

/// "workers at the plant who said", "residents of Harlow who attended":
/// "who" describes people, so a place or a thing after a preposition (from
/// token `p`, its article included) only locates them; the people before
/// the preposition are what relative `r` describes.
fn who_described(doc: &Doc, actors: &Actors, p: usize, r: usize, bound: usize) -> Option<Anchor> {
    let p = p - usize::from(p > bound + 1 && matches!(doc.tok(p - 1), "the" | "The" | "a"));
    if !(doc.tok(r).eq_ignore_ascii_case("who")
        && p >= bound + 2
        && doc.word_class(p - 1) == Some(WordClass::Prep))
    {
        return None;
    }
    match actors.mention_at(p - 2) {
        Some(h) => {
            let h = outermost(actors, h, p - 2);
            matches!(
                actors.actor(actors.mention(h).actor()).kind,
                ActorKind::Person | ActorKind::Group
            )
            .then_some(Anchor::Relative(h, r))
        }
        // (a phrase only when its head names people: "workers", "an aide")
        None => match phrase_ending_at(doc, p - 1, bound)? {
            Anchor::Phrase(a, b) if people_head(doc, b - 1) => {
                Some(Anchor::RelativePhrase(a, b, r))
            }
            _ => None,
        },
    }
}

/// "welcomed by environmental groups, who said": a bare plural (no "-ing"
/// or "-ed" form: "by slamming candidates") ending at `end`, right after a
/// preposition; where the phrase starts.
fn bare_plural_after_prep(doc: &Doc, end: usize, bound: usize) -> Option<usize> {
    let word = |k: usize| {
        let w = doc.tok(k);
        doc.plain_word(k) && !w.ends_with("ing") && !w.ends_with("ed")
    };
    bare_plural_start(doc, end.checked_sub(1)?, bound, word)
        .filter(|&k| doc.word_class(k - 1) == Some(WordClass::Prep))
}

/// A person named right before a comma that opens an appositive ending at `end`.
fn person_before_appositive(doc: &Doc, actors: &Actors, end: usize, bound: usize) -> Option<usize> {
    let reach = end.saturating_sub(12).max(bound);
    let comma = crate::at::last_back(reach, end, |_| true, |k| doc.tok(k) == ",")?;
    if (comma + 1..end).any(|k| doc.token(k).kind() == TokenKind::Punct) || comma <= bound {
        return None;
    }
    // ("After talks with her lawyer, the family said": a person who ends
    // an opening phrase is none of the subject's.)
    let (s, main) = sentence_opening(doc, comma);
    let opening = main == comma + 1
        || (doc.tok(s).ends_with("ing") && !(s..comma).any(|k| doc.tok(k) == ","));
    let m = actors.mention_at(comma - 1)?;
    let m = outermost(actors, m, comma - 1);
    (!opening && actors.actor(actors.mention(m).actor()).kind == ActorKind::Person).then_some(m)
}

/// A determiner-led noun phrase that ends right before `end` ("the release",
/// "a young woman", "a spokesman for" + a name): at most seven words.
fn phrase_ending_at(doc: &Doc, end: usize, bound: usize) -> Option<Anchor> {
    let lex = lexicon();
    let mut p = end;
    let mut words = 0;
    // A preposition right before `end` links a role to a name: "spokesman for".
    if p > bound && doc.is(p - 1, Use::RoleLink) {
        p -= 1;
        let role = p > bound && {
            let r = doc.tok(p - 1);
            lex.role(r).is_some() || lex.is_title(r)
        };
        if !role {
            return None;
        }
    } else if end > bound && end <= doc.tokens.len() && !looks_nominal(doc, end - 1) {
        return None;
    }
    while p > bound && words < 7 {
        p -= 1;
        let w = doc.tok(p);
        // "52 percent said": a number opens the phrase as a quantifier does;
        // "..., records show.", "..., analysts said on Tuesday.": so does a
        // comma before a verb that ends the sentence (but for a setting).
        let tail = w == "," && {
            let sent_end = doc.sentence(doc.sentence_at(p)).tokens().end;
            // (a past form: "and bipartisan whispers in Congress" is a noun)
            end + 2 >= sent_end
                || (doc.cue_verb(end).is_some_and(|v| v.past())
                    && setting_to_end(doc, end + 1, sent_end))
        };
        // "the 34-year-old said": an age as the head.
        if words == 0
            && p + 1 == end
            && doc.token(p).kind() == TokenKind::Number
            && looks_nominal(doc, p)
            && doc.in_quote_at(p).is_none()
        {
            words += 1;
            continue;
        }
        if (doc.token(p).kind() == TokenKind::Number || tail)
            && words > 0
            && doc.in_quote_at(p).is_none()
        {
            return Some(Anchor::Phrase(p + usize::from(tail), end));
        }
        if doc.token(p).kind() != TokenKind::Word
            || doc.in_quote_at(p).is_some()
            || negated_aux(w)
            || lexicon().is_pronoun_contraction(w)
        {
            return None;
        }
        match lex.word_class(w) {
            // "that" before a clause is a conjunction, not a determiner.
            Some(WordClass::Det) if w.eq_ignore_ascii_case("that") => return None,
            Some(WordClass::Det | WordClass::Quant | WordClass::Poss) => {
                // "this week", "that year": a time, never a speaker.
                if time_phrase(doc, p, end - 1) {
                    return None;
                }
                return (p + 1 < end).then_some(Anchor::Phrase(p, end));
            }
            Some(WordClass::Prep) if word_is(w, Use::PhrasePrep) => {}
            Some(_) => return None,
            // "the report said": a present-tense cue form as the head is a noun.
            None if lex
                .cue_verb(w)
                .is_some_and(|v| !(v.present && p + 1 == end)) =>
            {
                return None
            }
            None => {}
        }
        words += 1;
    }
    // "Court records show", "Polls suggest": a phrase with no determiner
    // that opens a sentence of the body, no name in it; in a headline, one
    // title or role ("Mayor Says ...").
    let sent = doc.sentence(doc.sentence_at(bound));
    let role = || {
        let w = doc.tok(p).lower();
        end == p + 1 && (lex.is_title(&w) || lex.role(&w).is_some())
    };
    // (not a verb and its particle: "Reeling off promises to ...")
    (p == bound
        && words > 0
        && bound == sent.tokens().start
        && !doc.is(end - 1, Use::Particle)
        && (!doc.paragraph(sent.para()).heading || role())
        && (p + 1..end).all(|k| !doc.is_cap(k))
        && !(end == p + 1 && existential(doc, p)))
    .then_some(Anchor::Phrase(p, end))
}

/// "security analysts" in "..., but security analysts say": lowercase
/// words of no grammar class and no cue, ending at `p` in a plural (a
/// singular count noun would need a determiner: "while taking questions",
/// "let's hope"), right after a token that opens a clause.
fn bare_plural_at_clause(doc: &Doc, p: usize, bound: usize) -> Option<Anchor> {
    let word = |k: usize| {
        doc.plain_word(k)
            && doc.in_quote_at(k).is_none()
            && doc.cue_verb(k).is_none_or(|v| v.present && k == p)
    };
    // ("said engineers had found ...", "warned that inspectors ...": a
    // past form of a verb that reports a clause opens one too; not "Protest
    // groups say", "the jobs report cheered", where the verb is a noun.)
    let reports =
        |c: usize| !doc.is_cap(c) && doc.cue_verb(c).is_some_and(|v| v.frames.clause && v.past());
    let reported = |o: usize| reports(o) || (o > 0 && doc.tok(o) == "that" && reports(o - 1));
    bare_plural_start(doc, p, bound, word)
        .filter(|&k| opens_clause(doc, k - 1) || (!doc.is_cap(k) && reported(k - 1)))
        .map(|k| Anchor::Phrase(k, p + 1))
}

/// Where a bare plural phrase ending at `p` starts: the plural and up to
/// two words before it, each a `word`, after `bound` (so a token stands
/// before it).
fn bare_plural_start(
    doc: &Doc,
    p: usize,
    bound: usize,
    word: impl Fn(usize) -> bool,
) -> Option<usize> {
    if !plural_head(doc, p) {
        return None;
    }
    let mut k = p + 1;
    while k > bound + 1 && p + 1 - k < 4 && word(k - 1) {
        k -= 1;
    }
    (k <= p).then_some(k)
}

/// "workers", "an aide", "the mayor": a head that names people (a role, a
/// title, a person noun or a plural).
fn people_head(doc: &Doc, t: usize) -> bool {
    let head = doc.tok(t).lower_cow();
    let lex = lexicon();
    lex.role(&head).is_some() || lex.is_title(&head) || plural_head(doc, t)
}

/// "analysts", "records", "women": a head that reads as a plural noun.
fn plural_head(doc: &Doc, t: usize) -> bool {
    let w = doc.tok(t);
    (w.ends_with('s') && !w.ends_with("ss")) || doc.is(t, Use::PersonNoun)
}

/// True when token `p` of a sentence of the body opens a clause after it:
/// a conjunction ("but", "because", not "as"; "and" and "or" only after a comma or
/// opening the sentence), a semicolon, or the comma that closes an opening
/// adverbial ("If costs rise, ...").
fn opens_clause(doc: &Doc, p: usize) -> bool {
    let sent = doc.sentence(doc.sentence_at(p));
    if doc.paragraph(sent.para()).heading || doc.in_quote_at(p).is_some() {
        return false;
    }
    let (s, main) = sentence_opening(doc, p);
    match doc.tok(p) {
        ";" => true,
        "," => main == p + 1,
        _ => {
            // (not "as", also a preposition: "treating them as fools who")
            let u = doc.uses_lower(p);
            doc.word_class(p) == Some(WordClass::Conj)
                && !u.has(Use::ParticiplePrep)
                && (!u.has(Use::Coordinator) || p == s || doc.tok(p - 1) == ",")
        }
    }
}

/// "this week", "this past year", "last night": a phrase from `open` to
/// `head` that sets a time (an opener of such phrases that is no
/// preposition, a head that ends them), never an actor.
fn time_phrase(doc: &Doc, open: usize, head: usize) -> bool {
    doc.uses_lower(open).has(Use::SettingLead)
        && doc.word_class(open) != Some(WordClass::Prep)
        && doc.uses_lower(head).has(Use::SettingEnd)
}

/// A lowercase content word (not a verb we know, not grammar): a phrase head.
fn looks_nominal(doc: &Doc, t: usize) -> bool {
    let w = doc.tok(t);
    // "the 46-year-old", "a man in his 50s" (an age's decade, after "his")
    let age = w.ends_with('s') && t > 0 && doc.word_class(t - 1) == Some(WordClass::Poss);
    if doc.token(t).kind() == TokenKind::Number && (w.contains('-') || age) {
        return true;
    }
    doc.token(t).kind() == TokenKind::Word
        && doc.word_class(t).is_none()
        && !negated_aux(w)
        && doc.cue_verb(t).is_none_or(|v| v.present)
}

/// The speaker written right after position `t` ("said Jane Doe", "added a senior official").
pub fn right_of(doc: &Doc, actors: &Actors, t: usize, end: usize) -> Option<Anchor> {
    let lex = lexicon();
    let mut p = t;
    let mut skipped = 0;
    while p < end && skipped < 6 {
        if doc.in_quote_at(p).is_some() {
            return None;
        }
        if let Some(m) = actors.mention_at(p) {
            let m = outermost(actors, m, p);
            // "said Tarvel University economist Jane Doe", "said Acme's chief
            // executive, Jane Doe", "said Doe's lawyer, John Roe": the person,
            // not the school, the company or the client.
            let owns = {
                let e = actors.mention(m).toks().end;
                e < end && doc.token(e).kind() == TokenKind::Possessive
            };
            if owns || actors.actor(actors.mention(m).actor()).kind != ActorKind::Person {
                let mut q = actors.mention(m).toks().end;
                let mut n = 0;
                let person_at = |k: usize| {
                    actors.mention_at(k).is_some_and(|pm| {
                        let pm = outermost(actors, pm, k);
                        actors.actor(actors.mention(pm).actor()).kind == ActorKind::Person
                    })
                };
                // (a role's words: not "to", a preposition or a clause's words)
                let passes = |q: usize, n: usize| {
                    (doc.token(q).kind() == TokenKind::Word
                        && !(owns && (doc.tok(q) == "to" || doc.word_class(q).is_some())))
                        || (q == actors.mention(m).toks().end && owns)
                        // the comma before the name a possessive's role is apposed to
                        || (owns && n > 1 && doc.tok(q) == "," && q + 1 < end && person_at(q + 1))
                };
                while q < end
                    && n < 4 + 2 * usize::from(owns)
                    && passes(q, n)
                    && actors.mention_at(q).is_none()
                {
                    q += 1;
                    n += 1;
                }
                if q < end && person_at(q) {
                    let pm = actors.mention_at(q).map(|pm| outermost(actors, pm, q));
                    return pm.map(Anchor::Mention);
                }
                // "said Acme's chief executive.": the role the owner has.
                let start = actors.mention(m).toks().start;
                let word = |k| doc.token(k).kind() == TokenKind::Word;
                let role_end =
                    crate::at::last_back(start, q, |_| true, word).map_or(start, |k| k + 1);
                if owns && role_end > actors.mention(m).toks().end + 1 {
                    return Some(Anchor::Phrase(start, role_end));
                }
            }
            return Some(Anchor::Mention(m));
        }
        let w = doc.tok(p);
        if p == t && doc.may_be(p, fact::PRONOUN) && is_subject_pronoun(w) {
            return Some(Anchor::Pronoun(p));
        }
        // "tweeted a young voter", "said the statement": a phrase after the cue.
        if p == t {
            if let Some(m) = person_after_title(doc, actors, p, end) {
                return Some(Anchor::Mention(m));
            }
        }
        // Skip a title or determiner before the name: "said Foreign Minister ...",
        // but not the "that" of a reported clause.
        let is_title_word = doc.token(p).kind() == TokenKind::Word
            && !w.eq_ignore_ascii_case("that")
            && (lex.starts_title(w)
                || title_of(doc, p + 1)
                || doc.is_cap(p)
                || matches!(lex.word_class(w), Some(WordClass::Det))
                || lex.is_title(w));
        if !is_title_word && w != "." {
            return None;
        }
        p += 1;
        skipped += 1;
    }
    None
}

/// "said former Sen. Jane Doe", "said election lawyer Jane Doe", "said the
/// bureau's director, Jane Doe": a person named within a few words after
/// the cue at `p`, past title words, with no grammar in between.
fn person_after_title(doc: &Doc, actors: &Actors, p: usize, end: usize) -> Option<usize> {
    let lex = lexicon();
    let mut q = p;
    // "said the bureau's director, Jane Doe", "added his campaign
    // manager Jane Doe"
    if q < end
        && !doc.tok(q).eq_ignore_ascii_case("that")
        && matches!(doc.word_class(q), Some(WordClass::Det | WordClass::Poss))
    {
        q += 1;
    }
    while q < end && q < p + 8 {
        // "said former Utah governor Jane Doe": a place or body in the
        // title is stepped over.
        if let Some(m) = actors.mention_at(q) {
            let m = outermost(actors, m, q);
            if actors.actor(actors.mention(m).actor()).kind == ActorKind::Person {
                break;
            }
            q = actors.mention(m).toks().end.max(q + 1);
            continue;
        }
        let tok = doc.token(q);
        let ok = (tok.kind() == TokenKind::Word
                && doc.word_class(q).is_none()
                && (doc.cue_verb(q).is_none() || title_of(doc, q)))
                || title_of(doc, q + 1)
                // "said master of ceremonies Jane Doe"
                || (doc.tok(q) == "of"
                    && q > p
                    && q + 1 < end
                    && doc.tok(q + 1).first_is(crate::letters::is_lowercase)
                    && doc.word_class(q + 1).is_none())
                || tok.kind() == TokenKind::Possessive
                || doc.tok(q) == "."
                // "the bureau's director, Jane Doe": a role, a comma, the name
                || (doc.tok(q) == ","
                    && q > p
                    && q + 1 < end
                    && actors.mention_at(q + 1).is_some()
                    && {
                        // ("said her husband, Nils": a relative too)
                        let w = doc.tok(q - 1);
                        lex.role(w).is_some() || lex.is_title(w) || lex.is(w, Use::Kin)
                    });
        if !ok {
            break;
        }
        q += 1;
    }
    if q < end && q > p {
        if let Some(m) = actors.mention_at(q) {
            let m = outermost(actors, m, q);
            if actors.actor(actors.mention(m).actor()).kind == ActorKind::Person {
                return Some(m);
            }
        }
    }
    None
}

/// "secretary of state", "minister for health": token `t` follows the "of"
/// or "for" that continues a title word.
fn title_of(doc: &Doc, t: usize) -> bool {
    t >= 2 && t < doc.tokens.len() && doc.uses_lower(t - 1).has(Use::TitleLink) && {
        let w = doc.tok(t - 2);
        lexicon().is_title(w) || lexicon().role(w).is_some()
    }
}

/// True when the cue right follows a quotation ("“...,” said ...").
fn after_quote(doc: &Doc, cue_start: usize) -> bool {
    cue_start >= 1
        && (doc.in_quote_at(cue_start - 1).is_some()
            || (cue_start >= 2
                && doc.tok(cue_start - 1) == ","
                && doc.in_quote_at(cue_start - 2).is_some()))
}

/// "“...,” said a former official": a determiner-led phrase after the cue.
fn phrase_after(doc: &Doc, actors: &Actors, t: usize, end: usize) -> Option<Anchor> {
    // "“...” made clear that the ...": "that" opens the content.
    if t >= end
        || doc.tok(t).eq_ignore_ascii_case("that")
        || !matches!(doc.word_class(t), Some(WordClass::Det | WordClass::Quant))
    {
        return None;
    }
    let (mut e, mut reach) = (t + 1, t + 6);
    while e < end && e < reach {
        if looks_nominal(doc, e) || actors.mention_at(e).is_some() {
            e += 1;
            continue;
        }
        // ("according to the “Fair Vote” count": a short title in quotation
        // marks, then the noun it names)
        let titled = doc
            .quote_at(e)
            .map(|q| &doc.quotes[q])
            .filter(|q| q.open_tok() == e)
            .and_then(|q| q.close_tok())
            .filter(|&c| c <= e + 5 && c + 1 < end && looks_nominal(doc, c + 1));
        match titled {
            Some(c) => {
                reach += c + 1 - e;
                e = c + 1;
            }
            None => break,
        }
    }
    // "according to the company's spokesman", "the state's health
    // department": past the owner's "'s" to a role or a body (not "the
    // state's figures", whose owner is the source).
    if e > t + 1 && e + 1 < end && doc.token(e).kind() == TokenKind::Possessive {
        let mut k = e + 1;
        while k < end && k < e + 4 && looks_nominal(doc, k) {
            k += 1;
        }
        let lex = lexicon();
        let head = doc.tok(k - 1).lower_cow();
        if k > e + 1 && (lex.role(&head).is_some() || lex.is_body(&head)) {
            e = k;
        }
    }
    if e == t + 1
        && lone_quantifier(doc, t)
        && (e >= end || doc.token(e).kind() == TokenKind::Punct)
    {
        return Some(Anchor::Phrase(t, e)); // "“...,” tweeted another."
    }
    (e > t + 1).then_some(Anchor::Phrase(t, e))
}

/// "according to a statement from the police", "according to a report by
/// the agency": a description headed by a noun of statement (`cue_nouns.tsv`
/// or a setting's head, "statement", "interview") with "from" or "by" and an
/// actor right after it stands for that actor, the statement's author.
fn author_of_statement(doc: &Doc, actors: &Actors, a: Anchor, end: usize) -> Option<Anchor> {
    let toks = match a {
        Anchor::Mention(m) if actors.mention(m).kind() == MentionKind::Description => {
            actors.mention(m).toks()
        }
        Anchor::Phrase(s, e) => s..e,
        _ => return None,
    };
    if toks.end + 1 >= end {
        return None;
    }
    if !statement_noun(doc.tok(toks.end - 1)) || !matches!(doc.tok(toks.end), "from" | "by") {
        return None;
    }
    // ("a report by the World Bank": the name after "the" is the author,
    // not a new description "the World Bank"; "by the bank's chief" is
    // no name's.)
    let mut k = toks.end + 1;
    if doc.tok(k) == "the" && actors.mention_at(k).is_none() {
        let named = actors.mention_at(k + 1).filter(|&m| {
            let e = actors.mention(m).toks().end;
            e >= doc.tokens.len() || doc.token(e).kind() != TokenKind::Possessive
        });
        if named.is_some() {
            k += 1;
        }
    }
    match actors.mention_at(k) {
        Some(m) => Some(Anchor::Mention(outermost(actors, m, k))),
        None => phrase_after(doc, actors, k, end),
    }
}

/// A noun of statement: a claim noun (`cue_nouns.tsv`) or a setting's head
/// ("statement", "interview").
pub(super) fn statement_noun(w: &str) -> bool {
    let lex = lexicon();
    lex.cue_noun(w).is_some() || lex.uses(w).has(Use::SettingHead)
}

/// "according to figures published ...", "according to court records": a
/// noun phrase without a determiner, from a lowercase noun on.
fn bare_phrase_after(doc: &Doc, t: usize, end: usize) -> Option<Anchor> {
    let noun = |k: usize| {
        doc.token(k).kind() == TokenKind::Word
            && doc.tok(k).first_is(crate::letters::is_lowercase)
            && doc.word_class(k).is_none()
            && looks_nominal(doc, k)
    };
    let mut e = t;
    // ("figures published by X": the participle is no part of it.)
    while e < end && e < t + 3 && noun(e) && (e + 1 >= end || doc.tok(e + 1) != "by") {
        e += 1;
    }
    (e > t).then_some(Anchor::Phrase(t, e))
}

/// "Closure a ‘scandal’, says councillor" (a headline's style): a role or
/// a title without a determiner (and up to two words before it) closing
/// the inverted clause.
fn bare_role_after(doc: &Doc, t: usize, end: usize) -> Option<Anchor> {
    let lex = lexicon();
    let word = |k: usize| {
        doc.token(k).kind() == TokenKind::Word
            && (doc.tok(k).first_is(crate::letters::is_lowercase)
                || lex.is_title(doc.tok(k)) && !lex.is_honorific(doc.tok(k)))
            && doc.word_class(k).is_none()
    };
    let e = (t..end.min(t + 3)).take_while(|&k| word(k)).last()? + 1;
    let head = doc.tok(e - 1);
    let role = lex.role(head).is_some() || lex.is_title(head);
    let closes = e >= end || doc.token(e).kind() == TokenKind::Punct || doc.word_class(e).is_some();
    (role && closes).then_some(Anchor::Phrase(t, e))
}

/// "according to one of the mayor's aides", "according to a 2014 Labor
/// Department study", "according to its filings": when no phrase opens
/// it, the first name or description up to punctuation, else a possessive
/// pronoun at its start.
fn source_within(doc: &Doc, actors: &Actors, t: usize, end: usize) -> Option<Anchor> {
    (t..end.min(t + 10))
        .take_while(|&k| doc.token(k).kind() != TokenKind::Punct)
        .find_map(|k| Some(Anchor::Mention(outermost(actors, actors.mention_at(k)?, k))))
        .or_else(|| {
            let pronoun =
                t < end && doc.may_be(t, fact::PRONOUN) && is_possessive_pronoun(doc.tok(t));
            pronoun.then_some(Anchor::Pronoun(t))
        })
}

/// "a poll released Friday found", "a report published last week said":
/// the participle of a dated document right before token `t`, after a
/// noun (the walk goes on from the participle to the document).
fn dated_participle_before(doc: &Doc, t: usize, bound: usize) -> Option<usize> {
    // (a weekday, or a time word: "week", "month", "night")
    let time = |k: usize| {
        let uses = doc.uses_lower(k);
        doc.token(k).kind() == TokenKind::Word
            && (weekday(doc, k) || uses.has(Use::SettingHead) || uses.has(Use::SettingEnd))
    };
    if t < bound + 3 || !time(t - 1) {
        return None;
    }
    // (a lead before the time: "on Friday", "last week", "on Sunday night")
    let mut v = t - 2;
    while v > bound + 1
        && t - v <= 3
        && doc.token(v).kind() == TokenKind::Word
        && (doc.uses_lower(v).has(Use::SettingLead) || time(v))
    {
        v -= 1;
    }
    let w = doc.tok(v);
    let participle = doc.token(v).kind() == TokenKind::Word
        && w.first_is(crate::letters::is_lowercase)
        && w.ends_with("ed")
        && doc.word_class(v).is_none();
    (participle && looks_nominal(doc, v - 1) && doc.in_quote_at(v).is_none()).then_some(v)
}

/// The first token of an anonymity marker ("familiar with the matter",
/// "close to the talks") that ends right before token `t`, after `bound`.
pub(super) fn marker_before(doc: &Doc, t: usize, bound: usize) -> Option<usize> {
    (t.saturating_sub(6).max(bound + 1)..t).find(|&k| crate::actors::marker_at(doc, k) == Some(t))
}

/// A name nested in a description ("NATO" in "a NATO official") stands for
/// the description.
fn outermost(actors: &Actors, m: usize, t: usize) -> usize {
    actors.outer_mention_at(t).unwrap_or(m)
}
