//! Reading article text: strict UTF-8, no binary files, directories walked.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};

/// File extensions picked up when walking a directory.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "text"];

/// One input to annotate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input (`-`, or no argument).
    Stdin,
    /// A file on disk.
    File(PathBuf),
}

impl Source {
    /// The name used in messages and in the `file` field of JSON Lines.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }

    /// Reads and decodes the input; errors name the input.
    pub fn read(&self) -> Result<String> {
        let bytes = match self {
            Source::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut buf)
                    .context("<stdin>: cannot read")?;
                buf
            }
            Source::File(p) => {
                fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?
            }
        };
        let name = match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::File(p) => p.display().to_string(),
        };
        decode(bytes).with_context(|| name)
    }
}

/// Decodes bytes as UTF-8 text, refusing binary data.
///
/// A NUL byte marks a binary file. Invalid UTF-8 is reported with the byte
/// offset (and line) of the first bad sequence. The text is kept exactly as
/// it is (a byte-order mark or `\r\n` included), so offsets count from the
/// first byte of the file.
pub fn decode(bytes: Vec<u8>) -> Result<String> {
    if let Some(pos) = memchr_nul(&bytes) {
        bail!("binary file (NUL byte at byte offset {pos}); newslens reads UTF-8 text only");
    }
    String::from_utf8(bytes).map_err(|err| {
        let at = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        anyhow!("invalid UTF-8 at byte offset {at} (line {line}); newslens reads UTF-8 text only")
    })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Expands command-line arguments into inputs, in order: `-` is standard
/// input, files are taken as given (whatever their extension), directories
/// are walked recursively for `.txt`, `.md` and `.text` files (sorted by
/// path; symbolic links to directories are not followed). Problems with one
/// argument are returned beside the inputs so the caller can go on.
pub fn expand(args: &[PathBuf]) -> (Vec<Source>, Vec<anyhow::Error>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    if args.is_empty() {
        sources.push(Source::Stdin);
        return (sources, errors);
    }
    for arg in args {
        if arg.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        match fs::metadata(arg) {
            Ok(meta) if meta.is_dir() => {
                let before = sources.len();
                walk(arg, &mut sources, &mut errors);
                if sources.len() == before {
                    errors.push(anyhow!(
                        "{}: no .txt, .md or .text files in this directory",
                        arg.display()
                    ));
                }
            }
            Ok(_) => sources.push(Source::File(arg.clone())),
            Err(err) => {
                errors.push(anyhow!(err).context(format!("{}: cannot open", arg.display())))
            }
        }
    }
    (sources, errors)
}

/// True when `args` names at least one directory (the output is then a batch).
pub fn names_directory(args: &[PathBuf]) -> bool {
    args.iter().any(|a| a.as_os_str() != "-" && a.is_dir())
}

fn walk(dir: &Path, out: &mut Vec<Source>, errors: &mut Vec<anyhow::Error>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            errors.push(anyhow!(err).context(format!("{}: cannot list directory", dir.display())));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        // symlink_metadata: do not follow links to directories (no loops).
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            walk(&path, out, errors);
        } else if has_text_extension(&path) && (meta.is_file() || path.is_file()) {
            out.push(Source::File(path));
        }
    }
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| e.eq_ignore_ascii_case(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_the_byte_offset_and_line() {
        let err = decode(b"ab\ncd\xffef".to_vec()).unwrap_err();
        let msg = format!("{err:#}");
        assert!(msg.contains("byte offset 5"), "{msg}");
        assert!(msg.contains("line 2"), "{msg}");
    }

    #[test]
    fn nul_byte_is_a_binary_file() {
        let err = decode(b"abc\0def".to_vec()).unwrap_err();
        assert!(format!("{err:#}").contains("binary file"));
    }

    #[test]
    fn empty_and_bom_text_are_kept_as_is() {
        assert_eq!(decode(Vec::new()).unwrap(), "");
        assert_eq!(decode("\u{feff}x\r\n".into()).unwrap(), "\u{feff}x\r\n");
    }

    #[test]
    fn text_extensions_are_case_insensitive() {
        assert!(has_text_extension(Path::new("a/b.TXT")));
        assert!(has_text_extension(Path::new("b.md")));
        assert!(!has_text_extension(Path::new("b.html")));
        assert!(!has_text_extension(Path::new("txt")));
    }
}
