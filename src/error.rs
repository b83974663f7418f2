//! One error type for the whole core.
//!
//! Every variant has a stable `code` (for programs and tests) and a
//! `message_key` (for the UI's message catalogue), so the user reads the
//! problem in their own language while logs and the CLI keep the English text.

use std::collections::BTreeMap;

pub use crate::error_view::{ErrorCode, ErrorView};

/// What kind of thing an id or a message refers to; shown to the user through
/// the catalogue key `entity.<name>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Workshop,
    AgendaItem,
    Board,
    Field,
    Card,
    Cluster,
    ActorMap,
    Sector,
    Actor,
    ChallengeList,
    Challenge,
    Question,
    Vote,
    ActorRelation,
    Backup,
    Photo,
    ActorGroup,
    Template,
}

impl Entity {
    pub fn name(self) -> &'static str {
        match self {
            Entity::Workshop => "workshop",
            Entity::AgendaItem => "agenda_item",
            Entity::Board => "board",
            Entity::Field => "field",
            Entity::Card => "card",
            Entity::Cluster => "cluster",
            Entity::ActorMap => "actor_map",
            Entity::Sector => "sector",
            Entity::Actor => "actor",
            Entity::ChallengeList => "challenge_list",
            Entity::Challenge => "challenge",
            Entity::Question => "question",
            Entity::Vote => "vote",
            Entity::ActorRelation => "actor_relation",
            Entity::Backup => "backup",
            Entity::Photo => "photo",
            Entity::ActorGroup => "actor_group",
            Entity::Template => "template",
        }
    }
}

/// Why a workshop file is refused; the UI names it through the catalogue key
/// `file_problem.<name>`, the English `detail` goes to logs and the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FileProblem {
    #[error("the file is too large")]
    TooLarge,
    #[error("not a JSON document")]
    NotJson,
    #[error("not a Wandzeitung workshop file")]
    NotOurs,
    #[error("written by a newer Wandzeitung")]
    TooNew,
    #[error("the workshop file is damaged")]
    Damaged,
    #[error("not a Wandzeitung template")]
    NotTemplate,
    #[error("a template carries no content of a workshop's day")]
    TemplateContent,
    #[error("more than a template holds")]
    TooMany,
}

impl FileProblem {
    pub fn name(self) -> &'static str {
        match self {
            FileProblem::TooLarge => "too_large",
            FileProblem::NotJson => "not_json",
            FileProblem::NotOurs => "not_ours",
            FileProblem::TooNew => "too_new",
            FileProblem::Damaged => "damaged",
            FileProblem::NotTemplate => "not_template",
            FileProblem::TemplateContent => "template_content",
            FileProblem::TooMany => "too_many",
        }
    }
}

/// Why a photo is refused; the UI names it through the catalogue key
/// `photo_problem.<name>` (with the limit, where there is one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhotoProblem {
    #[error("not an image")]
    NotImage,
    #[error("the image is damaged or incomplete")]
    Damaged,
    #[error("the file is too large")]
    TooLarge,
    #[error("the image has too many pixels")]
    TooManyPixels,
    #[error("HEIC photos are not taken in")]
    Heic,
    #[error("SVG drawings are not taken in")]
    Svg,
    #[error("the image format is not taken in")]
    Format,
}

impl PhotoProblem {
    pub fn name(self) -> &'static str {
        match self {
            PhotoProblem::NotImage => "not_image",
            PhotoProblem::Damaged => "damaged",
            PhotoProblem::TooLarge => "too_large",
            PhotoProblem::TooManyPixels => "too_many_pixels",
            PhotoProblem::Heic => "heic",
            PhotoProblem::Svg => "svg",
            PhotoProblem::Format => "format",
        }
    }
}

/// Why the team folder cannot be used; the UI names it through the
/// catalogue key `team_problem.<name>`, the English `detail` goes to logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TeamProblem {
    #[error("not a WebDAV address")]
    Address,
    #[error("plain http to another machine")]
    Insecure,
    #[error("not a folder name")]
    FolderName,
    #[error("the server cannot be reached")]
    Unreachable,
    #[error("the user name or password is wrong")]
    WrongPassword,
    #[error("no permission")]
    NoPermission,
    #[error("no such folder")]
    NoSuchFolder,
    #[error("the server is full")]
    Full,
    #[error("the server's certificate is not trusted")]
    Certificate,
    #[error("the folder is locked")]
    Locked,
    #[error("not a WebDAV folder")]
    NotWebdav,
    #[error("the server answered with an error")]
    Server,
    #[error("the server's answer is garbled")]
    Garbled,
    #[error("no password is saved for the team folder on this computer")]
    NoPassword,
    #[error("this computer offers no credential store")]
    NoCredentialStore,
    #[error("no team folder is set")]
    NotSet,
}

impl TeamProblem {
    pub fn name(self) -> &'static str {
        match self {
            TeamProblem::Address => "address",
            TeamProblem::Insecure => "insecure",
            TeamProblem::FolderName => "folder_name",
            TeamProblem::Unreachable => "unreachable",
            TeamProblem::WrongPassword => "wrong_password",
            TeamProblem::NoPermission => "no_permission",
            TeamProblem::NoSuchFolder => "no_such_folder",
            TeamProblem::Full => "full",
            TeamProblem::Certificate => "certificate",
            TeamProblem::Locked => "locked",
            TeamProblem::NotWebdav => "not_webdav",
            TeamProblem::Server => "server",
            TeamProblem::Garbled => "garbled",
            TeamProblem::NoPassword => "no_password",
            TeamProblem::NoCredentialStore => "no_credential_store",
            TeamProblem::NotSet => "not_set",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{field} must not be empty")]
    Empty { field: &'static str },

    #[error("{field} is too long: {len} characters, at most {max} are allowed")]
    TooLong {
        field: &'static str,
        len: usize,
        max: usize,
    },

    #[error("{field} is out of range: {value} is not between {min} and {max}")]
    OutOfRange {
        field: &'static str,
        value: i64,
        min: i64,
        max: i64,
    },

    /// The store file (or its folder) cannot be written by this process:
    /// it opened to read and export only.
    #[error("the store {path} is read-only: it can be read and exported, not changed")]
    ReadOnlyStore { path: String },

    /// Another window (or `wz`) works with this store right now.
    #[error("the store {path} is in use by another window or wz")]
    StoreInUse { path: String },

    /// A bound no real workshop reaches: refused before the work starts.
    #[error("at most {max} {what} are possible")]
    Full { what: &'static str, max: u32 },

    #[error("{field} is not a valid date (expected YYYY-MM-DD): {value:?}")]
    InvalidDate { field: &'static str, value: String },

    #[error("{field} is not a valid time of day (expected HH:MM): {value:?}")]
    InvalidTime { field: &'static str, value: String },

    #[error("{field} has an unknown value: {value:?}")]
    UnknownValue { field: &'static str, value: String },

    #[error("{} not found: {id}", .entity.name())]
    NotFound { entity: Entity, id: String },

    #[error("voting is not open on this board")]
    VoteClosed,

    #[error("{participant} has used all {max} dots")]
    DotsUsedUp { participant: String, max: u32 },

    #[error("a card can only move to a field of its own board")]
    OtherBoard,

    #[error("a hidden card must be revealed before it is used elsewhere")]
    CardHidden,

    #[error("an actor cannot be related to itself")]
    RelationToItself,

    #[error(
        "the card is on the wall now: clustered or dotted, its author can no longer change it"
    )]
    CardSettled,

    /// A phone wrote for an agenda item that is no longer the running one
    /// (or for something the running item does not do).
    #[error("this part of the agenda has ended")]
    ItemEnded,

    /// The poll has answers: its answers cannot be changed under them.
    #[error("the poll has answers already; its answers can no longer be changed")]
    PollAnswered,

    #[error("the poll is closed")]
    PollClosed,

    /// A phone wrote during group work before choosing its group.
    #[error("choose a group first")]
    NoGroup,

    #[error("the sector {sector} still holds {count} actors")]
    SectorNotEmpty { sector: String, count: u32 },

    #[error("the file cannot be imported: {problem} ({detail})")]
    UnsupportedFile {
        problem: FileProblem,
        detail: String,
    },

    #[error("the photo cannot be taken in: {problem} ({detail})")]
    PhotoRefused {
        problem: PhotoProblem,
        detail: String,
    },

    /// The team folder (WebDAV) cannot be used as asked.
    #[error("the team folder: {problem} ({detail})")]
    Team {
        problem: TeamProblem,
        detail: String,
    },

    /// A workshop of another laptop of the team: read and exported here,
    /// changed only where it was made (its follow-up excepted).
    #[error("this workshop comes from {label} through the team folder and is read-only here")]
    TeamWorkshop { label: String },

    #[error("the store file {path} could not be opened: {source}")]
    StoreUnavailable {
        path: String,
        #[source]
        source: Box<Error>,
    },

    #[error("the store was written by a newer version of Wandzeitung (schema {found}, this version knows {known})")]
    StoreTooNew { found: usize, known: usize },

    #[error(
        "{path} is a database of another program, not a Wandzeitung store; it was left as it is"
    )]
    NotOurStore { path: String },

    #[error("the backup {path} is not there any more")]
    BackupGone { path: String },

    #[error("the file {path} is open in another program: close it there and try again")]
    FileInUse { path: String },

    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    #[error("file error: {0}")]
    Io(#[from] std::io::Error),

    #[error("data error: {0}")]
    Json(#[from] serde_json::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The few kinds of failure a caller acts on differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The input was wrong; the user can fix it.
    InvalidInput,
    /// The thing referred to does not exist (any more).
    NotFound,
    /// The input is fine, but the state of the workshop does not allow it now.
    Conflict,
    /// Disk, database or another unexpected failure.
    Unexpected,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Empty { .. }
            | Error::TooLong { .. }
            | Error::OutOfRange { .. }
            | Error::InvalidDate { .. }
            | Error::InvalidTime { .. }
            | Error::UnknownValue { .. }
            | Error::RelationToItself
            | Error::Team { .. }
            | Error::UnsupportedFile { .. }
            | Error::PhotoRefused { .. } => ErrorKind::InvalidInput,
            Error::NotFound { .. } | Error::BackupGone { .. } => ErrorKind::NotFound,
            Error::VoteClosed
            | Error::DotsUsedUp { .. }
            | Error::OtherBoard
            | Error::SectorNotEmpty { .. }
            | Error::CardSettled
            | Error::ItemEnded
            | Error::PollAnswered
            | Error::PollClosed
            | Error::NoGroup
            | Error::Full { .. }
            | Error::StoreInUse { .. }
            | Error::ReadOnlyStore { .. }
            | Error::TeamWorkshop { .. }
            | Error::FileInUse { .. }
            | Error::CardHidden => ErrorKind::Conflict,
            Error::StoreUnavailable { .. }
            | Error::StoreTooNew { .. }
            | Error::NotOurStore { .. }
            | Error::Database(_)
            | Error::Migration(_)
            | Error::Io(_)
            | Error::Json(_) => ErrorKind::Unexpected,
        }
    }

    /// Stable machine-readable code; never renamed once released.
    pub fn code(&self) -> &'static str {
        self.error_code().name()
    }

    /// The code, as the window and the phones are sent it.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            Error::Empty { .. } => ErrorCode::Empty,
            Error::TooLong { .. } => ErrorCode::TooLong,
            Error::OutOfRange { .. } => ErrorCode::OutOfRange,
            Error::InvalidDate { .. } => ErrorCode::InvalidDate,
            Error::InvalidTime { .. } => ErrorCode::InvalidTime,
            Error::UnknownValue { .. } => ErrorCode::UnknownValue,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::VoteClosed => ErrorCode::VoteClosed,
            Error::DotsUsedUp { .. } => ErrorCode::DotsUsedUp,
            Error::OtherBoard => ErrorCode::OtherBoard,
            Error::SectorNotEmpty { .. } => ErrorCode::SectorNotEmpty,
            Error::CardHidden => ErrorCode::CardHidden,
            Error::RelationToItself => ErrorCode::RelationToItself,
            Error::CardSettled => ErrorCode::CardSettled,
            Error::ItemEnded => ErrorCode::ItemEnded,
            Error::PollAnswered => ErrorCode::PollAnswered,
            Error::PollClosed => ErrorCode::PollClosed,
            Error::NoGroup => ErrorCode::NoGroup,
            Error::Full { .. } => ErrorCode::Full,
            Error::StoreInUse { .. } => ErrorCode::StoreInUse,
            Error::ReadOnlyStore { .. } => ErrorCode::ReadOnly,
            Error::UnsupportedFile { .. } => ErrorCode::UnsupportedFile,
            Error::PhotoRefused { .. } => ErrorCode::PhotoRefused,
            Error::Team { .. } => ErrorCode::Team,
            Error::TeamWorkshop { .. } => ErrorCode::TeamWorkshop,
            Error::StoreUnavailable { .. } => ErrorCode::StoreUnavailable,
            Error::StoreTooNew { .. } => ErrorCode::StoreTooNew,
            Error::NotOurStore { .. } => ErrorCode::NotOurStore,
            Error::BackupGone { .. } => ErrorCode::BackupGone,
            Error::FileInUse { .. } => ErrorCode::FileInUse,
            // What the facilitator can do something about gets its own words.
            Error::Database(e) => match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DiskFull) => ErrorCode::DiskFull,
                Some(rusqlite::ErrorCode::ReadOnly) => ErrorCode::ReadOnly,
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                    ErrorCode::StoreBusy
                }
                _ => ErrorCode::Database,
            },
            Error::Migration(_) => ErrorCode::Migration,
            Error::Io(_) => ErrorCode::Io,
            Error::Json(_) => ErrorCode::Json,
        }
    }

    /// Key into the UI's message catalogue (`error.<code>`).
    pub fn message_key(&self) -> String {
        format!("error.{}", self.code())
    }

    /// Values the catalogue message interpolates, e.g. `{field}` and `{max}`.
    /// `field` holds a catalogue key itself (`field.card_text`), so the UI
    /// translates the name of the field too.
    pub fn params(&self) -> BTreeMap<String, String> {
        let mut p = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            p.insert(k.to_owned(), v);
        };
        match self {
            Error::Empty { field } => put("field", field_key(field)),
            Error::TooLong { field, len, max } => {
                put("field", field_key(field));
                put("len", len.to_string());
                put("max", max.to_string());
            }
            Error::OutOfRange {
                field,
                value,
                min,
                max,
            } => {
                put("field", field_key(field));
                put("value", value.to_string());
                put("min", min.to_string());
                put("max", max.to_string());
            }
            Error::InvalidDate { field, value }
            | Error::InvalidTime { field, value }
            | Error::UnknownValue { field, value } => {
                put("field", field_key(field));
                put("value", value.clone());
            }
            Error::NotFound { entity, id } => {
                put("entity", format!("entity.{}", entity.name()));
                put("id", id.clone());
            }
            Error::StoreInUse { path } | Error::ReadOnlyStore { path } => put("path", path.clone()),
            Error::TeamWorkshop { label } => put("label", label.clone()),
            Error::Full { what, max } => {
                put("what", format!("limit.{what}"));
                put("max", max.to_string());
            }
            Error::DotsUsedUp { participant, max } => {
                put("participant", participant.clone());
                put("max", max.to_string());
            }
            Error::VoteClosed
            | Error::OtherBoard
            | Error::CardHidden
            | Error::CardSettled
            | Error::ItemEnded
            | Error::PollAnswered
            | Error::PollClosed
            | Error::NoGroup
            | Error::RelationToItself => {}
            Error::SectorNotEmpty { sector, count } => {
                put("sector", sector.clone());
                put("count", count.to_string());
            }
            Error::UnsupportedFile { problem, detail } => {
                put("reason", format!("file_problem.{}", problem.name()));
                put("detail", detail.clone());
            }
            Error::PhotoRefused { problem, detail } => {
                put("reason", format!("photo_problem.{}", problem.name()));
                put("detail", detail.clone());
                put(
                    "max_mb",
                    (crate::model::PHOTO_FILE_MAX / 1_000_000).to_string(),
                );
                put(
                    "max_mp",
                    (crate::model::PHOTO_PIXELS_MAX / 1_000_000).to_string(),
                );
            }
            Error::Team { problem, detail } => {
                put("reason", format!("team_problem.{}", problem.name()));
                put("detail", detail.clone());
            }
            Error::StoreUnavailable { path, .. } => put("path", path.clone()),
            Error::NotOurStore { path }
            | Error::BackupGone { path }
            | Error::FileInUse { path } => put("path", path.clone()),
            Error::StoreTooNew { found, known } => {
                put("found", found.to_string());
                put("known", known.to_string());
            }
            Error::Database(_) | Error::Migration(_) | Error::Io(_) | Error::Json(_) => {}
        }
        p
    }

    pub(crate) fn not_found(entity: Entity, id: &str) -> Self {
        Error::NotFound {
            entity,
            id: id.to_owned(),
        }
    }
}

fn field_key(field: &str) -> String {
    format!("field.{field}")
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_full_disk_a_read_only_file_and_a_busy_store_say_so() {
        let sqlite = |code: i32| {
            Error::Database(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                None,
            ))
        };
        assert_eq!(sqlite(rusqlite::ffi::SQLITE_FULL).code(), "disk_full");
        assert_eq!(sqlite(rusqlite::ffi::SQLITE_READONLY).code(), "read_only");
        assert_eq!(sqlite(rusqlite::ffi::SQLITE_BUSY).code(), "store_busy");
        assert_eq!(sqlite(rusqlite::ffi::SQLITE_IOERR).code(), "database");
        assert_eq!(
            sqlite(rusqlite::ffi::SQLITE_FULL).message_key(),
            "error.disk_full"
        );
    }

    use super::*;

    #[test]
    fn too_long_names_the_field_and_the_limit_for_the_catalogue() {
        let e = Error::TooLong {
            field: "card_text",
            len: 2001,
            max: 2000,
        };
        assert_eq!(e.code(), "too_long");
        assert_eq!(e.message_key(), "error.too_long");
        let p = e.params();
        assert_eq!(p["field"], "field.card_text");
        assert_eq!(p["max"], "2000");
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
    }

    #[test]
    fn not_found_is_its_own_kind_so_the_ui_can_reload() {
        let e = Error::not_found(Entity::Card, "abc");
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert_eq!(e.params()["entity"], "entity.card");
        assert_eq!(e.to_string(), "card not found: abc");
    }
}
