//! Does the cost of `annotate` grow linearly with the text?
//!
//! Texts of 1 KiB to 10 MiB made by `corpus::generate` (our articles in turn,
//! with fresh names after the first round). Throughput is reported in bytes
//! per second: if it falls as the text grows, some stage costs more than
//! linear time. `benches/report.mjs` turns the results into a table with
//! time ratios and a fitted exponent.
//!
//! The group `adversarial` does the same for texts made to find quadratic
//! stages (issue 17): a cue word repeated with no sentence end, random
//! words with "said" among them on one line, no punctuation at all,
//! quotation marks only, nested quotes, thousands of names, 100,000 short
//! paragraphs; 100 KiB and 1 MiB each (`tests/linear.rs` proves the same
//! without a clock, by the work the engine counts).
//!
//! Run: `cargo bench --bench scaling -- --warm-up-time 1 --measurement-time 3`
//! (or `scripts/bench.sh native`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};

#[path = "corpus/adversarial.rs"]
mod adversarial;
mod corpus;
use adversarial::{words, Lcg};

/// (label, bytes): each step is 10 times the one before.
const SIZES: &[(&str, usize)] = &[
    ("1KiB", 1 << 10),
    ("10KiB", 10 << 10),
    ("100KiB", 100 << 10),
    ("1MiB", 1 << 20),
    ("10MiB", 10 << 20),
];

/// Largest size to run, from `NEWSLENS_BENCH_MAX_BYTES` (default: all).
/// Criterion takes at least 10 samples, so a slow engine can make the
/// 10 MiB step take minutes; `scripts/bench.sh memory` times it once.
fn max_bytes() -> usize {
    std::env::var("NEWSLENS_BENCH_MAX_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(usize::MAX)
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    let max = max_bytes();
    for &(label, len) in SIZES.iter().filter(|&&(_, len)| len <= max) {
        let text = corpus::generate(len);
        if len >= 1 << 20 {
            // One iteration takes long enough; don't ramp iteration counts.
            group.sampling_mode(SamplingMode::Flat);
        }
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, text| {
            b.iter(|| newslens::annotate(black_box(text)))
        });
    }
    group.finish();
}

/// Makes a text of about the given number of bytes.
type Maker = fn(usize) -> String;

/// The adversarial texts: (label, maker).
fn adversarial_texts() -> Vec<(&'static str, Maker)> {
    vec![
        ("said-repeated", |n| "said ".repeat(n / 5)),
        ("random-words-and-said", |n| {
            words(n, 1, |r| match r.next(10) {
                0 => "said".to_string(),
                _ => r.word(),
            })
        }),
        ("no-punctuation", |n| words(n, 1, Lcg::word)),
        ("quotation-marks-only", |n| {
            let marks = ["“", "”", "\"", "'", "‘", "’", "«", "»"];
            let mut r = Lcg(2);
            (0..n / 3).map(|_| marks[r.next(marks.len())]).collect()
        }),
        ("nested-quotes", |n| {
            "“a ‘b ".repeat(n / 16) + &"’ ” ".repeat(n / 16)
        }),
        ("thousands-of-names", |n| {
            words(n, 1, |r| {
                let (mut a, mut b) = (r.word(), r.word());
                a[..1].make_ascii_uppercase();
                b[..1].make_ascii_uppercase();
                format!("{a} {b} said the {} ", r.word())
            })
        }),
        ("short-paragraphs", |n| "“No,” he said.\n".repeat(n / 16)),
    ]
}

fn adversarial(c: &mut Criterion) {
    let mut group = c.benchmark_group("adversarial");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    let max = max_bytes();
    for (name, make) in adversarial_texts() {
        for &(label, len) in SIZES[2..4].iter().filter(|&&(_, len)| len <= max) {
            let text = make(len);
            group.throughput(Throughput::Bytes(text.len() as u64));
            let id = BenchmarkId::new(name, label);
            group.bench_with_input(id, &text, |b, text| {
                b.iter(|| newslens::annotate(black_box(text)))
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = scaling, adversarial
}
criterion_main!(benches);
