//! The team folder's app password, in the system's credential store (the
//! Secret Service on Linux: GNOME Keyring or KWallet; the Credential
//! Manager on Windows): never in the store, a backup, a log or an export.

use crate::error::{Error, Result, TeamProblem};

/// The name the password is filed under in the credential store.
const SERVICE: &str = "Wandzeitung Team-Ablage";
/// Where `wz` takes the password from instead, on a machine without a
/// credential store (a server, a script).
pub const PASSWORD_VARIABLE: &str = "WZ_TEAM_PASSWORD";

fn entry(address: &str, user: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, &format!("{user} @ {address}")).map_err(failure)
}

fn failure(e: keyring::Error) -> Error {
    let problem = match e {
        keyring::Error::NoEntry => TeamProblem::NoPassword,
        _ => TeamProblem::NoCredentialStore,
    };
    Error::Team {
        problem,
        detail: e.to_string(),
    }
}

/// Files the password for `user` at `address` in the credential store.
pub fn save_password(address: &str, user: &str, password: &str) -> Result<()> {
    entry(address, user)?
        .set_password(password)
        .map_err(failure)
}

/// The password for `user` at `address`: `WZ_TEAM_PASSWORD` when set,
/// else the credential store's.
pub fn password(address: &str, user: &str) -> Result<String> {
    if let Some(password) = std::env::var_os(PASSWORD_VARIABLE) {
        return Ok(password.to_string_lossy().into_owned());
    }
    entry(address, user)?.get_password().map_err(failure)
}
