//! The PolNeAR brat standoff format: `text/NAME.txt` and
//! `attributions/NAME_ANNOTATOR.ann`.
//!
//! `T` lines are spans (`Source`, `Cue`, `Content`, `Attribution`, `Discard`,
//! ...) in Unicode character offsets, possibly discontinuous (`S E;S E`);
//! `E` lines tie one attribution's spans together by role. Lines that are
//! neither (notes, or the rest of a span text that held a newline) are
//! skipped.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use newslens::{ActorId, Annotation, MentionId, Span};

use super::score::{overlap, overlap_frags, Matching, Table};

/// Characters that make an attribution's content a quote.
pub const QUOTE_MARKS: [char; 5] = ['"', '“', '”', '«', '»'];

/// True when an attribution's content holds a quotation mark: one of
/// [`QUOTE_MARKS`], or a double mark written as two characters, the wire
/// style ''...'' (two apostrophes) or LaTeX-style ``...''.
pub fn has_quote_mark(content: &str) -> bool {
    content.contains(QUOTE_MARKS) || content.contains("''") || content.contains("``")
}

/// One article and the annotation file chosen for it.
#[derive(Clone, Debug)]
pub struct Article {
    pub name: String,
    pub text: PathBuf,
    pub ann: PathBuf,
}

/// True when `dir` looks like a brat corpus (`text/` and `attributions/`).
pub fn is_corpus(dir: &Path) -> bool {
    dir.join("text").is_dir() && dir.join("attributions").is_dir()
}

/// Lists the articles of a corpus, sorted by name, each with its first
/// annotation file in sorted order. Returns also the number of texts that
/// have no annotation file.
pub fn list(dir: &Path) -> Result<(Vec<Article>, usize)> {
    let mut anns: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let att = dir.join("attributions");
    for entry in
        std::fs::read_dir(&att).with_context(|| format!("{}: cannot list", att.display()))?
    {
        let Ok(entry) = entry else { continue };
        let file = entry.file_name().to_string_lossy().into_owned();
        if let Some((name, _annotator)) = file.strip_suffix(".ann").and_then(|s| s.rsplit_once('_'))
        {
            anns.entry(name.to_string()).or_default().push(file.clone());
        }
    }
    let text_dir = dir.join("text");
    let mut names: Vec<String> = std::fs::read_dir(&text_dir)
        .with_context(|| format!("{}: cannot list", text_dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_string_lossy()
                .strip_suffix(".txt")
                .map(str::to_string)
        })
        .collect();
    names.sort();
    let mut articles = Vec::new();
    let mut unannotated = 0;
    for name in names {
        match anns.get_mut(&name) {
            Some(files) => {
                files.sort();
                articles.push(Article {
                    text: text_dir.join(format!("{name}.txt")),
                    ann: att.join(&files[0]),
                    name,
                });
            }
            None => unannotated += 1,
        }
    }
    Ok((articles, unannotated))
}

/// One gold attribution, in byte offsets.
#[derive(Clone, Debug, Default)]
pub struct Attribution {
    pub content: Vec<Span>,
    pub source: Vec<Span>,
    pub cue: Vec<Span>,
    pub is_quote: bool,
}

/// A parsed annotation file.
#[derive(Debug, Default)]
pub struct Gold {
    pub attributions: Vec<Attribution>,
    pub discard: Vec<Span>,
    /// Spans whose recorded text matched the article at the converted offsets.
    pub spans_checked: usize,
    pub spans_matching: usize,
    /// Spans or attributions dropped (offsets out of range, no content).
    pub dropped: usize,
}

/// Converts character offsets to byte offsets in one text.
struct CharIndex<'a> {
    text: &'a str,
    /// Byte offset of each char, plus the text length; empty for ASCII text.
    table: Vec<usize>,
    chars: usize,
}

impl<'a> CharIndex<'a> {
    fn new(text: &'a str) -> CharIndex<'a> {
        if text.is_ascii() {
            return CharIndex {
                text,
                table: Vec::new(),
                chars: text.len(),
            };
        }
        let mut table: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let chars = table.len();
        table.push(text.len());
        CharIndex { text, table, chars }
    }

    fn byte(&self, char_offset: usize) -> Option<usize> {
        if char_offset > self.chars {
            return None;
        }
        Some(if self.table.is_empty() {
            char_offset
        } else {
            self.table[char_offset]
        })
    }

    fn slice(&self, s: Span) -> &str {
        self.text.get(s.start..s.end).unwrap_or("")
    }
}

/// Parses `S E;S E` in characters into byte spans.
fn parse_frags(s: &str, idx: &CharIndex) -> Option<Vec<Span>> {
    s.split(';')
        .map(|f| {
            let mut it = f.split_whitespace();
            let a: usize = it.next()?.parse().ok()?;
            let b: usize = it.next()?.parse().ok()?;
            if it.next().is_some() || a > b {
                return None;
            }
            Some(Span::new(idx.byte(a)?, idx.byte(b)?))
        })
        .collect()
}

/// Parses one annotation file against its article text.
pub fn parse(ann: &str, text: &str) -> Gold {
    let idx = CharIndex::new(text);
    let mut gold = Gold::default();
    let mut spans: HashMap<&str, (&str, Vec<Span>)> = HashMap::new();
    let mut events: Vec<Vec<(&str, &str)>> = Vec::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else {
            continue;
        };
        let surface = fields.next();
        if id.starts_with('T') {
            let Some((kind, frags)) = body.split_once(' ') else {
                continue;
            };
            let Some(frags) = parse_frags(frags, &idx) else {
                gold.dropped += 1;
                continue;
            };
            if let Some(surface) = surface {
                // brat joins fragments with a space; a surface holding a
                // newline continues on the next line, so compare the prefix.
                let joined: Vec<&str> = frags.iter().map(|&f| idx.slice(f)).collect();
                gold.spans_checked += 1;
                gold.spans_matching += usize::from(joined.join(" ").starts_with(surface));
            }
            if kind == "Discard" {
                gold.discard.extend(frags.iter().copied());
            }
            spans.insert(id, (kind, frags));
        } else if id.starts_with('E') {
            let roles = body
                .split_whitespace()
                .filter_map(|r| r.split_once(':'))
                .collect();
            events.push(roles);
        }
    }
    for roles in events {
        let mut a = Attribution::default();
        for (role, id) in roles {
            let Some((_, frags)) = spans.get(id) else {
                continue;
            };
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            match role {
                "Content" => a.content.extend(frags.iter().copied()),
                "Source" => a.source.extend(frags.iter().copied()),
                "Cue" => a.cue.extend(frags.iter().copied()),
                _ => {}
            }
        }
        if a.content.is_empty() {
            gold.dropped += 1;
            continue;
        }
        a.content.sort();
        a.is_quote = a.content.iter().any(|&s| has_quote_mark(idx.slice(s)));
        gold.attributions.push(a);
    }
    gold
}

/// An engine quote or claim reduced to what brat scoring needs.
struct Item {
    span: Span,
    actor: Option<ActorId>,
    mention: Option<MentionId>,
    is_quote: bool,
}

/// Whether the engine's source answer (actor and anchoring mention) points
/// at the gold Source span. With no gold source, the engine must give none.
fn source_ok(ann: &Annotation, item: &Item, source: &[Span]) -> bool {
    if source.is_empty() {
        return item.actor.is_none();
    }
    let hits = |m: MentionId| {
        ann.mentions
            .get(m.index())
            .is_some_and(|m| overlap_frags(source, m.span) > 0)
    };
    if item.mention.is_some_and(hits) {
        return true;
    }
    item.actor
        .and_then(|a| ann.actors.get(a.index()))
        .is_some_and(|a| a.mentions.iter().any(|&m| hits(m)))
}

/// A matched gold quote or claim whose engine source is wrong (`-v`).
#[derive(Clone, Copy, Debug)]
pub struct WrongSource {
    /// `quote` or `claim`.
    pub category: &'static str,
    /// Index into the gold's `attributions`.
    pub gold: usize,
    /// The engine's anchoring mention, else its actor's first mention.
    pub mention: Option<MentionId>,
}

/// Scores one article; also returns the matched quotes and claims whose
/// source is wrong.
pub fn score(ann: &Annotation, gold: &Gold) -> (Table, Vec<WrongSource>) {
    let mut table = Table::default();
    let mut wrong = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    for q in &ann.quotes {
        items.push(Item {
            span: q.span,
            actor: q.speaker,
            mention: q.speaker_mention,
            is_quote: true,
        });
    }
    for c in &ann.claims {
        items.push(Item {
            span: c.content,
            actor: c.claimant,
            mention: c.claimant_mention,
            is_quote: false,
        });
    }
    // Engine items inside skipped boilerplate are not counted at all.
    items.retain(|i| !gold.discard.iter().any(|&d| overlap(d, i.span) > 0));

    let golds = &gold.attributions;
    let cover = |g: &Attribution, i: &Item| overlap_frags(&g.content, i.span);
    let ignore_quotes: Vec<bool> = items.iter().map(|i| !i.is_quote).collect();
    let ignore_claims: Vec<bool> = items.iter().map(|i| i.is_quote).collect();
    // Records a matched item's source, noting it when wrong.
    let mut judge = |table: &mut Table, category: &'static str, g: usize, e: usize| {
        let item = &items[e];
        let ok = source_ok(ann, item, &golds[g].source);
        let name = if category == "quote" {
            "quote speaker"
        } else {
            "claimant"
        };
        table.accuracy_mut(name).record(ok);
        if !ok {
            let first = |a: ActorId| ann.actors.get(a.index())?.mentions.first().copied();
            let mention = item.mention.or_else(|| item.actor.and_then(first));
            wrong.push(WrongSource {
                category,
                gold: g,
                mention,
            });
        }
    };

    // Quotes: gold attributions with quotation marks vs engine quotes.
    let gq: Vec<usize> = (0..golds.len()).filter(|&g| golds[g].is_quote).collect();
    let m = Matching::new(gq.len(), items.len(), |g, e| {
        if items[e].is_quote {
            cover(&golds[gq[g]], &items[e])
        } else {
            0
        }
    });
    table.counts_mut("quotes").add(m.counts(&ignore_quotes));
    for (g, best) in m.best.iter().enumerate() {
        if let Some(e) = best {
            judge(&mut table, "quote", gq[g], *e);
        }
    }

    // Claims: gold attributions without quotation marks vs engine claims; an
    // engine claim is correct when it covers any gold attribution.
    let gc: Vec<usize> = (0..golds.len()).filter(|&g| !golds[g].is_quote).collect();
    let m = Matching::new(gc.len(), items.len(), |g, e| {
        if items[e].is_quote {
            0
        } else {
            cover(&golds[gc[g]], &items[e])
        }
    });
    let mut counts = m.counts(&ignore_claims);
    counts.correct = items
        .iter()
        .filter(|i| !i.is_quote && golds.iter().any(|g| cover(g, i) > 0))
        .count();
    table.counts_mut("claims").add(counts);
    for (g, best) in m.best.iter().enumerate() {
        if let Some(e) = best {
            judge(&mut table, "claim", gc[g], *e);
        }
    }

    // Attributions: every gold attribution vs every engine quote and claim.
    let m = Matching::new(golds.len(), items.len(), |g, e| cover(&golds[g], &items[e]));
    table.counts_mut("attributions").add(m.counts(&[]));
    for (g, best) in m.best.iter().enumerate() {
        if let Some(e) = best {
            let ok = source_ok(ann, &items[*e], &golds[g].source);
            table.accuracy_mut("attribution source").record(ok);
        }
    }
    (table, wrong)
}

/// `-v` lines for the matched quotes and claims whose source is wrong:
/// `WS quote | article: gold "Source" engine "mention" | context`.
pub fn wrong_source_lines(
    text: &str,
    ann: &Annotation,
    gold: &Gold,
    wrong: &[WrongSource],
    article: &str,
) -> Vec<String> {
    let slice = |s: Span| text.get(s.start..s.end).unwrap_or("");
    wrong
        .iter()
        .map(|w| {
            let g = &gold.attributions[w.gold];
            let source: Vec<&str> = g.source.iter().map(|&s| slice(s)).collect();
            let engine = w
                .mention
                .and_then(|m| ann.mentions.get(m.index()))
                .map_or("-", |m| slice(m.span));
            let around: Vec<Span> = g.cue.iter().chain(&g.source).copied().collect();
            format!(
                "WS {} | {article}: gold \"{}\" engine \"{engine}\" | {}",
                w.category,
                source.join(" "),
                context(text, &around, &g.content)
            )
        })
        .collect()
}

/// One gold attribution no engine item of its kind found (`-v`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Miss {
    /// `quote` or `claim`.
    pub category: &'static str,
    /// The gold cue's words, lowercase (fragments joined by a space; empty
    /// when the gold gives no cue).
    pub cue: String,
    /// What the engine had instead: `quote` (an engine quote overlaps the
    /// claim's content), `cue-found` (an engine claim or quote has its cue on
    /// the gold cue, with its content elsewhere), `no-cue` (the gold has no
    /// cue), or `missed` (none of these).
    pub kind: &'static str,
    /// The text from the cue to the content (or the reverse), on one line,
    /// the content in `[...]`, at most about 200 characters.
    pub context: String,
}

impl Miss {
    /// One `details:` line: `FN claim [cue] kind | context`.
    pub fn line(&self, article: &str) -> String {
        format!(
            "FN {} [{}] {} | {article}: {}",
            self.category, self.cue, self.kind, self.context
        )
    }
}

/// The gold quotes and claims of one article that no engine item of the
/// same category overlaps, with what the engine had instead.
pub fn misses(text: &str, ann: &Annotation, gold: &Gold) -> Vec<Miss> {
    let kept = |s: Span| !gold.discard.iter().any(|&d| overlap(d, s) > 0);
    let quotes: Vec<Span> = ann
        .quotes
        .iter()
        .map(|q| q.span)
        .filter(|&s| kept(s))
        .collect();
    let claims: Vec<(Span, Span)> = ann
        .claims
        .iter()
        .filter(|c| kept(c.content))
        .map(|c| (c.cue, c.content))
        .collect();
    let quote_cues: Vec<Span> = ann
        .quotes
        .iter()
        .filter(|q| kept(q.span))
        .filter_map(|q| q.cue)
        .collect();
    let words = |frags: &[Span]| {
        let parts: Vec<&str> = frags
            .iter()
            .filter_map(|f| text.get(f.start..f.end))
            .collect();
        parts
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = Vec::new();
    for g in &gold.attributions {
        let (category, own): (&str, Vec<Span>) = if g.is_quote {
            ("quote", quotes.clone())
        } else {
            ("claim", claims.iter().map(|&(_, c)| c).collect())
        };
        if own.iter().any(|&s| overlap_frags(&g.content, s) > 0) {
            continue;
        }
        let on_cue = |s: Span| overlap_frags(&g.cue, s) > 0;
        let kind = if !g.is_quote && quotes.iter().any(|&s| overlap_frags(&g.content, s) > 0) {
            "quote"
        } else if g.cue.is_empty() {
            "no-cue"
        } else if claims.iter().any(|&(c, _)| on_cue(c)) || quote_cues.iter().any(|&c| on_cue(c)) {
            "cue-found"
        } else {
            "missed"
        };
        out.push(Miss {
            category,
            cue: words(&g.cue).to_lowercase(),
            kind,
            context: context(text, &g.cue, &g.content),
        });
    }
    out
}

/// The text from the first to the last of the cue and content fragments,
/// the content bracketed, whitespace collapsed, cut after about 200 chars.
fn context(text: &str, cue: &[Span], content: &[Span]) -> String {
    let all = || cue.iter().chain(content);
    let (Some(start), Some(end)) = (all().map(|s| s.start).min(), all().map(|s| s.end).max())
    else {
        return String::new();
    };
    let mut s = String::new();
    let mut at = start;
    for c in content {
        if c.start < at {
            continue;
        }
        s.push_str(text.get(at..c.start).unwrap_or(""));
        s.push('[');
        s.push_str(text.get(c.start..c.end).unwrap_or(""));
        s.push(']');
        at = c.end;
    }
    s.push_str(text.get(at.min(end)..end).unwrap_or(""));
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match s.char_indices().nth(200) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s,
    }
}

/// Summary lines for a list of misses: counts by category and kind, then
/// the most common gold cues of missed claims, each with its kinds.
pub fn miss_summary(misses: &[Miss], top: usize) -> Vec<String> {
    let mut kinds: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut cues: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for m in misses {
        *kinds.entry((m.category, m.kind)).or_default() += 1;
        if m.category == "claim" {
            *cues.entry(&m.cue).or_default().entry(m.kind).or_default() += 1;
        }
    }
    let mut out = vec![format!(
        "missed by kind: {}",
        kinds
            .iter()
            .map(|((c, k), n)| format!("{c} {k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    )];
    let mut by_cue: Vec<(&str, usize, &BTreeMap<&str, usize>)> = cues
        .iter()
        .map(|(c, k)| (*c, k.values().sum(), k))
        .collect();
    by_cue.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    out.push(format!(
        "missed claims by gold cue (top {top} of {}):",
        by_cue.len()
    ));
    for (cue, n, k) in by_cue.iter().take(top) {
        let k: Vec<String> = k.iter().map(|(k, n)| format!("{k} {n}")).collect();
        out.push(format!("  {n:>5} [{cue}] {}", k.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_become_byte_offsets() {
        let text = "é “ok” said Zoë.";
        let ann = "T1\tContent 2 6\t“ok”\nT2\tSource 12 15\tZoë\nT3\tCue 7 11\tsaid\n\
                   E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n";
        let gold = parse(ann, text);
        assert_eq!(gold.spans_checked, 3);
        assert_eq!(gold.spans_matching, 3);
        let a = &gold.attributions[0];
        assert_eq!(&text[a.content[0].start..a.content[0].end], "“ok”");
        assert_eq!(&text[a.source[0].start..a.source[0].end], "Zoë");
        assert!(a.is_quote);
    }

    #[test]
    fn two_apostrophes_make_a_quote_but_one_does_not() {
        let text = "''We won,'' Ann said. The players' union said it lost.";
        let ann = "T1\tContent 0 11\t''We won,''\nT2\tSource 12 15\tAnn\n\
                   T4\tContent 22 45\tThe players' union said\n\
                   E1\tAttribution:T9 Content:T1 Source:T2\n\
                   E2\tAttribution:T9 Content:T4\n";
        let gold = parse(ann, text);
        assert_eq!(gold.attributions.len(), 2);
        assert!(gold.attributions[0].is_quote);
        assert!(!gold.attributions[1].is_quote);
        assert!(has_quote_mark("``Yes,'' he said"));
    }

    #[test]
    fn discontinuous_spans_and_bad_lines() {
        let text = "We will, she said, win.";
        let ann = "T1\tContent 0 7;19 22\tWe will win\n\
                   this line is the rest of a multi-line span\n\
                   T2\tSource 9 12\tshe\n\
                   T3\tContent 99 120\tout of range\n\
                   E1\tAttribution:T9 Content:T1 Source:T2\n\
                   E2\tAttribution-no-source:T9 Content:T3\n";
        let gold = parse(ann, text);
        assert_eq!(gold.attributions.len(), 1);
        assert_eq!(gold.attributions[0].content.len(), 2);
        assert!(!gold.attributions[0].is_quote);
        // T3 (out of range) and E2 (no content left) are dropped.
        assert_eq!(gold.dropped, 2);
    }
    #[test]
    fn misses_say_what_the_engine_had_instead() {
        let text = "Ada said the bridge is safe. Bo says \"it leaks\" and warned of rust.";
        let ann = "T1\tContent 9 27\tthe bridge is safe\nT2\tCue 4 8\tsaid\n\
                   T3\tContent 37 47\t\"it leaks\"\nT4\tCue 32 36\tsays\n\
                   T5\tContent 59 66\tof rust\nT6\tCue 52 58\twarned\n\
                   E1\tAttribution:T2 Content:T1 Cue:T2\n\
                   E2\tAttribution:T4 Content:T3 Cue:T4\n\
                   E3\tAttribution:T6 Content:T5 Cue:T6\n";
        let gold = parse(ann, text);
        assert_eq!(gold.attributions.len(), 3);
        // The engine's answer: nothing at all, then one claim on the cue
        // "said" whose content lies elsewhere.
        let empty = Annotation::default();
        let kinds = |ann: &Annotation| -> Vec<(String, &'static str)> {
            misses(text, ann, &gold)
                .into_iter()
                .map(|m| (m.cue, m.kind))
                .collect()
        };
        let all = misses(text, &empty, &gold);
        assert_eq!(all.len(), 3);
        assert_eq!(
            all[0].line("a"),
            "FN claim [said] missed | a: said [the bridge is safe]"
        );
        assert_eq!(all[1].category, "quote");
        let mut one = Annotation::default();
        one.claims.push(newslens::Claim {
            id: newslens::ClaimId(0),
            claimant: None,
            claimant_mention: None,
            cue: Span::new(4, 8),
            content: Span::new(0, 3),
            stance: newslens::Stance::Assert,
            disputed_by: Vec::new(),
            disputes: Vec::new(),
        });
        assert_eq!(
            kinds(&one),
            [
                ("said".to_string(), "cue-found"),
                ("says".to_string(), "missed"),
                ("warned".to_string(), "missed"),
            ]
        );
        let summary = miss_summary(&misses(text, &one, &gold), 1);
        assert_eq!(
            summary,
            [
                "missed by kind: claim cue-found 1, claim missed 1, quote missed 1",
                "missed claims by gold cue (top 1 of 2):",
                "      1 [said] cue-found 1",
            ]
        );
    }
}
