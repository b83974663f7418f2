//! What the app says about itself when something goes wrong: to standard
//! error, and into a small log file beside the store once one is set. A
//! released app on Windows has no console, so standard error alone would
//! be lost. The file is rotated: it grows to `LOG_MAX` bytes, then becomes
//! `wandzeitung.log.1` (the one older file kept) and a new one begins.
//!
//! Only the app's own words go in: errors, paths, counts, never a card's,
//! a question's or a name's text (callers pass error values, whose messages
//! name fields, not what was typed into them).

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The size at which the log starts anew; with the one older file kept, the
/// logs never take more than twice this.
pub const LOG_MAX: u64 = 512 * 1024;

pub const LOG_NAME: &str = "wandzeitung.log";

struct LogFile {
    path: PathBuf,
    file: File,
    size: u64,
}

static LOG: Mutex<Option<LogFile>> = Mutex::new(None);

/// From now on, notes also go to `dir/wandzeitung.log`.
pub fn to_file(dir: &Path) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(LOG_NAME);
    let log = open(&path)?;
    *LOG.lock().unwrap_or_else(|e| e.into_inner()) = Some(log);
    Ok(path)
}

fn open(path: &Path) -> std::io::Result<LogFile> {
    let file = OpenOptions::new().create(true).append(true).open(path)?;
    let size = file.metadata()?.len();
    Ok(LogFile {
        path: path.to_owned(),
        file,
        size,
    })
}

/// One line to standard error and, when set, to the log file, with the time
/// in UTC. A log that cannot be written is given up, never an error for
/// whatever was being done.
pub fn note(args: std::fmt::Arguments) {
    let line = format!("{args}");
    eprintln!("{line}");
    let mut guard = LOG.lock().unwrap_or_else(|e| e.into_inner());
    let Some(log) = guard.as_mut() else {
        return;
    };
    let stamped = format!(
        "{} {}\n",
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"),
        line.replace(['\r', '\n'], " ")
    );
    if log.size + stamped.len() as u64 > LOG_MAX {
        let older = log.path.with_extension("log.1");
        let path = log.path.clone();
        let fresh = crate::files::rename(&path, &older).and_then(|()| Ok(open(&path)?));
        match fresh {
            Ok(fresh) => *log = fresh,
            Err(e) => {
                eprintln!("wandzeitung: the log {} is given up: {e}", path.display());
                *guard = None;
                return;
            }
        }
    }
    if log.file.write_all(stamped.as_bytes()).is_ok() {
        log.size += stamped.len() as u64;
    }
}

/// `note!("…", args)`: a line for standard error and the log file.
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::diag::note(format_args!($($arg)*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    // One test: the log is one per process.
    #[test]
    fn notes_are_kept_with_their_time_and_the_log_rotates_keeping_one_older_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = to_file(dir.path()).unwrap();
        note(format_args!("backup failed: {}", "disk full"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with("Z backup failed: disk full\n"), "{text:?}");
        assert!(text.starts_with("20"), "{text:?}");

        // Past the limit the file starts anew and the old one is kept once.
        let long = "x".repeat(1000);
        for _ in 0..(LOG_MAX / 1000 + 5) {
            note(format_args!("{long}"));
        }
        let older = dir.path().join("wandzeitung.log.1");
        assert!(older.exists());
        let first = std::fs::read_to_string(&older).unwrap();
        assert!(first.contains("backup failed: disk full"));
        assert!(std::fs::metadata(&older).unwrap().len() <= LOG_MAX);
        assert!(std::fs::metadata(&path).unwrap().len() < LOG_MAX);
        for _ in 0..(LOG_MAX / 1000 + 5) {
            note(format_args!("{long}"));
        }
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(
            !std::fs::read_to_string(&older)
                .unwrap()
                .contains("disk full"),
            "the oldest notes are gone after the second turn"
        );
        // A note with a line break stays one line.
        note(format_args!("eins\nzwei"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with("Z eins zwei\n"), "{text:?}");
        *LOG.lock().unwrap() = None;
    }
}
