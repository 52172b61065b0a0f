//! `newslens serve`: the web page on 127.0.0.1.
//!
//! `www/` is served at `/` and `pkg/` (what scripts/build-wasm.sh writes) at `/pkg/`, so
//! the page's engine worker can import `../pkg/newslens_wasm.js`. Only GET and
//! HEAD; no directory listings; any path that would leave those two folders
//! (a `..` segment, encoded or not, or a symbolic link pointing out) is
//! refused.
//!
//! HTTP is hyper's (HTTP/1.1 only) on a tokio runtime of two worker threads
//! (plus at most four for file reads), so connections cost tasks, not
//! threads. Two bounds hold whatever clients do:
//!
//! - at most `--max-connections` connections are open at once; the next
//!   ones wait in the kernel's accept queue until one ends;
//! - each connection gets one request (`Connection: close`) and the whole
//!   exchange, from accept to the last byte of the answer, must fit in
//!   `--request-timeout` seconds, so a client that sends a header line every
//!   few seconds (slow loris) or never reads is cut off.
//!
//! History: tiny_http 0.12 was tried first (its pool could leave a new
//! connection queued behind keep-alive sockets), then one thread per
//! connection on `httparse` (no cap on threads, and a per-read timeout that
//! a slow client could renew forever).

use std::convert::Infallible;
use std::fs;
use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpSocket};
use tokio::sync::Semaphore;

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

    /// Most connections open at once; further ones wait in the accept queue.
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=65536))]
    pub max_connections: u32,

    /// Seconds a connection may take, from accept to the end of the answer.
    #[arg(long, value_name = "SECONDS", default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout: u64,
}

/// Length of the kernel's queue of connections not yet accepted.
const BACKLOG: u32 = 1024;
/// Longest request head accepted (hyper answers 431 beyond it).
const MAX_HEAD: usize = 16 * 1024;

pub fn run(args: Args) -> Result<ExitCode> {
    let root = match args.root {
        Some(root) => root,
        None => find_root()?,
    };
    let site = Site::new(&root)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(4)
        .thread_name("newslens-serve")
        .enable_io()
        .enable_time()
        .build()
        .context("cannot start the server runtime")?;
    runtime.block_on(serve(
        site,
        root,
        args.port,
        args.max_connections as usize,
        Duration::from_secs(args.request_timeout),
    ))
}

async fn serve(
    site: Site,
    root: PathBuf,
    port: u16,
    max_connections: usize,
    timeout: Duration,
) -> Result<ExitCode> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = listen(addr).with_context(|| format!("cannot listen on 127.0.0.1:{port}"))?;
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
    let slots = Arc::new(Semaphore::new(max_connections));
    loop {
        // A free slot first, then accept: beyond the cap, connections wait
        // in the kernel's queue instead of costing memory here.
        let slot = Arc::clone(&slots).acquire_owned().await?;
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(err) => {
                // Out of file descriptors and the like: wait a little.
                eprintln!("newslens: warning: cannot accept a connection: {err}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let site = Arc::clone(&site);
        tokio::spawn(async move {
            let service = service_fn(move |req| {
                let site = Arc::clone(&site);
                async move { Ok::<_, Infallible>(site.answer(req).await) }
            });
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(timeout)
                .keep_alive(false)
                .max_buf_size(MAX_HEAD)
                .serve_connection(TokioIo::new(stream), service);
            // The whole exchange in `timeout`; a failed connection (reset,
            // timeout) concerns only itself.
            let _ = tokio::time::timeout(timeout, connection).await;
            drop(slot);
        });
    }
}

/// Binds `addr` with a long accept queue (1,024; the standard library's is
/// 128), where connections beyond `--max-connections` wait.
fn listen(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
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

    /// Answers one request: a file under www/ or pkg/, or an error status.
    async fn answer(self: Arc<Self>, req: Request<Incoming>) -> Response<Full<Bytes>> {
        if req.method() != Method::GET && req.method() != Method::HEAD {
            let mut r = status(405, "method not allowed");
            r.headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return r;
        }
        let target = req.uri().path().to_string();
        let site = Arc::clone(&self);
        // Path checks and the read touch the disk: off the async threads.
        let found = tokio::task::spawn_blocking(move || match site.resolve(&target) {
            Answer::Status(code, msg) => Err((code, msg)),
            Answer::File(path) => fs::read(&path)
                .map(|body| (path, body))
                .map_err(|_| (404, "not found")),
        })
        .await
        .unwrap_or(Err((500, "internal error")));
        match found {
            Ok((path, body)) => response(200, mime_type(&path), body),
            Err((code, msg)) => status(code, msg),
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

/// A whole answer; the connection ends after it (`Connection: close`).
/// hyper sends no body for HEAD but keeps the Content-Length.
fn response(code: u16, content_type: &'static str, body: Vec<u8>) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(body)));
    *r.status_mut() = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CONNECTION, HeaderValue::from_static("close"));
    r
}

fn status(code: u16, msg: &str) -> Response<Full<Bytes>> {
    response(
        code,
        "text/plain; charset=utf-8",
        format!("{code} {msg}\n").into_bytes(),
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
