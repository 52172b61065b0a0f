//! Helper for `scripts/bench.sh`: writes the generated benchmark texts and
//! measures the native peak memory of annotating one.
//!
//! ```text
//! cargo run --release --example bench_text -- generate BYTES OUT
//! cargo run --release --example bench_text -- annotate FILE
//! cargo run --release --example bench_text -- time RUNS FILE...
//! cargo run --release --example bench_text -- time-rules RUNS FILE...
//! cargo run --release --example bench_text -- compare RUNS FILE...
//! cargo run --release --example bench_text -- first FILE
//! ```
//!
//! `compare` alternates `annotate` and `annotate_rules` on each file and
//! prints both and the tagger stage's added share.
//!
//! `first` times the process's first call (the cold start's share that is
//! the engine's own: any set-up done on first use) and the second.
//!
//! `time` annotates each file RUNS times (`time-rules`: with
//! `annotate_rules`, the engine without the tagger stage, as in WASM) and prints the fastest and the
//! median call, in ms, with MB/s and ms per 1,000 words by the fastest: on
//! a shared machine the fastest run is the one least disturbed by others.
//!
//! `annotate` does what `newslens annotate FILE` does (annotate, convert to
//! UTF-16 offsets, serialize to JSON streamed to a writer) with a writer
//! that only counts the bytes, then prints one JSON line: input size, time,
//! counts, and the process's peak resident set size (`VmHWM` from
//! `/proc/self/status`, Linux only).

use std::time::Instant;

#[path = "../benches/corpus/mod.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["generate", bytes, out] => generate(bytes, out),
        ["annotate", file] => measure(file),
        ["time", runs, ref files @ ..] => time(runs, files, newslens::annotate),
        ["time-rules", runs, ref files @ ..] => time(runs, files, newslens::annotate_rules),
        ["compare", runs, ref files @ ..] => compare(runs, files),
        ["first", file] => first(file),
        _ => Err(
            "usage: bench_text generate BYTES OUT | bench_text annotate FILE | bench_text time[-rules] RUNS FILE... | bench_text compare RUNS FILE... | bench_text first FILE"
                .into(),
        ),
    };
    if let Err(e) = result {
        eprintln!("bench_text: {e}");
        std::process::exit(2);
    }
}

fn generate(bytes: &str, out: &str) -> Result<(), String> {
    let len: usize = bytes
        .parse()
        .map_err(|e| format!("bad size {bytes:?}: {e}"))?;
    let text = corpus::generate(len);
    std::fs::write(out, &text).map_err(|e| format!("{out}: {e}"))?;
    println!(
        "{out}: {} bytes, {} words",
        text.len(),
        corpus::words(&text)
    );
    Ok(())
}

fn measure(file: &str) -> Result<(), String> {
    let before = peak_rss_kib()?;
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let start = Instant::now();
    let annotation = newslens::annotate(&text);
    let annotated = start.elapsed();
    let counts = [
        annotation.actors.len(),
        annotation.mentions.len(),
        annotation.quotes.len(),
        annotation.claims.len(),
    ];
    // As the CLI does: convert in place, stream the JSON (here into a
    // writer that counts the bytes; the CLI's is stdout).
    let export = newslens::Export::from_annotation(&text, annotation, newslens::OffsetUnit::Utf16);
    let mut json = Counter(0);
    serde_json::to_writer(std::io::BufWriter::new(&mut json), &export)
        .map_err(|e| e.to_string())?;
    let total = start.elapsed();
    let peak = peak_rss_kib()?;
    let input = text.len() as f64;
    println!(
        "{{\"file\":{file:?},\"bytes\":{},\"annotateMs\":{:.1},\"annotateAndJsonMs\":{:.1},\
         \"actors\":{},\"mentions\":{},\"quotes\":{},\"claims\":{},\"jsonBytes\":{},\
         \"peakRssKiBAtStart\":{before},\"peakRssKiB\":{peak},\"peakOverInput\":{:.2}}}",
        text.len(),
        annotated.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3,
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        json.0,
        peak as f64 * 1024.0 / input.max(1.0),
    );
    Ok(())
}

fn first(file: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let mut ms = [0.0; 2];
    for m in &mut ms {
        let start = Instant::now();
        std::hint::black_box(newslens::annotate(std::hint::black_box(&text)));
        *m = start.elapsed().as_secs_f64() * 1e3;
    }
    println!("{file}: first call {:.3} ms, second {:.3} ms", ms[0], ms[1]);
    Ok(())
}

fn time<A>(runs: &str, files: &[&str], annotate: fn(&str) -> A) -> Result<(), String> {
    let runs: usize = runs
        .parse()
        .map_err(|e| format!("bad runs {runs:?}: {e}"))?;
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        let mut ms: Vec<f64> = (0..runs.max(1))
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(annotate(std::hint::black_box(&text)));
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        ms.sort_by(f64::total_cmp);
        let words = text.split_whitespace().count() as f64;
        println!(
            "{file}: {} bytes, {words} words, {} runs: min {:.3} ms, median {:.3} ms, {:.1} MB/s, {:.3} ms per 1,000 words",
            text.len(),
            ms.len(),
            ms[0],
            ms[ms.len() / 2],
            text.len() as f64 / ms[0] / 1e3,
            ms[0] / words * 1e3
        );
    }
    Ok(())
}

/// `annotate` (with the tagger stage, when built in) and `annotate_rules`
/// on each file, alternating, RUNS times each: the fastest and median of
/// each and the stage's added share of the fastest.
fn compare(runs: &str, files: &[&str]) -> Result<(), String> {
    let runs: usize = runs
        .parse()
        .map_err(|e| format!("bad runs {runs:?}: {e}"))?;
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        let (mut full, mut rules) = (Vec::new(), Vec::new());
        for _ in 0..runs.max(1) {
            let start = Instant::now();
            std::hint::black_box(newslens::annotate(std::hint::black_box(&text)));
            full.push(start.elapsed().as_secs_f64() * 1e3);
            let start = Instant::now();
            std::hint::black_box(newslens::annotate_rules(std::hint::black_box(&text)));
            rules.push(start.elapsed().as_secs_f64() * 1e3);
        }
        full.sort_by(f64::total_cmp);
        rules.sort_by(f64::total_cmp);
        println!(
            "{file}: annotate min {:.3} ms median {:.3} ms; annotate_rules min {:.3} ms median {:.3} ms; added {:+.0}% (min), {:+.0}% (median)",
            full[0],
            full[full.len() / 2],
            rules[0],
            rules[rules.len() / 2],
            (full[0] / rules[0] - 1.0) * 100.0,
            (full[full.len() / 2] / rules[rules.len() / 2] - 1.0) * 100.0
        );
    }
    Ok(())
}

/// Peak resident set size of this process so far, in KiB.
fn peak_rss_kib() -> Result<u64, String> {
    let status = std::fs::read_to_string("/proc/self/status")
        .map_err(|e| format!("/proc/self/status: {e} (peak memory needs Linux)"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| "no VmHWM in /proc/self/status".to_string())
}

/// A writer that keeps nothing and counts the bytes.
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
