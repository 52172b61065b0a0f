//! `newslens annotate` run as a real process on our own texts.

mod common;

use common::{run, stderr, stdout, temp_dir};
use serde_json::Value;

/// An original text with accents, an astral emoji and typographic quotes, so
/// UTF-16, byte and char offsets all differ.
const ACCENTED: &str = "Café owner Zoë Ångström 💛 said on Friday that prices would rise.\n\n\
“We cannot hold them any longer,” Ångström told the Gazette. The mayor denied \
that the city had raised rents.\n";

const PLAIN: &str = "The minister said on Monday that the bridge would reopen.\n\n\
\"It is safe,\" Ana Ruiz told reporters.\n";

fn parse(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn check_document(doc: &Value, unit: &str) {
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["offsets"], unit);
    assert!(doc["textLength"].is_u64(), "{doc}");
    for key in ["actors", "mentions", "quotes", "claims"] {
        assert!(doc[key].is_array(), "{key} missing in {doc}");
    }
}

/// Every span in the document, by path, sliced out of `text` in `unit`.
fn spans(doc: &Value, text: &str, unit: &str) -> Vec<(String, String)> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: &Value| -> String {
        let a = s["start"].as_u64().expect("start") as usize;
        let b = s["end"].as_u64().expect("end") as usize;
        assert!(a <= b, "reversed span {s}");
        match unit {
            "utf16" => String::from_utf16(&units[a..b]).expect("span splits a surrogate pair"),
            "bytes" => text
                .get(a..b)
                .expect("span splits a UTF-8 char")
                .to_string(),
            _ => chars[a..b].iter().collect(),
        }
    };
    let mut out = Vec::new();
    for (list, fields) in [
        ("mentions", &["span", "title"][..]),
        ("quotes", &["span", "content", "cue"][..]),
        ("claims", &["cue", "content"][..]),
    ] {
        for (i, item) in doc[list].as_array().expect("array").iter().enumerate() {
            for f in fields {
                if item[*f].is_object() {
                    out.push((format!("{list}[{i}].{f}"), slice(&item[*f])));
                }
            }
        }
    }
    out
}

#[test]
fn stdin_gives_one_pretty_document_with_the_documented_fields() {
    let o = run(&["annotate"], PLAIN.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("{\n"), "pretty JSON expected: {out}");
    let doc = parse(&out);
    check_document(&doc, "utf16");
    assert_eq!(doc["textLength"], PLAIN.len());
    // `-` is standard input too.
    let o2 = run(&["annotate", "-"], PLAIN.as_bytes());
    assert_eq!(o2.stdout, o.stdout);
}

#[test]
fn offset_units_differ_on_non_ascii_text_and_point_at_the_same_words() {
    let dir = temp_dir("offsets");
    let file = dir.join("accented.txt");
    std::fs::write(&file, ACCENTED).unwrap();
    let file = file.to_str().unwrap();
    let mut per_unit = Vec::new();
    for (unit, expected_len) in [
        ("utf16", ACCENTED.encode_utf16().count()),
        ("bytes", ACCENTED.len()),
        ("chars", ACCENTED.chars().count()),
    ] {
        let o = run(&["annotate", "--offsets", unit, file], b"");
        assert!(o.status.success(), "{}", stderr(&o));
        let doc = parse(&stdout(&o));
        check_document(&doc, unit);
        assert_eq!(doc["textLength"], expected_len, "{unit}");
        per_unit.push(spans(&doc, ACCENTED, unit));
    }
    // The three lengths really differ for this text...
    assert_ne!(ACCENTED.len(), ACCENTED.chars().count());
    assert_ne!(ACCENTED.chars().count(), ACCENTED.encode_utf16().count());
    // ...and whatever the engine finds, each unit slices out the same words.
    assert_eq!(per_unit[0], per_unit[1]);
    assert_eq!(per_unit[1], per_unit[2]);

    let o = run(&["annotate", "--offsets", "furlongs", file], b"");
    assert_eq!(
        o.status.code(),
        Some(2),
        "bad option value is a usage error"
    );
}

#[test]
fn two_files_give_json_lines_with_file_names() {
    let dir = temp_dir("jsonl");
    let a = dir.join("a.txt");
    let b = dir.join("b.md");
    std::fs::write(&a, PLAIN).unwrap();
    std::fs::write(&b, ACCENTED).unwrap();
    let o = run(&["annotate", a.to_str().unwrap(), b.to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    let docs: Vec<Value> = lines.iter().map(|l| parse(l)).collect();
    assert_eq!(docs[0]["file"], a.to_str().unwrap());
    assert_eq!(docs[1]["file"], b.to_str().unwrap());
    check_document(&docs[0], "utf16");
    assert_eq!(docs[1]["textLength"], ACCENTED.encode_utf16().count());

    // --format jsonl makes even a single input one line.
    let o = run(&["annotate", "--format", "jsonl"], PLAIN.as_bytes());
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1);
    assert_eq!(parse(out.trim_end())["file"], "-");
}

#[test]
fn bad_files_are_reported_and_the_good_one_still_annotated() {
    let dir = temp_dir("bad-input");
    let bad = dir.join("bad.txt");
    let bin = dir.join("image.txt");
    let good = dir.join("good.txt");
    std::fs::write(&bad, b"Fine start\nthen \xC3\x28 broken").unwrap();
    std::fs::write(&bin, b"GIF89a\x00\x01\x02").unwrap();
    std::fs::write(&good, PLAIN).unwrap();
    let args = [
        "annotate",
        bad.to_str().unwrap(),
        bin.to_str().unwrap(),
        good.to_str().unwrap(),
    ];
    let o = run(&args, b"");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("bad.txt"), "{err}");
    assert!(err.contains("invalid UTF-8 at byte offset 16"), "{err}");
    assert!(
        err.contains("image.txt") && err.contains("binary file"),
        "{err}"
    );
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert_eq!(parse(out.trim_end())["file"], good.to_str().unwrap());

    // A single bad input: an error and nothing on stdout.
    let o = run(&["annotate", bad.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("bad.txt: invalid UTF-8"));

    let o = run(
        &["annotate", dir.join("missing.txt").to_str().unwrap()],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("missing.txt"));

    let o = run(&["annotate"], b"abc\xff");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("<stdin>: invalid UTF-8 at byte offset 3"));
}

#[test]
fn empty_input_is_a_valid_empty_annotation() {
    let o = run(&["annotate"], b"");
    assert!(o.status.success());
    let doc = parse(&stdout(&o));
    assert_eq!(doc["textLength"], 0);
    assert_eq!(doc["quotes"], Value::Array(vec![]));
}

#[test]
fn directories_are_walked_recursively_for_text_files() {
    let dir = temp_dir("walk");
    std::fs::create_dir_all(dir.join("sub/deeper")).unwrap();
    std::fs::write(dir.join("one.txt"), PLAIN).unwrap();
    std::fs::write(dir.join("sub/two.md"), PLAIN).unwrap();
    std::fs::write(dir.join("sub/deeper/three.text"), ACCENTED).unwrap();
    std::fs::write(dir.join("sub/skip.html"), "<p>not text</p>").unwrap();
    std::fs::write(dir.join("sub/skip.bin"), b"\x00\x01").unwrap();
    let o = run(&["annotate", dir.to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let files: Vec<String> = stdout(&o)
        .lines()
        .map(|l| parse(l)["file"].as_str().unwrap().to_string())
        .collect();
    let rel: Vec<String> = files
        .iter()
        .map(|f| {
            f.strip_prefix(dir.to_str().unwrap())
                .unwrap()
                .replace('\\', "/")
        })
        .collect();
    assert_eq!(rel, ["/one.txt", "/sub/deeper/three.text", "/sub/two.md"]);

    // A file named explicitly is read whatever its extension.
    let o = run(
        &["annotate", dir.join("sub/skip.html").to_str().unwrap()],
        b"",
    );
    assert!(o.status.success());

    let empty = temp_dir("walk-empty");
    let o = run(&["annotate", empty.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no .txt, .md or .text files"));
}

#[test]
fn text_view_prints_the_article_then_who_said_what() {
    let o = run(&["annotate", "--format", "text"], PLAIN.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with(PLAIN), "{out}");
    assert!(!out.contains('\x1b'), "no colour when not a terminal");
    for heading in ["Actors (", "Quotes by speaker (", "Claims by claimant ("] {
        assert!(out.contains(heading), "{heading} missing: {out}");
    }
    let o = run(
        &["annotate", "--format", "text", "--color", "always"],
        PLAIN.as_bytes(),
    );
    let out = stdout(&o);
    assert!(out.contains("\x1b[1m"), "bold headings with --color always");
    assert!(out.contains("\x1b[0m"));
    // Control characters from the article never reach the terminal.
    let o = run(&["annotate", "--format", "text"], b"Evil \x1b[2J text\n");
    assert!(!stdout(&o).contains('\x1b'));
}

#[test]
fn usage_errors_exit_2() {
    let o = run(&["annotate", "--format", "yaml"], b"");
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["annotate", "-", "-"], b"x");
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["frobnicate"], b"");
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["--help"], b"");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_large_file_is_annotated() {
    // Half a megabyte keeps the debug-build test quick; 50 MB is checked by
    // hand on the release binary.
    let dir = temp_dir("large");
    let file = dir.join("large.txt");
    let text = ACCENTED.repeat(500_000 / ACCENTED.len());
    std::fs::write(&file, &text).unwrap();
    let o = run(
        &["annotate", "--offsets", "bytes", file.to_str().unwrap()],
        b"",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = parse(&stdout(&o));
    assert_eq!(doc["textLength"], text.len());
}
