//! `newslens eval` on two tiny fixtures of our own (tests/data/seed and
//! tests/data/brat). Gold-side counts are fixed by the fixtures; engine-side
//! counts are checked against what `newslens annotate` finds in the same text,
//! so the test holds whatever the engine's current quality.

mod common;

use common::{data, run, stderr, stdout, temp_dir};
use serde_json::Value;

fn report(args: &[&str], name: &str) -> (String, Value) {
    let out = temp_dir(name).join("report.json");
    let mut all = vec!["eval"];
    all.extend_from_slice(args);
    all.extend(["--json", out.to_str().unwrap()]);
    let o = run(&all, b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let json = std::fs::read_to_string(&out).expect("report written");
    (
        stdout(&o),
        serde_json::from_str(&json).expect("report is JSON"),
    )
}

fn annotate_bytes(path: &str) -> Value {
    let o = run(&["annotate", "--offsets", "bytes", path], b"");
    assert!(o.status.success());
    serde_json::from_str(&stdout(&o)).unwrap()
}

fn n(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a count: {v}"))
}

/// TP + FN = gold, correct + FP = engine, and P/R agree with the counts.
fn consistent(c: &Value) {
    assert_eq!(n(&c["tp"]) + n(&c["fn"]), n(&c["gold"]), "{c}");
    assert_eq!(n(&c["correct"]) + n(&c["fp"]), n(&c["engine"]), "{c}");
    assert_eq!(n(&c["tp"]), n(&c["found"]));
    if n(&c["gold"]) > 0 {
        let r = c["recall"].as_f64().unwrap();
        assert!((r - n(&c["found"]) as f64 / n(&c["gold"]) as f64).abs() < 1e-9);
    } else {
        assert!(c["recall"].is_null());
    }
}

#[test]
fn seed_format_fixture() {
    let dir = data("seed");
    let json = dir.join("gold.json");
    // The directory and the json path are both accepted, with the same result.
    let (text, by_dir) = report(&[dir.to_str().unwrap()], "eval-seed-dir");
    let (_, by_json) = report(&[json.to_str().unwrap()], "eval-seed-json");
    assert_eq!(
        by_dir["datasets"][0]["categories"],
        by_json["datasets"][0]["categories"]
    );
    assert!(text.contains("quotes") && text.contains("claims") && text.contains("F1"));

    let ds = &by_dir["datasets"][0];
    assert_eq!(ds["format"], "seed");
    assert_eq!(ds["articles"], 1);
    let cat = &ds["categories"];
    // Gold side: fixed by the fixture.
    assert_eq!(n(&cat["quotes"]["gold"]), 1);
    assert_eq!(n(&cat["claims"]["gold"]), 3);
    // "Lina Berg", the later "Berg", "port authority", "Critics".
    assert_eq!(n(&cat["mentions: all"]["gold"]), 4);
    assert_eq!(n(&cat["mentions: person"]["gold"]), 2);
    assert_eq!(n(&cat["mentions: organization"]["gold"]), 1);
    assert_eq!(n(&cat["mentions: unnamed"]["gold"]), 1);
    assert_eq!(n(&ds["accuracy"]["named actors found"]["total"]), 2);
    assert_eq!(n(&ds["accuracy"]["unnamed actors found"]["total"]), 1);
    for c in cat.as_object().unwrap().values() {
        consistent(c);
    }

    // Engine side: every quote, claim and non-pronoun mention is counted.
    let doc = annotate_bytes(dir.join("article.txt").to_str().unwrap());
    let len = |k: &str| doc[k].as_array().unwrap().len() as u64;
    assert_eq!(n(&cat["quotes"]["engine"]), len("quotes"));
    assert_eq!(n(&cat["claims"]["engine"]), len("claims"));
    let names = doc["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] != "pronoun")
        .count() as u64;
    assert_eq!(n(&cat["mentions: all"]["engine"]), names);
    assert_eq!(
        n(&ds["accuracy"]["not_actors respected"]["total"]),
        names,
        "every non-pronoun mention is checked against not_actors"
    );
}

#[test]
fn brat_fixture() {
    let dir = data("brat");
    let (text, rep) = report(&[dir.to_str().unwrap()], "eval-brat");
    let ds = &rep["datasets"][0];
    assert_eq!(ds["format"], "polnear-brat");
    assert_eq!(ds["articles"], 1);
    let info = &ds["info"];
    assert_eq!(info["texts without annotation"], 1);
    // Offsets are characters: every span matches its recorded text, although
    // the text has non-ASCII characters before most spans.
    assert_eq!(info["gold spans checked against the text"], 15);
    assert_eq!(info["gold spans matching"], 15);
    // The attribution with no content is dropped; one discard region.
    assert_eq!(info["gold spans or attributions dropped"], 1);
    assert_eq!(info["discard regions"], 1);
    // Annotator 0001 (first in sorted order) has 3 attributions, 2 of them quotes;
    // annotator 0002 (1 attribution) is not used.
    let cat = &ds["categories"];
    assert_eq!(n(&cat["quotes"]["gold"]), 2);
    assert_eq!(n(&cat["claims"]["gold"]), 1);
    assert_eq!(n(&cat["attributions"]["gold"]), 3);
    for c in cat.as_object().unwrap().values() {
        consistent(c);
    }
    assert!(text.contains("TP") && text.contains("FP") && text.contains("FN"));

    // Engine side: items inside the Discard paragraph are not counted.
    let body = std::fs::read_to_string(dir.join("text/alpha.txt")).unwrap();
    let discard_start = body.find("Editor").unwrap() as u64;
    let doc = annotate_bytes(dir.join("text/alpha.txt").to_str().unwrap());
    let before = |k: &str, f: &str| {
        doc[k]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| n(&x[f]["end"]) <= discard_start)
            .count() as u64
    };
    assert_eq!(n(&cat["quotes"]["engine"]), before("quotes", "span"));
    assert_eq!(n(&cat["claims"]["engine"]), before("claims", "content"));
    assert_eq!(
        n(&cat["attributions"]["engine"]),
        before("quotes", "span") + before("claims", "content")
    );
}

#[test]
fn limit_sample_and_bad_paths() {
    let dir = data("brat");
    let (_, rep) = report(&[dir.to_str().unwrap(), "--limit", "1"], "eval-limit");
    assert_eq!(rep["datasets"][0]["articles"], 1);
    let (_, rep) = report(
        &[dir.to_str().unwrap(), "--sample", "1", "--seed", "3"],
        "eval-sample",
    );
    assert_eq!(rep["datasets"][0]["articles"], 1);

    let o = run(&["eval", "--limit", "0", dir.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["eval"], b"");
    assert_eq!(o.status.code(), Some(2));
    let missing = temp_dir("eval-missing").join("nope");
    let o = run(&["eval", missing.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nope"));
    let o = run(&["eval", data("seed/article.txt").to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a gold path"));
}
