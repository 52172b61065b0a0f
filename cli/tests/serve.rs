//! `newslens serve` run as a real process on a temp root with www/ and pkg/.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

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
    let root = temp_dir("serve");
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
