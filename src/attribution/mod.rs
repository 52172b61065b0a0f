//! Attribution: who said each quotation, and which statements are reported
//! as claims. One pass over the sentences in order, so that pronouns and
//! continuation paragraphs can lean on the speakers already found.
//!
//! The driver ([`attribute`]) runs the stages on each sentence in turn:
//! - [`cues`]: the words that report speech (masked by [`masks`]);
//! - [`speakers`]: each cue's speaker, found next to it by [`subject`] and
//!   turned into an actor by [`resolve`];
//! - [`quotes`]: each quotation's speaker, by an ordered list of rules;
//! - [`claims`]: what each cue reports, in the reporter's words;
//!
//! and [`disputes`] links denials to claims at the end. [`turns`] finds a
//! transcript's turns first (labelled paragraphs, quotations without marks,
//! whose label the cues also read). [`drafts`] holds the
//! data the stages hand each other, [`tail`] the closing reporting clause
//! both quotes and claims use, [`words`] the word tests they share. Stages
//! import only the modules listed after them; none imports this driver.

mod claims;
mod cues;
mod disputes;
mod drafts;
mod masks;
mod quotes;
mod resolve;
mod speakers;
mod subject;
mod tail;
#[cfg(test)]
mod testing;
mod turns;
mod words;

use crate::actors::Actors;
use crate::annotation::QuoteKind;
use crate::at::At;
use crate::text::Doc;
pub(crate) use cues::longest_phrase;
pub use drafts::{Attribution, ClaimDraft, QuoteDraft};
pub(crate) use resolve::person_called;

/// Attributes quotes and finds claims. Adds pronoun mentions to `actors`.
pub fn attribute(doc: &Doc, actors: &mut Actors) -> Attribution {
    // No actor gains a title from here on: index titles and names once.
    actors.seal();
    let mut state = quotes::State::new(doc);
    // At most one draft a quotation: no regrowth (peak memory).
    let mut quotes_out = Vec::with_capacity(doc.quotes.len());
    // Room for a claim a sentence (news has fewer): a regrowth would copy
    // the drafts and leave the old block as a hole, while room never
    // written takes no memory pages (1.6 MB fewer on a 10 MiB text).
    let mut claims_out = Vec::with_capacity(doc.sentences.len());
    let in_title = masks::title_tokens(doc, actors);
    let masked = masks::no_cue_tokens(doc, actors, &in_title);
    let turns = turns::find(doc, actors);
    // (An interview without labels: the answers are the interviewee's.)
    let mut answers = match turns.is_empty() {
        true => turns::answers(doc),
        false => Vec::new(),
    };
    let interviewee = (!answers.is_empty())
        .then(|| crate::actors::most_named(doc, actors))
        .flatten();
    if interviewee.is_none() {
        answers.clear();
    }
    let mut strong: Vec<drafts::Resolved> = Vec::new();
    // (the cues and their speakers: one buffer each for all sentences)
    let mut found = Vec::new();
    let mut resolved = Vec::new();
    for si in 0..doc.sentences.len() {
        let sent = doc.sentence(si).tokens();
        cues::find(doc, actors, sent.clone(), &masked, &mut found);
        speakers::of_cues(
            doc,
            actors,
            &in_title,
            sent.clone(),
            &mut found,
            state.last_speaker(),
            &mut resolved,
        );
        // Every sentence's subject is resolved (a pronoun subject becomes a
        // mention of its actor, which later claims and pronouns lean on).
        state.previous_subject = si
            .checked_sub(1)
            .and_then(|prev| state.sentence_subject.map(|m| (m, prev)));
        // A quote opens in this sentence and no cue gave anyone's words.
        let first_quote = doc.quotes.partition_point(|q| q.open_tok() < sent.start);
        let quote_needs_subject = doc
            .quotes
            .get(first_quote)
            .is_some_and(|q| q.open_tok() < sent.end)
            && resolved.iter().all(|r| r.actor.is_none() || r.weak);
        state.sentence_subject = speakers::sentence_subject(
            doc,
            actors,
            &in_title,
            sent.clone(),
            state.last_speaker(),
            quote_needs_subject,
        );
        // Quotes take no weak (guessed) speaker. A transcript's label
        // gives its turn (a quote of its own, below), not a quotation
        // marked inside the turn: "Doe: The mayor said it was “fully
        // funded”" is the mayor's, by the cue inside. Nor does a label
        // report a claim, so it leaves `resolved`; its speaker still
        // speaks last when nothing after it does.
        strong.clear();
        let mut label_actor = None;
        resolved.retain(|r| {
            let label = turns::is_label(&turns, r.cue.toks.start);
            if !label {
                strong.push(r.strong());
            } else if label_actor.is_none() {
                label_actor = r.strong().actor;
            }
            !label
        });
        let mine = quotes_out.len();
        quotes::attribute_sentence(doc, actors, &strong, si, &mut state, &mut quotes_out);
        // A label is no claimant: a cue whose speaker falls back on it has
        // a subject not found ("A: That nobody asks me ...", "Q: What do
        // you expect ...?"), except a gerund's, whose subject is the turn's
        // speaker.
        for r in &mut resolved {
            let label = r.mention.is_some_and(|m| {
                r.cue.form != cues::CueForm::Gerund
                    && turns::is_label_name(doc, &turns, actors.mention(m).toks().end)
            });
            if label {
                r.actor = None;
                r.mention = None;
            }
        }
        // (each sentence's claims written straight into the list, and
        // `strong` one buffer for all sentences: no allocation a sentence)
        claims::find(
            doc,
            actors,
            &resolved,
            si,
            quotes_out.sub(mine..),
            &mut claims_out,
        );
        let last_strong = crate::at::last_of(&strong, |r| r.actor.is_some());
        if let Some(a) = last_strong.and_then(|r| r.actor).or(label_actor) {
            state.speaker_sentence = Some((a, si));
        }
    }
    // A quoted headline (a first paragraph of one sentence) nothing in its
    // line attributes ("“We melt sand”: a glassblower on ..."): the speaker
    // of a later quote that repeats its words, else the voice of the
    // piece, the person named most.
    let line = doc.sentences.len() > 1 && doc.sentence(1).para() > 0;
    let headline = quotes_out.first().is_some_and(|q| {
        q.speaker().is_none()
            && q.kind == QuoteKind::Direct
            && line
            && doc.para_of(doc.quote(q.raw()).open_tok()) == 0
    });
    if headline {
        let speaker =
            headline_echo(doc, &quotes_out).or_else(|| crate::actors::most_named(doc, actors));
        quotes_out[0].set_speaker(speaker);
    }
    // The per-token masks are done with; free them before the last step.
    drop((masked, in_title, state));
    disputes::link(doc, &mut claims_out);
    // Each turn of a transcript is its speaker's quotation, numbered after
    // the marked ones (`Attribution::turns`).
    let first = doc.quotes.len();
    for (i, turn) in turns.iter().enumerate() {
        let m = turns::speaker(doc, actors, turn);
        let a = m.map(|m| actors.mention(m).actor());
        quotes_out.push(QuoteDraft::new(
            first + i,
            QuoteKind::Direct,
            a,
            m,
            None,
            None,
        ));
    }
    for i in 0..answers.len() {
        quotes_out.push(QuoteDraft::new(
            first + turns.len() + i,
            QuoteKind::Direct,
            interviewee,
            None,
            None,
            None,
        ));
    }
    let mut turns = turns;
    turns.extend(answers);
    Attribution {
        quotes: quotes_out,
        claims: claims_out,
        turns,
    }
}

/// The speaker of the first later quote that repeats the words of the
/// first quote, a headline's (at most 160 bytes of them, so the search
/// stays linear in the text). A window compare, not `str::contains`: its
/// searcher costs ~5 KB of `.wasm`.
fn headline_echo(doc: &Doc, quotes: &[QuoteDraft]) -> Option<usize> {
    let words = doc.str_of(doc.quote(quotes.first()?.raw()).content());
    if !(9..=160).contains(&words.len()) {
        return None;
    }
    let (words, n) = (words.as_bytes(), words.len());
    quotes[1..].iter().find_map(|q| {
        let later = doc.str_of(doc.quote(q.raw()).content()).as_bytes();
        // (Not `windows(n)`: its size check is an `expect`, whose message
        // alone kept std's `str` padding in the `.wasm`.)
        (0..later.len().saturating_sub(n) + 1)
            .any(|i| later.get(i..i + n) == Some(words))
            .then(|| q.speaker())?
    })
}
