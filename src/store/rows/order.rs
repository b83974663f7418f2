//! The explicit order of fields, cards, clusters and challenges: positions
//! 0..n, written only where they changed, in one place for every table.

use rusqlite::{params, Transaction};

use super::sql::Cached;
use crate::error::Result;
use crate::model::Id;

/// Writes positions 0..n in the order of `rows` (id, position now) for the
/// rows of `table` whose position changed.
pub(crate) fn write_positions(tx: &Transaction, table: &str, rows: &[(Id, u32)]) -> Result<()> {
    let sql = format!("UPDATE {table} SET position = ?2 WHERE id = ?1");
    for (position, (id, old)) in rows.iter().enumerate() {
        if *old != position as u32 {
            tx.exec(&sql, params![id, position as u32])?;
        }
    }
    Ok(())
}

/// Moves `id` to `index` among `rows` (clamped) and writes the positions
/// that changed; an id not among them changes nothing.
pub(crate) fn reorder(
    tx: &Transaction,
    table: &str,
    mut rows: Vec<(Id, u32)>,
    id: &str,
    index: usize,
) -> Result<()> {
    let Some(from) = rows.iter().position(|(i, _)| i == id) else {
        return Ok(());
    };
    let moving = rows.remove(from);
    rows.insert(index.min(rows.len()), moving);
    write_positions(tx, table, &rows)
}
