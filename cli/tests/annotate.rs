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
    std::fs::write(dir.join("sub/page.HTML"), "<p>\"Hi,\" Ana said.</p>").unwrap();
    std::fs::write(dir.join("sub/skip.bin"), b"\x00\x01").unwrap();
    std::fs::write(dir.join("sub/skip.pdf"), PLAIN).unwrap();
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
    assert_eq!(
        rel,
        [
            "/one.txt",
            "/sub/deeper/three.text",
            "/sub/page.HTML",
            "/sub/two.md"
        ]
    );

    // A file named explicitly is read whatever its extension.
    let o = run(
        &["annotate", dir.join("sub/skip.pdf").to_str().unwrap()],
        b"",
    );
    assert!(o.status.success());

    let empty = temp_dir("walk-empty");
    let o = run(&["annotate", empty.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no .txt, .md, .text, .html or .htm files"));
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

/// `text` encoded as UTF-16 with a byte-order mark.
fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend(if little_endian {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

#[test]
fn utf16_and_utf8_with_a_bom_annotate_as_their_text() {
    let dir = temp_dir("encodings");
    let plain = dir.join("plain.txt");
    std::fs::write(&plain, ACCENTED).unwrap();
    let expected = stdout(&run(&["annotate", plain.to_str().unwrap()], b""));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(ACCENTED.as_bytes());
    for (name, bytes) in [
        ("le.txt", utf16(ACCENTED, true)),
        ("be.txt", utf16(ACCENTED, false)),
        ("bom.txt", bom),
    ] {
        let file = dir.join(name);
        std::fs::write(&file, bytes).unwrap();
        let o = run(&["annotate", file.to_str().unwrap()], b"");
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        // Offsets count in the decoded text, without the byte-order mark.
        assert_eq!(stdout(&o), expected, "{name}");
        let o = run(&["text", file.to_str().unwrap()], b"");
        assert_eq!(stdout(&o), ACCENTED, "{name}");
    }

    // Broken UTF-16 is refused as UTF-16, never as "binary".
    let mut cut = utf16(ACCENTED, true);
    cut.pop();
    let bare: Vec<u8> = PLAIN.encode_utf16().flat_map(u16::to_le_bytes).collect();
    for (name, bytes, want) in [
        ("cut.txt", cut, "odd number of bytes"),
        ("bare.txt", bare, "without a byte-order mark"),
    ] {
        let file = dir.join(name);
        std::fs::write(&file, bytes).unwrap();
        let o = run(&["annotate", file.to_str().unwrap()], b"");
        assert_eq!(o.status.code(), Some(1), "{name}");
        let err = stderr(&o);
        assert!(err.contains(name) && err.contains("UTF-16"), "{err}");
        assert!(err.contains(want) && !err.contains("binary"), "{err}");
    }
}

const STORY_HTML: &str = "<!doctype html><html><head><title>Title tag</title>\
<script>var said = 'Tom said \"no\"';</script><style>p { color: red }</style></head>\
<body><nav>Home | World</nav><h1>Bridge opens  early</h1>\
<article><p>Harbour Minister Olu Adeyemi said on Friday that the bridge would open in May.</p>\
<p>\"We are ahead of schedule,\" Adeyemi told <b>reporters</b>.</p>\
<aside>Read more</aside></article><footer>Copyright</footer></body></html>";

const STORY_TEXT: &str = "Bridge opens early\n\n\
Harbour Minister Olu Adeyemi said on Friday that the bridge would open in May.\n\n\
\"We are ahead of schedule,\" Adeyemi told reporters.";

#[test]
fn html_is_annotated_as_its_article_text() {
    let dir = temp_dir("html");
    let file = dir.join("story.htm");
    std::fs::write(&file, STORY_HTML).unwrap();
    let o = run(&["text", file.to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), STORY_TEXT);

    let from_html = run(&["annotate", file.to_str().unwrap()], b"");
    let from_text = run(&["annotate"], STORY_TEXT.as_bytes());
    assert!(from_html.status.success(), "{}", stderr(&from_html));
    assert_eq!(stdout(&from_html), stdout(&from_text));
    let doc = parse(&stdout(&from_html));
    assert_eq!(doc["quotes"].as_array().unwrap().len(), 1, "{doc}");
    let names: Vec<&str> = doc["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("Title") || n == &"Tom"),
        "{names:?}"
    );

    // Standard input is text unless --html says otherwise.
    let o = run(&["text", "--html"], STORY_HTML.as_bytes());
    assert_eq!(stdout(&o), STORY_TEXT);
    let o = run(&["text"], STORY_HTML.as_bytes());
    assert_eq!(stdout(&o), STORY_HTML);
}

#[test]
fn inputs_over_the_size_limit_are_refused_without_reading_them_all() {
    let dir = temp_dir("max-size");
    let big = dir.join("big.txt");
    std::fs::write(&big, PLAIN.repeat(30)).unwrap(); // about 3 KB
    let small = dir.join("small.txt");
    std::fs::write(&small, PLAIN).unwrap();
    let o = run(
        &[
            "annotate",
            "--max-size",
            "2K",
            big.to_str().unwrap(),
            small.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("big.txt: larger than the size limit of 2 KB"),
        "{err}"
    );
    assert_eq!(stdout(&o).lines().count(), 1, "the small file is annotated");

    // Standard input without a length: reading stops at the limit.
    let o = run(&["annotate", "--max-size", "1000"], &[b'a'; 5000]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("<stdin>: larger than the size limit of 1000 bytes"));

    let o = run(&["annotate", "--max-size", "lots"], b"");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
#[cfg(unix)]
fn an_endless_device_ends_at_once_with_an_error() {
    // /dev/zero is refused from its first block (binary), never read whole.
    let o = run(&["annotate", "/dev/zero"], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("/dev/zero: binary file"),
        "{}",
        stderr(&o)
    );
    // An endless text stops at the limit.
    let mut child = std::process::Command::new(common::BIN)
        .args(["annotate", "--max-size", "1M", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        use std::io::Write;
        let block = [b'a'; 8192];
        while input.write_all(&block).is_ok() {}
    });
    let o = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("size limit of 1 MB"), "{}", stderr(&o));
}
