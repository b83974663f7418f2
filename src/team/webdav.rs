//! The team folder over WebDAV. Every laptop only ever adds files
//! (`If-None-Match: *`): nothing on the server is replaced, so correctness
//! does not rest on ETags or `If-Match`, which some servers change or ignore.

use std::time::Duration;

use base64::Engine;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};
use ureq::http::{Method, Request};
use ureq::tls::{RootCerts, TlsConfig, TlsProvider};

use crate::error::{Error, Result, TeamProblem};

/// What identifies the team folder; the password comes from the system's
/// credential store, never from the store or a file.
#[derive(Clone)]
pub struct Account {
    /// The WebDAV address the folder lies in, e.g. a Nextcloud user's
    /// `https://cloud.example/remote.php/dav/files/USER/`.
    pub address: String,
    pub user: String,
    pub password: String,
    /// The team's folder under the address, one name.
    pub folder: String,
}

// Printed without the password: a log or a panic never shows it.
impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("address", &self.address)
            .field("user", &self.user)
            .field("folder", &self.folder)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Folder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Folder")
            .field("url", &self.base)
            .finish_non_exhaustive()
    }
}

/// A reachable team folder.
pub struct Folder {
    /// The folder's URL, ending in `/`.
    base: String,
    /// The address the folder lies in, ending in `/`.
    parent: String,
    authorization: String,
    agent: ureq::Agent,
}

/// What adding a file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    Added,
    /// A file of that name was there already and was left as it is.
    WasThere,
}

/// One entry of a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub is_folder: bool,
    pub size: u64,
}

/// A folder's entries with names of ours; `strangers` counts the others
/// (left alone: a name from the server is never used as a path unchecked).
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub entries: Vec<Entry>,
    pub strangers: usize,
}

/// The longest name of ours (a device id and a sequence number, a content hash).
const NAME_MAX: usize = 120;
/// The largest file read from the folder: a change file or a photo.
const FILE_MAX: u64 = 64 * 1024 * 1024;
/// A listing's answer; thousands of entries fit.
const LISTING_MAX: u64 = 16 * 1024 * 1024;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const TIMEOUT: Duration = Duration::from_secs(120);

/// Characters a path segment of ours leaves encoded.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'`')
    .add(b'{')
    .add(b'}');

fn problem(problem: TeamProblem, detail: impl Into<String>) -> Error {
    Error::Team {
        problem,
        detail: detail.into(),
    }
}

/// A name the app itself writes: letters, digits, `-`, `_` and `.`, not
/// starting with a dot, at most `NAME_MAX` long.
pub(crate) fn is_our_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= NAME_MAX
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Plain HTTP only to this machine: elsewhere the password and the
/// workshops would cross the network readable.
fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

impl Folder {
    /// The folder of `account`, not yet contacted. Plain `http://` is taken
    /// for this machine only, unless `allow_http`.
    pub fn new(account: &Account, allow_http: bool) -> Result<Folder> {
        let address = account.address.trim();
        let (scheme, rest) = address
            .split_once("://")
            .ok_or_else(|| problem(TeamProblem::Address, address))?;
        let authority = rest.split('/').next().unwrap_or_default();
        let host = match authority.rfind(':') {
            // A port after the host (an IPv6 host is in brackets).
            Some(i) if !authority.ends_with(']') => &authority[..i],
            _ => authority,
        };
        // `user:password@` in the address would keep the password where the
        // address is kept: the password goes to the credential store only.
        if host.is_empty()
            || authority.contains('@')
            || address.contains(['?', '#'])
            || address.chars().any(char::is_control)
        {
            return Err(problem(TeamProblem::Address, address));
        }
        match scheme.to_ascii_lowercase().as_str() {
            "https" => {}
            "http" if allow_http || is_loopback(host) => {}
            "http" => return Err(problem(TeamProblem::Insecure, address)),
            _ => return Err(problem(TeamProblem::Address, address)),
        }
        let folder = account.folder.trim();
        if folder.is_empty()
            || folder.len() > NAME_MAX
            || folder == "."
            || folder == ".."
            || folder.contains(['/', '\\'])
            || folder.chars().any(char::is_control)
        {
            return Err(problem(TeamProblem::FolderName, folder));
        }
        let parent = format!("{}/", address.trim_end_matches('/'));
        let base = format!("{parent}{}/", utf8_percent_encode(folder, SEGMENT));
        let credentials = format!("{}:{}", account.user, account.password);
        let authorization = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(credentials)
        );
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(TIMEOUT))
            .max_redirects(0)
            // The system's own trust store: a city's own certificate
            // authority works once the machine trusts it.
            .tls_config(
                TlsConfig::builder()
                    .provider(TlsProvider::NativeTls)
                    .root_certs(RootCerts::PlatformVerifier)
                    .build(),
            )
            .build()
            .new_agent();
        Ok(Folder {
            base,
            parent,
            authorization,
            agent,
        })
    }

    /// "Verbindung prüfen": the address answers, the password is right, the
    /// team folder is there (made if missing) and takes a new file.
    pub fn check(&self) -> Result<()> {
        let status = self
            .send(
                Method::from_bytes(b"PROPFIND").expect("method"),
                &self.parent,
                Some("0"),
                Vec::new(),
            )?
            .0;
        match status {
            207 => {}
            200 => return Err(problem(TeamProblem::NotWebdav, self.parent.clone())),
            other => return Err(self.refusal(other, &self.parent)),
        }
        self.make_folder("")?;
        let probe = format!("wz-probe-{}", uuid::Uuid::new_v4().simple());
        self.put_new(&probe, b"Wandzeitung".to_vec())?;
        let (status, _) = self.send(Method::DELETE, &self.url(&probe), None, Vec::new())?;
        if !matches!(status, 200 | 204 | 404) {
            return Err(self.refusal(status, &probe));
        }
        Ok(())
    }

    /// Makes the folder at `path` (segments below the team folder, `/`
    /// separated; "" is the team folder itself) and the ones above it. One
    /// look when it is there; another laptop making it at the same moment
    /// is no error.
    pub fn make_folder(&self, path: &str) -> Result<()> {
        let mut so_far = String::new();
        let mut todo: Vec<String> = vec![String::new()];
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            so_far = if so_far.is_empty() {
                segment.to_owned()
            } else {
                format!("{so_far}/{segment}")
            };
            todo.push(so_far.clone());
        }
        let folder_url = |folder: &str| {
            if folder.is_empty() {
                self.base.clone()
            } else {
                format!("{}/", self.url(folder))
            }
        };
        if self.is_folder(&folder_url(&so_far))? {
            return Ok(());
        }
        for folder in todo {
            let url = folder_url(&folder);
            let (status, _) = self.send(
                Method::from_bytes(b"MKCOL").expect("method"),
                &url,
                None,
                Vec::new(),
            )?;
            // 405: it is there already. Anything else may be a race with
            // another laptop making it (Apache then answers 403 or 409):
            // what counts is that it is there now.
            if !matches!(status, 201 | 405) && !self.is_folder(&url)? {
                return Err(self.refusal(status, &url));
            }
        }
        Ok(())
    }

    /// Whether a folder is at `url`.
    fn is_folder(&self, url: &str) -> Result<bool> {
        let (status, answer) = self.send(
            Method::from_bytes(b"PROPFIND").expect("method"),
            url,
            Some("0"),
            br#"<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>"#.to_vec(),
        )?;
        match status {
            207 => Ok(parse_multistatus(&answer)
                .map_err(|e| problem(TeamProblem::Garbled, e))?
                .iter()
                .any(|e| e.is_folder)),
            404 => Ok(false),
            other => Err(self.refusal(other, url)),
        }
    }

    /// Adds the file at `path` unless one of that name is there: a file in
    /// the team folder is never replaced.
    pub fn put_new(&self, path: &str, bytes: Vec<u8>) -> Result<Put> {
        let url = self.url(path);
        let request = self
            .request(Method::PUT, &url, None)
            .header("If-None-Match", "*")
            .header("Content-Type", "application/octet-stream")
            .body(bytes)
            .map_err(|e| problem(TeamProblem::Address, e.to_string()))?;
        let (status, _) = self.run(request, 0)?;
        match status {
            200 | 201 | 204 => Ok(Put::Added),
            412 => Ok(Put::WasThere),
            other => Err(self.refusal(other, path)),
        }
    }

    /// The entries of the folder at `path` ("" for the team folder).
    pub fn list(&self, path: &str) -> Result<Listing> {
        let url = if path.is_empty() {
            self.base.clone()
        } else {
            format!("{}/", self.url(path))
        };
        let body = br#"<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getcontentlength/></d:prop></d:propfind>"#.to_vec();
        let (status, answer) = self.send(
            Method::from_bytes(b"PROPFIND").expect("method"),
            &url,
            Some("1"),
            body,
        )?;
        if status != 207 {
            return Err(self.refusal(status, &url));
        }
        let own_path = url_path(&url);
        let mut listing = Listing::default();
        for entry in parse_multistatus(&answer).map_err(|e| problem(TeamProblem::Garbled, e))? {
            let path = url_path(&entry.href);
            if path.trim_end_matches('/') == own_path.trim_end_matches('/') {
                continue;
            }
            let raw = path
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default();
            let name = percent_decode_str(raw)
                .decode_utf8()
                .map(|n| n.into_owned());
            match name {
                Ok(name) if is_our_name(&name) => listing.entries.push(Entry {
                    name,
                    is_folder: entry.is_folder,
                    size: entry.size,
                }),
                _ => listing.strangers += 1,
            }
        }
        listing.entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(listing)
    }

    /// The file at `path`, read whole (at most 64 MB).
    pub fn get(&self, path: &str) -> Result<Vec<u8>> {
        let url = self.url(path);
        let request = self
            .request(Method::GET, &url, None)
            .body(Vec::new())
            .map_err(|e| problem(TeamProblem::Address, e.to_string()))?;
        let (status, bytes) = self.run(request, FILE_MAX)?;
        match status {
            200 => Ok(bytes),
            other => Err(self.refusal(other, path)),
        }
    }

    /// The URL of `path` below the team folder; each segment must be ours.
    fn url(&self, path: &str) -> String {
        debug_assert!(
            path.split('/').all(is_our_name),
            "not a name of ours: {path:?}"
        );
        let encoded: Vec<String> = path
            .split('/')
            .map(|s| utf8_percent_encode(s, SEGMENT).to_string())
            .collect();
        format!("{}{}", self.base, encoded.join("/"))
    }

    fn request(
        &self,
        method: Method,
        url: &str,
        depth: Option<&str>,
    ) -> ureq::http::request::Builder {
        let mut request = Request::builder()
            .method(method)
            .uri(url)
            .header("Authorization", &self.authorization)
            .header(
                "User-Agent",
                concat!("Wandzeitung/", env!("CARGO_PKG_VERSION")),
            );
        if let Some(depth) = depth {
            request = request
                .header("Depth", depth)
                .header("Content-Type", "application/xml; charset=utf-8");
        }
        request
    }

    fn send(
        &self,
        method: Method,
        url: &str,
        depth: Option<&str>,
        body: Vec<u8>,
    ) -> Result<(u16, Vec<u8>)> {
        let request = self
            .request(method, url, depth)
            .body(body)
            .map_err(|e| problem(TeamProblem::Address, e.to_string()))?;
        self.run(request, LISTING_MAX)
    }

    /// Status and body (up to `limit` bytes) of one request; the network's
    /// failures in the team's words.
    fn run(&self, request: Request<Vec<u8>>, limit: u64) -> Result<(u16, Vec<u8>)> {
        let response = self.agent.run(request).map_err(transport)?;
        let status = response.status().as_u16();
        let body = if limit == 0 {
            Vec::new()
        } else {
            response
                .into_body()
                .into_with_config()
                .limit(limit)
                .read_to_vec()
                .map_err(transport)?
        };
        Ok((status, body))
    }

    /// What a refusing status means for the team.
    fn refusal(&self, status: u16, what: &str) -> Error {
        let kind = match status {
            401 => TeamProblem::WrongPassword,
            403 | 405 => TeamProblem::NoPermission,
            404 | 409 => TeamProblem::NoSuchFolder,
            413 | 507 => TeamProblem::Full,
            423 => TeamProblem::Locked,
            301 | 302 | 303 | 307 | 308 => TeamProblem::NotWebdav,
            _ => TeamProblem::Server,
        };
        problem(kind, format!("HTTP {status}: {what}"))
    }
}

fn transport(e: ureq::Error) -> Error {
    let text = e.to_string();
    let kind = match &e {
        ureq::Error::BodyExceedsLimit(_) => TeamProblem::Garbled,
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => TeamProblem::Address,
        // OpenSSL and schannel say it in their own words.
        _ if text.contains("certificate") || text.contains("CERT_") => TeamProblem::Certificate,
        ureq::Error::Tls(_) => TeamProblem::Certificate,
        _ => TeamProblem::Unreachable,
    };
    problem(kind, text)
}

/// The path part of a URL or of an `href` (which may be either).
fn url_path(href: &str) -> String {
    match href.split_once("://") {
        Some((_, rest)) => rest
            .find('/')
            .map_or("/".to_owned(), |i| rest[i..].to_owned()),
        None => href.to_owned(),
    }
}

struct Propstat {
    href: String,
    is_folder: bool,
    size: u64,
}

/// The responses of a PROPFIND's multistatus, read by local name (servers
/// choose their own namespace prefixes).
fn parse_multistatus(xml: &[u8]) -> std::result::Result<Vec<Propstat>, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut found = Vec::new();
    let mut current: Option<Propstat> = None;
    let mut text_of: Option<&'static str> = None;
    let mut buf = Vec::new();
    loop {
        match reader
            .read_event_into(&mut buf)
            .map_err(|e| e.to_string())?
        {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "response" => {
                    current = Some(Propstat {
                        href: String::new(),
                        is_folder: false,
                        size: 0,
                    })
                }
                "href" => text_of = Some("href"),
                "getcontentlength" => text_of = Some("size"),
                "collection" => {
                    if let Some(c) = current.as_mut() {
                        c.is_folder = true;
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if let (Some(what), Some(c)) = (text_of, current.as_mut()) {
                    let text = t.xml10_content();
                    match what {
                        "href" => c.href.push_str(text.trim()),
                        _ => c.size = text.trim().parse().unwrap_or(0),
                    }
                }
            }
            // `&amp;` and its kin arrive on their own.
            Event::GeneralRef(r) => {
                if let (Some("href"), Some(c)) = (text_of, current.as_mut()) {
                    let entity = match r.xml10_content().as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        _ => return Err("an unknown entity in an href".into()),
                    };
                    c.href.push(entity);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "response" => found.extend(current.take()),
                "href" | "getcontentlength" => text_of = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nextcloud's answer: its own prefixes, absolute paths, `&amp;`.
    #[test]
    fn a_nextcloud_multistatus_is_read_by_local_names() {
        let xml = br#"<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns">
 <d:response><d:href>/remote.php/dav/files/a/team/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop></d:propstat></d:response>
 <d:response><d:href>/remote.php/dav/files/a/team/1.json.gz</d:href>
  <d:propstat><d:prop><d:resourcetype/><d:getcontentlength>42</d:getcontentlength></d:prop></d:propstat></d:response>
 <d:response><d:href>/remote.php/dav/files/a/team/R&amp;D</d:href>
  <d:propstat><d:prop><d:resourcetype/></d:prop></d:propstat></d:response>
</d:multistatus>"#;
        let found = parse_multistatus(xml).unwrap();
        let hrefs: Vec<(&str, bool, u64)> = found
            .iter()
            .map(|p| (p.href.as_str(), p.is_folder, p.size))
            .collect();
        assert_eq!(
            hrefs,
            [
                ("/remote.php/dav/files/a/team/", true, 0),
                ("/remote.php/dav/files/a/team/1.json.gz", false, 42),
                ("/remote.php/dav/files/a/team/R&D", false, 0)
            ]
        );
        assert!(parse_multistatus(b"<d:multistatus><d:response>").is_ok_and(|f| f.is_empty()));
        assert!(
            parse_multistatus(b"<a></b>").is_err(),
            "mismatched tags are garbled"
        );
    }

    #[test]
    fn our_names_are_plain_and_short() {
        for ours in ["1.json.gz", "laptop-a", "0f3a_b.jpg"] {
            assert!(is_our_name(ours), "{ours}");
        }
        for other in [
            "",
            ".",
            "..",
            "../x",
            "a/b",
            "ä",
            "a b",
            "\u{1}",
            &"x".repeat(121),
        ] {
            assert!(!is_our_name(other), "{other:?}");
        }
    }
}
