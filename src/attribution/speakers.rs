//! The speaker of each cue in a sentence, and the sentence's subject. For a
//! finite verb, the subject next to it ([`super::subject`]), a subject
//! shared with a coordinated verb, or the clause's first actor (a weak
//! guess); for a gerund or an infinitive, the main clause's subject. Takes
//! the sentence's cues, gives them [`Resolved`] with their speakers.

use super::cues::{Cue, CueForm};
use super::drafts::{Anchor, Resolved};
use super::resolve::{names_people, resolve};
use super::subject;
use super::words::{
    after_dateline, is_personal_pronoun, is_skippable, left_bound, opener_end, quoted_as, REACH,
};
use crate::actors::Actors;
use crate::annotation::ActorKind;
use crate::at::Ends;
use crate::lexicon::{fact, lexicon, Use, WordClass};
use crate::text::{Bits, Doc, Lower, TokenKind};
use std::ops::Range;

/// Gives each cue of sentence `sent` its speaker, in order (a cue may lean
/// on the ones before it), into `resolved` (emptied first; `found` is
/// emptied: both buffers serve every sentence). `last_speaker` is the
/// previous sentences' last speaker, for pronouns.
pub fn of_cues(
    doc: &Doc,
    actors: &mut Actors,
    in_title: &Bits,
    sent: Range<usize>,
    found: &mut Vec<Cue>,
    last_speaker: Option<usize>,
    resolved: &mut Vec<Resolved>,
) {
    resolved.clear();
    // The speaker of the last cue that governs a clause, kept as cues are
    // resolved (a search back over all of them made a sentence of many
    // cues quadratic).
    let mut governing = None;
    for cue in found.drain(..) {
        let (anchor, weak) = anchor_of(doc, actors, in_title, resolved, sent.clone(), &cue);
        let (actor, mention) = resolve(doc, actors, anchor, governing.or(last_speaker), true);
        let r = Resolved {
            cue,
            actor,
            mention,
            weak,
        };
        if governs_clause(actors, &r) {
            governing = r.actor;
        }
        resolved.push(r);
    }
}

/// Where the speaker of `cue` is named, and whether that is only a guess
/// (weak).
fn anchor_of(
    doc: &Doc,
    actors: &Actors,
    in_title: &Bits,
    resolved: &[Resolved],
    sent: Range<usize>,
    cue: &Cue,
) -> (Option<Anchor>, bool) {
    // "with Sen. Jane Doe calling it ...": a gerund with its own subject.
    // ("a poll showing ...": the phrase right before it)
    let own_subject = (cue.form == CueForm::Gerund)
        .then(|| {
            with_subject(doc, actors, cue.toks.start)
                .map(Anchor::Mention)
                .or_else(|| quoted_object(doc, actors, cue.toks.start))
                .or_else(|| {
                    // ("“...,” he was quoted as saying": the subject
                    // before the auxiliary, as a finite verb's.)
                    let c = cue.toks.start;
                    quoted_as(doc, c)
                        .then(|| {
                            let bound = left_bound(doc, sent.start, c - 3);
                            subject::left_of(doc, actors, c - 3, bound, false)
                        })
                        .flatten()
                })
                .or_else(|| {
                    let bound = left_bound(doc, sent.start, cue.toks.start);
                    subject::before_gerund(doc, actors, cue, bound)
                })
        })
        .flatten();
    match cue.form {
        _ if own_subject.is_some() => (own_subject, false),
        CueForm::Impersonal => (None, false),
        CueForm::Gerund | CueForm::Infinitive => (
            relative_clause(doc, actors, sent.start, cue.toks.start)
                .or_else(|| main_clause_subject(doc, actors, in_title, resolved, sent, cue)),
            false,
        ),
        _ => finite_subject(doc, actors, in_title, resolved, sent, cue),
    }
}

/// The subject of a finite verb, a passive, "according to" or a claim noun:
/// the one a coordinated verb shares, the one next to the cue, or (weak) the
/// clause's first actor.
fn finite_subject(
    doc: &Doc,
    actors: &Actors,
    in_title: &Bits,
    resolved: &[Resolved],
    sent: Range<usize>,
    cue: &Cue,
) -> (Option<Anchor>, bool) {
    let bound = left_bound(doc, sent.start, cue.toks.start);
    if let Some(shared) = coordinated_subject(doc, actors, resolved, sent.start, cue) {
        return (Some(shared), false);
    }
    let local = subject::of_cue(doc, actors, cue, sent.clone(), bound);
    // ("rejecting claims that ...": a word that is also a claim noun gets
    // no guessed subject.)
    let noun_too = cue.toks.len() == 1 && doc.cue_noun(cue.toks.start).is_some();
    let (anchor, weak) = if local.is_none() && cue.form == CueForm::Finite && !noun_too {
        // A subject too far from its verb for the local search: the
        // clause's first actor, a guess good enough for a claim only.
        // ("Jo Roe, whose novel “Drift” won, said ...": a short quotation
        // inside the clause's prose, after a lowercase word (not a nickname
        // inside a name), does not end it.)
        // A name that opens the sentence before a comma there is its
        // subject, no guess.
        let o = doc
            .quote_at(bound.saturating_sub(1))
            .map(|q| doc.quote(q).open_tok());
        let wide = o.filter(|&o| {
            bound > sent.start
                && o > sent.start
                && doc.tok(o - 1).first_is(crate::letters::is_lowercase)
                && bound - o < 8
        });
        let bound = wide.map_or(bound, |o| left_bound(doc, sent.start, o));
        let first = first_subject(doc, actors, in_title, bound, cue.toks.start);
        let opens = |m: usize| {
            let t = actors.mention(m).toks();
            t.start == after_dateline(doc, sent.start, sent.end) && doc.tok(t.end) == ","
        };
        let sure = wide.is_some() && matches!(first, Some(Anchor::Mention(m)) if opens(m));
        (first, !sure)
    } else {
        (local, false)
    };
    // "Jane Doe, the agency's head, who conceded that ...": the relative
    // pronoun right before the verb is the speaker's mention in its clause.
    // ("who's argued": the "'s" of "has")
    let relative = crate::at::last_back(
        sent.start,
        cue.toks.start,
        |_| true,
        |t| !is_skippable(doc, t),
    )
    .map(|t| t - usize::from(t > sent.start && doc.token(t).kind() == TokenKind::Possessive))
    .filter(|&t| doc.is(t, Use::Relative));
    match (anchor, relative) {
        (Some(Anchor::Mention(m)), Some(r)) if actors.mention(m).toks().end <= r => {
            (Some(Anchor::Relative(m, r)), weak)
        }
        other => (other.0, weak),
    }
}

/// "Jane Doe said ... and said the party ...": a finite verb after "and" or
/// "but" shares the subject of the finite cue before it, or of the clause's
/// first verb, not a cue ("he supported Jane Doe and said ...").
fn coordinated_subject(
    doc: &Doc,
    actors: &Actors,
    resolved: &[Resolved],
    start: usize,
    cue: &Cue,
) -> Option<Anchor> {
    let conj = cue.form == CueForm::Finite
        && crate::at::last_back(
            start.max(cue.toks.start.saturating_sub(3)),
            cue.toks.start,
            |_| true,
            |t| !is_skippable(doc, t),
        )
        .is_some_and(|t| doc.is(t, Use::JoinsVerbs));
    if !conj {
        return None;
    }
    if let Some(r) = relative_clause(doc, actors, start, cue.toks.start) {
        return Some(r);
    }
    let finite = |r: &Resolved| r.cue.form == CueForm::Finite && r.mention.is_some() && !r.weak;
    // After a comma, the sentence's first such cue, the main clause's
    // ("Doe said the mayor did not know ..., and accused ..." is Doe's);
    // else the last ("said the firm expects ... and hopes ...").
    let comma = cue.toks.start >= start + 2 && doc.tok(cue.toks.start - 2) == ",";
    let shared = resolved
        .iter()
        .find(|r| {
            comma && r.cue.toks.start >= start && r.cue.toks.start < cue.toks.start && finite(r)
        })
        .or_else(|| crate::at::last_of(resolved, finite))
        .and_then(|r| r.mention);
    if let Some(m) = shared {
        return Some(Anchor::Mention(m));
    }
    // (not the dateline's place: "OSLO, May 2 - The bank held rates ...")
    let main = opener_end(
        doc,
        after_dateline(doc, start, cue.toks.start),
        cue.toks.start,
    );
    if main >= cue.toks.start {
        return None;
    }
    // "The company cut its forecast but said ...", "Norway's central bank
    // held rates and said ...": a determiner or an owner, then a role or a
    // body's noun, is the subject (and not the owner).
    let head = (main + 1..(main + 5).min(cue.toks.start))
        .find(|&k| {
            doc.role(k).is_some() || doc.is(k, Use::OrgNoun) || lexicon().is_title(doc.tok(k))
        })
        .filter(|&k| {
            // (a lowercase head, words only, and its verb next: not "the
            // Circuit Court of Appeals", "Essentially, her lawyers", "She's
            // a supporter", "The operator, Acme, ...")
            let owner = (main..k).any(|j| doc.token(j).kind() == TokenKind::Possessive)
                && !is_personal_pronoun(doc.tok(main));
            doc.tok(k).first_is(crate::letters::is_lowercase)
                && doc.token(k + 1).kind() == TokenKind::Word
                && (main..k).all(|j| doc.token(j).kind() != TokenKind::Punct)
                && (owner || matches!(doc.word_class(main), Some(WordClass::Det | WordClass::Poss)))
        });
    match actors.outer_mention_at(main) {
        // (a mention there that covers the head already names it)
        Some(m)
            if actors.mention(m).toks().start == main
                && head.is_none_or(|k| actors.mention(m).toks().end > k) =>
        {
            Some(Anchor::Mention(m))
        }
        _ if head.is_some() => head.map(|k| Anchor::Phrase(main, k + 1)),
        _ => (doc.may_be(main, fact::PRONOUN) && is_personal_pronoun(doc.tok(main)))
            .then_some(Anchor::Pronoun(main)),
    }
}

/// "Jane Doe, who ran the firm for years and called it ...", "a senator
/// who was reluctant to endorse ...": a relative clause that goes on up to
/// the cue (no comma closes it but one before "and" or "but") has its
/// pronoun for the cue's subject, standing for the name before it.
fn relative_clause(doc: &Doc, actors: &Actors, start: usize, cue: usize) -> Option<Anchor> {
    let mut t = cue;
    while t > start + 1 && cue - t < 25 {
        t -= 1;
        if doc.in_quote_at(t).is_some() {
            return None;
        }
        if doc.token(t).kind() == TokenKind::Punct {
            let joined = matches!(doc.tok(t), "," | "—" | "–") && doc.is(t + 1, Use::Coordinator);
            if !joined {
                return None;
            }
        }
        // ("who sued after the agency failed to respond": a clause of its
        // own, with its own subject; but "after showing ...")
        if doc.is(t, Use::AdjunctOpener) && t + 1 < cue {
            return None;
        }
        if doc.is(t, Use::Relative) {
            let noun_end = t - usize::from(doc.tok(t - 1) == ",");
            let m = actors.outer_mention_at(noun_end.checked_sub(1)?)?;
            return (noun_end > start && actors.mention(m).toks().end == noun_end)
                .then_some(Anchor::Relative(m, t));
        }
    }
    None
}

/// "Jane Doe said she would ...": a pronoun in a clause reported by an
/// earlier cue of the same sentence is that cue's speaker; `r` is such a
/// cue when it is finite, frames a clause and has its subject before it.
fn governs_clause(actors: &Actors, r: &Resolved) -> bool {
    r.cue.frames.clause
        && r.cue.form == CueForm::Finite
        && !r.weak
        && r.actor.is_some()
        && r.mention
            .is_some_and(|m| actors.mention(m).toks().start < r.cue.toks.start)
}

/// The first actor mentioned in the sentence before `end`, outside quotes and titles.
fn first_subject(
    doc: &Doc,
    actors: &Actors,
    in_title: &Bits,
    start: usize,
    end: usize,
) -> Option<Anchor> {
    // "PORT ELLIS, Md. — Gov. Jane Doe ...": not the dateline's place.
    let start = after_dateline(doc, start, end);
    // "After the Paris attacks, Jane Doe said": an opening adverbial clause
    // or phrase holds no subject; start after its comma.
    let main = opener_end(doc, start, end);
    let start = if main > start {
        let mut after = main;
        // "At a summit in Hilton Head, S.C., Jane Doe said": the state too.
        if let Some(m) = (after < end)
            .then(|| actors.outer_mention_at(after))
            .flatten()
        {
            let e = actors.mention(m).toks().end;
            let place = actors.actor(actors.mention(m).actor()).kind == ActorKind::Place;
            if place && e < end && doc.tok(e) == "," {
                after = e + 1;
            }
        }
        after
    } else {
        start
    };
    (start.max(end.saturating_sub(REACH))..end)
        .filter(|&t| doc.in_quote_at(t).is_none() && !in_title[t])
        // "Here in Columbia, Jane Doe said": a name after a preposition is
        // not the subject (asked only of a token with a mention).
        .find_map(|t| {
            actors
                .mention_at(t)
                .filter(|_| t == 0 || doc.word_class(t - 1) != Some(WordClass::Prep))
        })
        .map(|m| {
            let m = actors
                .outer_mention_at(actors.mention(m).toks().start)
                .unwrap_or(m);
            Anchor::Mention(apposed_person(doc, actors, m, end).unwrap_or(m))
        })
}

/// "Her Conservative rival, Mark Dunne, was ...": the person a comma sets
/// beside the noun phrase that mention `m` modifies (a few lowercase words
/// on), who is the subject, not the party or the place.
fn apposed_person(doc: &Doc, actors: &Actors, m: usize, end: usize) -> Option<usize> {
    let mention = actors.mention(m);
    if actors.actor(mention.actor()).kind == ActorKind::Person {
        return None;
    }
    let e = mention.toks().end;
    let comma = (e..(e + 3).min(end)).find(|&k| doc.tok(k) == ",")?;
    let lowercase = comma > e
        && (e..comma).all(|k| {
            doc.token(k).kind() == TokenKind::Word
                && doc.tok(k).first_is(crate::letters::is_lowercase)
        });
    let p = actors.outer_mention_at(comma + 1)?;
    let pe = actors.mention(p).toks().end;
    (lowercase
        && actors.actor(actors.mention(p).actor()).kind == ActorKind::Person
        && pe < end
        && doc.tok(pe) == ",")
        .then_some(p)
}

/// The subject a gerund or an infinitive takes from its main clause: the
/// last finite cue's, or the first actor of the sentence.
fn main_clause_subject(
    doc: &Doc,
    actors: &Actors,
    in_title: &Bits,
    resolved: &[Resolved],
    sent: std::ops::Range<usize>,
    cue: &Cue,
) -> Option<Anchor> {
    // ("As Jane Doe spoke, the group was going into overdrive, whipping
    // ...": not the opening clause's.)
    let main = opener_end(doc, sent.start, cue.toks.start);
    let prev = crate::at::last_of(resolved, |r| {
        r.cue.form == CueForm::Finite
            && r.actor.is_some()
            && !r.weak
            && (r.cue.toks.start >= main || main == sent.start)
    });
    // ...unless someone acted after that cue ("was speaking when protesters
    // interrupted her, shouting ...").
    let acting = acting_subject(doc, actors, sent.start, cue.toks.start);
    let prev =
        prev.filter(|r| acting.is_none_or(|m| actors.mention(m).toks().start < r.cue.toks.start));
    match prev {
        Some(r) => r.mention.map(Anchor::Mention),
        None => {
            let named = acting
                .map(Anchor::Mention)
                .or_else(|| first_subject(doc, actors, in_title, sent.start, cue.toks.start));
            // "He wrote a column, mocking ...": the opening pronoun.
            match opening_pronoun(doc, sent.clone()) {
                Some(t)
                    if named.is_none_or(|a| match a {
                        Anchor::Mention(m) => actors.mention(m).toks().start > t,
                        _ => false,
                    }) =>
                {
                    Some(Anchor::Pronoun(t))
                }
                // "The central bank held its rate, saying ...": a gerund
                // after a comma has the determiner-led phrase before the
                // main verb, when it names people or a body ("The night
                // ended, ..." does not).
                _ => {
                    let after_comma = cue.form == CueForm::Gerund
                        && cue.toks.start > 0
                        && doc.tok(cue.toks.start - 1) == ",";
                    let agent = |(a, b): (usize, usize)| {
                        (b > a + 1 && agent_head(&doc.tok(b - 1).lower_cow()))
                            .then_some(Anchor::Phrase(a, b))
                    };
                    // ("Kenya's central bank held its rate, saying ...",
                    // "Spain's Ana Ruiz won, saying ...": the owned body or
                    // person, not the owner.)
                    let owned = |a: Anchor| match a {
                        Anchor::Mention(m) if after_comma => {
                            let p = actors.mention(m).toks().end;
                            if p + 1 >= cue.toks.start
                                || doc.token(p).kind() != TokenKind::Possessive
                            {
                                return None;
                            }
                            match actors.mention_at(p + 1) {
                                Some(owned) => Some(Anchor::Mention(owned)),
                                None => run_to_verb(doc, p, cue.toks.start)
                                    .and_then(|b| agent((p + 1, b))),
                            }
                        }
                        _ => None,
                    };
                    match named {
                        Some(a) => owned(a).or(named),
                        None => after_comma
                            .then(|| opening_phrase(doc, sent.start..cue.toks.start))
                            .flatten()
                            .and_then(agent),
                    }
                }
            }
        }
    }
}

/// A noun that names people or a body: "bank", "officials", "the widow".
fn agent_head(w: &str) -> bool {
    let one = |w: &str| lexicon().is_body(w) || names_people(w);
    one(w) || w.strip_suffix('s').is_some_and(one)
}

/// "when protesters interrupted her speech, shouting “...”": the actor
/// right before the nearest past-tense verb before a gerund, in its
/// clause; the gerund's subject when no cue came before it.
fn acting_subject(doc: &Doc, actors: &Actors, start: usize, gerund: usize) -> Option<usize> {
    let from = start.max(gerund.saturating_sub(25));
    let mut k = gerund;
    while k > from + 1 {
        k -= 1;
        let w = doc.tok(k);
        let past = doc.token(k).kind() == TokenKind::Word
            && w.first_is(crate::letters::is_lowercase)
            && w.ends_with("ed");
        if !past || doc.in_quote_at(k).is_some() {
            continue;
        }
        let Some(m) = actors.outer_mention_at(k - 1) else {
            continue;
        };
        let kind = actors.actor(actors.mention(m).actor()).kind;
        if actors.mention(m).toks().end == k && matches!(kind, ActorKind::Person | ActorKind::Group)
        {
            return Some(m);
        }
    }
    None
}

/// The subject of a sentence: its first actor outside quotes and titles, or
/// a pronoun near its start ("Instead, he was back to boasting about
/// “winning”"), resolved.
pub fn sentence_subject(
    doc: &Doc,
    actors: &mut Actors,
    in_title: &Bits,
    sent: std::ops::Range<usize>,
    last_speaker: Option<usize>,
    quote_needs_subject: bool,
) -> Option<usize> {
    let named = match first_subject(doc, actors, in_title, sent.start, sent.end) {
        Some(Anchor::Mention(m)) => Some(m),
        _ => None,
    };
    // "The ad targets a “corrupt system”", "Several said ...": a
    // determiner-led phrase that opens the sentence, right before its verb,
    // made an actor only when a quote in the sentence needs a speaker.
    let phrase = opening_phrase(doc, sent.clone()).filter(|_| quote_needs_subject);
    let first = sent.start;
    let end = sent.end;
    if let Some(t) = opening_pronoun(doc, sent) {
        // ("Several said they ...": the pronoun comes after the subject;
        // "Asked whether she would run, Jane Doe smiled": it is in an
        // opening clause, and the name after its comma is the subject.)
        let opens_main = |m: usize| {
            let toks = actors.mention(m).toks();
            (t + 1..toks.start)
                .find(|&c| doc.tok(c) == ",")
                .is_some_and(|c| {
                    t > first
                        && (c + 1..toks.start).all(|k| doc.is_cap(k) || doc.tok(k) == ".")
                        && (toks.end == end || !doc.tok(toks.end).starts_with(['\'', '’']))
                })
        };
        if named.is_none_or(|m| actors.mention(m).toks().start >= t && !opens_main(m))
            && phrase.is_none()
        {
            // "He said he would offer “a prayer” for the Republican nominee":
            // the subject is the pronoun, even when it cannot be resolved;
            // the name later in the sentence is not.
            let pronoun = Some(Anchor::Pronoun(t));
            return resolve(doc, actors, pronoun, last_speaker, quote_needs_subject).1;
        }
    }
    if let Some((a, b)) = phrase {
        if named.is_none_or(|m| actors.mention(m).toks().start >= b) {
            return resolve(doc, actors, Some(Anchor::Phrase(a, b)), last_speaker, false).1;
        }
    }
    named
}

/// The tokens of a determiner-led noun phrase opening the sentence, before
/// its verb: "The ad" (targets ...), "Several" (said ...).
fn opening_phrase(doc: &Doc, sent: std::ops::Range<usize>) -> Option<(usize, usize)> {
    let a = sent.start;
    let class = |t: usize| doc.word_class(t);
    if a >= sent.end
        || !matches!(
            class(a),
            Some(WordClass::Det | WordClass::Quant | WordClass::Poss)
        )
        || doc.tok(a).eq_ignore_ascii_case("that")
    {
        return None;
    }
    let b = run_end(doc, a, sent.end);
    // ("The so-called “...”": a determiner or possessive alone names
    // nothing; a quantifier does: "Several said".)
    if b == a + 1 && class(a) != Some(WordClass::Quant) {
        return None;
    }
    if verb_stops(doc, b, sent.end) {
        return Some((a, b)); // "Several said", "The ad has", "The fire started"
    }
    // "Her deputy, however, was ...": one lowercase word set off by
    // commas between the phrase and its verb.
    if b + 3 < sent.end
        && doc.tok(b) == ","
        && doc.tok(b + 2) == ","
        && word(doc, b + 1)
        && doc.tok(b + 1).first_is(crate::letters::is_lowercase)
        && verb_stops(doc, b + 3, sent.end)
    {
        return Some((a, b));
    }
    // "The ad targets a ...": the last word of the run is the verb (but
    // "Eight years ago, ..." is an opening phrase).
    if b < sent.end && doc.tok(b) == "," {
        return None;
    }
    let verb = b - 1;
    (verb > a + 1 && doc.tok(verb).first_is(crate::letters::is_lowercase)).then_some((a, verb))
}

fn word(doc: &Doc, t: usize) -> bool {
    doc.token(t).kind() == TokenKind::Word
}

/// A past form ("started", "said") or an auxiliary: a clause's verb.
fn verb_at(doc: &Doc, t: usize) -> bool {
    doc.cue_verb(t).is_some_and(|v| !v.present)
        || matches!(doc.word_class(t), Some(WordClass::Aux))
        || (doc.tok(t).ends_with("ed") && doc.tok(t).first_is(crate::letters::is_lowercase))
        || doc.is(t, Use::IrregularParticiple)
}

/// Where a run of up to five plain words after token `a` stops, before
/// `end`.
fn run_end(doc: &Doc, a: usize, end: usize) -> usize {
    let mut b = a + 1;
    while b < end.min(a + 6) && word(doc, b) && doc.word_class(b).is_none() && !verb_at(doc, b) {
        b += 1;
    }
    b
}

/// The verb right after such a run: "central bank" (held).
fn run_to_verb(doc: &Doc, a: usize, end: usize) -> Option<usize> {
    let b = run_end(doc, a, end);
    verb_stops(doc, b, end).then_some(b)
}

fn verb_stops(doc: &Doc, b: usize, end: usize) -> bool {
    b < end && word(doc, b) && verb_at(doc, b)
}

/// "with Sen. Jane Doe calling it ...": the gerund's own subject, named
/// between "with" (or a dash, a semicolon, "and") and the gerund.
fn with_subject(doc: &Doc, actors: &Actors, gerund: usize) -> Option<usize> {
    // "with Jane Doe reportedly saying"
    let mut end = gerund;
    while end > 0 && is_skippable(doc, end - 1) {
        end -= 1;
    }
    let m = actors.outer_mention_at(end.checked_sub(1)?)?;
    // Back over a determiner or a title ("with the union", "with Sen. Jane Doe").
    let mut p = actors.mention(m).toks().start;
    let mut steps = 0;
    // ...or an absolute clause: "– Jane Doe saying ... and John Roe calling ..."
    let opens = |t: usize| {
        matches!(doc.tok(t), "—" | "–" | "-" | ";") || doc.uses_lower(t).has(Use::AbsoluteOpener)
    };
    while p > 0 && steps < 3 && !opens(p - 1) {
        let w = doc.tok(p - 1);
        let title_or_det = w == "." || doc.is_cap(p - 1) || doc.word_class(p - 1).is_some();
        if !title_or_det {
            return None;
        }
        p -= 1;
        steps += 1;
    }
    (p > 0 && opens(p - 1)).then_some(m)
}

/// "The Gazette quoted Jane Doe as saying ...", "quoting officials as
/// saying": the quoting verb's object speaks, not its subject (who reports
/// it). (An object pronoun, "quoted him as saying", resolves to no speaker:
/// the subject keeps it.)
fn quoted_object(doc: &Doc, actors: &Actors, gerund: usize) -> Option<Anchor> {
    if gerund < 3 || doc.tok(gerund - 1) != "as" {
        return None;
    }
    let m = actors.outer_mention_at(gerund - 2)?;
    let start = actors.mention(m).toks().start;
    let quoting = doc.uses_lower(start.checked_sub(1)?).has(Use::Conduit);
    quoting.then_some(Anchor::Mention(m))
}

/// A personal pronoun among the first words of a sentence, outside quotes.
fn opening_pronoun(doc: &Doc, sent: std::ops::Range<usize>) -> Option<usize> {
    let pronoun = |t: usize| {
        doc.may_be(t, fact::PRONOUN)
            && doc.in_quote_at(t).is_none()
            && is_personal_pronoun(doc.tok(t))
    };
    // ...or right after an opening phrase: "But even then, they ..."
    let after_opener = (sent.start..(sent.start + 8).min(sent.end))
        .find(|&t| doc.tok(t) == ",")
        .map(|c| c + 1)
        .filter(|&t| t < sent.end && pronoun(t));
    (sent.start..(sent.start + 4).min(sent.end))
        .find(|&t| pronoun(t))
        .or(after_opener)
}

#[cfg(test)]
mod tests {
    use super::super::testing::with_doc;
    use super::super::{cues, masks};

    /// Each cue of the first sentence of `text` and its speaker's name.
    fn speakers(text: &str) -> Vec<(String, Option<String>)> {
        with_doc(text, |doc, actors| {
            let in_title = masks::title_tokens(doc, actors);
            let masked = masks::no_cue_tokens(doc, actors, &in_title);
            let sent = doc.sentences[0].tokens();
            let (mut found, mut resolved) = (Vec::new(), Vec::new());
            cues::find(doc, actors, sent.clone(), &masked, &mut found);
            super::of_cues(
                doc,
                actors,
                &in_title,
                sent,
                &mut found,
                None,
                &mut resolved,
            );
            resolved
                .iter()
                .map(|r| {
                    let cue = doc.text[doc.span_of(r.cue.toks.start, r.cue.toks.end)].to_string();
                    (cue, r.actor.map(|a| actors.actors[a].name.clone()))
                })
                .collect()
        })
    }

    fn speaker_of(text: &str, cue: &str) -> Option<String> {
        speakers(text)
            .into_iter()
            .find(|(c, _)| c == cue)
            .unwrap_or_else(|| panic!("no cue {cue:?} in {text:?}"))
            .1
    }

    #[test]
    fn past_an_appositive() {
        let text = "Jane Doe, a spokeswoman for the ministry, said the plan failed.";
        assert_eq!(speaker_of(text, "said").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn past_a_parenthesis() {
        let text = "Jane Doe (D-Ohio) said the plan failed.";
        assert_eq!(speaker_of(text, "said").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn inverted_after_a_quote() {
        let text = "“We won the vote,” said Jane Doe.";
        assert_eq!(speaker_of(text, "said").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn inverted_with_a_title_before_the_name() {
        let text = "“We won the vote,” said the bureau's director, Jane Doe.";
        assert_eq!(speaker_of(text, "said").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn a_participle_object_is_no_subject() {
        let text = "A spokesman speaking to CNN said the plan failed.";
        assert_eq!(speaker_of(text, "said").as_deref(), Some("A spokesman"));
    }

    #[test]
    fn a_role_for_a_name_is_the_role() {
        let text = "A spokesman for Jane Doe said the plan failed.";
        assert_eq!(
            speaker_of(text, "said").as_deref(),
            Some("A spokesman for Jane Doe")
        );
    }

    #[test]
    fn a_coordinated_verb_shares_the_subject() {
        let text = "Jane Doe said the plan failed and said the vote would go ahead.";
        let all = speakers(text);
        assert_eq!(all.len(), 2);
        assert!(all.iter().all(|(_, s)| s.as_deref() == Some("Jane Doe")));
    }

    #[test]
    fn a_coordinated_verb_takes_the_clause_subject() {
        let text = "Adam Roe met Jane Doe and said the plan failed.";
        assert_eq!(speaker_of(text, "said").as_deref(), Some("Adam Roe"));
    }

    #[test]
    fn a_gerund_takes_the_main_clause_subject() {
        let text = "Jane Doe left the room, saying the plan failed.";
        assert_eq!(speaker_of(text, "saying").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn a_gerund_after_with_has_its_own_subject() {
        let text = "The vote passed, with Jane Doe calling it a disgrace.";
        assert_eq!(speaker_of(text, "calling").as_deref(), Some("Jane Doe"));
    }
}
