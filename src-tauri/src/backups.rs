//! Rolling backups while the app runs: one at start, then one every ten
//! minutes in which something changed, on a thread of their own so a
//! facilitator never waits for one. A failed backup is reported on stderr and
//! tried again at the next turn; it never stops the workshop.

use std::sync::Arc;
use std::time::{Duration, Instant};

use wandzeitung::{store, Store};

const EVERY: Duration = Duration::from_secs(10 * 60);
const LOOK: Duration = Duration::from_secs(30);

pub fn keep(store: Arc<Store>) {
    let dir = store::backup_dir(store.path());
    let spawned = std::thread::Builder::new()
        .name("backups".into())
        .spawn(move || {
            let mut taken_at = Instant::now();
            let mut changes = store.changes();
            take(&store, &dir);
            loop {
                std::thread::sleep(LOOK);
                let now = store.changes();
                if now != changes && taken_at.elapsed() >= EVERY {
                    take(&store, &dir);
                    taken_at = Instant::now();
                    changes = now;
                }
            }
        });
    if let Err(e) = spawned {
        wandzeitung::note!("Wandzeitung: no automatic backups: {e}");
    }
}

fn take(store: &Store, dir: &std::path::Path) {
    if let Err(e) = store.backup_into(dir) {
        wandzeitung::note!("Wandzeitung: backup into {} failed: {e}", dir.display());
    }
}
