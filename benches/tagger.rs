//! Speed of the named-entity tagger (`newslens::tagger`) on our own
//! ~1,000-word articles, next to `newslens::annotate` on the same texts, so
//! the cost of adding the tagger as a stage can be read off one run.
//!
//! Groups (throughput in tokens, as the tagger's input is counted):
//! - `tagger`: `Tagger::tag_document` on the article's sentences;
//! - `annotate`: `annotate` on the article text (its tagger stage included);
//! - `rules`: `annotate_rules`, the engine without its tagger stage, so
//!   `annotate / rules - 1` is the stage's cost.
//!
//! The articles are cut into tokens and sentences by a simple splitter
//! below (whitespace, punctuation peeled off), outside the timed part.
//!
//! Run: `cargo bench --bench tagger -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use newslens::tagger::Tagger;

mod corpus;

/// Tokens of a text, one list a sentence.
fn sentences(text: &str) -> Vec<Vec<String>> {
    const PEEL: &[char] = &[
        ',', ';', ':', '!', '?', '"', '\'', '(', ')', '“', '”', '‘', '’', '«', '»',
    ];
    let mut out = Vec::new();
    for line in text.lines() {
        let mut sent: Vec<String> = Vec::new();
        for word in line.split_whitespace() {
            let start = word.trim_start_matches(PEEL);
            for c in word[..word.len() - start.len()].chars() {
                sent.push(c.to_string());
            }
            let core = start.trim_end_matches(PEEL);
            let tail = &start[core.len()..];
            let (core, stop) = match core.strip_suffix('.') {
                Some(c) if !c.contains('.') && c.chars().count() > 1 => (c, true),
                _ => (core, false),
            };
            if !core.is_empty() {
                sent.push(core.to_string());
            }
            if stop {
                sent.push(".".to_string());
            }
            for c in tail.chars() {
                sent.push(c.to_string());
            }
            if stop || tail.contains(['?', '!']) {
                out.push(std::mem::take(&mut sent));
            }
        }
        if !sent.is_empty() {
            out.push(sent);
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let tagger = Tagger::shipped();
    let mut group = c.benchmark_group("tagger");
    for &(name, text) in corpus::ARTICLES {
        let sents = sentences(text);
        let tokens: usize = sents.iter().map(Vec::len).sum();
        group.throughput(Throughput::Elements(tokens as u64));
        group.bench_with_input(BenchmarkId::new("tag", name), &sents, |b, s| {
            b.iter(|| tagger.tag_document(black_box(s)))
        });
        group.bench_with_input(BenchmarkId::new("annotate", name), text, |b, t| {
            b.iter(|| newslens::annotate(black_box(t)))
        });
        group.bench_with_input(BenchmarkId::new("rules", name), text, |b, t| {
            b.iter(|| newslens::annotate_rules(black_box(t)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
