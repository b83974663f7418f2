//! The "Vorhaben" list on a store of 200 workshops with 50 challenges each:
//! the one query over all of them, with and without filters; then the
//! report "Stand der Umsetzung" and the calendar of all of them, with a
//! history of two steps on every third challenge.

use std::time::Instant;

#[path = "../tests/support/fixtures.rs"]
mod fixtures;

use chrono::NaiveDate;
use wandzeitung::model::*;
use wandzeitung::protocol::follow_up::{self, FollowUpFormat};
use wandzeitung::Store;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// The page count as poppler's `pdfinfo` reads it.
fn pdf_pages(bytes: &[u8], dir: &std::path::Path) -> String {
    let path = dir.join("stand.pdf");
    std::fs::write(&path, bytes).unwrap();
    std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().to_owned()))
        })
        .unwrap_or_else(|| "?".into())
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("follow_up.sqlite3")).unwrap();
    let today = NaiveDate::from_ymd_opt(2027, 7, 1).unwrap();
    let t = Instant::now();
    fixtures::many_challenges(&store, 200, 50, today);
    println!(
        "store of 200 workshops × 50 challenges made in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    for (name, filter) in [
        ("all", FollowUpFilter::default()),
        (
            "overdue of one owner",
            FollowUpFilter {
                owner: Some("özdemir".into()),
                overdue: true,
                ..Default::default()
            },
        ),
        (
            "in progress",
            FollowUpFilter {
                status: Some(ChallengeStatus::InProgress),
                ..Default::default()
            },
        ),
    ] {
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..40 {
            let t = Instant::now();
            rows = store.follow_up(&filter, today).unwrap().len();
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "Vorhaben, {name}: {rows} rows, p50 {:.1} ms, p95 {:.1} ms (n={})",
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            times.len()
        );
    }

    // The report of all 10,000: the query with the histories, then each file.
    let mut times = Vec::new();
    let mut report = None;
    for _ in 0..10 {
        let t = Instant::now();
        report = Some(
            store
                .follow_up_report(&FollowUpFilter::default(), today)
                .unwrap(),
        );
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    let report = report.unwrap();
    println!(
        "report query, all {} with {} histories: p50 {:.1} ms, p95 {:.1} ms",
        report.items.len(),
        report.histories.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.95)
    );
    for format in [
        FollowUpFormat::Pdf,
        FollowUpFormat::Md,
        FollowUpFormat::Csv,
        FollowUpFormat::Ics,
    ] {
        let mut times = Vec::new();
        let mut bytes = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            bytes = follow_up::render(&report, format, Language::De, chrono::Utc::now()).unwrap();
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        let pages = match format {
            FollowUpFormat::Pdf => format!(", {} pages", pdf_pages(&bytes, dir.path())),
            _ => String::new(),
        };
        println!(
            "Stand der Umsetzung as {}: {:.0} ms (best of 3: {:.0} ms), {:.1} MB{pages}",
            format.extension(),
            percentile(&times, 0.5),
            times[0],
            bytes.len() as f64 / 1e6
        );
    }
}
