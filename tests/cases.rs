//! Short cases, one behaviour each: `tests/cases/*.toml`.
//!
//! Each file holds `[[case]]` tables with a `name`, a 1-3 sentence original
//! `text`, and expectations in the syntax of `tests/common/expect.rs`. Every
//! case of every file is checked; all failures are printed with the text
//! around them and what the engine found, then a summary.
//!
//! The run fails on any failure not marked `xfail`, on any `xfail` item
//! that passes, on fixture errors and on broken invariants.
//!
//! `CASE=substring` runs only the cases whose name contains it;
//! `NEWSLENS_VERBOSE=1` lists the expected (xfail) failures too.

mod common;

use common::expect::{self, Tally};
use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let only = std::env::var("CASE").ok();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no case files in tests/cases");
    let mut tally = Tally::default();
    let mut seen = BTreeSet::new();
    let mut count = 0;
    for path in &files {
        let fname = path.file_name().unwrap().to_string_lossy().into_owned();
        let src = std::fs::read_to_string(path).expect("case file is UTF-8");
        let value: toml::Value = match toml::from_str(&src) {
            Ok(v) => v,
            Err(e) => {
                tally.problems += 1;
                tally
                    .failures
                    .push(format!("tests/cases/{fname}: FIXTURE ERROR: {e}"));
                continue;
            }
        };
        let Some(cases) = value.get("case").and_then(|c| c.as_array()) else {
            tally.problems += 1;
            tally.failures.push(format!(
                "tests/cases/{fname}: FIXTURE ERROR: no [[case]] tables"
            ));
            continue;
        };
        for case in cases {
            let mut table = case.as_table().cloned().unwrap_or_default();
            let name = table
                .remove("name")
                .and_then(|v| v.as_str().map(str::to_string));
            let text = table
                .remove("text")
                .and_then(|v| v.as_str().map(str::to_string));
            let (Some(name), Some(text)) = (name, text) else {
                tally.problems += 1;
                tally.failures.push(format!(
                    "tests/cases/{fname}: FIXTURE ERROR: a case lacks name or text"
                ));
                continue;
            };
            if !seen.insert(name.clone()) {
                tally.problems += 1;
                tally.failures.push(format!(
                    "tests/cases/{fname}: FIXTURE ERROR: two cases are named {name:?}"
                ));
            }
            if only.as_deref().is_some_and(|o| !name.contains(o)) {
                continue;
            }
            let origin = format!("{fname}::{name}");
            let exp = match expect::parse(toml::Value::Table(table)) {
                Ok(e) => e,
                Err(e) => {
                    tally.problems += 1;
                    tally.failures.push(format!("{origin}: FIXTURE ERROR: {e}"));
                    continue;
                }
            };
            count += 1;
            let ann = newslens::annotate(&text);
            let before = tally.failures.len();
            expect::run(&origin, &text, &ann, &exp, &mut tally);
            if tally.failures.len() > before {
                // One block per failing case: its failures, its text, and
                // what the engine found in it.
                let prefix = format!("{origin}: ");
                let block: Vec<String> = tally
                    .failures
                    .split_off(before)
                    .into_iter()
                    .map(|f| match f.strip_prefix(&prefix) {
                        Some(rest) => format!("  - {rest}"),
                        None => format!("  - {f}"),
                    })
                    .collect();
                tally.failures.push(format!(
                    "{origin}\n    text: {text:?}\n{}\n    the engine found:\n{}",
                    block.join("\n"),
                    indent(&expect::describe(&text, &ann))
                ));
            }
        }
    }
    assert!(count > 0 || only.is_some(), "no cases ran");
    if std::env::var_os("NEWSLENS_VERBOSE").is_some() {
        for f in &tally.expected_failures {
            println!("xfail  {f}");
        }
    }
    for f in &tally.failures {
        println!("FAIL   {f}");
    }
    let summary = format!("{} in {count} cases", tally.summary("cases"));
    println!("{summary}");
    expect::finish(&summary, &tally);
}

fn indent(s: &str) -> String {
    if s.is_empty() {
        "    (nothing)".into()
    } else {
        s.lines()
            .map(|l| format!("  {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
