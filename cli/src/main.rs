//! `newslens`: the command-line door to the newslens engine.
//!
//! - `newslens annotate [FILE|DIR ...|-]` prints the annotation JSON (or a
//!   coloured terminal view) of articles;
//! - `newslens text FILE` prints the text `annotate` would annotate (decoded,
//!   HTML reduced to its article text);
//! - `newslens serve` serves the web page (`www/` and `pkg/`) on 127.0.0.1;
//! - `newslens eval GOLD...` scores the engine against annotated articles;
//! - `newslens train-ner` trains the named-entity tagger's weights.
//!
//! This file only parses arguments, dispatches and prints errors. Exit codes:
//! 0 success, 1 runtime failure, 2 usage error.

mod cmd;
mod engine;
mod html;
mod input;
mod render;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Finds actors, quotes and claims in news articles.
#[derive(Parser)]
#[command(name = "newslens", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Annotate articles and print the annotation (JSON, JSON Lines or a terminal view).
    Annotate(cmd::annotate::Args),
    /// Print the text an input is annotated as (decoded; HTML reduced to its article text).
    Text(cmd::text::Args),
    /// Serve the web page (www/ at /, pkg/ at /pkg/) on 127.0.0.1.
    Serve(cmd::serve::Args),
    /// Score the engine against gold annotations (seed JSON, PolNeAR brat, or IOB NER).
    Eval(cmd::eval::Args),
    /// Train the named-entity tagger's weights (GMB CSV, wikigold, IOB files).
    TrainNer(cmd::train_ner::Args),
}

/// Keeps glibc's malloc from raising its mmap threshold (up to 32 MiB,
/// each time a large block is freed): after the first big table of a long
/// text is freed, the later ones would come from the heap, whose freed
/// pages stay resident. Fixed at 128 KiB, every large block is mapped and
/// returned at once: 1.9-7 MB less peak memory on a 10 MiB text
/// (BENCHMARKS.md, "Peak memory").
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn fix_mmap_threshold() {
    extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    const M_MMAP_THRESHOLD: i32 = -3;
    // SAFETY: mallopt only sets a parameter of glibc's allocator; it is
    // called before any thread starts.
    unsafe {
        mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    }
}

fn main() -> ExitCode {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fix_mmap_threshold();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version go to stdout with exit 0; real usage errors exit 2.
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Annotate(args) => cmd::annotate::run(args),
        Command::Text(args) => cmd::text::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::TrainNer(args) => cmd::train_ner::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if let Some(usage) = err.downcast_ref::<cmd::UsageError>() {
                eprintln!("newslens: error: {usage}");
                return ExitCode::from(2);
            }
            if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v == "1") {
                eprintln!("newslens: error: {err:?}");
            } else {
                eprintln!("newslens: error: {err:#}");
            }
            ExitCode::from(1)
        }
    }
}
