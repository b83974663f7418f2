//! Shared by the end-to-end tests.
#![allow(dead_code)]

pub mod app;
pub mod desktop;
pub mod flows;
pub mod webdriver;
