//! `newslens annotate`: print the annotation of one or many articles.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newslens::{Export, OffsetUnit};
use rayon::prelude::*;
use serde::Serialize;

use super::UsageError;
use crate::input::{self, Source};
use crate::render;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One pretty JSON document (JSON Lines when there are several inputs).
    Json,
    /// One compact JSON document per line, each with a `file` field.
    Jsonl,
    /// The article with mentions, quotes and claims marked, then who said what.
    Text,
}

/// Offset units for the JSON output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Offsets {
    /// UTF-16 code units (what JavaScript's String.slice counts).
    Utf16,
    /// UTF-8 bytes.
    Bytes,
    /// Unicode scalar values (what Python's str counts).
    Chars,
}

impl From<Offsets> for OffsetUnit {
    fn from(o: Offsets) -> OffsetUnit {
        match o {
            Offsets::Utf16 => OffsetUnit::Utf16,
            Offsets::Bytes => OffsetUnit::Bytes,
            Offsets::Chars => OffsetUnit::Chars,
        }
    }
}

/// When to colour the text view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Colour when standard output is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// How inputs are read: shared by `annotate --help` and `text --help`.
pub const INPUT_HELP: &str = "\
Inputs: with no FILE, or with `-`, the text is read from standard input. Directories are \
walked recursively for .txt, .md, .text, .html and .htm files; files named explicitly are read \
whatever their extension.

Encodings: UTF-8, or UTF-16 (LE or BE) with a byte-order mark. A byte-order mark is never part \
of the text: offsets count in the decoded text (for a UTF-16 file, --offsets bytes counts the \
bytes of its UTF-8 form, not of the file). Invalid UTF-8 or UTF-16 is refused with the byte \
offset of the first bad byte; a file with NUL bytes is refused as binary (or, when they fall \
on every other byte, as UTF-16 without a byte-order mark). An empty file is valid and gives an \
empty annotation. Nothing else is stripped or normalized (\\r\\n stays).

HTML: .html and .htm files (and every input with --html) are reduced to their article text by \
the page's rules (the <article>, else <main>, else <body>; scripts, styles, navigation, asides, \
forms and hidden elements left out; block elements and <br> end paragraphs, separated by a \
blank line; whitespace collapsed). Offsets count in that text; `newslens text FILE` prints it.

Size: inputs over --max-size (default 256M) are refused; reading stops at the limit.

A bad file is reported on stderr and the others are still annotated; the exit code is then 1.";

/// Options on how inputs are read (`annotate` and `text`).
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct ReadArgs {
    /// Largest input accepted, in bytes, or with K, M or G (powers of 1,024).
    #[arg(long, value_name = "SIZE", default_value = "256M", value_parser = input::parse_size)]
    pub max_size: u64,

    /// Read every input as HTML (standard input too), not only .html and .htm files.
    #[arg(long)]
    pub html: bool,
}

impl From<ReadArgs> for input::Reading {
    fn from(a: ReadArgs) -> input::Reading {
        input::Reading {
            max_size: a.max_size,
            html: a.html,
        }
    }
}

/// Arguments of `newslens annotate`.
#[derive(clap::Args, Debug)]
#[command(after_help = INPUT_HELP)]
pub struct Args {
    /// Files or directories to annotate (`-` for standard input).
    #[arg(value_name = "FILE|DIR")]
    pub inputs: Vec<PathBuf>,

    /// Output format [default: json; jsonl for several inputs]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,

    /// Unit of every offset in the JSON output.
    #[arg(long, value_enum, default_value = "utf16")]
    pub offsets: Offsets,

    /// Colour the text view.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,

    /// Actors by the engine's rules alone, without the learned tagger stage:
    /// the document the WASM build (page, extension, npm) gives.
    #[arg(long)]
    pub rules: bool,

    #[command(flatten)]
    pub read: ReadArgs,
}

/// A JSON Lines record: the document with the name of its file first.
#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    #[serde(flatten)]
    export: &'a Export,
}

/// Files handled between two writes to stdout (bounded memory for big batches).
const CHUNK: usize = 64;
/// Batches of at least this many files get a progress bar (on a terminal).
const PROGRESS_MIN_FILES: usize = 20;

pub fn run(args: Args) -> Result<ExitCode> {
    let (sources, expand_errors) = input::expand(&args.inputs);
    if sources.iter().filter(|s| **s == Source::Stdin).count() > 1 {
        return Err(UsageError("standard input (`-`) can be read only once".into()).into());
    }
    let mut failed = !expand_errors.is_empty();
    for err in &expand_errors {
        eprintln!("newslens: error: {err:#}");
    }

    let batch = sources.len() > 1
        || input::names_directory(&args.inputs)
        || args.format == Some(Format::Jsonl);
    let format = match args.format {
        Some(Format::Text) => Format::Text,
        _ if batch => Format::Jsonl,
        _ => Format::Json,
    };
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let job = Job {
        format,
        unit: args.offsets.into(),
        color,
        batch,
        reading: args.read.into(),
        rules: args.rules,
    };

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = if !batch && sources.len() == 1 {
        match job.single(&sources[0], &mut out) {
            Ok(()) => Ok(()),
            Err(err) if is_broken_pipe(&err) => return Ok(ExitCode::SUCCESS),
            Err(err) => {
                eprintln!("newslens: error: {err:#}");
                failed = true;
                Ok(())
            }
        }
    } else {
        job.many(&sources, &mut out, &mut failed)
    };
    match result.and_then(|()| out.flush().map_err(Into::into)) {
        Ok(()) => {}
        Err(err) if is_broken_pipe(&err) => return Ok(ExitCode::SUCCESS),
        Err(err) => return Err(err.context("cannot write to standard output")),
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

struct Job {
    format: Format,
    unit: OffsetUnit,
    color: bool,
    batch: bool,
    reading: input::Reading,
    rules: bool,
}

impl Job {
    fn annotate(&self, text: &str) -> Result<newslens::Annotation> {
        if self.rules {
            crate::engine::guarded(|| newslens::annotate_rules(text))
        } else {
            crate::engine::annotate(text)
        }
    }

    /// One input, streamed straight to `out` (the big-file path).
    fn single(&self, source: &Source, out: &mut impl Write) -> Result<()> {
        let text = source.read(&self.reading)?;
        let annotation = self.annotate(&text).with_context(|| source.name())?;
        match self.format {
            Format::Text => {
                render::write_view(out, &text, &annotation, self.color)?;
            }
            _ => {
                let export = Export::from_annotation(&text, annotation, self.unit);
                serde_json::to_writer_pretty(&mut *out, &export)?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    /// Renders one input of a batch to a string (run on worker threads).
    fn render_one(&self, source: &Source) -> Result<Vec<u8>> {
        let text = source.read(&self.reading)?;
        let annotation = self.annotate(&text).with_context(|| source.name())?;
        let mut buf = Vec::new();
        match self.format {
            Format::Text => {
                if self.batch {
                    let header = format!("==> {} <==", source.name());
                    writeln!(buf, "{}", render::heading(&header, self.color))?;
                }
                render::write_view(&mut buf, &text, &annotation, self.color)?;
                buf.push(b'\n');
            }
            _ => {
                let export = Export::from_annotation(&text, annotation, self.unit);
                let name = source.name();
                serde_json::to_writer(
                    &mut buf,
                    &Line {
                        file: &name,
                        export: &export,
                    },
                )
                .context("cannot serialize")?;
                buf.push(b'\n');
            }
        }
        Ok(buf)
    }

    /// Many inputs: annotated in parallel, a chunk at a time, written in
    /// input order. A bad file is reported and skipped.
    fn many(&self, sources: &[Source], out: &mut impl Write, failed: &mut bool) -> Result<()> {
        let progress = if sources.len() >= PROGRESS_MIN_FILES && io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(
                Some(sources.len() as u64),
                ProgressDrawTarget::stderr(),
            );
            if let Ok(style) =
                ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed} (eta {eta})")
            {
                bar.set_style(style);
            }
            bar
        } else {
            ProgressBar::hidden()
        };
        for chunk in sources.chunks(CHUNK) {
            let results: Vec<Result<Vec<u8>>> = chunk
                .par_iter()
                .map(|source| {
                    let r = self.render_one(source);
                    progress.inc(1);
                    r
                })
                .collect();
            for result in results {
                match result {
                    Ok(bytes) => out.write_all(&bytes)?,
                    Err(err) => {
                        *failed = true;
                        progress.suspend(|| eprintln!("newslens: error: {err:#}"));
                    }
                }
            }
        }
        progress.finish_and_clear();
        Ok(())
    }
}
