//! `newslens eval`: score the engine against annotated articles.
//!
//! Two gold formats: the hand-written seed format (`gold.json` beside
//! `article.txt`) and the PolNeAR brat corpus (`text/`, `attributions/`).
//! How each category is matched is specified in `docs/eval.md`. Nothing here
//! touches the network.

mod brat;
mod ner;
mod score;
mod seed;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{anyhow, bail, Context, Result};
use newslens::Annotation;
use rayon::prelude::*;
use serde::Serialize;

use score::{AccuracyJson, CountsJson, Table};

use super::UsageError;
use crate::input;

/// Arguments of `newslens eval`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
A GOLD_PATH is a seed gold file (gold.json, with article.txt in the same directory), the \
directory holding them, or a PolNeAR-style brat corpus directory (text/NAME.txt and \
attributions/NAME_ANNOTATOR.ann; the first .ann file per article in sorted order is used). \
With --ner, every GOLD_PATH is an IOB file (word first, tag last, blank lines between \
sentences, a `# document` line between documents) scored by exact span and type, MISC neither right nor \
wrong. Matching rules: docs/eval.md.")]
pub struct Args {
    /// Gold annotations to score against.
    #[arg(value_name = "GOLD_PATH", required = true)]
    pub gold: Vec<PathBuf>,

    /// Also write a machine-readable report to this file.
    #[arg(long, value_name = "REPORT.json")]
    pub json: Option<PathBuf>,

    /// Score only the first N articles of a corpus (in name order).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Score N articles of a corpus drawn pseudo-randomly (see --seed).
    #[arg(long, value_name = "N", conflicts_with = "limit")]
    pub sample: Option<usize>,

    /// Seed for --sample; the same seed draws the same articles.
    #[arg(long, default_value_t = 1, requires = "sample")]
    pub seed: u64,

    /// Score named entities: every GOLD_PATH is a IOB file.
    #[arg(long)]
    pub ner: bool,

    /// With --ner: the system to score.
    #[arg(long, value_enum, default_value = "tagger", requires = "ner")]
    pub ner_system: ner::System,

    /// With --ner: tag each sentence alone (no document-level consistency pass).
    #[arg(long, requires = "ner")]
    pub ner_sentences: bool,

    /// Tagger weights to use instead of the shipped ones: by the tagger
    /// alone and by the engine (with --ner), and by the engine on quotes
    /// and claims (without it).
    #[arg(long, value_name = "ner.bin")]
    pub ner_model: Option<PathBuf>,

    /// Print every miss and every spurious item (seed format), every missed gold quote and
    /// claim with its cue and what the engine had instead (brat format), and per-article problems.
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

/// The scores of one GOLD_PATH.
struct Dataset {
    path: String,
    format: &'static str,
    articles: usize,
    table: Table,
    info: Vec<(String, serde_json::Value)>,
    warnings: Vec<String>,
    notes: Vec<String>,
    seconds: f64,
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.limit == Some(0) || args.sample == Some(0) {
        return Err(UsageError("--limit and --sample need a number above 0".into()).into());
    }
    if let Some(model) = &args.ner_model {
        let bytes =
            std::fs::read(model).with_context(|| format!("{}: cannot read", model.display()))?;
        let custom = newslens::tagger::Tagger::from_bytes(&bytes)
            .with_context(|| model.display().to_string())?;
        // The engine runs these weights too (its stage asks for the shipped
        // tagger): `--ner-system engine` measures the whole engine with them.
        anyhow::ensure!(
            custom.install(),
            "{}: the built-in weights were already in use",
            model.display()
        );
    }
    let mut datasets = Vec::new();
    for path in &args.gold {
        let ds = if args.ner {
            eval_ner(path, &args)?
        } else if let Some((json, article)) = seed::locate(path) {
            eval_seed(&json, &article)?
        } else if path.is_dir() && brat::is_corpus(path) {
            eval_brat(path, &args)?
        } else if !path.exists() {
            bail!("{}: no such file or directory", path.display());
        } else {
            bail!(
                "{}: not a gold path (expected gold.json beside article.txt, their directory, \
                 or a directory with text/ and attributions/)",
                path.display()
            );
        };
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        print_dataset(&mut out, &ds, args.verbose)?;
        datasets.push(ds);
    }
    if let Some(path) = &args.json {
        let report = Report {
            version: 1,
            datasets: datasets.iter().map(DatasetJson::from).collect(),
        };
        let json = serde_json::to_vec_pretty(&report)?;
        std::fs::write(path, json).with_context(|| format!("{}: cannot write", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn eval_seed(json: &Path, article: &Path) -> Result<Dataset> {
    let start = Instant::now();
    let gold = seed::load(json)?;
    let text = input::Source::File(article.to_path_buf()).read(&input::Reading::default())?;
    let ann = crate::engine::annotate(&text).with_context(|| article.display().to_string())?;
    let (table, notes) = seed::score(&text, &ann, &gold);
    let mut info = vec![("gold".to_string(), json.display().to_string().into())];
    if !gold.about.is_empty() {
        info.push(("about".into(), gold.about.clone().into()));
    }
    Ok(Dataset {
        path: json.display().to_string(),
        format: "seed",
        articles: 1,
        table,
        info,
        warnings: Vec::new(),
        notes,
        seconds: start.elapsed().as_secs_f64(),
    })
}

fn eval_ner(path: &Path, args: &Args) -> Result<Dataset> {
    let start = Instant::now();
    let text = input::Source::File(path.to_path_buf()).read(&input::Reading::default())?;
    let docs = newslens::tagger::corpus::parse_iob(&text)
        .map_err(anyhow::Error::msg)
        .with_context(|| path.display().to_string())?;
    let tagger = newslens::tagger::Tagger::shipped();
    let system = args.ner_system;
    // Each document's found entities and, with --verbose, the engine's other
    // mentions (descriptions, groups) and the tagger's entities to compare.
    type Found = (
        Vec<Vec<newslens::tagger::Entity>>,
        Vec<Vec<(usize, usize)>>,
        Vec<Vec<newslens::tagger::Entity>>,
    );
    let found: Vec<Found> = docs
        .par_iter()
        .map(|doc| {
            let (found, other) = match system {
                ner::System::Tagger => (
                    ner::tagger_entities(tagger, doc, !args.ner_sentences),
                    Vec::new(),
                ),
                ner::System::Engine | ner::System::Rules => {
                    let (text, spans) = ner::detokenize(doc);
                    let ann = if system == ner::System::Engine {
                        crate::engine::annotate(&text)?
                    } else {
                        crate::engine::guarded(|| newslens::annotate_rules(&text))?
                    };
                    (
                        ner::engine_entities(&ann, &spans),
                        ner::engine_other_mentions(&ann, &spans),
                    )
                }
            };
            let tagged = if args.verbose {
                ner::tagger_entities(tagger, doc, !args.ner_sentences)
            } else {
                Vec::new()
            };
            Ok((found, other, tagged))
        })
        .collect::<Result<_>>()?;
    let mut table = Table::default();
    for name in ner::ROWS {
        table.counts_mut(name);
    }
    let (mut sentences, mut tokens) = (0, 0);
    let mut notes = Vec::new();
    for (doc, (found, other, tagged)) in docs.iter().zip(&found) {
        for (i, (s, f)) in doc.sentences.iter().zip(found).enumerate() {
            sentences += 1;
            tokens += s.tokens.len();
            ner::score_sentence(&s.tags, f, &mut table);
            if args.verbose {
                let none = Vec::new();
                notes.extend(ner::diff_sentence(
                    &s.tokens,
                    &s.tags,
                    f,
                    tagged.get(i).unwrap_or(&none),
                    other.get(i).map_or(&[][..], Vec::as_slice),
                ));
            }
        }
    }
    let info = vec![
        (
            "system".to_string(),
            match system {
                ner::System::Tagger => "tagger",
                ner::System::Engine => "engine actors",
                ner::System::Rules => "engine actors, rules alone",
            }
            .into(),
        ),
        ("documents".into(), docs.len().into()),
        ("sentences".into(), sentences.into()),
        ("tokens".into(), tokens.into()),
        (
            "matching".into(),
            "exact span and type; MISC neither right nor wrong".into(),
        ),
    ];
    Ok(Dataset {
        path: path.display().to_string(),
        format: "iob-ner",
        articles: docs.len(),
        table,
        info,
        warnings: Vec::new(),
        notes,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// splitmix64: a tiny, well-known generator; enough to draw a sample.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn eval_brat(dir: &Path, args: &Args) -> Result<Dataset> {
    let start = Instant::now();
    let (mut articles, unannotated) = brat::list(dir)?;
    if articles.is_empty() {
        bail!("{}: no article has an annotation file", dir.display());
    }
    let total = articles.len();
    if let Some(n) = args.limit {
        articles.truncate(n);
    }
    if let Some(n) = args.sample {
        let mut state = args.seed;
        for i in (1..articles.len()).rev() {
            let j = (splitmix(&mut state) % (i as u64 + 1)) as usize;
            articles.swap(i, j);
        }
        articles.truncate(n);
        articles.sort_by(|a, b| a.name.cmp(&b.name));
    }

    struct One {
        table: Table,
        gold: brat::Gold,
        misses: Vec<brat::Miss>,
        wrong: Vec<String>,
        error: Option<String>,
        panic: Option<String>,
    }
    let results: Vec<One> = articles
        .par_iter()
        .map(|a| {
            let loaded = input::Source::File(a.text.clone())
                .read(&input::Reading::default())
                .and_then(|text| {
                    let ann = std::fs::read(&a.ann)
                        .map_err(|e| anyhow!(e))
                        .and_then(input::decode)
                        .with_context(|| a.ann.display().to_string())?;
                    Ok((text, ann))
                });
            match loaded {
                Ok((text, ann_text)) => {
                    let gold = brat::parse(&ann_text, &text);
                    // An engine panic scores as an empty answer (and is reported).
                    let (ann, panic) = match crate::engine::annotate(&text) {
                        Ok(ann) => (ann, None),
                        Err(err) => (
                            Annotation::default(),
                            Some(format!("{}: {err:#}", a.text.display())),
                        ),
                    };
                    let (table, wrong) = brat::score(&ann, &gold);
                    let (misses, wrong) = if args.verbose {
                        let name = a.name.as_str();
                        let lines = brat::wrong_source_lines(&text, &ann, &gold, &wrong, name);
                        (brat::misses(&text, &ann, &gold), lines)
                    } else {
                        Default::default()
                    };
                    One {
                        table,
                        gold,
                        misses,
                        wrong,
                        error: None,
                        panic,
                    }
                }
                Err(err) => One {
                    table: Table::default(),
                    gold: brat::Gold::default(),
                    misses: Vec::new(),
                    wrong: Vec::new(),
                    error: Some(format!("{err:#}")),
                    panic: None,
                },
            }
        })
        .collect();

    let mut table = Table::default();
    // Fixed row order, whatever the first article holds.
    for name in ["quotes", "claims", "attributions"] {
        table.counts_mut(name);
    }
    for name in ["quote speaker", "claimant", "attribution source"] {
        table.accuracy_mut(name);
    }
    let mut warnings = Vec::new();
    let mut notes = Vec::new();
    let (mut checked, mut matching, mut dropped, mut discard, mut gold_quotes) = (0, 0, 0, 0, 0);
    let (mut scored, mut panics) = (0, 0);
    for (a, r) in articles.iter().zip(&results) {
        if let Some(err) = &r.error {
            warnings.push(err.clone());
            continue;
        }
        scored += 1;
        if let Some(p) = &r.panic {
            panics += 1;
            warnings.push(p.clone());
        }
        table.merge(&r.table);
        notes.extend(r.misses.iter().map(|m| m.line(&a.name)));
        notes.extend(r.wrong.iter().cloned());
        checked += r.gold.spans_checked;
        matching += r.gold.spans_matching;
        dropped += r.gold.dropped;
        discard += r.gold.discard.len();
        gold_quotes += r.gold.attributions.iter().filter(|g| g.is_quote).count();
        if r.gold.spans_matching < r.gold.spans_checked {
            warnings.push(format!(
                "{}: {} of {} spans do not match their recorded text",
                a.ann.display(),
                r.gold.spans_checked - r.gold.spans_matching,
                r.gold.spans_checked
            ));
        }
    }
    if args.verbose {
        let all: Vec<brat::Miss> = results.iter().flat_map(|r| r.misses.clone()).collect();
        notes.extend(brat::miss_summary(&all, 30));
    }
    let info = vec![
        ("articles in corpus".to_string(), total.into()),
        ("texts without annotation".into(), unannotated.into()),
        (
            "annotator".into(),
            "first .ann file per article, sorted".into(),
        ),
        ("gold spans checked against the text".into(), checked.into()),
        ("gold spans matching".into(), matching.into()),
        ("gold spans or attributions dropped".into(), dropped.into()),
        ("discard regions".into(), discard.into()),
        ("gold quotes".into(), gold_quotes.into()),
        ("engine panics (scored as empty)".into(), panics.into()),
    ];
    Ok(Dataset {
        path: dir.display().to_string(),
        format: "polnear-brat",
        articles: scored,
        table,
        info,
        warnings,
        notes,
        seconds: start.elapsed().as_secs_f64(),
    })
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{:.1}", v * 100.0))
}

fn print_dataset(out: &mut impl Write, ds: &Dataset, verbose: bool) -> Result<()> {
    writeln!(
        out,
        "== {} ({}, {} article{}, {:.2} s)",
        ds.path,
        ds.format,
        ds.articles,
        if ds.articles == 1 { "" } else { "s" },
        ds.seconds
    )?;
    for (k, v) in &ds.info {
        if k != "about" {
            let v = v.as_str().map_or_else(|| v.to_string(), str::to_string);
            writeln!(out, "   {k}: {v}")?;
        }
    }
    writeln!(
        out,
        "\n{:<22} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "category", "gold", "TP", "FN", "engine", "right", "FP", "P%", "R%", "F1%"
    )?;
    for (name, c) in &ds.table.counts {
        writeln!(
            out,
            "{:<22} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
            name,
            c.gold,
            c.tp(),
            c.fn_(),
            c.engine,
            c.correct,
            c.fp(),
            pct(c.precision()),
            pct(c.recall()),
            pct(c.f1())
        )?;
    }
    if !ds.table.accuracy.is_empty() {
        writeln!(out, "\n{:<22} {:>13} {:>6}", "accuracy", "right/total", "%")?;
    }
    for (name, a) in &ds.table.accuracy {
        let frac = format!("{}/{}", a.correct, a.total);
        writeln!(out, "{:<22} {:>13} {:>6}", name, frac, pct(a.rate()))?;
    }
    if !ds.warnings.is_empty() {
        writeln!(out, "\nwarnings: {}", ds.warnings.len())?;
        let shown = if verbose { ds.warnings.len() } else { 10 };
        for w in ds.warnings.iter().take(shown) {
            writeln!(out, "  {w}")?;
        }
        if ds.warnings.len() > shown {
            writeln!(
                out,
                "  ... ({} more; -v shows all)",
                ds.warnings.len() - shown
            )?;
        }
    }
    if verbose && !ds.notes.is_empty() {
        writeln!(out, "\ndetails:")?;
        for n in &ds.notes {
            writeln!(out, "  {n}")?;
        }
    }
    writeln!(out)?;
    Ok(())
}

#[derive(Serialize)]
struct Report {
    version: u32,
    datasets: Vec<DatasetJson>,
}

#[derive(Serialize)]
struct DatasetJson {
    path: String,
    format: &'static str,
    articles: usize,
    seconds: f64,
    categories: serde_json::Map<String, serde_json::Value>,
    accuracy: serde_json::Map<String, serde_json::Value>,
    info: serde_json::Map<String, serde_json::Value>,
    warnings: Vec<String>,
    details: Vec<String>,
}

impl From<&Dataset> for DatasetJson {
    fn from(ds: &Dataset) -> DatasetJson {
        let to_value =
            |v: serde_json::Result<serde_json::Value>| v.unwrap_or(serde_json::Value::Null);
        DatasetJson {
            path: ds.path.clone(),
            format: ds.format,
            articles: ds.articles,
            seconds: ds.seconds,
            categories: ds
                .table
                .counts
                .iter()
                .map(|(k, c)| {
                    (
                        k.clone(),
                        to_value(serde_json::to_value(CountsJson::from(*c))),
                    )
                })
                .collect(),
            accuracy: ds
                .table
                .accuracy
                .iter()
                .map(|(k, a)| {
                    (
                        k.clone(),
                        to_value(serde_json::to_value(AccuracyJson::from(*a))),
                    )
                })
                .collect(),
            info: ds.info.iter().cloned().collect(),
            warnings: ds.warnings.clone(),
            details: ds.notes.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sampling_is_deterministic_and_spread() {
        let mut a = 7;
        let mut b = 7;
        let xs: Vec<u64> = (0..5).map(|_| splitmix(&mut a)).collect();
        let ys: Vec<u64> = (0..5).map(|_| splitmix(&mut b)).collect();
        assert_eq!(xs, ys);
        assert!(xs.windows(2).all(|w| w[0] != w[1]));
    }
}
