//! How many tests begin: a workshop with the group-work board, and plain
//! cards to put on it. Shared by the end-to-end tests (through `support`)
//! and by the core's tests (`#[path]`), so each test says only what is
//! particular to it.

#![allow(dead_code)]

use wandzeitung::model::{BoardView, CardColor, CardInput, Workshop, WorkshopInput};
use wandzeitung::{templates, Store};

/// A new workshop titled `title` with the group-work board (four questions).
pub fn workshop_with_board(store: &Store, title: &str) -> (Workshop, BoardView) {
    let w = store
        .create_workshop(&WorkshopInput {
            title: title.into(),
            date: "2026-12-01".into(),
            ..WorkshopInput::default()
        })
        .unwrap();
    let b = store
        .create_board_from_template(&w.id, templates::GROUP_WORK_KEY)
        .unwrap();
    (w, b)
}

/// A yellow card without a name, as most cards are typed.
pub fn card(text: &str) -> CardInput {
    CardInput {
        text: text.into(),
        color: CardColor::Yellow,
        author: String::new(),
    }
}
