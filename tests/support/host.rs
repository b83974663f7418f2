//! The Linux tools the tests read results with (poppler, zbar, ImageMagick,
//! exiftool, Python), also from a test that runs as a Windows program under
//! Wine (`make test-windows`), so the PDF a Windows `wz.exe` wrote is read by
//! the same pdftotext as on Linux.
//!
//! Wine starts a Linux program by its path on drive Z:, but hands it none
//! of the Windows side's pipes and hands back no process to wait for: there
//! the tool runs inside `/bin/sh`, which writes its output and exit code to
//! files, and a file the Windows side names is handed over as the Linux path
//! Wine keeps it at.
// Each test file that includes it uses a part.
#![allow(dead_code)]

use std::ffi::{OsStr, OsString};
use std::io::Result;
use std::path::Path;
use std::process::{Command, ExitStatus, Output};

/// The Linux tool `name` (in /usr/bin) with its arguments.
pub struct Tool {
    name: String,
    args: Vec<OsString>,
}

pub fn tool(name: &str) -> Tool {
    Tool {
        name: name.to_owned(),
        args: Vec::new(),
    }
}

impl Tool {
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Tool {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(mut self, args: I) -> Tool {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// A file argument, as the tool finds it.
    pub fn file(self, path: &Path) -> Tool {
        let path = linux_path(path);
        self.arg(path)
    }

    pub fn status(self) -> Result<ExitStatus> {
        self.output().map(|o| o.status)
    }

    /// Debian's own: /usr/bin comes after other installs in PATH (pyenv's
    /// Python has no icalendar).
    #[cfg(not(windows))]
    pub fn output(self) -> Result<Output> {
        Command::new(format!("/usr/bin/{}", self.name))
            .args(&self.args)
            .output()
    }

    #[cfg(windows)]
    pub fn output(self) -> Result<Output> {
        use std::os::windows::process::ExitStatusExt;
        use std::time::{Duration, Instant};
        // Wine gives the Linux program its own streams, not the pipes of
        // the Windows side, and no handle to wait on: the tool writes into
        // files, and its exit code is the last file, moved into place whole.
        let dir = tempfile::tempdir()?;
        let _started = Command::new("Z:\\bin\\sh")
            .arg("-c")
            .arg(
                "d=$0; tool=$1; shift; \"$tool\" \"$@\" >\"$d/out\" 2>\"$d/err\" </dev/null; \
                 echo $? >\"$d/code.part\"; mv \"$d/code.part\" \"$d/code\"",
            )
            .arg(linux_path(dir.path()))
            .arg(format!("/usr/bin/{}", self.name))
            .args(&self.args)
            .spawn()?;
        let code = dir.path().join("code");
        let started = Instant::now();
        while !code.exists() {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "{} ends within two minutes",
                self.name
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let code: u32 = std::fs::read_to_string(&code)?
            .trim()
            .parse()
            .expect("an exit code");
        Ok(Output {
            status: ExitStatus::from_raw(code),
            stdout: std::fs::read(dir.path().join("out"))?,
            stderr: std::fs::read(dir.path().join("err"))?,
        })
    }
}

/// `path` as a Linux program reads it.
pub fn linux_path(path: &Path) -> OsString {
    if !cfg!(windows) {
        return path.as_os_str().to_owned();
    }
    let text = path.to_string_lossy();
    let text = text.strip_prefix(r"\\?\").unwrap_or(&text);
    let (drive, rest) = text
        .split_once(':')
        .unwrap_or_else(|| panic!("{text} is a path with a drive letter"));
    let rest = rest.replace('\\', "/");
    // Wine passes its prefix on to the programs it runs; each drive letter is
    // a link in the prefix's dosdevices folder.
    let prefix = std::env::var("WINEPREFIX").expect("the Windows tests run under Wine");
    OsString::from(format!(
        "{prefix}/dosdevices/{}:{rest}",
        drive.to_ascii_lowercase()
    ))
}

/// The text of a PDF as `pdftotext -layout` reads it (lines kept in order).
pub fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("protocol.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = tool("pdftotext")
        .arg("-layout")
        .file(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils; make test installs it)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}
