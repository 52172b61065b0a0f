//! Properties that hold for every text, checked on generated ones:
//! the structural invariants of `docs/format.md`, offset conversion,
//! determinism, stability of earlier paragraphs when text is appended, and
//! completion on hostile input (thousands of unbalanced quotation marks,
//! megabytes of text). Also replays every file in `tests/fuzz_regressions/`.

mod common;

use common::check_invariants;
use newslens::{annotate, Annotation, Export, OffsetUnit, QuoteKind, Span};
use proptest::prelude::*;

// ---------------------------------------------------------------- generators

/// Characters that stress the engine: every quotation mark it knows, line
/// breaks of every kind, capitals, astral characters, combining marks.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        3 => prop::sample::select(vec![
            '"', '\'', '“', '”', '‘', '’', '«', '»', '‹', '›', '„', '‚', '`', '´',
            '\n', '\r', '\t', ' ', ' ', ' ', '\u{2028}', '\u{2029}', '\u{a0}', '\u{200b}',
            '.', ',', ':', ';', '?', '!', '—', '–', '-', '(', ')', '/', '|', '…',
            '😀', '𝔄', '𐍈', '👍', 'é', '\u{301}', 'ß', 'İ', 'ﬁ', '\u{feff}',
        ]),
        2 => prop::char::range('A', 'Z'),
        2 => prop::char::range('a', 'z'),
    ]
}

fn tricky_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

const NAMES: &[&str] = &[
    "Amara Diallo",
    "Diallo",
    "Mr Diallo",
    "Foreign Minister Petra Novak",
    "Novak",
    "Dr Ilse Brandt",
    "the United Nations (UN)",
    "the UN",
    "UN",
    "the U.S.",
    "US",
    "the United States",
    "a senior official",
    "officials",
    "three gunmen",
    "police",
    "Kessler Holdings Ltd",
    "the ministry",
    "Oslo",
    "Lagos",
    "Mayor Tom Reyes",
    "Reyes",
    "she",
    "he",
    "they",
    "it",
    "Serbia's",
    "the government",
    "President Ana Ruiz",
];
const CUES: &[&str] = &[
    "said",
    "says",
    "told reporters",
    "told the BBC",
    "according to",
    "denied",
    "denied that",
    "warned that",
    "urged",
    "urged the council to",
    "called on",
    "confirmed",
    "accused",
    "promised to",
    "believes",
    "claimed",
    "rejected",
    "added",
    "said that",
    "asked",
    "questioned whether",
    "insisted",
    "she added",
    "he said",
    "they said",
];
const WORDS: &[&str] = &[
    "the",
    "talks",
    "will",
    "not",
    "resume",
    "on",
    "Monday",
    "in",
    "March",
    "don't",
    "won't",
    "'90s",
    "rock 'n' roll",
    "claims of",
    "a claim rejected by",
    "who",
    "the plan",
    "was",
    "a mistake",
    "Photo",
    "Related",
    "By",
    "1,200",
    "3.5%",
    "€40m",
    "BREAKING",
    "NEWS",
    "WORLD",
    "and",
    "that",
    "however",
    "—",
    "(",
    ")",
    "/",
];
const OPEN: &[&str] = &["\"", "“", "‘", "'", "«", "« ", "‹", "„", ""];
const CLOSE: &[&str] = &["\"", "”", "’", "'", "»", " »", "›", "“", ""];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(list).prop_map(str::to_string)
}

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![3 => pick(WORDS), 1 => pick(NAMES)], 1..max)
        .prop_map(|v| v.join(" "))
}

/// A quotation, sometimes with a mark missing or mismatched.
fn quotation() -> impl Strategy<Value = String> {
    (
        pick(OPEN),
        words(10),
        prop::sample::select(vec![",", ".", "?", ""]),
        pick(CLOSE),
    )
        .prop_map(|(o, w, p, c)| format!("{o}{w}{p}{c}"))
}

fn clause() -> impl Strategy<Value = String> {
    prop_oneof![
        (quotation(), pick(NAMES), pick(CUES)).prop_map(|(q, n, c)| format!("{q} {n} {c}.")),
        (quotation(), pick(CUES), pick(NAMES)).prop_map(|(q, c, n)| format!("{q} {c} {n}.")),
        (pick(NAMES), pick(CUES), words(12)).prop_map(|(n, c, w)| format!("{n} {c} {w}.")),
        (pick(NAMES), quotation()).prop_map(|(n, q)| format!("{n}: {q}")),
        (pick(NAMES), pick(CUES), words(6), quotation())
            .prop_map(|(n, c, w, q)| format!("{n} {c} {w} {q}.")),
        (words(12), pick(CUES), pick(NAMES)).prop_map(|(w, c, n)| format!("{w}, {c} {n}.")),
        words(15).prop_map(|w| format!("{w}.")),
        quotation(),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(clause(), 1..4).prop_map(|v| v.join(" "))
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["\n\n", "\n", "\r\n\r\n", "\n \n"])
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec((paragraph(), separator()), 1..6).prop_map(|v| {
        let mut s = String::new();
        for (i, (p, sep)) in v.iter().enumerate() {
            if i > 0 {
                s.push_str(sep);
            }
            s.push_str(p);
        }
        s
    })
}

// ---------------------------------------------------------------- helpers

/// Every span in an annotation, for offset checks.
fn all_spans(a: &Annotation) -> Vec<Span> {
    let mut v = Vec::new();
    for m in &a.mentions {
        v.push(m.span);
        v.extend(m.title);
    }
    for q in &a.quotes {
        v.push(q.span);
        v.push(q.content);
        v.extend(q.cue);
    }
    for c in &a.claims {
        v.push(c.cue);
        v.push(c.content);
    }
    v
}

fn check_offsets(text: &str, ann: &Annotation) {
    let bytes = all_spans(ann);
    for unit in [OffsetUnit::Utf16, OffsetUnit::Chars, OffsetUnit::Bytes] {
        let count = |b: usize| match unit {
            OffsetUnit::Utf16 => text[..b].encode_utf16().count(),
            OffsetUnit::Chars => text[..b].chars().count(),
            OffsetUnit::Bytes => b,
        };
        let ex = Export::new(text, ann, unit);
        assert_eq!(ex.text_length, count(text.len()), "{unit:?} text length");
        let converted = all_spans(&ex.annotation);
        assert_eq!(converted.len(), bytes.len());
        for (b, c) in bytes.iter().zip(&converted) {
            assert_eq!(c.start, count(b.start), "{unit:?} start of {b:?}");
            assert_eq!(c.end, count(b.end), "{unit:?} end of {b:?}");
        }
        // Only the spans change: ids, links and kinds stay as they were.
        assert_eq!(ex.annotation.actors, ann.actors);
        assert_eq!(ex.annotation.quotes.len(), ann.quotes.len());
        assert_eq!(ex.annotation.claims.len(), ann.claims.len());
    }
}

/// What a quote is, independent of ids: its span, content and kind.
type QuoteKey = (Span, Span, String);

fn quote_keys(ann: &Annotation, before: usize) -> Vec<QuoteKey> {
    ann.quotes
        .iter()
        .filter(|q| q.span.end <= before && q.span != q.content)
        // (a continuation is a direct quote whose speaker carries over from
        // the quote before; speakers may change with later evidence, so
        // the two kinds compare alike)
        .map(|q| {
            let kind = match q.kind {
                QuoteKind::Continuation => QuoteKind::Direct,
                k => k,
            };
            (q.span, q.content, format!("{kind:?}"))
        })
        .collect()
}

// ---------------------------------------------------------------- properties

proptest! {
    // 256 cases unless PROPTEST_CASES says otherwise (a literal `cases`
    // would override the variable, which `ProptestConfig::default()` reads).
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    #[test]
    fn invariants_hold_on_arbitrary_unicode(text in tricky_text(400)) {
        let ann = annotate(&text);
        check_invariants(&text, &ann);
    }

    #[test]
    fn invariants_hold_on_arbitrary_strings(text in any::<String>()) {
        check_invariants(&text, &annotate(&text));
    }

    #[test]
    fn invariants_hold_on_news_like_text(text in article()) {
        let ann = annotate(&text);
        check_invariants(&text, &ann);
    }

    #[test]
    fn offsets_convert_like_encode_utf16(text in prop_oneof![article(), tricky_text(300)]) {
        let ann = annotate(&text);
        check_offsets(&text, &ann);
    }

    #[test]
    fn output_is_deterministic(text in prop_oneof![article(), tricky_text(300)]) {
        let a = annotate(&text);
        let b = annotate(&text);
        prop_assert_eq!(&a, &b);
        let ja = serde_json::to_string(&Export::new(&text, &a, OffsetUnit::Utf16)).unwrap();
        let jb = serde_json::to_string(&Export::new(&text, &b, OffsetUnit::Utf16)).unwrap();
        prop_assert_eq!(ja, jb);
    }

    /// Appending a paragraph leaves the quotes of the earlier paragraphs as
    /// they were: the same spans, contents and kinds. The last paragraph of
    /// the original text is left out: a quote it leaves open may legitimately
    /// become the first part of a multi-paragraph quote once a continuation
    /// follows. Speakers and cues are not compared: whether a capitalized
    /// word is a name is decided with evidence from the whole text, so a
    /// later paragraph may rightly reveal the speaker of an earlier quote.
    /// Nor are a transcript's turns (quotes without marks): a second
    /// "Name: ..." paragraph of the same speaker rightly makes the text a
    /// transcript and the first one a turn.
    #[test]
    fn appending_a_paragraph_keeps_earlier_quotes(
        paras in prop::collection::vec(paragraph(), 2..5),
        extra in paragraph(),
    ) {
        let base = paras.join("\n\n");
        let stable_end = base.rfind("\n\n").unwrap();
        let longer = format!("{base}\n\n{extra}");
        let a = annotate(&base);
        let b = annotate(&longer);
        check_invariants(&longer, &b);
        prop_assert_eq!(quote_keys(&a, stable_end), quote_keys(&b, stable_end));
    }
}

// ---------------------------------------------------------------- fixed inputs

/// An input the property above once failed on: the third paragraph's
/// quote, unclosed, was a continuation of the first speaker's words
/// until a fifth paragraph confirmed the name in it as a speaker.
#[test]
fn appending_a_paragraph_may_name_a_continuations_speaker() {
    let base = [
        "‘Amara Diallo /,’ Amara Diallo urged the.",
        "she said the.",
        "\"the,’ Foreign Minister Petra Novak said.",
        "\"the,\" Diallo said.",
    ]
    .join("\n\n");
    let longer = format!("{base}\n\n\"Amara Diallo /?\"");
    let stable_end = base.rfind("\n\n").unwrap();
    let (a, b) = (annotate(&base), annotate(&longer));
    check_invariants(&longer, &b);
    assert_eq!(quote_keys(&a, stable_end), quote_keys(&b, stable_end));
    assert!(!quote_keys(&a, stable_end).is_empty());
}

#[test]
fn invariants_hold_on_edge_cases() {
    let cases = [
        "",
        " ",
        "\"",
        "“",
        "”",
        "'",
        "’",
        "«",
        "\"\"",
        "“”",
        "\r\n",
        "\r",
        "\n\n\n",
        "said",
        "said said said",
        "he said",
        "“\n\n“\n\n“",
        "A: B: C:",
        "(UN)",
        "()",
        "U.S.",
        "😀😀😀 \"😀\" said 😀.",
        "e\u{301}\u{301}\u{301} said “x”",
        "\u{feff}\"Hi,\" said Ann Lee.",
        "THE UNITED NATIONS SAID THAT THE",
        "'''''''''''''''''",
        "’’’’’’’’’’’’’’’’’",
        "« « « » » »",
        "„„„“““",
        "‹›‹›",
        "Jane Doe said “A said ‘B said “C said ‘D’”’”.",
        // Text that ends right after a word the rules look past.
        "he said,",
        "The mayor warned,",
        "‘We were told",
        ", said it had been told",
        ". \"The noise report was written",
        "their protest",
        "y's findings",
        "the pipeline across three Western",
        "according to internal emails seen",
        "40 households that were wrongly charged",
    ];
    for text in cases {
        let ann = annotate(text);
        check_invariants(text, &ann);
        check_offsets(text, &ann);
    }
}

#[test]
fn a_thousand_unbalanced_quotation_marks_finish() {
    let mut texts = Vec::new();
    for mark in ["\"", "“", "”", "‘", "’", "'", "«", "»", "„"] {
        texts.push(mark.repeat(1000));
        texts.push(format!("{mark}word ").repeat(1000));
        texts.push(format!("Ann Lee said {mark}no. ").repeat(1000));
        texts.push(format!("{mark}Yes,\n\n").repeat(1000));
    }
    let mut mixed = String::new();
    for i in 0..1000 {
        mixed.push_str(["“", "\"", "‘", "'", "«", "”", "’", "»"][i % 8]);
        mixed.push_str(if i % 7 == 0 {
            " said Ana Ruiz. "
        } else {
            " more "
        });
    }
    texts.push(mixed);
    for text in &texts {
        let ann = annotate(text);
        check_invariants(text, &ann);
    }
}

/// A long text: 5 MB in release builds, 1 MB in debug builds so that a
/// plain `cargo test` stays quick. No timing is asserted (benches do that);
/// the test shows that the engine finishes and its output is well formed.
#[test]
fn a_long_article_finishes() {
    let target = if cfg!(debug_assertions) {
        1 << 20
    } else {
        5 << 20
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut sources: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    sources.sort();
    assert!(!sources.is_empty());
    let mut text = String::with_capacity(target + 10_000);
    let mut i = 0;
    while text.len() < target {
        text.push_str(&sources[i % sources.len()]);
        text.push_str("\n\n");
        i += 1;
    }
    let ann = annotate(&text);
    check_invariants(&text, &ann);
    assert!(!ann.actors.is_empty(), "a megabyte of news names nobody");
    let ex = Export::new(&text, &ann, OffsetUnit::Utf16);
    assert_eq!(ex.text_length, text.encode_utf16().count());
}

/// Text that stops anywhere: after each word and mark of the built-in sample,
/// and after each punctuation mark of the golden articles (the text ending
/// right after a cue and its comma once indexed past the last token). Each cut
/// keeps up to 400 bytes before it so that the test stays quick.
#[test]
fn text_cut_anywhere_annotates() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = vec![(
        std::fs::read_to_string(root.join("www/sample.txt")).unwrap(),
        true,
    )];
    let mut golden: Vec<_> = std::fs::read_dir(root.join("tests/golden"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    golden.sort();
    texts.extend(
        golden
            .iter()
            .map(|p| (std::fs::read_to_string(p).unwrap(), false)),
    );
    let mut cuts = 0;
    for (text, every_word) in &texts {
        for (end, c) in text.char_indices() {
            let cut_here = match every_word {
                true => c.is_whitespace(),
                false => c.is_ascii_punctuation() || matches!(c, '”' | '’' | '“' | '—'),
            };
            if !cut_here {
                continue;
            }
            let end = end + c.len_utf8() * usize::from(!c.is_whitespace());
            let mut start = end.saturating_sub(400);
            while !text.is_char_boundary(start) {
                start += 1;
            }
            let piece = &text[start..end];
            let ann = annotate(piece);
            check_invariants(piece, &ann);
            cuts += 1;
        }
    }
    assert!(cuts > 1000, "only {cuts} cuts");
}

/// Replays every minimized input the fuzzer ever found (and the seeds kept
/// with them): each must annotate without panicking and keep the invariants.
#[test]
fn fuzz_regressions_replay() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut n = 0;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fuzz_regressions exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|f| f != "README.md"))
        .collect();
    paths.sort();
    let mut failed = Vec::new();
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        // The fuzz target skips bytes that are not UTF-8; the lossy
        // decoding still makes a useful input here.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let run = std::panic::catch_unwind(|| {
            let ann = annotate(&text);
            check_invariants(&text, &ann);
            check_offsets(&text, &ann);
        });
        if run.is_err() {
            failed.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
        n += 1;
    }
    assert!(n > 0, "no regression inputs in {}", dir.display());
    assert!(
        failed.is_empty(),
        "{} of {n} regression inputs fail (each one's panic is printed above): {failed:?}",
        failed.len()
    );
}

/// Wire-style marks (two apostrophes each side) after astral and accented
/// characters: the quote's span and content, in UTF-16 units, are where a
/// JavaScript reader finds them (each mark counts 2, "🎉" counts 2).
#[test]
fn two_apostrophe_quote_offsets_in_utf16() {
    let text = "Zoë Marchetti 🎉 spoke. ''We’ll rebuild it,'' Marchetti said.";
    let ann = annotate(text);
    assert_eq!(ann.quotes.len(), 1, "{:?}", ann.quotes);
    let q = &ann.quotes[0];
    assert_eq!(&text[q.content], "We’ll rebuild it,");
    assert_eq!(&text[q.span], "''We’ll rebuild it,''");
    let ex = Export::new(text, &ann, OffsetUnit::Utf16);
    let u: Vec<u16> = text.encode_utf16().collect();
    let (span, content) = (
        ex.annotation.quotes[0].span,
        ex.annotation.quotes[0].content,
    );
    assert_eq!((span.start, span.end), (24, 45));
    assert_eq!((content.start, content.end), (26, 43));
    assert_eq!(
        String::from_utf16_lossy(&u[span.start..span.end]),
        "''We’ll rebuild it,''"
    );
    check_offsets(text, &ann);
}
