//! One team, many laptops: the workshops and the follow-up list shared
//! through the team's own WebDAV folder (a Nextcloud, openDesk or any
//! WebDAV server), never a server of ours. The app talks WebDAV itself and
//! merges into its own store: a SQLite file in a synced folder is destroyed
//! by the sync client's conflict copies.
//!
//! So far: the folder (reaching and checking it, adding files that are
//! never replaced, listing and reading what the other laptops added), the
//! order of the team's changes (a hybrid logical clock, a field's last
//! writer winning) and the change files themselves.

mod change_file;
mod clock;
mod ops;
pub mod secret;
mod sync;
mod webdav;

pub use change_file::{ChangeFile, FORMAT};
pub use clock::{Clock, Merged, Register, Stamp};
pub use ops::{EventStep, FollowUpField, Op};
pub use sync::{sync, sync_configured, SyncReport};
pub use webdav::{Account, Entry, Folder, Listing, Put};

/// The team folder this laptop uses, as kept in the store (without the
/// password, which the credential store keeps: see `secret`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TeamSettings {
    pub address: String,
    pub user: String,
    pub folder: String,
    pub allow_http: bool,
    /// How the team calls this laptop ("Laptop Anna"); empty: the user.
    pub name: String,
    /// This laptop in the team folder: `changes/<device>/`.
    pub device: String,
}

/// The team folder's settings as entered (the password apart).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TeamInput {
    pub address: String,
    pub user: String,
    pub folder: String,
    pub allow_http: bool,
    pub name: String,
}

impl TeamSettings {
    /// What the other laptops call this one: where a shared workshop or a
    /// concurrent change came from.
    pub fn label(&self) -> &str {
        if self.name.is_empty() {
            &self.user
        } else {
            &self.name
        }
    }

    /// The folder, with the password from the credential store (or
    /// `WZ_TEAM_PASSWORD`).
    pub fn folder(&self) -> crate::Result<Folder> {
        let account = Account {
            address: self.address.clone(),
            user: self.user.clone(),
            password: secret::password(&self.address, &self.user)?,
            folder: self.folder.clone(),
        };
        Folder::new(&account, self.allow_http)
    }
}
