//! Linear cost on any input, proved without a clock: the engine counts its
//! own work (`newslens::annotate_counting`, feature `count-work`, on for the
//! tests: one step a look at a token, a mention lookup, a few bytes lowered)
//! and each test requires work ≤ `K` × tokens on adversarial texts: cue
//! words with no sentence end, quotation marks only, one giant paragraph,
//! thousands of names, nested quotes, 100,000 short paragraphs, and
//! proptest-generated mixes. A quadratic stage on these sizes (thousands of
//! tokens in one sentence) does millions of steps more and fails at once.
//! Timings are in `BENCHMARKS.md`, never here.

#[path = "../benches/corpus/adversarial.rs"]
mod adversarial;

use adversarial::{words, Lcg};
use newslens::{annotate_counting, token_count};
use proptest::prelude::*;

/// Steps of work a token may cost. Prose costs about 50; a text that is a
/// cue at every word costs about 660: each cue looks for its subject up to
/// `REACH` (60) tokens back and reads its content up to `MAX_CONTENT` (150)
/// tokens on, two or three looks a token (DESIGN.md names every cap).
const K: u64 = 1000;

/// The work per token of annotating `text`, checked against `K`.
fn check(label: &str, text: &str) -> u64 {
    let tokens = token_count(text).max(1) as u64;
    let (_, work) = annotate_counting(text);
    let per_token = work / tokens;
    assert!(
        work <= K * tokens,
        "{label}: {work} steps for {tokens} tokens ({per_token} a token, limit {K})"
    );
    per_token
}

/// Checks the text `make(n)` makes for about `n` bytes at `n` and at 4 `n`:
/// each within `K` a token, and the larger costing no more a token than the
/// smaller (with a little slack), which a quadratic stage hidden under `K`
/// would break.
fn check_growth(label: &str, n: usize, make: impl Fn(usize) -> String) {
    let small = check(label, &make(n));
    let large = check(label, &make(4 * n));
    assert!(
        large <= small + small / 8 + 4,
        "{label}: {small} steps a token at {n} bytes but {large} at {} bytes",
        4 * n
    );
}

/// About `n` bytes of `piece` repeated.
fn repeat(piece: &str, n: usize) -> String {
    piece.repeat(n / piece.len() + 1)
}

#[test]
fn the_word_said_repeated() {
    check_growth("said", 10_000, |n| repeat("said ", n));
}

#[test]
fn cue_words_without_punctuation() {
    let cues = [
        "said",
        "told",
        "denied",
        "according",
        "to",
        "claims",
        "urged",
        "saying",
        "by",
        "rejected",
        "that",
        "warned",
        "he",
        "she",
        "the",
        "report",
    ];
    check_growth("cue words", 15_000, |n| {
        words(n, 7, |r| match r.next(3) {
            0 => r.word(),
            _ => cues[r.next(cues.len())].to_string(),
        })
    });
}

#[test]
fn random_words_with_said_on_one_line() {
    check_growth("random words and said", 15_000, |n| {
        words(n, 11, |r| match r.next(10) {
            0 => "said".to_string(),
            _ => r.word(),
        })
    });
}

#[test]
fn words_with_no_punctuation_at_all() {
    check_growth("no punctuation", 15_000, |n| {
        words(n, 13, |r| {
            let mut w = r.word();
            if r.next(8) == 0 {
                w[..1].make_ascii_uppercase();
            }
            w
        })
    });
}

#[test]
fn quotation_marks_only() {
    let marks = ["“", "”", "\"", "'", "‘", "’", "«", "»", "‹", "›", "„"];
    for (label, spaced) in [("marks", true), ("glued marks", false)] {
        check_growth(label, 10_000, |n| {
            let mut r = Lcg(17);
            let mut text = String::new();
            while text.len() < n {
                text += marks[r.next(marks.len())];
                if spaced && r.next(2) == 0 {
                    text.push(' ');
                }
            }
            text
        });
    }
    check_growth("openers only", 8_000, |n| repeat("“", n));
    check_growth("straight marks", 8_000, |n| repeat("\" ", n));
}

#[test]
fn quotes_and_cues_in_one_sentence() {
    check_growth("one-word quotes", 15_000, |n| {
        repeat("“yes,” said “no,” told “maybe” and ", n)
    });
    check_growth("quotes after a colon", 15_000, |n| {
        repeat("Jane Doe said: “We will,” (x) : “win” ", n)
    });
}

/// About `n` bytes of news sentences in one paragraph.
fn giant_paragraph(n: usize) -> String {
    let sentences = [
        "Jane Doe, a spokeswoman for the ministry, said the plan had failed.",
        "“We will not back down,” said John Roe, the union's leader.",
        "He denied there had been a build-up, a claim rejected by the council.",
        "According to the report, she urged lawmakers to delay the vote.",
        "The mayor told reporters on Friday that “the bridge will reopen.”",
    ];
    let mut text = String::new();
    let mut i = 0;
    while text.len() < n {
        text += sentences[i % sentences.len()];
        text.push(' ');
        i += 1;
    }
    text
}

#[test]
fn one_giant_paragraph() {
    check_growth("giant paragraph", 25_000, giant_paragraph);
    // The same with no sentence end and no quotation: one sentence.
    check_growth("giant sentence", 25_000, |n| {
        giant_paragraph(n).replace(['.', '“', '”'], "")
    });
}

/// About `n` bytes of made-up names, cue words and "the ..." phrases.
fn names(n: usize) -> String {
    words(n, 19, |r| {
        let mut first = r.word();
        let mut last = r.word();
        first[..1].make_ascii_uppercase();
        last[..1].make_ascii_uppercase();
        let cue = ["said", "told", "denied", "the", "minister", "spokesman"][r.next(6)];
        let mut s = format!("{first} {last} {cue}");
        if r.next(3) == 0 {
            s += &format!(" the {} said", r.word());
        }
        if r.next(4) == 0 {
            s += " he said";
        }
        s
    })
}

#[test]
fn thousands_of_names() {
    check_growth("names", 20_000, names);
    check_growth("names in sentences", 20_000, |n| {
        names(n).replace(" said ", " said. ")
    });
}

#[test]
fn nested_quotes() {
    check_growth("deep nesting", 8_000, |n| {
        repeat("“a ‘b ", n) + &repeat("’ ” ", n)
    });
    check_growth("nested pairs", 15_000, |n| {
        repeat("“said ‘no’ she said « yes ‹ ok › » ” ", n)
    });
}

#[test]
fn punctuation_runs() {
    check_growth("commas", 10_000, |n| repeat(", ", n));
    check_growth("commas and capitals", 10_000, |n| {
        repeat(", , , , Jane (", n)
    });
    check_growth("parentheses", 10_000, |n| repeat(") said: “x” ", n));
}

#[test]
fn repeated_constructions_in_one_sentence() {
    let pieces = [
        ("pronouns", "he she they it said "),
        ("relative clauses", "an official who said who told who "),
        (
            "described speakers",
            "the report said a spokesman for the campaign said ",
        ),
        (
            "denials",
            "Jane Doe denied the claims, a claim rejected by John Roe, ",
        ),
        (
            "long name runs",
            "Alpha Beta Gamma Delta's chief spokesman ",
        ),
        ("according to", "according to "),
    ];
    for (label, piece) in pieces {
        check_growth(label, 10_000, |n| repeat(piece, n));
    }
}

#[test]
fn a_hundred_thousand_short_paragraphs() {
    let mut text = String::new();
    for i in 0..100_000 {
        text += match i % 4 {
            0 => "“No,” he said.\n",
            1 => "Jane Doe said:\n",
            2 => "“Yes.”\n",
            _ => "said\n",
        };
    }
    check("short paragraphs", &text);
}

#[test]
fn a_transcript_of_many_turns() {
    // Every paragraph a turn: labels, a marked quote inside some answers.
    let piece = "Jane Doe runs the mill.\n\nQ: Why now?\n\nA: Because the river rose, she said.\n\nDOE: My father said, “Wait.” I did not.\n\n";
    check_growth("transcript", 20_000, |n| repeat(piece, n));
}

/// Fragments the proptest mixes are built from: cue words, names, marks,
/// punctuation and line breaks, glued with or without spaces.
fn fragment() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "said",
        "told",
        "denied",
        "according to",
        "claims",
        "urged",
        "saying",
        "added",
        "Jane Doe",
        "the minister",
        "a spokesman",
        "he",
        "she",
        "they",
        "who",
        "that",
        "and",
        "“",
        "”",
        "\"",
        "'",
        "‘",
        "’",
        "«",
        "»",
        ",",
        ".",
        ":",
        ";",
        "(",
        ")",
        "—",
        "\n",
        "\n\n",
        "Mr.",
        "U.S.",
        "by",
        "the",
        "report",
        "Smith",
        "Council",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn mixes_stay_linear(
        parts in prop::collection::vec((fragment(), any::<bool>()), 1..200),
        reps in 20usize..60,
    ) {
        let mut piece = String::new();
        for (f, space) in &parts {
            piece += f;
            if *space {
                piece.push(' ');
            }
        }
        let text = piece.repeat(reps);
        let tokens = token_count(&text).max(1) as u64;
        let (_, work) = annotate_counting(&text);
        prop_assert!(work <= K * tokens, "{} steps for {} tokens", work, tokens);
    }
}
