//! Claims: what a cue reports, in the reporter's words.
//!
//! The content of a claim is found from the cue's frame: the clause after
//! "said (that)", the object after "denied", "Y to ..." after "urged", the
//! sentence before a closing ", X said", the noun phrase before "rejected by
//! X", and the clause after "according to X,". A content that is nothing but
//! a direct quotation is a quote, not a claim. Takes the sentence's cues with
//! their speakers (weak guesses included) and its quotes; gives
//! [`ClaimDraft`]s.

use super::cues::CueForm;
use super::drafts::{ClaimDraft, QuoteDraft, Resolved};
use super::tail::{apposed_role, tail, tail_start};
use super::words::{
    after_dateline, apposed_to_clause, existential, is_personal_pronoun, is_skippable, that_after,
    that_within, weekday, word_is, word_is_any_case, MAX_CONTENT,
};
use crate::actors::Actors;
use crate::annotation::{ActorKind, MentionKind, QuoteKind, Stance};
use crate::at::At;
use crate::at::Ends;
use crate::lexicon::{fact, lexicon, Use, WordClass};
use crate::text::{Doc, Lower, TokenKind};

/// Finds the claims of sentence `si`, adds them to `out`.
// Inlined: called once, from `attribute`, and out of line (past LLVM's
// inlining limit since session 15) it cost ~2 KB raw.
#[inline(always)]
pub fn find(
    doc: &Doc,
    actors: &Actors,
    resolved: &[Resolved],
    si: usize,
    quotes: &[QuoteDraft],
    out: &mut Vec<ClaimDraft>,
) {
    let sent = doc.sentence(si).tokens();
    let tail = tail(doc, actors, resolved, None);
    // (", an account disputed by X": the comma before the noun phrase
    // that stands for the clause, which ends there)
    let apposed_comma = |r: &Resolved| {
        (r.cue.form == CueForm::PassiveBy)
            .then(|| noun_phrase_before(doc, sent.start, r.cue.toks.start))
            .flatten()
            .filter(|&(s, e)| apposed_to_clause(doc, s, e - 1))
            .map(|(s, _)| s - 1)
    };
    let tail_begin = tail
        .and_then(|t| {
            let m = actors.mention(t.mention?);
            let s = t.cue.toks.start.min(m.toks().start);
            // (", the firm's chief, Jane Doe, said": back over the role too)
            Some(apposed_role(doc, s).unwrap_or_else(|| tail_start(doc, s)) - 1)
        })
        .or_else(|| resolved.iter().find_map(apposed_comma));
    // "Did the minister say that ...?": a yes-no question reports no claim.
    let yes_no = doc.tok(sent.end - 1) == "?"
        && doc.word_class(skip_conjunctions(doc, sent.start, sent.end)) == Some(WordClass::Aux);
    // The content of the last claim whose cue takes "Y to ...": an
    // infinitive cue inside it is the content's verb, not a claim of its
    // own ("urged both sides to accept", "declined to say").
    let mut inf_content = 0..0;
    for r in resolved {
        let cue = &r.cue;
        if yes_no {
            continue;
        }
        // "X said, according to the interpreter, ...": how the words
        // reached the writer, no claim of its own.
        if cue.form == CueForm::According
            && (cue.toks.end..(cue.toks.end + 3).min(sent.end)).any(|k| doc.is(k, Use::Conduit))
        {
            continue;
        }
        let is_tail = tail.is_some_and(|t| t.cue.toks == cue.toks);
        // "“...,” said Jane Doe, who ...": a speaker after the verb reports
        // what came before, like a tail the words after it keep going past.
        let inverted = cue.form == CueForm::Finite
            && r.mention
                .is_some_and(|m| actors.mention(m).toks().start >= cue.toks.end);
        // "..., a court heard on Tuesday": the sentence before the comma;
        // "the court heard that/how ...": the clause after; "the court
        // heard from X" reports nothing.
        // ("..., the jury was told", "..., MPs were told by X": as "heard")
        let court = (cue.form == CueForm::Impersonal
            && super::cues::court_heard(doc, cue.toks.start, sent.start).is_some())
            || (matches!(cue.form, CueForm::Impersonal | CueForm::PassiveBy)
                && super::cues::closing_passive(doc, cue.toks.start, sent.clone()));
        let court_tail = court
            .then(|| {
                let lo = cue.toks.start.saturating_sub(4).max(sent.start + 1);
                crate::at::last_back(lo, cue.toks.start, |_| true, |k| doc.tok(k) == ",")
            })
            .flatten();
        let clause_after = cue.toks.end < sent.end
            && matches!(doc.tok(cue.toks.end).lower_cow().as_ref(), "that" | "how");
        if court && court_tail.is_none() && !clause_after {
            continue;
        }
        let range = if let Some(comma) = court_tail.filter(|_| !clause_after) {
            Some((skip_conjunctions(doc, sent.start, sent.end), comma))
        } else if inverted && !is_tail {
            // (At most MAX_CONTENT tokens back: a long sentence of such
            // inversions stays linear.)
            let s = skip_conjunctions(doc, sent.start, sent.end)
                .max(cue.toks.start.saturating_sub(MAX_CONTENT));
            let e = tail_start(doc, cue.toks.start);
            // "Why, asked the mayor, had the council waited?", "The plan,
            // said Jane Doe, is dead": a word or a subject before the
            // clause; what is said is the words after it.
            let short = e == s + 2 || (e <= s + 4 && starts_phrase(doc, s));
            let after = r
                .mention
                .filter(|_| short && doc.tok(e - 1) == ",")
                .and_then(|m| rest_after(doc, actors.mention(m).toks().end, sent.end));
            Some(after.map_or((s, e), |a| (a, sent.end)))
        } else if is_tail {
            // Everything before ", X said" (after a leading "But"/"And").
            let s = skip_conjunctions(doc, sent.start, sent.end);
            // (up to the tail's first word: a closing quotation mark stays)
            let e = tail_begin.map_or(cue.toks.start, |b| b + 1);
            // ("His brother, Tom Roe, who ..., objected.": the tail's
            // own role, nothing said)
            // ("The firm's founder, Jane Doe, has not commented.": an
            // owner's role in apposition to the tail's name)
            // ("A spokeswoman for the firm, Jane Doe, would not comment.":
            // a role, its name set off by commas, then the verb: the
            // sentence's subject)
            let role_subject = |f: usize| {
                e <= s + 7
                    && (s..e).any(|k| doc.role(k).is_some() || lexicon().is_title(doc.tok(k)))
                    && (s..e).all(|k| doc.word_class(k) != Some(WordClass::Aux))
                    && (f + 1..cue.toks.start)
                        .all(|k| matches!(doc.word_class(k), Some(WordClass::Aux | WordClass::Neg)))
            };
            let owned = tail.and_then(|t| t.mention).is_some_and(|m| {
                let f = actors.mention(m).toks().end;
                f < sent.end
                    && doc.tok(f) == ","
                    && ((e <= s + 5
                        && (s..e).any(|k| doc.token(k).kind() == TokenKind::Possessive))
                        || role_subject(f))
            });
            // "X accuses Y of Z, Y replies": the reply answers X's claim,
            // which stays X's; it reports none of it.
            let answers = cue.frames.reply
                && resolved.iter().any(|x| {
                    x.cue.form == CueForm::Finite
                        && (s..e).contains(&x.cue.toks.start)
                        && doc.in_quote_at(x.cue.toks.start).is_none()
                        && x.actor.is_some_and(|a| r.actor != Some(a))
                });
            if owned || answers {
                continue;
            }
            // "The mill, she recalls, shut in 1989": a subject alone
            // before the clause; what is said is the words after it.
            // (a determiner and one word alone are no content)
            if e <= s + 4 && starts_phrase(doc, s) {
                let m = r.mention.map_or(0, |m| actors.mention(m).toks().end);
                match rest_after(doc, cue.toks.end.max(m), sent.end) {
                    Some(a) => Some((a, sent.end)),
                    None if e <= s + 3 => continue,
                    None => Some((s, e)),
                }
            } else {
                Some((s, e))
            }
        } else {
            // "accused by Y of Z", "the allegation by Y that Z": Z, else
            // the phrase before the verb.
            let agent_end = r
                .mention
                .map(|m| actors.mention(m).toks().end)
                // ("asked by Jane Doe of Channel 4 whether ...": past the "of")
                .map(|e| {
                    let of = e + 1 < sent.end && doc.tok(e) == "of";
                    match actors.mention_at(e + 1).filter(|_| of) {
                        Some(n) if cue.stance == Stance::Question => {
                            let n = actors.mention(n).toks().end;
                            if n < sent.end && doc.is(n, Use::QuestionOpener) {
                                n
                            } else {
                                e
                            }
                        }
                        _ => e,
                    }
                })
                .filter(|&e| {
                    cue.form == CueForm::PassiveBy
                        && e < sent.end
                        && (doc.tok(e) == "that"
                            || (cue.frames.of && doc.tok(e) == "of")
                            // "asked by a reporter whether ..."
                            || (cue.stance == Stance::Question && doc.is(e, Use::QuestionOpener)))
                });
            match cue.form {
                CueForm::PassiveBy if agent_end.is_none() => match apposed_comma(r) {
                    // (At most MAX_CONTENT tokens back: a sentence of
                    // many such claims stays linear.)
                    Some(comma) => {
                        let from = sent.start.max(comma.saturating_sub(MAX_CONTENT));
                        Some((skip_conjunctions(doc, from, sent.end), comma))
                    }
                    None => noun_phrase_before(doc, sent.start, cue.toks.start),
                },
                CueForm::According => according_content(doc, actors, r, sent.clone()),
                _ => {
                    // "told a meeting in May that ...": after "tell" (alone
                    // asserting and taking "Y to ...") the addressee ends at
                    // a "that" a few words on.
                    let tells = cue.frames.inf && !cue.frames.of && cue.stance == Stance::Assert;
                    // "said in French, according to a translation, that
                    // ...": a setting between commas before the "that".
                    let f = cue.toks.end;
                    let set_off = || {
                        (cue.frames.clause
                            && f < sent.end
                            && (doc.tok(f) == "," || doc.word_class(f) == Some(WordClass::Prep)))
                        .then(|| {
                            (f + 1..(f + 20).min(sent.end))
                                .take_while(|&k| {
                                    doc.in_quote_at(k).is_none()
                                        && (doc.token(k).kind() == TokenKind::Word
                                            || doc.tok(k) == ",")
                                })
                                .find(|&k| doc.tok(k) == "that" && doc.tok(k - 1) == ",")
                        })
                        .flatten()
                    };
                    let from = agent_end.map_or_else(
                        || {
                            tells
                                .then(|| that_after(doc, f, sent.end))
                                .flatten()
                                .or_else(set_off)
                                .unwrap_or(f)
                        },
                        |e| e + 1,
                    );
                    let start =
                        content_start(doc, actors, from, sent.end, cue.frames.inf || cue.frames.of);
                    // (Verbs with an addressee before a clause: "told",
                    // "warned", "asked", "advised"; not "hoped", "agreed" or
                    // an object's "proposed a plan ...".)
                    let addresses = cue.frames.inf
                        && cue.frames.clause
                        && !cue.frames.object
                        && !matches!(cue.stance, Stance::Believe | Stance::Confirm);
                    let start = match addresses {
                        true => past_addressee(doc, actors, start, sent.end).unwrap_or(start),
                        false => start,
                    };
                    // "raised concerns, with X warning that ...": an
                    // absolute clause after a comma (a "with", then a
                    // gerund before any comma) is no content.
                    let absolute = start > from
                        && start < sent.end
                        && doc.tok(start - 1) == ","
                        && doc.tok(start) == "with"
                        && (start + 2..(start + 6).min(sent.end))
                            .take_while(|&k| doc.tok(k) != ",")
                            .any(|k| doc.tok(k).ends_with("ing"));
                    // "cut its forecast, blaming weak demand": a cue gerund
                    // right after the cue and a comma has a claim of its own.
                    let gerund_next = start == f + 1
                        && start < sent.end
                        && doc.tok(f) == ","
                        && doc.cue_verb(start).is_some_and(|v| v.gerund);
                    // "showed no faults, and the firm called ...": a noun's
                    // content never opens with a coordinator, nor one right
                    // after the cue's comma.
                    let coordinated = (cue.form == CueForm::Noun
                        || (start == f + 1 && doc.tok(f) == ","))
                        && start < sent.end
                        && doc.may_be(start, fact::USES)
                        && doc.is(start, Use::Coordinator);
                    if absolute || gerund_next || coordinated {
                        continue;
                    }
                    // "“...,” she said, standing on the bridge": the cue
                    // of a quote before it reports the quote, not the words
                    // after it (unless a "that" opens a clause; not the
                    // relative "that" of a place or channel after a
                    // preposition: "she wrote in a letter that reached
                    // him").
                    // (A partial quote before a gerund is a phrase of
                    // the clause the gerund follows: "cut it to “hold”
                    // from “buy,” saying ..."; one that ends a sentence
                    // belongs to that sentence: "... “soft.” He says
                    // ...".)
                    let reports_quote = quotes.iter().any(|q| {
                        // (the cue compared first: one look a quote)
                        if q.cue() != Some(doc.span_of(cue.toks.start, cue.toks.end)) {
                            return false;
                        }
                        let close = doc.quote(q.raw()).close_tok();
                        let phrase = q.kind == QuoteKind::Partial
                            && (cue.form == CueForm::Gerund
                                || close.is_some_and(|c| {
                                    c > 0 && matches!(doc.tok(c - 1), "." | "!" | "?")
                                }));
                        !phrase && close.is_some_and(|c| c < cue.toks.start)
                    }) && !(from..start).any(|t| {
                        doc.tok(t).eq_ignore_ascii_case("that")
                            && (doc.tok(t - 1) == ","
                                || !(cue.toks.end..t)
                                    .any(|k| doc.word_class(k) == Some(WordClass::Prep)))
                    });
                    if reports_quote {
                        continue;
                    }
                    let end = clause_end(
                        doc,
                        actors,
                        resolved,
                        start,
                        sent.end,
                        tail_begin,
                        // ("warned Y to ..." takes both; after "that", a clause)
                        cue.frames.clause
                            && (!cue.frames.inf
                                || (start > from
                                    && doc.tok(start - 1).eq_ignore_ascii_case("that"))),
                    );
                    let noun = cue.form == CueForm::Noun
                        || (cue.form == CueForm::PassiveBy
                            && doc.cue_noun(cue.toks.start).is_some());
                    let end = if noun {
                        subject_clause_end(doc, sent.start, cue.toks.start, start, end)
                    } else {
                        relative_clause_end(doc, cue.toks.start, start, end)
                    };
                    Some((start, end))
                }
            }
        };
        // A claim nobody makes is not worth showing, unless the text says
        // so ("it is alleged that").
        // "There are reports that ...", "There is no question that ...":
        // impersonal too.
        let opens = skip_conjunctions(doc, sent.start, sent.end);
        let there = opens + 5 > cue.toks.start
            && existential(doc, opens)
            && cue.toks.end < sent.end
            && doc.tok(cue.toks.end).eq_ignore_ascii_case("that");
        // "She replied that ..." with no one "she" can be: someone makes
        // the claim, who is left open (like a quote's speaker).
        let unresolved_pronoun = cue.form == CueForm::Finite
            && (1..=2).any(|k| {
                cue.toks.start >= sent.start + k
                    && doc.in_quote_at(cue.toks.start - k).is_none()
                    && doc.may_be(cue.toks.start - k, fact::PRONOUN)
                    && is_personal_pronoun(doc.tok(cue.toks.start - k))
                    && (cue.toks.start - k + 1..cue.toks.start).all(|t| {
                        doc.token(t).kind() == TokenKind::Word && doc.word_class(t).is_none()
                    })
            });
        if r.actor.is_none() && cue.form != CueForm::Impersonal && !there && !unresolved_pronoun {
            continue;
        }
        let Some((a, b)) = range else { continue };
        let after_to = cue.toks.start > 0 && doc.tok(cue.toks.start - 1).eq_ignore_ascii_case("to");
        if (cue.form == CueForm::Infinitive || after_to) && inf_content.contains(&cue.toks.start) {
            continue;
        }
        if cue.frames.inf || doc.tok(cue.toks.end - 1).eq_ignore_ascii_case("to") {
            inf_content = a..b;
        }
        let Some((a, b)) = trim(doc, a, b) else {
            continue;
        };
        // "Speaking in the capital, he added that ...": a gerund opening the
        // sentence sets the scene for the cue after it; "X, who voted
        // against, said ...": a content that opens with another cue is
        // that cue's.
        let opening_gerund = cue.form == CueForm::Gerund
            && cue.toks.start == skip_conjunctions(doc, sent.start, sent.end)
            && resolved
                .iter()
                .any(|x| x.cue.toks.start > cue.toks.start && x.cue.form == CueForm::Finite);
        let cue_after_comma = a > 0
            && doc.tok(a - 1) == ","
            && resolved
                .iter()
                .any(|x| x.cue.toks.start == a && x.cue.form == CueForm::Finite);
        if opening_gerund || cue_after_comma || participle_apposed(doc, actors, resolved, r) {
            continue;
        }
        // "The source of her attack is unclear", "his appeal was limited":
        // right after a claim noun, the main verb's auxiliary opens the
        // rest of the sentence the noun is the subject of, not what was
        // said (but "Her view is that ..." says it).
        let noun_like = cue.form == CueForm::Noun
            || (cue.toks.start > sent.start
                && (doc.token(cue.toks.start - 1).kind() == TokenKind::Possessive
                    || matches!(
                        doc.word_class(cue.toks.start - 1),
                        Some(WordClass::Det | WordClass::Poss)
                    )));
        // "In his ruling, Judge Kell wrote that ...": an opening phrase's
        // noun; the clause after its comma is the sentence's own.
        let opening = cue.form == CueForm::Noun
            && cue.toks.end < b
            && doc.tok(cue.toks.end) == ","
            && cue.toks.start <= sent.start + 3
            && doc.word_class(sent.start) == Some(WordClass::Prep);
        if opening {
            continue;
        }
        if noun_like
            && a == cue.toks.end
            && doc.word_class(a) == Some(WordClass::Aux)
            && doc.in_quote_at(a).is_none()
            && !(a + 1 < b && doc.is(a + 1, Use::Complementizer))
        {
            continue;
        }
        // "Her post drew 10,000 replies": a verb right after an owned claim
        // noun is the noun's own, and what was said is not given.
        if noun_like
            && a == cue.toks.end
            && !doc.tok(a - 1).eq_ignore_ascii_case("to")
            && doc.token(a).kind() == TokenKind::Word
            && doc.tok(a).first_is(crate::letters::is_lowercase)
            && doc.word_class(a).is_none()
            && doc.in_quote_at(a).is_none()
            && !doc.is(a, Use::Complementizer)
            && !doc.tok(a).ends_with("ing")
            && !is_skippable(doc, a)
            && that_after(doc, a, b).is_none()
            && a + 1 < b
            && matches!(
                doc.word_class(a + 1),
                Some(WordClass::Det | WordClass::Quant | WordClass::Poss)
            )
        {
            continue;
        }
        // "speaking through an interpreter": how the words reached the
        // writer (a short content that ends in a conduit), no claim.
        if only_time(doc, a, b) || (b <= a + 4 && doc.is(b - 1, Use::Conduit)) {
            continue;
        }
        // "the Gazette reported, citing two officials": a conduit verb
        // ("cite") with an object that is only an actor (no place) names a
        // source, not what was said ("endorsed Jane Doe" is a claim).
        let source = actors.outer_mention_at(a).is_some_and(|m| {
            let m = actors.mention(m);
            m.toks() == (a..b) && actors.actor(m.actor()).kind != ActorKind::Place
        });
        if source && doc.is(cue.toks.start, Use::Conduit) {
            continue;
        }
        // "continues to grow", "continued to trail": a verb of going on
        // reports no infinitive (in "continued to insist that ..." the
        // claim is the infinitive's own).
        if doc.uses_lower(cue.toks.start).has(Use::Aspectual)
            && doc.tok(a).eq_ignore_ascii_case("to")
        {
            continue;
        }
        // "had no plans to raise the rent", "no intention of": an intention
        // said not to exist reports nothing (unlike "no doubt that ...").
        let intention = doc.tok(cue.toks.end - 1).eq_ignore_ascii_case("to")
            || (cue.toks.end < sent.end && matches!(doc.tok(cue.toks.end), "to" | "of"));
        if intention
            && cue.toks.start > sent.start
            && doc.tok(cue.toks.start - 1).eq_ignore_ascii_case("no")
        {
            continue;
        }
        // "laughed when told ...": a verb that only attributes quotations,
        // then a subordinate clause, reports nothing.
        let subordinate =
            doc.word_class(a) == Some(WordClass::Conj) && !doc.uses_lower(a).has(Use::Coordinator);
        if cue.frames.only_quote() && subordinate {
            continue;
        }
        // "spoke outside the court", "spoke at a rally in May": a verb that
        // takes no clause or object, then a place, sets the scene; so does
        // a span: "spoke for 40 minutes", "for more than an hour" (not "spoke
        // for the union", whose words they are).
        let no_clause = !(cue.frames.clause || cue.frames.object || cue.frames.inf);
        let span = || {
            doc.tok(a).eq_ignore_ascii_case("for")
                && (a + 1..(a + 4).min(b))
                    .find(|&k| doc.token(k).kind() != TokenKind::Word || doc.is_cap(k))
                    .is_some_and(|k| doc.token(k).kind() == TokenKind::Number)
        };
        if no_clause
            && ((doc.is(a, Use::Locative) && !doc.tok(a).eq_ignore_ascii_case("to")) || span())
        {
            continue;
        }
        if is_only_direct_quote(doc, quotes, a, b) {
            continue;
        }
        // "told reporters at the quay: “...”", "said only: “...”", "posted
        // on its website: “...”": the words before a colon that opens a
        // direct quotation are a setting, not a claim of their own (a few
        // words with no verb of their own, or a phrase a preposition opens).
        let colon = (a..b).find(|&t| doc.tok(t) == ":" && doc.in_quote_at(t).is_none());
        let verbless = |k: usize| {
            k <= a + 4
                && (a..k)
                    .all(|t| doc.cue_verb(t).is_none() && doc.word_class(t) != Some(WordClass::Aux))
        };
        // ("insisted that the point stood: “...”": a "that" opens a clause;
        // "vow to keep it open: “...”": so does an infinitive.)
        let that = (cue.toks.end..=a.min(cue.toks.end + 1))
            .any(|t| t < sent.end && doc.tok(t).eq_ignore_ascii_case("that"))
            || (cue.frames.inf && doc.tok(a).eq_ignore_ascii_case("to"));
        if colon.is_some_and(|k| {
            k + 1 < b
                && is_only_direct_quote(doc, quotes, k + 1, b)
                && (k <= a + 1
                    || (!that && (doc.word_class(a) == Some(WordClass::Prep) || verbless(k))))
        }) {
            continue;
        }
        // (and the clause ends at the colon: the quotation is a quote)
        let b = match colon {
            Some(k)
                if that && k > a && k + 1 < b && is_only_direct_quote(doc, quotes, k + 1, b) =>
            {
                k
            }
            _ => b,
        };
        // "told me, “Take what you need.”": a listener, then a marked
        // quotation the quote reports; "spoke to reporters", "wrote to the
        // minister": only the listener; "had called him in January to urge
        // ...": a call, not a name for something (the urging is the claim).
        let comma = (a..b.min(a + 4)).find(|&t| doc.tok(t) == "," && doc.in_quote_at(t).is_none());
        // ("told her, “...,” and walked out": the quotation, then the
        // subject's next act after a coordinator.)
        let quote_then_act = |k: usize| {
            let e = doc.quote_at(k)?;
            let e = doc.quote(e).close_tok()? + 1;
            let and = e + usize::from(e < b && doc.tok(e) == ",");
            (e == b || (and < b && doc.may_be(and, fact::USES) && doc.is(and, Use::Coordinator)))
                .then_some(e)
        };
        let listener_then_quote = comma.is_some_and(|k| {
            k > a
                && k + 1 < b
                && quote_then_act(k + 1)
                    .is_some_and(|e| is_only_direct_quote(doc, quotes, k + 1, e))
                && (a..k).all(|t| {
                    doc.token(t).kind() == TokenKind::Word
                        && !doc.tok(t).eq_ignore_ascii_case("that")
                })
        });
        let lead = doc.tok(a);
        let to = lead.eq_ignore_ascii_case("to");
        let only_listener = (to || lead.eq_ignore_ascii_case("with"))
            && a + 1 < b
            && (actors.mention_at(a + 1).is_some()
                || doc.is(a + 1, Use::Addressee)
                || matches!(
                    doc.word_class(a + 1),
                    Some(WordClass::Det | WordClass::Poss | WordClass::Pron)
                ))
            && !(a..b)
                .any(|t| doc.tok(t).eq_ignore_ascii_case("that") || doc.cue_verb(t).is_some());
        let names_only = cue.frames.object && !cue.frames.clause && !cue.frames.inf && to;
        // ("Economists we spoke to said ...": the stranded "to" of a
        // relative clause, then the main clause's verb.)
        // ("Residents who spoke to the Bugle said ...": the listener of
        // a relative clause, then the main clause's verb.)
        // (nothing reported: "the man who spoke to police was released")
        let relative = (to || lead.eq_ignore_ascii_case("with"))
            && !cue.frames.inf
            && cue.toks.start > 0
            && doc.tok(cue.toks.start - 1).eq_ignore_ascii_case("who")
            && (a + 1..b)
                .find(|&t| {
                    doc.word_class(t) == Some(WordClass::Aux)
                        || doc.cue_verb(t).is_some_and(|v| v.past())
                })
                .is_some_and(|k| !(a..k).any(|t| matches!(doc.tok(t), "that" | "about")));
        let stranded = (to || lead.eq_ignore_ascii_case("with"))
            && a + 1 < b
            && (relative || doc.cue_verb(a + 1).is_some_and(|v| v.past()));
        if stranded {
            continue;
        }
        if listener_then_quote || (cue.stance == Stance::Assert && (only_listener || names_only)) {
            continue;
        }
        // A claim needs words of its own, not just "reporters" or a pronoun
        // (two are enough to know: a count of all was quadratic).
        let words = (a..b)
            .filter(|&t| doc.token(t).kind() == TokenKind::Word)
            .take(2)
            .count();
        // ("Club members dispute that.", "she said no.", "said so")
        let pointer = b == a + 1 && doc.uses_lower(a).has(Use::Pointer);
        // ("said nothing", "told me nothing.": nothing was said; but "said
        // nothing had changed" reports a clause, and PolNeAR counts "said
        // nothing about the deal" as an attribution about its topic.)
        let listener = |t: usize| {
            doc.is(t, Use::Addressee) || doc.pronoun(t).is_some_and(|p| p.object && !p.subject)
        };
        let said_nothing = (a..b).find(|&t| !listener(t)).is_some_and(|t| {
            doc.uses_lower(t).has(Use::Nothing)
                && (t + 1 >= b || doc.token(t + 1).kind() == TokenKind::Punct)
        });
        if said_nothing {
            continue;
        }
        if words == 0
            || (words == 1 && cue.form != CueForm::PassiveBy && !cue.frames.object && !pointer)
        {
            continue;
        }
        // "could not find an equaliser in the second half", "added two
        // trams to the timetable": a verb whose object is a thing sought or
        // added, then that thing, reports nothing.
        // (Also as a closing clause: "..., as Rovers could not find an
        // equaliser despite ...": the words after the verb, up to a comma.)
        let f = cue.toks.end;
        // ("adding about a fifth to its capacity": past a rough amount's word)
        let rough = f + 1 < sent.end && matches!(doc.tok(f), "about" | "nearly" | "roughly");
        if doc.uses_lower(cue.toks.start).has(Use::ThingObject)
            && (a == f || is_tail)
            && thing_then_prep(
                doc,
                f + usize::from(rough),
                (f..sent.end)
                    .find(|&t| doc.tok(t) == ",")
                    .unwrap_or(sent.end),
            )
        {
            continue;
        }
        out.push(ClaimDraft::new(
            r.actor,
            r.mention,
            doc.span_of(cue.toks.start, cue.toks.end),
            doc.span_of(a, b),
            cue.stance,
        ));
    }
}

/// Whether `a..b` opens with a noun phrase an article or a count opens
/// ("an equaliser", "two trams"; not "both men", "more people": those stand
/// for people), at most three words, then a preposition other than "of"
/// (which goes on with the phrase: "a study of ..."), with no word that may
/// be a verb: auxiliary, negation, relative, pronoun, cue verb or past form
/// ("the man in the car was drunk" is a clause).
fn thing_then_prep(doc: &Doc, a: usize, b: usize) -> bool {
    let Some(p) = (a + 1..b.min(a + 5))
        .find(|&t| doc.token(t).kind() != TokenKind::Word || doc.word_class(t).is_some())
    else {
        return false;
    };
    let lone = p == a + 1;
    let opens = match doc.word_class(a) {
        Some(WordClass::Quant) => !lone && !doc.is(a, Use::LoneQuantifier),
        Some(_) => !lone && doc.is(a, Use::Article),
        None if doc.token(a).kind() == TokenKind::Number => !lone,
        // ("find time for": a lone singular noun, no verb we know; not
        // "adds up to")
        None => {
            lone && !doc.is_cap(a)
                && doc.cue_verb(a).is_none()
                && !doc.is(a, Use::Particle)
                && !doc.tok(a).ends_with('s')
        }
    };
    opens
        && doc.word_class(p) == Some(WordClass::Prep)
        && !doc.tok(p).eq_ignore_ascii_case("of")
        && (a + 1..b).all(|t| {
            let w = doc.tok(t);
            // (a capital is a name's: "in May")
            doc.is_cap(t)
                || doc.in_quote_at(t).is_none()
                    && !matches!(
                        doc.word_class(t),
                        Some(WordClass::Aux | WordClass::Neg | WordClass::Rel | WordClass::Pron)
                    )
                    && !w.eq_ignore_ascii_case("that")
                    && doc.cue_verb(t).is_none()
                    && !w.ends_with("ed")
        })
}

/// "Lopez, asked about the deal, said ...", "The senator, accused of
/// fraud, denied ...": a past form of a cue set off by commas between a
/// subject and its own verb is what was done to the subject, no claim of
/// theirs.
fn participle_apposed(doc: &Doc, actors: &Actors, resolved: &[Resolved], r: &Resolved) -> bool {
    let c = r.cue.toks.start;
    let after_subject = c > 0
        && doc.tok(c - 1) == ","
        && r.mention
            .is_some_and(|m| actors.mention(m).toks().end + 1 == c);
    after_subject
        && doc.cue_verb(c).is_some_and(|v| v.past())
        && resolved.iter().any(|x| {
            x.cue.toks.start > r.cue.toks.end
                && x.cue.form == CueForm::Finite
                && doc.tok(x.cue.toks.start - 1) == ","
                && x.actor == r.actor
        })
}

/// Whether a determiner or an owner opens the phrase at `s`.
fn starts_phrase(doc: &Doc, s: usize) -> bool {
    matches!(doc.word_class(s), Some(WordClass::Det | WordClass::Poss))
}

/// After a reporting clause set off by commas and ending at `m` (its
/// comma), where the sentence goes on: past a relative clause that
/// describes the speaker ("said Jo Roe, who ..., doesn't").
fn rest_after(doc: &Doc, m: usize, end: usize) -> Option<usize> {
    if m + 1 >= end || doc.tok(m) != "," {
        return None;
    }
    let a = match doc.word_class(m + 1) {
        Some(WordClass::Rel) => (m + 2..end).find(|&k| doc.tok(k) == ",")? + 1,
        _ => m + 1,
    };
    (a < end).then_some(a)
}

/// The first token from `s` that is no conjunction ("But", "And" opening a
/// sentence) nor dateline ("GENEVA, May 2 (Wire) -" opening a paragraph).
fn skip_conjunctions(doc: &Doc, mut s: usize, end: usize) -> usize {
    s = after_dateline(doc, s, end);
    while s < end && matches!(doc.word_class(s), Some(WordClass::Conj)) {
        s += 1;
    }
    s
}

/// Skips what stands between a cue and its content: an addressee ("told
/// reporters", "told the BBC"), a time ("on Wednesday"), "in a statement",
/// and "that".
fn content_start(
    doc: &Doc,
    actors: &Actors,
    mut t: usize,
    end: usize,
    keep_addressee: bool,
) -> usize {
    let lex = lexicon();
    let mut guard = 0;
    while t < end && guard < 8 {
        guard += 1;
        let w = doc.tok(t).lower_cow();
        // ("I still believe that.", "called that “a convenient story”": the
        // pronoun is the content, before punctuation)
        let last = t + 1 >= end || doc.token(t + 1).kind() == TokenKind::Punct;
        // ("say that is only part of it": before an auxiliary, "that" is
        // the clause's subject)
        let subject = t + 1 < end
            && doc.word_class(t + 1) == Some(WordClass::Aux)
            && !doc.tok(t + 1).ends_with("ing");
        // ("contests that estimate and says ...", "dropped that plan.": a
        // determiner before a lone noun that ends the clause stays)
        let noun = || {
            t + 2 < end
                && doc.tok(t + 1).first_is(crate::letters::is_lowercase)
                && doc.token(t + 1).kind() == TokenKind::Word
                && doc.word_class(t + 1).is_none()
                && !only_time(doc, t + 1, t + 2)
                && match doc.tok(t + 2) {
                    "." | ";" => true,
                    // (not "found that rents and fares will rise")
                    "and" | "but" => t + 3 < end && doc.cue_verb(t + 3).is_some(),
                    _ => false,
                }
        };
        if (w == "that" && !last && !subject && !noun()) || w == "," || w == ":" {
            t += 1;
            continue;
        }
        // (but after "that" one is the clause's subject unless a comma sets
        // it off: "warned that January would be tough")
        let subject = t > 0
            && doc.tok(t - 1).eq_ignore_ascii_case("that")
            && t + 1 < end
            && doc.word_class(t + 1) == Some(WordClass::Aux);
        if lex.is_not_name(doc.tok(t)) && doc.is_cap(t) && lex.word_class(&w).is_none() && !subject
        {
            t += 1; // a weekday or month (not "No", "The")
            continue;
        }
        // "said Monday night that", "on Monday evening that": the time of
        // day after the day
        if t > 0 && weekday(doc, t - 1) && doc.uses_lower(t).has(Use::SettingEnd) {
            t += 1;
            continue;
        }
        if word_is(&w, Use::SettingLead) {
            if let Some(k) = past_setting(doc, t, end) {
                t = k;
                continue;
            }
        }
        // "said on its website that", "said at a news conference in Geneva
        // that": a longer setting up to the "that" of the clause.
        if doc.word_class(t) == Some(WordClass::Prep)
            && (word_is(&w, Use::SettingLead) || word_is(&w, Use::Setting))
        {
            if let Some(k) = that_within(doc, t, end, 12, true) {
                t = k + 1;
                continue;
            }
        }
        if word_is(&w, Use::BeforeContent) {
            t += 1;
            continue;
        }
        // "replied to critics that", "explained to the court that": the
        // listener, then the "that" of a clause (not "responded to an ad
        // that attacks ...": a relative "that" before a verb).
        if w == "to" && t + 1 < end {
            let listener_end = match doc.word_class(t + 1) {
                Some(WordClass::Det | WordClass::Poss) if !doc.is(t + 1, Use::Complementizer) => {
                    (t + 2..(t + 5).min(end)).find(|&k| doc.tok(k) == "that")
                }
                _ => actors
                    .mention_at(t + 1)
                    .map(|m| actors.mention(m).toks().end)
                    .or_else(|| {
                        (doc.role(t + 1).is_some() || doc.is(t + 1, Use::Addressee))
                            .then_some(t + 2)
                    }),
            };
            if let Some(k) = listener_end.filter(|&k| {
                k < end
                    && doc.tok(k).eq_ignore_ascii_case("that")
                    && (t + 1..k).all(|j| doc.token(j).kind() == TokenKind::Word)
                    && (t + 2..k).all(|j| doc.word_class(j).is_none() && doc.cue_verb(j).is_none())
                    && opens_clause(doc, actors, k + 1, end)
            }) {
                t = k + 1;
                continue;
            }
        }
        // "told reporters", "told them" (not "said her staff would ...": a
        // possessive before a noun)
        let addressee = word_is(&w, Use::Addressee)
            || doc.pronoun(t).is_some_and(|p| {
                p.object
                    && !(p.possessive
                        && t + 1 < end
                        && doc.token(t + 1).kind() == TokenKind::Word
                        && doc.word_class(t + 1) != Some(WordClass::Prep)
                        && !matches!(doc.tok(t + 1), "that" | "to"))
            });
        if !keep_addressee && addressee {
            t += 1;
            continue;
        }
        // "told the BBC that", "told Fox News:": an addressee only when a
        // clause or a quotation follows.
        let named = if w == "the" { t + 1 } else { t };
        if let Some(m) = (named < end).then(|| actors.mention_at(named)).flatten() {
            let after = actors.mention(m).toks().end;
            if after < end && (doc.tok(after).eq_ignore_ascii_case("that") || doc.tok(after) == ":")
            {
                t = after;
                continue;
            }
            // ("posted on Instagram on Tuesday that she ...": a setting
            // between the name and the "that" of a clause)
            let setting = after < end
                && doc.word_class(after) == Some(WordClass::Prep)
                && doc.is(after, Use::SettingLead)
                && that_within(doc, after, end, 8, false)
                    .is_some_and(|k| opens_clause(doc, actors, k + 1, end));
            if setting {
                t = after;
                continue;
            }
        }
        break;
    }
    t
}

/// Whether token `k` can open a clause after its "that": a comma, a subject
/// pronoun, a determiner or an owner, or a name (not "a report that found").
fn opens_clause(doc: &Doc, actors: &Actors, k: usize, end: usize) -> bool {
    k < end
        && (doc.tok(k) == ","
            || doc.pronoun(k).is_some_and(|p| p.subject && !p.possessive)
            || matches!(doc.word_class(k), Some(WordClass::Det | WordClass::Poss))
            || actors.mention_at(k).is_some())
}

/// "told the court she had not been warned", "told them it was over",
/// "warned Jane Doe the bridge was unsafe": after a verb that takes an
/// addressee and no "that", a noun phrase (a name, an object pronoun, or a
/// determiner and up to three lowercase words) before the start of a clause
/// (a subject pronoun, a determiner or a name) is the addressee; gives the
/// clause's first token.
fn past_addressee(doc: &Doc, actors: &Actors, t: usize, end: usize) -> Option<usize> {
    let lex = lexicon();
    let word = |k: usize| (k < end && doc.token(k).kind() == TokenKind::Word).then(|| doc.tok(k));
    let w = word(t)?;
    let named_end = |k: usize| {
        (k < end)
            .then(|| actors.mention_at(k))
            .flatten()
            .map(|m| actors.mention(m).toks())
            .filter(|m| m.start == k)
            .map(|m| m.end)
    };
    // A lowercase word of no grammar class and no cue: a noun, likely.
    let plain = |k: usize| {
        word(k).is_some_and(|x| x.first_is(crate::letters::is_lowercase))
            && doc.word_class(k).is_none()
            && doc.cue_verb(k).is_none()
    };
    let phrase = matches!(doc.word_class(t), Some(WordClass::Det | WordClass::Poss));
    let after = if let Some(e) = named_end(t) {
        e
    } else if doc
        .pronoun(t)
        .is_some_and(|p| p.object && !p.subject && !p.possessive)
    {
        // "told us footfall had halved": after an object pronoun any noun
        // opens the clause ("told them to", "told us about" do not).
        let k = t + 1;
        if plain(k) && !doc.tok(k).ends_with("ing") {
            return Some(k);
        }
        k
    } else if phrase {
        // "the court", "his players": a name after the determiner, or
        // lowercase words up to the clause.
        named_end(t + 1).or_else(|| {
            (t + 1..(t + 4).min(end))
                .take_while(|&k| plain(k))
                .last()
                .map(|k| k + 1)
        })?
    } else if doc.role(t).is_some() || word_is(w, Use::Addressee) {
        t + 1 // "told police", "warned residents"
    } else {
        return None;
    };
    let next = word(after)?;
    // (Not "wanted a candidate who ...", "told the court that": a relative
    // or "that" goes on with the noun phrase or is handled as a "that".)
    let subject = doc
        .pronoun(after)
        .is_some_and(|p| p.subject && !p.possessive)
        && doc.word_class(after) != Some(WordClass::Rel);
    // ("told the court his client was ...": a possessive too)
    let det = matches!(
        doc.word_class(after),
        Some(WordClass::Det | WordClass::Poss)
    ) && !lex.is_any_case(next, Use::Complementizer);
    // A name opens the clause only after a name or a pronoun: "proposed a
    // safe zone inside Syria" has no addressee.
    // ("told the jury Doe had lied": a name before an auxiliary does.)
    let before_aux = named_end(after)
        .or_else(|| doc.is_cap(after).then_some(after + 1))
        .is_some_and(|e| e < end && doc.word_class(e) == Some(WordClass::Aux));
    let opens = subject || det || before_aux || (!phrase && named_end(after).is_some());
    opens.then_some(after)
}

/// "in a statement", "on Friday", "last week", "in an interview with X": a
/// time or setting phrase opened by the word at `t` ("on", "last"); gives
/// the token after it when it is one.
fn past_setting(doc: &Doc, t: usize, end: usize) -> Option<usize> {
    let lex = lexicon();
    if t + 1 >= end {
        return None;
    }
    let next = doc.uses_lower(t + 1);
    let is_time =
        lex.is_not_name(doc.tok(t + 1)) || next.has(Use::SettingHead) || next.has(Use::Article);
    if !is_time {
        return None;
    }
    let mut k = t + 1;
    while k < end
        && k < t + 5
        && doc.token(k).kind() == TokenKind::Word
        && !matches!(doc.tok(k), "that")
    {
        k += 1;
        if doc.uses_lower(k - 1).has(Use::SettingEnd) || lex.is_not_name(doc.tok(k - 1)) {
            break;
        }
    }
    // ("agree on a new tax on ...", "agree on the budget, officials said":
    // "on" and an article open a topic, a setting only with a time or
    // setting word in it, "on the morning of", "on the phone")
    let timed = |j: usize| {
        let u = doc.uses_lower(j);
        u.has(Use::SettingEnd) || u.has(Use::SettingHead) || lex.is_not_name(doc.tok(j))
    };
    if doc.tok(t).eq_ignore_ascii_case("on") && next.has(Use::Article) && !(t + 1..k).any(timed) {
        return None;
    }
    // ("in July 2010": the year after a month; not "on Tuesday 12
    // protesters")
    if k < end && doc.token(k).kind() == TokenKind::Number && doc.token(k).span().len() == 4 {
        k += 1;
    }
    if k < end && (doc.tok(k) == "," || doc.tok(k).eq_ignore_ascii_case("that")) {
        return Some(k);
    }
    // ("opposed this year's rise": the time owns the object)
    let owns = k < end && doc.token(k).kind() == TokenKind::Possessive;
    (k > t + 1 && !owns).then_some(k)
}

/// Where a reported clause ends.
fn clause_end(
    doc: &Doc,
    actors: &Actors,
    resolved: &[Resolved],
    start: usize,
    end: usize,
    tail_begin: Option<usize>,
    clause: bool,
) -> usize {
    // A reported clause is at most MAX_CONTENT tokens: longer runs without
    // punctuation are not prose, and the bound keeps every sentence linear.
    let limit = tail_begin
        .filter(|&b| b >= start)
        .unwrap_or(end)
        .min(start + MAX_CONTENT);
    // The first cue at or after the token looked at, moved along with it
    // (a search for each token was most of the time on texts of cue words).
    let mut next = resolved.partition_point(|r| r.cue.toks.start < start);
    let cue_at = |from: usize, t: usize| {
        let i = from
            + resolved
                .sub(from..)
                .iter()
                .take_while(|r| r.cue.toks.start < t)
                .count();
        resolved.get(i).filter(|r| r.cue.toks.start == t)
    };
    // ("Asked if he regretted the decision, Jane Doe said ...": the
    // question's clause ends at the comma, however short.)
    let asked = |t: usize| super::words::opens_with_asked(doc, t);
    let mut t = start;
    while t < limit {
        while next < resolved.len() && resolved[next].cue.toks.start < t {
            next += 1;
        }
        if doc.in_quote_at(t).is_some() {
            t += 1;
            continue;
        }
        let w = doc.tok(t);
        // ("said the rise was real but unusual.": a "but" before the last
        // word or two of the sentence joins them to the clause.)
        let joins_last_words = || {
            (t + 2..=t + 3).any(|e| {
                e <= limit
                    && (e == limit || doc.tok(e) == ".")
                    && (t + 1..e).all(|k| {
                        doc.token(k).kind() == TokenKind::Word && doc.word_class(k).is_none()
                    })
            })
        };
        // ("said X but that Y": the same reported clause goes on; not "but
        // that was ...")
        let goes_on = t + 2 < limit
            && doc.tok(t + 1) == "that"
            && doc.word_class(t + 2) != Some(WordClass::Aux);
        let but = t > start && w.eq_ignore_ascii_case("but") && !goes_on;
        if w == ";" || (but && (doc.tok(t - 1) == "," || !joins_last_words())) {
            return t;
        }
        // "denied there had been a build-up rejecting claims ...": a new cue
        // (not the clause's own verb: "he would not be asking ...");
        // "called the vote a farce and said ...": a second verb of the
        // same speaker (who has a claim of its own).
        if t > start
            && (cue_at(next, t)
                .is_some_and(|r| r.cue.form == CueForm::Gerund && !doc.is(t - 1, Use::Passive))
                || (w.eq_ignore_ascii_case("and")
                    && cue_at(next, t + 1)
                        .is_some_and(|r| r.cue.form == CueForm::Finite && r.actor.is_some())))
        {
            return t;
        }
        // "said the rents were too high, and the mayor said ...": after a
        // comma, "and" before the subject of a finite cue of its own, or
        // before a role it is apposed to ("and its chair, Jane Doe, said").
        let subject_at = |m: usize| {
            m == t + 1
                || (m > t + 2
                    && m <= t + 8
                    && doc.tok(m - 1) == ","
                    && (t + 1..m - 1).all(|k| {
                        matches!(doc.token(k).kind(), TokenKind::Word | TokenKind::Possessive)
                    }))
        };
        if t > start
            && doc.tok(t - 1) == ","
            && doc.uses_lower(t).has(Use::Coordinator)
            && resolved.sub(next..).iter().take(4).any(|r| {
                r.cue.form == CueForm::Finite
                    && r.actor.is_some()
                    && r.mention
                        .is_some_and(|m| subject_at(actors.mention(m).toks().start))
            })
        {
            return t;
        }
        // "promises to cut debt, reform schools and build homes, Jane Doe
        // promised ...": a comma right before the named subject of a finite
        // cue of its own (a verb or an auxiliary after the name) ends the
        // clause. (Not after a short setting, "told in private, X has ...",
        // nor before a name set off by commas, "its head, Jane Doe, told".)
        if w == ","
            && (t >= start + 4 || (t > start && asked(t)))
            && t + 1 < doc.tokens.len()
            && resolved.sub(next..).iter().take(4).any(|r| {
                r.cue.form == CueForm::Finite
                    && r.actor.is_some()
                    && r.mention.is_some_and(|m| {
                        let mention = actors.mention(m);
                        let toks = mention.toks();
                        // ("..., Mr Brandt said": a title written before it)
                        let titled = mention
                            .title()
                            .is_some_and(|s| s.start == doc.token(t + 1).span().start);
                        (toks.start == t + 1 || titled)
                            && mention.kind() == MentionKind::Name
                            && (r.cue.toks.start == toks.end
                                || (r.cue.toks.start == toks.end + 1
                                    && doc.token(toks.end).kind() == TokenKind::Word))
                    })
            })
        {
            return t;
        }
        // "When the mayor said the depot would close, the workers walked
        // out": a cue inside a subordinate clause that opens the sentence
        // reports up to the comma before the main clause's subject.
        if w == ","
            && t > start
            && t + 1 < limit
            && new_subject_at(doc, actors, t + 1)
            && opens_with_subordinate(doc, t, start)
        {
            return t;
        }
        if w == "," && t + 1 < limit {
            // ", saying ...", ", a claim ...", ", which ..."
            let starts_cue = cue_at(next, t + 1).is_some()
                || (cue_at(next, t + 2).is_some() && doc.word_class(t + 1) == Some(WordClass::Det));
            if starts_cue || doc.uses_lower(t + 1).has(Use::ClauseBreak) {
                return t;
            }
        }
        if !clause && t > start + 3 && word_is_any_case(w, Use::AdjunctOpener) {
            return t;
        }
        t += 1;
    }
    limit
}

/// Token `t` opens a clause's subject: a determiner or possessive, a
/// subject pronoun or an actor's mention.
fn new_subject_at(doc: &Doc, actors: &Actors, t: usize) -> bool {
    matches!(doc.word_class(t), Some(WordClass::Det | WordClass::Poss))
        || doc.pronoun(t).is_some_and(|p| p.subject)
        || actors.mention_at(t).is_some()
}

/// The sentence of the comma at `comma` opens with a subordinating word
/// ("When", "If", "Because", "Since", "Until"; not "As", whose "as X
/// said" frames the main clause) and has no comma before `start`, where a
/// content begins inside that opening clause.
fn opens_with_subordinate(doc: &Doc, comma: usize, start: usize) -> bool {
    let s = doc.sentence(doc.sentence_at(comma)).tokens().start;
    let w = doc.tok(s).lower_cow();
    let subordinate = match doc.word_class(s) {
        Some(WordClass::Conj) => !doc.uses_lower(s).has(Use::Coordinator) && w != "as",
        _ => matches!(&*w, "since" | "until" | "after" | "before" | "once"),
    };
    subordinate && (s..start).all(|k| doc.tok(k) != ",")
}

/// "The mayor's promise to reopen the baths has drawn ...", "the warning
/// that rates could rise was ignored": the clause of a claim noun that
/// stands before the sentence's verb ends at that verb's auxiliary, the
/// first one after "to" or the second after "that".
fn subject_clause_end(
    doc: &Doc,
    sent_start: usize,
    noun: usize,
    start: usize,
    end: usize,
) -> usize {
    let aux = |t: usize| doc.word_class(t) == Some(WordClass::Aux) && doc.in_quote_at(t).is_none();
    if (sent_start..noun).any(|t| aux(t) || doc.cue_verb(t).is_some()) {
        return end;
    }
    if start >= end {
        return end;
    }
    let mut seen = usize::from(doc.tok(start).eq_ignore_ascii_case("to"));
    for t in start + 1..end {
        if aux(t)
            && !matches!(
                doc.word_class(t - 1),
                Some(WordClass::Conj | WordClass::Aux | WordClass::Rel)
            )
            && doc.tok(t - 1) != ","
        {
            seen += 1;
            if seen == 2 {
                return t;
            }
        }
    }
    end
}

/// "The union, which says the offer is an insult, will ballot ...": a cue
/// in a relative clause set off by commas reports up to the comma before
/// the main clause's auxiliary.
fn relative_clause_end(doc: &Doc, cue: usize, start: usize, end: usize) -> usize {
    let mut k = cue;
    while k > 0 && is_skippable(doc, k - 1) {
        k -= 1;
    }
    let relative = k >= 2 && doc.word_class(k - 1) == Some(WordClass::Rel) && doc.tok(k - 2) == ",";
    if !relative {
        return end;
    }
    // (Only the first comma: one that opens an apposition inside the
    // clause, "that Jane Doe, under fire, would ...", is not its end.)
    // ("who calls him a “fraud,” said ...": the comma may close a
    // quotation, and the main clause's own cue verb follow.)
    let closes = |t: usize| {
        doc.quote_at(t)
            .is_none_or(|q| doc.quote(q).close_tok() == Some(t + 1))
    };
    (start + 1..end.saturating_sub(1))
        .find(|&t| doc.tok(t) == "," && closes(t))
        .filter(|&t| {
            let n = t + 1 + usize::from(doc.in_quote_at(t).is_some());
            n < end
                && (doc.word_class(n) == Some(WordClass::Aux)
                    || doc.cue_verb(n).is_some_and(|v| v.past() || v.present))
        })
        .map_or(end, |t| t + usize::from(doc.in_quote_at(t).is_some()) * 2)
}

/// "a claim rejected by X": the noun phrase before the verb.
fn noun_phrase_before(doc: &Doc, start: usize, mut t: usize) -> Option<(usize, usize)> {
    // ("the plan was rejected by X": without "was")
    if t > start && doc.is(t - 1, Use::Passive) {
        t -= 1;
    }
    let mut s = t;
    while s > start && t - s < 8 {
        let p = s - 1;
        if doc.token(p).kind() == TokenKind::Punct && doc.in_quote_at(p).is_none() {
            break;
        }
        // "warned that fare increases announced by X": the phrase starts
        // after the "that" of the clause it stands in.
        if doc.tok(p).eq_ignore_ascii_case("that") && doc.in_quote_at(p).is_none() {
            break;
        }
        s = p;
    }
    (s < t).then_some((s, t))
}

/// "According to X, CLAUSE" or "CLAUSE, according to X."
fn according_content(
    doc: &Doc,
    actors: &Actors,
    r: &Resolved,
    sent: std::ops::Range<usize>,
) -> Option<(usize, usize)> {
    let cue_start = r.cue.toks.start;
    // ("X was, according to Y, ...", "and, in the words of Y, ...": set off
    // inside a clause it has not finished, it reports what follows, as
    // after "because," or "after,"; not after "has been," which may end
    // one, nor after "in May,")
    let inside = cue_start >= sent.start + 2
        && doc.tok(cue_start - 1) == ","
        && (matches!(
            doc.word_class(cue_start - 2),
            Some(WordClass::Aux | WordClass::Conj)
        ) || doc.is(cue_start - 2, Use::AdjunctOpener))
        && doc
            .tok(cue_start - 2)
            .first_is(crate::letters::is_lowercase)
        && doc.tok(cue_start - 2) != "been";
    // ("(According to X, ...)": a parenthesis opens it as the sentence does)
    let first = sent.start + usize::from(doc.tok(sent.start) == "(");
    // "But, according to X, ...", "Since May, according to X, ...",
    // "Fundraising, according to X, has surged": after a short opener or a
    // bare subject, the clause after the phrase is the content.
    let opener = || {
        let b = skip_conjunctions(doc, first, sent.end);
        cue_start > b
            && cue_start <= b + 5
            && doc.tok(cue_start - 1) == ","
            && (b..cue_start - 1).all(|k| {
                doc.token(k).kind() == TokenKind::Word
                    && doc.in_quote_at(k).is_none()
                    && !matches!(doc.word_class(k), Some(WordClass::Aux | WordClass::Neg))
                    && !(doc.tok(k).ends_with("ed")
                        && doc.tok(k).first_is(crate::letters::is_lowercase))
                    && doc.cue_verb(k).is_none()
            })
    };
    let after = r
        .mention
        .map_or(r.cue.toks.end, |m| actors.mention(m).toks().end);
    let mut a = after;
    while a < sent.end.min(after + MAX_CONTENT) && doc.tok(a) != "," {
        a += 1;
    }
    // (not before a new clause: "Prices rose, according to X, and ...")
    let clause_after = a + 1 < sent.end && doc.word_class(a + 1) != Some(WordClass::Conj);
    if cue_start == first
        || (cue_start > first && doc.tok(cue_start - 1) == ",") && cue_start <= first + 1
        || inside
        || (clause_after && opener())
    {
        // (the parenthesis closing the sentence is none of it)
        let end = match first > sent.start && doc.tok(sent.end - 1) == ")" {
            true => sent.end - 1,
            false => sent.end,
        };
        return Some((a + 1, end));
    }
    // ("That's according to X", "This is according to X": the copula
    // links the content to its source, it is none of the content.)
    let start = sent.start.max(cue_start.saturating_sub(MAX_CONTENT));
    let copula =
        cue_start > start + 1 && matches!(doc.tok(cue_start - 1), "is" | "was" | "'s" | "’s");
    Some((start, cue_start - usize::from(copula)))
}

/// Trims punctuation (but not quotation marks) from both ends.
fn trim(doc: &Doc, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    let strip = |t: usize| {
        doc.token(t).kind() == TokenKind::Punct
            && doc.in_quote_at(t).is_none()
            && !matches!(doc.tok(t), ")" | "%")
    };
    while a < b && strip(a) {
        a += 1;
    }
    while b > a && strip(b - 1) {
        b -= 1;
    }
    (a < b).then_some((a, b))
}

/// "hit back last night", "had not spoken since March": a content that is
/// only a time (a few words of time, a weekday or a month, and numbers).
fn only_time(doc: &Doc, a: usize, b: usize) -> bool {
    let lex = lexicon();
    if b > a + 4 {
        return false;
    }
    // Each token's uses and time test once: some token a time word, and
    // every one a time word or one that goes with it.
    let mut any_time = false;
    (a..b).all(|t| {
        let u = doc.uses_lower(t);
        // (a capitalized word that is no name is a weekday or a month, not
        // the "That" of "That's according to X")
        let time = (lex.is_not_name(doc.tok(t)) && !u.has(Use::Pointer))
            || u.has(Use::SettingEnd)
            || (u.has(Use::BeforeContent) && !u.has(Use::Between));
        any_time |= time;
        time || doc.token(t).kind() == TokenKind::Number
            || u.has(Use::SettingLead)
            // (lowercased only when its first letter may make one of them)
            || (matches!(
                doc.text.as_bytes().at(doc.token(t).span().start),
                b's' | b'S' | b'u' | b'U' | b'a' | b'A'
            ) && matches!(&*doc.tok(t).lower_cow(), "since" | "until" | "ago"))
    }) && any_time
}

/// True when tokens `a..b` are one quotation that is no partial quote.
fn is_only_direct_quote(doc: &Doc, quotes: &[QuoteDraft], a: usize, b: usize) -> bool {
    let (Some(qa), Some(qb)) = (doc.quote_at(a), doc.quote_at(b - 1)) else {
        return false;
    };
    // The drafts are in text order (a search, not a look at each: one a cue).
    let i = quotes.partition_point(|q| q.raw() < qa);
    qa == qb
        && quotes
            .sub(i..)
            .iter()
            .take_while(|q| q.raw() == qa)
            .any(|q| q.kind != QuoteKind::Partial)
}

#[cfg(test)]
mod tests {
    use super::super::testing::claims;

    fn content_of(text: &str, cue: &str) -> Option<(Option<String>, String)> {
        claims(text)
            .into_iter()
            .find(|(_, c, _)| c == cue)
            .map(|(who, _, content)| (who, content))
    }

    #[test]
    fn the_clause_after_said_skips_the_setting() {
        let text = "Jane Doe said on Friday in a statement that the bridge would reopen.";
        let (who, content) = content_of(text, "said").unwrap();
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        assert_eq!(content, "the bridge would reopen");
    }

    #[test]
    fn the_clause_skips_the_addressee() {
        for text in [
            "Jane Doe reminded them that the bridge would reopen.",
            "Jane Doe assured lawmakers that the bridge would reopen.",
        ] {
            let (_, _, content) = &claims(text)[0];
            assert_eq!(content, "the bridge would reopen");
        }
    }

    #[test]
    fn a_closing_reporting_clause_reports_the_sentence_before_it() {
        let text = "The bridge will reopen next month, Jane Doe said.";
        let (who, content) = content_of(text, "said").unwrap();
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        assert_eq!(content, "The bridge will reopen next month");
    }

    #[test]
    fn according_to_reports_the_clause_before_it() {
        let text = "The bridge will reopen next month, according to Jane Doe.";
        let (who, content) = content_of(text, "according to").unwrap();
        assert_eq!(who.as_deref(), Some("Jane Doe"));
        assert_eq!(content, "The bridge will reopen next month");
    }

    #[test]
    fn a_content_stops_at_but() {
        let text = "Jane Doe said the bridge would reopen, but nobody believed her.";
        let (_, content) = content_of(text, "said").unwrap();
        assert_eq!(content, "the bridge would reopen");
    }

    #[test]
    fn a_direct_quotation_is_no_claim() {
        let text = "Jane Doe said: “The bridge will reopen next month.”";
        assert!(content_of(text, "said").is_none());
    }

    #[test]
    fn a_listener_alone_or_before_a_quotation_is_no_claim() {
        for text in [
            "Jane Doe told me, “The bridge will reopen next month.”",
            "Jane Doe spoke to reporters at the bridge.",
            "Jane Doe wrote to the mayor in June.",
        ] {
            assert!(claims(text).is_empty(), "{text}");
        }
        let text = "Jane Doe objected to the toll.";
        assert_eq!(content_of(text, "objected").unwrap().1, "to the toll");
    }
}
