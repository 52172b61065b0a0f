//! Interview transcripts: a paragraph opening with a lone "Q:" is the
//! interviewer's question, one opening with "A:" the interviewee's answer
//! ("Q." and "A." when the text has both).
//! The letter is no name; it stands for a person, as a pronoun does, so it
//! becomes a pronoun mention of that person, and the speaker-label cue
//! ("MORALES: Well, ...") then reports the paragraph as theirs.

use super::{Actors, MentionDraft};
use crate::annotation::{ActorKind, MentionKind};
use crate::at::At;
use crate::lexicon::{lexicon, Use};
use crate::text::{Doc, TokenKind};

/// Adds a mention on every "Q" and "A" label: "Q" is the interviewer (one
/// actor, "the interviewer", unless the text names none), "A" the person
/// the text names most often ([`most_named`]: the introduction's first),
/// or "the interviewee" when it names nobody.
pub fn label_letters(doc: &Doc, actors: &mut Actors) {
    let lex = lexicon();
    // (label token, a question's, words after it up to five, a dotted "Q.")
    let mut labels: Vec<(usize, bool, usize, bool)> = Vec::new();
    for p in doc.paras.iter() {
        let t = p.tokens().start;
        let w = doc.tok(t);
        let question = if lex.is(w, Use::QuestionLabel) {
            true
        } else if lex.is(w, Use::AnswerLabel) {
            false
        } else {
            continue;
        };
        let words = (t + 2..p.tokens().end.min(t + 7))
            .filter(|&k| doc.token(k).kind() == TokenKind::Word)
            .count();
        // ("Q" may end its paragraph and the text.)
        let sep = if t + 1 < p.tokens().end {
            doc.tok(t + 1)
        } else {
            ""
        };
        if (sep == ":" || sep == ".") && words > 0 {
            labels.push((t, question, words, sep == "."));
        }
    }
    // "Q. How long ...?" / "A. Forty years." label turns only when the text
    // has both: a lone "A." opening a paragraph is more often an initial.
    let dotted = |question: bool| labels.iter().any(|l| l.3 && l.1 == question);
    if !(dotted(true) && dotted(false)) {
        labels.retain(|l| !l.3);
    }
    // A transcript shows itself by one label before three words or more;
    // then a short "Q: Why?" is a turn too.
    if !labels.iter().any(|l| l.2 >= 3) {
        return;
    }
    let mut interviewee = most_named(doc, actors);
    let mut interviewer = actors
        .mentions
        .iter()
        .find(|m| byline(doc, actors, m))
        .map(|m| m.actor());
    for (t, question, _, _) in labels {
        // An answer whose speaker the text never names is still theirs.
        let (slot, who) = if question {
            (&mut interviewer, "the interviewer")
        } else {
            (&mut interviewee, "the interviewee")
        };
        let actor = *slot.get_or_insert_with(|| actors.new_actor(who.into(), ActorKind::Person));
        actors.add_mention(MentionDraft::new(
            t..t + 1,
            doc.token(t).span(),
            None,
            MentionKind::Pronoun,
            actor,
        ));
    }
}

/// The person the text names most often (the first of them on a tie): the
/// interviewee of a transcript, the voice of a quoted headline. Names in
/// the writer's own paragraphs (the introduction) count first: not those in
/// a turn (a label "KOVAC:", a question's "Thanks, Maria", a paragraph with
/// a colon among its first words or ending in "?"), which only break ties.
pub fn most_named(doc: &Doc, actors: &Actors) -> Option<usize> {
    let mut named = vec![(0usize, 0usize); actors.actors.len()];
    for m in &actors.mentions {
        if m.kind() == MentionKind::Name
            && actors.actor(m.actor()).kind == ActorKind::Person
            && !byline(doc, actors, m)
        {
            let p = doc.paragraph(doc.para_of(m.toks().start)).tokens();
            let turn = doc.tok(p.end - 1) == "?"
                || (p.start..p.end.min(p.start + 8)).any(|k| doc.tok(k) == ":");
            let n = named.at_mut(m.actor());
            n.0 += usize::from(!turn);
            n.1 += 1;
        }
    }
    (0..named.len()).filter(|&a| named.at(a).1 > 0).fold(
        None,
        |best: Option<usize>, a| match best {
            Some(b) if named.at(b) >= named.at(a) => Some(b),
            _ => Some(a),
        },
    )
}

/// "Interview by Clara Kell", "By Clara Kell", "— as told to Clara Kell": a
/// person named at the end of a short paragraph after "by" (within its
/// first words) or "told to" wrote the piece and asked the questions.
fn byline(doc: &Doc, actors: &Actors, m: &MentionDraft) -> bool {
    let t = m.toks();
    let p = doc.paragraph(doc.para_of(t.start)).tokens();
    if m.kind() != MentionKind::Name
        || actors.actor(m.actor()).kind != ActorKind::Person
        || t.start < p.start + 1
        || p.end > t.end + 2
        || p.len() > 12
    {
        return false;
    }
    let before = doc.tok(t.start - 1);
    (before.eq_ignore_ascii_case("by") && t.start <= p.start + 3)
        || (before == "to" && t.start >= p.start + 2 && doc.tok(t.start - 2) == "told")
}
