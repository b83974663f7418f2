//! The "Vorhaben" list: every challenge of every workshop in one query,
//! filtered in the query itself, so the window, `wz challenges` and the
//! report read the same rows. The day that counts as today comes in; the
//! core never reads the clock for it.

use chrono::NaiveDate;
use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection, Transaction};

use super::sql::{get_date, get_enum, get_opt_date};
use super::Store;
use crate::error::Result;
use crate::model::*;

/// `wz_fold(text)`: the text in lower case by Unicode's rules (SQLite's own
/// `lower` knows only ASCII, and "Özdemir" must be found as "özdemir").
pub(crate) fn register_fold(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "wz_fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(ctx.get::<Option<String>>(0)?.map(|s| s.to_lowercase())),
    )
}

const QUERY: &str = "
    SELECT c.id, c.title, c.status, c.responsible, c.next_step, c.due_date,
           c.due_date IS NOT NULL AND c.due_date < ?5 AND c.status IN ('open', 'in_progress'),
           l.id, l.title, w.id, w.title, w.date,
           c.review_date, c.impact_goal, c.impact_signal, c.revision,
           count(*) OVER (),
           total(c.due_date IS NOT NULL AND c.due_date < ?5
                 AND c.status IN ('open', 'in_progress')) OVER (),
           coalesce(tw.label, (SELECT CASE WHEN name <> '' THEN name ELSE user END
                               FROM team_settings)),
           coalesce(tc.origin_id, c.id)
    FROM challenges c
    JOIN challenge_lists l ON l.id = c.list_id
    JOIN workshops w ON w.id = l.workshop_id
    LEFT JOIN team_workshops tw ON tw.workshop_id = w.id AND tw.deleted = 0
    LEFT JOIN team_challenges tc ON tc.local_id = c.id
    WHERE (?1 IS NULL OR c.status = ?1)
      AND (?2 IS NULL OR instr(wz_fold(c.responsible), wz_fold(?2)) > 0)
      AND (?3 IS NULL OR w.id = ?3)
      AND (?4 = 0 OR (c.due_date IS NOT NULL AND c.due_date < ?5
                      AND c.status IN ('open', 'in_progress')))
    ORDER BY c.due_date IS NULL, c.due_date, w.date, w.title, l.title, c.position, c.id
    LIMIT ?6";

impl Store {
    /// Every challenge that `filter` lets through, across all workshops,
    /// by due date (those without one last), as of `today`.
    pub fn follow_up(
        &self,
        filter: &FollowUpFilter,
        today: NaiveDate,
    ) -> Result<Vec<FollowUpItem>> {
        self.read(|tx| Ok(items(tx, filter, today, None)?.items))
    }

    /// The first `limit` of the list, and how many there are in all and
    /// overdue: what a window shows without carrying thousands of rows.
    pub fn follow_up_page(
        &self,
        filter: &FollowUpFilter,
        today: NaiveDate,
        limit: u32,
    ) -> Result<FollowUpPage> {
        self.read(|tx| items(tx, filter, today, Some(limit)))
    }

    /// The report "Stand der Umsetzung": the same challenges as the list,
    /// each with its history.
    pub fn follow_up_report(
        &self,
        filter: &FollowUpFilter,
        today: NaiveDate,
    ) -> Result<FollowUpReport> {
        self.read(|tx| {
            let items = items(tx, filter, today, None)?.items;
            let wanted = items.iter().map(|i| i.challenge_id.as_str()).collect();
            let histories = super::challenge_events::all_events(tx, &wanted)?;
            Ok(FollowUpReport {
                today,
                histories,
                items,
            })
        })
    }
}

fn items(
    tx: &Transaction,
    filter: &FollowUpFilter,
    today: NaiveDate,
    limit: Option<u32>,
) -> Result<FollowUpPage> {
    let owner = filter
        .owner
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty());
    let mut stmt = tx.prepare_cached(QUERY)?;
    let rows = stmt.query_map(
        params![
            filter.status.map(ChallengeStatus::as_str),
            owner,
            filter.workshop_id,
            filter.overdue,
            today.to_string(),
            limit.map_or(-1, i64::from)
        ],
        |r| {
            let item = FollowUpItem {
                challenge_id: r.get(0)?,
                title: r.get(1)?,
                status: get_enum(r, 2, ChallengeStatus::parse)?,
                responsible: r.get(3)?,
                next_step: r.get(4)?,
                due_date: get_opt_date(r, 5)?,
                overdue: r.get(6)?,
                list_id: r.get(7)?,
                list_title: r.get(8)?,
                workshop_id: r.get(9)?,
                workshop_title: r.get(10)?,
                workshop_date: get_date(r, 11)?,
                review_date: get_opt_date(r, 12)?,
                impact_goal: r.get(13)?,
                impact_signal: r.get(14)?,
                revision: r.get(15)?,
                origin: r.get(18)?,
                team_id: r.get(19)?,
            };
            let counts: (u32, f64) = (r.get(16)?, r.get(17)?);
            Ok((item, counts))
        },
    )?;
    let mut page = FollowUpPage::default();
    for row in rows {
        let (item, (total, overdue)) = row?;
        page.items.push(item);
        (page.total, page.overdue) = (total, overdue as u32);
    }
    Ok(page)
}
