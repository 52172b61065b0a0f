//! Deciding each quotation's speaker and kind.
//!
//! Takes a sentence's cues with their speakers ([`Resolved`]) and what
//! earlier sentences left in [`State`]; gives a [`QuoteDraft`] for each
//! quotation that opens in the sentence. The speaker comes from an ordered
//! list of rules, each a small function for one construction
//! ([`DECIDING`], then [`FALLBACKS`] while no speaker is known). A cue before
//! the quote whose speaker differs from the sentence's reporting clause makes
//! the quote relayed: the words are the first speaker's, reported by the other.

use super::cues::CueForm;
use super::drafts::{QuoteDraft, Resolved};
use super::tail::tail;
use super::words::{apposed_to_clause, opener_end, word_is, MAX_CONTENT};
use crate::actors::Actors;
use crate::annotation::{ActorKind, MentionKind, QuoteKind};
use crate::at::At;
use crate::at::Ends;
use crate::lexicon::{lexicon, Use, WordClass};
use crate::span::Span;
use crate::text::{Doc, Lower, TokenKind};
use std::ops::Range;

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
        let mut only_quotes = Vec::with_capacity(doc.paras.len());
        for p in 0..doc.paras.len() {
            only_quotes.push(paragraph_only_quotes(doc, p));
        }
        State {
            only_quotes,
            ..State::default()
        }
    }

    /// The actor who spoke or claimed last.
    pub fn last_speaker(&self) -> Option<usize> {
        self.speaker_sentence.map(|(a, _)| a)
    }
}

/// The longest parenthesis between a name and its colon ("Jane Doe
/// (D-Ohio): “...”"), in tokens.
const PAREN_REACH: usize = 12;

/// A rule: the speaker it finds for a quote, or `None` when its
/// construction is not there.
type Rule = fn(&Quote) -> Option<Found>;

/// The rules that decide a quote's speaker, most trusted first. The first
/// that applies decides, even on "no one yet" (the last two).
const DECIDING: [Rule; 12] = [
    relayed_inside_report,
    governing_cue,
    according_after_report,
    reporting_clause_after,
    cue_before,
    signed_paragraph,
    dash_after_quote,
    name_and_colon,
    sentence_ending_in_colon,
    subject_verb_colon,
    earlier_quote_of_sentence,
    earlier_quote_of_paragraph,
];

/// Rules tried in order while the quote still has no speaker.
const FALLBACKS: [Rule; 5] = [
    bare_attribution_next,
    participle_after_quote,
    subject_of_prose,
    previous_sentence_speaker,
    previous_sentence_subject,
];

/// Attributes the quotes that open in sentence `si`: adds their drafts to
/// `all` (the earlier sentences' drafts before them: no `Vec` a sentence).
pub fn attribute_sentence(
    doc: &Doc,
    actors: &Actors,
    resolved: &[Resolved],
    si: usize,
    state: &mut State,
    all: &mut Vec<QuoteDraft>,
) {
    let sent = doc.sentence(si).tokens();
    let para = doc.sentence(si).para();
    let mine = all.len();
    // Quotes are in text order: find this sentence's by binary search.
    let first = doc.quotes.partition_point(|q| q.open_tok() < sent.start);
    let last = first
        + doc
            .quotes
            .sub(first..)
            .partition_point(|q| q.open_tok() < sent.end);
    // What the whole sentence offers every quote, worked out once (asked
    // of each quote, it made a sentence of many quotes quadratic).
    let mut participles = Vec::new();
    for r in resolved {
        if matches!(r.cue.form, CueForm::Gerund | CueForm::Infinitive) && r.actor.is_some() {
            participles.push(r);
        }
    }
    let cues = SentenceCues {
        participles,
        first_with_speaker: resolved
            .iter()
            .find(|r| r.actor.is_some())
            .map(|r| r.cue.toks.start),
    };
    let mut reports_speech = None;
    for q in first..last {
        let quote = Quote::new(doc, actors, resolved, &cues, state, all.sub(mine..), si, q);
        let mut found = DECIDING
            .iter()
            .find_map(|rule| rule(&quote))
            .unwrap_or_default();
        for rule in FALLBACKS {
            if found.speaker.is_some() {
                break;
            }
            if let Some(f) = rule(&quote) {
                found = Found {
                    continuation: found.continuation,
                    ..f
                };
            }
        }
        let starts_sentence = quote.starts_sentence;
        let reply = one_word_reply(doc, q, sent.start, starts_sentence, &found);
        let kind = match found.continuation {
            true => QuoteKind::Continuation,
            false if reply => QuoteKind::Direct,
            false => kind(doc, q, sent.start, starts_sentence),
        };
        if kind == QuoteKind::Partial && is_scare_quote(doc, q, sent.clone(), &mut reports_speech) {
            continue; // a title or a nickname in quotation marks, not someone's words
        }
        all.push(QuoteDraft::new(
            q,
            kind,
            found.speaker,
            found.mention,
            found.cue,
            found.reporter,
        ));
    }
    state.colon_speaker = None;
    if sent.end > sent.start && doc.tok(sent.end - 1) == ":" {
        if let Some(r) = crate::at::last_of(resolved, |r| r.actor.is_some()) {
            state.colon_speaker = r.actor.map(|a| (a, r.mention, para));
        } else if let Some(m) = state.sentence_subject {
            // "Jane Doe issued the following statement:"
            state.colon_speaker = Some((actors.mention(m).actor(), Some(m), para));
        }
    }
    if let Some(last) = all.sub(mine..).last() {
        state.last_quote = Some((last.speaker(), para, last.mention()));
    } else if !*state.only_quotes.at(para) && state.last_quote.is_some_and(|(_, p, _)| p + 1 < para)
    {
        state.last_quote = None;
    }
}

/// What a rule found: the speaker, the mention and cue that name them, and
/// the reporter of a relayed quote.
#[derive(Clone, Copy, Default)]
struct Found {
    speaker: Option<usize>,
    mention: Option<usize>,
    cue: Option<Span>,
    reporter: Option<usize>,
    /// The quote goes on from the previous paragraph's.
    continuation: bool,
}

impl Found {
    /// The speaker of a cue.
    fn cue(doc: &Doc, r: &Resolved) -> Found {
        Found {
            speaker: r.actor,
            mention: r.mention,
            cue: Some(doc.span_of(r.cue.toks.start, r.cue.toks.end)),
            ..Found::default()
        }
    }

    /// An actor named by mention `m`.
    fn mention(actors: &Actors, m: usize) -> Found {
        Found {
            speaker: Some(actors.mention(m).actor()),
            mention: Some(m),
            ..Found::default()
        }
    }

    /// An actor with no mention of its own here.
    fn actor(a: Option<usize>) -> Found {
        Found {
            speaker: a,
            ..Found::default()
        }
    }
}

/// The cues of a sentence that rules look up for each of its quotes.
struct SentenceCues<'a> {
    /// The gerunds and infinitives with a speaker, in order.
    participles: Vec<&'a Resolved>,
    /// Where the first cue with a speaker starts.
    first_with_speaker: Option<usize>,
}

/// One quotation and what its sentence offers the rules.
struct Quote<'a> {
    doc: &'a Doc<'a>,
    actors: &'a Actors,
    /// The sentence's cues, indexed for the rules.
    cues: &'a SentenceCues<'a>,
    state: &'a State,
    /// The drafts of the sentence's earlier quotes.
    earlier: &'a [QuoteDraft],
    /// The sentence, its tokens and its paragraph.
    si: usize,
    sent: Range<usize>,
    para: usize,
    /// The opening mark's token, and the closing one's (or the sentence end).
    open: usize,
    close: usize,
    /// The quote opens the sentence.
    starts_sentence: bool,
    /// The few cues right before the quote that name a speaker, nearest first.
    candidates: Vec<&'a Resolved>,
    /// The cue before the quote that speaks for it.
    head: Option<&'a Resolved>,
    /// The reporting clause after it ("“...,” X said").
    tail: Option<&'a Resolved>,
}

impl<'a> Quote<'a> {
    #[allow(clippy::too_many_arguments)]
    fn new(
        doc: &'a Doc<'a>,
        actors: &'a Actors,
        resolved: &'a [Resolved],
        cues: &'a SentenceCues<'a>,
        state: &'a State,
        earlier: &'a [QuoteDraft],
        si: usize,
        q: usize,
    ) -> Quote<'a> {
        let sent = doc.sentence(si).tokens();
        let rq = doc.quote(q);
        let close = rq.close_tok().unwrap_or(sent.end);
        // Cues are in text order; look at the few right before the quote.
        let before = resolved.partition_point(|r| r.cue.toks.end <= rq.open_tok());
        let mut candidates: Vec<&Resolved> = Vec::new();
        for r in resolved.sub(before.saturating_sub(8)..before).iter().rev() {
            // A claim noun speaks only for the words right after it: "her
            // remark that “...”", "his calls to end the “...”".
            if r.actor.is_some()
                && (r.cue.form != CueForm::Noun || r.cue.toks.end + 4 >= rq.open_tok())
            {
                candidates.push(r);
            }
        }
        let mut quote = Quote {
            doc,
            actors,
            cues,
            state,
            earlier,
            si,
            sent: sent.clone(),
            para: doc.sentence(si).para(),
            open: rq.open_tok(),
            close,
            // ("> “...”", "* “...”", "— “...”": a line's marker of an
            // e-mail quote, a list or a dialogue opens nothing.)
            starts_sentence: (sent.start..rq.open_tok())
                .all(|t| matches!(doc.tok(t), ">" | "*" | "•" | "-" | "–" | "—")),
            candidates,
            head: None,
            tail: tail(doc, actors, resolved, Some(close)),
        };
        quote.head = quote.head();
        quote
    }

    /// "Jane Doe said an audit had found “...”": the quote is the named
    /// speaker's words, not those of the unnamed thing nested in her clause.
    fn unnamed(&self, r: &Resolved) -> bool {
        r.mention
            .is_some_and(|m| self.actors.mention(m).kind() == MentionKind::Description)
    }

    /// A finite verb inside a clause another speaker reports ("Jane Doe
    /// said that the minister shows “great charm”") does not govern: the
    /// words are the reporting speaker's. (A colon right after the cue sets
    /// the words apart: "..., to which John Roe interjected: “...”" are his.)
    fn reported_inside(&self, r: &Resolved) -> bool {
        let doc = self.doc;
        r.cue.form == CueForm::Finite
            && !(r.cue.toks.end + 1 == self.open && doc.tok(r.cue.toks.end) == ":")
            && self.candidates.iter().any(|o| {
                o.cue.form == CueForm::Finite
                    && o.cue.frames.clause
                    && o.cue.toks.start < r.cue.toks.start
                    // ("X weighed in on Tuesday, hours after Y said he
                    // was “...”": a comma ends what X reports, and so
                    // does the length of a reported clause.)
                    && r.cue.toks.start - o.cue.toks.end <= MAX_CONTENT
                    && (o.cue.toks.end..r.cue.toks.start).all(|t| doc.tok(t) != ",")
                    && o.actor != r.actor
                    && !self.unnamed(o)
            })
    }

    /// A cue that governs the quote directly: "to urge “a pause”", "what it
    /// called an “unprecedented” build-up".
    fn governs(&self, r: &Resolved) -> bool {
        r.cue.toks.end + 2 >= self.open
            // ("a claim Moscow denies — “...?” asked X": a dash sets the quote off.)
            && !(r.cue.toks.end..self.open).any(|t| matches!(self.doc.tok(t), "—" | "–"))
            // ("an audit had found “...”" is not the audit's words, but
            // "protesters interrupted her, shouting “...”" are theirs)
            && (!self.unnamed(r) || r.cue.form == CueForm::Gerund)
            && !self.reported_inside(r)
    }

    /// The cue before the quote that speaks for it. A phrase quoted inside
    /// a reported clause belongs to the sentence's reporting speaker: "Jane
    /// Doe said the plan had made voters 'very angry'" is hers, not the
    /// plan's. A full-sentence quote, or one a cue governs, takes the
    /// nearest cue ("she said: “...”").
    fn head(&self) -> Option<&'a Resolved> {
        let doc = self.doc;
        let candidates = &self.candidates;
        let partial_guess =
            !(self.starts_sentence || matches!(doc.tok(self.open.saturating_sub(1)), ":" | ","));
        // (where the main clause begins, after an opening clause's comma)
        let main = opener_end(doc, self.sent.start, self.open);
        // "X disputed that view, saying its books were “...”": a gerund of
        // saying after a comma reports the clause the quote is in; the
        // finite verb before it does not.
        let saying = candidates.first().filter(|r| {
            r.cue.form == CueForm::Gerund
                && r.cue.frames.clause
                && r.cue.toks.start > main
                && doc.tok(r.cue.toks.start - 1) == ","
                && !self.unnamed(r)
        });
        if partial_guess && saying.is_some() {
            return saying.copied();
        }
        if partial_guess && !candidates.first().is_some_and(|r| self.governs(r)) {
            // "While not everything Jane Doe says is true, John Roe said she
            // is “...”": a cue in an opening clause reports nothing of the
            // main one.
            // ("X issued a statement after Y told voters that ... “...”":
            // an adjunct right after the cue is no clause it reports.)
            // ("X said it would pass, although Y conceded it was “...”",
            // "According to X, which cites Y, Z told them he was “...”": a
            // comma before "although" or after a relative clause, with the
            // nearest cue after it, closes what the cue reports.)
            let relative = |r: &Resolved| {
                r.cue.toks.start > 0 && doc.word_class(r.cue.toks.start - 1) == Some(WordClass::Rel)
            };
            let nearest = candidates.first().map_or(0, |n| n.cue.toks.start);
            // (", a charge Y rejected as “...”": a phrase that stands for
            // the clause before its comma closes it too)
            let closed = |r: &Resolved| {
                nearest <= r.cue.toks.end + MAX_CONTENT
                    && (r.cue.toks.end..nearest).any(|t| {
                        doc.tok(t) == ","
                            && (relative(r)
                                || doc.is(t + 1, Use::ClauseBreak)
                                || apposed_to_clause(doc, t + 1, t + 2))
                    })
            };
            let finite = |r: &&&Resolved| {
                r.cue.form == CueForm::Finite
                    && !self.unnamed(r)
                    && !(r.cue.toks.end < self.open
                        && doc.is(r.cue.toks.end, Use::AdjunctOpener)
                        && candidates.first().is_some_and(|n| n.cue.toks != r.cue.toks))
            };
            let reports = |r: &&&Resolved| finite(r) && !closed(r);
            return crate::at::last_of(candidates, |r| r.cue.toks.start >= main && reports(&r))
                .or(crate::at::last_of(candidates, |r| reports(&r)))
                .or(candidates.iter().find(|r| !self.unnamed(r) && !closed(r)))
                .or(candidates.iter().find(|r| !closed(r)))
                .or(candidates.first())
                .copied();
        }
        // "When Jane Doe suggested ..., John Roe fired back: “...”": the
        // nearest cue is a verb with words of its own in an opening clause,
        // and introduces nothing the main clause does (but "As Jane Doe
        // explained, ..." does).
        if candidates.first().is_some_and(|r| {
            r.cue.form == CueForm::Finite && r.cue.toks.end + 1 < main && main < self.open
        }) {
            return None;
        }
        // "... as the heckler yelled: “...”": a colon or comma right after
        // the cue introduces the words, named speaker or not.
        let introduces = |r: &Resolved| {
            r.cue.toks.end + 1 == self.open && matches!(doc.tok(r.cue.toks.end), ":" | ",")
        };
        match candidates.first() {
            Some(first)
                if self.unnamed(first)
                    && !introduces(first)
                    && first.cue.form != CueForm::Gerund =>
            {
                candidates
                    .iter()
                    .find(|r| !self.unnamed(r))
                    .or(candidates.first())
                    .copied()
            }
            other => other.copied(),
        }
    }
}

/// "Jane Doe said John Roe told her: “...”", "Jane Doe said John Roe had
/// called to urge “...”", "Jane Doe said a porter had begged her to “...”": a
/// quote the nearest cue introduces (a colon or comma after it and at most a short
/// listener), governs or appeals with ("urged Y to"), whose speaker is named
/// in the clause the cue before it reports (or right after "According to
/// Jane Doe,"), is the nearer speaker's words relayed by the reporting one.
/// Only determiners ("that"), possessives, names, titles and the noun a name
/// is in apposition to ("said his neighbour, John Roe, had warned him:") may
/// stand between the outer cue and the name ("said as John Roe yelled:"
/// reports nothing), and no comma but the one closing the apposition after it.
fn relayed_inside_report(quote: &Quote) -> Option<Found> {
    let (doc, actors) = (quote.doc, quote.actors);
    let r = *quote.candidates.first()?;
    // (The nearest earlier cue of another speaker: "said Y had called her
    // to urge" skips Y's own "called".)
    let o = *quote.candidates[1..].iter().find(|o| o.actor != r.actor)?;
    let (end, open) = (r.cue.toks.end, quote.open);
    // (a comma does as a colon: "told her, “...”")
    let introduced = open > end && open <= end + 3 && matches!(doc.tok(open - 1), ":" | ",");
    // "had urged him to “...”", "had told the crew to “...”": an appeal to
    // a listener carries the appealing speaker's words. A described speaker
    // relays too ("a fisherman in the harbour had urged him to", "a guard
    // had said “...”"); a verb that attributes no quotation ("an audit had
    // found “...”") governs nothing here.
    let appeal = r.cue.frames.inf
        && (end + 2..=end + 4).contains(&open)
        && doc.tok(open - 1).eq_ignore_ascii_case("to");
    let governs = appeal || (r.cue.frames.quote && end == open);
    let named = actors.mention(r.mention?).toks();
    let outer_reports = matches!(o.cue.form, CueForm::Finite | CueForm::According)
        && o.cue.frames.clause
        && !quote.unnamed(o)
        && (o.cue.toks.end..named.start).len() <= 5
        && (o.cue.toks.end..named.start).all(|t| {
            !matches!(
                doc.word_class(t),
                Some(WordClass::Conj | WordClass::Prep | WordClass::Rel | WordClass::Aux)
            )
        })
        && !(named.end + 1..r.cue.toks.start).any(|t| doc.tok(t) == ",")
        // (a comma after a verb's own object closes its clause: "Asked if
        // he regretted the decision, Jane Doe replied:" relays nothing; an
        // apposition's comma comes back after the name)
        && (o.cue.form == CueForm::According
            || named.end >= doc.tokens.len()
            || doc.tok(named.end) == ","
            || !(o.cue.toks.end..named.start).any(|t| doc.tok(t) == ","));
    if quote.starts_sentence
        || !matches!(r.cue.form, CueForm::Finite | CueForm::Infinitive)
        || !(introduced || governs)
        || !outer_reports
        || quote.tail.is_some_and(|t| t.actor != r.actor)
    {
        return None;
    }
    Some(Found {
        reporter: o.actor,
        ..Found::cue(doc, r)
    })
}

/// "X urged “...”, Y said", "X called it “...”, Y said": a cue that
/// governs the quote (or frames "Y to ...") speaks it even with a reporting clause after it, which then names
/// the reporter of a relayed quote.
fn governing_cue(quote: &Quote) -> Option<Found> {
    let (h, t) = (quote.head?, quote.tail?);
    // ("that the judge called “distasteful,” Santo expressed ...": a quote
    // a verb takes as its object is its subject's words too)
    let f = h.cue.frames;
    let verb = matches!(h.cue.form, CueForm::Finite | CueForm::Gerund);
    let governs = f.inf || ((f.quote || (f.object && verb)) && quote.governs(h));
    if quote.starts_sentence || !governs {
        return None;
    }
    Some(Found {
        reporter: t.actor.filter(|_| t.actor != h.actor),
        ..Found::cue(quote.doc, h)
    })
}

/// "X said the plan was “dead”, according to Y": a quote inside the clause
/// a cue before it reports, with "according to" after it, is X's words as Y
/// reports them (Y the reporter), not Y's.
fn according_after_report(quote: &Quote) -> Option<Found> {
    let (h, t) = (quote.head?, quote.tail?);
    // A clause between the cue and the quote ("labeled “top secret”" has none).
    let reports = matches!(h.cue.form, CueForm::Finite)
        && h.cue.frames.clause
        && h.cue.toks.end + 1 < quote.open;
    if quote.starts_sentence
        || t.cue.form != CueForm::According
        || !reports
        || h.actor.is_none()
        || h.actor == t.actor
    {
        return None;
    }
    Some(Found {
        reporter: t.actor,
        ..Found::cue(quote.doc, h)
    })
}

/// "“...,” X said", "“...,” said X": the reporting clause after the quote.
fn reporting_clause_after(quote: &Quote) -> Option<Found> {
    Some(Found::cue(quote.doc, quote.tail?))
}

/// "X said: “...”", "X called it “...”": a cue before the quote.
fn cue_before(quote: &Quote) -> Option<Found> {
    Some(Found::cue(quote.doc, quote.head?))
}

/// A paragraph that only quotes, signed "— Jane Doe" on the next line.
fn signed_paragraph(quote: &Quote) -> Option<Found> {
    if !*quote.state.only_quotes.at(quote.para) {
        return None;
    }
    let m = dash_signature(quote.doc, quote.actors, quote.para)?;
    Some(Found::mention(quote.actors, m))
}

/// "“...” — Jane Doe" (a quote of the day, a caption): a dash right after
/// the quote, then a name in the first words of the rest of the paragraph,
/// which is short and quotes nothing more.
fn dash_after_quote(quote: &Quote) -> Option<Found> {
    let (doc, actors) = (quote.doc, quote.actors);
    let d = quote.close + 1;
    let end = doc.paragraph(doc.para_of(quote.open)).tokens().end;
    if d + 1 >= end
        || end - d > 14
        || !matches!(doc.tok(d), "-" | "—" | "–")
        || (d..end).any(|t| doc.quote_at(t).is_some())
    {
        return None;
    }
    // (capitals from the dash to the name, which ends the line or its
    // first clause: not "“...” - a white linen shirt")
    let m = (d + 1..end.min(d + 4))
        .take_while(|&t| doc.is_cap(t) || doc.tok(t) == ".")
        .find_map(|t| actors.outer_mention_at(t))?;
    let e = actors.mention(m).toks().end;
    (e == end || matches!(doc.tok(e), "," | "." | "(")).then(|| Found::mention(actors, m))
}

/// "Jane Doe: “...”", "Rep. Jane Doe (D-Ohio): “...”".
fn name_and_colon(quote: &Quote) -> Option<Found> {
    let m = colon_speaker(quote.doc, quote.actors, quote.open, quote.sent.start)?;
    Some(Found::mention(quote.actors, m))
}

/// The sentence before ended in "X said:" (in this paragraph or the one
/// before): the quote is X's.
fn sentence_ending_in_colon(quote: &Quote) -> Option<Found> {
    let (a, m, _) = quote
        .state
        .colon_speaker
        .filter(|&(_, _, p)| p + 1 >= quote.para)?;
    Some(Found {
        speaker: Some(a),
        mention: m,
        ..Found::default()
    })
}

/// "Asked which county he liked best, he demurred: “...”": a colon after
/// the sentence's own subject and verb.
fn subject_verb_colon(quote: &Quote) -> Option<Found> {
    let (doc, actors) = (quote.doc, quote.actors);
    let m = quote.state.sentence_subject.filter(|&m| {
        quote.open > quote.sent.start
            && doc.tok(quote.open - 1) == ":"
            && actors.mention(m).toks().start < quote.open
            && actors.mention(m).toks().start >= quote.sent.start
    })?;
    Some(Found::mention(actors, m))
}

/// A later quote of the same sentence has the earlier one's speaker (known
/// or not).
fn earlier_quote_of_sentence(quote: &Quote) -> Option<Found> {
    Some(Found::actor(quote.earlier.last()?.speaker()))
}

/// The same paragraph's earlier quote, or the previous paragraph's when
/// this one only quotes (a continuation).
fn earlier_quote_of_paragraph(quote: &Quote) -> Option<Found> {
    let (a, p, _) = quote.state.last_quote?;
    let para = quote.para;
    // "“It was a bog,” Reed said. Kerr disagreed. “...”": a sentence that
    // gives someone else's words or stance right before the quote hands
    // them the floor (`previous_sentence_speaker`).
    let doc = quote.doc;
    let handed_on = quote.state.speaker_sentence.is_some_and(|(b, s)| {
        let between = doc.sentence(s).tokens();
        let first = doc.quotes.partition_point(|q| q.open_tok() < between.start);
        let quotes_none = doc
            .quotes
            .get(first)
            .is_none_or(|q| q.open_tok() >= between.end);
        s + 1 == quote.si && Some(b) != a && quotes_none
    });
    if quote.starts_sentence && handed_on {
        return None;
    }
    // (not across a line that only names someone else: "Jane Doe, 34,
    // nurse" above her answer in a vox pop)
    let continues = *quote.state.only_quotes.at(para)
        && (p + 1 == para || (p + 2 == para && !name_line(quote, para - 1, a)));
    (p == para || continues).then_some(Found {
        continuation: p != para,
        ..Found::actor(a)
    })
}

/// Whether paragraph `para` is a short line that opens with the name of a
/// person other than `a`, with no quotation and no speech verb: "Jane Doe,
/// 34, nurse" over her answer.
fn name_line(quote: &Quote, para: usize, a: Option<usize>) -> bool {
    let (doc, actors) = (quote.doc, quote.actors);
    let toks = doc.paragraph(para).tokens();
    let other = |m: usize| {
        let b = actors.mention(m).actor();
        Some(b) != a && actors.actor(b).kind == ActorKind::Person
    };
    // (or a paragraph of prose, its last words looked at, that names
    // someone else in full: "Its keeper is Jane Doe, who ...")
    let from = toks.start.max(toks.end.saturating_sub(40));
    let prose = |t: usize| doc.in_quote_at(t).is_none() && doc.cue_verb(t).is_none();
    let opens = toks.len() <= 12 && actors.outer_mention_at(toks.start).is_some_and(other);
    let in_full = |t: usize| {
        actors.mention_at(t).is_some_and(|m| {
            let n = actors.mention(m);
            n.kind() == MentionKind::Name && n.toks().len() > 1 && other(m)
        })
    };
    (opens || (from..toks.end).any(in_full)) && (from..toks.end).all(prose)
}

/// "“We won.” Jane Doe said.": a short bare attribution as the next
/// sentence of the paragraph; or one of any length that opens with an
/// inverted frame, the name within its first words ("“...” So says Jane
/// Doe, who ...", "“...” That was all Doe would say.", "That is how Doe
/// described it").
fn bare_attribution_next(quote: &Quote) -> Option<Found> {
    let (doc, si) = (quote.doc, quote.si);
    let next = doc.sentences.get(si + 1)?;
    let toks = next.tokens();
    let frame = inverted_frame(doc, toks.clone());
    if next.para() != doc.sentence(si).para() || (toks.len() > 6 && !frame) {
        return None;
    }
    let reach = if frame { toks.start + 8 } else { toks.end };
    let m = (toks.start..reach.min(toks.end)).find_map(|t| quote.actors.mention_at(t))?;
    Some(Found::actor(Some(quote.actors.mention(m).actor())))
}

/// "So says ...", "So said ...", and "That is how ...", "That was all
/// ...", "This is what ..." in a sentence with a speech verb, or "Those
/// were the words of ...": a sentence that attributes what came before it.
fn inverted_frame(doc: &Doc, toks: std::ops::Range<usize>) -> bool {
    let (a, end) = (toks.start, toks.end);
    if a < end && doc.tok(a) == "So" {
        return a + 1 < end && doc.cue_verb(a + 1).is_some();
    }
    let w = |k: usize| if k < end { doc.tok(k) } else { "" };
    if matches!(w(a), "Those" | "These") {
        return matches!(w(a + 1), "were" | "are") && w(a + 2) == "the" && w(a + 3) == "words";
    }
    crate::text::that_frame(doc, a, end) && (a + 3..end).any(|k| doc.cue_verb(k).is_some())
}

/// "Jane Doe hailed the vote as “fantastic,” telling reporters ...",
/// "coined a phrase, “...,” to describe ...": the participle or infinitive
/// after the quote has the sentence's subject.
fn participle_after_quote(quote: &Quote) -> Option<Found> {
    if quote.starts_sentence {
        return None;
    }
    let after = &quote.cues.participles;
    let g = after.get(after.partition_point(|r| r.cue.toks.start <= quote.close))?;
    Some(Found::cue(quote.doc, g))
}

/// The sentence's subject speaks a quote it introduces with a colon or a
/// comma ("Jane Doe shared her worry with donors, “I do not know ...”"), or
/// a phrase quoted in a sentence with no speech verb ("Cruz coached Trump to
/// “breathe”"), but not after an agentless passive ("has been called the
/// “Trump of the East”", "known as “the full tour”").
fn subject_of_prose(quote: &Quote) -> Option<Found> {
    let (doc, actors, open) = (quote.doc, quote.actors, quote.open);
    let introduced = open > quote.sent.start && matches!(doc.tok(open - 1), ":" | ",");
    let phrase_in_prose = !quote.starts_sentence && !introduced && !agentless_naming(doc, open);
    let no_cue_before = quote
        .cues
        .first_with_speaker
        .is_none_or(|s| s > quote.close);
    if !(introduced || phrase_in_prose) || !no_cue_before {
        return None;
    }
    let m = quote
        .state
        .sentence_subject
        .filter(|&m| actors.mention(m).toks().start < open)?;
    Some(Found::mention(actors, m))
}

/// A quote opening the sentence after one that reported this person's
/// words or acts ("She said she had made progress. “I really believe ...”").
fn previous_sentence_speaker(quote: &Quote) -> Option<Found> {
    let (a, s) = quote.state.speaker_sentence?;
    let doc = quote.doc;
    let follows = s + 1 == quote.si && doc.sentence(s).para() + 1 >= quote.para;
    (quote.starts_sentence && follows).then_some(Found::actor(Some(a)))
}

/// A quote opening the sentence after one about a person ("Jane Doe
/// praised the plan. / “We need someone who ...”").
fn previous_sentence_subject(quote: &Quote) -> Option<Found> {
    let (m, s) = quote.state.previous_subject?;
    let (doc, actors) = (quote.doc, quote.actors);
    let actor = actors.mention(m).actor();
    let person = actors.actor(actor).kind == ActorKind::Person;
    let follows = s + 1 == quote.si && doc.sentence(s).para() + 1 >= quote.para;
    (quote.starts_sentence && person && follows).then_some(Found::actor(Some(actor)))
}

/// A passive naming or saying with no agent right before a quote: "was
/// said to be “furious”", "has been called the “...”", "known as “...”".
fn agentless_naming(doc: &Doc, open: usize) -> bool {
    let start = open.saturating_sub(6);
    crate::at::last_back(
        start,
        open,
        |_| true,
        |p| {
            let w = doc.tok(p);
            let participle = doc.token(p).kind() == TokenKind::Word
                && (w.ends_with("ed") || w.ends_with("wn") || word_is(w, Use::IrregularParticiple));
            participle
            && p > 0
            && (be_before(doc.tok(p - 1)) || doc.tok(p + 1) == "as")
            // no agent between the participle and the quote
            && !(p + 1..open).any(|k| doc.tok(k) == "by")
        },
    )
    .is_some()
}

/// "was", "been", "being": a form of "be" before a passive participle.
fn be_before(w: &str) -> bool {
    let uses = lexicon().uses(w);
    uses.has(Use::Passive) || uses.has(Use::ProgressivePassive)
}

/// A quotation paragraph signed on the next line: "“...”" then "— Jane
/// Doe, Tarvel." (letters, tweets, quotes of the day).
fn dash_signature(doc: &Doc, actors: &Actors, para: usize) -> Option<usize> {
    let next = doc.paras.get(para + 1)?;
    let toks = next.tokens();
    if toks.is_empty() || toks.len() > 14 || !matches!(doc.tok(toks.start), "-" | "—" | "–") {
        return None;
    }
    // "— Jane Doe", "— Sen. Jane Doe": the name within the first words.
    (toks.start + 1..toks.end.min(toks.start + 4))
        .take_while(|&t| doc.token(t).kind() != TokenKind::Punct || doc.tok(t) == ".")
        .find_map(|t| actors.outer_mention_at(t))
}

/// True when paragraph `para` holds nothing but quotations and punctuation.
fn paragraph_only_quotes(doc: &Doc, para: usize) -> bool {
    let p = doc.paragraph(para);
    p.tokens()
        .clone()
        .all(|t| doc.in_quote_at(t).is_some() || doc.token(t).kind() == TokenKind::Punct)
}

/// Direct when the quote is a sentence of its own (or opens the sentence,
/// follows a colon or a "said,"), partial when it is a phrase in the
/// reporter's sentence.
fn kind(doc: &Doc, q: usize, sent_start: usize, starts_sentence: bool) -> QuoteKind {
    let rq = doc.quote(q);
    let content = doc.str_of(rq.content());
    let capital = content.first_is(|c| crate::letters::is_uppercase(c) || c.is_ascii_digit());
    // (Eight words are enough to decide.)
    let words = content.split_whitespace().take(8).count();
    let after_intro = rq.open_tok() > sent_start
        && matches!(doc.tok(rq.open_tok() - 1), ":" | ",")
        && !after_work(doc, rq.open_tok());
    let sentence_like = capital && (starts_sentence || after_intro || words >= 8) && words >= 2;
    if sentence_like || (starts_sentence && words >= 5) || resumes_direct(doc, q, sent_start) {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    }
}

/// "“No,” said Jane Doe", "Jane Doe said: “Yes.”": one word said on its
/// own (it opens the sentence or follows a colon or comma, and ends in its
/// own punctuation) with a cue naming who said it is a direct quote, not a
/// word in quotation marks.
/// "“Temporary,” she said, “is what they called the last cut.”": a quote
/// that resumes, after a short reporting clause set off by commas, the
/// sentence a quote before it (opening its sentence, or after a colon or a
/// comma, with a capital) broke off with a comma is direct too.
fn resumes_direct(doc: &Doc, q: usize, sent_start: usize) -> bool {
    let Some(prev) = q.checked_sub(1).map(|p| doc.quote(p)) else {
        return false;
    };
    let (open, close) = (doc.quote(q).open_tok(), prev.close_tok());
    let Some(close) = close.filter(|&c| c >= sent_start && c + 2 < open && open <= c + 8) else {
        return false;
    };
    let before = prev.open_tok();
    doc.str_of(prev.content()).trim_end().ends_with(',')
        && doc.tok(open - 1) == ","
        && (close + 1..open - 1).all(|t| doc.token(t).kind() == TokenKind::Word)
        && doc
            .str_of(prev.content())
            .first_is(crate::letters::is_uppercase)
        && (before == sent_start || matches!(doc.tok(before - 1), ":" | ","))
}

fn one_word_reply(doc: &Doc, q: usize, sent_start: usize, starts: bool, found: &Found) -> bool {
    let rq = doc.quote(q);
    let content = doc.str_of(rq.content());
    let intro = rq.open_tok() > sent_start && matches!(doc.tok(rq.open_tok() - 1), ":" | ",");
    // (“...,” she said. “Never.”: a sentence of its own needs no cue; nor
    // does one after a colon: "Her answer was short: “No.”")
    let colon = rq.open_tok() > sent_start && doc.tok(rq.open_tok() - 1) == ":";
    let sentence = (starts || colon) && content.last_is(|c| matches!(c, '.' | '!' | '?'));
    // ("‘Unfair’ says union": a headline's word, its cue right after it)
    let cue_next = starts
        && rq.close_tok().is_some_and(|c| {
            found.cue.is_some_and(|s| {
                c + 1 < doc.tokens.len() && s.start == doc.token(c + 1).span().start
            })
        });
    (found.cue.is_some() || sentence)
        && found.speaker.is_some()
        && (starts || intro)
        && content.first_is(crate::letters::is_alphabetic)
        && (cue_next || content.last_is(|c| matches!(c, '.' | ',' | '!' | '?')))
        && !content.contains(char::is_whitespace)
}

/// "Jane Doe: “...”", "Rep. Jane Doe (D-Ohio): “...”": the name before a colon.
fn colon_speaker(doc: &Doc, actors: &Actors, open: usize, start: usize) -> Option<usize> {
    if open < start + 2 || doc.tok(open - 1) != ":" {
        return None;
    }
    let mut p = open - 2;
    if doc.tok(p) == ")" {
        // "(D-Ohio)": a short parenthesis, at most PAREN_REACH tokens.
        let reach = p.saturating_sub(PAREN_REACH).max(start);
        while p > reach && doc.tok(p) != "(" {
            p -= 1;
        }
        if doc.tok(p) != "(" && p > start {
            return None;
        }
        p = p.checked_sub(1)?;
    }
    if let Some(m) = actors.mention_at(p) {
        // "Jane Doe had a message for voters: “...”", "Jane Doe in Oslo:":
        // a name a preposition governs is a listener or a place, not the
        // speaker (but "a message from the ministry:", "a plea by ...").
        let s = actors
            .outer_mention_at(p)
            .map_or(p, |o| actors.mention(o).toks().start);
        let governed = s > start
            && doc.word_class(s - 1) == Some(WordClass::Prep)
            && !matches!(&*doc.tok(s - 1).lower_cow(), "from" | "by" | "of");
        return (!governed).then_some(m);
    }
    // "Jane Doe fired back forcefully: “...”": the subject, a verb and an
    // adverb or two before the colon.
    let lex = lexicon();
    let mut words = 0;
    while p > start && words < 4 {
        let w = doc.tok(p);
        let plain = doc.token(p).kind() == TokenKind::Word
            && w.first_is(crate::letters::is_lowercase)
            && !matches!(lex.word_class(w), Some(WordClass::Det | WordClass::Prep));
        if !plain {
            return None;
        }
        words += 1;
        p -= 1;
        if let Some(m) = actors.outer_mention_at(p) {
            let first = actors.mention(m).toks().start;
            // The subject opens the sentence.
            return (first == start || doc.token(first - 1).kind() == TokenKind::Punct)
                .then_some(m);
        }
    }
    None
}

/// "the movie “...”", "NBC's “...”", "her new film, “...”", "his favorite
/// book is “...”": the mark opens after the kind of work or an owner.
fn after_work(doc: &Doc, open: usize) -> bool {
    let work = |t: usize| doc.uses_lower(t).has(Use::WorkNoun);
    open > 1
        && (doc.token(open - 1).kind() == TokenKind::Possessive
            || work(open - 1)
            || (matches!(doc.tok(open - 1), "," | "is" | "was") && work(open - 2)))
}

/// A partial quote is kept (with its speaker, or speaker unknown) unless it
/// reads as a name or title in quotation marks ("Saturday Night Live"), or is
/// a lone word in a sentence that reports no speech. The test looks only at
/// the quote and its sentence, so a quote never comes and goes with what
/// the rest of the text says about names.
/// `reports_speech` keeps the answer for the sentence once worked out.
fn is_scare_quote(
    doc: &Doc,
    q: usize,
    sent: std::ops::Range<usize>,
    reports_speech: &mut Option<bool>,
) -> bool {
    crate::work::add(doc.quote(q).content().len() / 16);
    let (title, words) = reads_as_title(doc, q);
    let mut speech = || {
        *reports_speech.get_or_insert_with(|| {
            sent.clone()
                .filter(|&t| doc.in_quote_at(t).is_none())
                .any(|t| doc.cue_verb(t).is_some() || doc.cue_noun(t).is_some())
        })
    };
    title || (words < 2 && !speech())
}

/// Whether quote `q` reads as a name or a title, and its number of words:
/// every word capitalized, or, after the kind of work or an owner, all but
/// its short words ("the movie “Bridge of Spies”", "on NBC's “Meet the
/// Press”").
fn reads_as_title(doc: &Doc, q: usize) -> (bool, usize) {
    let content = doc.str_of(doc.quote(q).content());
    let work = after_work(doc, doc.quote(q).open_tok());
    let lex = lexicon();
    // (one pass, no allocation: the speaker search asks this of every
    // quote near a cue)
    let (mut words, mut title_case, mut titled) = (0, true, work);
    for w in content.split_whitespace() {
        if w.first_is(crate::letters::is_lowercase) {
            title_case = false;
            let bare = w.trim_matches(|c: char| !crate::letters::is_alphanumeric(c));
            titled = titled
                && words > 0
                && matches!(
                    lex.word_class(bare),
                    Some(WordClass::Det | WordClass::Prep | WordClass::Conj)
                );
        }
        words += 1;
    }
    (title_case || (titled && words > 1), words)
}

/// A quote that reads as a title of two words or more after a lowercase
/// word ("star of “Knife Night”"): part of a noun phrase, not words someone
/// said (not "(“Mayor Quits,” declared the Gazette)": a headline opening its
/// clause; not "Marcus 'The Knife' Doe": a nickname inside a name).
pub(super) fn is_title_in_phrase(doc: &Doc, q: usize) -> bool {
    let open = doc.quote(q).open_tok();
    open > 0
        && doc.token(open - 1).kind() == TokenKind::Word
        && doc.tok(open - 1).first_is(crate::letters::is_lowercase)
        && {
            let (title, words) = reads_as_title(doc, q);
            title && words > 1
        }
}

#[cfg(test)]
mod tests {
    use super::super::testing::quote;
    use crate::annotation::QuoteKind;

    fn speaker(text: &str, start: &str) -> Option<String> {
        quote(text, start).speaker
    }

    /// The speaker and the reporter of the quote starting with `start`.
    fn relayed(text: &str, start: &str) -> (Option<String>, Option<String>) {
        let q = quote(text, start);
        (q.speaker, q.reporter)
    }

    fn some(a: &str, b: Option<&str>) -> (Option<String>, Option<String>) {
        (Some(a.to_string()), b.map(str::to_string))
    }

    #[test]
    fn governing_cue_relays_through_the_reporting_clause() {
        let text = "Jane Doe urged “a pause in the fighting,” John Roe said.";
        assert_eq!(relayed(text, "a pause"), some("Jane Doe", Some("John Roe")));
    }

    #[test]
    fn relayed_inside_report_keeps_the_reporter() {
        let text = "Jane Doe said her neighbour, John Roe, had warned her: “The dam will go.”";
        assert_eq!(relayed(text, "The dam"), some("John Roe", Some("Jane Doe")));
        let text = "Jane Doe spoke as John Roe yelled: “Go home!”";
        assert_eq!(relayed(text, "Go home"), some("John Roe", None));
        let text = "Jane Doe said a porter had begged her to “lock the gate,” and left.";
        assert_eq!(
            relayed(text, "lock the"),
            some("a porter", Some("Jane Doe"))
        );
        let text = "Jane Doe said a guard had said “not tonight” at the door.";
        assert_eq!(
            relayed(text, "not tonight"),
            some("a guard", Some("Jane Doe"))
        );
        // (a finding is no speech: the phrase stays the reporting speaker's)
        let text = "Jane Doe said an audit had found “serious lapses” in the books.";
        assert_eq!(relayed(text, "serious lapses"), some("Jane Doe", None));
    }

    #[test]
    fn reporting_clause_after_the_quote() {
        let q = quote("“We will not back down,” Jane Doe said.", "We will");
        assert_eq!(q.speaker.as_deref(), Some("Jane Doe"));
        assert_eq!(q.cue.as_deref(), Some("said"));
        assert_eq!(q.kind, QuoteKind::Direct);
    }

    #[test]
    fn cue_before_the_quote() {
        let q = quote(
            "Jane Doe said the plan was “a disaster for the town.”",
            "a disaster",
        );
        assert_eq!(q.speaker.as_deref(), Some("Jane Doe"));
        assert_eq!(q.cue.as_deref(), Some("said"));
    }

    #[test]
    fn signed_paragraph() {
        let text = "“Nothing about this vote was fair to anyone.”\n— Jane Doe, Springfield";
        assert_eq!(speaker(text, "Nothing").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn name_and_colon() {
        let text = "John Roe arrived first, then Jane Doe: “We will not back down.”";
        assert_eq!(speaker(text, "We will").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn sentence_ending_in_colon() {
        let text = "The Interior Ministry issued the following statement:\n“We regret the delay.”";
        assert_eq!(
            speaker(text, "We regret").as_deref(),
            Some("Interior Ministry")
        );
    }

    #[test]
    fn subject_verb_colon() {
        let text = "“We are ready,” John Roe said. Jane Doe gave the crowd a simple answer: “We will not back down.”";
        assert_eq!(speaker(text, "We will").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn earlier_quote_of_sentence() {
        let text =
            "John Roe arrived first, then Jane Doe: “We will not back down” and “we will win.”";
        assert_eq!(speaker(text, "we will win").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn earlier_quote_of_paragraph_continues_into_a_quote_only_paragraph() {
        let text = "“We will not back down,” Jane Doe said.\n“We will win this fight in the end.”";
        let q = quote(text, "We will win");
        assert_eq!(q.speaker.as_deref(), Some("Jane Doe"));
        assert_eq!(q.kind, QuoteKind::Continuation);
    }

    #[test]
    fn bare_attribution_next() {
        let text = "“We won the vote.” Jane Doe smiled.";
        assert_eq!(speaker(text, "We won").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn participle_after_quote() {
        let text = "Jane Doe hailed the vote as “fantastic,” telling reporters it was a start.";
        let q = quote(text, "fantastic");
        assert_eq!(q.speaker.as_deref(), Some("Jane Doe"));
        assert_eq!(q.cue.as_deref(), Some("telling"));
    }

    #[test]
    fn subject_of_prose() {
        let text = "Jane Doe coached her rival to “breathe deeply” before the debate.";
        assert_eq!(speaker(text, "breathe").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn no_subject_after_an_agentless_passive() {
        let text = "The old bridge has been called “the pride of the valley” for years.";
        assert_eq!(speaker(text, "the pride"), None);
    }

    #[test]
    fn previous_sentence_speaker() {
        let text = "John Roe met Jane Doe, who said she had made progress. “I really believe we can win this.”";
        assert_eq!(speaker(text, "I really").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn previous_sentence_subject() {
        let text = "Jane Doe walked to the stage. “We need someone who listens to us.”";
        assert_eq!(speaker(text, "We need").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn a_title_in_quotation_marks_is_no_quote() {
        let text = "Jane Doe watched “Saturday Night Live” with friends.";
        assert!(super::super::testing::quotes(text).is_empty());
    }
}
