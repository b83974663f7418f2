//! The team folder's settings on this laptop (never its password).

use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::error::{Error, Result};
use crate::team::{Account, Folder, TeamInput, TeamSettings};

/// A user name of a WebDAV account, generously.
const USER_MAX: usize = 200;

/// A user name or a laptop's name: one line, not too long.
fn check_name(field: &'static str, name: &str) -> Result<()> {
    if name.chars().any(char::is_control) {
        return Err(Error::UnknownValue {
            field,
            value: name.to_owned(),
        });
    }
    let len = name.chars().count();
    if len > USER_MAX {
        return Err(Error::TooLong {
            field,
            len,
            max: USER_MAX,
        });
    }
    Ok(())
}

impl Store {
    /// The team folder this laptop uses, if one was set.
    pub fn team_settings(&self) -> Result<Option<TeamSettings>> {
        let conn = self.lock();
        Ok(conn
            .query_row(
                "SELECT address, user, folder, allow_http, device, name FROM team_settings WHERE id = 1",
                [],
                |row| {
                    Ok(TeamSettings {
                        address: row.get(0)?,
                        user: row.get(1)?,
                        folder: row.get(2)?,
                        allow_http: row.get(3)?,
                        device: row.get(4)?,
                        name: row.get(5)?,
                    })
                },
            )
            .optional()?)
    }

    /// The team folder's settings, or the error that none is set.
    pub fn configured_team(&self) -> Result<TeamSettings> {
        self.team_settings()?.ok_or_else(|| Error::Team {
            problem: crate::error::TeamProblem::NotSet,
            detail: "set it in Team-Ablage or with `wz team set`".into(),
        })
    }

    /// Sets the team folder: checked as an address first (nothing is
    /// contacted); this laptop's device id is made once and then kept.
    pub fn set_team_settings(&self, input: &TeamInput) -> Result<TeamSettings> {
        let allow_http = input.allow_http;
        let account = Account {
            address: input.address.trim().to_owned(),
            user: input.user.trim().to_owned(),
            password: String::new(),
            folder: input.folder.trim().to_owned(),
        };
        Folder::new(&account, allow_http)?;
        let name = input.name.trim().to_owned();
        check_name("team_name", &name)?;
        if account.user.is_empty() {
            return Err(Error::Empty { field: "team_user" });
        }
        check_name("team_user", &account.user)?;
        let fresh = format!(
            "laptop-{}",
            &uuid::Uuid::new_v4().simple().to_string()[..12]
        );
        self.write(|tx| {
            tx.execute(
                "INSERT INTO team_settings (id, address, user, folder, allow_http, device, updated_at, name)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET address = ?1, user = ?2, folder = ?3,
                     allow_http = ?4, updated_at = ?6, name = ?7",
                params![
                    account.address,
                    account.user,
                    account.folder,
                    allow_http,
                    fresh,
                    chrono::Utc::now().to_rfc3339(),
                    name
                ],
            )?;
            Ok(())
        })?;
        Ok(self.team_settings()?.expect("just written"))
    }
}

#[cfg(test)]
mod tests {
    use crate::team::TeamInput;
    use crate::{Error, Store};

    fn input(address: &str, user: &str) -> TeamInput {
        TeamInput {
            address: address.into(),
            user: user.into(),
            folder: "Team".into(),
            allow_http: false,
            name: String::new(),
        }
    }

    #[test]
    fn settings_are_checked_before_they_are_kept_and_the_device_stays() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("s.sqlite3")).unwrap();
        assert_eq!(store.team_settings().unwrap(), None);
        let first = store
            .set_team_settings(&input("https://cloud.example/dav/", "og"))
            .unwrap();
        let again = store
            .set_team_settings(&input("https://other.example/dav/", "og2"))
            .unwrap();
        assert_eq!(first.device, again.device);
        assert_eq!(again.address, "https://other.example/dav/");
        for (user, refused) in [("", "empty"), ("a\nb", "unknown_value")] {
            let e = store
                .set_team_settings(&input("https://cloud.example/", user))
                .unwrap_err();
            assert_eq!(e.code(), refused, "{user:?}");
        }
        assert!(matches!(
            store.set_team_settings(&input("http://cloud.example/", "og")),
            Err(Error::Team { .. })
        ));
        assert_eq!(
            store.team_settings().unwrap(),
            Some(again),
            "a refused change leaves the settings"
        );
    }
}
