//! The terminal view: the article with its mentions, quotes and claims
//! marked in colour, then a who-said-what summary.
//!
//! Colour is ANSI SGR, drawn as three independent layers (mentions, quotes,
//! claim contents) plus cues. Control characters in the article are replaced
//! before printing, so an article cannot move the cursor or change the
//! terminal's state.

use std::io::{self, Write};

use newslens::{ActorKind, Annotation, QuoteKind, Span};

/// Longest snippet shown in the summary, in characters.
const SNIPPET_CHARS: usize = 200;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Layer {
    Mention = 0,
    Title = 1,
    Quote = 2,
    Claim = 3,
    Cue = 4,
}

const LAYERS: usize = 5;

/// Writes the article, marked, then the summary.
pub fn write_view(
    out: &mut impl Write,
    text: &str,
    ann: &Annotation,
    color: bool,
) -> io::Result<()> {
    if !text.is_empty() {
        write_article(out, text, ann, color)?;
        if !text.ends_with('\n') {
            out.write_all(b"\n")?;
        }
        out.write_all(b"\n")?;
    }
    write_summary(out, text, ann, color)
}

/// A heading line, bold when colouring.
pub fn heading(s: &str, color: bool) -> String {
    if color {
        format!("\x1b[1m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

fn valid(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

fn write_article(
    out: &mut impl Write,
    text: &str,
    ann: &Annotation,
    color: bool,
) -> io::Result<()> {
    if !color {
        return out.write_all(sanitize(text).as_bytes());
    }
    // Boundary events: (offset, is_start, layer). Ends sort before starts at
    // the same offset so adjacent spans do not merge.
    let mut events: Vec<(usize, bool, Layer)> = Vec::new();
    let mut push = |s: Span, layer: Layer| {
        if valid(text, s) && s.start < s.end {
            events.push((s.start, true, layer));
            events.push((s.end, false, layer));
        }
    };
    for m in &ann.mentions {
        push(m.span, Layer::Mention);
        if let Some(t) = m.title {
            push(t, Layer::Title);
        }
    }
    for q in &ann.quotes {
        push(q.span, Layer::Quote);
        if let Some(c) = q.cue {
            push(c, Layer::Cue);
        }
    }
    for c in &ann.claims {
        push(c.content, Layer::Claim);
        push(c.cue, Layer::Cue);
    }
    events.sort_unstable_by_key(|&(pos, start, layer)| (pos, start, layer));

    let mut active = [0u32; LAYERS];
    let mut pos = 0;
    let mut i = 0;
    while i < events.len() {
        let at = events[i].0;
        if at > pos {
            out.write_all(sanitize(&text[pos..at]).as_bytes())?;
            pos = at;
        }
        while i < events.len() && events[i].0 == at {
            let (_, start, layer) = events[i];
            let n = &mut active[layer as usize];
            *n = if start { *n + 1 } else { n.saturating_sub(1) };
            i += 1;
        }
        out.write_all(sgr(&active).as_bytes())?;
    }
    out.write_all(sanitize(&text[pos..]).as_bytes())?;
    out.write_all(b"\x1b[0m")
}

/// The SGR sequence for a set of active layers (always starting from a reset).
fn sgr(active: &[u32; LAYERS]) -> String {
    let on = |l: Layer| active[l as usize] > 0;
    let mut codes = vec!["0"];
    if on(Layer::Claim) {
        codes.push("4"); // underline
    }
    if on(Layer::Cue) {
        codes.extend(["1", "35"]); // bold magenta
    } else if on(Layer::Mention) {
        codes.extend(["1", "36"]); // bold cyan
    } else if on(Layer::Title) {
        codes.push("36"); // cyan
    } else if on(Layer::Quote) {
        codes.push("32"); // green
    } else if on(Layer::Claim) {
        codes.push("33"); // yellow
    }
    format!("\x1b[{}m", codes.join(";"))
}

/// Replaces control characters (other than newline and tab) so article text
/// cannot drive the terminal. `\r` is dropped.
fn sanitize(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return s.into();
    }
    s.chars()
        .filter(|&c| c != '\r')
        .map(|c| if is_unsafe(c) { '\u{FFFD}' } else { c })
        .collect::<String>()
        .into()
}

fn is_unsafe(c: char) -> bool {
    c != '\n' && c != '\t' && (c.is_control() || c == '\u{2028}' || c == '\u{2029}')
}

/// One-line excerpt: whitespace collapsed, control characters replaced,
/// cut at [`SNIPPET_CHARS`].
fn snippet(text: &str, s: Span) -> String {
    if !valid(text, s) {
        return String::from("(invalid span)");
    }
    let mut out = String::new();
    let mut n = 0;
    for word in text[s.start..s.end].split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
            n += 1;
        }
        for c in word.chars() {
            if n >= SNIPPET_CHARS {
                out.push('…');
                return sanitize(&out).into_owned();
            }
            out.push(c);
            n += 1;
        }
    }
    sanitize(&out).into_owned()
}

fn kind_name(k: ActorKind) -> &'static str {
    match k {
        ActorKind::Person => "person",
        ActorKind::Organization => "organization",
        ActorKind::Place => "place",
        ActorKind::Group => "group",
    }
}

fn quote_kind(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Continuation => "continuation",
    }
}

fn write_summary(
    out: &mut impl Write,
    text: &str,
    ann: &Annotation,
    color: bool,
) -> io::Result<()> {
    let h = |s: &str| heading(s, color);
    let actor_name = |id: Option<newslens::ActorId>| -> String {
        id.and_then(|a| ann.actors.get(a.index()))
            .map(|a| sanitize(&a.name).into_owned())
            .unwrap_or_else(|| "(unattributed)".to_string())
    };

    writeln!(out, "{}", h(&format!("Actors ({})", ann.actors.len())))?;
    for a in &ann.actors {
        let mut extra = vec![kind_name(a.kind).to_string()];
        if a.anonymous {
            extra.push("anonymous".into());
        }
        extra.extend(a.titles.iter().map(|t| sanitize(t).into_owned()));
        let n = a.mentions.len();
        writeln!(
            out,
            "  {} ({}), {n} mention{}",
            sanitize(&a.name),
            extra.join("; "),
            if n == 1 { "" } else { "s" }
        )?;
    }

    // Speakers in order of their first quote; unattributed quotes last.
    writeln!(
        out,
        "\n{}",
        h(&format!("Quotes by speaker ({})", ann.quotes.len()))
    )?;
    let mut speakers: Vec<Option<newslens::ActorId>> = Vec::new();
    for q in &ann.quotes {
        if !speakers.contains(&q.speaker) {
            speakers.push(q.speaker);
        }
    }
    speakers.sort_by_key(|s| s.is_none());
    for sp in &speakers {
        writeln!(out, "  {}", actor_name(*sp))?;
        for q in ann.quotes.iter().filter(|q| q.speaker == *sp) {
            let cue = q
                .cue
                .map(|c| snippet(text, c))
                .unwrap_or_else(|| "-".into());
            let via = q
                .reporter
                .map(|r| format!(", reported by {}", actor_name(Some(r))))
                .unwrap_or_default();
            writeln!(
                out,
                "    “{}” ({}, cue: {cue}{via})",
                snippet(text, q.content),
                quote_kind(q.kind)
            )?;
        }
    }

    writeln!(
        out,
        "\n{}",
        h(&format!("Claims by claimant ({})", ann.claims.len()))
    )?;
    let mut claimants: Vec<Option<newslens::ActorId>> = Vec::new();
    for c in &ann.claims {
        if !claimants.contains(&c.claimant) {
            claimants.push(c.claimant);
        }
    }
    claimants.sort_by_key(|s| s.is_none());
    for cl in &claimants {
        writeln!(out, "  {}", actor_name(*cl))?;
        for c in ann.claims.iter().filter(|c| c.claimant == *cl) {
            writeln!(
                out,
                "    [{}] {}: {}",
                c.stance.name(),
                snippet(text, c.cue),
                snippet(text, c.content)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use newslens::{Actor, ActorId, Mention, MentionId, MentionKind, Quote, QuoteId};

    fn sample() -> (&'static str, Annotation) {
        let text = "\"We are ready,\" Ada Mertens said.";
        let ann = Annotation {
            actors: vec![Actor {
                id: ActorId(0),
                name: "Ada Mertens".into(),
                kind: ActorKind::Person,
                titles: vec![],
                anonymous: false,
                mentions: vec![MentionId(0)],
            }],
            mentions: vec![Mention {
                id: MentionId(0),
                actor: ActorId(0),
                span: Span::new(16, 27),
                title: None,
                kind: MentionKind::Name,
            }],
            quotes: vec![Quote {
                id: QuoteId(0),
                kind: QuoteKind::Direct,
                span: Span::new(0, 15),
                content: Span::new(1, 14),
                speaker: Some(ActorId(0)),
                speaker_mention: Some(MentionId(0)),
                cue: Some(Span::new(28, 32)),
                reporter: None,
            }],
            claims: vec![],
        };
        (text, ann)
    }

    #[test]
    fn plain_view_keeps_the_text_and_lists_who_said_what() {
        let (text, ann) = sample();
        let mut buf = Vec::new();
        write_view(&mut buf, text, &ann, false).unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert!(s.starts_with(text), "{s}");
        assert!(!s.contains('\x1b'));
        assert!(
            s.contains("  Ada Mertens\n    “We are ready,” (direct, cue: said)"),
            "{s}"
        );
    }

    #[test]
    fn colour_view_marks_spans_and_resets() {
        let (text, ann) = sample();
        let mut buf = Vec::new();
        write_article(&mut buf, text, &ann, true).unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert!(s.contains("\x1b[0;1;36mAda Mertens\x1b[0m"), "{s:?}");
        assert!(s.starts_with("\x1b[0;32m\"We are ready,\""), "{s:?}");
        assert!(s.ends_with("\x1b[0m"));
    }

    #[test]
    fn control_characters_cannot_reach_the_terminal() {
        assert_eq!(sanitize("a\x1b[2Jb\r\nc\td"), "a\u{FFFD}[2Jb\nc\td");
    }

    #[test]
    fn snippets_are_cut_on_char_boundaries() {
        let text = "é".repeat(300);
        let s = snippet(&text, Span::new(0, text.len()));
        assert_eq!(s.chars().count(), SNIPPET_CHARS + 1);
        assert!(s.ends_with('…'));
    }
}
