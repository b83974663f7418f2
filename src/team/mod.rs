//! One team, many laptops: the workshops and the follow-up list shared
//! through the team's own WebDAV folder (a Nextcloud, openDesk or any
//! WebDAV server), never a server of ours. The app talks WebDAV itself and
//! merges into its own store: a SQLite file in a synced folder is destroyed
//! by the sync client's conflict copies.
//!
//! This part is the folder: reaching and checking it, adding files that are
//! never replaced, listing and reading what the other laptops added.

mod webdav;

pub use webdav::{Account, Entry, Folder, Listing, Put};
