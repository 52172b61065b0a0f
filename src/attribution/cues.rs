//! Finding the words that report speech or thought in a sentence: verbs
//! ("said", "denied"), phrases ("according to", "called on") and claim nouns
//! ("claims", "denial"). Takes a sentence and the tokens that can be no cue
//! ([`super::masks`]); gives the sentence's [`Cue`]s in text order, each with
//! its form (how it finds its speaker), stance and frames.

use super::words::{
    agent_by, is_personal_pronoun, is_possessive_pronoun, is_skippable,
    is_subject_pronoun_as_written, negated_aux, setting_to_end, that_after, that_within, word_is,
};
use crate::actors::Actors;
use crate::annotation::{MentionKind, Stance};
use crate::at::At;
use crate::at::Ends;
use crate::lexicon::{fact, lexicon, Frames, Use, WordClass};
use crate::text::{lower_in, Bits, Doc, Lower, TokenKind, LOW_MAX};
use std::ops::Range;

/// How a cue relates to its speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueForm {
    /// A finite verb with a subject: "X said".
    Finite,
    /// "saying", "rejecting": the subject is the main clause's.
    Gerund,
    /// "to urge": the subject is the main clause's.
    Infinitive,
    /// "rejected by X": the speaker follows "by".
    PassiveBy,
    /// "according to X".
    According,
    /// "X's claims", "US claims of": a noun with its owner before it.
    Noun,
    /// "it is alleged that", "X is said to", "X was accused of": a passive
    /// with no agent, whose speaker the sentence does not name.
    Impersonal,
}

/// One cue in a sentence.
#[derive(Clone, Debug)]
pub struct Cue {
    /// The cue's tokens.
    pub toks: Range<usize>,
    /// Stance it gives.
    pub stance: Stance,
    /// What it takes as content.
    pub frames: Frames,
    /// How it is used.
    pub form: CueForm,
}

/// "The court heard that ...", "..., a jury heard on Monday": the court
/// report's idiom for what was said in court, by a witness or counsel the
/// sentence does not name; the court hears, it claims nothing. A claim
/// with no claimant, asserted.
pub fn court_heard(doc: &Doc, t: usize, start: usize) -> Option<Cue> {
    if t <= start || !doc.tok(t).eq_ignore_ascii_case("heard") || doc.in_quote_at(t).is_some() {
        return None;
    }
    // ("an inquest has heard": one auxiliary between)
    let aux = usize::from(t > start + 1 && matches!(doc.tok(t - 1), "has" | "had" | "have"));
    let court = doc.tok(t - 1 - aux).lower_cow();
    matches!(
        court.as_ref(),
        "court" | "jury" | "jurors" | "tribunal" | "inquest" | "hearing"
    )
    .then_some(Cue {
        toks: t..t + 1,
        stance: Stance::Assert,
        frames: Frames {
            clause: true,
            ..Frames::default()
        },
        form: CueForm::Impersonal,
    })
}

/// "In Dana Roe's words, ...", "..., in her own words": the owner of the
/// words is the source, as with "according to" (the cue spans the phrase;
/// `subject::of_cue` finds the owner inside it).
fn words_of(doc: &Doc, actors: &Actors, t: usize, start: usize) -> Option<Cue> {
    if t < start + 2 || !doc.tok(t).eq_ignore_ascii_case("words") || doc.in_quote_at(t).is_some() {
        return None;
    }
    let k = t - 1 - usize::from(doc.tok(t - 1).eq_ignore_ascii_case("own"));
    let owner = if doc.may_be(k, fact::PRONOUN) && is_possessive_pronoun(doc.tok(k)) {
        k
    } else if doc.token(k).kind() == TokenKind::Possessive {
        let m = actors.mention_at(k.checked_sub(1)?)?;
        actors.mention(m).toks().start
    } else {
        return None;
    };
    (owner > start && doc.tok(owner - 1).eq_ignore_ascii_case("in")).then(|| Cue {
        toks: owner - 1..t + 1,
        stance: Stance::Assert,
        frames: Frames {
            quote: true,
            clause: true,
            source: true,
            ..Frames::default()
        },
        form: CueForm::According,
    })
}

/// Whether cue `c` is "in X's words" ([`words_of`]): its source is inside it.
pub fn is_words_of(doc: &Doc, c: &Cue) -> bool {
    c.form == CueForm::According && doc.tok(c.toks.end - 1).eq_ignore_ascii_case("words")
}

/// "..., the jury was told.", "..., MPs were told by the minister on
/// Monday": a passive at `t` closing its sentence after a comma (its
/// subject the listener) reports the content before the comma, the
/// "by"-phrase's words or words nobody named said (when its verb reports
/// a clause, no belief: the caller's test).
#[inline(never)]
pub fn closing_passive(doc: &Doc, t: usize, sent: Range<usize>) -> bool {
    let Some(aux) = passive_aux(doc, t, sent.start) else {
        return false;
    };
    // (the listener: words right after the comma or the closing mark, not
    // an auxiliary, a relative or a conjunction: not "X, who was told", "X,
    // 45, has been told by"; "the firm's plan was rejected by": a
    // possessive ending is no comma)
    let c = crate::at::last_back(
        sent.start.max(aux.saturating_sub(6)),
        aux,
        |_| true,
        |k| !matches!(doc.token(k).kind(), TokenKind::Word | TokenKind::Possessive),
    );
    let listener = c.is_some_and(|c| {
        c + 1 < aux
            && !matches!(
                doc.word_class(c + 1),
                Some(WordClass::Aux | WordClass::Rel | WordClass::Conj)
            )
    });
    listener
        && (t + 2 >= sent.end
            || setting_to_end(doc, t + 1, sent.end)
            || (doc.tok(t + 1) == "by"
                && sent.end <= t + 10
                && (t..sent.end).all(|k| doc.tok(k) != "that")))
}

/// Finds the cues of a sentence outside quotations, in order, into `out`
/// (emptied first: one buffer for all sentences).
/// `masked` marks tokens that are names or titles ("United States", "Secretary
/// of State"), which are never cues.
#[inline(always)]
pub fn find(doc: &Doc, actors: &Actors, sent: Range<usize>, masked: &Bits, out: &mut Vec<Cue>) {
    let lex = lexicon();
    out.clear();
    quote_tail_verbs(doc, actors, sent.clone(), out);
    out.extend(speaker_label(doc, actors, sent.clone()));
    let mut t = sent.start;
    while t < sent.end {
        // (The token's length first: most tokens are passed without comparing.)
        if doc.token(t).span().len() == 5 {
            if let Some(cue) = court_heard(doc, t, sent.start) {
                out.push(cue);
                t += 1;
                continue;
            }
            if let Some(cue) = words_of(doc, actors, t, sent.start) {
                out.push(cue);
                t += 1;
                continue;
            }
        }
        if !doc.may_be(t, fact::CUE_VERB | fact::CUE_NOUN | fact::CUE_PHRASE)
            || doc.in_quote_at(t).is_some()
            || doc.token(t).kind() != TokenKind::Word
            || masked.get(t)
        {
            t += 1;
            continue;
        }
        let mut buf = [0; LOW_MAX];
        let w = lower_in(doc.tok(t), &mut buf);
        // (Each word list is asked only when the token's facts allow: a
        // token that passed the test above is in one of them, seldom all.)
        if let Some(cue) = doc
            .may_be(t, fact::CUE_PHRASE)
            .then(|| phrase_cue(doc, t, sent.clone(), &w))
            .flatten()
        {
            t = cue.toks.end;
            out.push(cue);
            continue;
        }
        // "X seemed irritated", "appears closer to a deal", "seemed like a
        // trap": the writer's reading of X, a belief nobody named holds (as
        // "seemed to ..."; not "appeared on television").
        if doc.may_be(t, fact::USES)
            && word_is(&w, Use::Seeming)
            && seems_complement(doc, t, sent.end)
        {
            out.push(Cue {
                toks: t..t + 1,
                stance: Stance::Believe,
                frames: Frames {
                    clause: true,
                    object: true,
                    ..Frames::default()
                },
                form: CueForm::Impersonal,
            });
            t += 1;
            continue;
        }
        // "the United States", "Human Rights Watch": a capital inside a body
        // sentence marks a name, not a verb.
        let capital_inside = || {
            doc.is_cap(t)
                && !doc
                    .paragraph(doc.sentence(doc.sentence_at(t)).para())
                    .heading
                && !crate::actors::is_sentence_initial(doc, t)
        };
        let verb = doc.may_be(t, fact::CUE_VERB).then(|| lex.cue_verb(&w));
        if let Some(v) = verb.flatten().filter(|_| {
            !capital_inside() && (!word_is(&w, Use::SeesAs) || sees_as(doc, t, sent.clone()))
        }) {
            if let Some(form) = classify_verb(doc, t, sent.clone(), v.gerund) {
                let mut stance = denied_doubt(doc, t, sent.start, v.stance);
                // "asked Y to ...", "asked for a meeting": an appeal; not
                // "asked what she would say to ...", a question.
                if stance == Stance::Question
                    && v.frames.inf
                    && !(t + 1 < sent.end && doc.is(t + 1, Use::QuestionOpener))
                    && (is_to_infinitive_after(doc, t, sent.end)
                        || for_after_object(doc, t, sent.end))
                {
                    stance = Stance::Urge;
                }
                // "told residents to leave", "have been told to leave": an
                // instruction, not a statement.
                if stance == Stance::Assert && v.frames.inf && told_to(doc, actors, t, sent.end) {
                    stance = Stance::Urge;
                }
                // "pressed the board on whether ...": a question, not an appeal.
                if stance == Stance::Urge
                    && (t + 2..(t + 7).min(sent.end)).any(|k| {
                        doc.tok(k).eq_ignore_ascii_case("whether")
                            && matches!(doc.tok(k - 1), "on" | "about" | "over")
                    })
                {
                    stance = Stance::Question;
                }
                // "want the government to ...", "wants an inquiry": a wish
                // for others to act, or for a thing, is a preference
                // (believe), not a promise of one's own.
                let object = t + 1 < sent.end
                    && (actors.outer_mention_at(t + 1).is_some()
                        || matches!(
                            doc.word_class(t + 1),
                            Some(WordClass::Det | WordClass::Pron | WordClass::Poss)
                        ));
                // ("wanted answers": a bare noun after a verb of wanting.)
                let only_inf = !v.frames.object && !v.frames.clause;
                let noun = || {
                    t + 1 < sent.end
                        && doc.token(t + 1).kind() == TokenKind::Word
                        && doc.word_class(t + 1).is_none()
                        && doc.tok(t + 1) != "to"
                };
                if stance == Stance::Promise
                    && v.frames.inf
                    && ((object && (only_inf || is_to_infinitive_after(doc, t, sent.end)))
                        || (only_inf && noun()))
                {
                    stance = Stance::Believe;
                }
                // "Internal emails show": a verb right after an -s form
                // makes that one a noun.
                if out.last().is_some_and(|c| {
                    c.toks.end == t
                        && c.form == form
                        && form == CueForm::Finite
                        && doc.tok(c.toks.start).ends_with('s')
                }) {
                    out.pop();
                }
                out.push(Cue {
                    toks: t..t + 1,
                    stance,
                    frames: v.frames,
                    form,
                });
                t += 1;
                continue;
            }
        }
        if let Some(stance) = doc
            .may_be(t, fact::CUE_NOUN)
            .then(|| lex.cue_noun(&w))
            .flatten()
        {
            let stance = denied_doubt(doc, t, sent.start, stance);
            // "the allegation by X that ...": the owner after it (not "a
            // report by X found that ...").
            let by = t + 1 < sent.end
                && matches!(doc.tok(t + 1), "by" | "from")
                && that_after(doc, t + 1, sent.end)
                    .is_some_and(|k| (t + 2..k).all(|j| doc.cue_verb(j).is_none()));
            // "there were complaints that the park ...": a clause with its
            // own subject right after, nobody named (not "the claims that
            // were made", a relative clause).
            let unowned = !by
                && !in_setting(doc, t, sent.start)
                && t + 2 < sent.end
                && doc.tok(t + 1).eq_ignore_ascii_case("that")
                && (doc.is_cap(t + 2)
                    || matches!(
                        doc.word_class(t + 2),
                        Some(WordClass::Det | WordClass::Pron | WordClass::Quant | WordClass::Poss)
                    ));
            let form = if by {
                Some(CueForm::PassiveBy)
            } else if is_owned_noun(doc, t, sent.start) && !subject_of_cue(doc, t, sent.end) {
                Some(CueForm::Noun)
            } else {
                unowned.then_some(CueForm::Impersonal)
            };
            if let Some(form) = form {
                out.push(Cue {
                    toks: t..t + 1,
                    stance,
                    frames: Frames {
                        clause: true,
                        object: true,
                        ..Frames::default()
                    },
                    form,
                });
            }
        }
        t += 1;
    }
    crate::order::sort_by(out, |a, b| a.toks.start.cmp(&b.toks.start));
    drop_settings(doc, out);
}

/// "told investors on a (conference) call that ...": a noun in a setting
/// after a preposition and an article is where words were said, no claim
/// of its own.
fn in_setting(doc: &Doc, t: usize, start: usize) -> bool {
    let mut k = t;
    while k > start
        && k + 3 > t
        && doc.word_class(k - 1).is_none()
        && doc.tok(k - 1).first_is(crate::letters::is_lowercase)
    {
        k -= 1;
    }
    k >= start + 2
        && matches!(
            doc.word_class(k - 1),
            Some(WordClass::Det | WordClass::Poss)
        )
        && doc.is(k - 2, Use::SettingLead)
}

/// "telling the BBC in an interview", "said at a news conference": a
/// setting right after another cue belongs to it and names no speaker of
/// its own.
fn drop_settings(doc: &Doc, out: &mut Vec<Cue>) {
    // Only a cue of several words after another cue can be one (most
    // sentences have none: then no copy of the bounds is made).
    if out.iter().skip(1).all(|c| c.toks.len() <= 1) {
        return;
    }
    let mut ends: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for c in out.iter() {
        ends.push((c.toks.start, c.toks.end));
    }
    let mut i = 0;
    out.retain(|c| {
        let setting = c.toks.len() > 1 && doc.uses_lower(c.toks.start).has(Use::Setting);
        // Cues are sorted by start and none is longer than MAX_CUE_WORDS:
        // only those starting a few tokens back can end within 3 of this
        // one (a look over all of them was quadratic).
        let near = c.toks.start.saturating_sub(3 + MAX_CUE_WORDS);
        let after_cue = setting
            && crate::at::last_back(
                0,
                i,
                |k| ends.at(k).0 >= near,
                |k| {
                    let e = ends.at(k).1;
                    e <= c.toks.start && c.toks.start - e <= 3
                },
            )
            .is_some();
        i += 1;
        !(setting && after_cue)
    });
}

/// The most words a cue phrase may have (`cue_phrases.tsv`; a test checks it).
pub const MAX_CUE_WORDS: usize = 8;

/// The longest multiword cue phrase at token `t` (lowercase `w`) ending
/// by token `end`: its length, stance and frames (also the descriptions'
/// "the mayor's office declined to comment").
pub(crate) fn longest_phrase(
    doc: &Doc,
    t: usize,
    end: usize,
    w: &str,
) -> Option<(usize, Stance, Frames)> {
    let mut best: Option<(usize, Stance, Frames)> = None;
    for p in lexicon().cue_phrases_starting_with(w) {
        let n = p.words.len();
        if n < 2 || t + n > end {
            continue;
        }
        // (the second word asked first: it rules out most phrases of a
        // common first word, "is", "was", "in")
        let matches = doc.tok(t + 1).eq_ignore_ascii_case(p.words.at(1))
            && (0..n).all(|k| doc.tok(t + k).eq_ignore_ascii_case(p.words.at(k)));
        if matches && best.is_none_or(|(m, _, _)| n > m) {
            best = Some((n, p.stance, p.frames));
        }
    }
    best
}

/// The longest multiword cue starting at token `t` (lowercase `w`):
/// "according to", "told reporters", "added that" (whose "that" opens the
/// content and is left out).
fn phrase_cue(doc: &Doc, t: usize, sent: Range<usize>, w: &str) -> Option<Cue> {
    let (n, stance, frames) = longest_phrase(doc, t, sent.end, w)?;
    // "In a statement posted on its website, the ministry said ...": a
    // participle phrase after a noun a preposition governs describes the
    // noun (not after "of": "a group of rabbis called for ..." has its
    // subject).
    let in_phrase = |k: usize| {
        doc.word_class(k) == Some(WordClass::Prep) && !doc.tok(k).eq_ignore_ascii_case("of")
    };
    let participle_phrase = n == 2
        && doc.tok(t).ends_with("ed")
        && !doc.tok(t + 1).eq_ignore_ascii_case("to")
        && doc.is(t + 1, Use::ParticiplePrep);
    let governed = || {
        t >= sent.start + 2
            && doc.tok(t - 1).first_is(crate::letters::is_lowercase)
            && doc.word_class(t - 1).is_none()
            && doc.cue_verb(t - 1).is_none()
            && (in_phrase(t - 2)
                || (t >= sent.start + 3
                    && matches!(
                        doc.word_class(t - 2),
                        Some(WordClass::Det | WordClass::Poss)
                    )
                    && in_phrase(t - 3)))
    };
    if participle_phrase && governed() {
        return None;
    }
    // "is claimed that": a passive, which the verb alone reads (`classify_verb`).
    if passive_aux(doc, t, sent.start).is_some() && doc.cue_verb(t).is_some_and(|v| v.past()) {
        return None;
    }
    // "is said to", "were thought to": a passive, not "is eager to" or
    // "was worried that".
    // "X seemed to ...": the writer's view, nobody's report (but "X
    // appeared to confirm that ...": X's, through the verb after "to").
    let seeming = word_is(w, Use::Seeming);
    if seeming && t + n < sent.end && doc.cue_verb(t + n).is_some() {
        return None;
    }
    // ("is understood to": a participle that is no cue verb of its own,
    // listed with "Y to ..." as what follows, unlike "is eager to")
    let passive = (seeming
        || word_is(w, Use::Passive)
            && (doc.cue_verb(t + 1).is_some_and(|v| v.past()) || (n == 3 && frames.inf)))
        && doc.tok(t + n - 1).eq_ignore_ascii_case("to");
    // "It is understood that ...": what the writer has been told, a claim
    // nobody named makes (the outlet's), like "it was alleged that".
    let it_that = word_is(w, Use::Passive)
        && n == 3
        && t > sent.start
        && doc.tok(t - 1).eq_ignore_ascii_case("it")
        && doc.tok(t + n - 1).eq_ignore_ascii_case("that");
    let form = if frames.source {
        CueForm::According
    } else if passive || it_that {
        CueForm::Impersonal
    } else {
        verb_form(doc, t, sent.start, false)
    };
    let len = if n > 1 && doc.tok(t + n - 1).eq_ignore_ascii_case("that") {
        n - 1
    } else {
        n
    };
    Some(Cue {
        toks: t..t + len,
        stance,
        frames,
        form,
    })
}

/// "Jane Doe: No outside pressure on the inquiry." (a headline), "MOORE:
/// Well, I think ..." (a transcript): a paragraph that opens with a name
/// (and its title) and a colon reports what follows. The colon is the cue
/// (of a claim, or in a transcript of no claim: the turn is a quote, see
/// [`super::turns`]; the cue still names the speaker of the sentence).
fn speaker_label(doc: &Doc, actors: &Actors, sent: Range<usize>) -> Option<Cue> {
    let para = doc.paragraph(doc.sentence(doc.sentence_at(sent.start)).para());
    if para.tokens().start != sent.start {
        return None;
    }
    let (m, colon) = super::turns::label(doc, actors, sent.start, sent.end)?;
    let mention = actors.mention(m);
    // Some words of its own, not a quotation (which "X: “...”" already
    // attributes), around a phrase it quotes or not ("X: Y’s ‘...’ hurts
    // the party").
    let words = (colon + 1..sent.end)
        .filter(|&t| doc.in_quote_at(t).is_none() && doc.token(t).kind() == TokenKind::Word)
        .take(3)
        .count();
    let frames = Frames {
        clause: true,
        ..Frames::default()
    };
    // An interview's "Q:" or "A:" (a pronoun mention, see
    // actors/interview.rs) leaves a quotation in its sentence to the cues
    // around it: "A: The minister told me, “...”" is the minister's.
    let letter = mention.kind() == MentionKind::Pronoun;
    let quoted = (colon + 1..sent.end).any(|t| doc.in_quote_at(t).is_some());
    // "Q: Why now?": a question asks.
    let asks = doc.tok(sent.end - 1) == "?";
    (words >= 3 && !(letter && quoted)).then(|| Cue {
        stance: [Stance::Assert, Stance::Question][asks as usize],
        ..unlisted(colon, frames)
    })
}

/// "There is no question that ...", "no doubt that ...": a doubt denied
/// right before it asserts the clause; "I do not accept that", "never
/// admitted it": a confirmation denied is a denial.
fn denied_doubt(doc: &Doc, t: usize, start: usize, stance: Stance) -> Stance {
    let neg = || t > start && doc.word_class(t - 1) == Some(WordClass::Neg);
    match stance {
        Stance::Question if neg() => Stance::Assert,
        Stance::Confirm if neg() || (t > start && negated_aux(doc.tok(t - 1))) => Stance::Deny,
        s => s,
    }
}

/// A cue at token `t` that is no listed word: a plain statement.
fn unlisted(t: usize, frames: Frames) -> Cue {
    Cue {
        toks: t..t + 1,
        stance: Stance::Assert,
        frames,
        form: CueForm::Finite,
    }
}

/// "“...,” Jane Doe riffed", "“...?” she pressed", "“...,” mused the host":
/// a quotation cut off by a comma (or ending in ? or !) is followed by its
/// attribution, whatever the verb. The word in verb position becomes a cue
/// when no listed cue verb is there.
fn quote_tail_verbs(doc: &Doc, actors: &Actors, sent: Range<usize>, out: &mut Vec<Cue>) {
    // Only this sentence's quotes (quotes never cross sentences).
    let first = doc.quotes.partition_point(|q| q.open_tok() < sent.start);
    let last = doc.quotes.partition_point(|q| q.open_tok() < sent.end);
    for q in doc.quotes.sub(first..last) {
        let Some(close) = q.close_tok() else { continue };
        if !sent.contains(&close)
            || !doc
                .str_of(q.content())
                .last_is(|c| matches!(c, ',' | '?' | '!' | '—' | '-'))
        {
            continue;
        }
        // ("Jane Doe, star of “Knife Night,” praised ...": a title)
        if doc
            .quote_at(close)
            .is_some_and(|i| super::quotes::is_title_in_phrase(doc, i))
        {
            continue;
        }
        let mut s = close + 1;
        if s < sent.end && doc.tok(s) == "," {
            s += 1;
        }
        if s >= sent.end {
            continue;
        }
        let is_verb = |t: usize| {
            t < sent.end
                && doc.token(t).kind() == TokenKind::Word
                && doc.tok(t).first_is(crate::letters::is_lowercase)
                // "referencing the ...": a participle, not a finite verb
                && !doc.tok(t).ends_with("ing")
                && doc.word_class(t).is_none()
                // ("the fire chief, X, said", "chanted “...!” outside the
                // hall": a title's noun or a place word is no verb)
                && !doc.is(t, Use::Locative)
                && !(lexicon().is_title(doc.tok(t)) && t + 1 < sent.end && doc.tok(t + 1) == ",")
                // A listed verb that does not frame quotes elsewhere
                // ("exhorted") frames this one.
                && doc.cue_verb(t).is_none_or(|v| !v.frames.quote)
                && doc.cue_noun(t).is_none()
        };
        // Subject first: a name, a pronoun or "the/a ..." phrase, then the verb.
        let subject_end = if let Some(m) = actors.outer_mention_at(s) {
            Some(actors.mention(m).toks().end)
        } else if doc.may_be(s, fact::PRONOUN) && is_subject_pronoun_as_written(doc.tok(s)) {
            Some(s + 1)
        } else if matches!(doc.word_class(s), Some(WordClass::Det)) {
            // "an angry Hollande retorted": a name inside the phrase ends it.
            let named = (s + 1..(s + 4).min(sent.end))
                .take_while(|&k| doc.token(k).kind() == TokenKind::Word)
                .find_map(|k| actors.outer_mention_at(k))
                .map(|m| actors.mention(m).toks().end);
            // "the editorial read": the last of the lowercase words is the verb.
            named.or_else(|| {
                (s + 1..(s + 6).min(sent.end))
                    .find(|&k| !is_verb(k) || k + 1 >= sent.end || !is_verb(k + 1))
                    .map(|k| if is_verb(k) && k > s + 1 { k } else { k + 1 })
            })
        } else {
            None
        };
        let verb = match subject_end {
            Some(e) if is_verb(e) => Some(e),
            // Verb first: "pressed Jane Doe".
            _ if is_verb(s)
                && s + 1 < sent.end
                && (actors.outer_mention_at(s + 1).is_some()
                    || matches!(doc.word_class(s + 1), Some(WordClass::Det))) =>
            {
                Some(s)
            }
            _ => None,
        };
        // "“...,” the Republican presidential candidate said": a listed verb
        // a few words on is the cue; the word in between is a modifier.
        // ("a source close to the family said": farther past a preposition.)
        let listed_verb_follows = |v: usize| {
            let reach = if v + 1 < sent.end && doc.word_class(v + 1) == Some(WordClass::Prep) {
                8
            } else {
                4
            };
            (v + 1..(v + reach).min(sent.end))
                .take_while(|&k| doc.token(k).kind() == TokenKind::Word)
                .any(|k| doc.cue_verb(k).is_some())
        };
        // "“confidential,” the lowest level of ...", "a subtle dig at ...":
        // after a phrase with no name or pronoun, a word followed by a
        // preposition is the phrase's noun.
        let noun_phrase = |v: usize| {
            matches!(doc.word_class(s), Some(WordClass::Det))
                && actors.outer_mention_at(s).is_none()
                && v + 1 < sent.end
                && doc.word_class(v + 1) == Some(WordClass::Prep)
        };
        if let Some(v) = verb.filter(|&v| !listed_verb_follows(v) && !noun_phrase(v)) {
            let frames = Frames {
                quote: true,
                ..Frames::default()
            };
            out.push(unlisted(v, frames));
        }
    }
}

/// A gerund, an infinitive after "to", or else a finite verb.
fn verb_form(doc: &Doc, t: usize, start: usize, gerund: bool) -> CueForm {
    if gerund {
        return CueForm::Gerund;
    }
    if t > start && doc.tok(t - 1).eq_ignore_ascii_case("to") {
        return CueForm::Infinitive;
    }
    CueForm::Finite
}

/// Decides whether a cue-verb form is used as a verb here, and how.
fn classify_verb(doc: &Doc, t: usize, sent: Range<usize>, gerund: bool) -> Option<CueForm> {
    let lex = lexicon();
    let prev_raw = (t > sent.start).then(|| doc.tok(t - 1));
    let prev = prev_raw.map(Lower::lower_cow);
    // "Kelly charged in ...": a capitalized word before the verb is a name,
    // not a noun the participle describes.
    let prev_lower = prev_raw.is_some_and(|p| p.first_is(crate::letters::is_lowercase));
    // (the word classes asked only when the tokens' facts allow: the
    // facts were worked out for the lowercase forms asked here)
    let prev_class = prev
        .as_deref()
        .filter(|_| doc.may_be(t - 1, fact::GRAMMAR))
        .and_then(|p| lex.word_class(p));
    // "too early to say", "too proud to admit": what is too much to say
    // is not said.
    if prev.as_deref() == Some("to")
        && t >= sent.start + 3
        && doc.tok(t - 3).eq_ignore_ascii_case("too")
    {
        return None;
    }
    let next = (t + 1 < sent.end).then(|| doc.tok(t + 1).lower_cow());
    // "a small protest": a determiner and an adjective before it make a
    // noun; so does an owner's "'s" ("the agency's annual report").
    let det_two_back = t >= sent.start + 2
        && (matches!(
            doc.word_class(t - 2),
            Some(WordClass::Det | WordClass::Quant | WordClass::Poss)
        ))
        && prev_class.is_none()
        && prev.as_deref().is_some_and(|p| lex.cue_verb(p).is_none());
    // "a rare note", "his radio show": a base form after an article or a
    // possessive and a singular modifier is a noun ("the minister said" is
    // not a base form; "most voters say" has a plural subject).
    let verb = doc.cue_verb(t);
    let noun = doc.cue_noun(t).is_some();
    let base = verb.is_some_and(|v| v.base);
    // "came back in 2012", "backed away from": a particle's base form is a
    // verb only after "to" or an auxiliary ("will back the bill"), and an
    // object-only cue before a particle is another sense ("backed down").
    let particle = |k: usize| k < sent.end && doc.uses_lower(k).has(Use::Particle);
    // (not a form of "be": "is back in charge")
    let after_aux = prev.as_deref() == Some("to")
        || (prev_class == Some(WordClass::Aux) && !doc.is(t - 1, Use::Passive));
    // (so is a cue that only reports a clause: "showed up at the polls",
    // "show off the trophy"; but "ruled out a bid" denies one)
    let one_frame = verb.is_some_and(|v| {
        let f = v.frames;
        !(f.inf || f.quote)
            && match f.clause {
                true => !f.object && t + 1 < sent.end && doc.tok(t + 1) != "out",
                false => f.object,
            }
    });
    // ("the numbers add up", "costs added up to ...": a verb of adding or
    // finding before a particle says nothing either)
    let thing_phrasal = || particle(t + 1) && doc.is(t, Use::ThingObject);
    if (base && particle(t) && !after_aux) || ((one_frame || thing_phrasal()) && particle(t + 1)) {
        return None;
    }
    // "expects demand to recover", "says praise from X helps": a word
    // that is also a claim noun, right after a reporting verb, is its
    // object (not "reports show": "show" names no claim).
    if noun && prev_lower && prev.as_deref().is_some_and(|p| lex.cue_verb(p).is_some()) {
        return None;
    }
    // "bigger than expected", "worse than feared": a comparison, no one's view.
    if prev.as_deref() == Some("than") && verb.is_some_and(|v| v.past()) {
        return None;
    }
    // "Please note: ...": a request to the reader, no one's claim.
    if prev.as_deref() == Some("please") {
        return None;
    }
    // "three state primaries": a form that is mostly a noun needs a
    // pronoun, "to" or an auxiliary before it, a clause after it, or a
    // quotation just before ("“...,” the ad states").
    let mostly_noun = doc.is(t, Use::NounFirst)
        && !after_aux
        && (t.saturating_sub(6).max(sent.start)..t).all(|k| doc.in_quote_at(k).is_none())
        && !(t > sent.start
            && doc.may_be(t - 1, fact::PRONOUN)
            && is_personal_pronoun(doc.tok(t - 1)))
        && !matches!(next.as_deref(), Some("that" | ":"));
    if mostly_noun {
        return None;
    }
    // "talks were continuing.", "the count is continuing and ...": a verb
    // that only attributes quotations, in the progressive with nothing after
    // it but a conjunction or a stop, says what goes on, not who speaks.
    // So is "continue" in the present with no quotation near ("The talks
    // continue on Monday.", "The strike continues.").
    let progressive_alone = verb.is_some_and(|v| v.frames.only_quote())
        && t > sent.start
        && ((verb.is_some_and(|v| v.gerund) && doc.is(t - 1, Use::Passive))
            || (verb.is_some_and(|v| v.present)
                && doc.is(t, Use::Aspectual)
                && next.as_deref() != Some("to")
                && (t.saturating_sub(6).max(sent.start)..t).all(|k| doc.in_quote_at(k).is_none())))
        && (t + 1 == sent.end
            || matches!(doc.tok(t + 1), "." | "," | ";")
            || matches!(
                doc.word_class(t + 1),
                Some(WordClass::Conj | WordClass::Prep)
            ))
        && (t + 1..(t + 4).min(sent.end)).all(|k| doc.in_quote_at(k).is_none());
    if progressive_alone {
        return None;
    }
    // ("did the minister say ...?": an auxiliary before the article of a
    // question makes a verb)
    // ("a business-rates discount": after "a", a plural-looking word is
    // a modifier too, never the verb's subject.)
    let singular_article =
        t >= sent.start + 2 && matches!(&*doc.tok(t - 2).lower_cow(), "a" | "an");
    // (not past an adverb: "people close to her now say")
    let base_form_noun = || {
        base && prev
            .as_deref()
            .is_some_and(|p| !p.ends_with('s') || singular_article)
            && !doc.is(t - 1, Use::SpeechAdverb)
            && {
                // an article or a possessive
                let d = doc.tok(t - 2).lower_cow();
                word_is(&d, Use::Article) || lex.word_class(&d) == Some(WordClass::Poss)
            }
            && !(t >= sent.start + 3
                && doc.word_class(t - 3) == Some(WordClass::Aux)
                && doc.tok(sent.end - 1) == "?")
    };
    // "the cable cooking show “Knife Night”", "his radio show, which ...",
    // "another show of strength": a kind of work after a singular word and
    // before a title, a comma, a preposition or an auxiliary is the noun
    // (not "polls show", "to show", "data show that ...").
    // (the look-ups last: most base forms fail the cheap tests)
    let work_noun = base
        && !after_aux
        && prev_raw.is_some_and(|p| !p.ends_with('s') || p.ends_with("ss"))
        && t + 1 < sent.end
        && (matches!(doc.tok(t + 1), "“" | "\"" | "‘" | ",")
            || matches!(
                doc.word_class(t + 1),
                Some(WordClass::Prep | WordClass::Aux | WordClass::Rel | WordClass::Conj)
            ))
        && doc.uses_lower(t).has(Use::WorkNoun)
        && !(doc.may_be(t - 1, fact::PRONOUN) && is_personal_pronoun(doc.tok(t - 1)))
        && !doc.is(t - 1, Use::SpeechAdverb);
    if work_noun {
        return None;
    }
    // "the key states of Florida": an -s form before "of" is a plural noun.
    let plural_of = next.as_deref() == Some("of") && verb.is_some_and(|v| v.present);
    // "The new rules, officials said, will ...": an -s form before a comma
    // and a reporting clause is the subject's noun (not "The company says,
    // in a statement, that ...").
    let plural_before_tail = verb.is_some_and(|v| v.present)
        && next.as_deref() == Some(",")
        && (t + 3..(t + 7).min(sent.end)).any(|k| {
            doc.cue_verb(k).is_some_and(|v| v.past())
                && (t + 2..k).all(|j| doc.token(j).kind() == TokenKind::Word)
        });
    // "the company hopes to ...": after a noun for a person or a body, a
    // form that is also a claim noun is the verb (the noun would be
    // "the company's hopes").
    let after_role = prev
        .as_deref()
        .is_some_and(|p| lex.role(p).is_some() || lex.is_title(p))
        && !plural_of;
    // ("officials familiar with the matter say": a marker's noun is no
    // determiner's modifier of the verb)
    if det_two_back
        && ((noun && !after_role) || base_form_noun() || plural_of || plural_before_tail)
        && super::subject::marker_before(doc, t, sent.start).is_none()
    {
        return None;
    }
    // A word that is also a claim noun after a determiner, or after an
    // owner's "'s" in the sentence's subject ("The mayor's promise to ...
    // has drawn"; not the object of "rejected Jane Doe's claim"), is the noun.
    let owned_subject = t > sent.start
        && doc.token(t - 1).kind() == TokenKind::Possessive
        && (sent.start..t)
            .all(|k| doc.cue_verb(k).is_none() && doc.word_class(k) != Some(WordClass::Aux));
    if noun
        && (matches!(
            prev_class,
            Some(WordClass::Det | WordClass::Quant | WordClass::Poss)
        ) || next.as_deref() == Some("of")
            || owned_subject)
    {
        return None;
    }
    // "The agency's annual report says": an owned noun, a modifier
    // between, before a verb that reports.
    if noun
        && t >= sent.start + 2
        && doc.token(t - 2).kind() == TokenKind::Possessive
        && prev_lower
        && prev_class.is_none()
        && subject_of_cue(doc, t, sent.end)
    {
        return None;
    }
    // "head of state", "in response": a lemma after a preposition other
    // than "to" is a noun.
    if base && prev_class == Some(WordClass::Prep) && prev.as_deref() != Some("to") {
        return None;
    }
    // "faced questions about", "denied reports that": an -s form right
    // after a lowercase past form (a verb, or a participle before its
    // noun: "renewed calls") is that verb's object, a noun; a verb in the
    // present does not follow a verb in the past.
    // (Not in a relative clause the past verb reports: "the agency, which
    // he argued seeks to ...".)
    let after_past = prev_lower
        && prev_class.is_none()
        && verb.is_some_and(|v| v.present && !v.base)
        && prev
            .as_deref()
            .is_some_and(|p| p.len() > 3 && p.ends_with("ed") && !p.ends_with("eed"))
        && !(t.saturating_sub(4).max(sent.start)..t - 1).any(|k| {
            doc.may_be(k, fact::USES)
                && (doc.is(k, Use::Relative) || doc.tok(k).eq_ignore_ascii_case("that"))
        });
    if after_past {
        return None;
    }
    // "in five states", "two contests": an -s form after a preposition, a
    // number or a plural quantifier (not one that stands alone: "one
    // says") is a plural noun (and one before another verb, in `find`).
    let counted = t > sent.start
        && (doc.token(t - 1).kind() == TokenKind::Number
            || (prev_class == Some(WordClass::Quant)
                && !prev
                    .as_deref()
                    .is_some_and(|p| word_is(p, Use::LoneQuantifier))));
    // "the new rules have ...", "private emails were": one before an
    // auxiliary after a lowercase modifier is the subject (not "which he
    // believes will ...").
    let before_aux = next
        .as_deref()
        .filter(|_| doc.may_be(t + 1, fact::GRAMMAR))
        .and_then(|n| lex.word_class(n))
        == Some(WordClass::Aux)
        && prev_lower
        && prev_class.is_none()
        && !is_skippable(doc, t - 1);
    // "to Western states, where ...", "several states in the South": one
    // after a quantifier, or after a modifier with a preposition before
    // it, and before punctuation or a locative preposition with no "that"
    // on, is a plural noun.
    let modified = prev_class == Some(WordClass::Quant)
        || (prev_class.is_none()
            && t >= sent.start + 2
            && doc.word_class(t - 2) == Some(WordClass::Prep));
    // (not "attacks from X", "views on Y": a claim noun's source or topic;
    // nor "X of State wants to ...")
    let loose_plural = modified
        && (t + 1 == sent.end
            || doc.token(t + 1).kind() == TokenKind::Punct
            || (doc.is(t + 1, Use::Locative) && !matches!(doc.tok(t + 1), "from" | "to")))
        && that_after(doc, t, sent.end).is_none();
    if verb.is_some_and(|v| v.present)
        && !base
        && (counted || before_aux || loose_plural || prev_class == Some(WordClass::Prep))
    {
        return None;
    }
    // "rejected by X": passive with its agent.
    let by = agent_by(doc, t, sent.end).is_some();
    if by && doc.tok(t).ends_with("ed") && !matches!(prev_class, Some(WordClass::Aux)) {
        return Some(CueForm::PassiveBy);
    }
    // (a past form: "-ed", "told", "known")
    let past = verb.is_some_and(|v| v.past());
    // "was asked whether ...", "has been asked about ...", "were asked to
    // ...": a question or request put by nobody the sentence names (not
    // "Asked whether ..., she said": the writer's question).
    let asked = past
        && verb.is_some_and(|v| v.stance == Stance::Question)
        && (next.as_deref() == Some("to")
            || (t + 1..(t + 8).min(sent.end))
                .take_while(|&k| doc.token(k).kind() == TokenKind::Word)
                .any(|k| doc.is(k, Use::QuestionOpener)));
    // "“Never,” she said when asked whether ...": the one asked does not
    // ask (an opening "When asked ..., she said" stays the writer's
    // question, as "Asked ...").
    if asked
        && t > sent.start + 1
        && prev_class == Some(WordClass::Conj)
        && !doc.uses_lower(t - 1).has(Use::Coordinator)
    {
        return Some(CueForm::Impersonal);
    }
    // "laughed when told of ...", "if pressed on ...": a past form right
    // after a subordinating conjunction is a passive without its "be"
    // (someone told her), no claim of the subject's.
    if past
        && t > sent.start + 1
        && prev_class == Some(WordClass::Conj)
        && !doc.uses_lower(t - 1).has(Use::Coordinator)
    {
        return None;
    }
    if let Some(aux) = passive_aux(doc, t, sent.start).filter(|_| past) {
        // "it was alleged that ...", "she is accused of ...": a report
        // nobody named makes; other passives ("was told", "is expected")
        // carry no claim.
        let it = (aux.saturating_sub(2).max(sent.start)..aux)
            .any(|k| doc.tok(k).eq_ignore_ascii_case("it"));
        // ("it is believed they ...", "it was reported the minister had
        // ...": a clause without its "that"; not "it was announced the day
        // before", no verb)
        let finite =
            |k: usize| doc.word_class(k) == Some(WordClass::Aux) || doc.tok(k).ends_with("ed");
        let clause = t + 2 < sent.end
            && (doc
                .pronoun(t + 1)
                .is_some_and(|p| p.subject && !p.possessive)
                || (doc.word_class(t + 1) == Some(WordClass::Det)
                    && (t + 2..(t + 8).min(sent.end)).any(finite))
                // ("were told there was no money")
                || (doc.tok(t + 1) == "there" && finite(t + 2)));
        let it = it && (clause || that_after(doc, t - 1, sent.end).is_some());
        // "Residents were warned that the river could rise", "the jury was
        // told the tablets were sold": the listener's passive reports words
        // nobody named said (not a belief: "she was convinced that" is
        // hers; a verb follows: not "was announced that day").
        let reports = verb.is_some_and(|v| v.frames.clause && v.stance != Stance::Believe);
        let heard = reports
            && (clause
                || (next.as_deref() == Some("that")
                    && (t + 2..(t + 10).min(sent.end)).any(finite)));
        let closing = reports && closing_passive(doc, t, sent.clone());
        let of = next.as_deref() == Some("of") && verb.is_some_and(|v| v.frames.of);
        // "is widely expected to", "was also said to", and an instruction
        // nobody named gives: "have been told to leave" (docs/format.md)
        let to = next.as_deref() == Some("to") && verb.is_some();
        // "X was accused by Y of ...", "was rejected by Y" (not "the strike
        // was called by Y": a plain "call" reports nothing here)
        if by && (closing || verb.is_some_and(|v| v.stance != Stance::Assert)) {
            return Some(CueForm::PassiveBy);
        }
        // "is widely seen as ...", "was viewed as ...": a view nobody named holds.
        let as_view =
            next.as_deref() == Some("as") && verb.is_some_and(|v| v.stance == Stance::Believe);
        return (it || heard || closing || of || to || asked || as_view)
            .then_some(CueForm::Impersonal);
    }
    // "Jane Doe, described as a moderate, ...", "the plan, widely seen as
    // doomed": a participle after a comma (an adverb between) with "as"
    // next is a passive without its "be"; the name before the comma is the
    // one described, not the one who describes.
    // ("X, known as Y": a name after "as" names X; it reports nothing.)
    let comma = t - usize::from(t > sent.start + 1 && is_skippable(doc, t - 1));
    if past && next.as_deref() == Some("as") && comma > sent.start && doc.tok(comma - 1) == "," {
        // ("known as the Lark": past "the")
        let n = t + 2 + usize::from(t + 3 < sent.end && doc.tok(t + 2) == "the");
        let named = n < sent.end && (doc.is_cap(n) || doc.quote_at(n).is_some());
        return (!named).then_some(CueForm::Impersonal);
    }
    // "the force known as X", "a leader expected to": an adjective-like participle.
    let participle = {
        let w = doc.tok(t).lower_cow();
        w.ends_with("ed") || w.ends_with("wn")
    };
    let prev_is_noun = prev_lower
        && prev_class.is_none()
        && prev.as_deref().is_some_and(|p| lex.cue_verb(p).is_none());
    // ("the committee warned in a report that ...": a clause follows, so
    // the verb is finite.)
    // ("a spokeswoman confirmed to reporters that ...": past a listener.)
    let listener = || {
        next.as_deref() == Some("to")
            && t + 2 < sent.end
            && (doc.is(t + 2, Use::Addressee)
                || doc.is_cap(t + 2)
                || matches!(
                    doc.word_class(t + 2),
                    Some(WordClass::Det | WordClass::Poss | WordClass::Pron)
                ))
    };
    if participle
        && prev_is_noun
        && !claim_noun_clause(doc, t, sent.start)
        && that_within(doc, t, sent.end, 8, listener()).is_none()
        && !closing_setting(doc, t, sent.clone())
        // ("the mayor vowed on Tuesday to ...": so does a promise's "to")
        && !(verb.is_some_and(|v| v.stance == Stance::Promise && v.frames.inf)
            && (t + 1..(t + 6).min(sent.end - 1)).any(|k| {
                // (or a quotation: "vowed to “finish the job”")
                doc.tok(k) == "to"
                    && ((doc.tok(k + 1).first_is(crate::letters::is_lowercase)
                        && doc.word_class(k + 1).is_none())
                        || doc.quote_at(k + 1).is_some())
            }))
        && next
            .as_deref()
            .is_some_and(|n| word_is(n, Use::ParticiplePrep))
    {
        return None;
    }
    // "a firm called Cambridge Analytica", "a group named “Fair Fares”": a
    // naming participle after a noun for no person names something; it
    // reports nothing.
    let naming = matches!(
        &*doc.tok(t).lower_cow(),
        "called" | "named" | "dubbed" | "titled" | "nicknamed"
    );
    let named_next = t + 1 < sent.end
        && (doc.is_cap(t + 1) || doc.quote_at(t + 1).is_some())
        && doc.word_class(t + 1).is_none();
    let adverb = || {
        let u = doc.uses_lower(t - 1);
        u.has(Use::Between) || u.has(Use::SpeechAdverb) || is_skippable(doc, t - 1)
    };
    // ("a worker named Tom Arrow said": a role noun after "a" is named
    // too; not "the senator called Pennick a liar".)
    let named_after_indefinite = || {
        crate::actors::gives_name(doc, t)
            && crate::at::last_back(
                t.saturating_sub(4).max(sent.start),
                t - 1,
                |k| doc.token(k).kind() == TokenKind::Word,
                |k| crate::actors::indefinite(doc, k),
            )
            .is_some()
    };
    if naming
        && prev_is_noun
        && named_next
        && !adverb()
        && (prev
            .as_deref()
            .is_some_and(|p| lex.role(p).is_none() && !lex.is_title(p))
            || named_after_indefinite())
    {
        return None;
    }
    if matches!(prev_class, Some(WordClass::Det)) {
        return None; // "the said", "a report"
    }
    // "any written offer", "some stated goals": a participle between a
    // determiner or quantifier and a lowercase noun describes the noun.
    // So does one right after a verb in "-ing" or "-ed" ("ignoring repeated
    // warnings", "the council ignored repeated calls").
    // ("those surveyed said": not "said"; "committing repeated gaffes":
    // the verb before may be a cue verb too)
    let verb_before = prev_lower
        && prev_class.is_none()
        && doc.tok(t).ends_with("ed")
        && prev
            .as_deref()
            .is_some_and(|p| p.ends_with("ing") || p.ends_with("ed"));
    // ("270 pledged delegates", "a lead in pledged delegates": after a
    // number or a preposition other than "to", and before a plural, a past
    // form is no finite verb either (but "four in ten said voters were
    // ...": the plural is a clause's subject; and after an owner's "'s" it
    // is the owner's word: "the mayor's proposed ban" is the mayor's
    // proposal.)
    // (a decade is no count: "a man in his 40s told officers")
    let modifier_before = t > sent.start
        && ((doc.token(t - 1).kind() == TokenKind::Number && !doc.tok(t - 1).ends_with('s'))
            || (prev_class == Some(WordClass::Prep) && prev.as_deref() != Some("to")))
        && next
            .as_deref()
            .is_some_and(|n| n.ends_with('s') && !n.ends_with("ss"))
        && !(t + 2 < sent.end && doc.word_class(t + 2) == Some(WordClass::Aux));
    let adjective = past
        && (matches!(prev_class, Some(WordClass::Quant)) || verb_before || modifier_before)
        && next.as_deref().is_some_and(|n| {
            n.first_is(crate::letters::is_alphabetic) && lex.word_class(n).is_none()
        })
        && t + 1 < sent.end
        && doc.tok(t + 1).first_is(crate::letters::is_lowercase);
    if adjective {
        return None;
    }
    // "crossings would continue “whatever happens”": a verb that only
    // frames quotations, in its base form after an auxiliary and right
    // before a quotation, says what may happen, not what was said.
    if verb.is_some_and(|v| v.base && !v.frames.clause && !v.frames.inf)
        && prev_class == Some(WordClass::Aux)
        && t + 1 < sent.end
        && doc.quote_at(t + 1).is_some()
    {
        return None;
    }
    Some(verb_form(doc, t, sent.start, gerund))
}

/// "The agency's report says ...", "Her warning, issued on Monday, said
/// ...": the noun is the subject of a cue verb right after it (or after a
/// phrase set off by commas), which reports what the noun holds.
fn subject_of_cue(doc: &Doc, t: usize, end: usize) -> bool {
    let verb = |k: usize| k < end && doc.cue_verb(k).is_some_and(|v| !v.gerund);
    verb(t + 1)
        || (t + 1 < end
            && doc.tok(t + 1) == ","
            && (t + 2..(t + 12).min(end))
                .find(|&k| doc.tok(k) == ",")
                .is_some_and(|c| verb(c + 1)))
}

/// "Prices will rise, analysts argued on Tuesday.": a participle after a
/// short noun phrase that a comma opens, with only a setting of a few words
/// after it to the sentence's end ("on Tuesday", "in a note"), has no main verb to be a relative clause
/// of: it is the closing clause's verb.
fn closing_setting(doc: &Doc, t: usize, sent: Range<usize>) -> bool {
    // (the first of the lowercase words right before `t`, back to 4)
    let lo = sent.start.max(t.saturating_sub(4));
    let mut k = t;
    while k > lo && doc.token(k - 1).kind() == TokenKind::Word && !doc.is_cap(k - 1) {
        k -= 1;
    }
    let comma = k < t && k > sent.start + 1 && doc.tok(k - 1) == ",";
    // (not "known as X", "pleaded for Y": their words are an object)
    comma && doc.tok(t).ends_with("ed") && setting_to_end(doc, t + 1, sent.end)
}

/// "was", "is also": the passive auxiliary right before token `t` (past an
/// adverb; "was already being": past a progressive's "being" too).
fn passive_aux(doc: &Doc, t: usize, start: usize) -> Option<usize> {
    let being = t > start && doc.is(t - 1, Use::ProgressivePassive);
    crate::at::last_back(
        start.max(t.saturating_sub(2 + usize::from(being))),
        t,
        |_| true,
        |k| doc.is(k, Use::Passive) || !is_skippable(doc, k),
    )
    .filter(|&k| doc.is(k, Use::Passive))
}

/// "saw that ...", "sees the plan as a trap": a verb of seeing at `t`
/// that reports a view (an "as" a few words on, no punctuation between).
fn sees_as(doc: &Doc, t: usize, sent: Range<usize>) -> bool {
    let end = sent.end;
    if t + 1 < end && doc.tok(t + 1).eq_ignore_ascii_case("that") {
        return true;
    }
    // ("is seen as a favourite": right after a passive's participle)
    // (not a comparison's "as": "has seen as many as forty")
    let passive = passive_aux(doc, t, sent.start).is_some();
    let is_as = |k: usize| k < end && doc.tok(k) == "as";
    (t + 2 - usize::from(passive)..end.min(t + 9))
        .take_while(|&k| doc.token(k).kind() == TokenKind::Word)
        .any(|k| is_as(k) && !is_as(k + 2) && !(k >= 2 && is_as(k - 2)))
}

/// "seemed irritated", "appears likely to", "seems that", "seemed like
/// ...": a complement right after a verb of seeming at `t` (not "to",
/// which `cue_phrases.tsv` reads, nor a place or time: "appeared on
/// television", "appeared briefly in court").
fn seems_complement(doc: &Doc, t: usize, end: usize) -> bool {
    let n = t + 1;
    let w = doc.tok(n.min(end - 1));
    n + 1 < end
        && doc.token(n).kind() == TokenKind::Word
        && !doc.is_cap(n)
        && (w == "that"
            || w == "like"
            || match doc.word_class(n) {
                Some(c) => matches!(c, WordClass::Det | WordClass::Quant | WordClass::Neg),
                None => !(w.ends_with("ly") && doc.is(n + 1, Use::Setting)),
            })
}

/// "asked the council to ...": a "to" within a few words after token `t`.
/// "told to leave", "told them to leave", "told the tenants to leave": a
/// "to" right after the verb or after its object (a mention or an object
/// pronoun), then a word.
fn told_to(doc: &Doc, actors: &Actors, t: usize, end: usize) -> bool {
    let mut k = t + 1;
    if let Some(m) = actors.outer_mention_at(k) {
        k = actors.mention(m).toks().end;
    } else if k < end
        && matches!(
            doc.tok(k).lower_cow().as_ref(),
            "him" | "her" | "them" | "us" | "me"
        )
    {
        k += 1;
    } else {
        // "the campers", "local families": a short phrase of nouns and
        // modifiers (no pronoun, verb or preposition before the "to")
        while k < end
            && k < t + 4
            && doc.token(k).kind() == TokenKind::Word
            && !doc.tok(k).eq_ignore_ascii_case("to")
            && doc.cue_verb(k).is_none()
            && matches!(
                doc.word_class(k),
                None | Some(WordClass::Det | WordClass::Quant | WordClass::Poss)
            )
        {
            k += 1;
        }
    }
    k + 1 < end
        && doc.tok(k).eq_ignore_ascii_case("to")
        && doc.token(k + 1).kind() == TokenKind::Word
}

fn is_to_infinitive_after(doc: &Doc, t: usize, end: usize) -> bool {
    (t + 1..(t + 6).min(end)).any(|k| doc.tok(k).eq_ignore_ascii_case("to"))
}

/// "a charge the company swiftly rejected as ...": a clause with no
/// "that" after a claim noun, whose subject opens with a determiner; its
/// past form is finite, no participle.
fn claim_noun_clause(doc: &Doc, t: usize, start: usize) -> bool {
    (t.saturating_sub(6).max(start)..t.saturating_sub(2)).any(|k| {
        doc.cue_noun(k).is_some()
            && doc.word_class(k + 1) == Some(WordClass::Det)
            && (k..t).all(|j| doc.token(j).kind() == TokenKind::Word)
    })
}

/// "asked for a meeting", "asked the council for a refund": a "for" that
/// is the first preposition after the verb, within a few words.
fn for_after_object(doc: &Doc, t: usize, end: usize) -> bool {
    (t + 1..(t + 5).min(end))
        .take_while(|&k| doc.token(k).kind() == TokenKind::Word)
        .find(|&k| doc.word_class(k) == Some(WordClass::Prep))
        .is_some_and(|k| doc.tok(k).eq_ignore_ascii_case("for"))
}

/// "US claims", "the minister's claims", "Smith's denial": a claim noun
/// whose owner stands right before it.
fn is_owned_noun(doc: &Doc, t: usize, start: usize) -> bool {
    if t == start {
        return false;
    }
    let p = t - 1;
    doc.token(p).kind() == TokenKind::Possessive
        || (doc.is_cap(p) && doc.word_class(p).is_none())
        // "doubted her promise to ...", but not "repeated his claim", which
        // the asserting verb already reports.
        || (doc.may_be(p, fact::PRONOUN)
            && is_possessive_pronoun(doc.tok(p))
            && !(p > start
                && doc.cue_verb(p - 1).is_some_and(|v| {
                    matches!(v.stance, Stance::Assert | Stance::Confirm | Stance::Promise)
                })))
}

#[cfg(test)]
mod tests {
    use super::super::masks;
    use super::super::testing::with_doc;
    use super::CueForm;
    use crate::annotation::Stance;

    /// The cues of the first sentence of `text`: words, form and stance.
    fn cues(text: &str) -> Vec<(String, CueForm, Stance)> {
        with_doc(text, |doc, actors| {
            let in_title = masks::title_tokens(doc, actors);
            let masked = masks::no_cue_tokens(doc, actors, &in_title);
            let sent = doc.sentences[0].tokens();
            let mut found = Vec::new();
            super::find(doc, actors, sent, &masked, &mut found);
            found
                .into_iter()
                .map(|c| {
                    let words = doc.text[doc.span_of(c.toks.start, c.toks.end)].to_string();
                    (words, c.form, c.stance)
                })
                .collect()
        })
    }

    fn forms(text: &str) -> Vec<(String, CueForm)> {
        cues(text).into_iter().map(|(w, f, _)| (w, f)).collect()
    }

    fn one(words: &str, form: CueForm) -> Vec<(String, CueForm)> {
        vec![(words.to_string(), form)]
    }

    #[test]
    fn a_finite_verb() {
        assert_eq!(
            forms("Jane Doe said the plan failed."),
            one("said", CueForm::Finite)
        );
    }

    #[test]
    fn according_to() {
        assert_eq!(
            forms("The plan failed, according to Jane Doe."),
            one("according to", CueForm::According)
        );
    }

    #[test]
    fn a_passive_with_its_agent() {
        assert_eq!(
            forms("The plan was quickly rejected by Jane Doe."),
            one("rejected", CueForm::PassiveBy)
        );
    }

    #[test]
    fn a_passive_without_agent_is_no_cue() {
        assert!(forms("The bridge was announced in May.").is_empty());
    }

    #[test]
    fn an_agentless_report_is_impersonal() {
        for (text, cue) in [
            ("Jane Doe was accused of fraud.", "accused"),
            // an instruction nobody named gives (docs/format.md)
            ("Jane Doe was told to leave.", "told"),
            ("It was alleged that the count was wrong.", "alleged"),
            ("It is claimed that the count was wrong.", "claimed"),
            ("The ferry is said to be the oldest.", "is said to"),
        ] {
            assert_eq!(forms(text), one(cue, CueForm::Impersonal), "{text}");
        }
    }

    #[test]
    fn a_gerund_and_an_infinitive() {
        assert_eq!(
            forms("Jane Doe left, saying the plan failed."),
            one("saying", CueForm::Gerund)
        );
        assert_eq!(
            forms("Jane Doe tried to deny the report."),
            one("deny", CueForm::Infinitive)
        );
    }

    #[test]
    fn an_owned_claim_noun() {
        assert_eq!(
            forms("US claims of a build-up were false."),
            one("claims", CueForm::Noun)
        );
        let found = forms("The town doubted her promise to act.");
        assert!(found.contains(&("promise".to_string(), CueForm::Noun)));
    }

    #[test]
    fn a_noun_after_a_determiner_is_no_verb() {
        assert!(forms("A report in the paper was false.").is_empty());
    }

    #[test]
    fn a_word_that_is_mostly_a_noun_is_a_verb_only_with_a_subject_pronoun_or_clause() {
        assert!(forms("Three state primaries and two contests remain.").is_empty());
        assert!(forms("She won every swing state in March.").is_empty());
        assert_eq!(
            forms("It states that the fee is legal."),
            one("states", CueForm::Finite)
        );
        assert_eq!(
            forms("“We stand firm,” the union states."),
            one("states", CueForm::Finite)
        );
    }

    #[test]
    fn any_verb_after_a_quote_cut_off_by_a_comma() {
        assert_eq!(
            forms("“We won the vote,” she riffed."),
            one("riffed", CueForm::Finite)
        );
    }

    #[test]
    fn a_name_and_a_colon_opening_a_paragraph() {
        assert_eq!(
            forms("Jane Doe: No outside pressure on the inquiry"),
            one(":", CueForm::Finite)
        );
    }

    #[test]
    fn asked_to_is_an_appeal() {
        let found = cues("Jane Doe asked the council to delay the vote.");
        assert_eq!(found[0].2, Stance::Urge);
    }

    #[test]
    fn no_cue_phrase_is_longer_than_the_cap() {
        for p in crate::lexicon::lexicon().cue_phrases() {
            assert!(p.words.len() <= super::MAX_CUE_WORDS, "{:?}", p.words);
        }
    }

    #[test]
    fn a_setting_after_a_cue_is_dropped() {
        let found = forms("Jane Doe said at a news conference that the plan failed.");
        assert_eq!(found, one("said", CueForm::Finite));
    }
}
