//! Deciding each quotation's speaker and kind.
//!
//! In order of preference: a cue right before the quote ("X said: “...”",
//! "X urged “...”"), the reporting clause that ends the sentence ("“...,” X
//! said"), "X: “...”", the speaker of the paragraph's earlier quote, and for a
//! paragraph that only quotes, the previous paragraph's speaker. A cue before
//! the quote whose speaker differs from the sentence's reporting clause makes
//! the quote relayed: the words are the first speaker's, reported by the other.

use super::cues::CueForm;
use super::drafts::{QuoteDraft, Resolved};
use super::tail::tail;
use super::words::opener_end;
use crate::actors::Actors;
use crate::annotation::{MentionKind, QuoteKind};
use crate::text::{Doc, TokenKind};

/// What earlier sentences tell later ones.
#[derive(Default)]
pub struct State {
    /// The last quote's speaker, its paragraph and its anchor mention.
    last_quote: Option<(Option<usize>, usize, Option<usize>)>,
    /// The subject of the current sentence (its first actor outside quotes).
    pub sentence_subject: Option<usize>,
    /// The previous sentence's subject mention and that sentence's index.
    pub previous_subject: Option<(usize, usize)>,
    /// The last speaker found by a cue, and the sentence it was found in.
    pub speaker_sentence: Option<(usize, usize)>,
    /// For each paragraph: does it hold nothing but quotations?
    only_quotes: Vec<bool>,
    /// A sentence ended with "X said:" — the next quote is X's.
    colon_speaker: Option<(usize, Option<usize>, usize)>,
}

impl State {
    /// The state at the start of `doc`.
    pub fn new(doc: &Doc) -> State {
        State {
            only_quotes: (0..doc.paras.len())
                .map(|p| paragraph_only_quotes(doc, p))
                .collect(),
            ..State::default()
        }
    }

    /// The actor who spoke or claimed last.
    pub fn last_speaker(&self) -> Option<usize> {
        self.speaker_sentence.map(|(a, _)| a)
    }
}

/// Attributes the quotes that open in sentence `si`.
pub fn attribute_sentence(
    doc: &Doc,
    actors: &Actors,
    resolved: &[Resolved],
    si: usize,
    state: &mut State,
) -> Vec<QuoteDraft> {
    let sent = doc.sentences[si].tokens.clone();
    let para = doc.sentences[si].para;
    let mut out: Vec<QuoteDraft> = Vec::new();
    // Quotes are in text order: find this sentence's by binary search.
    let first = doc.quotes.partition_point(|q| q.open_tok < sent.start);
    let quotes: Vec<usize> = (first..doc.quotes.len())
        .take_while(|&q| doc.quotes[q].open_tok < sent.end)
        .collect();
    // Computed once per paragraph: a paragraph may hold thousands of sentences.
    let para_only_quotes = state.only_quotes[para];
    for q in quotes {
        let rq = doc.quotes[q];
        let close = rq.close_tok.unwrap_or(sent.end);
        // Cues are in text order; look at the few right before the quote.
        let before = resolved.partition_point(|r| r.cue.toks.end <= rq.open_tok);
        let candidates: Vec<&Resolved> = resolved[before.saturating_sub(8)..before]
            .iter()
            .rev()
            // A claim noun speaks only for the words right after it: "her
            // remark that “...”", "his calls to end the “...”".
            .filter(|r| {
                r.actor.is_some()
                    && (r.cue.form != CueForm::Noun || r.cue.toks.end + 4 >= rq.open_tok)
            })
            .collect();
        // "Jane Doe said an audit had found “...”": the quote is the named
        // speaker's words, not those of the unnamed thing nested in her clause.
        let unnamed = |r: &Resolved| {
            r.mention
                .is_some_and(|m| actors.mentions[m].kind == MentionKind::Description)
        };
        // A phrase quoted inside a reported clause belongs to the sentence's
        // reporting speaker: "Jane Doe said the plan had made voters 'very
        // angry'" is hers, not the plan's. A full-sentence quote takes the
        // nearest cue ("she said: “...”").
        let partial_guess = !(rq.open_tok == sent.start
            || matches!(doc.tok(rq.open_tok.saturating_sub(1)), ":" | ","));
        // ...unless a cue governs the quote directly: "to urge “a pause”",
        // "what it called an “unprecedented” build-up".
        // A finite verb inside a clause another speaker reports ("Jane Doe
        // said that the minister shows “great charm”") does not govern: the
        // words are the reporting speaker's.
        // (A colon right after the cue sets the words apart: "..., to which
        // John Roe interjected: “...”" are his.)
        let reported_inside = |r: &Resolved| {
            r.cue.form == CueForm::Finite
                && !(r.cue.toks.end + 1 == rq.open_tok && doc.tok(r.cue.toks.end) == ":")
                && candidates.iter().any(|o| {
                    o.cue.form == CueForm::Finite
                        && o.cue.frames.clause
                        && o.cue.toks.start < r.cue.toks.start
                        // ("X weighed in on Tuesday, hours after Y said he
                        // was “...”": a comma ends what X reports.)
                        && (o.cue.toks.end..r.cue.toks.start).all(|t| doc.tok(t) != ",")
                        && o.actor != r.actor
                        && !unnamed(o)
                })
        };
        // ("a claim Moscow denies — “...?” asked X": a dash sets the quote off.)
        let governs = |r: &&Resolved| {
            r.cue.toks.end + 2 >= rq.open_tok
                && !(r.cue.toks.end..rq.open_tok).any(|t| matches!(doc.tok(t), "—" | "–"))
                // ("an audit had found “...”" is not the audit's words, but
                // "protesters interrupted her, shouting “...”" are theirs)
                && (!unnamed(r) || r.cue.form == CueForm::Gerund)
                && !reported_inside(r)
        };
        // "While not everything Jane Doe says is true, John Roe said she is
        // “...”": a cue in an opening clause reports nothing of the main one.
        let main = opener_end(doc, sent.start, rq.open_tok);
        let head = if partial_guess && !candidates.first().is_some_and(governs) {
            let finite = |r: &&&Resolved| r.cue.form == CueForm::Finite && !unnamed(r);
            candidates
                .iter()
                .rev()
                .filter(|r| r.cue.toks.start >= main)
                .find(finite)
                .or(candidates.iter().rev().find(finite))
                .or(candidates.iter().find(|r| !unnamed(r)))
                .or(candidates.first())
                .copied()
        } else {
            // "... as the heckler yelled: “...”": a colon or comma right
            // after the cue introduces the words, named speaker or not.
            let introduces = |r: &Resolved| {
                r.cue.toks.end + 1 == rq.open_tok && matches!(doc.tok(r.cue.toks.end), ":" | ",")
            };
            match candidates.first() {
                Some(first)
                    if unnamed(first)
                        && !introduces(first)
                        && first.cue.form != CueForm::Gerund =>
                {
                    candidates
                        .iter()
                        .find(|r| !unnamed(r))
                        .or(candidates.first())
                        .copied()
                }
                other => other.copied(),
            }
        };
        let tail_after = tail(doc, actors, resolved, Some(close));
        // "X: “...”"
        let colon = colon_speaker(doc, actors, rq.open_tok, sent.start);
        let starts_sentence = rq.open_tok == sent.start;
        let mut draft = QuoteDraft {
            raw: q,
            kind: QuoteKind::Partial,
            speaker: None,
            mention: None,
            cue: None,
            reporter: None,
        };
        let set = |d: &mut QuoteDraft, r: &Resolved| {
            d.speaker = r.actor;
            d.mention = r.mention;
            d.cue = Some(doc.span_of(r.cue.toks.start, r.cue.toks.end));
        };
        match (head, tail_after) {
            (Some(h), Some(t))
                if !starts_sentence
                    && (h.cue.frames.inf || (h.cue.frames.quote && governs(&h))) =>
            {
                set(&mut draft, h);
                if t.actor != h.actor {
                    draft.reporter = t.actor;
                }
            }
            (_, Some(t)) => set(&mut draft, t),
            (Some(h), None) => set(&mut draft, h),
            (None, None) => {
                let signed = if para_only_quotes {
                    dash_signature(doc, actors, para)
                } else {
                    None
                };
                if let Some(m) = signed {
                    draft.speaker = Some(actors.mentions[m].actor);
                    draft.mention = Some(m);
                } else if let Some(m) = colon {
                    draft.speaker = Some(actors.mentions[m].actor);
                    draft.mention = Some(m);
                } else if let Some((a, m, _)) =
                    state.colon_speaker.filter(|&(_, _, p)| p + 1 >= para)
                {
                    draft.speaker = Some(a);
                    draft.mention = m;
                } else if let Some(m) = state.sentence_subject.filter(|&m| {
                    // "Asked which county he liked best, he demurred: “...”":
                    // a colon after the sentence's own subject and verb.
                    rq.open_tok > sent.start
                        && doc.tok(rq.open_tok - 1) == ":"
                        && actors.mentions[m].toks.start < rq.open_tok
                        && actors.mentions[m].toks.start >= sent.start
                }) {
                    draft.speaker = Some(actors.mentions[m].actor);
                    draft.mention = Some(m);
                } else if let Some(prev) = out.last() {
                    draft.speaker = prev.speaker;
                } else if let Some((a, p, _)) = state.last_quote {
                    // The same paragraph's earlier quote, or the previous
                    // paragraph's when this one only quotes.
                    if p == para || (para_only_quotes && p + 2 >= para) {
                        draft.speaker = a;
                        if p != para {
                            draft.kind = QuoteKind::Continuation;
                        }
                    }
                }
                if draft.speaker.is_none() {
                    draft.speaker = bare_attribution_next(doc, actors, si);
                }
                // "Jane Doe hailed the vote as “fantastic,” telling reporters
                // ...", "coined a phrase, “...,” to describe ...": the
                // participle or infinitive after the quote has the sentence's
                // subject.
                if draft.speaker.is_none() && !starts_sentence {
                    if let Some(g) = resolved.iter().find(|r| {
                        r.cue.toks.start > close
                            && matches!(r.cue.form, CueForm::Gerund | CueForm::Infinitive)
                            && r.actor.is_some()
                    }) {
                        set(&mut draft, g);
                    }
                }
                // "Jane Doe shared her worry with donors, “I do not know ...”":
                // a sentence introduced by its subject and a colon or comma.
                let introduced =
                    rq.open_tok > sent.start && matches!(doc.tok(rq.open_tok - 1), ":" | ",");
                // A phrase quoted in a sentence with no speech verb is most
                // often its subject's: "Cruz coached Trump to “breathe”".
                // ...but "has been called the “Trump of the East”" and "known
                // as “the full tour”" name no one.
                let phrase_in_prose =
                    !starts_sentence && !introduced && !agentless_naming(doc, rq.open_tok);
                if draft.speaker.is_none()
                    && (introduced || phrase_in_prose)
                    && resolved
                        .iter()
                        .all(|r| r.actor.is_none() || r.cue.toks.start > close)
                {
                    if let Some(m) = state
                        .sentence_subject
                        .filter(|&m| actors.mentions[m].toks.start < rq.open_tok)
                    {
                        draft.speaker = Some(actors.mentions[m].actor);
                        draft.mention = Some(m);
                    }
                }
                // The previous sentence reported this person's words or acts
                // ("She said she had made progress. “I really believe ...”").
                if draft.speaker.is_none() && rq.open_tok == sent.start {
                    if let Some((a, s)) = state.speaker_sentence {
                        if s + 1 == si && doc.sentences[s].para + 1 >= para {
                            draft.speaker = Some(a);
                        }
                    }
                }
                // ...or was about a person who is quoted next ("Jane Doe
                // praised the plan. / “We need someone who ...”").
                if draft.speaker.is_none() && rq.open_tok == sent.start {
                    if let Some((m, s)) = state.previous_subject {
                        let person = actors.actors[actors.mentions[m].actor].kind
                            == crate::annotation::ActorKind::Person;
                        if person && s + 1 == si && doc.sentences[s].para + 1 >= para {
                            draft.speaker = Some(actors.mentions[m].actor);
                        }
                    }
                }
            }
        }
        if draft.kind != QuoteKind::Continuation {
            draft.kind = kind(doc, q, sent.start, starts_sentence);
        }
        if draft.kind == QuoteKind::Partial && is_scare_quote(doc, q, sent.clone()) {
            continue; // a title or a nickname in quotation marks, not someone's words
        }
        out.push(draft);
    }
    state.colon_speaker = None;
    if sent.end > sent.start && doc.tok(sent.end - 1) == ":" {
        if let Some(r) = resolved.iter().rev().find(|r| r.actor.is_some()) {
            state.colon_speaker = r.actor.map(|a| (a, r.mention, para));
        } else if let Some(m) = state.sentence_subject {
            // "Jane Doe issued the following statement:"
            state.colon_speaker = Some((actors.mentions[m].actor, Some(m), para));
        }
    }
    if let Some(last) = out.last() {
        state.last_quote = Some((last.speaker, para, last.mention));
    } else if !para_only_quotes && state.last_quote.is_some_and(|(_, p, _)| p + 1 < para) {
        state.last_quote = None;
    }
    out
}

/// A passive naming or saying with no agent right before a quote: "was
/// said to be “furious”", "has been called the “...”", "known as “...”".
fn agentless_naming(doc: &Doc, open: usize) -> bool {
    let start = open.saturating_sub(6);
    (start..open).rev().any(|p| {
        let w = doc.tok(p);
        let participle = doc.tokens[p].kind == TokenKind::Word
            && (w.ends_with("ed") || w.ends_with("wn") || matches!(w, "said" | "told" | "thought"));
        participle
            && p > 0
            && (matches!(
                doc.tok(p - 1),
                "was" | "were" | "is" | "are" | "been" | "be" | "being"
            ) || doc.tok(p + 1) == "as")
            // no agent between the participle and the quote
            && !(p + 1..open).any(|k| doc.tok(k) == "by")
    })
}

/// A quotation paragraph signed on the next line: "“...”" then "— Jane
/// Doe, Tarvel." (letters, tweets, quotes of the day).
fn dash_signature(doc: &Doc, actors: &Actors, para: usize) -> Option<usize> {
    let next = doc.paras.get(para + 1)?;
    let toks = next.tokens.clone();
    if toks.is_empty() || toks.len() > 14 || !matches!(doc.tok(toks.start), "-" | "—" | "–") {
        return None;
    }
    // "— Jane Doe", "— Sen. Jane Doe": the name within the first words.
    (toks.start + 1..toks.end.min(toks.start + 4))
        .take_while(|&t| doc.tokens[t].kind != TokenKind::Punct || doc.tok(t) == ".")
        .find_map(|t| actors.outer_mention_at(t))
}

/// "“We won.” She smiled." has no cue; "“We won.” Jane Doe said." was split
/// into its own sentence only when it is not a bare attribution, so look one
/// sentence ahead for a short "X said." in the same paragraph.
fn bare_attribution_next(doc: &Doc, actors: &Actors, si: usize) -> Option<usize> {
    let next = doc.sentences.get(si + 1)?;
    if next.para != doc.sentences[si].para || next.tokens.len() > 6 {
        return None;
    }
    next.tokens
        .clone()
        .find_map(|t| actors.mention_at(t))
        .map(|m| actors.mentions[m].actor)
}

fn paragraph_only_quotes(doc: &Doc, para: usize) -> bool {
    let p = &doc.paras[para];
    p.tokens
        .clone()
        .all(|t| doc.in_quote[t].is_some() || doc.tokens[t].kind == TokenKind::Punct)
}

/// Direct when the quote is a sentence of its own (or opens the sentence,
/// follows a colon or a "said,"), partial when it is a phrase in the
/// reporter's sentence.
fn kind(doc: &Doc, q: usize, sent_start: usize, starts_sentence: bool) -> QuoteKind {
    let rq = doc.quotes[q];
    let content = &doc.text[rq.content];
    let capital = content.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    let words = content.split_whitespace().count();
    let after_intro = rq.open_tok > sent_start && matches!(doc.tok(rq.open_tok - 1), ":" | ",");
    let sentence_like = capital && (starts_sentence || after_intro || words >= 8) && words >= 2;
    if sentence_like || (starts_sentence && words >= 5) {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    }
}

/// "Jane Doe: “...”", "Rep. Jane Doe (D-Ohio): “...”": the name before a colon.
fn colon_speaker(doc: &Doc, actors: &Actors, open: usize, start: usize) -> Option<usize> {
    if open < start + 2 || doc.tok(open - 1) != ":" {
        return None;
    }
    let mut p = open - 2;
    if doc.tok(p) == ")" {
        while p > start && doc.tok(p) != "(" {
            p -= 1;
        }
        p = p.checked_sub(1)?;
    }
    if let Some(m) = actors.mention_at(p) {
        return Some(m);
    }
    // "Jane Doe fired back forcefully: “...”": the subject, a verb and an
    // adverb or two before the colon.
    let lex = crate::lexicon::lexicon();
    let mut words = 0;
    while p > start && words < 4 {
        let w = doc.tok(p);
        let plain = doc.tokens[p].kind == TokenKind::Word
            && w.starts_with(char::is_lowercase)
            && !matches!(
                lex.word_class(w),
                Some(crate::lexicon::WordClass::Det | crate::lexicon::WordClass::Prep)
            );
        if !plain {
            return None;
        }
        words += 1;
        p -= 1;
        if let Some(m) = actors.outer_mention_at(p) {
            let first = actors.mentions[m].toks.start;
            // The subject opens the sentence.
            return (first == start || doc.tokens[first - 1].kind == TokenKind::Punct).then_some(m);
        }
    }
    None
}

/// A partial quote is kept (with its speaker, or speaker unknown) unless it
/// reads as a name or title in quotation marks ("Saturday Night Live"), or is
/// a lone word in a sentence that reports no speech. The test looks only at
/// the quote and its sentence, so a quote never comes and goes with what
/// the rest of the text says about names.
fn is_scare_quote(doc: &Doc, q: usize, sent: std::ops::Range<usize>) -> bool {
    let lex = crate::lexicon::lexicon();
    let content = &doc.text[doc.quotes[q].content];
    let words: Vec<&str> = content.split_whitespace().collect();
    let title_case = words.iter().all(|w| !w.starts_with(char::is_lowercase));
    let reports_speech = || {
        sent.clone()
            .filter(|&t| doc.in_quote[t].is_none())
            .any(|t| lex.cue_verb(doc.tok(t)).is_some() || lex.cue_noun(doc.tok(t)).is_some())
    };
    title_case || (words.len() < 2 && !reports_speech())
}
