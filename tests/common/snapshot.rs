//! A plain-text picture of everything the engine found in a text, for
//! snapshot tests (`insta`) whose diffs a reviewer can read.
//!
//! The picture starts with the actors, then gives the text sentence by
//! sentence (paragraphs split at sentence ends), each sentence on a line
//! starting with `> ` and followed by one marker line per thing found in it.
//! A marker underlines the words in its own character and then says what
//! they are:
//!
//! ```text
//! > ‘I won’t let this drop,’ she told the Severn Courier.
//!    ====================== Q6 direct speaker=A12 Priya Chandran via "she" cue="told"
//!                            ^^^ A12 Priya Chandran (pronoun)
//!                                ****                cue of Q6
//!                                         ^^^^^^^^^^^^^^ A13 Severn Courier (name)
//! ```
//!
//! - `^` a mention: its actor's id and name, and the mention kind;
//! - `-` the title written before a mention;
//! - `=` a quote's content: id, kind, speaker (with the mention that anchors
//!   it), cue and reporter;
//! - `~` a claim's content: id, stance, claimant, cue, and the claims it
//!   disputes or is disputed by;
//! - `*` a cue (the speech verb) and the quotes and claims it belongs to.
//!
//! A span that goes on past its sentence is underlined in each sentence it
//! touches; its label ends with `…` and is repeated as `… Q3` on the next
//! lines. Spans are byte offsets into the text (as `newslens::annotate`
//! returns them); columns count chars, so multibyte text lines up as long as
//! each char takes one column.

use newslens::{ActorId, Annotation, Span};
use std::fmt::Write as _;

/// Renders `ann`, the annotation of `text`, as described in the module doc.
pub fn render(text: &str, ann: &Annotation) -> String {
    let mut out = String::new();
    let actor = |id: ActorId| match ann.actors.get(id.index()) {
        Some(a) => format!("A{} {}", id.index(), a.name),
        None => format!("A{} (missing)", id.index()),
    };
    let words = |s: Span| text.get(s.start..s.end).unwrap_or("?").replace('\n', "⏎");

    out.push_str("actors:\n");
    if ann.actors.is_empty() {
        out.push_str("  (none)\n");
    }
    for a in &ann.actors {
        let _ = write!(
            out,
            "  A{} {} ({}",
            a.id.index(),
            a.name,
            format!("{:?}", a.kind).to_lowercase()
        );
        if a.anonymous {
            out.push_str(", anonymous");
        }
        let _ = write!(out, ", mentions: {})", a.mentions.len());
        if !a.titles.is_empty() {
            let _ = write!(out, " titles: {}", a.titles.join("; "));
        }
        out.push('\n');
    }

    // Every marker: span, marker char, sort rank, label.
    let mut marks: Vec<(Span, char, usize, String)> = Vec::new();
    for m in &ann.mentions {
        let kind = format!("{:?}", m.kind).to_lowercase();
        marks.push((m.span, '^', 1, format!("{} ({kind})", actor(m.actor))));
        if let Some(t) = m.title {
            marks.push((t, '-', 0, format!("title of {}", actor(m.actor))));
        }
    }
    for q in &ann.quotes {
        let mut l = format!(
            "Q{} {}",
            q.id.index(),
            format!("{:?}", q.kind).to_lowercase()
        );
        match q.speaker {
            Some(s) => {
                let _ = write!(l, " speaker={}", actor(s));
            }
            None => l.push_str(" speaker=-"),
        }
        if let Some(m) = q.speaker_mention.and_then(|m| ann.mentions.get(m.index())) {
            let _ = write!(l, " via {:?}", words(m.span));
        }
        if let Some(c) = q.cue {
            let _ = write!(l, " cue={:?}", words(c));
        }
        if let Some(r) = q.reporter {
            let _ = write!(l, " reporter={}", actor(r));
        }
        marks.push((q.content, '=', 2, l));
    }
    for c in &ann.claims {
        let mut l = format!("C{} {}", c.id.index(), c.stance.name());
        match c.claimant {
            Some(s) => {
                let _ = write!(l, " claimant={}", actor(s));
            }
            None => l.push_str(" claimant=-"),
        }
        let _ = write!(l, " cue={:?}", words(c.cue));
        let ids = |v: &[newslens::ClaimId]| {
            v.iter()
                .map(|i| format!("C{}", i.index()))
                .collect::<Vec<_>>()
                .join(",")
        };
        if !c.disputes.is_empty() {
            let _ = write!(l, " disputes={}", ids(&c.disputes));
        }
        if !c.disputed_by.is_empty() {
            let _ = write!(l, " disputed_by={}", ids(&c.disputed_by));
        }
        marks.push((c.content, '~', 3, l));
    }
    // One cue marker per distinct cue span, naming everything it cues.
    let mut cues: Vec<(Span, Vec<String>)> = Vec::new();
    let cued = ann
        .quotes
        .iter()
        .filter_map(|q| q.cue.map(|c| (c, format!("Q{}", q.id.index()))))
        .chain(
            ann.claims
                .iter()
                .map(|c| (c.cue, format!("C{}", c.id.index()))),
        );
    for (span, owner) in cued {
        match cues.iter_mut().find(|(s, _)| *s == span) {
            Some((_, owners)) => owners.push(owner),
            None => cues.push((span, vec![owner])),
        }
    }
    for (span, owners) in cues {
        marks.push((span, '*', 4, format!("cue of {}", owners.join(", "))));
    }
    marks.sort_by_key(|(s, _, rank, _)| (s.start, *rank, s.end));

    for (n, para) in paragraphs(text).into_iter().enumerate() {
        let _ = writeln!(out, "\n¶{}", n + 1);
        for (a, b) in sentences(text, para) {
            let line = &text[a..b];
            let _ = writeln!(out, "> {line}");
            for (span, ch, _, label) in &marks {
                let touches = if span.start == span.end {
                    a <= span.start && span.start < b
                } else {
                    span.start < b && span.end > a
                };
                if !touches {
                    continue;
                }
                let from = span.start.clamp(a, b);
                let to = span.end.clamp(a, b);
                let col = chars(text, a, from);
                let width = chars(text, from, to).max(1);
                let head = if span.start < a { "… " } else { "" };
                let tail = if span.end > b { " …" } else { "" };
                let _ = writeln!(
                    out,
                    "  {}{} {head}{label}{tail}",
                    " ".repeat(col),
                    ch.to_string().repeat(width)
                );
            }
        }
    }
    out
}

/// Chars in `text[a..b]`, with both ends moved back onto char boundaries.
fn chars(text: &str, a: usize, b: usize) -> usize {
    let fix = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    text[fix(a)..fix(b).max(fix(a))].chars().count()
}

/// Byte ranges of the non-blank lines, without their line ending.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        if !trimmed.is_empty() {
            out.push((start + lead, start + lead + trimmed.len()));
        }
        start += line.len();
    }
    out
}

/// Splits a paragraph at sentence ends: `.`, `?`, `!` or `…`, maybe closing
/// marks, then whitespace and a capital, digit or opening mark.
fn sentences(text: &str, (a, b): (usize, usize)) -> Vec<(usize, usize)> {
    let para = &text[a..b];
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = para.char_indices().peekable();
    while let Some((_, c)) = it.next() {
        if !matches!(c, '.' | '?' | '!' | '…') {
            continue;
        }
        while let Some(&(_, d)) = it.peek() {
            if matches!(d, '"' | '”' | '’' | '\'' | '»' | ')' | ']') {
                it.next();
            } else {
                break;
            }
        }
        let Some(&(end, d)) = it.peek() else { break };
        if !d.is_whitespace() {
            continue;
        }
        let rest = &para[end..];
        let next_at = end + (rest.len() - rest.trim_start().len());
        let opens = para[next_at..].chars().next().is_some_and(|n| {
            n.is_uppercase()
                || n.is_ascii_digit()
                || matches!(n, '"' | '“' | '‘' | '\'' | '«' | '(')
        });
        if opens {
            out.push((a + start, a + end));
            start = next_at;
        }
    }
    out.push((a + start, b));
    out
}
