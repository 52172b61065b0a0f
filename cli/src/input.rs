//! Reading article text: UTF-8 or UTF-16 (by its byte-order mark), no binary
//! files, a size limit, HTML reduced to its article text, directories walked.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};

/// File extensions picked up when walking a directory.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "text", "html", "htm"];

/// Default for `--max-size`: 256 MiB.
pub const DEFAULT_MAX_SIZE: u64 = 256 * 1024 * 1024;

/// How inputs are read.
#[derive(Clone, Copy, Debug)]
pub struct Reading {
    /// Inputs longer than this many bytes are refused (reading stops there).
    pub max_size: u64,
    /// Read every input as HTML, whatever its name (standard input included).
    pub html: bool,
}

impl Default for Reading {
    fn default() -> Reading {
        Reading {
            max_size: DEFAULT_MAX_SIZE,
            html: false,
        }
    }
}

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

    /// True for a `.html` or `.htm` file.
    pub fn is_html(&self) -> bool {
        match self {
            Source::Stdin => false,
            Source::File(p) => has_extension(p, &["html", "htm"]),
        }
    }

    /// Reads and decodes the input, and reduces HTML to its article text;
    /// errors name the input.
    pub fn read(&self, how: &Reading) -> Result<String> {
        let name = match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::File(p) => p.display().to_string(),
        };
        let bytes = match self {
            Source::Stdin => read_limited(std::io::stdin().lock(), how.max_size),
            Source::File(p) => match fs::File::open(p) {
                Ok(file) => {
                    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
                    if len > how.max_size {
                        Err(too_large(how.max_size))
                    } else {
                        read_limited(file, how.max_size)
                    }
                }
                Err(err) => Err(anyhow!(err).context("cannot read")),
            },
        }
        .with_context(|| name.clone())?;
        let text = decode(bytes).with_context(|| name.clone())?;
        Ok(if how.html || self.is_html() {
            crate::html::to_text(&text).with_context(|| name.clone())?
        } else {
            text
        })
    }
}

fn too_large(max: u64) -> anyhow::Error {
    anyhow!(
        "larger than the size limit of {} (--max-size to change it)",
        show_size(max)
    )
}

/// Reads at most `max` bytes; more is an error. A NUL byte in the first
/// block of input that is not UTF-16 stops the reading at once (binary data:
/// `/dev/zero` is refused without reading it all).
fn read_limited(mut from: impl Read, max: u64) -> Result<Vec<u8>> {
    const BLOCK: usize = 64 * 1024;
    let mut buf = Vec::new();
    let mut sniffed = false;
    loop {
        let start = buf.len();
        buf.resize(start + BLOCK, 0);
        let n = loop {
            match from.read(&mut buf[start..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(anyhow!(e).context("cannot read")),
            }
        };
        buf.truncate(start + n);
        if buf.len() as u64 > max {
            return Err(too_large(max));
        }
        if !sniffed && (buf.len() >= BLOCK || n == 0) {
            sniffed = true;
            check_not_binary(&buf)?;
        }
        if n == 0 {
            return Ok(buf);
        }
    }
}

/// `--max-size` values: a number of bytes with an optional K, M or G
/// (powers of 1,024; `KB`, `MiB` and the like are accepted too).
pub fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(digits);
    let num: u64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a size (examples: 1000, 64K, 256M, 1G)"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("{s:?}: unknown unit (use K, M or G)")),
    };
    num.checked_mul(1 << shift)
        .ok_or_else(|| format!("{s:?} is too large"))
}

/// "256 MB", "64 KB", "1000 bytes" (powers of 1,024).
pub fn show_size(n: u64) -> String {
    for (shift, unit) in [(30, "GB"), (20, "MB"), (10, "KB")] {
        if n >= 1 << shift && n.is_multiple_of(1 << shift) {
            return format!("{} {unit}", n >> shift);
        }
    }
    format!("{n} bytes")
}

/// Refuses binary data from the first bytes of an input: a NUL byte where
/// there is no UTF-16 byte-order mark. NUL bytes in at least half of the
/// even (or odd) positions and almost none of the others are named as
/// UTF-16 without a byte-order mark.
fn check_not_binary(head: &[u8]) -> Result<()> {
    if utf16_bom(head).is_some() {
        return Ok(());
    }
    if let Some(pos) = memchr_nul(head) {
        return Err(nul_error(head, pos));
    }
    Ok(())
}

fn nul_error(bytes: &[u8], pos: usize) -> anyhow::Error {
    let sample = &bytes[..bytes.len().min(4096)];
    let nul_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let pairs = sample.len() / 2;
    let (even, odd) = (nul_at(0), nul_at(1));
    // Mostly-Latin UTF-16: a NUL in at least half the units, all on one side.
    let utf16 = pairs >= 4
        && ((even * 2 >= pairs && odd * 20 <= pairs) || (odd * 2 >= pairs && even * 20 <= pairs));
    if utf16 {
        let order = if odd > even { "LE" } else { "BE" };
        anyhow!(
            "looks like UTF-16{order} text without a byte-order mark (NUL byte at byte offset {pos}); \
             newslens reads UTF-8, and UTF-16 only with a byte-order mark: convert it with \
             `iconv -f UTF-16{order} -t UTF-8`"
        )
    } else {
        anyhow!(
            "binary file (NUL byte at byte offset {pos}); newslens reads UTF-8 or UTF-16 text only"
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Utf16 {
    Le,
    Be,
}

fn utf16_bom(bytes: &[u8]) -> Option<Utf16> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(Utf16::Le),
        [0xFE, 0xFF, ..] => Some(Utf16::Be),
        _ => None,
    }
}

/// Decodes bytes as text, refusing binary data.
///
/// - A UTF-16 byte-order mark (`FF FE` little-endian, `FE FF` big-endian)
///   means UTF-16: it is decoded, and an odd length, an unpaired surrogate
///   or a NUL character is refused with its byte offset.
/// - Anything else must be UTF-8; a leading UTF-8 byte-order mark
///   (`EF BB BF`) is dropped, as browsers do.
/// - A NUL byte marks a binary file (or UTF-16 without a byte-order mark,
///   which is named as such). Invalid UTF-8 is reported with the byte offset
///   (and line) of the first bad sequence, counted in the file.
///
/// The byte-order mark is never part of the text, and nothing else is
/// stripped or normalized (`\r\n` stays): offsets count in the decoded text.
pub fn decode(bytes: Vec<u8>) -> Result<String> {
    if let Some(order) = utf16_bom(&bytes) {
        return decode_utf16(&bytes[2..], order);
    }
    if let Some(pos) = memchr_nul(&bytes) {
        return Err(nul_error(&bytes, pos));
    }
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let mut bytes = bytes;
    bytes.drain(..bom);
    String::from_utf8(bytes).map_err(|err| {
        let at = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        anyhow!(
            "invalid UTF-8 at byte offset {} (line {line}); newslens reads UTF-8 or UTF-16 text only",
            at + bom
        )
    })
}

/// Decodes UTF-16 `body` (after its byte-order mark).
fn decode_utf16(body: &[u8], order: Utf16) -> Result<String> {
    let name = match order {
        Utf16::Le => "UTF-16LE",
        Utf16::Be => "UTF-16BE",
    };
    if !body.len().is_multiple_of(2) {
        bail!(
            "{name} text with an odd number of bytes ({}): the last character is cut",
            body.len() + 2
        );
    }
    let units = body.chunks_exact(2).map(|p| match order {
        Utf16::Le => u16::from_le_bytes([p[0], p[1]]),
        Utf16::Be => u16::from_be_bytes([p[0], p[1]]),
    });
    let mut text = String::with_capacity(body.len() / 2 * 3 / 2);
    let mut at = 2; // byte offset in the file of the next unit
    for c in char::decode_utf16(units) {
        match c {
            Ok('\0') => bail!("{name} text with a NUL character at byte offset {at}"),
            Ok(c) => {
                text.push(c);
                at += 2 * c.len_utf16();
            }
            Err(_) => bail!("invalid {name}: unpaired surrogate at byte offset {at}"),
        }
    }
    Ok(text)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Expands command-line arguments into inputs, in order: `-` is standard
/// input, files are taken as given (whatever their extension), directories
/// are walked recursively for `.txt`, `.md`, `.text`, `.html` and `.htm`
/// files (sorted by
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
                        "{}: no .txt, .md, .text, .html or .htm files in this directory",
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
        } else if has_extension(&path, TEXT_EXTENSIONS) && (meta.is_file() || path.is_file()) {
            out.push(Source::File(path));
        }
    }
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|t| e.eq_ignore_ascii_case(t)))
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
    fn empty_text_is_valid_and_a_utf8_bom_is_dropped() {
        assert_eq!(decode(Vec::new()).unwrap(), "");
        assert_eq!(decode("\u{feff}x\r\n".into()).unwrap(), "x\r\n");
        // Only a leading one: U+FEFF inside the text stays.
        assert_eq!(decode("x\u{feff}".into()).unwrap(), "x\u{feff}");
        let err = decode(b"\xEF\xBB\xBFab\xff".to_vec()).unwrap_err();
        assert!(format!("{err:#}").contains("byte offset 5"), "{err:#}");
    }

    fn utf16(text: &str, le: bool) -> Vec<u8> {
        let mut out = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in text.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        let text = "“Zoë” said 🌍.\r\n";
        assert_eq!(decode(utf16(text, true)).unwrap(), text);
        assert_eq!(decode(utf16(text, false)).unwrap(), text);
        assert_eq!(decode(vec![0xFF, 0xFE]).unwrap(), "");
    }

    #[test]
    fn bad_utf16_is_refused_as_utf16() {
        let mut odd = utf16("ab", true);
        odd.push(b'c');
        let mut lone = utf16("ab", true);
        lone.extend([0x00, 0xD8, b'c', 0]);
        let nul = utf16("a\0b", false);
        for (bytes, want) in [
            (odd, "odd number of bytes"),
            (lone, "unpaired surrogate at byte offset 6"),
            (nul, "NUL character at byte offset 4"),
        ] {
            let msg = format!("{:#}", decode(bytes).unwrap_err());
            assert!(msg.contains("UTF-16") && msg.contains(want), "{msg}");
            assert!(!msg.contains("binary"), "{msg}");
        }
        // Without a byte-order mark: named as UTF-16, not as binary.
        let bare: Vec<u8> = "Hello there, said Bob."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let msg = format!("{:#}", decode(bare).unwrap_err());
        assert!(msg.contains("UTF-16LE") && !msg.contains("binary"), "{msg}");
    }

    #[test]
    fn reading_stops_past_the_limit() {
        let err = read_limited(io::repeat(b'a'), 100_000).unwrap_err();
        assert!(format!("{err:#}").contains("size limit of 100000 bytes"));
        assert_eq!(read_limited(&b"abc"[..], 3).unwrap(), b"abc");
        let err = read_limited(io::repeat(0), u64::MAX).unwrap_err();
        assert!(format!("{err:#}").contains("binary"));
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("64K"), Ok(64 << 10));
        assert_eq!(parse_size("256MB"), Ok(256 << 20));
        assert_eq!(parse_size("1 GiB"), Ok(1 << 30));
        assert!(parse_size("12X").is_err());
        assert!(parse_size("M").is_err());
        assert_eq!(show_size(DEFAULT_MAX_SIZE), "256 MB");
        assert_eq!(show_size(1000), "1000 bytes");
    }

    #[test]
    fn text_extensions_are_case_insensitive() {
        assert!(has_extension(Path::new("a/b.TXT"), TEXT_EXTENSIONS));
        assert!(has_extension(Path::new("b.md"), TEXT_EXTENSIONS));
        assert!(has_extension(Path::new("b.Html"), TEXT_EXTENSIONS));
        assert!(!has_extension(Path::new("b.pdf"), TEXT_EXTENSIONS));
        assert!(!has_extension(Path::new("txt"), TEXT_EXTENSIONS));
    }
}
