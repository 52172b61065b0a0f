//! The TSV dialect of `lexicons/`: `#` comments, tab-separated columns.
//! `build.rs` reads the files with it; the tests read them with it too.

/// The rows of a lexicon file, each split into trimmed columns.
pub fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
        .filter(|cols| !cols[0].is_empty())
}
