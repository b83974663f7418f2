//! The store's news. A write records what it changes while it runs (the
//! places every write of a kind passes: an undo step, a moved agenda, a
//! moderated item); after its commit the store publishes the changes, in
//! commit order, to whoever subscribed: the phones' server, the app's
//! windows, `wz serve`'s log. A write that is rolled back, whole or to a
//! savepoint, publishes nothing of what it undid.
//!
//! The recording lives with the thread running the write: the store holds
//! its one connection for the whole write, so one thread runs at most one
//! write, and the helpers deep inside it need no extra argument.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use crate::model::{Card, Change, Published, Source, Subject};

thread_local! {
    static RECORDING: RefCell<Option<Recording>> = const { RefCell::new(None) };
}

struct Recording {
    source: Source,
    changes: Vec<Change>,
}

/// Records that the write under way changed `subject`. Outside a write
/// (a migration, a read) nothing is recorded.
pub(crate) fn record(subject: Subject) {
    RECORDING.with(|r| {
        if let Some(rec) = r.borrow_mut().as_mut() {
            rec.changes.push(Change {
                source: rec.source.clone(),
                subject,
            });
        }
    });
}

/// Runs `f` as written by `source`: one phone's write in a batch of them.
pub(crate) fn as_source<T>(source: Source, f: impl FnOnce() -> T) -> T {
    let swap = |s: Source| {
        RECORDING.with(|r| {
            r.borrow_mut()
                .as_mut()
                .map(|rec| std::mem::replace(&mut rec.source, s))
        })
    };
    let before = swap(source);
    let value = f();
    if let Some(before) = before {
        swap(before);
    }
    value
}

/// How many changes the write has recorded so far; `rewind` forgets those
/// recorded after (their savepoint was rolled back).
pub(crate) fn mark() -> usize {
    RECORDING.with(|r| r.borrow().as_ref().map_or(0, |rec| rec.changes.len()))
}

pub(crate) fn rewind(mark: usize) {
    RECORDING.with(|r| {
        if let Some(rec) = r.borrow_mut().as_mut() {
            rec.changes.truncate(mark);
        }
    });
}

/// Puts the card a phone wrote on the workspace change just recorded, so a
/// window shows it without reloading the board.
pub(crate) fn attach_card(card: &Card) {
    RECORDING.with(|r| {
        if let Some(Change {
            subject: Subject::Workspace { card: slot, .. },
            ..
        }) = r
            .borrow_mut()
            .as_mut()
            .and_then(|rec| rec.changes.last_mut())
        {
            *slot = Some(card.clone());
        }
    });
}

/// One write's recording, from its start to its commit. Dropped without
/// `finish` (an error, a panic), it forgets what it recorded.
pub(crate) struct Recorder(());

impl Recorder {
    pub(crate) fn begin(source: Source) -> Recorder {
        RECORDING.with(|r| {
            *r.borrow_mut() = Some(Recording {
                source,
                changes: Vec::new(),
            })
        });
        Recorder(())
    }

    /// The changes of the write, now that it committed.
    pub(crate) fn finish(self) -> Vec<Change> {
        RECORDING.with(|r| {
            r.borrow_mut()
                .take()
                .map(|rec| rec.changes)
                .unwrap_or_default()
        })
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        RECORDING.with(|r| *r.borrow_mut() = None);
    }
}

type Subscriber = Arc<dyn Fn(&Published) + Send + Sync>;

#[derive(Default)]
struct Subscribers {
    list: Mutex<Vec<(u64, Subscriber)>>,
    next_id: AtomicU64,
}

impl Subscribers {
    fn lock(&self) -> MutexGuard<'_, Vec<(u64, Subscriber)>> {
        self.list.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Who hears of the store's commits, and how many commits changed something.
#[derive(Default)]
pub(crate) struct Feed {
    subscribers: Arc<Subscribers>,
    published: AtomicU64,
}

impl Feed {
    /// The next commit's number; taken while the commit still holds the
    /// store, so numbers follow the order of commits.
    pub(crate) fn number(&self) -> u64 {
        self.published.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Tells every subscriber. Called with the store free: a subscriber may
    /// read the store; it must not wait on anything that waits on a write.
    pub(crate) fn publish(&self, published: &Published) {
        let subscribers: Vec<Subscriber> = self
            .subscribers
            .lock()
            .iter()
            .map(|(_, s)| s.clone())
            .collect();
        for subscriber in subscribers {
            subscriber(published);
        }
    }

    pub(crate) fn subscribe(&self, f: impl Fn(&Published) + Send + Sync + 'static) -> Subscription {
        let id = self.subscribers.next_id.fetch_add(1, Ordering::SeqCst);
        self.subscribers.lock().push((id, Arc::new(f)));
        Subscription {
            subscribers: Arc::downgrade(&self.subscribers),
            id,
        }
    }

    /// The number of the last commit that changed something.
    pub(crate) fn latest(&self) -> u64 {
        self.published.load(Ordering::SeqCst)
    }
}

/// A subscriber hears of commits until this is dropped.
pub struct Subscription {
    subscribers: Weak<Subscribers>,
    id: u64,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(s) = self.subscribers.upgrade() {
            s.lock().retain(|(id, _)| *id != self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::record;
    use crate::error::Error;
    use crate::model::{Published, Source, Subject};
    use crate::Store;

    fn item(id: &str) -> Subject {
        Subject::Item { item_id: id.into() }
    }

    fn followed() -> (tempfile::TempDir, Store, Arc<Mutex<Vec<Published>>>) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("feed.sqlite3")).unwrap();
        (dir, store, Arc::new(Mutex::new(Vec::new())))
    }

    #[test]
    fn a_write_rolled_back_after_recording_publishes_nothing() {
        let (_dir, store, heard) = followed();
        let sink = heard.clone();
        let _s = store.subscribe(move |p| sink.lock().unwrap().push(p.clone()));
        let failed: crate::Result<()> = store.write(|_| {
            record(item("a"));
            Err(Error::ItemEnded)
        });
        assert!(failed.is_err());
        assert!(heard.lock().unwrap().is_empty());
        // The next write starts from nothing: the failed one left no trace.
        store
            .write(|_| {
                record(item("b"));
                Ok(())
            })
            .unwrap();
        let heard = heard.lock().unwrap();
        assert_eq!(heard.len(), 1);
        assert_eq!(heard[0].changes.len(), 1);
        assert_eq!(heard[0].changes[0].subject, item("b"));
        assert_eq!(heard[0].changes[0].source, Source::Window);
    }

    #[test]
    fn a_savepoint_rolled_back_takes_its_changes_with_it_and_a_dropped_subscription_ends() {
        let (_dir, store, heard) = followed();
        let sink = heard.clone();
        let subscription = store.subscribe(move |p| sink.lock().unwrap().push(p.clone()));
        store
            .write_as(Source::CommandLine, |_| {
                record(item("kept"));
                let mark = super::mark();
                super::as_source(
                    Source::Phone {
                        participant: "p".into(),
                    },
                    || record(item("undone")),
                );
                super::rewind(mark);
                Ok(())
            })
            .unwrap();
        drop(subscription);
        store
            .write(|_| {
                record(item("unheard"));
                Ok(())
            })
            .unwrap();
        let heard = heard.lock().unwrap();
        assert_eq!(heard.len(), 1, "{heard:?}");
        assert_eq!(heard[0].changes.len(), 1);
        assert_eq!(heard[0].changes[0].subject, item("kept"));
        assert_eq!(heard[0].changes[0].source, Source::CommandLine);
        assert_eq!(
            store.latest_change(),
            2,
            "the unheard commit is numbered too"
        );
    }
}
