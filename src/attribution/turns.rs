//! Transcript turns: in an interview set out as a transcript ("Q: ...",
//! "A: ...", "MORALES: ...", "Dr. Okafor: ..."), the words after a speaker's
//! label are that speaker's own words, a quotation without marks. A
//! paragraph that opens with a label is one turn, from the first word after
//! the colon to the end of the paragraph; a paragraph without a label is the
//! writer's (a turn never runs on). The text is a transcript when a label
//! is an interview's "Q:" or "A:", or one person's label opens at least two
//! paragraphs: a lone "Jane Doe: No outside pressure on the inquiry" (a
//! headline), or a list of names each with a line ("Okafor: Lower bus fares
//! ..."), stays a claim cued by its colon ([`super::cues`]).

use crate::actors::Actors;
use crate::annotation::{ActorKind, MentionKind};
use crate::at::At;
use crate::text::{Doc, RawQuote, TokenKind};

/// The label opening a paragraph (or sentence) at token `start`, within
/// the first eight tokens before `end`: a person's or organization's
/// mention right before a colon, with only capitalized title words before
/// it ("Sen.", "Dr."), nothing that reads as a clause ("Clinton said:").
/// The "Q" and "A" of an interview are pronoun mentions of the interviewer
/// and the interviewee (`actors/interview.rs`). Gives the mention and the
/// colon's token.
pub(super) fn label(
    doc: &Doc,
    actors: &Actors,
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    // An interview's dotted "Q." / "A." is a label only where
    // `interview::label_letters` made its letter a pronoun mention.
    // (the dot first: it rules out most paragraphs without a look-up)
    let letter = (start + 1 < doc.tokens.len() && doc.tok(start + 1) == ".")
        .then(|| actors.outer_mention_at(start))
        .flatten()
        .filter(|&m| actors.mention(m).kind() == MentionKind::Pronoun);
    let colon = match letter {
        Some(_) => start + 1,
        None => (start..(start + 8 + BRACKET).min(end)).find(|&t| doc.tok(t) == ":")?,
    };
    let name_end = name_end(doc, start, colon);
    if name_end >= start + 8 && letter.is_none() {
        return None;
    }
    let m = actors.outer_mention_at(name_end.checked_sub(1)?)?;
    let mention = actors.mention(m);
    let kind = actors.actor(mention.actor()).kind;
    (mention.toks().end == name_end
        && matches!(kind, ActorKind::Person | ActorKind::Organization)
        && (start..mention.toks().start)
            // (not a column's "FRAUD, Westbury:": a comma before the name)
            .all(|t| {
                doc.is_cap(t)
                    || doc.tok(t) == "."
                    || (doc.token(t).kind() != TokenKind::Word && doc.tok(t) != ",")
            }))
    .then_some((m, colon))
}

/// The most tokens of a bracket between a label's name and its colon.
const BRACKET: usize = 8;

/// Where a label's name ends before its `colon`: at the colon, or at the
/// opening of a short bracket right before it, which an official report
/// of a debate writes after a member's name: the seat, the party or the
/// office ("Ms Jane Doe (Northfield):", "Cllr Tom Roe (Leader of the
/// Council):", "Sen. Jane Doe (D-Ohio):"). The bracket holds words only
/// (and commas, hyphens, points), none of them a quotation's.
fn name_end(doc: &Doc, start: usize, colon: usize) -> usize {
    if colon == 0 || doc.tok(colon - 1) != ")" {
        return colon;
    }
    let from = (colon - 1).saturating_sub(BRACKET).max(start);
    let Some(open) = crate::at::last_back(from, colon - 1, |_| true, |t| doc.tok(t) == "(") else {
        return colon;
    };
    let inside = open + 1..colon - 1;
    let plain = !inside.is_empty()
        && inside.clone().all(|t| {
            doc.in_quote_at(t).is_none()
                && (doc.token(t).kind() == TokenKind::Word || matches!(doc.tok(t), "," | "-" | "."))
        });
    if plain {
        open
    } else {
        colon
    }
}

/// The turns of a transcript, in text order; none unless a label is an
/// interview's "Q" or "A" or some actor's label opens two paragraphs. A
/// turn has words of its own right after the colon: "X: “...”" is a marked
/// quotation, which the quote rules attribute (`name_and_colon`). Each turn
/// is a quotation without marks (its span its content), its `open_tok` the
/// first word after the label's colon.
pub(super) fn find(doc: &Doc, actors: &Actors) -> Vec<RawQuote> {
    let mut turns = Vec::new();
    for p in &doc.paras {
        let Some((_, colon)) = label(doc, actors, p.tokens().start, p.tokens().end) else {
            continue;
        };
        let first = colon + 1;
        if first < p.tokens().end
            && doc.token(first).kind() == TokenKind::Word
            && doc.in_quote_at(first).is_none()
        {
            let content = doc.span_of(first, p.tokens().end);
            turns.push(RawQuote::new(content, content, first, None));
        }
    }
    // A transcript gives someone the floor twice: labels that each name a
    // different person once head a list ("Okafor: Lower bus fares").
    // An interview's "Q:" or "A:" is a transcript's label by itself.
    let mut seen = vec![false; actors.actors.len()];
    let transcript = turns
        .iter()
        .filter_map(|q| speaker(doc, actors, q))
        .any(|m| {
            let m = actors.mention(m);
            m.kind() == MentionKind::Pronoun || std::mem::replace(seen.at_mut(m.actor()), true)
        });
    if !transcript {
        turns.clear();
    }
    turns
}

/// An interview written without labels: each question a paragraph of its
/// own ending in "?", then the answer's paragraphs. The text is one when
/// three questions or more are each answered, one of them at least asking
/// "you" and half the answers in the first person ("I", "we": an
/// explainer's questions are answered in the third). Gives
/// each answer's paragraphs as turns, in text order (their speaker is the
/// interviewee, the person named most: `crate::actors::most_named`).
pub(super) fn answers(doc: &Doc) -> Vec<RawQuote> {
    let question = |p: usize| {
        let t = doc.paragraph(p).tokens();
        !t.is_empty() && t.len() <= 40 && doc.tok(t.end - 1) == "?"
    };
    let has = |p: usize, words: &[&str]| {
        doc.paragraph(p).tokens().any(|k| {
            doc.in_quote_at(k).is_none() && words.iter().any(|w| doc.tok(k).eq_ignore_ascii_case(w))
        })
    };
    let mut out = Vec::new();
    let (mut asked, mut to_you, mut answered, mut first_person) = (0, 0, 0, 0);
    // (a column's questions to itself: long runs of prose between them,
    // quotations in them, a long lead before the first)
    let (mut longest, mut quoting) = (0, 0);
    let n = doc.paras.len();
    let mut i = (0..n).find(|&p| question(p)).unwrap_or(n);
    let lead = i;
    while i < n {
        asked += 1;
        to_you += usize::from(has(i, &["you", "your"]));
        let mut j = i + 1;
        let mut first = false;
        while j < n && !question(j) {
            let t = doc.paragraph(j).tokens();
            if !t.is_empty() && !doc.paragraph(j).heading {
                let content = doc.span_of(t.start, t.end);
                out.push(RawQuote::new(content, content, t.start, None));
                first |= has(j, &["i", "we", "my", "our", "me", "us"]);
                quoting += usize::from(t.clone().any(|k| doc.in_quote_at(k).is_some()));
            }
            j += 1;
        }
        longest = longest.max(j - i - 1);
        answered += usize::from(j > i + 1);
        first_person += usize::from(first);
        i = j;
    }
    let interview = asked >= 3
        && answered == asked
        && to_you > 0
        && 2 * first_person >= answered
        && lead <= 4
        && longest <= 6
        && 4 * quoting <= out.len();
    if !interview {
        out.clear();
    }
    out
}

/// The label's mention of a turn `q` of [`find`]: the speaker.
pub(super) fn speaker(doc: &Doc, actors: &Actors, q: &RawQuote) -> Option<usize> {
    let colon = q.open_tok() - 1;
    let para = doc.paragraph(doc.para_of(colon));
    actors.outer_mention_at(name_end(doc, para.tokens().start, colon).checked_sub(1)?)
}

/// Whether a mention ending at token `end` is the name of one of
/// `turns`' labels (before its colon, or before the bracket that precedes
/// the colon).
pub(super) fn is_label_name(doc: &Doc, turns: &[RawQuote], end: usize) -> bool {
    if end >= doc.tokens.len() {
        return false;
    }
    let colon = match doc.tok(end) {
        "(" => match (end + 1..(end + 2 + BRACKET).min(doc.tokens.len()))
            .find(|&t| doc.tok(t) == ")")
        {
            Some(close) => close + 1,
            None => return false,
        },
        _ => end,
    };
    is_label(turns, colon)
}

/// Whether token `t` is the colon of the label of one of `turns`.
pub(super) fn is_label(turns: &[RawQuote], t: usize) -> bool {
    let i = turns.partition_point(|q| q.open_tok() <= t);
    i < turns.len() && turns[i].open_tok() == t + 1
}

#[cfg(test)]
mod tests {
    use super::super::testing::{claims, quote, quotes, with_doc};

    /// The words of each turn `find` gives for `text`.
    fn turns(text: &str) -> Vec<String> {
        with_doc(text, |doc, actors| {
            super::find(doc, actors)
                .iter()
                .map(|q| doc.text[q.content()].to_string())
                .collect()
        })
    }

    #[test]
    fn a_surname_labelled_twice_makes_a_transcript() {
        let text = "Lena Moravec repairs violins in Brno.\n\nMORAVEC: The varnish matters most.\n\nMORAVEC: Nobody believes me, but it does.";
        assert_eq!(
            turns(text),
            [
                "The varnish matters most.",
                "Nobody believes me, but it does."
            ]
        );
        let q = quote(text, "Nobody believes");
        assert_eq!(q.speaker.as_deref(), Some("Lena Moravec"));
        assert_eq!(q.cue, None);
        // The labels report no claims.
        assert!(claims(text).iter().all(|(_, cue, _)| cue != ":"));
    }

    #[test]
    fn question_and_answer_letters_make_a_transcript() {
        let text = "Lena Moravec repairs violins in Brno.\n\nQ: How long does a repair take?\n\nA: Three weeks, sometimes a year.";
        let q = quote(text, "How long");
        assert_eq!(q.speaker.as_deref(), Some("the interviewer"));
        let a = quote(text, "Three weeks");
        assert_eq!(a.speaker.as_deref(), Some("Lena Moravec"));
    }

    #[test]
    fn dotted_letters_make_a_transcript_when_both_are_there() {
        let text = "Lena Moravec repairs violins in Brno.\n\nQ. How long does a repair take?\n\nA. Three weeks, sometimes a year.";
        assert_eq!(
            turns(text),
            [
                "How long does a repair take?",
                "Three weeks, sometimes a year."
            ]
        );
        let a = quote(text, "Three weeks");
        assert_eq!(a.speaker.as_deref(), Some("Lena Moravec"));
        // A lone "A." opening a paragraph is an initial, not a label.
        let initial =
            "Lena Moravec repairs violins in Brno.\n\nA. J. Hruska taught her the trade in 1990.";
        assert!(turns(initial).is_empty());
    }

    #[test]
    fn a_lone_label_or_a_list_of_names_is_no_transcript() {
        assert!(turns(
            "Lena Moravec: The workshop will stay open\n\nThe city agreed to the lease on Monday."
        )
        .is_empty());
        let list = "Lena Moravec: Cheaper strings for students.\n\nPavel Hruska: A second workshop in the old mill.";
        assert!(turns(list).is_empty());
        assert!(quotes(list).is_empty());
    }

    #[test]
    fn a_marked_quotation_after_the_label_is_no_turn() {
        let text = "Q: Did it work?\n\nA: “Not at first,” she said.\n\nA: Then it did.";
        assert!(turns(text).iter().all(|t| !t.contains("Not at first")));
    }
}
