//! One writer for all phones: writes that arrive while a commit is under way
//! wait for it and then go to the disk together, in one transaction (group
//! commit). A room of a hundred posting at once then costs a few fsyncs, not
//! a hundred in a row; each write is still its own savepoint and undo step.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

use super::refusal::{blocking, Refusal};
use super::Hub;
use crate::model::Applied;
use crate::store::{PhoneWrite, PhoneWritten};
use crate::Store;

/// Most writes in one transaction: bounds how long one commit holds the store
/// (the facilitator's own actions wait for it).
const BATCH_MAX: usize = 128;

/// The write's result and, when it changed something, its update number.
pub(crate) type Written = (Result<Applied<PhoneWritten>, Refusal>, Option<u64>);
type Done = oneshot::Sender<Written>;

struct Job {
    participant: String,
    write: PhoneWrite,
    done: Done,
}

#[derive(Clone)]
pub(crate) struct Writer {
    jobs: mpsc::UnboundedSender<Job>,
}

impl Writer {
    /// Starts the writer task; it ends when the last `Writer` is dropped.
    pub(crate) fn start(store: Arc<Store>, board_id: String, hub: Arc<Hub>) -> Writer {
        let (jobs, mut queue) = mpsc::unbounded_channel::<Job>();
        tokio::spawn(async move {
            while let Some(first) = queue.recv().await {
                let mut batch = vec![first];
                while batch.len() < BATCH_MAX {
                    match queue.try_recv() {
                        Ok(job) => batch.push(job),
                        Err(_) => break,
                    }
                }
                let writes: Vec<(String, PhoneWrite)> = batch
                    .iter()
                    .map(|j| (j.participant.clone(), j.write.clone()))
                    .collect();
                let (store, board_id) = (store.clone(), board_id.clone());
                let done = blocking(move || store.participant_writes(&board_id, &writes)).await;
                let refusal = match done {
                    Ok(results) => {
                        let results: Vec<_> = results
                            .into_iter()
                            .map(|r| r.map_err(Refusal::from))
                            .collect();
                        // One message to the phones for the whole commit.
                        let updates = hub.committed(&results);
                        for ((job, result), update) in batch.into_iter().zip(results).zip(updates) {
                            let _ = job.done.send((result, update));
                        }
                        continue;
                    }
                    // The commit failed: none of them happened.
                    Err(refusal) => refusal,
                };
                for job in batch {
                    let _ = job.done.send((Err(refusal.clone()), None));
                }
            }
        });
        Writer { jobs }
    }

    /// Queues the write and waits until it is committed (or refused).
    pub(crate) async fn write(&self, participant: &str, write: PhoneWrite) -> Written {
        let (done, answer) = oneshot::channel();
        let job = Job {
            participant: participant.to_owned(),
            write,
            done,
        };
        if self.jobs.send(job).is_err() {
            return (Err(Refusal::ended()), None);
        }
        answer
            .await
            .unwrap_or_else(|_| (Err(Refusal::ended()), None))
    }
}
