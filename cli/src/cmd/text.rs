//! `newslens text`: the text `annotate` sees, printed as it is.
//!
//! Decoded (UTF-8 or UTF-16, byte-order mark dropped) and, for HTML, reduced
//! to the article text; every offset `annotate` prints counts in this text.
//! Nothing is added: no trailing newline, no colour.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use super::annotate::{ReadArgs, INPUT_HELP};
use crate::input::Source;

/// Arguments of `newslens text`.
#[derive(clap::Args, Debug)]
#[command(after_help = INPUT_HELP)]
pub struct Args {
    /// The file to read (`-` or nothing for standard input).
    #[arg(value_name = "FILE")]
    pub input: Option<PathBuf>,

    #[command(flatten)]
    pub read: ReadArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let source = match args.input {
        Some(p) if p.as_os_str() != "-" => Source::File(p),
        _ => Source::Stdin,
    };
    let text = source.read(&args.read.into())?;
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        r => r
            .map(|()| ExitCode::SUCCESS)
            .context("cannot write to standard output"),
    }
}
