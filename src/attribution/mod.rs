//! Attribution: who said each quotation, and which statements are reported
//! as claims. One pass over the sentences in order, so that pronouns and
//! continuation paragraphs can lean on the speakers already found.

mod claims;
mod cues;
mod disputes;
mod quotes;
mod subject;

use crate::actors::{Actors, MentionDraft};
use crate::annotation::{ActorKind, MentionKind, QuoteKind, Stance};
use crate::span::Span;
use crate::text::{Bits, Doc, Lower};
use cues::{Cue, CueForm};
use subject::Anchor;

/// A quote with its attribution, before ids are assigned.
#[derive(Clone, Debug)]
pub struct QuoteDraft {
    /// Index into [`Doc::quotes`].
    pub raw: usize,
    /// Direct, partial or continuation.
    pub kind: QuoteKind,
    /// Speaker actor.
    pub speaker: Option<usize>,
    /// Anchoring mention.
    pub mention: Option<usize>,
    /// Cue span.
    pub cue: Option<Span>,
    /// Reporter of a relayed quote.
    pub reporter: Option<usize>,
}

/// A claim before ids are assigned.
#[derive(Clone, Debug)]
pub struct ClaimDraft {
    /// Claimant actor.
    pub claimant: Option<usize>,
    /// Anchoring mention.
    pub mention: Option<usize>,
    /// Cue span.
    pub cue: Span,
    /// Content span.
    pub content: Span,
    /// Stance.
    pub stance: Stance,
    /// Indices of claims this one disputes.
    pub disputes: Vec<usize>,
}

/// The result of attribution.
pub struct Attribution {
    /// Quotes, in text order.
    pub quotes: Vec<QuoteDraft>,
    /// Claims, in text order of their cues.
    pub claims: Vec<ClaimDraft>,
}

/// A cue with its speaker resolved.
#[derive(Clone, Debug)]
struct Resolved {
    cue: Cue,
    actor: Option<usize>,
    mention: Option<usize>,
    /// The speaker is a guess from the sentence's first actor: used for
    /// claims, never for quotes or for the speaker later sentences lean on.
    weak: bool,
}

/// Attributes quotes and finds claims. Adds pronoun mentions to `actors`.
pub fn attribute(doc: &Doc, actors: &mut Actors) -> Attribution {
    let mut state = quotes::State::new(doc);
    // At most one draft a quotation: no regrowth (peak memory).
    let mut quotes_out = Vec::with_capacity(doc.quotes.len());
    // Room for a claim a sentence (news has fewer): a regrowth would copy
    // the drafts and leave the old block as a hole, while room never
    // written takes no memory pages (1.6 MB fewer on a 10 MiB text).
    let mut claims_out = Vec::with_capacity(doc.sentences.len());
    let in_title = title_tokens(doc, actors);
    let mut masked = Bits::new(doc.tokens.len());
    // "who requested anonymity", "declined to be named": the words that mark
    // an unnamed source report nothing themselves.
    let anonymity = anonymity_marker_tokens(doc);
    for t in 0..doc.tokens.len() {
        let name = || {
            actors
                .mention_at(t)
                .is_some_and(|m| actors.mentions[m].kind == MentionKind::Name)
        };
        if in_title[t] || name() || anonymity[t] {
            masked.set(t);
        }
    }
    for si in 0..doc.sentences.len() {
        let sent = doc.sentences[si].tokens.clone();
        let found = cues::find(doc, actors, sent.clone(), &masked);
        let mut resolved: Vec<Resolved> = Vec::with_capacity(found.len());
        for cue in found {
            let mut weak = false;
            // "with Sen. Jane Doe calling it ...": a gerund with its own subject.
            let own_subject = (cue.form == CueForm::Gerund)
                .then(|| with_subject(doc, actors, cue.toks.start))
                .flatten();
            let anchor = match cue.form {
                _ if own_subject.is_some() => own_subject.map(Anchor::Mention),
                CueForm::Gerund | CueForm::Infinitive => {
                    main_clause_subject(doc, actors, &in_title, &resolved, sent.clone(), &cue)
                }
                _ => {
                    let bound = left_bound(doc, sent.start, cue.toks.start);
                    // "Jane Doe said ... and said the party ...": a coordinated
                    // verb shares the subject of the one before.
                    let conj = cue.form == CueForm::Finite
                        && (sent.start..cue.toks.start)
                            .rev()
                            .take(3)
                            .find(|&t| !subject::is_skippable(doc, t))
                            .is_some_and(|t| matches!(doc.tok(t), "and" | "but"));
                    let shared = resolved
                        .iter()
                        .rev()
                        .find(|r| r.cue.form == CueForm::Finite && r.mention.is_some() && !r.weak)
                        .filter(|_| conj)
                        .and_then(|r| r.mention);
                    // ...or of the clause's first verb, not a cue: "he
                    // supported Jane Doe and said ...".
                    let main = opener_end(doc, sent.start, cue.toks.start);
                    let clause_subject = (conj && shared.is_none() && main < cue.toks.start)
                        .then(|| match actors.outer_mention_at(main) {
                            Some(m) if actors.mentions[m].toks.start == main => {
                                Some(Anchor::Mention(m))
                            }
                            _ => {
                                is_personal_pronoun(doc.tok(main)).then_some(Anchor::Pronoun(main))
                            }
                        })
                        .flatten();
                    match shared {
                        Some(m) => Some(Anchor::Mention(m)),
                        None if clause_subject.is_some() => clause_subject,
                        None => {
                            let local = subject::of_cue(doc, actors, &cue, sent.clone(), bound);
                            // ("rejecting claims that ...": a word that is
                            // also a claim noun gets no guessed subject.)
                            let noun_too = cue.toks.len() == 1
                                && crate::lexicon::lexicon()
                                    .cue_noun(doc.tok(cue.toks.start))
                                    .is_some();
                            if local.is_none() && cue.form == CueForm::Finite && !noun_too {
                                // A subject too far from its verb for the
                                // local search: the clause's first actor, a
                                // guess good enough for a claim only.
                                weak = true;
                                first_subject(doc, actors, &in_title, bound, cue.toks.start)
                            } else {
                                local
                            }
                        }
                    }
                }
            };
            // "Jane Doe said she would ...": a pronoun in a clause reported by
            // an earlier cue of the same sentence is that cue's speaker.
            let governing = resolved
                .iter()
                .rev()
                .filter(|r| r.cue.frames.clause && r.cue.form == CueForm::Finite && !r.weak)
                .filter(|r| {
                    r.mention
                        .is_some_and(|m| actors.mentions[m].toks.start < r.cue.toks.start)
                })
                .find_map(|r| r.actor);
            let (actor, mention) = resolve(doc, actors, anchor, governing.or(state.last_speaker()));
            resolved.push(Resolved {
                cue,
                actor,
                mention,
                weak,
            });
        }
        // Every sentence's subject is resolved (a pronoun subject becomes a
        // mention of its actor, which later claims and pronouns lean on).
        state.previous_subject = si
            .checked_sub(1)
            .and_then(|prev| state.sentence_subject.map(|m| (m, prev)));
        // A quote opens in this sentence and no cue gave anyone's words.
        let first_quote = doc.quotes.partition_point(|q| q.open_tok < sent.start);
        let quote_needs_subject = doc
            .quotes
            .get(first_quote)
            .is_some_and(|q| q.open_tok < sent.end)
            && resolved.iter().all(|r| r.actor.is_none() || r.weak);
        state.sentence_subject = sentence_subject(
            doc,
            actors,
            &in_title,
            sent.clone(),
            state.last_speaker(),
            quote_needs_subject,
        );
        let strong: Vec<Resolved> = resolved
            .iter()
            .map(|r| match r.weak {
                true => Resolved {
                    actor: None,
                    mention: None,
                    ..r.clone()
                },
                false => r.clone(),
            })
            .collect();
        let sentence_quotes = quotes::attribute_sentence(doc, actors, &strong, si, &mut state);
        claims_out.extend(claims::find(doc, actors, &resolved, si, &sentence_quotes));
        quotes_out.extend(sentence_quotes);
        if let Some(a) = strong.iter().rev().find_map(|r| r.actor) {
            state.speaker_sentence = Some((a, si));
        }
    }
    // The per-token masks are done with; free them before the last step.
    drop((masked, in_title, state));
    disputes::link(doc, &mut claims_out);
    Attribution {
        quotes: quotes_out,
        claims: claims_out,
    }
}

/// Speaker words never reach back past an opening or closing quotation.
/// Speakers stand close to their cue: the search never reaches back more
/// than a bounded number of tokens, which keeps long sentences linear.
const REACH: usize = 60;

fn left_bound(doc: &Doc, start: usize, t: usize) -> usize {
    let start = start.max(t.saturating_sub(REACH));
    let mut b = t;
    while b > start {
        if doc.in_quote[b - 1].is_some() {
            return b;
        }
        b -= 1;
    }
    start
}

fn title_tokens(doc: &Doc, actors: &Actors) -> Bits {
    let mut v = Bits::new(doc.tokens.len());
    for m in &actors.mentions {
        if let Some(title) = m.title {
            let mut t = m.toks.start;
            while t > 0 && doc.tokens[t - 1].span().start >= title.start {
                t -= 1;
                v.set(t);
            }
        }
    }
    v
}

/// The first actor mentioned in the sentence before `end`, outside quotes and titles.
fn first_subject(
    doc: &Doc,
    actors: &Actors,
    in_title: &Bits,
    start: usize,
    end: usize,
) -> Option<Anchor> {
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
            let e = actors.mentions[m].toks.end;
            let place = actors.actors[actors.mentions[m].actor].kind == ActorKind::Place;
            if place && e < end && doc.tok(e) == "," {
                after = e + 1;
            }
        }
        after
    } else {
        start
    };
    (start.max(end.saturating_sub(REACH))..end)
        .filter(|&t| doc.in_quote[t].is_none() && !in_title[t])
        // "Here in Columbia, Jane Doe said": a name after a preposition is
        // not the subject.
        .filter(|&t| {
            t == 0
                || crate::lexicon::lexicon().word_class(doc.tok(t - 1))
                    != Some(crate::lexicon::WordClass::Prep)
        })
        .find_map(|t| actors.mention_at(t))
        .map(|m| {
            Anchor::Mention(
                actors
                    .outer_mention_at(actors.mentions[m].toks.start)
                    .unwrap_or(m),
            )
        })
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
    let prev = resolved.iter().rev().find(|r| {
        r.cue.form == CueForm::Finite
            && r.actor.is_some()
            && !r.weak
            && (r.cue.toks.start >= main || main == sent.start)
    });
    // ...unless someone acted after that cue ("was speaking when protesters
    // interrupted her, shouting ...").
    let acting = acting_subject(doc, actors, sent.start, cue.toks.start);
    let prev =
        prev.filter(|r| acting.is_none_or(|m| actors.mentions[m].toks.start < r.cue.toks.start));
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
                        Anchor::Mention(m) => actors.mentions[m].toks.start > t,
                        _ => false,
                    }) =>
                {
                    Some(Anchor::Pronoun(t))
                }
                _ => named,
            }
        }
    }
}

/// "when protesters interrupted her speech, shouting “...”": the actor
/// right before the nearest past-tense verb before a gerund, in its
/// clause; the gerund's subject when no cue came before it.
fn acting_subject(doc: &Doc, actors: &Actors, start: usize, gerund: usize) -> Option<usize> {
    let from = start.max(gerund.saturating_sub(25));
    (from + 1..gerund).rev().find_map(|k| {
        let w = doc.tok(k);
        let past = doc.tokens[k].kind == crate::text::TokenKind::Word
            && w.starts_with(char::is_lowercase)
            && w.ends_with("ed");
        if !past || doc.in_quote[k].is_some() {
            return None;
        }
        let m = actors.outer_mention_at(k - 1)?;
        let kind = actors.actors[actors.mentions[m].actor].kind;
        (actors.mentions[m].toks.end == k && matches!(kind, ActorKind::Person | ActorKind::Group))
            .then_some(m)
    })
}

/// Where the main clause begins: after the comma that closes an opening
/// adverbial clause or phrase ("After the Paris attacks, ...", "While not
/// everything he says is true, ..."), which holds no subject of its own.
pub(super) fn opener_end(doc: &Doc, start: usize, end: usize) -> usize {
    let opener = start < end && {
        let w = doc.tok(start).lower();
        let coordinating = matches!(w.as_str(), "and" | "but" | "or" | "nor" | "so" | "yet");
        !coordinating
            && matches!(
                crate::lexicon::lexicon().word_class(&w),
                Some(crate::lexicon::WordClass::Prep | crate::lexicon::WordClass::Conj)
            )
    };
    if !opener {
        return start;
    }
    (start..end.min(start + 25))
        .find(|&t| doc.tok(t) == "," && doc.in_quote[t].is_none())
        .map_or(start, |c| c + 1)
}

/// The subject of a sentence: its first actor outside quotes and titles, or
/// a pronoun near its start ("Instead, he was back to boasting about
/// “winning”"), resolved.
fn sentence_subject(
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
    if let Some(t) = opening_pronoun(doc, sent) {
        // ("Several said they ...": the pronoun comes after the subject.)
        if named.is_none_or(|m| actors.mentions[m].toks.start >= t) && phrase.is_none() {
            // "He said he would offer “a prayer” for the Republican nominee":
            // the subject is the pronoun, even when it cannot be resolved;
            // the name later in the sentence is not.
            return resolve(doc, actors, Some(Anchor::Pronoun(t)), last_speaker).1;
        }
    }
    if let Some((a, b)) = phrase {
        if named.is_none_or(|m| actors.mentions[m].toks.start >= b) {
            return resolve(doc, actors, Some(Anchor::Phrase(a, b)), last_speaker).1;
        }
    }
    named
}

/// The tokens of a determiner-led noun phrase opening the sentence, before
/// its verb: "The ad" (targets ...), "Several" (said ...).
fn opening_phrase(doc: &Doc, sent: std::ops::Range<usize>) -> Option<(usize, usize)> {
    use crate::lexicon::WordClass;
    let lex = crate::lexicon::lexicon();
    let a = sent.start;
    let class = |t: usize| lex.word_class(doc.tok(t));
    if a >= sent.end
        || !matches!(
            class(a),
            Some(WordClass::Det | WordClass::Quant | WordClass::Poss)
        )
        || doc.tok(a).eq_ignore_ascii_case("that")
    {
        return None;
    }
    let word = |t: usize| doc.tokens[t].kind == crate::text::TokenKind::Word;
    let past_cue = |t: usize| lex.cue_verb(doc.tok(t)).is_some_and(|v| !v.present);
    // A past form ("started", "said") or an auxiliary is the verb.
    let verb_at = |t: usize| {
        past_cue(t)
            || matches!(class(t), Some(WordClass::Aux))
            || (doc.tok(t).ends_with("ed") && doc.tok(t).starts_with(char::is_lowercase))
    };
    let mut b = a + 1;
    while b < sent.end.min(a + 6) && word(b) && class(b).is_none() && !verb_at(b) {
        b += 1;
    }
    if b < sent.end && word(b) && verb_at(b) {
        return Some((a, b)); // "Several said", "The ad has", "The fire started"
    }
    // "The ad targets a ...": the last word of the run is the verb (but
    // "Eight years ago, ..." is an opening phrase).
    if b < sent.end && doc.tok(b) == "," {
        return None;
    }
    let verb = b - 1;
    (verb > a + 1 && doc.tok(verb).starts_with(char::is_lowercase)).then_some((a, verb))
}

/// "with Sen. Jane Doe calling it ...": the gerund's own subject, named
/// between "with" (or a dash, a semicolon, "and") and the gerund.
fn with_subject(doc: &Doc, actors: &Actors, gerund: usize) -> Option<usize> {
    // "with Jane Doe reportedly saying"
    let mut end = gerund;
    while end > 0 && subject::is_skippable(doc, end - 1) {
        end -= 1;
    }
    let m = actors.outer_mention_at(end.checked_sub(1)?)?;
    // Back over a determiner or a title ("with the union", "with Sen. Jane Doe").
    let mut p = actors.mentions[m].toks.start;
    let mut steps = 0;
    // ...or an absolute clause: "– Jane Doe saying ... and John Roe calling ..."
    let opens = |t: usize| {
        matches!(doc.tok(t), "—" | "–" | "-" | ";")
            || doc.tok(t).eq_ignore_ascii_case("with")
            || doc.tok(t).eq_ignore_ascii_case("and")
    };
    while p > 0 && steps < 3 && !opens(p - 1) {
        let w = doc.tok(p - 1);
        let title_or_det =
            w == "." || doc.is_cap(p - 1) || crate::lexicon::lexicon().word_class(w).is_some();
        if !title_or_det {
            return None;
        }
        p -= 1;
        steps += 1;
    }
    (p > 0 && opens(p - 1)).then_some(m)
}

/// "he", "she", "they": the pronouns that can stand for a clause's speaker.
fn is_personal_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "He" | "She" | "they" | "They")
}

/// A personal pronoun among the first words of a sentence, outside quotes.
fn opening_pronoun(doc: &Doc, sent: std::ops::Range<usize>) -> Option<usize> {
    let pronoun = |t: usize| doc.in_quote[t].is_none() && is_personal_pronoun(doc.tok(t));
    // ...or right after an opening phrase: "But even then, they ..."
    let after_opener = (sent.start..(sent.start + 8).min(sent.end))
        .find(|&t| doc.tok(t) == ",")
        .map(|c| c + 1)
        .filter(|&t| t < sent.end && pronoun(t));
    (sent.start..(sent.start + 4).min(sent.end))
        .find(|&t| pronoun(t))
        .or(after_opener)
}

/// Turns an anchor into an actor and a mention, adding pronoun mentions.
fn resolve(
    doc: &Doc,
    actors: &mut Actors,
    anchor: Option<Anchor>,
    last: Option<usize>,
) -> (Option<usize>, Option<usize>) {
    match anchor {
        None => (None, None),
        Some(Anchor::Mention(m)) => (Some(actors.mentions[m].actor), Some(m)),
        // The relative pronoun is the speaker's mention in the clause it opens.
        Some(Anchor::Relative(m, t)) => {
            let actor = actors.mentions[m].actor;
            let mention = match actors.mention_at(t) {
                Some(existing) => existing,
                None => actors.add_mention(MentionDraft {
                    toks: t..t + 1,
                    span: doc.tokens[t].span(),
                    title: None,
                    kind: MentionKind::Pronoun,
                    actor,
                }),
            };
            (Some(actors.mentions[mention].actor), Some(mention))
        }
        Some(Anchor::Phrase(a, b)) => {
            // An unnamed speaker described on the spot; the same words later
            // mean the same actor.
            let span = doc.span_of(a, b);
            let text = &doc.text[span];
            let key = strip_determiner(text).lower();
            let existing = actors.phrase_actors.get(&key).copied().or_else(|| {
                // Memoized on the whole phrase: "a mayor" and "the mayor" differ.
                let memo = text.lower();
                if let Some(&known) = actors.described.get(&memo) {
                    return known;
                }
                let known = known_by_description(actors, text, &key);
                actors.described.insert(memo, known);
                known
            });
            let actor = existing.unwrap_or_else(|| {
                // People are described by roles ("a former official"); other
                // heads ("the report", "an audit") are documents and bodies.
                let lex = crate::lexicon::lexicon();
                // "a reporter for Agence France-Presse": the head stands
                // before the preposition.
                let head = key
                    .split(' ')
                    .take_while(|w| !matches!(*w, "for" | "of" | "at" | "from" | "with"))
                    .last()
                    .unwrap_or("");
                let plural = head.ends_with('s') && !head.ends_with("ss");
                let human =
                    lex.role(head).is_some() || lex.is_title(head) || lex.starts_title(head);
                let kind = match (human, plural) {
                    (true, true) => ActorKind::Group,
                    (true, false) => ActorKind::Person,
                    (false, _) => ActorKind::Organization,
                };
                let id = actors.new_actor(text.to_string(), kind);
                actors.actors[id].role = Some("phrase".to_string());
                actors.phrase_actors.insert(key, id);
                id
            });
            let m = actors.add_mention(MentionDraft {
                toks: a..b,
                span,
                title: None,
                kind: MentionKind::Description,
                actor,
            });
            (Some(actor), Some(m))
        }
        Some(Anchor::Pronoun(t)) => match subject::resolve_pronoun(doc, actors, t, last) {
            None => (None, None),
            Some(a) => {
                if let Some(existing) = actors.mention_at(t) {
                    return (Some(actors.mentions[existing].actor), Some(existing));
                }
                let m = actors.add_mention(MentionDraft {
                    toks: t..t + 1,
                    span: doc.tokens[t].span(),
                    title: None,
                    kind: MentionKind::Pronoun,
                    actor: a,
                });
                (Some(a), Some(m))
            }
        },
    }
}

/// "the release" → "release".
fn strip_determiner(s: &str) -> &str {
    match s.split_once(' ') {
        Some((first, rest)) if crate::lexicon::lexicon().word_class(first).is_some() => rest,
        _ => s,
    }
}

/// Tokens inside an anonymity marker ("requested anonymity").
fn anonymity_marker_tokens(doc: &Doc) -> Bits {
    let lex = crate::lexicon::lexicon();
    let mut out = Bits::new(doc.tokens.len());
    for t in 0..doc.tokens.len() {
        for m in lex.anonymity_markers_starting_with(&doc.tok(t).lower()) {
            if t + m.len() <= doc.tokens.len()
                && (0..m.len()).all(|k| doc.tok(t + k).eq_ignore_ascii_case(&m[k]))
            {
                (t..t + m.len()).for_each(|k| out.set(k));
            }
        }
    }
    out
}

/// "the mayor" when exactly one person carries that title (see
/// [`Actors::title_holder`]); "the union" when exactly one organization's
/// name ends in that word.
fn known_by_description(actors: &Actors, text: &str, key: &str) -> Option<usize> {
    let definite = text
        .split(' ')
        .next()
        .is_some_and(|d| d.eq_ignore_ascii_case("the"));
    if !definite {
        return None;
    }
    if let Some(person) = actors.title_holder(key) {
        return Some(person);
    }
    if key.contains(' ') {
        return None;
    }
    let mut found = None;
    for (i, a) in actors.actors.iter().enumerate() {
        let fits = a.kind == ActorKind::Organization
            && a.role.is_none()
            && a.name.contains(' ')
            && a.name.lower().rsplit(' ').next() == Some(key);
        if fits {
            if found.is_some() {
                return None; // ambiguous
            }
            found = Some(i);
        }
    }
    found
}
