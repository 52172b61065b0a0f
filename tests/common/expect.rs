//! Hand-written expectations for a text, and the code that checks them.
//!
//! Expectations name things by the words of the text, never by offsets (the
//! style of regex's and typst's test data), so they read as the text reads and
//! survive edits elsewhere in it. A *locator* is a substring of the text:
//!
//! - `"Okafor"` is its first whole-word occurrence, `"Okafor#2"` the second.
//!   "Whole-word" means that a locator which begins (ends) with a letter or
//!   digit does not match right after (before) another letter or digit.
//! - For mentions, `"Okafor"` must be exactly a mention's span; a leading `~`
//!   (`"~a senior official"`) accepts a mention that lies inside the locator or
//!   contains it, for descriptions whose exact extent is a matter of taste.
//! - A speaker, claimant or reporter (`who`) is matched against an actor:
//!   `"Jane Okafor"` passes when the actor is named so or has a mention
//!   reading exactly so; `"Okafor#2"` when the actor owns the mention at that
//!   occurrence; `"~official"` when its name or a mention contains those
//!   words (or, for four letters or more, lies inside them: `"~Health
//!   officials"` accepts a mention "officials"); `"-"` demands that there
//!   is none.
//!
//! Each table may carry `xfail = "reason"`, a non-empty one-line string that
//! says what the engine gets wrong; an entry of a `not_*` list becomes
//! `{ text = "...", xfail = "..." }`. The item is then expected to fail (at
//! least one of its checks), and the run fails if it passes, so the list of
//! known failures stays honest; split an item so that its mark covers only
//! the checks that fail. Every check counts as one expectation in the
//! summary.

use newslens::{ActorId, Annotation, Mention, MentionId, Span};
use serde::Deserialize;
use std::fmt::Write as _;

/// All expectations about one text.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectations {
    /// Actors that must be found.
    #[serde(default)]
    pub actor: Vec<ActorExp>,
    /// Quotes that must be found.
    #[serde(default)]
    pub quote: Vec<QuoteExp>,
    /// Claims that must be found.
    #[serde(default)]
    pub claim: Vec<ClaimExp>,
    /// Words that must not be (part of) any mention.
    #[serde(default)]
    pub not_actors: Vec<Neg>,
    /// Words that must not lie in any quote.
    #[serde(default)]
    pub not_quoted: Vec<Neg>,
    /// Cue words that must not be the cue of any claim.
    #[serde(default)]
    pub not_claims: Vec<Neg>,
    /// Pairs of mentions that must not be merged into one actor.
    #[serde(default)]
    pub distinct: Vec<Distinct>,
    /// Exact number of quotes.
    pub quote_count: Option<usize>,
}

/// An actor: located by its first surface that is a mention.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorExp {
    /// Expected canonical name; with a leading `~`, a part of it
    /// (case-insensitive), for descriptions of unnamed actors.
    pub name: String,
    /// Locators of mentions that must all belong to this actor (default: the name).
    #[serde(default)]
    pub surfaces: Vec<String>,
    /// person, organization, place or group.
    pub kind: Option<String>,
    /// Titles the actor must carry (case-insensitive).
    #[serde(default)]
    pub titles: Vec<String>,
    /// Whether the actor is an unnamed source.
    pub anonymous: Option<bool>,
    /// Known failure.
    pub xfail: Option<String>,
}

/// A quote: located by a substring of its content.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteExp {
    /// Locator inside the quoted words.
    pub text: String,
    /// When true, the content must be exactly `text`.
    #[serde(default)]
    pub exact: bool,
    /// direct, partial or continuation.
    pub kind: Option<String>,
    /// Who said it (`who` syntax).
    pub speaker: Option<String>,
    /// Locator of the speaker mention (`~` for loose), or "-".
    pub speaker_mention: Option<String>,
    /// Locator the cue must overlap, or "-".
    pub cue: Option<String>,
    /// Who relayed it (`who` syntax), or "-".
    pub reporter: Option<String>,
    /// Known failure.
    pub xfail: Option<String>,
}

/// A claim: located by its cue.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimExp {
    /// Locator the claim's cue must overlap.
    pub cue: String,
    /// Who claims (`who` syntax).
    pub claimant: Option<String>,
    /// assert, deny, warn, urge, confirm, accuse, promise, believe, question.
    pub stance: Option<String>,
    /// Locators that must lie inside the content.
    #[serde(default)]
    pub content_contains: OneOrMany,
    /// Locators that must lie outside the content.
    #[serde(default)]
    pub content_excludes: OneOrMany,
    /// Cue locators of claims this one disputes.
    #[serde(default)]
    pub disputes: OneOrMany,
    /// Cue locators of claims that dispute this one.
    #[serde(default)]
    pub disputed_by: OneOrMany,
    /// Known failure.
    pub xfail: Option<String>,
}

/// A string or a list of strings.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// None given.
    #[default]
    None,
    /// One.
    One(String),
    /// Several.
    Many(Vec<String>),
}

impl OneOrMany {
    fn items(&self) -> Vec<&str> {
        match self {
            OneOrMany::None => vec![],
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// A negative expectation: a locator (all occurrences unless `#n`), maybe xfail.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Neg {
    /// Just the locator.
    Plain(String),
    /// With a known-failure reason: `{ text = "...", xfail = "..." }`.
    Full(NegXfail),
}

/// The table form of a negative expectation, which exists for its `xfail`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NegXfail {
    /// The locator.
    pub text: String,
    /// Known failure (required: the plain string form has no reason).
    pub xfail: String,
}

/// Two mentions that must not belong to one actor.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distinct {
    /// Locator of one mention.
    pub a: String,
    /// Locator of the other.
    pub b: String,
    /// Known failure.
    pub xfail: Option<String>,
}

/// Counts and messages over any number of checked texts.
#[derive(Debug, Default)]
pub struct Tally {
    /// Checks that passed.
    pub pass: usize,
    /// Checks that failed, expectedly (xfail).
    pub xfail: usize,
    /// Items marked xfail that fail, as they should.
    pub xfail_items: usize,
    /// Checks that failed unexpectedly.
    pub fail: usize,
    /// Every message that makes the run fail: failed checks, passing xfail
    /// items, fixture errors, broken invariants.
    pub failures: Vec<String>,
    /// Problems that are not failed checks: fixture errors, broken
    /// invariants, xfail items that pass.
    pub problems: usize,
    /// Failed checks of xfail items, for the curious (`NEWSLENS_VERBOSE=1`).
    pub expected_failures: Vec<String>,
}

impl Tally {
    /// Total number of checks.
    pub fn total(&self) -> usize {
        self.pass + self.xfail + self.fail
    }

    /// "golden: 900/981 expectations pass (81 xfail in 45 items, 0 failed;
    /// 0 other problems: ...)".
    pub fn summary(&self, label: &str) -> String {
        format!(
            "{label}: {}/{} expectations pass ({} xfail in {} items, {} failed; {} other problems: fixture errors, broken invariants, passing xfails)",
            self.pass,
            self.total(),
            self.xfail,
            self.xfail_items,
            self.fail,
            self.problems
        )
    }
}

/// Parses expectations from a TOML table, refusing unknown keys and `xfail`
/// values that are not a reason (a string with some non-blank text).
pub fn parse(value: toml::Value) -> Result<Expectations, String> {
    let exp = Expectations::deserialize(value).map_err(|e| e.to_string())?;
    exp.check_reasons()?;
    Ok(exp)
}

impl Expectations {
    /// Every `xfail` must say what the engine gets wrong.
    fn check_reasons(&self) -> Result<(), String> {
        let mut marked: Vec<(String, Option<&str>)> = Vec::new();
        for a in &self.actor {
            marked.push((format!("actor {:?}", a.name), a.xfail.as_deref()));
        }
        for q in &self.quote {
            marked.push((format!("quote {:?}", q.text), q.xfail.as_deref()));
        }
        for c in &self.claim {
            marked.push((format!("claim cued by {:?}", c.cue), c.xfail.as_deref()));
        }
        for (list, negs) in [
            ("not_actors", &self.not_actors),
            ("not_quoted", &self.not_quoted),
            ("not_claims", &self.not_claims),
        ] {
            for n in negs {
                let (loc, xf) = n.parts();
                marked.push((format!("{list} {loc:?}"), xf));
            }
        }
        for d in &self.distinct {
            let what = format!("distinct {:?} / {:?}", d.a, d.b);
            marked.push((what, d.xfail.as_deref()));
        }
        for (what, reason) in marked {
            match reason {
                Some(r) if r.trim().is_empty() => {
                    return Err(format!(
                    "{what}: xfail must be a reason saying what the engine gets wrong, not empty"
                ))
                }
                Some(r) if r.contains('\n') => {
                    return Err(format!("{what}: xfail reason must be one line"))
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// Label of the checks that cannot be made because the item was not found.
const DEPENDENT: &str = "(dependent)";

/// One check inside an item.
struct Check {
    label: String,
    outcome: Result<(), String>,
}

fn check(label: impl Into<String>, outcome: Result<(), String>) -> Check {
    Check {
        label: label.into(),
        outcome,
    }
}

/// Checks every expectation of `exp` against `ann`, made from `text`, and
/// adds the results to `tally`. `origin` names the text in messages.
pub fn run(origin: &str, text: &str, ann: &Annotation, exp: &Expectations, tally: &mut Tally) {
    let before = tally.failures.len();
    let cx = Cx { text, ann };
    for v in crate::common::invariants::invariant_violations(text, ann) {
        tally.problems += 1;
        tally
            .failures
            .push(format!("{origin}: INVARIANT BROKEN: {v}"));
    }
    for a in &exp.actor {
        let title = format!("actor {:?}", a.name);
        item(origin, &title, a.xfail.as_deref(), cx.actor(a), tally);
    }
    for q in &exp.quote {
        let title = format!("quote {:?}", q.text);
        item(origin, &title, q.xfail.as_deref(), cx.quote(q), tally);
    }
    for c in &exp.claim {
        let title = format!("claim cued by {:?}", c.cue);
        item(origin, &title, c.xfail.as_deref(), cx.claim(c), tally);
    }
    for n in &exp.not_actors {
        let (loc, xf) = n.parts();
        let title = format!("not an actor: {loc:?}");
        item(origin, &title, xf, cx.not_actor(loc), tally);
    }
    for n in &exp.not_quoted {
        let (loc, xf) = n.parts();
        let title = format!("not quoted: {loc:?}");
        item(origin, &title, xf, cx.not_quoted(loc), tally);
    }
    for n in &exp.not_claims {
        let (loc, xf) = n.parts();
        let title = format!("not a claim cue: {loc:?}");
        item(origin, &title, xf, cx.not_claim(loc), tally);
    }
    for d in &exp.distinct {
        let title = format!("distinct actors: {:?} / {:?}", d.a, d.b);
        item(origin, &title, d.xfail.as_deref(), cx.distinct(d), tally);
    }
    if let Some(n) = exp.quote_count {
        let got = ann.quotes.len();
        let outcome = if got == n {
            Ok(())
        } else {
            Err(format!("expected {n} quotes, found {got}"))
        };
        item(
            origin,
            "quote count",
            None,
            Ok(vec![check("count", outcome)]),
            tally,
        );
    }
    if tally.failures.len() > before && std::env::var_os("NEWSLENS_SHOW").is_some() {
        tally.failures.push(format!(
            "{origin}: the engine found:\n{}",
            describe(text, ann)
        ));
    }
}

impl Neg {
    fn parts(&self) -> (&str, Option<&str>) {
        match self {
            Neg::Plain(s) => (s, None),
            Neg::Full(NegXfail { text, xfail }) => (text, Some(xfail)),
        }
    }
}

/// Records an item's checks. `Err` means the fixture itself is wrong.
fn item(
    origin: &str,
    title: &str,
    xfail: Option<&str>,
    checks: Result<Vec<Check>, String>,
    tally: &mut Tally,
) {
    let checks = match checks {
        Ok(c) => c,
        Err(e) => {
            tally.problems += 1;
            tally
                .failures
                .push(format!("{origin}: {title}: FIXTURE ERROR: {e}"));
            return;
        }
    };
    let failed: Vec<&Check> = checks.iter().filter(|c| c.outcome.is_err()).collect();
    let passed = checks.len() - failed.len();
    tally.pass += passed;
    let lines = |f: &[&Check]| {
        let dependent = f.iter().filter(|c| c.label == DEPENDENT).count();
        let mut v: Vec<String> = f
            .iter()
            .filter(|c| c.label != DEPENDENT)
            .map(|c| format!("{}: {}", c.label, c.outcome.as_ref().unwrap_err()))
            .collect();
        if dependent > 0 {
            v.push(format!("(and {dependent} dependent checks fail with it)"));
        }
        v.join("\n      ")
    };
    match xfail {
        None => {
            tally.fail += failed.len();
            if !failed.is_empty() {
                tally
                    .failures
                    .push(format!("{origin}: {title}\n      {}", lines(&failed)));
            }
        }
        Some(reason) => {
            tally.xfail += failed.len();
            if failed.is_empty() {
                tally.problems += 1;
                tally.failures.push(format!(
                    "{origin}: {title}: XPASS: marked xfail ({reason:?}) but all its checks pass now; remove its xfail"
                ));
            } else {
                tally.xfail_items += 1;
                tally.expected_failures.push(format!(
                    "{origin}: {title} (xfail: {reason})\n      {}",
                    lines(&failed)
                ));
            }
        }
    }
}

#[derive(Clone, Copy)]
struct Cx<'a> {
    text: &'a str,
    ann: &'a Annotation,
}

/// Retrieval scores over quotes and claims, summed over texts: what the
/// expectations list against what the engine found (`score`). A quote is
/// one distinct `[[quote]]` text, a claim one distinct `[[claim]]` cue.
#[derive(Debug, Default, Clone, Copy)]
pub struct Scores {
    /// Expected quotes.
    pub quote_gold: usize,
    /// Expected quotes inside some engine quote's content.
    pub quote_found: usize,
    /// Found quotes whose every speaker check passes.
    pub quote_speaker: usize,
    /// Engine quotes.
    pub quote_engine: usize,
    /// Engine quotes whose content overlaps an expected quote.
    pub quote_right: usize,
    /// Expected claims.
    pub claim_gold: usize,
    /// Expected claims found by their cue.
    pub claim_found: usize,
    /// Found claims whose every claimant and stance check passes.
    pub claim_cs: usize,
    /// Engine claims.
    pub claim_engine: usize,
    /// Engine claims whose cue overlaps an expected claim's cue.
    pub claim_right: usize,
}

fn f1(right: usize, engine: usize, found: usize, gold: usize) -> f64 {
    let p = right as f64 / engine.max(1) as f64;
    let r = found as f64 / gold.max(1) as f64;
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Scores {
    /// Adds another text's counts.
    pub fn add(&mut self, o: &Scores) {
        self.quote_gold += o.quote_gold;
        self.quote_found += o.quote_found;
        self.quote_speaker += o.quote_speaker;
        self.quote_engine += o.quote_engine;
        self.quote_right += o.quote_right;
        self.claim_gold += o.claim_gold;
        self.claim_found += o.claim_found;
        self.claim_cs += o.claim_cs;
        self.claim_engine += o.claim_engine;
        self.claim_right += o.claim_right;
    }

    /// One line: quote F1, quote + right speaker (over expected quotes),
    /// claim F1, claimant + stance (over expected claims), with counts.
    pub fn line(&self, label: &str) -> String {
        format!(
            "{label}: quote F1 {:.3} (P {}/{}, R {}/{}), quote+speaker {:.3} ({}/{}), claim F1 {:.3} (P {}/{}, R {}/{}), claimant+stance {:.3} ({}/{})",
            f1(self.quote_right, self.quote_engine, self.quote_found, self.quote_gold),
            self.quote_right,
            self.quote_engine,
            self.quote_found,
            self.quote_gold,
            self.quote_speaker as f64 / self.quote_gold.max(1) as f64,
            self.quote_speaker,
            self.quote_gold,
            f1(self.claim_right, self.claim_engine, self.claim_found, self.claim_gold),
            self.claim_right,
            self.claim_engine,
            self.claim_found,
            self.claim_gold,
            self.claim_cs as f64 / self.claim_gold.max(1) as f64,
            self.claim_cs,
            self.claim_gold,
        )
    }
}

/// Adds the retrieval scores of one text to `sc` (fixture errors count as
/// misses; `run` reports them).
pub fn score(text: &str, ann: &Annotation, exp: &Expectations, sc: &mut Scores) {
    let cx = Cx { text, ann };
    let ok = |checks: &[Check], label: &str| {
        checks
            .iter()
            .filter(|c| c.label == label)
            .all(|c| c.outcome.is_ok())
    };
    let mut texts: Vec<&str> = exp.quote.iter().map(|q| q.text.as_str()).collect();
    texts.sort_unstable();
    texts.dedup();
    let mut spans = Vec::new();
    for t in &texts {
        let items: Vec<Vec<Check>> = exp
            .quote
            .iter()
            .filter(|q| q.text == *t)
            .filter_map(|q| cx.quote(q).ok())
            .collect();
        sc.quote_gold += 1;
        if items.iter().any(|c| ok(c, "found")) {
            sc.quote_found += 1;
            if items.iter().all(|c| ok(c, "found") && ok(c, "speaker")) {
                sc.quote_speaker += 1;
            }
        }
        if let Ok(sp) = cx.occ(t) {
            spans.push(sp);
        }
    }
    sc.quote_engine += ann.quotes.len();
    sc.quote_right += ann
        .quotes
        .iter()
        .filter(|q| spans.iter().any(|s| q.content.overlaps(*s)))
        .count();
    let mut cues: Vec<&str> = exp.claim.iter().map(|c| c.cue.as_str()).collect();
    cues.sort_unstable();
    cues.dedup();
    let mut spans = Vec::new();
    for cue in &cues {
        let items: Vec<Vec<Check>> = exp
            .claim
            .iter()
            .filter(|c| c.cue == *cue)
            .filter_map(|c| cx.claim(c).ok())
            .collect();
        sc.claim_gold += 1;
        if items.iter().any(|c| ok(c, "found")) {
            sc.claim_found += 1;
            if items
                .iter()
                .all(|c| ok(c, "found") && ok(c, "claimant") && ok(c, "stance"))
            {
                sc.claim_cs += 1;
            }
        }
        if let Ok(sp) = cx.occ(cue) {
            spans.push(sp);
        }
    }
    sc.claim_engine += ann.claims.len();
    if std::env::var_os("NEWSLENS_SPURIOUS").is_some() {
        for c in ann
            .claims
            .iter()
            .filter(|c| !spans.iter().any(|s| c.cue.overlaps(*s)))
        {
            let line_start = text[..c.cue.start].rfind(['\n', '.']).map_or(0, |i| i + 1);
            let content = &text[c.content.start..c.content.end];
            let content: String = content.chars().take(70).collect();
            let who = c.claimant_mention.map_or("-", |m| {
                let sp = ann.mentions[m.0 as usize].span;
                &text[sp.start..sp.end]
            });
            println!(
                "  spurious claim: [{who}] cue {:?} ({:?}) content {:?} | {}",
                &text[c.cue.start..c.cue.end],
                c.stance,
                content,
                text[line_start..c.cue.start].trim()
            );
        }
    }
    sc.claim_right += ann
        .claims
        .iter()
        .filter(|c| spans.iter().any(|s| c.cue.overlaps(*s)))
        .count();
}

/// Splits `"Okafor#2"` into ("Okafor", 2); no suffix means 1.
fn split_nth(loc: &str) -> (&str, usize) {
    if let Some((base, n)) = loc.rsplit_once('#') {
        if !base.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(n) = n.parse() {
                return (base, n);
            }
        }
    }
    (loc, 1)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Every whole-word occurrence of `needle`, in order, without overlaps.
pub fn occurrences(text: &str, needle: &str) -> Vec<Span> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let first = needle.chars().next().is_some_and(is_word);
    let last = needle.chars().next_back().is_some_and(is_word);
    let mut from = 0;
    while let Some(pos) = text[from..].find(needle) {
        let s = from + pos;
        let e = s + needle.len();
        let ok_before = !first || !text[..s].chars().next_back().is_some_and(is_word);
        let ok_after = !last || !text[e..].chars().next().is_some_and(is_word);
        if ok_before && ok_after {
            out.push(Span::new(s, e));
            from = e;
        } else {
            from = s + text[s..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

impl<'a> Cx<'a> {
    /// Resolves a locator (with `#n`, without `~`) to its span.
    /// Resolves every locator of a list.
    fn occs(&self, locs: Vec<&str>) -> Result<Vec<Span>, String> {
        locs.into_iter().map(|l| self.occ(l)).collect()
    }

    fn occ(&self, loc: &str) -> Result<Span, String> {
        let (base, n) = split_nth(loc);
        let all = occurrences(self.text, base);
        match all.get(n.wrapping_sub(1)) {
            Some(&s) => Ok(s),
            None => Err(format!(
                "{base:?} occurs {} time(s) as a whole word in the text; #{n} asked",
                all.len()
            )),
        }
    }

    /// Like `occ`, but without `#n` every occurrence.
    fn occ_all(&self, loc: &str) -> Result<Vec<Span>, String> {
        let (base, n) = split_nth(loc);
        if base.len() == loc.len() {
            let all = occurrences(self.text, base);
            if all.is_empty() {
                return Err(format!(
                    "{base:?} does not occur as a whole word in the text"
                ));
            }
            Ok(all)
        } else {
            let _ = n;
            self.occ(loc).map(|s| vec![s])
        }
    }

    /// A readable excerpt around `span`, marked with ⟦ ⟧, within its line.
    fn ctx(&self, span: Span) -> String {
        let t = self.text;
        let line_start = t[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = t[span.end..].find('\n').map_or(t.len(), |i| span.end + i);
        let mut a = span.start.saturating_sub(45).max(line_start);
        while !t.is_char_boundary(a) {
            a += 1;
        }
        let mut b = (span.end + 45).min(line_end);
        while !t.is_char_boundary(b) {
            b -= 1;
        }
        let inner: String = if span.len() > 160 {
            let mut h = span.start + 70;
            while !t.is_char_boundary(h) {
                h += 1;
            }
            let mut k = span.end - 70;
            while !t.is_char_boundary(k) {
                k -= 1;
            }
            format!("{} … {}", &t[span.start..h], &t[k..span.end])
        } else {
            t[span].to_string()
        };
        format!(
            "{}{}⟦{}⟧{}{}",
            if a > line_start { "…" } else { "" },
            &t[a..span.start],
            inner,
            &t[span.end..b],
            if b < line_end { "…" } else { "" }
        )
        .replace('\n', "⏎")
    }

    fn actor_label(&self, id: Option<ActorId>) -> String {
        match id.and_then(|a| self.ann.actors.get(a.index())) {
            None => "none".to_string(),
            Some(a) => format!("actor {} {:?}", a.id.index(), a.name),
        }
    }

    fn mention_at(&self, span: Span, loose: bool) -> Option<&'a Mention> {
        self.ann.mentions.iter().find(|m| {
            if loose {
                m.span.overlaps(span) && (span.contains(m.span) || m.span.contains(span))
            } else {
                m.span == span
            }
        })
    }

    fn mentions_near(&self, span: Span) -> String {
        let t = self.text;
        let a = t[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let b = t[span.end..].find('\n').map_or(t.len(), |i| span.end + i);
        let near: Vec<String> = self
            .ann
            .mentions
            .iter()
            .filter(|m| m.span.start >= a && m.span.end <= b)
            .map(|m| format!("{:?}→{}", &t[m.span], m.actor.index()))
            .collect();
        if near.is_empty() {
            "no mentions on that line".into()
        } else {
            format!("mentions on that line: {}", near.join(", "))
        }
    }

    /// Does actor `got` satisfy the `who` spec?
    fn who(&self, got: Option<ActorId>, spec: &str) -> Result<(), String> {
        if spec == "-" {
            return match got {
                None => Ok(()),
                Some(_) => Err(format!("expected none, got {}", self.actor_label(got))),
            };
        }
        let Some(id) = got else {
            return Err(format!("expected {spec:?}, got none"));
        };
        let Some(actor) = self.ann.actors.get(id.index()) else {
            return Err(format!("actor {} does not exist", id.index()));
        };
        let owned = |m: &MentionId| self.ann.mentions.get(m.index());
        let (loose, rest) = match spec.strip_prefix('~') {
            Some(r) => (true, r),
            None => (false, spec),
        };
        let ok = if split_nth(rest).0.len() != rest.len() {
            let span = self.occ(rest).map_err(|e| format!("FIXTURE: {e}"))?;
            self.mention_at(span, loose).is_some_and(|m| m.actor == id)
        } else if loose {
            // Either contains the other: "~Health officials" accepts an
            // actor mentioned as "officials", "~official" one named "a
            // senior official". Only whole words of four letters or more
            // count when the mention is the shorter, so "the" never passes.
            let want = rest.to_lowercase();
            let fits = |got: &str| {
                let got = got.to_lowercase();
                got.contains(&want)
                    || (got.chars().count() >= 4 && !occurrences(&want, &got).is_empty())
            };
            fits(&actor.name)
                || actor
                    .mentions
                    .iter()
                    .filter_map(owned)
                    .any(|m| fits(&self.text[m.span]))
        } else {
            norm(&actor.name) == norm(rest)
                || actor
                    .mentions
                    .iter()
                    .filter_map(owned)
                    .any(|m| norm(&self.text[m.span]) == norm(rest))
        };
        if ok {
            Ok(())
        } else {
            Err(format!("expected {spec:?}, got {}", self.actor_label(got)))
        }
    }

    fn actor(&self, a: &ActorExp) -> Result<Vec<Check>, String> {
        let surfaces: Vec<&str> = if a.surfaces.is_empty() {
            vec![a.name.as_str()]
        } else {
            a.surfaces.iter().map(String::as_str).collect()
        };
        let mut resolved = Vec::new();
        for s in &surfaces {
            let (loose, loc) = match s.strip_prefix('~') {
                Some(r) => (true, r),
                None => (false, *s),
            };
            resolved.push((*s, self.occ(loc)?, loose));
        }
        let found = resolved
            .iter()
            .find_map(|&(_, sp, loose)| self.mention_at(sp, loose))
            .map(|m| m.actor);
        let mut checks = Vec::new();
        let Some(id) = found.filter(|id| id.index() < self.ann.actors.len()) else {
            let (_, sp, _) = resolved[0];
            let n = 1
                + surfaces.len()
                + usize::from(a.kind.is_some())
                + a.titles.len()
                + usize::from(a.anonymous.is_some());
            for _ in 0..n - 1 {
                checks.push(check(DEPENDENT, Err("not found".into())));
            }
            checks.insert(
                0,
                check(
                    "found",
                    Err(format!(
                        "no mention at any surface, e.g. {}; {}",
                        self.ctx(sp),
                        self.mentions_near(sp)
                    )),
                ),
            );
            return Ok(checks);
        };
        let actor = &self.ann.actors[id.index()];
        let name_ok = match a.name.strip_prefix('~') {
            Some(part) => actor.name.to_lowercase().contains(&part.to_lowercase()),
            None => norm(&actor.name) == norm(&a.name),
        };
        checks.push(check(
            "name",
            if name_ok {
                Ok(())
            } else {
                Err(format!("expected {:?}, got {:?}", a.name, actor.name))
            },
        ));
        for (s, sp, loose) in resolved {
            let outcome = match self.mention_at(sp, loose) {
                Some(m) if m.actor == id => Ok(()),
                Some(m) => Err(format!(
                    "{} is a mention of {}, not of this actor",
                    self.ctx(m.span),
                    self.actor_label(Some(m.actor))
                )),
                None => Err(format!(
                    "no mention at {}; {}",
                    self.ctx(sp),
                    self.mentions_near(sp)
                )),
            };
            checks.push(check(format!("surface {s:?}"), outcome));
        }
        if let Some(k) = &a.kind {
            let got = format!("{:?}", actor.kind).to_lowercase();
            checks.push(check(
                "kind",
                if &got == k {
                    Ok(())
                } else {
                    Err(format!("expected {k}, got {got}"))
                },
            ));
        }
        for t in &a.titles {
            let ok = actor
                .titles
                .iter()
                .any(|x| norm(x).to_lowercase() == norm(t).to_lowercase());
            checks.push(check(
                format!("title {t:?}"),
                if ok {
                    Ok(())
                } else {
                    Err(format!("titles are {:?}", actor.titles))
                },
            ));
        }
        if let Some(an) = a.anonymous {
            checks.push(check(
                "anonymous",
                if actor.anonymous == an {
                    Ok(())
                } else {
                    Err(format!("expected {an}, got {}", actor.anonymous))
                },
            ));
        }
        Ok(checks)
    }

    fn quote(&self, q: &QuoteExp) -> Result<Vec<Check>, String> {
        let sp = self.occ(&q.text)?;
        // Validate every locator before judging, so fixture errors surface.
        if let Some(m) = q.speaker_mention.as_deref().filter(|m| *m != "-") {
            self.occ(strip_loose(m).1)?;
        }
        if let Some(c) = q.cue.as_deref().filter(|c| *c != "-") {
            self.occ(c)?;
        }
        let mut checks = Vec::new();
        // The innermost quote holding the words (a marked quotation inside
        // a transcript's turn is its own quote): the last, by start.
        let Some(quote) = self
            .ann
            .quotes
            .iter()
            .rev()
            .find(|x| x.content.contains(sp))
        else {
            let near: Vec<String> = self
                .ann
                .quotes
                .iter()
                .filter(|x| x.span.overlaps(sp))
                .map(|x| format!("quote {} content {}", x.id.index(), self.ctx(x.content)))
                .collect();
            let n = q.exact as usize
                + [
                    q.kind.is_some(),
                    q.speaker.is_some(),
                    q.speaker_mention.is_some(),
                    q.cue.is_some(),
                    q.reporter.is_some(),
                ]
                .iter()
                .filter(|b| **b)
                .count();
            checks.push(check(
                "found",
                Err(format!(
                    "no quote's content contains {}{}",
                    self.ctx(sp),
                    if near.is_empty() {
                        String::new()
                    } else {
                        format!("; overlapping: {}", near.join("; "))
                    }
                )),
            ));
            for _ in 0..n {
                checks.push(check(DEPENDENT, Err("not found".into())));
            }
            return Ok(checks);
        };
        checks.push(check("found", Ok(())));
        if q.exact {
            checks.push(check(
                "exact content",
                if quote.content == sp {
                    Ok(())
                } else {
                    Err(format!("content is {}", self.ctx(quote.content)))
                },
            ));
        }
        if let Some(k) = &q.kind {
            let got = format!("{:?}", quote.kind).to_lowercase();
            checks.push(check(
                "kind",
                if &got == k {
                    Ok(())
                } else {
                    Err(format!("expected {k}, got {got}"))
                },
            ));
        }
        if let Some(s) = &q.speaker {
            checks.push(check("speaker", self.who(quote.speaker, s)));
        }
        if let Some(m) = &q.speaker_mention {
            let got = quote
                .speaker_mention
                .and_then(|i| self.ann.mentions.get(i.index()));
            let outcome = match (m.as_str(), got) {
                ("-", None) => Ok(()),
                ("-", Some(g)) => Err(format!("expected none, got {}", self.ctx(g.span))),
                (_, g) => {
                    let (loose, loc) = strip_loose(m);
                    let want = self.occ(loc)?;
                    let matches = |s: Span| {
                        s == want
                            || (loose && s.overlaps(want) && (s.contains(want) || want.contains(s)))
                    };
                    match g {
                        Some(g) if matches(g.span) => Ok(()),
                        Some(g) => Err(format!(
                            "expected {}, got {}",
                            self.ctx(want),
                            self.ctx(g.span)
                        )),
                        None => Err(format!("expected {}, got none", self.ctx(want))),
                    }
                }
            };
            checks.push(check("speaker mention", outcome));
        }
        if let Some(c) = &q.cue {
            let outcome = match (c.as_str(), quote.cue) {
                ("-", None) => Ok(()),
                ("-", Some(g)) => Err(format!("expected none, got {}", self.ctx(g))),
                (_, g) => {
                    let want = self.occ(c)?;
                    match g {
                        Some(g) if g.overlaps(want) => Ok(()),
                        Some(g) => Err(format!("expected {}, got {}", self.ctx(want), self.ctx(g))),
                        None => Err(format!("expected {}, got none", self.ctx(want))),
                    }
                }
            };
            checks.push(check("cue", outcome));
        }
        if let Some(r) = &q.reporter {
            checks.push(check("reporter", self.who(quote.reporter, r)));
        }
        Ok(checks)
    }

    fn claim(&self, c: &ClaimExp) -> Result<Vec<Check>, String> {
        let cue = self.occ(&c.cue)?;
        let inside: Vec<Span> = self.occs(c.content_contains.items())?;
        let outside: Vec<Span> = self.occs(c.content_excludes.items())?;
        let disputes: Vec<Span> = self.occs(c.disputes.items())?;
        let disputed_by: Vec<Span> = self.occs(c.disputed_by.items())?;
        let candidates: Vec<_> = self
            .ann
            .claims
            .iter()
            .filter(|x| x.cue.overlaps(cue))
            .collect();
        let claim = candidates
            .iter()
            .find(|x| inside.iter().all(|s| x.content.contains(*s)))
            .or(candidates.first());
        let mut checks = Vec::new();
        let Some(claim) = claim else {
            let n = [c.claimant.is_some(), c.stance.is_some()]
                .iter()
                .filter(|b| **b)
                .count()
                + inside.len()
                + outside.len()
                + disputes.len()
                + disputed_by.len();
            let near: Vec<String> = self
                .ann
                .claims
                .iter()
                .filter(|x| x.content.overlaps(cue) || x.cue.overlaps(self.line_of(cue)))
                .map(|x| format!("claim {} cued by {}", x.id.index(), self.ctx(x.cue)))
                .collect();
            checks.push(check(
                "found",
                Err(format!(
                    "no claim cued at {}{}",
                    self.ctx(cue),
                    if near.is_empty() {
                        String::new()
                    } else {
                        format!("; nearby: {}", near.join("; "))
                    }
                )),
            ));
            for _ in 0..n {
                checks.push(check(DEPENDENT, Err("not found".into())));
            }
            return Ok(checks);
        };
        checks.push(check("found", Ok(())));
        if let Some(s) = &c.claimant {
            checks.push(check("claimant", self.who(claim.claimant, s)));
        }
        if let Some(s) = &c.stance {
            let got = format!("{:?}", claim.stance).to_lowercase();
            checks.push(check(
                "stance",
                if &got == s {
                    Ok(())
                } else {
                    Err(format!("expected {s}, got {got}"))
                },
            ));
        }
        for (loc, sp) in c.content_contains.items().iter().zip(&inside) {
            checks.push(check(
                format!("content contains {loc:?}"),
                if claim.content.contains(*sp) {
                    Ok(())
                } else {
                    Err(format!("content is {}", self.ctx(claim.content)))
                },
            ));
        }
        for (loc, sp) in c.content_excludes.items().iter().zip(&outside) {
            checks.push(check(
                format!("content excludes {loc:?}"),
                if !claim.content.overlaps(*sp) {
                    Ok(())
                } else {
                    Err(format!("content is {}", self.ctx(claim.content)))
                },
            ));
        }
        let by_cue = |sp: Span| self.ann.claims.iter().find(|x| x.cue.overlaps(sp));
        for (loc, sp) in c.disputes.items().iter().zip(&disputes) {
            let outcome = match by_cue(*sp) {
                None => Err(format!("no claim cued at {}", self.ctx(*sp))),
                Some(o) if claim.disputes.contains(&o.id) => Ok(()),
                Some(o) => Err(format!(
                    "claim {} does not list claim {} in disputes ({:?})",
                    claim.id.index(),
                    o.id.index(),
                    claim.disputes
                )),
            };
            checks.push(check(format!("disputes {loc:?}"), outcome));
        }
        for (loc, sp) in c.disputed_by.items().iter().zip(&disputed_by) {
            let outcome = match by_cue(*sp) {
                None => Err(format!("no claim cued at {}", self.ctx(*sp))),
                Some(o) if claim.disputed_by.contains(&o.id) => Ok(()),
                Some(o) => Err(format!(
                    "claim {} does not list claim {} in disputedBy ({:?})",
                    claim.id.index(),
                    o.id.index(),
                    claim.disputed_by
                )),
            };
            checks.push(check(format!("disputed by {loc:?}"), outcome));
        }
        Ok(checks)
    }

    fn line_of(&self, span: Span) -> Span {
        let t = self.text;
        let a = t[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let b = t[span.end..].find('\n').map_or(t.len(), |i| span.end + i);
        Span::new(a, b)
    }

    fn not_actor(&self, loc: &str) -> Result<Vec<Check>, String> {
        let spans = self.occ_all(loc)?;
        let bad: Vec<String> = spans
            .iter()
            .flat_map(|sp| {
                self.ann
                    .mentions
                    .iter()
                    .filter(move |m| m.span.overlaps(*sp))
            })
            .map(|m| format!("{} ({})", self.ctx(m.span), self.actor_label(Some(m.actor))))
            .collect();
        Ok(vec![check(
            "no mention",
            if bad.is_empty() {
                Ok(())
            } else {
                Err(format!("found mention(s): {}", bad.join("; ")))
            },
        )])
    }

    fn not_quoted(&self, loc: &str) -> Result<Vec<Check>, String> {
        let spans = self.occ_all(loc)?;
        let bad: Vec<String> = spans
            .iter()
            .flat_map(|sp| self.ann.quotes.iter().filter(move |q| q.span.overlaps(*sp)))
            .map(|q| format!("quote {} {}", q.id.index(), self.ctx(q.span)))
            .collect();
        Ok(vec![check(
            "in no quote",
            if bad.is_empty() {
                Ok(())
            } else {
                Err(format!("inside {}", bad.join("; ")))
            },
        )])
    }

    fn not_claim(&self, loc: &str) -> Result<Vec<Check>, String> {
        let spans = self.occ_all(loc)?;
        let bad: Vec<String> = spans
            .iter()
            .flat_map(|sp| self.ann.claims.iter().filter(move |c| c.cue.overlaps(*sp)))
            .map(|c| {
                format!(
                    "claim {} with content {}",
                    c.id.index(),
                    self.ctx(c.content)
                )
            })
            .collect();
        Ok(vec![check(
            "cues no claim",
            if bad.is_empty() {
                Ok(())
            } else {
                Err(format!("found {}", bad.join("; ")))
            },
        )])
    }

    fn distinct(&self, d: &Distinct) -> Result<Vec<Check>, String> {
        let (la, a) = strip_loose(&d.a);
        let (lb, b) = strip_loose(&d.b);
        let sa = self.occ(a)?;
        let sb = self.occ(b)?;
        let ma = self.mention_at(sa, la);
        let mb = self.mention_at(sb, lb);
        let outcome = match (ma, mb) {
            (Some(x), Some(y)) if x.actor == y.actor => Err(format!(
                "both are mentions of {}",
                self.actor_label(Some(x.actor))
            )),
            _ => Ok(()),
        };
        Ok(vec![check("different actors", outcome)])
    }
}

fn strip_loose(s: &str) -> (bool, &str) {
    match s.strip_prefix('~') {
        Some(r) => (true, r),
        None => (false, s),
    }
}

/// Collapses whitespace and unifies apostrophes, for name comparisons.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('’', "'")
}

/// A compact listing of everything the engine found, for failure reports.
pub fn describe(text: &str, ann: &Annotation) -> String {
    let mut out = String::new();
    let snip = |s: Span| {
        let t = &text[s];
        if t.chars().count() > 70 {
            let head: String = t.chars().take(60).collect();
            format!("{head:?}…")
        } else {
            format!("{t:?}")
        }
    };
    let name = |a: Option<ActorId>| match a.and_then(|a| ann.actors.get(a.index())) {
        Some(a) => format!("{}:{:?}", a.id.index(), a.name),
        None => "-".into(),
    };
    for a in &ann.actors {
        let ms: Vec<String> = a
            .mentions
            .iter()
            .filter_map(|m| ann.mentions.get(m.index()))
            .map(|m| text[m.span].to_string())
            .collect();
        let _ = writeln!(
            out,
            "  actor {} {:?} {:?}{}{} mentions {:?}",
            a.id.index(),
            a.name,
            a.kind,
            if a.titles.is_empty() {
                String::new()
            } else {
                format!(" titles {:?}", a.titles)
            },
            if a.anonymous { " anonymous" } else { "" },
            ms
        );
    }
    for q in &ann.quotes {
        let _ = writeln!(
            out,
            "  quote {} {:?} {} speaker {} cue {} reporter {}",
            q.id.index(),
            q.kind,
            snip(q.content),
            name(q.speaker),
            q.cue.map_or("-".into(), |c| format!("{:?}", &text[c])),
            name(q.reporter)
        );
    }
    for c in &ann.claims {
        let _ = writeln!(
            out,
            "  claim {} {:?} cue {:?} by {} content {}{}",
            c.id.index(),
            c.stance,
            &text[c.cue],
            name(c.claimant),
            snip(c.content),
            if c.disputes.is_empty() {
                String::new()
            } else {
                format!(" disputes {:?}", c.disputes)
            }
        );
    }
    out
}

/// Ends a run. It fails on any failed expectation that is not marked
/// `xfail`, on any `xfail` item whose checks all pass (its FAIL line says to
/// remove the mark), on fixture errors and on broken invariants. There is no
/// allowance: every known failure is an `xfail` item with its reason.
pub fn finish(summary: &str, tally: &Tally) {
    assert!(
        tally.fail == 0 && tally.problems == 0 && tally.failures.is_empty(),
        "{summary}\n{} unexpected failure(s) and {} other problem(s); see the FAIL lines above",
        tally.fail,
        tally.problems
    );
}
