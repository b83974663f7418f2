//! Renames and removals that wait out a moment's lock. On Windows a file
//! another handle holds cannot be renamed over or removed: a PDF still open
//! in the viewer, an antivirus or the search indexer reading a new backup
//! for a moment. The system says "permission denied"; tried again a little
//! later, it usually works. Elsewhere the same error is final at once.

use std::io;
use std::path::Path;
use std::time::Duration;

/// The waits between tries: about a second in all.
const WAITS_MS: [u64; 5] = [50, 100, 150, 250, 400];

/// A file another handle holds for a moment: "permission denied" on
/// Windows. Elsewhere that error is the folder's rights, and final.
fn held_for_a_moment(e: &io::Error) -> bool {
    cfg!(windows) && e.kind() == io::ErrorKind::PermissionDenied
}

/// Runs `op` again while it fails as `passing` says, until the waits are
/// used up; `wait` sleeps (a test passes one that only counts).
fn retrying<T>(
    mut op: impl FnMut() -> io::Result<T>,
    passing: impl Fn(&io::Error) -> bool,
    mut wait: impl FnMut(Duration),
) -> io::Result<T> {
    for ms in WAITS_MS {
        match op() {
            Err(e) if passing(&e) => wait(Duration::from_millis(ms)),
            other => return other,
        }
    }
    op()
}

pub(crate) fn rename(from: &Path, to: &Path) -> io::Result<()> {
    retrying(
        || std::fs::rename(from, to),
        held_for_a_moment,
        std::thread::sleep,
    )
}

pub(crate) fn remove_file(path: &Path) -> io::Result<()> {
    retrying(
        || std::fs::remove_file(path),
        held_for_a_moment,
        std::thread::sleep,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lock as Windows reports it, whichever system the test runs on.
    fn locked(e: &io::Error) -> bool {
        e.kind() == io::ErrorKind::PermissionDenied
    }

    #[test]
    fn a_file_held_for_a_moment_is_renamed_once_it_is_let_go_and_other_errors_are_final() {
        let mut held = 3;
        let mut waited = Duration::ZERO;
        let result = retrying(
            || {
                if held > 0 {
                    held -= 1;
                    Err(io::Error::from(io::ErrorKind::PermissionDenied))
                } else {
                    Ok("renamed")
                }
            },
            locked,
            |d| waited += d,
        );
        assert_eq!(result.unwrap(), "renamed");
        assert_eq!(waited, Duration::from_millis(300));

        let mut tries = 0;
        let gone = retrying::<()>(
            || {
                tries += 1;
                Err(io::Error::from(io::ErrorKind::NotFound))
            },
            locked,
            |_| {},
        );
        assert!(gone.is_err());
        assert_eq!(tries, 1, "only a lock is waited out");

        let mut tries = 0;
        let locked = retrying::<()>(
            || {
                tries += 1;
                Err(io::Error::from(io::ErrorKind::PermissionDenied))
            },
            locked,
            |_| {},
        );
        assert!(locked.is_err(), "held for good: the error stands");
        assert_eq!(tries, WAITS_MS.len() + 1);
    }
}
