//! Shared by the end-to-end tests.
#![allow(dead_code)]

pub mod app;
pub mod axe;
pub mod desktop;
pub mod files;
pub mod fixtures;
pub mod flows;
pub mod host;
pub mod http;
#[cfg(target_os = "linux")]
pub mod keyring;
pub mod phone_browser;
pub mod phones;
pub mod pictures;
#[cfg(unix)]
pub mod team;
#[cfg(unix)]
pub mod webdav;
pub mod webdriver;
