//! `newslens serve` run as a real process on a temp root with www/ and pkg/:
//! what it serves and refuses, its connection cap and its whole-request timeout.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{temp_dir, BIN};

/// Kills the server when the test ends, pass or fail.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends a raw request target (not normalized, unlike most clients).
fn get(port: u16, target: &str) -> Reply {
    request(port, "GET", target)
}

fn request(port: u16, method: &str, target: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read reply");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

const WASM: &[u8] = b"\0asm\x01\0\0\0";

fn start() -> (Server, u16) {
    start_with("serve", &[])
}

/// Starts `newslens serve` on a fresh root named `name`, with `extra` arguments.
fn start_with(name: &str, extra: &[&str]) -> (Server, u16) {
    let root = temp_dir(name);
    std::fs::create_dir_all(root.join("www/js")).unwrap();
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    std::fs::write(
        root.join("www/index.html"),
        "<!doctype html><meta charset=\"utf-8\"><title>t</title>",
    )
    .unwrap();
    std::fs::write(root.join("www/js/main.js"), "export const x = 1;\n").unwrap();
    std::fs::write(root.join("pkg/newslens_wasm_bg.wasm"), WASM).unwrap();
    std::fs::write(root.join("pkg/newslens_wasm.js"), "export default 1;\n").unwrap();
    std::fs::write(root.join("Cargo.toml"), "SECRET-OUTSIDE-WWW\n").unwrap();

    let mut child = Command::new(BIN)
        .args(["serve", "--port", "0", "--root", root.to_str().unwrap()])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start server");
    let stdout = child.stdout.take().expect("stdout");
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("URL line");
    let url = line.trim();
    let port = url
        .strip_prefix("http://127.0.0.1:")
        .and_then(|r| r.strip_suffix('/'))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
    (server, port)
}

#[test]
fn serves_the_page_and_the_wasm_and_refuses_traversal() {
    let (_server, port) = start();

    let r = get(port, "/");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(r.header("Cache-Control"), Some("no-cache"));
    assert!(String::from_utf8_lossy(&r.body).contains("<title>t</title>"));

    let r = get(port, "/pkg/newslens_wasm_bg.wasm");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Content-Type"), Some("application/wasm"));
    assert_eq!(r.body, WASM);

    let r = get(port, "/js/main.js?v=2");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );
    let r = get(port, "/pkg/newslens_wasm.js");
    assert_eq!(
        r.header("Content-Type"),
        Some("text/javascript; charset=utf-8")
    );

    for target in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E%2FCargo.toml",
        "/pkg/../../Cargo.toml",
        "/pkg/%2e%2e/%2e%2e/Cargo.toml",
        "/js/..%2f..%2fCargo.toml",
        "/..\\Cargo.toml",
    ] {
        let r = get(port, target);
        assert!(
            r.status == 403 || r.status == 404 || r.status == 400,
            "{target}: {}",
            r.status
        );
        assert!(
            !String::from_utf8_lossy(&r.body).contains("SECRET"),
            "{target} leaked"
        );
    }

    assert_eq!(get(port, "/missing.js").status, 404);
    let r = request(port, "HEAD", "/");
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    assert_eq!(request(port, "POST", "/").status, 405);
}

#[test]
fn idle_connections_do_not_stall_new_requests() {
    let (_server, port) = start();
    // Connections that never send a request (as a browser's spare sockets).
    let idle: Vec<TcpStream> = (0..12)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).expect("connect"))
        .collect();
    let threads: Vec<_> = (0..16)
        .map(|i| {
            std::thread::spawn(move || {
                let target = if i % 2 == 0 {
                    "/"
                } else {
                    "/pkg/newslens_wasm_bg.wasm"
                };
                get(port, target).status
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), 200);
    }
    let r = get(port, "/js/main.js");
    assert_eq!(r.header("Connection"), Some("close"));
    drop(idle);
}

#[test]
fn a_root_without_www_is_an_error() {
    let root = temp_dir("serve-no-www");
    let o = Command::new(BIN)
        .args(["serve", "--port", "0", "--root", root.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("www"));
}

/// This process's soft limit on open files (Linux), 1,024 when unknown.
fn open_files_limit() -> usize {
    std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|l| {
            l.lines()
                .find(|line| line.starts_with("Max open files"))
                .and_then(|line| line.split_whitespace().nth(3)?.parse().ok())
        })
        .unwrap_or(1024)
}

/// Threads of process `pid` (Linux).
fn threads(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .expect("read /proc/PID/task")
        .count()
}

/// Sockets process `pid` holds open (Linux): the listener and its connections.
fn sockets(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .expect("read /proc/PID/fd")
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .filter(|target| target.to_string_lossy().starts_with("socket:"))
        .count()
}

#[test]
#[cfg(target_os = "linux")]
fn many_idle_connections_cost_no_threads_and_wait_beyond_the_cap() {
    let (server, port) = start_with("serve-cap", &["--max-connections", "32"]);
    let pid = server.0.id();
    // 1,000 sockets that never send a request (fewer if this process may not
    // open that many files); all connect at once (the ones beyond the cap
    // wait in the kernel's accept queue).
    let count = open_files_limit().saturating_sub(64).min(1000);
    assert!(
        count >= 100,
        "too few file descriptors for this test ({count})"
    );
    let idle: Vec<TcpStream> = (0..count)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).expect("connect"))
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let (t, s) = (threads(pid), sockets(pid));
    // The old server had one thread per connection (1,001 here).
    assert!(t <= 12, "{t} threads for {count} idle connections");
    // The listener plus at most 32 accepted connections.
    assert!(s <= 33, "{s} sockets open in the server (cap 32)");
    assert!(s >= 20, "{s} sockets: the server accepts up to its cap");
    drop(idle);
    // Once they are gone, requests are served again.
    assert_eq!(get(port, "/").status, 200);
}

#[test]
fn a_slow_client_is_cut_off_after_the_request_timeout() {
    let (_server, port) = start_with("serve-slow", &["--request-timeout", "2"]);
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let started = Instant::now();
    s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    // A header line every half second: each read alone is quick, the whole
    // request never ends. Cut off = the server closes (EOF or reset) or
    // answers with an error.
    let mut buf = [0u8; 256];
    let cut = loop {
        assert!(
            started.elapsed() < Duration::from_secs(12),
            "still connected after 12 s with a 2 s request timeout"
        );
        if s.write_all(b"X-Slow: 1\r\n").is_err() {
            break started.elapsed();
        }
        match s.read(&mut buf) {
            Ok(0) => break started.elapsed(),
            Ok(n) => {
                let head = String::from_utf8_lossy(&buf[..n]);
                assert!(!head.starts_with("HTTP/1.1 200"), "served: {head}");
                break started.elapsed();
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => break started.elapsed(),
        }
    };
    assert!(
        cut >= Duration::from_millis(1500),
        "cut off too early ({cut:?})"
    );
    // Other clients are still served.
    assert_eq!(get(port, "/").status, 200);
}

#[test]
fn a_request_beyond_the_cap_waits_until_idle_connections_time_out() {
    let (_server, port) = start_with(
        "serve-queue",
        &["--max-connections", "4", "--request-timeout", "2"],
    );
    // Eight silent sockets: four take every slot, four wait behind them.
    let idle: Vec<TcpStream> = (0..8)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).expect("connect"))
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    // Queued, not refused: served once the silent ones are cut off.
    let r = get(port, "/");
    assert_eq!(r.status, 200);
    drop(idle);
}

#[test]
fn an_oversized_request_head_is_refused() {
    let (_server, port) = start();
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let big = "a".repeat(20_000);
    let _ = write!(s, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {big}\r\n\r\n");
    let mut reply = Vec::new();
    let _ = s.read_to_end(&mut reply);
    let head = String::from_utf8_lossy(&reply);
    // 431, or a reset that lost it (the server closes with unread bytes).
    assert!(
        head.starts_with("HTTP/1.1 431") || reply.is_empty(),
        "{head}"
    );
}
