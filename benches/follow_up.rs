//! The "Vorhaben" list on a store of 200 workshops with 50 challenges each:
//! the one query over all of them, with and without filters.

use std::time::Instant;

use chrono::NaiveDate;
use wandzeitung::model::*;
use wandzeitung::Store;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("follow_up.sqlite3")).unwrap();
    let owners = [
        "Herr Özdemir",
        "Frau Weiß",
        "Bauhof",
        "Amt für Digitales",
        "Jugendpflege",
    ];
    let statuses = ChallengeStatus::ALL;
    let t = Instant::now();
    for w in 0..200u32 {
        let workshop = store
            .create_workshop(&WorkshopInput {
                title: format!("Werkstatt {w}"),
                date: format!("2027-{:02}-{:02}", 1 + w % 12, 1 + w % 28),
                ..WorkshopInput::default()
            })
            .unwrap();
        let list = store
            .create_challenge_list(&workshop.id, "Herausforderungen")
            .unwrap();
        for c in 0..50u32 {
            let n = w * 50 + c;
            store
                .add_challenge(
                    &list.id,
                    &ChallengeInput {
                        title: format!("Vorhaben {n}"),
                        responsible: owners[(n % 5) as usize].into(),
                        next_step: "Termin mit dem Amt".into(),
                        due_date: if n % 7 == 0 {
                            String::new()
                        } else {
                            format!("2027-{:02}-{:02}", 1 + n % 12, 1 + n % 28)
                        },
                        status: statuses[(n % 4) as usize],
                        ..ChallengeInput::default()
                    },
                )
                .unwrap();
        }
    }
    println!(
        "store of 200 workshops × 50 challenges made in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let today = NaiveDate::from_ymd_opt(2027, 7, 1).unwrap();
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
}
