//! Turning the drafts of the stages into the output model: ids in text
//! order, links as typed indices, and the nesting rules of `docs/format.md`.

use crate::actors::{ActorDraft, Actors, MentionDraft};
use crate::annotation::*;
use crate::attribution::Attribution;
use crate::text::RawQuote;

/// The drafts of actors and mentions; the token indexes of `actors` are freed.
fn into_drafts(actors: Actors) -> (Vec<ActorDraft>, Vec<MentionDraft>) {
    (actors.actors, actors.mentions)
}

/// Builds the [`Annotation`]. The actors' token indexes are freed first, the
/// actor drafts once their names and titles have moved to the output, and
/// the lists are allocated at their final size (memory on long texts).
pub fn assemble(raw_quotes: &[RawQuote], actors: Actors, attribution: Attribution) -> Annotation {
    let (mut actor_drafts, mention_drafts) = into_drafts(actors);
    // Mentions sorted by start, longer first; drop exact duplicates.
    let mut order: Vec<usize> = (0..mention_drafts.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&mention_drafts[a], &mention_drafts[b]);
        x.span
            .start
            .cmp(&y.span.start)
            .then(y.span.end.cmp(&x.span.end))
    });
    let mut mention_id: Vec<Option<usize>> = vec![None; mention_drafts.len()];
    let mut kept: Vec<usize> = Vec::new();
    for &m in &order {
        let span = mention_drafts[m].span;
        if let Some(&last) = kept.last() {
            let prev = mention_drafts[last].span;
            // Mentions never overlap: the outer one ("a NATO official") wins
            // over a name nested in it, and a crossing one is dropped.
            if span.start < prev.end {
                mention_id[m] = mention_id[last];
                continue;
            }
        }
        mention_id[m] = Some(kept.len());
        kept.push(m);
    }
    // Actors in order of first mention.
    let mut actor_id = vec![None; actor_drafts.len()];
    let mut actor_order = Vec::new();
    for &m in &kept {
        let a = mention_drafts[m].actor;
        if actor_id[a].is_none() {
            actor_id[a] = Some(actor_order.len());
            actor_order.push(a);
        }
    }
    let aid = |a: usize| actor_id[a].map(|i| ActorId(i as u32));
    // A speaker and its anchoring mention. When the anchor was folded into
    // an outer mention, the speaker is that mention's actor, so the two
    // always agree.
    let who = |a: Option<usize>, m: Option<usize>| -> (Option<ActorId>, Option<MentionId>) {
        match m.and_then(|m| mention_id[m]) {
            Some(k) => (
                aid(mention_drafts[kept[k]].actor),
                Some(MentionId(k as u32)),
            ),
            None => (a.and_then(aid), None),
        }
    };

    let mut out = Annotation {
        actors: Vec::with_capacity(actor_order.len()),
        mentions: Vec::with_capacity(kept.len()),
        quotes: Vec::with_capacity(attribution.quotes.len()),
        claims: Vec::new(),
    };
    let mut mention_counts = vec![0u32; actor_order.len()];
    for &m in &kept {
        if let Some(actor) = aid(mention_drafts[m].actor) {
            mention_counts[actor.index()] += 1;
        }
    }
    for (&a, &count) in actor_order.iter().zip(&mention_counts) {
        // Each draft is used once: its strings move to the output.
        let d = &mut actor_drafts[a];
        out.actors.push(Actor {
            id: ActorId(out.actors.len() as u32),
            name: std::mem::take(&mut d.name),
            kind: d.kind,
            titles: std::mem::take(&mut d.titles),
            anonymous: d.anonymous,
            mentions: Vec::with_capacity(count as usize),
        });
    }
    drop(actor_drafts);
    for (i, &m) in kept.iter().enumerate() {
        let d = &mention_drafts[m];
        let Some(actor) = aid(d.actor) else { continue };
        out.actors[actor.index()].mentions.push(MentionId(i as u32));
        out.mentions.push(Mention {
            id: MentionId(i as u32),
            actor,
            span: d.span,
            title: d.title,
            kind: d.kind,
        });
    }

    let mut quotes = attribution.quotes;
    quotes.sort_by_key(|q| raw_quotes[q.raw].span.start);
    quotes.dedup_by_key(|q| q.raw);
    for q in quotes {
        let rq = raw_quotes[q.raw];
        let (speaker, speaker_mention) = who(q.speaker, q.mention);
        out.quotes.push(Quote {
            id: QuoteId(out.quotes.len() as u32),
            kind: q.kind,
            span: rq.span,
            content: rq.content,
            speaker,
            speaker_mention,
            cue: q.cue,
            reporter: q.reporter.and_then(aid).filter(|r| Some(*r) != speaker),
        });
    }

    // Claims: sorted by content start, longer first; contents must nest.
    let drafts = attribution.claims;
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&drafts[a], &drafts[b]);
        x.content
            .start
            .cmp(&y.content.start)
            .then(y.content.end.cmp(&x.content.end))
    });
    let mut claim_id = vec![None; drafts.len()];
    let mut open: Vec<crate::span::Span> = Vec::new();
    for &c in &order {
        let d = &drafts[c];
        if d.content.contains(d.cue) || d.content.is_empty() {
            continue;
        }
        // Drop a claim whose content crosses an earlier one's.
        open.retain(|s| s.end > d.content.start);
        if open.iter().any(|s| d.content.end > s.end) {
            continue;
        }
        open.push(d.content);
        claim_id[c] = Some(out.claims.len());
        let (claimant, claimant_mention) = who(d.claimant, d.mention);
        out.claims.push(Claim {
            id: ClaimId(out.claims.len() as u32),
            claimant,
            claimant_mention,
            cue: d.cue,
            content: d.content,
            stance: d.stance,
            disputed_by: Vec::new(),
            disputes: Vec::new(),
        });
    }
    for (c, d) in drafts.iter().enumerate() {
        let Some(i) = claim_id[c] else { continue };
        for &t in &d.disputes {
            if let Some(j) = claim_id[t] {
                out.claims[i].disputes.push(ClaimId(j as u32));
                out.claims[j].disputed_by.push(ClaimId(i as u32));
            }
        }
    }
    for c in &mut out.claims {
        c.disputes.sort();
        c.disputes.dedup();
        c.disputed_by.sort();
        c.disputed_by.dedup();
    }
    out
}
