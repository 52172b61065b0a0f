//! One module per subcommand.

pub mod annotate;
pub mod eval;
pub mod serve;
pub mod text;
pub mod train_ner;

use std::fmt;

/// A mistake in how the command was called (exit code 2), as opposed to a
/// failure while running it (exit code 1).
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}
