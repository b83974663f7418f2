//! Templates the team saved in this store: a workshop's set-up kept as the
//! template file would hold it, listed, shared as a file and started from.

use rusqlite::{params, OptionalExtension};

use super::sql::{now, ts, Cached};
use super::transfer::{document_of, insert_document};
use super::Store;
use crate::error::{Entity, Error, Result};
use crate::model::*;

impl Store {
    /// Keeps the set-up of a workshop as a template named `name`: nothing
    /// of the day's content goes with it.
    pub fn save_template(&self, workshop_id: &str, name: &str) -> Result<TemplateSummary> {
        let name = required_text("template_name", name, TITLE_MAX)?;
        self.write(|tx| {
            let template = WorkshopTemplate::of(&document_of(tx, workshop_id)?, &name);
            template.check()?;
            let id = new_id();
            tx.exec(
                "INSERT INTO templates (id, name, saved_at, body) VALUES (?1, ?2, ?3, ?4)",
                params![id, name, ts(&now()), template.to_json()?],
            )?;
            Ok(template.summary(&id, false))
        })
    }

    /// A template file taken into the store, refused whole when broken.
    pub fn import_template(&self, bytes: &[u8]) -> Result<TemplateSummary> {
        let template = WorkshopTemplate::from_json(bytes)?;
        let name = required_text("template_name", &template.name, TITLE_MAX)?;
        // Made once in a transaction that is rolled back: what the file
        // holds passes the commands' own rules before it is kept.
        self.write(|tx| {
            tx.execute_batch("SAVEPOINT trial")?;
            let tried = insert_document(
                tx,
                &template.workshop_for(&name, chrono::Local::now().date_naive()),
                &[],
                &mut |_| {},
                None,
            );
            tx.execute_batch("ROLLBACK TO trial; RELEASE trial")?;
            tried?;
            let id = new_id();
            tx.exec(
                "INSERT INTO templates (id, name, saved_at, body) VALUES (?1, ?2, ?3, ?4)",
                params![id, name, ts(&now()), template.to_json()?],
            )?;
            Ok(template.summary(&id, false))
        })
    }

    /// The templates saved in this store, by name.
    pub fn saved_templates(&self) -> Result<Vec<TemplateSummary>> {
        self.read(|tx| {
            let mut stmt = tx.prepare("SELECT id, body FROM templates ORDER BY name, id")?;
            let rows: Vec<(String, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            // A body this version cannot read is left out, not an error
            // for the whole list.
            Ok(rows
                .into_iter()
                .filter_map(|(id, body)| {
                    serde_json::from_str::<WorkshopTemplate>(&body)
                        .ok()
                        .map(|t| t.summary(&id, false))
                })
                .collect())
        })
    }

    pub fn saved_template(&self, id: &str) -> Result<WorkshopTemplate> {
        self.read(|tx| {
            let body: Option<String> = tx
                .query_row("SELECT body FROM templates WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?;
            let body = body.ok_or_else(|| Error::not_found(Entity::Template, id))?;
            WorkshopTemplate::from_json(body.as_bytes())
        })
    }

    pub fn delete_template(&self, id: &str) -> Result<()> {
        self.write(|tx| {
            let rows = tx.exec("DELETE FROM templates WHERE id = ?1", [id])?;
            if rows == 0 {
                return Err(Error::not_found(Entity::Template, id));
            }
            Ok(())
        })
    }

    /// A new workshop from a template, titled `title`, on `date`; its id.
    pub fn workshop_from_template(
        &self,
        template: &WorkshopTemplate,
        title: &str,
        date: chrono::NaiveDate,
    ) -> Result<Id> {
        template.check()?;
        let doc = template.workshop_for(title, date);
        self.write(|tx| Ok(insert_document(tx, &doc, &[], &mut |_| {}, None)?.workshop_id))
    }
}
