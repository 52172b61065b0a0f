//! Whole articles, written for these tests, with hand-written expectations.
//!
//! Each `tests/golden/NAME.txt` is an original article and `NAME.toml` beside
//! it says what a careful reader expects the engine to find (see
//! `tests/common/expect.rs` for the syntax and `docs/testing.md` for the
//! workflow). The test checks every expectation of every article, prints every
//! failure with the text around it, then a summary, and fails if anything
//! failed that is not marked `xfail` (or if an `xfail` item passes).
//!
//! `golden_snapshots` also compares a readable rendering of everything the
//! engine finds in each article with `tests/snapshots/golden__NAME.snap`
//! (insta; see docs/testing.md for reviewing and accepting changes).
//!
//! `GOLDEN=name` runs one article; `NEWSLENS_SHOW=1` also prints everything
//! the engine found in each failing article; `NEWSLENS_VERBOSE=1` lists the
//! expected (xfail) failures too; `NEWSLENS_SPURIOUS=1` lists the engine's
//! claims whose cue no expected claim names (with claimant and stance).

mod common;

use common::expect::{self, Scores, Tally};
use std::path::Path;

#[test]
fn golden_articles() {
    let only = std::env::var("GOLDEN").ok();
    let (tally, scores, articles) = check_dir("tests/golden", only.as_deref());
    assert!(articles > 0 || only.is_some(), "no golden articles found");
    println!("{}", scores.line("golden scores"));
    report("golden", &tally);
}

/// The held-out articles of `tests/golden-heldout/` (same format, no
/// snapshots): kept out of day-to-day runs so they measure how well the
/// rules carry over to writing they were not tuned on. Only reports, never
/// fails; measure at the start and at the end of a session:
/// `cargo test --test golden heldout -- --ignored --nocapture`.
#[test]
#[ignore = "held-out set: run on purpose, rarely"]
fn heldout_report() {
    let (tally, scores, _) = check_dir("tests/golden-heldout", None);
    for f in &tally.failures {
        println!("MISS   {f}");
    }
    println!("{}", tally.summary("heldout"));
    println!("{}", scores.line("heldout scores"));
}

/// Checks every article of `dir` (or only `only`): the tally of the
/// expectations, the retrieval scores and the number of articles.
fn check_dir(dir: &str, only: Option<&str>) -> (Tally, Scores, usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the article directory exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut tally = Tally::default();
    let mut scores = Scores::default();
    let mut articles = 0;
    let shown = dir.file_name().unwrap_or_default().to_string_lossy();
    for file in &names {
        let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
        let other = match ext {
            "txt" => format!("{stem}.toml"),
            "toml" => format!("{stem}.txt"),
            _ => {
                tally.problems += 1;
                tally
                    .failures
                    .push(format!("tests/{shown}/{file}: not a .txt or .toml file"));
                continue;
            }
        };
        if !names.contains(&other) {
            tally.problems += 1;
            tally
                .failures
                .push(format!("tests/{shown}/{file}: {other} is missing"));
            continue;
        }
        if ext != "txt" || only.is_some_and(|o| o != stem) {
            continue;
        }
        articles += 1;
        let origin = format!("tests/{shown}/{stem}");
        let text = std::fs::read_to_string(dir.join(file)).expect("article is UTF-8");
        let toml_text = std::fs::read_to_string(dir.join(&other)).expect("toml is UTF-8");
        let exp = match toml::from_str::<toml::Value>(&toml_text)
            .map_err(|e| e.to_string())
            .and_then(expect::parse)
        {
            Ok(e) => e,
            Err(e) => {
                tally.problems += 1;
                tally
                    .failures
                    .push(format!("{origin}.toml: FIXTURE ERROR: {e}"));
                continue;
            }
        };
        let ann = newslens::annotate(&text);
        expect::run(&origin, &text, &ann, &exp, &mut tally);
        let mut one = Scores::default();
        expect::score(&text, &ann, &exp, &mut one);
        println!("{}", one.line(&origin));
        scores.add(&one);
    }
    (tally, scores, articles)
}

fn report(label: &str, tally: &Tally) {
    if std::env::var_os("NEWSLENS_VERBOSE").is_some() {
        for f in &tally.expected_failures {
            println!("xfail  {f}");
        }
    }
    for f in &tally.failures {
        println!("FAIL   {f}");
    }
    let summary = tally.summary(label);
    println!("{summary}");
    expect::finish(&summary, tally);
}

/// Every `tests/golden/NAME.txt` has a readable snapshot of all the engine
/// finds in it, `tests/snapshots/golden__NAME.snap` (rendered by
/// `tests/common/snapshot.rs`), so a review diff shows what a change did.
/// A snapshot that differs fails the test (`cargo insta review` or
/// `INSTA_UPDATE=always` to accept it), and so does a snapshot file left
/// without its article.
/// The built-in sample is tested as `golden/sample_port_arden.txt`, a copy:
/// the page must show the text the expectations were written for.
#[test]
fn the_sample_is_the_golden_copy() {
    assert!(
        include_str!("../www/sample.txt") == include_str!("golden/sample_port_arden.txt"),
        "www/sample.txt changed: copy it to tests/golden/sample_port_arden.txt and review its .toml"
    );
}

#[test]
fn golden_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let only = std::env::var("GOLDEN").ok();
    let mut stems: Vec<String> = std::fs::read_dir(root.join("tests/golden"))
        .expect("tests/golden exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".txt").map(str::to_string)
        })
        .collect();
    stems.sort();
    assert!(!stems.is_empty(), "no golden articles found");
    let mut failed = Vec::new();
    for stem in &stems {
        if only.as_deref().is_some_and(|o| o != stem) {
            continue;
        }
        let text = std::fs::read_to_string(root.join("tests/golden").join(format!("{stem}.txt")))
            .expect("article is UTF-8");
        let picture = common::snapshot::render(&text, &newslens::annotate(&text));
        // Check every article, then fail once, naming all that differ.
        let outcome = std::panic::catch_unwind(|| {
            insta::assert_snapshot!(stem.as_str(), picture);
        });
        if outcome.is_err() {
            failed.push(stem.clone());
        }
    }
    let orphans: Vec<String> = std::fs::read_dir(root.join("tests/snapshots"))
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter_map(|n| {
                    let stem = n.strip_prefix("golden__")?.strip_suffix(".snap")?;
                    (!stems.iter().any(|s| s == stem)).then(|| n.clone())
                })
                .collect()
        })
        .unwrap_or_default();
    assert!(
        orphans.is_empty(),
        "snapshots without a tests/golden article, delete them: {orphans:?}"
    );
    assert!(
        failed.is_empty(),
        "snapshots differ for {failed:?}: review with `cargo insta review`, or accept all with INSTA_UPDATE=always"
    );
}

/// The renderer lines markers up by chars, not bytes, and carries a span
/// across sentences. The annotation is made by hand, so this checks the
/// renderer alone, whatever the engine finds.
#[test]
fn snapshot_renderer_counts_chars() {
    use newslens::{Actor, ActorId, ActorKind, Annotation, Mention, MentionId, MentionKind};
    use newslens::{Quote, QuoteId, QuoteKind, Span};
    let text = "Ça a coûté cher. « Nous paierons », a dit Zoë Ångström.";
    let at = |s: &str| {
        let i = text.find(s).unwrap();
        Span::new(i, i + s.len())
    };
    let mut ann = Annotation::default();
    ann.actors.push(Actor {
        id: ActorId(0),
        name: "Zoë Ångström".into(),
        kind: ActorKind::Person,
        titles: vec![],
        anonymous: false,
        mentions: vec![MentionId(0)],
    });
    ann.mentions.push(Mention {
        id: MentionId(0),
        actor: ActorId(0),
        span: at("Zoë Ångström"),
        title: None,
        kind: MentionKind::Name,
    });
    ann.quotes.push(Quote {
        id: QuoteId(0),
        kind: QuoteKind::Direct,
        span: at("« Nous paierons »"),
        // From "cher" to the closing mark: crosses the sentence end.
        content: Span::new(at("cher").start, at(" »").end),
        speaker: Some(ActorId(0)),
        speaker_mention: Some(MentionId(0)),
        cue: Some(at("dit")),
        reporter: None,
    });
    let picture = common::snapshot::render(text, &ann);
    let want = "\
actors:
  A0 Zoë Ångström (person, mentions: 1)

¶1
> Ça a coûté cher.
             ===== Q0 direct speaker=A0 Zoë Ångström via \"Zoë Ångström\" cue=\"dit\" …
> « Nous paierons », a dit Zoë Ångström.
  ================= … Q0 direct speaker=A0 Zoë Ångström via \"Zoë Ångström\" cue=\"dit\"
                       *** cue of Q0
                           ^^^^^^^^^^^^ A0 Zoë Ångström (name)
";
    assert_eq!(picture, want, "got:\n{picture}");
}
