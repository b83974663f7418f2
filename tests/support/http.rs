//! A phone's HTTP/1.1 client that can speak from any loopback address, so
//! one test plays many devices (127.0.0.2, 127.0.0.3, …) against one
//! server. Keeps its connection alive between requests, like a browser.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::time::Duration;

/// An answer: status, headers (names in lower case) and body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body as text (lossy: a gzipped body is bytes, see `body_bytes`).
    pub body: String,
    /// The body's length as it came over the wire.
    pub body_bytes: usize,
    /// The body's bytes as they came (gzip or brotli stays packed).
    pub raw: Vec<u8>,
    /// Head and body as they came over the wire.
    pub wire_bytes: usize,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// A TCP connection to `server` from `source` (port chosen by the system).
pub fn connect_from(source: Ipv4Addr, server: SocketAddr) -> std::io::Result<TcpStream> {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)?;
    socket.bind(&SocketAddr::new(source.into(), 0).into())?;
    socket.connect_timeout(&server.into(), Duration::from_secs(10))?;
    let stream: TcpStream = socket.into();
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    stream.set_nodelay(true)?;
    Ok(stream)
}

/// `http://127.0.0.1:PORT` → the socket address.
pub fn server_of(base: &str) -> SocketAddr {
    base.trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .expect("a base URL of IP:PORT")
}

pub struct Client {
    pub source: Ipv4Addr,
    server: SocketAddr,
    conn: Option<BufReader<TcpStream>>,
}

impl Client {
    pub fn new(source: Ipv4Addr, base: &str) -> Client {
        Client {
            source,
            server: server_of(base),
            conn: None,
        }
    }

    /// Sends one request; a kept-alive connection the server closed
    /// meanwhile is replaced once, as a browser does.
    pub fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> std::io::Result<Reply> {
        self.send_bytes(method, path, headers, body.unwrap_or("").as_bytes())
    }

    /// As `send`, with a body of any bytes (a photo).
    pub fn send_bytes(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Reply> {
        let reused = self.conn.is_some();
        match self.try_send(method, path, headers, body) {
            Ok(r) => Ok(r),
            Err(_) if reused => {
                self.conn = None;
                self.try_send(method, path, headers, body)
            }
            Err(e) => Err(e),
        }
    }

    fn try_send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Reply> {
        if self.conn.is_none() {
            self.conn = Some(BufReader::new(connect_from(self.source, self.server)?));
        }
        let conn = self.conn.as_mut().expect("connected above");
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.server);
        for (n, v) in headers {
            head.push_str(&format!("{n}: {v}\r\n"));
        }
        let has_length = headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-length"));
        if !has_length && (!body.is_empty() || method == "POST") {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let stream = conn.get_mut();
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
        let reply = read_reply(conn)?;
        if reply
            .header("connection")
            .is_some_and(|c| c.eq_ignore_ascii_case("close"))
        {
            self.conn = None;
        }
        Ok(reply)
    }
}

fn read_reply(conn: &mut BufReader<TcpStream>) -> std::io::Result<Reply> {
    let mut line = String::new();
    let mut head_bytes = conn.read_line(&mut line)?;
    if head_bytes == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("not HTTP: {line:?}")))?;
    let mut headers = Vec::new();
    loop {
        line.clear();
        head_bytes += conn.read_line(&mut line)?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((n, v)) = l.split_once(':') {
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok());
    let mut body = Vec::new();
    match length {
        Some(n) => {
            body.resize(n, 0);
            conn.read_exact(&mut body)?;
        }
        None => {
            conn.read_to_end(&mut body)?;
        }
    }
    Ok(Reply {
        status,
        headers,
        body_bytes: body.len(),
        wire_bytes: head_bytes + body.len(),
        body: String::from_utf8_lossy(&body).into_owned(),
        raw: body,
    })
}

/// What one read of a phone's socket brought.
pub enum Heard {
    Message(tungstenite::Message),
    /// Nothing within the socket's read timeout: ask again.
    Nothing,
    /// The socket broke, or it was silent for the whole `quiet`.
    Gone,
}

/// One read of a socket set to a short read timeout; `heard` is when it
/// last brought a message.
pub fn listen<S: Read + Write>(
    ws: &mut tungstenite::WebSocket<S>,
    heard: &mut std::time::Instant,
    quiet: Duration,
) -> Heard {
    match ws.read() {
        Ok(msg) => {
            *heard = std::time::Instant::now();
            Heard::Message(msg)
        }
        Err(tungstenite::Error::Io(e))
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) && heard.elapsed() < quiet =>
        {
            Heard::Nothing
        }
        Err(_) => Heard::Gone,
    }
}

/// A socket was told "changed up to `n`" at `now`: a burst comes folded,
/// so it heard of every update after `seen` up to `n` then. Returns what it
/// has seen now. `arrivals` holds, per update number, when each socket heard.
pub fn arrived(
    arrivals: &std::sync::Mutex<Vec<Vec<std::time::Instant>>>,
    seen: usize,
    n: usize,
    now: std::time::Instant,
) -> usize {
    let mut a = arrivals.lock().unwrap();
    if a.len() <= n {
        a.resize(n + 1, Vec::new());
    }
    for k in seen + 1..=n {
        a[k].push(now);
    }
    seen.max(n)
}
