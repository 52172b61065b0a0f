//! Structural invariants every [`newslens::Annotation`] must satisfy, whatever
//! the text: the promises of `docs/format.md` that do not depend on what the
//! engine understood. Used by the golden, case and property tests and, through
//! a `#[path]` include, by the fuzz target, so it depends on nothing but
//! `newslens` and `std`.

use newslens::{Annotation, MentionKind, Span};

/// Every broken invariant, one readable line each; empty when all hold.
pub fn invariant_violations(text: &str, ann: &Annotation) -> Vec<String> {
    let mut errs = Vec::new();
    let span_ok = |what: String, s: Span, errs: &mut Vec<String>| {
        if s.start > s.end {
            errs.push(format!("{what}: reversed span {s:?}"));
        } else if s.end > text.len() {
            errs.push(format!("{what}: span {s:?} past the end ({})", text.len()));
        } else if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
            errs.push(format!("{what}: span {s:?} splits a character"));
        } else {
            return true;
        }
        false
    };

    let n_actors = ann.actors.len();
    let n_mentions = ann.mentions.len();

    // Mentions: ids, spans, links, order, nesting.
    let mut open: Vec<usize> = Vec::new();
    let mut nested = vec![false; ann.mentions.len()];
    for (i, m) in ann.mentions.iter().enumerate() {
        let what = format!("mention {i}");
        if m.id.index() != i {
            errs.push(format!("{what}: id is {}", m.id.index()));
        }
        span_ok(what.clone(), m.span, &mut errs);
        if m.span.is_empty() {
            errs.push(format!("{what}: empty span {:?}", m.span));
        }
        if let Some(t) = m.title {
            if span_ok(format!("{what} title"), t, &mut errs) && t.end > m.span.start {
                errs.push(format!(
                    "{what}: title {t:?} does not come before the name {:?}",
                    m.span
                ));
            }
        }
        if m.actor.index() >= n_actors {
            errs.push(format!("{what}: actor {} does not exist", m.actor.index()));
        } else if !ann.actors[m.actor.index()].mentions.contains(&m.id) {
            errs.push(format!(
                "{what}: actor {} does not list it among its mentions",
                m.actor.index()
            ));
        }
        if i > 0 {
            let prev = ann.mentions[i - 1].span;
            if prev.start > m.span.start {
                errs.push(format!("{what}: not sorted ({prev:?} before {:?})", m.span));
            }
        }
        // Mentions nest, never cross: a mention overlapping an earlier one
        // lies inside it, and only a name lies inside a description.
        while open
            .last()
            .is_some_and(|&o: &usize| ann.mentions[o].span.end <= m.span.start)
        {
            open.pop();
        }
        if let Some(&o) = open.last() {
            nested[i] = true;
            let outer = ann.mentions[o].span;
            if m.span.end > outer.end || m.span == outer {
                errs.push(format!(
                    "{what}: {:?} crosses mention {o} {outer:?}",
                    m.span
                ));
            }
            if m.kind != MentionKind::Name || ann.mentions[o].kind != MentionKind::Description {
                errs.push(format!(
                    "{what}: a {:?} inside a {:?}, mention {o}",
                    m.kind, ann.mentions[o].kind
                ));
            }
        }
        open.push(i);
    }

    // Actors: ids, mention lists, order by first mention.
    let mut owner = vec![None::<usize>; n_mentions];
    let mut prev_first: Option<usize> = None;
    for (i, a) in ann.actors.iter().enumerate() {
        let what = format!("actor {i} ({:?})", a.name);
        if a.id.index() != i {
            errs.push(format!("{what}: id is {}", a.id.index()));
        }
        if a.name.trim().is_empty() {
            errs.push(format!("{what}: empty name"));
        }
        if a.mentions.is_empty() {
            errs.push(format!("{what}: has no mentions"));
        }
        for (k, t) in a.titles.iter().enumerate() {
            if a.titles[..k].contains(t) {
                errs.push(format!("{what}: title {t:?} listed twice"));
            }
        }
        let mut last_start = None;
        for &mid in &a.mentions {
            let Some(m) = ann.mentions.get(mid.index()) else {
                errs.push(format!("{what}: mention {} does not exist", mid.index()));
                continue;
            };
            if m.actor != a.id {
                errs.push(format!(
                    "{what}: lists mention {} which belongs to actor {}",
                    mid.index(),
                    m.actor.index()
                ));
            }
            if let Some(o) = owner[mid.index()].replace(i) {
                if o != i {
                    errs.push(format!(
                        "mention {} listed by actors {o} and {i}",
                        mid.index()
                    ));
                } else {
                    errs.push(format!("{what}: lists mention {} twice", mid.index()));
                }
            }
            if last_start.is_some_and(|s| s > m.span.start) {
                errs.push(format!("{what}: mentions not in text order"));
            }
            last_start = Some(m.span.start);
        }
        let first = a
            .mentions
            .iter()
            .filter_map(|m| ann.mentions.get(m.index()))
            .map(|m| m.span.start)
            .min();
        if let (Some(p), Some(f)) = (prev_first, first) {
            if f < p {
                errs.push(format!("{what}: actors not sorted by first mention"));
            }
        }
        if first.is_some() {
            prev_first = first;
        }
    }
    for (k, o) in owner.iter().enumerate() {
        if o.is_none() && ann.mentions[k].actor.index() < n_actors {
            errs.push(format!("mention {k}: no actor lists it"));
        }
    }

    let actor_of = |mid: newslens::MentionId| ann.mentions.get(mid.index()).map(|m| m.actor);

    // Quotes.
    for (i, q) in ann.quotes.iter().enumerate() {
        let what = format!("quote {i}");
        if q.id.index() != i {
            errs.push(format!("{what}: id is {}", q.id.index()));
        }
        let a = span_ok(format!("{what} span"), q.span, &mut errs);
        let b = span_ok(format!("{what} content"), q.content, &mut errs);
        if a && b && !q.span.contains(q.content) {
            errs.push(format!(
                "{what}: content {:?} outside span {:?}",
                q.content, q.span
            ));
        }
        if q.span.is_empty() {
            errs.push(format!("{what}: empty span"));
        }
        if let Some(c) = q.cue {
            if span_ok(format!("{what} cue"), c, &mut errs) && c.is_empty() {
                errs.push(format!("{what}: empty cue"));
            }
        }
        if let Some(s) = q.speaker {
            if s.index() >= n_actors {
                errs.push(format!("{what}: speaker {} does not exist", s.index()));
            }
        }
        if let Some(r) = q.reporter {
            if r.index() >= n_actors {
                errs.push(format!("{what}: reporter {} does not exist", r.index()));
            }
        }
        if let Some(sm) = q.speaker_mention {
            if nested.get(sm.index()) == Some(&true) {
                errs.push(format!(
                    "{what}: speaker mention {} is nested in another mention",
                    sm.index()
                ));
            }
            match actor_of(sm) {
                None => errs.push(format!(
                    "{what}: speaker mention {} does not exist",
                    sm.index()
                )),
                Some(a) if Some(a) != q.speaker => errs.push(format!(
                    "{what}: speaker mention {} is of actor {}, speaker is {:?}",
                    sm.index(),
                    a.index(),
                    q.speaker.map(|s| s.index())
                )),
                _ => {}
            }
        }
        if i > 0 {
            let prev = ann.quotes[i - 1].span;
            if prev.start > q.span.start {
                errs.push(format!("{what}: not sorted"));
            }
        }
    }
    // Quote spans never cross: disjoint, or a marked quotation inside the
    // content of a transcript's turn (docs/format.md). Sorted by start, so a
    // stack of open quotes finds every crossing in one pass.
    let mut stack: Vec<(usize, Span)> = Vec::new();
    for (i, q) in ann.quotes.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&(_, top)| top.end <= q.span.start)
        {
            stack.pop();
        }
        if let Some(&(j, top)) = stack.last() {
            if !ann.quotes[j].content.contains(q.span) {
                errs.push(format!(
                    "quote {i}: {:?} overlaps quote {j} {top:?} without lying in its content",
                    q.span
                ));
            }
        }
        stack.push((i, q.span));
    }

    // Claims.
    for (i, c) in ann.claims.iter().enumerate() {
        let what = format!("claim {i}");
        if c.id.index() != i {
            errs.push(format!("{what}: id is {}", c.id.index()));
        }
        let a = span_ok(format!("{what} cue"), c.cue, &mut errs);
        let b = span_ok(format!("{what} content"), c.content, &mut errs);
        if a && c.cue.is_empty() {
            errs.push(format!("{what}: empty cue"));
        }
        if a && b && c.cue.overlaps(c.content) {
            errs.push(format!(
                "{what}: cue {:?} lies inside its content {:?}",
                c.cue, c.content
            ));
        }
        if let Some(s) = c.claimant {
            if s.index() >= n_actors {
                errs.push(format!("{what}: claimant {} does not exist", s.index()));
            }
        }
        if let Some(cm) = c.claimant_mention {
            if nested.get(cm.index()) == Some(&true) {
                errs.push(format!(
                    "{what}: claimant mention {} is nested in another mention",
                    cm.index()
                ));
            }
            match actor_of(cm) {
                None => errs.push(format!(
                    "{what}: claimant mention {} does not exist",
                    cm.index()
                )),
                Some(a) if Some(a) != c.claimant => errs.push(format!(
                    "{what}: claimant mention {} is of actor {}, claimant is {:?}",
                    cm.index(),
                    a.index(),
                    c.claimant.map(|s| s.index())
                )),
                _ => {}
            }
        }
        for (list, other_list, name) in [
            (&c.disputes, "disputedBy", "disputes"),
            (&c.disputed_by, "disputes", "disputedBy"),
        ] {
            for (k, d) in list.iter().enumerate() {
                if list[..k].contains(d) {
                    errs.push(format!("{what}: {name} lists {} twice", d.index()));
                }
                if d.index() == i {
                    errs.push(format!("{what}: {name} itself"));
                    continue;
                }
                let Some(other) = ann.claims.get(d.index()) else {
                    errs.push(format!(
                        "{what}: {name} claim {} which does not exist",
                        d.index()
                    ));
                    continue;
                };
                let back = if other_list == "disputedBy" {
                    &other.disputed_by
                } else {
                    &other.disputes
                };
                if !back.contains(&c.id) {
                    errs.push(format!(
                        "{what}: {name} {} but claim {} {other_list} lacks {i}",
                        d.index(),
                        d.index()
                    ));
                }
            }
        }
        if i > 0 {
            let p = ann.claims[i - 1].content;
            let q = c.content;
            if p.start > q.start || (p.start == q.start && p.end < q.end) {
                errs.push(format!(
                    "{what}: not sorted by content start, longer first ({p:?} before {q:?})"
                ));
            }
        }
    }
    // Claim contents never cross: every pair is disjoint or nested. Sorted by
    // start, so a stack of open contents finds every crossing in one pass.
    let mut stack: Vec<(usize, Span)> = Vec::new();
    for (i, c) in ann.claims.iter().enumerate() {
        let s = c.content;
        while stack.last().is_some_and(|&(_, top)| top.end <= s.start) {
            stack.pop();
        }
        if let Some(&(j, top)) = stack.last() {
            if !top.contains(s) && !s.contains(top) {
                errs.push(format!(
                    "claim {i}: content {s:?} crosses claim {j}'s content {top:?}"
                ));
            }
        }
        stack.push((i, s));
    }
    errs
}

/// Panics with every broken invariant listed.
pub fn check_invariants(text: &str, ann: &Annotation) {
    let errs = invariant_violations(text, ann);
    if !errs.is_empty() {
        let shown: String = text.chars().take(200).collect();
        let more = if errs.len() > 25 {
            format!("\n  … and {} more", errs.len() - 25)
        } else {
            String::new()
        };
        panic!(
            "{} invariant(s) broken for text {:?}{}:\n  {}{more}",
            errs.len(),
            shown,
            if shown.len() < text.len() { "…" } else { "" },
            errs[..errs.len().min(25)].join("\n  ")
        );
    }
}
