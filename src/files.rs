//! Renames and removals that wait out a moment's lock. On Windows a file
//! another handle holds cannot be renamed over or removed: a PDF still open
//! in the viewer, an antivirus or the search indexer reading a new backup
//! for a moment. The system says "permission denied"; tried again a little
//! later, it usually works. Elsewhere the same error is final at once.
//! Held for good (the PDF stays open in the viewer), the user is told which
//! file and what to do, not "permission denied".

use std::io;
use std::path::Path;
use std::time::Duration;

use crate::error::{Error, Result};

/// The waits between tries: about a second in all.
const WAITS_MS: [u64; 5] = [50, 100, 150, 250, 400];

/// Windows' codes for a file another program holds: `ERROR_ACCESS_DENIED`
/// (renaming over or removing a file opened without delete sharing),
/// `ERROR_SHARING_VIOLATION` and `ERROR_LOCK_VIOLATION`. Std maps only the
/// first to "permission denied", so the codes are read, not the kind.
fn windows_held(code: Option<i32>) -> bool {
    matches!(code, Some(5 | 32 | 33))
}

/// A file another handle holds, as Windows reports it. Elsewhere such an
/// error is the folder's rights, and final at once.
fn held_for_a_moment(e: &io::Error) -> bool {
    cfg!(windows) && windows_held(e.raw_os_error())
}

/// What a failed rename or removal means to the user: "access denied" on a
/// file that is there is another program holding it (a missing file or a
/// folder without rights says so as it is).
fn in_words(e: io::Error, held: impl Fn(&io::Error) -> bool, file: &Path) -> Error {
    if held(&e) && file.exists() {
        Error::FileInUse {
            path: file.display().to_string(),
        }
    } else {
        Error::Io(e)
    }
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

pub(crate) fn rename(from: &Path, to: &Path) -> Result<()> {
    retrying(
        || std::fs::rename(from, to),
        held_for_a_moment,
        std::thread::sleep,
    )
    .map_err(|e| in_words(e, held_for_a_moment, to))
}

pub(crate) fn remove_file(path: &Path) -> Result<()> {
    retrying(
        || std::fs::remove_file(path),
        held_for_a_moment,
        std::thread::sleep,
    )
    .map_err(|e| in_words(e, held_for_a_moment, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lock as Windows reports it, whichever system the test runs on.
    fn locked(e: &io::Error) -> bool {
        e.kind() == io::ErrorKind::PermissionDenied
    }

    #[test]
    fn the_codes_windows_gives_for_a_file_another_program_holds_are_known() {
        // Renaming over an open PDF, removing a backup an indexer reads, a
        // byte range locked.
        for code in [5, 32, 33] {
            assert!(windows_held(Some(code)), "{code}");
        }
        // Not found, path not found, disk full, a bare error without a code.
        for code in [Some(2), Some(3), Some(112), None] {
            assert!(!windows_held(code), "{code:?}");
        }
    }

    #[test]
    fn a_file_held_for_good_is_named_with_what_to_do_and_other_errors_stay_as_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let open_pdf = dir.path().join("2027-03-14 Protokoll.pdf");
        std::fs::write(&open_pdf, b"%PDF").unwrap();
        let held = || io::Error::from(io::ErrorKind::PermissionDenied);

        let err = in_words(held(), locked, &open_pdf);
        assert_eq!(err.code(), "file_in_use");
        assert_eq!(err.params()["path"], open_pdf.display().to_string());
        assert!(err.to_string().contains("open in another program"), "{err}");

        // Denied on a file that is not there: the folder's rights, said as is.
        let err = in_words(held(), locked, &dir.path().join("neu.pdf"));
        assert_eq!(err.code(), "io");
        let err = in_words(io::Error::from(io::ErrorKind::NotFound), locked, &open_pdf);
        assert_eq!(err.code(), "io");
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
