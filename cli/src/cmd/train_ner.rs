//! `newslens train-ner`: trains the named-entity tagger's weights from the
//! GMB CSV export and wikigold (see `src/tagger/README.md` and
//! `scripts/train-actors.sh`), holding out the last tenth of each, and
//! optionally more corpora used whole (`--btc`, `--wnut17`, `--crossner`,
//! `--iob`).
//!
//! Deterministic: the same files and options write the same bytes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use newslens::tagger::corpus::{self, Document, Labels};
use newslens::tagger::train::{self, Options, Sentence};

use super::UsageError;
use crate::input;

/// Arguments of `newslens train-ner`.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
The last 10% of the sentences of GMB and of wikigold (in file order, each cut into documents of \
10 sentences) are held out of training; --heldout DIR writes them as IOB files \
(gmb-heldout.iob, wikigold-heldout.iob) for `newslens eval --ner`.")]
pub struct Args {
    /// The Groningen Meaning Bank CSV export (ner_dataset.csv).
    #[arg(long, value_name = "ner_dataset.csv")]
    pub gmb: Option<PathBuf>,

    /// wikigold, as published (wikigold.conll.txt).
    #[arg(long, value_name = "wikigold.conll.txt")]
    pub wikigold: Option<PathBuf>,

    /// More training data as IOB files, used whole.
    #[arg(long, value_name = "FILE.iob")]
    pub iob: Vec<PathBuf>,

    /// The Broad Twitter Corpus, a section's CoNLL file (`g.conll`), used
    /// whole, each tweet a document.
    #[arg(long, value_name = "FILE.conll")]
    pub btc: Vec<PathBuf>,

    /// WNUT-17 emerging entities (`wnut17train.conll`), used whole, each
    /// text a document; its labels mapped as `corpus::Labels::Wnut17` says.
    #[arg(long, value_name = "FILE.conll")]
    pub wnut17: Vec<PathBuf>,

    /// CrossNER, one domain's file (`politics/train.txt`), used whole, each
    /// sentence a document; labels mapped as `corpus::Labels::CrossNer` says.
    #[arg(long, value_name = "FILE.txt")]
    pub crossner: Vec<PathBuf>,

    /// Where to write the weights.
    #[arg(long, value_name = "ner.bin")]
    pub out: PathBuf,

    /// Write the held-out sentences here as IOB files.
    #[arg(long, value_name = "DIR")]
    pub heldout: Option<PathBuf>,

    /// Passes over the training data.
    #[arg(long, default_value_t = Options::default().epochs)]
    pub epochs: usize,

    /// The feature table has 2^BITS rows.
    #[arg(long, default_value_t = Options::default().bits, value_parser = clap::value_parser!(u8).range(8..=24))]
    pub bits: u8,

    /// Keep weights from this quantile of the non-zero magnitudes up (in
    /// 1/10000): higher, a smaller file.
    #[arg(long, default_value_t = Options::default().floor_quantile)]
    pub floor: u32,

    /// Drop the rows whose largest weight is under this quantile of the
    /// rows' largest weights (in 1/10000; 0 keeps every row): a smaller file.
    #[arg(long, default_value_t = Options::default().row_quantile)]
    pub row_floor: u32,

    /// Seed of the order sentences are visited in.
    #[arg(long, default_value_t = Options::default().seed)]
    pub seed: u64,
}

/// Sentences a training document has here (neither corpus has document
/// breaks of ours).
const DOC_SENTENCES: usize = 10;

/// The last tenth of `sentences` (rounded up, in file order) held out, the
/// rest for training, both cut into documents of [`DOC_SENTENCES`].
fn documents(path: &Path, sentences: &[Sentence]) -> (Vec<Document>, Vec<Document>) {
    let cut = sentences.len() - sentences.len().div_ceil(10);
    let (train, held) = sentences.split_at(cut);
    eprintln!(
        "{}: {} sentences, {} for training, {} held out",
        path.display(),
        sentences.len(),
        train.len(),
        held.len()
    );
    let docs = |s: &[Sentence]| {
        s.chunks(DOC_SENTENCES)
            .map(|c| Document {
                sentences: c.to_vec(),
            })
            .collect()
    };
    (docs(train), docs(held))
}

fn read(path: &Path) -> Result<String> {
    input::Source::File(path.to_path_buf()).read(&input::Reading::default())
}

pub fn run(args: Args) -> Result<ExitCode> {
    if args.gmb.is_none()
        && args.wikigold.is_none()
        && args.iob.is_empty()
        && args.btc.is_empty()
        && args.wnut17.is_empty()
        && args.crossner.is_empty()
    {
        return Err(UsageError(
            "give training data: --gmb, --wikigold, --iob, --btc, --wnut17 or --crossner".into(),
        )
        .into());
    }
    let mut training: Vec<Document> = Vec::new();
    let mut heldout: Vec<(&str, Vec<Document>)> = Vec::new();
    if let Some(path) = &args.gmb {
        // The export is Latin-1 (a few accented names), not UTF-8.
        let bytes =
            std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|e| e.into_bytes().iter().map(|&b| char::from(b)).collect());
        let sentences = corpus::parse_gmb_csv(&text)
            .map_err(anyhow::Error::msg)
            .with_context(|| path.display().to_string())?;
        let (train, held) = documents(path, &sentences);
        training.extend(train);
        heldout.push(("gmb-heldout.iob", held));
    }
    if let Some(path) = &args.wikigold {
        let text = read(path)?;
        // Read as plain IOB: its sentences, cut into documents as GMB's are
        // (no other corpus's document conventions are read here).
        let sentences: Vec<_> = corpus::parse_iob(&text)
            .map_err(anyhow::Error::msg)
            .with_context(|| path.display().to_string())?
            .into_iter()
            .flat_map(|d| d.sentences)
            .collect();
        let (train, held) = documents(path, &sentences);
        training.extend(train);
        heldout.push(("wikigold-heldout.iob", held));
    }
    for path in &args.iob {
        let text = read(path)?;
        let docs = corpus::parse_iob(&text)
            .map_err(anyhow::Error::msg)
            .with_context(|| path.display().to_string())?;
        training.extend(docs);
    }
    // Corpora of short independent texts (tweets, comments, sentences from
    // many articles): each sentence a document of its own.
    let sources = [
        (&args.btc, Labels::Standard),
        (&args.wnut17, Labels::Wnut17),
        (&args.crossner, Labels::CrossNer),
    ];
    for (paths, labels) in sources {
        for path in paths {
            let text = read(path)?;
            let docs = corpus::parse_iob_labels(&text, labels)
                .map_err(anyhow::Error::msg)
                .with_context(|| path.display().to_string())?;
            let before = training.len();
            training.extend(
                docs.into_iter()
                    .flat_map(|d| d.sentences)
                    .map(|s| Document { sentences: vec![s] }),
            );
            eprintln!(
                "{}: {} sentences, all for training",
                path.display(),
                training.len() - before
            );
        }
    }
    if let Some(dir) = &args.heldout {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
        for (name, docs) in &heldout {
            let path = dir.join(name);
            std::fs::write(&path, corpus::write_iob(docs))
                .with_context(|| format!("{}: cannot write", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
    }
    let opts = Options {
        epochs: args.epochs,
        bits: args.bits,
        seed: args.seed,
        floor_quantile: args.floor,
        row_quantile: args.row_floor,
    };
    let docs: Vec<&[Sentence]> = training.iter().map(|d| d.sentences.as_slice()).collect();
    let sentences: usize = docs.iter().map(|d| d.len()).sum();
    let tokens: usize = docs
        .iter()
        .flat_map(|d| d.iter())
        .map(|s| s.tokens.len())
        .sum();
    eprintln!(
        "training on {} documents, {sentences} sentences ({tokens} tokens), {} epochs, 2^{} rows",
        docs.len(),
        opts.epochs,
        opts.bits
    );
    let start = Instant::now();
    let model = train::train_documents(&docs, &opts, |e| {
        eprintln!(
            "epoch {}: {:.2}% of tokens mistagged ({:.1} s)",
            e.epoch,
            100.0 * e.token_errors as f64 / e.tokens.max(1) as f64,
            start.elapsed().as_secs_f64()
        );
    });
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("{}: cannot write", args.out.display()))?;
    eprintln!(
        "wrote {} ({} bytes, {} rows in use of {})",
        args.out.display(),
        bytes.len(),
        model.rows_used(),
        1usize << model.bits()
    );
    Ok(ExitCode::SUCCESS)
}
