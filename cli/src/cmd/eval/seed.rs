//! The seed gold format: `gold.json` beside `article.txt`, written by hand.
//!
//! Gold items name text, not offsets: actor surfaces are matched as whole
//! words at every occurrence, quote and claim texts are looked up in the
//! article. See `docs/eval.md` for how each category is matched.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use newslens::{ActorId, ActorKind, Annotation, MentionKind, QuoteKind, Span};
use serde::Deserialize;

use super::score::{overlap, Matching, Table};

/// How far (bytes) an engine cue may lie from the gold claim content and still
/// match it by cue text.
pub const CUE_WINDOW: usize = 200;

#[derive(Debug, Deserialize)]
pub struct Gold {
    #[serde(default)]
    pub about: String,
    #[serde(default)]
    pub actors: Vec<GoldActor>,
    #[serde(default)]
    pub groups: Vec<GoldGroup>,
    #[serde(default)]
    pub optional_actor_surfaces: Vec<String>,
    #[serde(default)]
    pub not_actors: Vec<String>,
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    #[serde(default)]
    pub claims: Vec<GoldClaim>,
    #[serde(default)]
    pub optional_claims: Vec<GoldClaim>,
}

#[derive(Debug, Deserialize)]
pub struct GoldActor {
    pub name: String,
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub surfaces: Vec<String>,
    #[serde(default)]
    pub same_as_ok: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct GoldGroup {
    pub name: String,
    #[serde(default)]
    pub surfaces: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct GoldQuote {
    pub text: String,
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub also_ok: Vec<String>,
    #[serde(default)]
    pub kind: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct GoldClaim {
    #[serde(default)]
    pub claimant: Option<String>,
    #[serde(default)]
    pub also_ok: Vec<String>,
    #[serde(default)]
    pub cue: Option<String>,
    #[serde(default)]
    pub stance: Option<String>,
    pub content: String,
}

/// Finds `gold.json` and `article.txt` from a path to either or to their folder.
pub fn locate(path: &Path) -> Option<(PathBuf, PathBuf)> {
    let (json, dir) = if path.is_dir() {
        (path.join("gold.json"), path.to_path_buf())
    } else {
        (path.to_path_buf(), path.parent()?.to_path_buf())
    };
    let article = dir.join("article.txt");
    (json.is_file() && json.extension().is_some_and(|e| e == "json") && article.is_file())
        .then_some((json, article))
}

pub fn load(json: &Path) -> Result<Gold> {
    let bytes = std::fs::read(json).with_context(|| format!("{}: cannot read", json.display()))?;
    let gold: Gold = serde_json::from_slice(&bytes)
        .with_context(|| format!("{}: not a seed gold file", json.display()))?;
    if gold.actors.is_empty() && gold.quotes.is_empty() && gold.claims.is_empty() {
        bail!("{}: no actors, quotes or claims", json.display());
    }
    Ok(gold)
}

/// Every whole-word occurrence of `needle` in `text` (case-sensitive).
pub fn find_words(text: &str, needle: &str) -> Vec<Span> {
    if needle.is_empty() {
        return Vec::new();
    }
    text.match_indices(needle)
        .map(|(i, m)| Span::new(i, i + m.len()))
        .filter(|s| {
            let before = text[..s.start].chars().next_back();
            let after = text[s.end..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .collect()
}

/// Every occurrence of `needle` (no word-boundary condition).
fn find_all(text: &str, needle: &str) -> Vec<Span> {
    if needle.is_empty() {
        return Vec::new();
    }
    text.match_indices(needle)
        .map(|(i, m)| Span::new(i, i + m.len()))
        .collect()
}

fn distance(a: Span, b: Span) -> usize {
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}

/// Mention categories used for P/R by kind.
pub const MENTION_CATEGORIES: [&str; 4] = ["person", "organization", "place", "unnamed"];

fn engine_category(kind: ActorKind, mention: MentionKind) -> &'static str {
    match (mention, kind) {
        (MentionKind::Description, _) => "unnamed",
        (_, ActorKind::Person) => "person",
        (_, ActorKind::Organization) => "organization",
        (_, ActorKind::Place) => "place",
        (_, ActorKind::Group) => "group",
    }
}

fn quote_kind(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Continuation => "continuation",
    }
}

struct Scorer<'a> {
    text: &'a str,
    ann: &'a Annotation,
    gold: &'a Gold,
    table: Table,
    notes: Vec<String>,
}

/// Scores one article. Returns the counts and notes naming each miss.
pub fn score(text: &str, ann: &Annotation, gold: &Gold) -> (Table, Vec<String>) {
    let mut s = Scorer {
        text,
        ann,
        gold,
        table: Table::default(),
        notes: Vec::new(),
    };
    s.actors();
    s.mentions();
    s.quotes();
    s.claims();
    (s.table, s.notes)
}

impl Scorer<'_> {
    fn mention_text(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    fn snippet(&self, span: Span) -> String {
        let s: String = self.mention_text(span).chars().take(80).collect();
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn actor_name(&self, id: Option<ActorId>) -> String {
        id.and_then(|a| self.ann.actors.get(a.index()))
            .map(|a| a.name.clone())
            .unwrap_or_else(|| "(none)".into())
    }

    /// Named actors found, unnamed actors found, `not_actors` violations.
    fn actors(&mut self) {
        let (text, ann, gold) = (self.text, self.ann, self.gold);
        let texts: Vec<&str> = ann
            .mentions
            .iter()
            .map(|m| text.get(m.span.start..m.span.end).unwrap_or(""))
            .collect();
        for a in &gold.actors {
            let found = texts.iter().any(|t| a.surfaces.iter().any(|s| s == t));
            self.table.accuracy_mut("named actors found").record(found);
            if !found {
                self.notes.push(format!("actor missed: {}", a.name));
            }
        }
        for g in &gold.groups {
            let found = texts
                .iter()
                .any(|t| g.surfaces.iter().any(|s| !find_words(t, s).is_empty()));
            self.table
                .accuracy_mut("unnamed actors found")
                .record(found);
            if !found {
                self.notes.push(format!("unnamed actor missed: {}", g.name));
            }
        }
        let violations = self.table.accuracy_mut("not_actors respected");
        let mut bad = Vec::new();
        for (m, &t) in ann.mentions.iter().zip(&texts) {
            if m.kind == MentionKind::Pronoun {
                continue;
            }
            let ok = !gold.not_actors.iter().any(|n| n == t);
            violations.record(ok);
            if !ok {
                bad.push(format!("not an actor, but a mention: {t:?}"));
            }
        }
        self.notes.extend(bad);
    }

    /// Mention P/R by category, over every whole-word occurrence of every surface.
    fn mentions(&mut self) {
        // (span, category or None for optional, owner) for every occurrence.
        // Owner: index into actors, then groups; optional surfaces own nothing.
        let mut occ: Vec<(Span, Option<&str>, usize)> = Vec::new();
        for (i, a) in self.gold.actors.iter().enumerate() {
            let cat = match a.kind.as_str() {
                "person" => "person",
                "organization" | "organisation" => "organization",
                "place" => "place",
                _ => "unnamed",
            };
            for s in &a.surfaces {
                occ.extend(
                    find_words(self.text, s)
                        .into_iter()
                        .map(|sp| (sp, Some(cat), i)),
                );
            }
        }
        let groups_from = self.gold.actors.len();
        for (i, g) in self.gold.groups.iter().enumerate() {
            for s in &g.surfaces {
                occ.extend(
                    find_words(self.text, s)
                        .into_iter()
                        .map(|sp| (sp, Some("unnamed"), groups_from + i)),
                );
            }
        }
        for s in &self.gold.optional_actor_surfaces {
            occ.extend(
                find_words(self.text, s)
                    .into_iter()
                    .map(|sp| (sp, None, usize::MAX)),
            );
        }
        // Longest first at each start. An occurrence overlapping an earlier
        // kept one is dropped when both belong to the same actor ("Vucic" in
        // "Aleksandar Vucic"), and made optional otherwise ("Kosovo" in
        // "Kosovo police officer": the engine may or may not mark it).
        occ.sort_by_key(|(s, _, _)| (s.start, std::cmp::Reverse(s.end)));
        let mut kept: Vec<(Span, Option<&str>, usize)> = Vec::new();
        for (span, cat, owner) in occ {
            let covering: Vec<usize> = kept
                .iter()
                .filter(|(k, _, _)| overlap(*k, span) > 0)
                .map(|(_, _, o)| *o)
                .collect();
            if covering.is_empty() {
                kept.push((span, cat, owner));
            } else if !covering.contains(&owner) {
                kept.push((span, None, owner));
            }
        }
        let kept: Vec<(Span, Option<&str>)> = kept.into_iter().map(|(s, c, _)| (s, c)).collect();
        let required: Vec<(Span, &str)> = kept
            .iter()
            .filter_map(|(s, c)| c.map(|c| (*s, c)))
            .collect();
        let optional: Vec<Span> = kept
            .iter()
            .filter(|(_, c)| c.is_none())
            .map(|(s, _)| *s)
            .collect();

        let engine: Vec<(Span, &str)> = self
            .ann
            .mentions
            .iter()
            .filter(|m| m.kind != MentionKind::Pronoun)
            .map(|m| {
                let kind = self
                    .ann
                    .actors
                    .get(m.actor.index())
                    .map_or(ActorKind::Person, |a| a.kind);
                (m.span, engine_category(kind, m.kind))
            })
            .collect();
        let matching = Matching::one_to_one(required.len(), engine.len(), |g, e| {
            overlap(required[g].0, engine[e].0)
        });
        // Engine mentions that only cover optional surfaces are not counted.
        let ignored: Vec<bool> = engine
            .iter()
            .enumerate()
            .map(|(i, (s, _))| {
                !matching.engine_matched[i] && optional.iter().any(|o| overlap(*o, *s) > 0)
            })
            .collect();

        let mut cats: Vec<&str> = MENTION_CATEGORIES.to_vec();
        if engine.iter().any(|(_, c)| *c == "group") {
            cats.push("group");
        }
        for cat in cats {
            let c = self.table.counts_mut(&format!("mentions: {cat}"));
            for (g, (_, gc)) in required.iter().enumerate() {
                if *gc == cat {
                    c.gold += 1;
                    c.found += usize::from(matching.best[g].is_some());
                }
            }
            for (e, (_, ec)) in engine.iter().enumerate() {
                if *ec == cat && !ignored[e] {
                    c.engine += 1;
                    c.correct += usize::from(matching.engine_matched[e]);
                }
            }
        }
        let all = matching.counts(&ignored);
        self.table.counts_mut("mentions: all").add(all);
        for (g, best) in matching.best.iter().enumerate() {
            match best {
                Some(e) => {
                    let ok = engine[*e].1 == required[g].1;
                    self.table.accuracy_mut("mention kind").record(ok);
                }
                None => {
                    let sp = required[g].0;
                    let note = format!(
                        "mention missed: {:?} at byte {}",
                        self.snippet(sp),
                        sp.start
                    );
                    self.notes.push(note);
                }
            }
        }
        for (e, (s, _)) in engine.iter().enumerate() {
            if !matching.engine_matched[e] && !ignored[e] {
                let note = format!(
                    "mention not in gold: {:?} at byte {}",
                    self.snippet(*s),
                    s.start
                );
                self.notes.push(note);
            }
        }
    }

    /// Names accepted for an actor answer: the gold name, `also_ok`, and the
    /// `same_as_ok` of the gold actors so named.
    fn accepted<'g>(&'g self, name: &'g str, also_ok: &'g [String]) -> Vec<&'g str> {
        let mut names: Vec<&str> = vec![name];
        names.extend(also_ok.iter().map(String::as_str));
        for a in &self.gold.actors {
            if names.contains(&a.name.as_str()) {
                names.extend(a.same_as_ok.iter().map(String::as_str));
            }
        }
        names
    }

    /// Whether the engine's actor answers a gold speaker or claimant.
    fn actor_ok(&self, engine: Option<ActorId>, gold: Option<&str>, also_ok: &[String]) -> bool {
        let Some(gold) = gold else {
            return engine.is_none();
        };
        let Some(actor) = engine.and_then(|a| self.ann.actors.get(a.index())) else {
            return false;
        };
        let names = self.accepted(gold, also_ok);
        if names.contains(&actor.name.as_str()) {
            return true;
        }
        let texts: Vec<&str> = actor
            .mentions
            .iter()
            .filter_map(|m| self.ann.mentions.get(m.index()))
            .map(|m| self.mention_text(m.span))
            .collect();
        for name in names {
            if let Some(a) = self.gold.actors.iter().find(|a| a.name == name) {
                if texts.iter().any(|t| a.surfaces.iter().any(|s| s == t)) {
                    return true;
                }
            }
            if let Some(g) = self.gold.groups.iter().find(|g| g.name == name) {
                if texts
                    .iter()
                    .any(|t| g.surfaces.iter().any(|s| !find_words(t, s).is_empty()))
                {
                    return true;
                }
            }
        }
        false
    }

    fn quotes(&mut self) {
        // The k-th gold quote with a given text takes the k-th occurrence.
        let mut spans: Vec<Option<Span>> = Vec::new();
        for (i, q) in self.gold.quotes.iter().enumerate() {
            let earlier = self.gold.quotes[..i]
                .iter()
                .filter(|p| p.text == q.text)
                .count();
            let span = find_all(self.text, &q.text).get(earlier).copied();
            if span.is_none() {
                self.notes
                    .push(format!("gold quote not found in the article: {:?}", q.text));
            }
            spans.push(span);
        }
        let quotes = &self.ann.quotes;
        let matching = Matching::one_to_one(spans.len(), quotes.len(), |g, e| {
            spans[g].map_or(0, |s| overlap(s, quotes[e].content))
        });
        self.table.counts_mut("quotes").add(matching.counts(&[]));
        for (g, best) in matching.best.iter().enumerate() {
            let gq = &self.gold.quotes[g];
            let Some(e) = best else {
                self.notes.push(format!("quote missed: {:?}", gq.text));
                continue;
            };
            let eq = &quotes[*e];
            let ok = self.actor_ok(eq.speaker, gq.speaker.as_deref(), &gq.also_ok);
            self.table.accuracy_mut("quote speaker").record(ok);
            if !ok {
                self.notes.push(format!(
                    "quote speaker wrong: {:?}: engine {}, gold {}",
                    gq.text,
                    self.actor_name(eq.speaker),
                    gq.speaker.as_deref().unwrap_or("(none)")
                ));
            }
            if let Some(kind) = &gq.kind {
                let ok = quote_kind(eq.kind) == kind;
                self.table.accuracy_mut("quote kind").record(ok);
            }
        }
        for (e, m) in matching.engine_matched.iter().enumerate() {
            if !m {
                let note = format!("quote not in gold: {:?}", self.snippet(quotes[e].content));
                self.notes.push(note);
            }
        }
    }

    /// Locates a gold claim: (content span, cue span), choosing the content
    /// occurrence nearest to an occurrence of its cue.
    fn locate_claim(&self, c: &GoldClaim) -> Option<(Span, Option<Span>)> {
        let contents = find_all(self.text, &c.content);
        let cues = c
            .cue
            .as_deref()
            .map(|cue| find_words(self.text, cue))
            .unwrap_or_default();
        let mut best: Option<(usize, Span, Option<Span>)> = None;
        for &content in &contents {
            let near = cues
                .iter()
                .filter(|cue| overlap(**cue, content) == 0)
                .map(|&cue| (distance(cue, content), cue))
                .min_by_key(|(d, _)| *d);
            let (d, cue) = match near {
                Some((d, cue)) if d <= CUE_WINDOW => (d, Some(cue)),
                _ => (usize::MAX, None),
            };
            if best.is_none_or(|(bd, _, _)| d < bd) {
                best = Some((d, content, cue));
            }
        }
        best.map(|(_, content, cue)| (content, cue))
    }

    fn claims(&mut self) {
        let claims = &self.ann.claims;
        let located: Vec<Option<(Span, Option<Span>)>> = self
            .gold
            .claims
            .iter()
            .map(|c| self.locate_claim(c))
            .collect();
        let optional: Vec<Option<(Span, Option<Span>)>> = self
            .gold
            .optional_claims
            .iter()
            .map(|c| self.locate_claim(c))
            .collect();
        for (c, l) in self.gold.claims.iter().zip(&located) {
            if l.is_none() {
                self.notes.push(format!(
                    "gold claim content not found in the article: {:?}",
                    c.content
                ));
            }
        }
        let text = self.text;
        // Score: a cue match near the content counts more than any overlap.
        let score = |gold: &GoldClaim, loc: &Option<(Span, Option<Span>)>, e: usize| -> usize {
            let Some((content, _)) = loc else {
                return 0;
            };
            let ec = &claims[e];
            let cue_text = text.get(ec.cue.start..ec.cue.end).unwrap_or("");
            let cue_match = gold
                .cue
                .as_deref()
                .is_some_and(|g| g.eq_ignore_ascii_case(cue_text))
                && distance(ec.cue, *content) <= CUE_WINDOW;
            usize::from(cue_match) * (1 << 40) + overlap(*content, ec.content)
        };
        let matching = Matching::one_to_one(located.len(), claims.len(), |g, e| {
            score(&self.gold.claims[g], &located[g], e)
        });
        let optional_matching = Matching::new(optional.len(), claims.len(), |g, e| {
            score(&self.gold.optional_claims[g], &optional[g], e)
        });
        let ignored: Vec<bool> = (0..claims.len())
            .map(|e| !matching.engine_matched[e] && optional_matching.engine_matched[e])
            .collect();
        self.table
            .counts_mut("claims")
            .add(matching.counts(&ignored));
        for (g, best) in matching.best.iter().enumerate() {
            let gc = &self.gold.claims[g];
            let Some(e) = best else {
                self.notes.push(format!(
                    "claim missed: {:?} {:?}",
                    gc.cue.as_deref().unwrap_or(""),
                    gc.content
                ));
                continue;
            };
            let ec = &claims[*e];
            let ok = self.actor_ok(ec.claimant, gc.claimant.as_deref(), &gc.also_ok);
            self.table.accuracy_mut("claimant").record(ok);
            if !ok {
                self.notes.push(format!(
                    "claimant wrong: {:?}: engine {}, gold {}",
                    gc.content,
                    self.actor_name(ec.claimant),
                    gc.claimant.as_deref().unwrap_or("(none)")
                ));
            }
            if let Some(stance) = &gc.stance {
                let ok = ec.stance.name() == stance;
                self.table.accuracy_mut("stance").record(ok);
                if !ok {
                    self.notes.push(format!(
                        "stance wrong: {:?}: engine {}, gold {stance}",
                        gc.content,
                        ec.stance.name()
                    ));
                }
            }
        }
        for (e, m) in matching.engine_matched.iter().enumerate() {
            if !m && !ignored[e] {
                let note = format!("claim not in gold: {:?}", self.snippet(claims[e].content));
                self.notes.push(note);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newslens::{
        Actor, Claim, ClaimId, Mention, MentionId, MentionKind, Quote, QuoteId, QuoteKind, Stance,
    };

    const TEXT: &str = "Mayor Lina Berg denied the report on Monday. \"We have nothing to hide,\" \
                        Berg said. The council warned that the budget was short.";

    const GOLD: &str = r#"{
      "about": "test",
      "actors": [{"name": "Lina Berg", "type": "person", "surfaces": ["Lina Berg", "Berg"]}],
      "groups": [{"name": "the council", "surfaces": ["council"]}],
      "not_actors": ["Monday"],
      "quotes": [{"text": "We have nothing to hide,", "speaker": "Lina Berg", "cue": "said", "kind": "direct"}],
      "claims": [
        {"claimant": "Lina Berg", "cue": "denied", "stance": "deny", "content": "the report"},
        {"claimant": "the council", "cue": "warned", "stance": "warn", "content": "the budget was short"}
      ]
    }"#;

    /// The span of the `n`-th occurrence of `s` in TEXT.
    fn at(s: &str, n: usize) -> Span {
        let (i, _) = TEXT.match_indices(s).nth(n).expect("in text");
        Span::new(i, i + s.len())
    }

    fn mention(id: u32, actor: u32, span: Span) -> Mention {
        Mention {
            id: MentionId(id),
            actor: ActorId(actor),
            span,
            title: None,
            kind: MentionKind::Name,
        }
    }

    fn engine() -> Annotation {
        let actor = |id: u32, name: &str, kind, mentions: Vec<u32>| Actor {
            id: ActorId(id),
            name: name.into(),
            kind,
            titles: vec![],
            anonymous: false,
            mentions: mentions.into_iter().map(MentionId).collect(),
        };
        let claim = |id: u32, claimant: u32, cue: Span, content: Span, stance| Claim {
            id: ClaimId(id),
            claimant: Some(ActorId(claimant)),
            claimant_mention: None,
            cue,
            content,
            stance,
            disputed_by: vec![],
            disputes: vec![],
        };
        Annotation {
            actors: vec![
                actor(0, "Lina Berg", ActorKind::Person, vec![0, 2]),
                actor(1, "Monday", ActorKind::Organization, vec![1]),
            ],
            mentions: vec![
                mention(0, 0, at("Lina Berg", 0)),
                mention(1, 1, at("Monday", 0)),
                mention(2, 0, at("Berg", 1)),
            ],
            quotes: vec![Quote {
                id: QuoteId(0),
                kind: QuoteKind::Direct,
                span: at("\"We have nothing to hide,\"", 0),
                content: at("We have nothing to hide,", 0),
                speaker: Some(ActorId(0)),
                speaker_mention: Some(MentionId(2)),
                cue: Some(at("said", 0)),
                reporter: None,
            }],
            claims: vec![
                claim(
                    0,
                    0,
                    at("denied", 0),
                    at("the report on Monday", 0),
                    Stance::Deny,
                ),
                claim(
                    1,
                    1,
                    at("said", 0),
                    at("We have nothing", 0),
                    Stance::Assert,
                ),
            ],
        }
    }

    fn counts(gold: usize, found: usize, engine: usize, correct: usize) -> Option<Counts> {
        Some(Counts {
            gold,
            found,
            engine,
            correct,
        })
    }

    fn acc(correct: usize, total: usize) -> Option<Accuracy> {
        Some(Accuracy { correct, total })
    }

    use super::super::score::{Accuracy, Counts};

    #[test]
    fn scores_a_hand_made_annotation() {
        let gold: Gold = serde_json::from_str(GOLD).unwrap();
        let (t, notes) = score(TEXT, &engine(), &gold);
        assert_eq!(t.get_accuracy("named actors found"), acc(1, 1));
        assert_eq!(t.get_accuracy("unnamed actors found"), acc(0, 1));
        assert_eq!(t.get_accuracy("not_actors respected"), acc(2, 3));
        assert_eq!(t.get("mentions: person"), counts(2, 2, 2, 2));
        assert_eq!(t.get("mentions: organization"), counts(0, 0, 1, 0));
        assert_eq!(t.get("mentions: unnamed"), counts(1, 0, 0, 0));
        assert_eq!(t.get("mentions: all"), counts(3, 2, 3, 2));
        assert_eq!(t.get("quotes"), counts(1, 1, 1, 1));
        assert_eq!(t.get_accuracy("quote speaker"), acc(1, 1));
        assert_eq!(t.get_accuracy("quote kind"), acc(1, 1));
        assert_eq!(t.get("claims"), counts(2, 1, 2, 1));
        assert_eq!(t.get_accuracy("claimant"), acc(1, 1));
        assert_eq!(t.get_accuracy("stance"), acc(1, 1));
        assert!(notes.iter().any(|n| n.contains("\"Monday\"")), "{notes:?}");
        assert!(notes
            .iter()
            .any(|n| n.starts_with("claim missed") && n.contains("budget")));
    }

    #[test]
    fn claim_matches_by_cue_near_the_content() {
        // The engine's content does not overlap the gold content, but its cue
        // is the gold cue, right before it.
        let gold: Gold = serde_json::from_str(GOLD).unwrap();
        let mut ann = engine();
        ann.claims[0].content = at("Mayor", 0);
        let (t, _) = score(TEXT, &ann, &gold);
        assert_eq!(t.get("claims"), counts(2, 1, 2, 1));
    }

    #[test]
    fn speaker_is_accepted_through_a_gold_surface() {
        let gold: Gold = serde_json::from_str(GOLD).unwrap();
        let mut ann = engine();
        ann.actors[0].name = "Mayor Berg".into();
        let (t, _) = score(TEXT, &ann, &gold);
        assert_eq!(t.get_accuracy("quote speaker"), acc(1, 1));
        // An actor with no such mention is wrong.
        ann.quotes[0].speaker = Some(ActorId(1));
        let (t, _) = score(TEXT, &ann, &gold);
        assert_eq!(t.get_accuracy("quote speaker"), acc(0, 1));
    }

    #[test]
    fn nested_mentions_of_another_actor_are_optional() {
        let text = "The Varna police chief met Ana Varga. Varga said Varna was calm.";
        let gold: Gold = serde_json::from_str(
            r#"{"actors": [
                 {"name": "Ana Varga", "type": "person", "surfaces": ["Ana Varga", "Varga"]},
                 {"name": "Varna", "type": "place", "surfaces": ["Varna"]}],
               "groups": [{"name": "the Varna police chief", "surfaces": ["Varna police chief"]}]}"#,
        )
        .unwrap();
        let span = |s: &str, n: usize| {
            let (i, _) = text.match_indices(s).nth(n).unwrap();
            Span::new(i, i + s.len())
        };
        let actor = |id: u32, name: &str, kind| Actor {
            id: ActorId(id),
            name: name.into(),
            kind,
            titles: vec![],
            anonymous: false,
            mentions: vec![],
        };
        let mut ann = Annotation {
            actors: vec![
                actor(0, "Varna", ActorKind::Place),
                actor(1, "Ana Varga", ActorKind::Person),
            ],
            mentions: vec![
                mention(0, 0, span("Varna", 0)),
                mention(1, 1, span("Ana Varga", 0)),
                mention(2, 1, span("Varga", 1)),
                mention(3, 0, span("Varna", 1)),
            ],
            ..Annotation::default()
        };
        // Gold: the chief, "Ana Varga", the second "Varga", the second "Varna";
        // "Varga" inside "Ana Varga" is dropped, "Varna" inside the chief optional.
        let (t, _) = score(text, &ann, &gold);
        assert_eq!(t.get("mentions: all"), counts(4, 4, 4, 4));
        assert_eq!(t.get("mentions: place"), counts(1, 1, 2, 2));
        assert_eq!(t.get("mentions: unnamed"), counts(1, 1, 0, 0));
        // Marking the whole description instead is just as right.
        ann.mentions[0].span = span("Varna police chief", 0);
        ann.mentions[0].kind = MentionKind::Description;
        let (t, _) = score(text, &ann, &gold);
        assert_eq!(t.get("mentions: all"), counts(4, 4, 4, 4));
        assert_eq!(t.get("mentions: unnamed"), counts(1, 1, 1, 1));
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(find_words("US USA US-led", "US").len(), 2);
        assert_eq!(find_words("Bergen Berg", "Berg"), vec![Span::new(7, 11)]);
    }
}
