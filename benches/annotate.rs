//! Throughput of newslens on our own ~1,000-word articles, three styles.
//!
//! Groups:
//! - `annotate`: the core, `newslens::annotate(text)`.
//! - `export`: converting an annotation to UTF-16 offsets and JSON, the
//!   work the CLI and the WASM binding add on top of the core.
//! - `pipeline`: both, i.e. text in, JSON string out.
//!
//! Run: `cargo bench --bench annotate -- --warm-up-time 1 --measurement-time 3`
//! (or `scripts/bench.sh native`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use newslens::{annotate, Export, OffsetUnit};

mod corpus;

fn to_json(text: &str, annotation: &newslens::Annotation) -> String {
    let export = Export::new(text, annotation, OffsetUnit::Utf16);
    serde_json::to_string(&export).expect("an Export always serializes")
}

fn articles(c: &mut Criterion) {
    let mut group = c.benchmark_group("annotate");
    for &(name, text) in corpus::ARTICLES {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| annotate(black_box(text)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("export");
    for &(name, text) in corpus::ARTICLES {
        let annotation = annotate(text);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| to_json(black_box(text), black_box(&annotation)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("pipeline");
    for &(name, text) in corpus::ARTICLES {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| to_json(text, &annotate(black_box(text))))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Gentle defaults for a shared 2-core machine; command-line flags override.
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = articles
}
criterion_main!(benches);
