//! Built-in workshop templates and the demo workshop.

mod demo;
mod workshops;

use serde::{Deserialize, Serialize};

pub use demo::{create_demo_workshop, DEMO_TITLE};
pub use workshops::{all_templates, prepare_builtins, template};

/// A board layout a facilitator can start from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BoardTemplate {
    /// Stable key, used by the UI and the CLI.
    pub key: String,
    pub title: String,
    pub questions: Vec<String>,
}

/// The group-work poster of the municipal Open Government material
/// ("Entwurf als Wandzeitung Gruppenarbeit").
pub const GROUP_WORK_KEY: &str = "open-government-gruppenarbeit";
pub const GROUP_WORK_TITLE: &str = "Open Government – Gruppenarbeit";
pub const GROUP_WORK_QUESTIONS: [&str; 4] = [
    "Herausforderungen vor Ort?",
    "Relevante Akteure? Ihre Rolle? Einbindung der Akteure?",
    "Erfolgsbedingungen & Ressourcen?",
    "Aus Ihrer Perspektive – wo sehen Sie den größten Bedarf?",
];

pub const EMPTY_KEY: &str = "leer";

/// Every built-in board template, the seed poster first.
pub fn board_templates() -> Vec<BoardTemplate> {
    vec![
        BoardTemplate {
            key: GROUP_WORK_KEY.into(),
            title: GROUP_WORK_TITLE.into(),
            questions: GROUP_WORK_QUESTIONS.iter().map(|q| q.to_string()).collect(),
        },
        BoardTemplate {
            key: EMPTY_KEY.into(),
            title: "Leere Wandzeitung".into(),
            questions: vec!["Frage".into()],
        },
    ]
}

pub fn board_template(key: &str) -> Option<BoardTemplate> {
    board_templates().into_iter().find(|t| t.key == key)
}

impl crate::Store {
    /// Creates a board laid out as the template with this key.
    pub fn create_board_from_template(
        &self,
        workshop_id: &str,
        template_key: &str,
    ) -> crate::Result<crate::model::BoardView> {
        let template = board_template(template_key).ok_or_else(|| crate::Error::UnknownValue {
            field: "board_template",
            value: template_key.to_owned(),
        })?;
        let questions: Vec<&str> = template.questions.iter().map(String::as_str).collect();
        self.create_board(workshop_id, &template.title, &questions)
    }
}
