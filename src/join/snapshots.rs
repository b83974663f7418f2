//! The workshop's day as the phones may see it, read from the store once per change
//! and shared: after a burst, a hundred sockets ask for the day at once, and the store
//! (which the facilitator's window uses too) serves one read, not a hundred.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use super::refusal::{blocking, Refusal};
use crate::store::DaySnapshot;
use crate::Store;

/// Commits that record no change for the feed (a workshop renamed, a
/// board's title) keep the store's change number: they are picked up after
/// this long at the latest.
const FRESH_FOR: Duration = Duration::from_secs(2);

#[derive(Default)]
pub(crate) struct Snapshots {
    /// (update number it was read at, when, the snapshot)
    last: Mutex<Option<(u64, Instant, Arc<DaySnapshot>)>>,
}

impl Snapshots {
    /// The snapshot for update `current`, read when there is none yet. The
    /// lock is held while reading, so concurrent askers wait for one read.
    pub(crate) async fn get(
        &self,
        store: &Arc<Store>,
        workshop_id: &str,
        current: u64,
    ) -> Result<Arc<DaySnapshot>, Refusal> {
        let mut last = self.last.lock().await;
        if let Some((n, at, snap)) = last.as_ref() {
            if *n == current && at.elapsed() < FRESH_FOR {
                return Ok(snap.clone());
            }
        }
        let (store, workshop_id) = (store.clone(), workshop_id.to_owned());
        let snap = Arc::new(blocking(move || store.day_snapshot(&workshop_id)).await?);
        *last = Some((current, Instant::now(), snap.clone()));
        Ok(snap)
    }
}
