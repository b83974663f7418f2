//! Conversions between SQLite columns and the model's value types.

use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, Utc};
use rusqlite::types::Type;
use rusqlite::{OptionalExtension, Row, Transaction};

use crate::error::{Entity, Error, Result};

/// Statements through the connection's cache of prepared statements: the
/// hot paths (a card, a dot, an undo step) run the same dozen statements
/// again and again, and compiling each anew cost more than running it.
pub(crate) trait Cached {
    fn exec<P: rusqlite::Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize>;
    fn row<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        f: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T>;
}

impl Cached for Transaction<'_> {
    fn exec<P: rusqlite::Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    fn row<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        f: impl FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        self.prepare_cached(sql)?.query_row(params, f)
    }
}

pub(crate) fn now() -> DateTime<Utc> {
    Utc::now()
}

pub(crate) fn ts(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn conversion(idx: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e))
}

/// A stored time. One that cannot be read (written by an older version or
/// by hand) reads as the Unix epoch: the row stays visible, the workshop
/// readable and exportable, instead of one bad value hiding everything.
pub(crate) fn get_ts(row: &Row, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    let s: String = row.get(idx)?;
    Ok(DateTime::parse_from_rfc3339(&s)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(DateTime::UNIX_EPOCH))
}

/// A stored date; one that cannot be read reads as 1970-01-01 (see `get_ts`).
pub(crate) fn get_date(row: &Row, idx: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = row.get(idx)?;
    Ok(NaiveDate::parse_from_str(&s, "%Y-%m-%d").unwrap_or(DateTime::UNIX_EPOCH.date_naive()))
}

pub(crate) fn get_opt_date(row: &Row, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let s: Option<String> = row.get(idx)?;
    // An unreadable date reads as none: the row stays.
    Ok(s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()))
}

pub(crate) fn get_time(row: &Row, idx: usize) -> rusqlite::Result<NaiveTime> {
    let s: String = row.get(idx)?;
    NaiveTime::parse_from_str(&s, "%H:%M").map_err(|e| conversion(idx, e))
}

/// Parses a column holding one of an enum's names.
pub(crate) fn get_enum<T>(
    row: &Row,
    idx: usize,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    parse(&s).ok_or_else(|| {
        conversion(
            idx,
            std::io::Error::new(std::io::ErrorKind::InvalidData, s.clone()),
        )
    })
}

pub(crate) fn get_json<T: serde::de::DeserializeOwned>(
    row: &Row,
    idx: usize,
) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    serde_json::from_str(&s).map_err(|e| conversion(idx, e))
}

/// Next free position among the rows of `table` whose `parent` column is `id`.
pub(crate) fn next_position(tx: &Transaction, table: &str, parent: &str, id: &str) -> Result<u32> {
    let sql = format!("SELECT COALESCE(MAX(position) + 1, 0) FROM {table} WHERE {parent} = ?1");
    Ok(tx.row(&sql, [id], |r| r.get(0))?)
}

/// Fails with NotFound unless a row with this id exists in `table`.
pub(crate) fn ensure_exists(tx: &Transaction, table: &str, entity: Entity, id: &str) -> Result<()> {
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1");
    tx.row(&sql, [id], |_| Ok(()))
        .optional()?
        .ok_or_else(|| Error::not_found(entity, id))
}

/// Maps "no row" to NotFound for the entity looked up.
pub(crate) fn found<T>(value: Option<T>, entity: Entity, id: &str) -> Result<T> {
    value.ok_or_else(|| Error::not_found(entity, id))
}

/// Fails with NotFound when an UPDATE or DELETE touched no row.
pub(crate) fn touched(rows: usize, entity: Entity, id: &str) -> Result<()> {
    if rows == 0 {
        return Err(Error::not_found(entity, id));
    }
    Ok(())
}

/// `INSERT INTO table (keys…, form…) VALUES (?1, …)`: with `update_statement`,
/// the one list of the columns a form sets writes both statements, so the
/// insert and the update of a table cannot drift apart.
pub(crate) fn insert_statement(table: &str, keys: &[&str], form: &[&str]) -> String {
    let columns: Vec<&str> = keys.iter().chain(form).copied().collect();
    let values: Vec<String> = (1..=columns.len()).map(|n| format!("?{n}")).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        columns.join(", "),
        values.join(", ")
    )
}

/// `UPDATE table SET form[0] = ?2, … [, also] WHERE id = ?1`.
pub(crate) fn update_statement(table: &str, form: &[&str], also: &str) -> String {
    let mut sets: Vec<String> = form
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 2))
        .collect();
    if !also.is_empty() {
        sets.push(also.to_owned());
    }
    format!("UPDATE {table} SET {} WHERE id = ?1", sets.join(", "))
}

#[cfg(test)]
mod statements {
    #[test]
    fn the_insert_and_the_update_name_the_same_columns_in_the_same_places() {
        let form = ["title", "date"];
        assert_eq!(
            super::insert_statement("w", &["id", "created_at"], &form),
            "INSERT INTO w (id, created_at, title, date) VALUES (?1, ?2, ?3, ?4)"
        );
        assert_eq!(
            super::update_statement("w", &form, "revision = revision + 1"),
            "UPDATE w SET title = ?2, date = ?3, revision = revision + 1 WHERE id = ?1"
        );
    }
}
