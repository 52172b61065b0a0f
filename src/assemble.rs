//! Turning the drafts of the stages into the output model: ids in text
//! order, links as typed indices, and the nesting rules of `docs/format.md`.

use crate::actors::{ActorDraft, Actors, MentionDraft};
use crate::annotation::*;
use crate::at::At;
use crate::attribution::{Attribution, ClaimDraft, QuoteDraft};
use crate::order::{sort_by, stable_order};
use crate::span::Span;
use crate::text::RawQuote;

/// The drafts of actors and mentions, and the quiet names nested in
/// descriptions; the token indexes of `actors` are freed.
fn into_drafts(actors: Actors) -> (Vec<ActorDraft>, Vec<MentionDraft>, Vec<usize>) {
    (actors.actors, actors.mentions, actors.quiet)
}

/// Builds the [`Annotation`]. The actors' token indexes are freed first, the
/// actor drafts once their names and titles have moved to the output, the
/// mention drafts and the quotations once they are output (before the
/// claims, the last and largest list: 4.8 MB of a 10 MiB text's peak), and
/// the lists are allocated at their final size (memory on long texts).
pub fn assemble(raw_quotes: Vec<RawQuote>, actors: Actors, attribution: Attribution) -> Annotation {
    let (actor_drafts, mention_drafts, quiet) = into_drafts(actors);
    let ids = Ids::new(&mention_drafts, &quiet, actor_drafts.len());
    let mut out = Annotation {
        actors: Vec::with_capacity(ids.actor_order.len()),
        mentions: Vec::with_capacity(ids.kept.len()),
        quotes: Vec::with_capacity(attribution.quotes.len()),
        claims: Vec::new(),
    };
    push_actors(&mut out, actor_drafts, &mention_drafts, &ids);
    push_mentions(&mut out, &mention_drafts, &ids);
    // The quotes and claims need only the output mentions (memory).
    drop(mention_drafts);
    push_quotes(&mut out, &raw_quotes, attribution.quotes, &ids);
    drop(raw_quotes);
    let drafts = attribution.claims;
    let claim_id = push_claims(&mut out, &drafts, &ids);
    link_disputes(&mut out, &drafts, &claim_id);
    out
}

/// The output ids of mentions and actors, worked out once so quotes and
/// claims can point at them.
struct Ids {
    /// The mentions that are output, in text order (index = `MentionId`).
    kept: Vec<usize>,
    /// For each draft mention, the output mention it is or was folded into
    /// ([`NO_MENTION`] for none: 4 bytes a mention, not 16).
    mention_id: Vec<u32>,
    /// For each draft actor, its output id (`None` when it has no kept mention).
    actor_id: Vec<Option<usize>>,
    /// The draft actors in output order (by first kept mention).
    actor_order: Vec<usize>,
}

/// [`Ids::mention_id`] of a draft mention in no output mention.
const NO_MENTION: u32 = u32::MAX;

impl Ids {
    /// Mentions must not overlap and ids must follow the text.
    fn new(mention_drafts: &[MentionDraft], quiet: &[usize], actor_count: usize) -> Ids {
        let (kept, mention_id) = keep_outer_mentions(mention_drafts, quiet);
        // Actors in order of first mention.
        let mut actor_id = vec![None; actor_count];
        let mut actor_order = Vec::new();
        for &m in &kept {
            let a = mention_drafts.at(m).actor();
            if actor_id.at(a).is_none() {
                *actor_id.at_mut(a) = Some(actor_order.len());
                actor_order.push(a);
            }
        }
        Ids {
            kept,
            mention_id,
            actor_id,
            actor_order,
        }
    }

    /// The output id of draft actor `a`, if it is output.
    fn actor(&self, a: usize) -> Option<ActorId> {
        self.actor_id.at(a).map(|i| ActorId(i as u32))
    }

    /// A speaker and its anchoring mention. When the anchor was folded into
    /// an outer mention, the speaker is that mention's actor, so the two
    /// always agree. `mentions` are the output's (one a kept mention).
    fn who(
        &self,
        mentions: &[Mention],
        a: Option<usize>,
        m: Option<usize>,
    ) -> (Option<ActorId>, Option<MentionId>) {
        match m
            .map(|m| *self.mention_id.at(m))
            .filter(|&k| k != NO_MENTION)
        {
            Some(k) => (
                mentions.get(k as usize).map(|m| m.actor),
                Some(MentionId(k)),
            ),
            None => (a.and_then(|a| self.actor(a)), None),
        }
    }
}

/// Mentions nest but never cross: a name inside a description ("U.S." in
/// "U.S. officials", "NATO" in "a NATO official") is a mention of its own
/// inside the description's, unless it is `quiet` (sorted: no actor of its
/// own, [`Actors::quiet`]); any other mention that overlaps a kept one is
/// folded into it, and so is a crossing name. Returns the kept mentions in
/// text order (an outer one before the names inside it), and for each draft
/// the kept mention that anchors it in quotes and claims: the outermost one
/// around it (the speaker of "U.S. officials said" is the officials).
fn keep_outer_mentions(drafts: &[MentionDraft], quiet: &[usize]) -> (Vec<usize>, Vec<u32>) {
    // Mentions sorted by start, longer first.
    let order = stable_order(drafts.len(), &|a, b| {
        outer_first(drafts.at(a).span(), drafts.at(b).span())
    });
    let mut mention_id = vec![NO_MENTION; drafts.len()];
    let mut kept: Vec<usize> = Vec::new();
    // The last outermost mention kept, and the last name kept inside it.
    let mut outer: Option<usize> = None;
    let mut inner_end = 0;
    for m in order.into_iter().map(|m| m as usize) {
        let span = drafts.at(m).span();
        if let Some(last) = outer.filter(|&o| span.start < drafts.at(*kept.at(o)).span().end) {
            let around = drafts.at(*kept.at(last)).span();
            *mention_id.at_mut(m) = last as u32;
            if drafts.at(m).kind() == MentionKind::Name
                && drafts.at(*kept.at(last)).kind() == MentionKind::Description
                && span.end <= around.end
                && span != around
                && span.start >= inner_end
                && quiet.binary_search(&m).is_err()
            {
                inner_end = span.end;
                kept.push(m);
            }
            continue;
        }
        *mention_id.at_mut(m) = kept.len() as u32;
        outer = Some(kept.len());
        inner_end = span.start;
        kept.push(m);
    }
    (kept, mention_id)
}

/// Text order, and of two spans starting together the longer (outer) first.
fn outer_first(x: Span, y: Span) -> std::cmp::Ordering {
    x.start.cmp(&y.start).then(y.end.cmp(&x.end))
}

/// Each actor once, in order of first mention, its strings moved (not
/// copied) to the output; the drafts are freed here.
fn push_actors(
    out: &mut Annotation,
    mut actor_drafts: Vec<ActorDraft>,
    mention_drafts: &[MentionDraft],
    ids: &Ids,
) {
    let mut mention_counts = vec![0u32; ids.actor_order.len()];
    for &m in &ids.kept {
        if let Some(actor) = ids.actor(mention_drafts.at(m).actor()) {
            *mention_counts.at_mut(actor.index()) += 1;
        }
    }
    for (&a, &count) in ids.actor_order.iter().zip(&mention_counts) {
        let d = actor_drafts.at_mut(a);
        out.actors.push(Actor {
            id: ActorId(out.actors.len() as u32),
            name: std::mem::take(&mut d.name),
            kind: d.kind,
            titles: std::mem::take(&mut d.titles),
            anonymous: d.anonymous,
            mentions: Vec::with_capacity(count as usize),
        });
    }
}

/// The kept mentions, each linked both ways with its actor (every kept
/// mention's actor is output: `Ids::new`).
fn push_mentions(out: &mut Annotation, mention_drafts: &[MentionDraft], ids: &Ids) {
    for (i, &m) in ids.kept.iter().enumerate() {
        let d = mention_drafts.at(m);
        let Some(actor) = ids.actor(d.actor()) else {
            continue;
        };
        out.actors
            .at_mut(actor.index())
            .mentions
            .push(MentionId(i as u32));
        out.mentions.push(Mention {
            id: MentionId(i as u32),
            actor,
            span: d.span(),
            title: d.title(),
            kind: d.kind(),
        });
    }
}

/// One quote per quotation, in text order; a reporter who is the
/// speaker reports nothing.
fn push_quotes(
    out: &mut Annotation,
    raw_quotes: &[RawQuote],
    mut quotes: Vec<QuoteDraft>,
    ids: &Ids,
) {
    sort_by(&mut quotes, |a, b| {
        let start = |q: &QuoteDraft| raw_quotes.at(q.raw()).span().start;
        start(a).cmp(&start(b))
    });
    quotes.dedup_by_key(|q| q.raw());
    for q in quotes {
        let rq = *raw_quotes.at(q.raw());
        let (speaker, speaker_mention) = ids.who(&out.mentions, q.speaker(), q.mention());
        out.quotes.push(Quote {
            id: QuoteId(out.quotes.len() as u32),
            kind: q.kind,
            span: rq.span(),
            content: rq.content(),
            speaker,
            speaker_mention,
            cue: q.cue(),
            reporter: q
                .reporter()
                .and_then(|r| ids.actor(r))
                .filter(|r| Some(*r) != speaker),
        });
    }
}

/// Claim contents must form a tree (sorted by start, longer first; one
/// that crosses an earlier one, is empty or holds its own cue is dropped).
/// Returns each draft's output index.
fn push_claims(out: &mut Annotation, drafts: &[ClaimDraft], ids: &Ids) -> Vec<Option<usize>> {
    let order = stable_order(drafts.len(), &|a, b| {
        outer_first(drafts.at(a).content(), drafts.at(b).content())
    });
    let mut claim_id = vec![None; drafts.len()];
    let mut open: Vec<Span> = Vec::new();
    for c in order.into_iter().map(|c| c as usize) {
        let d = drafts.at(c);
        let (cue, content) = (d.cue(), d.content());
        if content.contains(cue) || content.is_empty() {
            continue;
        }
        // `open` is a chain of nested contents, the innermost on top: those
        // ending before this one starts are on top (popped, not searched:
        // a search was quadratic in the nesting), and the top ends first.
        while open.last().is_some_and(|s| s.end <= content.start) {
            open.pop();
        }
        if open.last().is_some_and(|s| content.end > s.end) {
            continue;
        }
        open.push(content);
        *claim_id.at_mut(c) = Some(out.claims.len());
        let (claimant, claimant_mention) = ids.who(&out.mentions, d.claimant(), d.mention());
        out.claims.push(Claim {
            id: ClaimId(out.claims.len() as u32),
            claimant,
            claimant_mention,
            cue,
            content,
            stance: d.stance,
            disputed_by: Vec::new(),
            disputes: Vec::new(),
        });
    }
    claim_id
}

/// A dispute link is symmetric (`disputes` one way, `disputed_by` the
/// other), sorted and listed once, between kept claims only.
fn link_disputes(out: &mut Annotation, drafts: &[ClaimDraft], claim_id: &[Option<usize>]) {
    for (c, d) in drafts.iter().enumerate() {
        let Some(i) = *claim_id.at(c) else { continue };
        if let Some(t) = d.disputes() {
            if let Some(j) = *claim_id.at(t) {
                out.claims.at_mut(i).disputes.push(ClaimId(j as u32));
                out.claims.at_mut(j).disputed_by.push(ClaimId(i as u32));
            }
        }
    }
    for c in &mut out.claims {
        for ids in [&mut c.disputes, &mut c.disputed_by] {
            sort_by(ids, ClaimId::cmp);
            ids.dedup();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(actors: &mut Actors, name: &str, kind: ActorKind) -> usize {
        actors.new_actor(name.to_string(), kind)
    }

    fn mention(actors: &mut Actors, span: Span, actor: usize, kind: MentionKind) {
        actors
            .mentions
            .push(MentionDraft::new(0..0, span, None, kind, actor));
    }

    fn claim(claimant: usize, cue: Span, content: Span, disputes: Option<usize>) -> ClaimDraft {
        let mut c = ClaimDraft::new(Some(claimant), None, cue, content, Stance::Assert);
        if let Some(j) = disputes {
            c.set_disputes(j);
        }
        c
    }

    fn no_attribution() -> Attribution {
        Attribution {
            quotes: Vec::new(),
            claims: Vec::new(),
            turns: Vec::new(),
        }
    }

    #[test]
    fn a_name_nests_in_a_description_and_ids_follow_the_text() {
        // "Ministers met. A NATO official said ..." with the actors made in
        // another order than the text's.
        let mut actors = Actors::default();
        let nato = actor(&mut actors, "NATO", ActorKind::Organization);
        let official = actor(&mut actors, "a NATO official", ActorKind::Person);
        let ministers = actor(&mut actors, "Ministers", ActorKind::Group);
        let he = actor(&mut actors, "he", ActorKind::Person);
        mention(&mut actors, Span::new(17, 21), nato, MentionKind::Name);
        mention(
            &mut actors,
            Span::new(15, 30),
            official,
            MentionKind::Description,
        );
        mention(
            &mut actors,
            Span::new(0, 9),
            ministers,
            MentionKind::Description,
        );
        // A pronoun inside the description, and a name crossing its end:
        // both folded into it.
        mention(&mut actors, Span::new(22, 24), he, MentionKind::Pronoun);
        mention(&mut actors, Span::new(26, 34), nato, MentionKind::Name);
        let ann = assemble(Vec::new(), actors, no_attribution());
        let names: Vec<&str> = ann.actors.iter().map(|a| a.name.as_str()).collect();
        // NATO's name inside the description is a mention of its own.
        assert_eq!(names, ["Ministers", "a NATO official", "NATO"]);
        let spans: Vec<Span> = ann.mentions.iter().map(|m| m.span).collect();
        assert_eq!(
            spans,
            [Span::new(0, 9), Span::new(15, 30), Span::new(17, 21)]
        );
        assert_eq!(ann.actors[1].mentions, [MentionId(1)]);
        assert_eq!(ann.actors[2].mentions, [MentionId(2)]);
        assert_eq!(ann.mentions[2].actor, ActorId(2));
    }

    #[test]
    fn a_speaker_anchored_in_a_folded_mention_is_the_outer_actor() {
        let mut actors = Actors::default();
        let nato = actor(&mut actors, "NATO", ActorKind::Organization);
        let official = actor(&mut actors, "a NATO official", ActorKind::Person);
        mention(&mut actors, Span::new(2, 6), nato, MentionKind::Name);
        mention(
            &mut actors,
            Span::new(0, 15),
            official,
            MentionKind::Description,
        );
        let raw = RawQuote::new(Span::new(30, 40), Span::new(31, 39), 0, None);
        let quote = QuoteDraft::new(
            0,
            QuoteKind::Direct,
            Some(nato),
            Some(0),
            None,
            Some(official),
        );
        let attribution = Attribution {
            quotes: vec![quote.clone(), quote],
            claims: Vec::new(),
            turns: Vec::new(),
        };
        let ann = assemble(vec![raw], actors, attribution);
        // One quote per quotation; its speaker agrees with its mention, and
        // a reporter who is the speaker is no reporter.
        assert_eq!(ann.quotes.len(), 1);
        assert_eq!(ann.quotes[0].speaker, Some(ActorId(0)));
        assert_eq!(ann.quotes[0].speaker_mention, Some(MentionId(0)));
        assert_eq!(ann.quotes[0].reporter, None);
    }

    #[test]
    fn claims_nest_and_disputes_link_both_ways() {
        let mut actors = Actors::default();
        let a = actor(&mut actors, "Jane Harrowby", ActorKind::Person);
        mention(&mut actors, Span::new(0, 8), a, MentionKind::Name);
        let cue = Span::new(9, 13);
        let claims = vec![
            claim(a, cue, Span::new(20, 60), None),
            // Crosses the first one's end: dropped.
            claim(a, cue, Span::new(50, 70), None),
            // Inside the first: kept, and disputes it.
            claim(a, cue, Span::new(30, 40), Some(0)),
            // Inside that: kept, and disputes a dropped claim (no link).
            claim(a, cue, Span::new(32, 38), Some(1)),
            // Holds its own cue: dropped.
            claim(a, cue, Span::new(5, 15), None),
            // Empty: dropped.
            claim(a, cue, Span::new(80, 80), None),
        ];
        let attribution = Attribution {
            quotes: Vec::new(),
            claims,
            turns: Vec::new(),
        };
        let ann = assemble(Vec::new(), actors, attribution);
        let contents: Vec<Span> = ann.claims.iter().map(|c| c.content).collect();
        assert_eq!(
            contents,
            [Span::new(20, 60), Span::new(30, 40), Span::new(32, 38)]
        );
        assert!(ann.claims[2].disputes.is_empty());
        assert_eq!(ann.claims[1].disputes, [ClaimId(0)]);
        assert_eq!(ann.claims[0].disputed_by, [ClaimId(1)]);
        assert!(ann.claims[0].disputes.is_empty());
        assert_eq!(ann.claims[0].claimant, Some(ActorId(0)));
    }
}
