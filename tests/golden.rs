//! Whole articles, written for these tests, with hand-written expectations.
//!
//! Each `tests/golden/NAME.txt` is an original article and `NAME.toml` beside
//! it says what a careful reader expects the engine to find (see
//! `tests/common/expect.rs` for the syntax and `docs/testing.md` for the
//! workflow). The test checks every expectation of every article, prints every
//! failure with the text around it, then a summary, and fails if anything
//! failed that is not marked `xfail` (or if an `xfail` item passes).
//!
//! `GOLDEN=name` runs one article; `NEWSLENS_SHOW=1` also prints everything
//! the engine found in each failing article; `NEWSLENS_VERBOSE=1` lists the
//! expected (xfail) failures too.

mod common;

use common::expect::{self, Tally};
use std::path::Path;

#[test]
fn golden_articles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let only = std::env::var("GOLDEN").ok();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/golden exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut tally = Tally::default();
    let mut articles = 0;
    for file in &names {
        let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
        let other = match ext {
            "txt" => format!("{stem}.toml"),
            "toml" => format!("{stem}.txt"),
            _ => {
                tally.problems += 1;
                tally
                    .failures
                    .push(format!("tests/golden/{file}: not a .txt or .toml file"));
                continue;
            }
        };
        if !names.contains(&other) {
            tally.problems += 1;
            tally
                .failures
                .push(format!("tests/golden/{file}: {other} is missing"));
            continue;
        }
        if ext != "txt" || only.as_deref().is_some_and(|o| o != stem) {
            continue;
        }
        articles += 1;
        let origin = format!("tests/golden/{stem}");
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
    }
    assert!(articles > 0 || only.is_some(), "no golden articles found");
    report("golden", &tally);
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
