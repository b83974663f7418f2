//! The real app under Xvfb: time from start to the first screen and the
//! resident memory once it is shown. Prints numbers; asserts nothing.
//! Run with `make bench`, which builds the app and provides the display.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Instant;

use support::app::App;

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.sqlite3");
    let mut first_screens = Vec::new();
    for run in 0..5 {
        // Run 0 starts on an empty store (creates the demo); later runs open it.
        let t = Instant::now();
        let app = App::start(&db);
        app.session
            .find("[data-testid=workshop-heading], [data-testid=new-workshop]");
        let elapsed = t.elapsed();
        let rss = app.app_pid().and_then(rss_kib);
        println!(
            "start to first screen, run {run}{}: {elapsed:.0?}, resident memory {} MiB",
            if run == 0 {
                " (empty store, demo created)"
            } else {
                ""
            },
            rss.map(|k| format!("{:.1}", k as f64 / 1024.0))
                .unwrap_or("?".into())
        );
        first_screens.push(elapsed);
        drop(app);
    }
    first_screens.sort();
    println!(
        "start to first screen (incl. tauri-driver session set-up): median {:.0?}",
        first_screens[first_screens.len() / 2]
    );
}
