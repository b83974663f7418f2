//! A laptop of a team for the team-folder tests and benchmark: its own
//! store with the team folder set, and the folder reached with the test
//! server's password.

use std::path::PathBuf;

use wandzeitung::team::{self, Account, Folder, SyncReport, TeamInput, TeamSettings};
use wandzeitung::Store;

use super::webdav::{WebDav, PASSWORD, USER};

/// The team's folder on the test server.
pub const TEAM: &str = "OG-Labor";

pub struct Laptop {
    pub store: Store,
    pub settings: TeamSettings,
    pub folder: Folder,
    pub path: PathBuf,
    pub _dir: tempfile::TempDir,
}

impl Laptop {
    /// A new laptop called `name` in the team ("Laptop Anna").
    pub fn new(server: &WebDav, name: &str) -> Laptop {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wandzeitung.sqlite3");
        let store = Store::open(&path).unwrap();
        let settings = store
            .set_team_settings(&TeamInput {
                address: server.address(),
                user: USER.into(),
                folder: TEAM.into(),
                allow_http: false,
                name: name.into(),
            })
            .unwrap();
        Laptop {
            folder: folder(server, PASSWORD),
            store,
            settings,
            path,
            _dir: dir,
        }
    }

    pub fn sync(&self) -> SyncReport {
        team::sync(&self.store, &self.settings, &self.folder)
            .unwrap_or_else(|e| panic!("{} syncs: {e}", self.settings.name))
    }

    pub fn try_sync(&self, folder: &Folder) -> wandzeitung::Result<SyncReport> {
        team::sync(&self.store, &self.settings, folder)
    }
}

/// The team's folder on `server`, reached with `password`.
pub fn folder(server: &WebDav, password: &str) -> Folder {
    Folder::new(
        &Account {
            address: server.address(),
            user: USER.into(),
            password: password.into(),
            folder: TEAM.into(),
        },
        false,
    )
    .unwrap()
}
