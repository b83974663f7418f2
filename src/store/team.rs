//! The team folder's settings on this laptop (never its password).

use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::error::{Error, Result};
use crate::team::{Account, Folder, TeamSettings};

/// A user name of a WebDAV account, generously.
const USER_MAX: usize = 200;

impl Store {
    /// The team folder this laptop uses, if one was set.
    pub fn team_settings(&self) -> Result<Option<TeamSettings>> {
        let conn = self.lock();
        Ok(conn
            .query_row(
                "SELECT address, user, folder, allow_http, device FROM team_settings WHERE id = 1",
                [],
                |row| {
                    Ok(TeamSettings {
                        address: row.get(0)?,
                        user: row.get(1)?,
                        folder: row.get(2)?,
                        allow_http: row.get(3)?,
                        device: row.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// Sets the team folder: checked as an address first (nothing is
    /// contacted); this laptop's device id is made once and then kept.
    pub fn set_team_settings(
        &self,
        address: &str,
        user: &str,
        folder: &str,
        allow_http: bool,
    ) -> Result<TeamSettings> {
        let account = Account {
            address: address.trim().to_owned(),
            user: user.trim().to_owned(),
            password: String::new(),
            folder: folder.trim().to_owned(),
        };
        Folder::new(&account, allow_http)?;
        if account.user.is_empty() {
            return Err(Error::Empty { field: "team_user" });
        }
        let len = account.user.chars().count();
        if len > USER_MAX || account.user.chars().any(char::is_control) {
            return Err(Error::TooLong {
                field: "team_user",
                len,
                max: USER_MAX,
            });
        }
        let fresh = format!(
            "laptop-{}",
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        );
        self.write(|tx| {
            tx.execute(
                "INSERT INTO team_settings (id, address, user, folder, allow_http, device, updated_at)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (id) DO UPDATE SET address = ?1, user = ?2, folder = ?3,
                     allow_http = ?4, updated_at = ?6",
                params![
                    account.address,
                    account.user,
                    account.folder,
                    allow_http,
                    fresh,
                    chrono::Utc::now().to_rfc3339()
                ],
            )?;
            Ok(())
        })?;
        Ok(self.team_settings()?.expect("just written"))
    }
}
