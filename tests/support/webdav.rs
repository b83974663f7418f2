//! A real WebDAV server for the team-folder tests: Debian's Apache httpd
//! with mod_dav and Basic authentication on 127.0.0.1, configured from
//! `tests/webdav/httpd.conf`, running as long as the value lives.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const USER: &str = "moderation";
pub const PASSWORD: &str = "app-passwort-1234";

pub struct WebDav {
    pub port: u16,
    /// The certificate authority of an HTTPS server (PEM), not trusted by
    /// the machine unless a test says so (`SSL_CERT_FILE`).
    pub ca: Option<PathBuf>,
    /// The folder the server serves (its `/`).
    pub root: PathBuf,
    server: Child,
    conf: PathBuf,
    _dir: tempfile::TempDir,
}

/// Apache in the foreground on `conf`, once it listens.
fn serve(conf: &Path, dir: &Path, port: u16) -> Child {
    let server = Command::new("/usr/sbin/apache2")
        .arg("-f")
        .arg(conf)
        .args(["-DFOREGROUND", "-k", "start"])
        .env("APACHE_RUN_DIR", dir)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("apache2 starts");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "apache2 did not listen: {}",
            std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

/// SIGTERM ends Apache and its workers; SIGKILL would leave workers.
fn stop(server: &mut Child) {
    unsafe {
        libc::kill(server.id() as i32, libc::SIGTERM);
    }
    let _ = server.wait();
}

impl WebDav {
    /// Starts the server over plain HTTP; `make test` installs apache2
    /// (scripts/setup.sh).
    pub fn start() -> WebDav {
        Self::launch(false)
    }

    /// Starts the server over HTTPS, its certificate signed by a
    /// certificate authority made here (as a city's own would be).
    pub fn start_https() -> WebDav {
        Self::launch(true)
    }

    fn launch(https: bool) -> WebDav {
        let apache = Path::new("/usr/sbin/apache2");
        assert!(
            apache.exists(),
            "apache2 is missing: `make test` installs it (scripts/setup.sh test)"
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("www");
        std::fs::create_dir_all(root.join("readonly")).unwrap();
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let users = Command::new("htpasswd")
            .args(["-bcB", "-C", "4"])
            .arg(dir.path().join("users"))
            .args([USER, PASSWORD])
            .output()
            .expect("htpasswd (apache2-utils)");
        assert!(users.status.success(), "htpasswd: {users:?}");
        // As root, Apache's workers run as www-data: the served folder is theirs.
        let as_root = unsafe { libc::geteuid() } == 0;
        let user = if as_root {
            "User www-data\nGroup www-data"
        } else {
            ""
        };
        let (ca, tls) = if https {
            let (ca, cert, key) = certificates(dir.path());
            let modules = "/usr/lib/apache2/modules";
            let tls = format!(
                "LoadModule socache_shmcb_module {modules}/mod_socache_shmcb.so\n\
                 LoadModule ssl_module {modules}/mod_ssl.so\n\
                 SSLEngine on\n\
                 SSLCertificateFile {}\n\
                 SSLCertificateKeyFile {}",
                cert.display(),
                key.display()
            );
            (Some(ca), tls)
        } else {
            (None, String::new())
        };
        let config = include_str!("../webdav/httpd.conf")
            .replace("@TLS@", &tls)
            .replace("@PORT@", &port.to_string())
            .replace("@DIR@", &dir.path().to_string_lossy())
            .replace("@USER@", user);
        let conf = dir.path().join("httpd.conf");
        std::fs::write(&conf, config).unwrap();
        if as_root {
            let status = Command::new("chown")
                .args(["-R", "www-data:www-data"])
                .arg(dir.path())
                .status()
                .unwrap();
            assert!(status.success());
        }
        let server = serve(&conf, dir.path(), port);
        WebDav {
            port,
            ca,
            root,
            server,
            conf,
            _dir: dir,
        }
    }

    /// Stops the server (the network gone); `resume` brings it back with
    /// the same folder and port.
    pub fn stop(&mut self) {
        stop(&mut self.server);
    }

    pub fn resume(&mut self) {
        self.server = serve(&self.conf, self._dir.path(), self.port);
    }

    /// The address a user would enter: the server's root folder.
    pub fn address(&self) -> String {
        let scheme = if self.ca.is_some() { "https" } else { "http" };
        format!("{scheme}://127.0.0.1:{}/", self.port)
    }
}

/// A certificate authority and a server certificate for 127.0.0.1 signed
/// by it, made with the openssl command line: (CA, certificate, key).
fn certificates(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl runs");
        assert!(out.status.success(), "openssl {args:?}: {out:?}");
    };
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=Stadtverwaltung Test-CA",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
    ]);
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
    ]);
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "server.ext",
        "-out",
        "server.pem",
    ]);
    (
        dir.join("ca.pem"),
        dir.join("server.pem"),
        dir.join("server.key"),
    )
}

impl Drop for WebDav {
    fn drop(&mut self) {
        stop(&mut self.server);
    }
}
