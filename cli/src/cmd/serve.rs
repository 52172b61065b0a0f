//! `newslens serve`: the web page on 127.0.0.1.
//!
//! `www/` is served at `/` and `pkg/` (the wasm-pack output) at `/pkg/`, so
//! `www/js/engine.js` can import `../pkg/newslens_wasm.js`. Only GET and HEAD;
//! no directory listings; any path that would leave those two folders (a
//! `..` segment, encoded or not, or a symbolic link pointing out) is refused.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{anyhow, Context, Result};
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

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

/// Worker threads answering requests.
const WORKERS: usize = 4;

pub fn run(args: Args) -> Result<ExitCode> {
    let root = match args.root {
        Some(root) => root,
        None => find_root()?,
    };
    let site = Site::new(&root)?;
    let server = Server::http(("127.0.0.1", args.port))
        .map_err(|e| anyhow!("{e}"))
        .with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or_else(|| anyhow!("server has no IP address"))?;
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

    let server = Arc::new(server);
    let site = Arc::new(site);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let server = Arc::clone(&server);
            let site = Arc::clone(&site);
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    site.answer(request);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
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

    fn answer(&self, request: Request) {
        // tiny_http leaves the body out of answers to HEAD by itself.
        match request.method() {
            Method::Get | Method::Head => {}
            _ => {
                let _ = request.respond(text_response(405, "method not allowed"));
                return;
            }
        }
        let response = match self.resolve(request.url()) {
            Answer::Status(code, msg) => text_response(code, msg),
            Answer::File(path) => match fs::read(&path) {
                Ok(bytes) => {
                    let r = Response::from_data(bytes)
                        .with_header(header("Content-Type", mime_type(&path)))
                        .with_header(header("Cache-Control", "no-cache"))
                        .with_header(header("X-Content-Type-Options", "nosniff"));
                    let _ = request.respond(r);
                    return;
                }
                Err(_) => text_response(404, "not found"),
            },
        };
        let _ = request.respond(response);
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

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values are ASCII constants")
}

fn text_response(code: u16, msg: &str) -> Response<io::Cursor<Vec<u8>>> {
    Response::from_data(format!("{code} {msg}\n").into_bytes())
        .with_status_code(StatusCode(code))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
        .with_header(header("Cache-Control", "no-cache"))
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
