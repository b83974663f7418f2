//! How long the release app takes to start, read off the screen the way a
//! user sees it, beside a bare WebKitGTK window (`examples/bare_webview.rs`).
//! Prints numbers; asserts nothing.
//!
//! Each start is timed from the moment the process is spawned. The bench
//! grabs the window's area of the X screen as fast as it can and notes
//! - **first paint**: the first grab that differs from the empty screen;
//! - **settled**: the last change, once the picture has stayed the same for
//!   a second; and how long the picture moved after its first paint.
//!
//! Warm starts follow each other; for a cold start the page cache is dropped
//! first (`/proc/sys/vm/drop_caches`, root only; skipped otherwise). App and
//! bare window take turns, so both meet the same machine. The app opens a
//! store with the demo workshop, made before the first timed start.
//!
//! A look at the screen costs the X server and this bench a few ms of CPU;
//! looking without a pause keeps one of this machine's two cores busy, which
//! slows an app of three processes (window, web content, network) more than
//! a bare window. So the bench pauses between looks (`WZ_START_PAUSE_MS`,
//! 10 by default; 0 looks without a pause): the numbers are then as exact as
//! one look plus the pause, which the report gives.
//!
//! Run with `make bench-start` (builds both release binaries, provides the
//! display and a session bus). `WZ_START_RUNS=warm,cold` sets the number of starts (20,5);
//! `WZ_START_FRAMES=<folder>` keeps each new picture there as PNG, named by
//! start and time.

#[cfg(target_os = "linux")]
mod screen {
    use gtk::gdk;
    use gtk::gdk::prelude::WindowExtManual;
    use std::hash::{DefaultHasher, Hash, Hasher};

    pub const WIDTH: i32 = 1280;
    pub const HEIGHT: i32 = 800;

    /// What the top-left window-sized area shows now, and its fingerprint.
    pub fn grab() -> (u64, gdk::gdk_pixbuf::Pixbuf) {
        let root = gdk::Window::default_root_window();
        let pixbuf = root
            .pixbuf(0, 0, WIDTH, HEIGHT)
            .expect("the screen can be read");
        let mut h = DefaultHasher::new();
        pixbuf.read_pixel_bytes().as_ref().hash(&mut h);
        (h.finish(), pixbuf)
    }
}

#[cfg(target_os = "linux")]
fn main() {
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    gtk::init().expect("a display: run under xvfb-run (make bench-start does)");

    let release = {
        let exe = std::env::current_exe().expect("bench path");
        exe.parent()
            .and_then(Path::parent)
            .expect("target/release/deps")
            .to_path_buf()
    };
    let app = release.join("wandzeitung-app");
    let bare = release.join("examples/bare_webview");
    for binary in [&app, &bare] {
        assert!(
            binary.exists(),
            "{} is missing: `make bench-start` builds it",
            binary.display()
        );
    }
    let runs: Vec<usize> = std::env::var("WZ_START_RUNS")
        .unwrap_or("20,5".into())
        .split(',')
        .map(|n| n.trim().parse().expect("WZ_START_RUNS=warm,cold"))
        .collect();
    let (warm_runs, cold_runs) = (runs[0], runs.get(1).copied().unwrap_or(0));

    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("start.sqlite3");
    {
        let store = wandzeitung::Store::open(&db).expect("store");
        wandzeitung::templates::create_demo_workshop(&store).expect("demo");
    }

    struct Start {
        first_paint: f64,
        settled: f64,
        changes: usize,
        /// The mean time from one look at the screen to the next: the
        /// resolution.
        grab_ms: f64,
    }

    let pause = Duration::from_millis(
        std::env::var("WZ_START_PAUSE_MS")
            .map(|ms| ms.parse().expect("WZ_START_PAUSE_MS=<ms>"))
            .unwrap_or(10),
    );
    let empty = screen::grab().0;
    let frames = std::env::var_os("WZ_START_FRAMES").map(PathBuf::from);
    let mut started = 0;
    let mut start = |binary: &PathBuf| -> Option<Start> {
        started += 1;
        let mut child = Command::new(binary)
            .env("WANDZEITUNG_DB", &db)
            .env("XDG_DATA_HOME", dir.path().join("webview"))
            .env("NO_AT_BRIDGE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start");
        let t0 = Instant::now();
        let mut last = empty;
        let mut first_paint = None;
        let mut last_change = t0;
        let mut changes = 0;
        let mut grabs = 0u32;
        let quiet = Duration::from_secs(1);
        let measured = loop {
            let (now_hash, picture) = screen::grab();
            grabs += 1;
            let now = Instant::now();
            if now_hash != last {
                if let Some(frames) = &frames {
                    let name = format!(
                        "{started:02}-{}-{:04}ms.png",
                        binary.file_name().unwrap().to_string_lossy(),
                        (now - t0).as_millis()
                    );
                    let _ = std::fs::create_dir_all(frames);
                    let _ = picture.savev(frames.join(name), "png", &[]);
                }
                last = now_hash;
                last_change = now;
                changes += 1;
                first_paint.get_or_insert(now - t0);
            }
            if let Some(first) = first_paint {
                if now - last_change >= quiet {
                    break Some(Start {
                        first_paint: first.as_secs_f64() * 1000.0,
                        settled: (last_change - t0).as_secs_f64() * 1000.0,
                        changes,
                        grab_ms: (now - t0).as_secs_f64() * 1000.0 / f64::from(grabs),
                    });
                }
            }
            if now - t0 > Duration::from_secs(20) {
                break None;
            }
            std::thread::sleep(pause);
        };
        let _ = child.kill();
        let _ = child.wait();
        // The next start begins on the empty screen again.
        let gone = Instant::now();
        while screen::grab().0 != empty && gone.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(20));
        }
        measured
    };

    let drop_caches = || -> bool {
        let _ = Command::new("sync").status();
        std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
    };

    fn report(name: &str, starts: &[Start]) {
        let pick = |mut v: Vec<f64>, p: f64| {
            v.sort_by(f64::total_cmp);
            v[((v.len() as f64 - 1.0) * p).round() as usize]
        };
        let first: Vec<f64> = starts.iter().map(|s| s.first_paint).collect();
        let settled: Vec<f64> = starts.iter().map(|s| s.settled).collect();
        let settling: Vec<f64> = starts.iter().map(|s| s.settled - s.first_paint).collect();
        let changes: Vec<f64> = starts.iter().map(|s| s.changes as f64).collect();
        let grab = starts.iter().map(|s| s.grab_ms).sum::<f64>() / starts.len() as f64;
        // The app's starts fall in two groups here: most paint first with
        // the bare window, some about 500 ms later (see the README's
        // "Start"). The count says how many the percentiles carry.
        let late = {
            let median = pick(first.clone(), 0.5);
            first.iter().filter(|&&f| f > median + 300.0).count()
        };
        println!(
            "{name:<28} n={:<3} first paint p50 {:>6.0} p95 {:>6.0} ms | settled p50 {:>6.0} p95 {:>6.0} max {:>6.0} ms | moving after first paint p50 {:>4.0} p95 {:>4.0} ms | pictures p50 {:.0} | first paint 300 ms after the median: {late} | a look every {grab:.0} ms",
            starts.len(),
            pick(first.clone(), 0.5),
            pick(first, 0.95),
            pick(settled.clone(), 0.5),
            pick(settled.clone(), 0.95),
            pick(settled, 1.0),
            pick(settling.clone(), 0.5),
            pick(settling, 0.95),
            pick(changes, 0.5),
        );
    }

    // One untimed start each: the store's demo opened once, the webview's
    // own data folder made, the binaries in the page cache.
    start(&app);
    start(&bare);

    let (mut app_warm, mut bare_warm) = (Vec::new(), Vec::new());
    for _ in 0..warm_runs {
        app_warm.extend(start(&app));
        bare_warm.extend(start(&bare));
    }
    report("app, warm", &app_warm);
    report("bare WebKitGTK, warm", &bare_warm);

    if cold_runs == 0 {
        return;
    }
    if !drop_caches() {
        println!("cold starts skipped: dropping the page cache needs root");
        return;
    }
    let (mut app_cold, mut bare_cold) = (Vec::new(), Vec::new());
    for _ in 0..cold_runs {
        drop_caches();
        app_cold.extend(start(&app));
        drop_caches();
        bare_cold.extend(start(&bare));
    }
    report("app, cold", &app_cold);
    report("bare WebKitGTK, cold", &bare_cold);
}

#[cfg(not(target_os = "linux"))]
fn main() {
    println!("The start bench reads an X screen: Linux only.");
}
