//! `newslens serve`: the web page on 127.0.0.1.
//!
//! `www/` is served at `/` and `pkg/` (the wasm-pack output) at `/pkg/`, so
//! `www/js/engine.js` can import `../pkg/newslens_wasm.js`. Only GET and HEAD;
//! no directory listings; any path that would leave those two folders (a
//! `..` segment, encoded or not, or a symbolic link pointing out) is refused.
//!
//! One thread per connection, one request per connection (`Connection:
//! close`), requests parsed by `httparse`. tiny_http 0.12 was used first: its
//! connection pool can leave a new connection queued behind keep-alive
//! connections that hold every pool thread, so a burst of module requests
//! from the page sometimes never completed. Closing after each answer and
//! giving each connection its own thread (with read and write timeouts)
//! cannot stall that way.

use std::fs;
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};

/// Arguments of `newslens serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Port to listen on (0 picks a free port). Always bound to 127.0.0.1.
    #[arg(long, short = 'p', default_value_t = 8080)]
    pub port: u16,

    /// Directory holding www/ and pkg/ [default: the nearest directory
    /// containing www/, from the current directory upwards]
    #[arg(long)]
    pub root: Option<PathBuf>,
}

/// Longest request head accepted.
const MAX_HEAD: usize = 16 * 1024;
/// How long a connection may take to send its request, or to take the answer.
const TIMEOUT: Duration = Duration::from_secs(15);

pub fn run(args: Args) -> Result<ExitCode> {
    let root = match args.root {
        Some(root) => root,
        None => find_root()?,
    };
    let site = Site::new(&root)?;
    let listener = TcpListener::bind(("127.0.0.1", args.port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?;
    let port = listener.local_addr()?.port();
    // The URL alone on the first line of stdout: scripts and tests read it.
    let mut stdout = io::stdout();
    writeln!(stdout, "http://127.0.0.1:{port}/")?;
    stdout.flush()?;
    eprintln!(
        "newslens: serving {} (www/ at /, pkg/ at /pkg/); press Ctrl-C to stop",
        root.display()
    );
    if site.pkg.is_none() {
        eprintln!(
            "newslens: warning: {} has no pkg/ directory; build it with scripts/build-wasm.sh",
            root.display()
        );
    }

    let site = Arc::new(site);
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let site = Arc::clone(&site);
                // A failed connection (reset, timeout) concerns only itself.
                std::thread::spawn(move || {
                    let _ = site.handle(stream);
                });
            }
            Err(err) => eprintln!("newslens: warning: cannot accept a connection: {err}"),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The nearest directory, from the current one upwards, that contains `www/`.
fn find_root() -> Result<PathBuf> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    cwd.ancestors()
        .find(|d| d.join("www").is_dir())
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            anyhow!(
                "no www/ directory in {} or its parents; pass --root DIR",
                cwd.display()
            )
        })
}

struct Site {
    www: PathBuf,
    pkg: Option<PathBuf>,
}

enum Answer {
    File(PathBuf),
    Status(u16, &'static str),
}

impl Site {
    fn new(root: &Path) -> Result<Site> {
        let www = root
            .join("www")
            .canonicalize()
            .with_context(|| format!("{}: no www/ directory", root.display()))?;
        let pkg = root.join("pkg").canonicalize().ok().filter(|p| p.is_dir());
        Ok(Site { www, pkg })
    }

    /// Reads one request from `stream` and answers it.
    fn handle(&self, mut stream: TcpStream) -> io::Result<()> {
        stream.set_read_timeout(Some(TIMEOUT))?;
        stream.set_write_timeout(Some(TIMEOUT))?;
        let mut buf = Vec::with_capacity(1024);
        let mut chunk = [0u8; 2048];
        let (method, target) = loop {
            let n = stream.read(&mut chunk)?;
            if n == 0 {
                return Ok(()); // closed before a whole request
            }
            buf.extend_from_slice(&chunk[..n]);
            let mut headers = [httparse::EMPTY_HEADER; 64];
            let mut req = httparse::Request::new(&mut headers);
            match req.parse(&buf) {
                Ok(httparse::Status::Complete(_)) => {
                    let method = req.method.unwrap_or("").to_string();
                    let target = req.path.unwrap_or("").to_string();
                    break (method, target);
                }
                Ok(httparse::Status::Partial) if buf.len() <= MAX_HEAD => continue,
                Ok(httparse::Status::Partial) => {
                    return write_status(&mut stream, 431, "request header too large", false)
                }
                Err(_) => return write_status(&mut stream, 400, "bad request", false),
            }
        };
        let head = match method.as_str() {
            "GET" => false,
            "HEAD" => true,
            _ => return write_status(&mut stream, 405, "method not allowed", false),
        };
        match self.resolve(&target) {
            Answer::Status(code, msg) => write_status(&mut stream, code, msg, head),
            Answer::File(path) => match fs::read(&path) {
                Ok(body) => write_response(&mut stream, 200, mime_type(&path), &body, head),
                Err(_) => write_status(&mut stream, 404, "not found", head),
            },
        }
    }

    /// Maps a request target to a file under www/ or pkg/.
    fn resolve(&self, url: &str) -> Answer {
        let path = url.split(['?', '#']).next().unwrap_or("");
        let Some(decoded) = percent_decode(path) else {
            return Answer::Status(400, "bad request");
        };
        if !decoded.starts_with('/') || decoded.contains(['\\', '\0']) {
            return Answer::Status(400, "bad request");
        }
        let mut segments = Vec::new();
        for seg in decoded.split('/') {
            match seg {
                "" | "." => {}
                ".." => return Answer::Status(403, "forbidden"),
                s if s.contains(':') => return Answer::Status(403, "forbidden"),
                s => segments.push(s),
            }
        }
        let (base, rest) = match segments.split_first() {
            Some((&"pkg", rest)) => match &self.pkg {
                Some(pkg) => (pkg, rest),
                None => return Answer::Status(404, "not found (pkg/ is not built)"),
            },
            _ => (&self.www, &segments[..]),
        };
        let mut file = base.clone();
        file.extend(rest);
        if file.is_dir() {
            file.push("index.html");
        }
        // Symbolic links must not lead out of the served folder.
        match file.canonicalize() {
            Ok(real) if real.starts_with(base) && real.is_file() => Answer::File(real),
            Ok(real) if real.is_file() => Answer::Status(403, "forbidden"),
            _ => Answer::Status(404, "not found"),
        }
    }
}

fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "Error",
    }
}

/// Writes a whole answer and ends the connection (`Connection: close`).
fn write_response(
    stream: &mut TcpStream,
    code: u16,
    content_type: &str,
    body: &[u8],
    head: bool,
) -> io::Result<()> {
    let mut out = Vec::with_capacity(256 + if head { 0 } else { body.len() });
    write!(
        out,
        "HTTP/1.1 {code} {}\r\n\
         Content-Type: {content_type}\r\n\
         Content-Length: {}\r\n\
         Cache-Control: no-cache\r\n\
         X-Content-Type-Options: nosniff\r\n\
         Connection: close\r\n\r\n",
        reason(code),
        body.len()
    )?;
    if code == 405 {
        out.truncate(out.len() - 2);
        out.extend_from_slice(b"Allow: GET, HEAD\r\n\r\n");
    }
    if !head {
        out.extend_from_slice(body);
    }
    stream.write_all(&out)?;
    stream.flush()
}

fn write_status(stream: &mut TcpStream, code: u16, msg: &str, head: bool) -> io::Result<()> {
    let body = format!("{code} {msg}\n");
    write_response(
        stream,
        code,
        "text/plain; charset=utf-8",
        body.as_bytes(),
        head,
    )
}

/// Decodes `%XX` escapes; `None` for a malformed escape or non-UTF-8 result.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a file, by extension.
pub fn mime_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "wasm" => "application/wasm",
        "txt" | "ts" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/%2e%2E/x").as_deref(), Some("/../x"));
        assert_eq!(percent_decode("/%zz"), None);
        assert_eq!(percent_decode("/%2"), None);
        assert_eq!(percent_decode("/%ff"), None);
    }

    #[test]
    fn mime_types() {
        assert_eq!(mime_type(Path::new("a/b.wasm")), "application/wasm");
        assert_eq!(
            mime_type(Path::new("a.MJS")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(
            mime_type(Path::new("index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(mime_type(Path::new("LICENSE")), "application/octet-stream");
    }
}
