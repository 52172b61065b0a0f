//! The reporting clause that closes a sentence (", X said." / "“...,” said
//! X"), which both quotes and claims look for. Takes the sentence's
//! [`Resolved`] cues, gives the one that reports back.

use super::cues::CueForm;
use super::drafts::Resolved;
use super::words::{after_dateline, apposed_to_clause, quoted_as, sentence_opening, REACH};
use crate::actors::Actors;
use crate::at::At;
use crate::lexicon::{fact, lexicon, Refers, Use, WordClass};
use crate::text::{Doc, Lower, TokenKind};

/// The reporting clause at the end of a sentence: ", X said." / ", said X."
pub fn tail<'r>(
    doc: &Doc,
    actors: &Actors,
    resolved: &'r [Resolved],
    quote_close: Option<usize>,
) -> Option<&'r Resolved> {
    // For a quote closing at `quote_close`, the first cue after it that
    // opens a clause after a comma or a closing mark: "“...,” said Jane Doe,
    // 24, who said ..." is Jane Doe's, not the relative clause's. For a
    // claim (None), the last one, which reports everything before it.
    let for_quote = quote_close.is_some();
    // ("The mayor, Jane Doe, said it was “a sham” and urged ...": a subject
    // before the quote reports forward.)
    let is_tail = |r: &&Resolved| {
        reports_back(doc, actors, r, for_quote)
            && quote_close.is_none_or(|c| {
                r.mention
                    .and_then(|m| actors.mentions.get(m))
                    .is_none_or(|m| m.toks().start > c)
            })
    };
    if let Some(close) = quote_close {
        // The reporting clause stands within reach of the quote (appositives
        // included): a bounded look keeps long sentences with many quotes
        // linear.
        let from = resolved.partition_point(|r| r.cue.toks.start <= close);
        // "“...”, but the chief executive, Jane Doe, insisted ...": a
        // comma and a conjunction other than "and" or "as" open a clause of
        // their own after the quote.
        let comma_after = close + 1 < doc.tokens.len() && doc.tok(close + 1) == ",";
        let conj = close + 1 + usize::from(comma_after);
        // ("“...”, and its leader, Jane Doe, vowed to ...": an "and" before a
        // determiner opens a new subject's clause too)
        let new_subject = || {
            conj + 1 < doc.tokens.len()
                && matches!(
                    doc.word_class(conj + 1),
                    Some(WordClass::Det | WordClass::Poss)
                )
        };
        let opens = (comma_after || (close > 0 && doc.tok(close - 1) == ","))
            && conj < doc.tokens.len()
            && doc.word_class(conj) == Some(WordClass::Conj)
            && (!matches!(&*doc.tok(conj).lower_cow(), "and" | "as" | "or")
                || (doc.tok(conj).eq_ignore_ascii_case("and") && new_subject()));
        if opens {
            return None;
        }
        // ("“...,” said he doubts ...": a cue right after the quote that
        // does not report back leaves none later that would.)
        let rest = resolved.sub(from..);
        if let Some(r) = rest.first().filter(|r| r.cue.toks.start <= close + 2) {
            return Some(r).filter(is_tail);
        }
        rest.iter()
            .take_while(|r| r.cue.toks.start <= close + REACH)
            .find(is_tail)
    } else {
        // ("According to X, Y knew of it.": the source is given already.)
        let according = resolved
            .iter()
            .find(|x| x.cue.form == CueForm::According)
            .map_or(usize::MAX, |x| x.cue.toks.start);
        // (At most four of the last cues: a look at all of them was quadratic.)
        let mut tried = 0;
        crate::at::last_of(resolved, |r| {
            let apposed = || apposed_object(doc, actors, r);
            if tried == 4
                || r.cue.form != CueForm::Finite
                || !(r.cue.frames.quote || r.cue.frames.clause || apposed())
                || r.actor.is_none()
            {
                return false;
            }
            tried += 1;
            // "Its secretary, Jane Doe, denied that ...": a cue with its own
            // clause after it reports forward, not back. A closing clause
            // ends the sentence within a few words ("told reporters on
            // Friday."), or its first clause (", X said, and Y warned ...").
            let mention_end = r.mention.map_or(0, |m| actors.mention(m).toks().end);
            let after = r.cue.toks.end.max(mention_end);
            let sent_end = doc.sentence(doc.sentence_at(r.cue.toks.start)).tokens().end;
            // ("..., and its chairman, Ed Moss, promised a bigger dividend.":
            // a verb that takes an object, then a determiner, has its own.)
            let object = || {
                r.cue.frames.object
                    && after < sent_end
                    && matches!(
                        doc.word_class(after),
                        Some(WordClass::Det | WordClass::Quant | WordClass::Poss)
                    )
            };
            // (an auxiliary after it opens the cue's own clause: "..., the
            // minister said talks would resume.")
            // ("..., analysts say; in 2012, ...": a semicolon ends the clause.)
            let clause_end = (after..sent_end.min(after + 9))
                .find(|&t| doc.tok(t) == ";")
                .unwrap_or(sent_end);
            let closes = tried == 1
                && clause_end.saturating_sub(after) <= 8
                && (after..clause_end).all(|t| {
                    !doc.tok(t).eq_ignore_ascii_case("that")
                        && doc.tok(t) != ":"
                        && doc.word_class(t) != Some(WordClass::Aux)
                })
                && !object();
            let joined = after + 1 < sent_end
                && doc.tok(after) == ","
                && doc.word_class(after + 1) == Some(WordClass::Conj);
            // (", warning that ...": a participle cue reports on from the tail)
            let gerund = |t: usize| {
                resolved
                    .iter()
                    .any(|x| x.cue.form == CueForm::Gerund && x.cue.toks.start == t)
            };
            let adjunct = || tried == 1 && adjunct_after(doc, after, sent_end, gerund);
            // "If costs rise, analysts say prices will follow": the clause
            // before the comma opens the sentence's own, it is no content.
            let subject_start = r.mention.map_or(r.cue.toks.start, |m| {
                actors.mention(m).toks().start.min(r.cue.toks.start)
            });
            let after_opener =
                || sentence_opening(doc, r.cue.toks.start).1 == tail_start(doc, subject_start);
            (closes || joined || adjunct())
                && according > r.cue.toks.start
                && !after_opener()
                && (r.cue.frames.clause || apposed())
                && !after_setting(doc, actors, r)
                && !subject_clause(doc, actors, resolved, r)
                && is_tail(&r)
        })
    }
}

/// ", two people familiar with the matter said on Tuesday, in a deal that
/// ...": a comma a short setting after the cue, then a phrase a preposition
/// or an adjunct opens, or a participle cue (`gerund`: ", adding that ..."),
/// which adds to the clause before (not "said on Tuesday, in a statement,
/// that ...": a "that" after a comma reports on).
fn adjunct_after(doc: &Doc, after: usize, end: usize, gerund: impl Fn(usize) -> bool) -> bool {
    let Some(c) = (after..(after + 5).min(end)).find(|&t| doc.tok(t) == ",") else {
        return false;
    };
    // (nothing, or a setting: "on Tuesday", "in a statement", "last week")
    let setting = c == after
        || (doc.uses_lower(after).has(Use::SettingLead)
            && (after..c).all(|t| {
                doc.token(t).kind() == TokenKind::Word && !doc.tok(t).eq_ignore_ascii_case("that")
            }));
    // ("days after ...", "two weeks before ...", "hours after": a measure
    // of time, then "after" or "before")
    let measured = || {
        (c + 2..(c + 5).min(end))
            .find(|&t| matches!(doc.tok(t), "after" | "before"))
            .is_some_and(|p| {
                (c + 1..p).all(|t| {
                    doc.token(t).kind() == TokenKind::Number
                        || (doc.token(t).kind() == TokenKind::Word
                            && doc.cue_verb(t).is_none()
                            && matches!(
                                doc.word_class(t),
                                None | Some(WordClass::Det | WordClass::Quant)
                            ))
                })
            })
    };
    let opens = c + 1 < end
        && (doc.word_class(c + 1) == Some(WordClass::Prep)
            || doc.uses_lower(c + 1).has(Use::AdjunctOpener)
            || gerund(c + 1)
            // (", creating a group worth ...": a participle's clause)
            || lexicon().has_ending(doc.tok(c + 1), Use::GerundEnding)
            || measured());
    let reports_on = (c + 1..(c + 12).min(end))
        .any(|t| doc.tok(t) == "," && t + 1 < end && doc.tok(t + 1).eq_ignore_ascii_case("that"));
    setting && opens && !reports_on
}

/// "On Tuesday, the agency said talks would resume", "Later, X said ...":
/// the words before the subject's comma are only a setting (one word, or a
/// short phrase a preposition opens, with no verb we know), which no one
/// reports: the clause after the cue is the claim.
fn after_setting(doc: &Doc, actors: &Actors, r: &Resolved) -> bool {
    let Some(m) = r.mention.map(|m| actors.mention(m)) else {
        return false;
    };
    let group = tail_start(doc, r.cue.toks.start.min(m.toks().start));
    let sent = doc.sentence(doc.sentence_at(r.cue.toks.start)).tokens();
    let s = after_dateline(doc, sent.start, sent.end);
    if group <= s + 1 || doc.tok(group - 1) != "," {
        return false;
    }
    let words = s..group - 1;
    // "Asked whether he would resign, X said ...": a past form of a cue
    // opening the sentence is what was put to the speaker.
    if doc.is_cap(s) && doc.cue_verb(s).is_some_and(|v| v.past()) && words.len() <= 12 {
        return true;
    }
    (words.len() == 1 || (words.len() <= 5 && doc.word_class(s) == Some(WordClass::Prep)))
        && words.clone().all(|t| {
            doc.token(t).kind() == TokenKind::Word
                && doc.in_quote_at(t).is_none()
                && doc.word_class(t) != Some(WordClass::Aux)
                && doc.cue_verb(t).is_none()
        })
}

/// ", a view the government rejects": the subject of a cue that takes a
/// noun phrase, after the indefinite noun phrase that is its object and
/// stands for the clause before the comma.
fn apposed_object(doc: &Doc, actors: &Actors, r: &Resolved) -> bool {
    let Some(s) = r.mention.map(|m| actors.mention(m).toks().start) else {
        return false;
    };
    r.cue.frames.object
        && s > 0
        && s < r.cue.toks.start
        && apposed_to_clause(doc, tail_start(doc, s), s - 1)
}

/// Whether the words before cue `r` back to its comma are a clause of its
/// own or an apposed subject, not a reporting clause: "Its chair, Jane Doe,
/// said the group would object" (another cue opens it), "The mayor, Jane
/// Doe, welcomed it" (a comma right between the name and its verb).
fn subject_clause(doc: &Doc, actors: &Actors, resolved: &[Resolved], r: &Resolved) -> bool {
    let Some(m) = r.mention.map(|m| actors.mention(m)) else {
        return false;
    };
    let start = tail_start(doc, r.cue.toks.start.min(m.toks().start));
    // (auxiliaries between: "The mayor, Jane Doe, has promised a review")
    let e = m.toks().end;
    // (but in "Prices will rise, the firm's chief, Jane Doe, said." the
    // role before her comma follows a clause, no opening phrase: she
    // closes it)
    let n = m.toks().start;
    let (s, main) = sentence_opening(doc, n);
    let closes = apposed_role(doc, n).is_some_and(|g| g > s + 3) && main == s;
    let apposed = e < r.cue.toks.start
        && doc.tok(e) == ","
        && !closes
        && (e + 1..r.cue.toks.start).all(|t| doc.word_class(t) == Some(WordClass::Aux));
    apposed
        || resolved
            .iter()
            .any(|x| x.cue.toks.start >= start && x.cue.toks.start < r.cue.toks.start)
}

/// Whether cue `r` opens a reporting clause that looks back at what came
/// before it in the sentence (", X said", "“...,” said X"), for a quote
/// (`for_quote`: "according to X" and "as described by X" count too) or for
/// a claim.
fn reports_back(doc: &Doc, actors: &Actors, r: &Resolved, for_quote: bool) -> bool {
    // "“...,” according to Jane Doe."
    // "“...” – as described by Jane Doe."
    let form_ok = r.cue.form == CueForm::Finite
        || (for_quote
            && (matches!(r.cue.form, CueForm::According | CueForm::PassiveBy)
                || (r.cue.form == CueForm::Gerund && quoted_as(doc, r.cue.toks.start))));
    let frames_ok = r.cue.frames.quote
        || r.cue.frames.clause
        || r.cue.form == CueForm::PassiveBy
        || (!for_quote && apposed_object(doc, actors, r));
    if !form_ok || !frames_ok {
        return false;
    }
    let Some(mention) = r.actor.and(r.mention).and_then(|m| actors.mentions.get(m)) else {
        return false;
    };
    let group_start = tail_start(doc, r.cue.toks.start.min(mention.toks().start));
    let sent = doc.sentence(doc.sentence_at(r.cue.toks.start)).tokens();
    let sent_start = sent.start;
    // "Serbia said ..." opens the sentence: not a closing clause.
    let closes_quote = |t: usize| {
        doc.quote_at(t)
            .is_some_and(|q| doc.quote(q).close_tok() == Some(t))
    };
    // "“...,” until Jane Doe said she ..." opens a new clause; "“...,”
    // as Jane Doe said" still reports it, and so does a source phrase's
    // own preposition ("“...,” in the words of Jane Doe").
    let opens_clause = || {
        matches!(
            doc.word_class(group_start),
            Some(WordClass::Conj | WordClass::Prep | WordClass::Rel)
        ) && !doc.tok(group_start).eq_ignore_ascii_case("as")
            && !(r.cue.form == CueForm::According && group_start == r.cue.toks.start)
    };
    // "“...,” a charge that Jane Doe denied" is a relative clause.
    let relative = || {
        (group_start..r.cue.toks.start.min(mention.toks().start)).any(|t| {
            doc.tok(t).eq_ignore_ascii_case("that") || doc.word_class(t) == Some(WordClass::Rel)
        })
    };
    // "“...,” Jane Doe said the plan ..." reports a clause of its own
    // (but "told the crowd" names a listener).
    let after = r.cue.toks.end.max(mention.toks().end);
    // (A headline has no period: "..., union says" ends there, and the
    // next paragraph's first word is none of its clause.)
    let own_clause = || {
        mention.toks().start < r.cue.toks.start
            && after < sent.end
            && match &*doc.tok(after).lower_cow() {
                // "said that ...", "said he ...": a subject pronoun that can
                // stand for a person.
                "that" => true,
                // (the token's facts rule out most look-ups: "said.")
                w if doc.may_be(after, fact::PRONOUN)
                    && lexicon()
                        .pronoun(w)
                        .is_some_and(|p| p.subject && p.refers != Refers::Thing) =>
                {
                    true
                }
                w => {
                    // (the cue's uses asked last: the tests before rule most out)
                    let says = || doc.uses_lower(r.cue.toks.start).has(Use::Say);
                    // "said the two cases ...", "said Jane Doe would ...",
                    // "said Vesta backs the deal" (a finite cue verb after
                    // the name)
                    let named_subject = || {
                        actors.outer_mention_at(after).is_some_and(|m| {
                            let e = actors.mention(m).toks().end;
                            e < doc.tokens.len()
                                && (doc.word_class(e) == Some(WordClass::Aux)
                                    || doc.cue_verb(e).is_some_and(|v| !v.gerund && !v.base))
                        })
                    };
                    ((doc.may_be(after, fact::GRAMMAR)
                        && lexicon().word_class(w) == Some(WordClass::Det))
                        || named_subject())
                        && says()
                }
            }
    };
    // "“...” – as described by Jane Doe", but "“...”, a claim rejected
    // by Jane Doe" describes a noun.
    // ("“...,” MPs were told by Jane Doe": a closing passive reports it)
    let bare_passive = r.cue.form != CueForm::PassiveBy
        || (group_start..r.cue.toks.start).all(|t| doc.tok(t).eq_ignore_ascii_case("as"))
        || super::cues::closing_passive(doc, r.cue.toks.start, sent.clone());
    // ("..., “less advanced schools,” Jane Doe said: “...”": a colon and a
    // quotation after the cue report forward.)
    let introduces = || {
        for_quote
            && after + 1 < sent.end
            && doc.tok(after) == ":"
            && doc.quote_at(after + 1).is_some()
    };
    // ("14:20 — Jane Doe says ...": a time stamp and a dash leave no words
    // for the clause to report back.)
    group_start > sent_start
        && (sent_start.max(group_start.saturating_sub(REACH))..group_start - 1)
            .any(|t| doc.token(t).kind() == TokenKind::Word)
        && bare_passive
        && (closes_quote(group_start - 1)
            || matches!(
                doc.tok(group_start - 1),
                "," | "”" | "\"" | "’" | "'" | "''" | "—" | "–" | "»"
            ))
        && !opens_clause()
        && !relative()
        && !own_clause()
        && !introduces()
}

/// ", the firm's chief executive, Jane Doe,": the start of a role set off
/// by commas right before the name at `n` (its first token).
pub fn apposed_role(doc: &Doc, n: usize) -> Option<usize> {
    let c = n.checked_sub(1).filter(|&c| doc.tok(c) == ",")?;
    let g = tail_start(doc, c);
    // (a determiner or an owner opens the role, a capital the name: not
    // "..., a common practice among fans, experts said")
    (g > 0
        && g + 1 < c
        && doc.tok(g - 1) == ","
        && doc.is_cap(n)
        && (matches!(doc.word_class(g), Some(WordClass::Det | WordClass::Poss))
            || (g..c).any(|k| doc.token(k).kind() == TokenKind::Possessive))
        // (a role the lexicons don't know too: "the school's bursar")
        && (doc.role(c - 1).is_some() || lexicon().is_title(doc.tok(c - 1)) || doc.plain_word(c - 1)))
    .then_some(g)
}

/// Where the words of a reporting clause begin: back over its subject's
/// title and determiner.
pub fn tail_start(doc: &Doc, from: usize) -> usize {
    let joins = |t: usize| {
        matches!(doc.token(t).kind(), TokenKind::Word | TokenKind::Possessive)
            // the period of "Sen." or "Dr."
            || (doc.tok(t) == "."
                && t >= 1
                && doc.token(t - 1).kind() == TokenKind::Word
                && doc.token(t - 1).span().end == doc.token(t).span().start)
    };
    let mut s = from;
    let mut n = 0;
    while s > 0 && n < 10 && joins(s - 1) && doc.in_quote_at(s - 1).is_none() {
        s -= 1;
        n += 1;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::super::testing::quote;

    fn speaker(text: &str, start: &str) -> Option<String> {
        quote(text, start).speaker
    }

    #[test]
    fn a_closing_clause_reports_back() {
        let text = "“The vote was a sham,” the mayor's rival, Jane Doe, said.";
        assert_eq!(speaker(text, "The vote").as_deref(), Some("Jane Doe"));
        let text = "“The vote was a sham,” according to Jane Doe.";
        assert_eq!(speaker(text, "The vote").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn a_relative_clause_does_not_report_back() {
        let text = "Critics called the vote “a sham,” a charge that Jane Doe denied.";
        assert_ne!(speaker(text, "a sham").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn a_clause_after_a_conjunction_does_not_report_back() {
        let text = "The crowd chanted “a sham,” until Jane Doe said it was over.";
        assert_ne!(speaker(text, "a sham").as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn a_clause_of_its_own_does_not_report_back() {
        let text = "“We are done here,” Jane Doe said the two cases were closed.";
        assert_ne!(speaker(text, "We are").as_deref(), Some("Jane Doe"));
    }
}
