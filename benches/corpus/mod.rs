//! The benchmark texts, and long texts made from them.
//!
//! `ARTICLES` are our own articles in three styles (hard news with straight
//! quotes, a business report with typographic quotes, a feature with
//! non-ASCII names and guillemets), about 1,000 words each.
//! [`generate`] strings them together into a text of any length, renaming
//! every person and company after the first round so that a long text keeps
//! meeting new actors, as a real 10 MB news archive would. The output depends
//! only on the requested length: the native benches, the browser bench and
//! the memory measurement all see the same bytes.

// Each bench target and example uses a different part of this module.
#![allow(dead_code)]

/// (name, text) of each benchmark article.
pub const ARTICLES: &[(&str, &str)] = &[
    ("politics", include_str!("../data/politics.txt")),
    ("business", include_str!("../data/business.txt")),
    ("feature", include_str!("../data/feature.txt")),
];

/// Given names, surnames and company names used in `ARTICLES`.
const NAMES: &[&str] = &[
    "Teodor",
    "Valkama",
    "Maren",
    "Holtsbakk",
    "Aurel",
    "Dantchev",
    "Lena",
    "Moravec",
    "Ritva",
    "Salmenkari",
    "Jonas",
    "Ekdahl",
    "Petra",
    "Lindqvist",
    "Corvane",
    "Adaeze",
    "Nwankwo",
    "Hamish",
    "Reddaway",
    "Inès",
    "Laurent",
    "Achebe",
    "Oyelaran",
    "Adeyemi",
    "Brightwater",
    "Sunniva",
    "Kroll",
    "Tomasz",
    "Wierzbicki",
    "Halvard",
    "Finch",
    "Zoë",
    "Achterberg",
    "Émile",
    "Ferrand",
    "Bertrand",
    "Oyelowo",
    "Marsh",
    "Łucja",
    "Brzezińska",
    "Gaspard",
    "Lenoir",
    "José",
    "Ñúñez",
    "Prado",
    "Henrike",
    "Vandermeer",
];

const SYLLABLES: [&str; 16] = [
    "ka", "lo", "mi", "ren", "sa", "tu", "vel", "dor", "an", "is", "ber", "go", "ni", "ra", "shu",
    "te",
];

/// A name no other (copy, name) pair gets: the original's first letter
/// (which keeps accented capitals in the text) plus syllables spelling `n`.
fn synthetic_name(original: &str, n: usize) -> String {
    let mut out: String = original.chars().take(1).collect();
    // Scramble the low 16 bits (a bijection: 40503 is odd) so that
    // neighbouring names don't all share their last syllables.
    let mut n = (n & !0xffff) | (((n & 0xffff) * 40503) & 0xffff);
    for _ in 0..4 {
        out.push_str(SYLLABLES[n % 16]);
        n /= 16;
    }
    while n > 0 {
        out.push_str(SYLLABLES[n % 16]);
        n /= 16;
    }
    out
}

/// `text` with every whole word found in `NAMES` renamed for copy `copy`.
fn renamed(text: &str, copy: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_alphabetic()) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let word = &rest[..end];
        match NAMES.iter().position(|n| *n == word) {
            Some(i) => out.push_str(&synthetic_name(word, copy * NAMES.len() + i)),
            None => out.push_str(word),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A text of at most `len` bytes (and at least `len` minus one word), made
/// of the articles in turn, renamed after the first round, separated by blank
/// lines and cut at a whitespace boundary.
pub fn generate(len: usize) -> String {
    let mut out = String::with_capacity(len + 8 * 1024);
    let mut copy = 0;
    while out.len() < len {
        let (_, article) = ARTICLES[copy % ARTICLES.len()];
        let round = copy / ARTICLES.len();
        if round == 0 {
            out.push_str(article.trim_end());
        } else {
            out.push_str(renamed(article, round).trim_end());
        }
        out.push_str("\n\n");
        copy += 1;
    }
    let mut cut = len;
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    if let Some(space) = out[..cut].rfind(char::is_whitespace) {
        cut = space;
    }
    out.truncate(cut);
    out
}

/// Number of whitespace-separated words in `text`.
pub fn words(text: &str) -> usize {
    text.split_whitespace().count()
}
