//! The team folder over loopback (Apache httpd with mod_dav, as in the
//! tests). Prints numbers; asserts only that the laptops agree.
//! - a team of 200 workshops × 50 challenges with 20 photos: the first sync
//!   of the laptop that made them, then a new laptop joining (time, bytes);
//! - 10 challenges changed on one laptop: its sync, and the other's;
//! - a change file of 10,000 follow-up changes applied into the store.
//!
//! Run with `cargo bench --bench team_sync` (`make bench` does).

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Instant;

use chrono::NaiveDate;
use support::fixtures::many_challenges;
use support::team::Laptop;
use support::webdav::WebDav;
use wandzeitung::model::*;
use wandzeitung::team::{ChangeFile, FollowUpField, Op, Stamp, SyncReport, FORMAT};

/// One sync, timed.
fn timed_sync(laptop: &Laptop) -> (f64, SyncReport) {
    let t = Instant::now();
    let report = laptop.sync();
    (t.elapsed().as_secs_f64(), report)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 7, 1).unwrap()
}

fn median(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[0], v[v.len() / 2], v[v.len() - 1])
}

fn main() {
    let server = WebDav::start();
    let a = Laptop::new(&server, "Laptop Anna");
    let t = Instant::now();
    many_challenges(&a.store, 200, 50, today());
    let first = a.store.list_workshops().unwrap()[0].id.clone();
    let pictures = tempfile::tempdir().unwrap();
    for i in 0..20 {
        let file = support::pictures::magick(
            pictures.path(),
            &format!("wand{i}.jpg"),
            &["-size", "1600x1200", &format!("plasma:gray{}", 20 + i * 3)],
        );
        a.store
            .add_photo(
                &first,
                &PhotoInput {
                    caption: format!("Wand {i}"),
                    item_id: None,
                    workspace: None,
                },
                &std::fs::read(file).unwrap(),
            )
            .unwrap();
    }
    println!(
        "setup: 200 workshops × 50 challenges, 20 photos        {:>8.1} s",
        t.elapsed().as_secs_f64()
    );

    let (s, r) = timed_sync(&a);
    println!(
        "first sync of the laptop that made them                {s:>8.2} s  {} files, {:.1} MB up",
        r.files_sent,
        mb(r.bytes_sent)
    );
    let b = Laptop::new(&server, "Laptop Ben");
    let (s, r) = timed_sync(&b);
    println!(
        "a new laptop joins: first sync                         {s:>8.2} s  {} files, {:.1} MB down",
        r.files_applied,
        mb(r.bytes_received)
    );
    let all = |l: &Laptop| {
        l.store
            .follow_up(&FollowUpFilter::default(), today())
            .unwrap()
    };
    assert_eq!(all(&b).len(), 10_000);

    // 10 challenges changed on A, five times over.
    let ids: Vec<Id> = all(&a).into_iter().map(|i| i.challenge_id).collect();
    let (mut sends, mut gets, mut up, mut down) = (Vec::new(), Vec::new(), 0, 0);
    for round in 0..5 {
        for id in ids.iter().skip(round * 10).take(10) {
            let c = a.store.challenge_progress(id).unwrap().challenge;
            a.store
                .update_challenge(
                    id,
                    &ChallengeInput {
                        title: c.title,
                        responsible: c.responsible,
                        next_step: format!("Runde {round}"),
                        status: c.status,
                        ..ChallengeInput::default()
                    },
                )
                .unwrap();
        }
        let (s, r) = timed_sync(&a);
        sends.push(s);
        up = r.bytes_sent;
        let (s, r) = timed_sync(&b);
        gets.push(s);
        down = r.bytes_received;
    }
    let (min, med, max) = median(sends);
    println!(
        "10 challenges changed: the changing laptop's sync       min {min:.3} s  median {med:.3} s  max {max:.3} s  ({:.2} MB up)",
        mb(up)
    );
    let (min, med, max) = median(gets);
    println!(
        "10 challenges changed: the other laptop's sync          min {min:.3} s  median {med:.3} s  max {max:.3} s  ({:.2} MB down)",
        mb(down)
    );

    // 10,000 follow-up changes in one file, applied into B's store.
    let origins: Vec<String> = all(&b).into_iter().map(|i| i.team_id).collect();
    let mut applies = Vec::new();
    for sequence in 1..=3u64 {
        let device = "laptop-bench".to_owned();
        let mut ops = vec![Op::Device {
            label: "Laptop Cem".into(),
        }];
        for (n, challenge) in origins.iter().enumerate() {
            ops.push(Op::Field {
                challenge: challenge.clone(),
                field: FollowUpField::NextStep,
                value: Some(format!("Schritt {sequence}.{n}")),
                stamp: Stamp {
                    wall_ms: 4_000_000_000_000 + sequence * 100_000 + n as u64,
                    counter: 0,
                    device: device.clone(),
                },
                base: None,
            });
        }
        let file = ChangeFile {
            format: FORMAT,
            device,
            sequence,
            ops,
        };
        let t = Instant::now();
        assert!(b
            .store
            .team_apply(&b.settings, &file, &Default::default(), 0)
            .unwrap());
        applies.push(t.elapsed().as_secs_f64());
    }
    let (min, med, max) = median(applies);
    println!(
        "10,000 follow-up changes applied in one transaction    min {min:.3} s  median {med:.3} s  max {max:.3} s"
    );
    let sample = all(&b);
    assert!(sample.iter().all(|i| i.next_step.starts_with("Schritt 3.")));
}
