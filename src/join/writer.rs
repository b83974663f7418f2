//! One writer for all phones: writes that arrive while a commit is under way
//! wait for it and then go to the disk together, in one transaction (group
//! commit). A room of a hundred posting at once then costs a few fsyncs, not
//! a hundred in a row; each write is still its own savepoint and undo step.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

use super::refusal::{blocking, Refusal};
use crate::store::{PhoneApplied, PhoneCall};
use crate::Store;

/// Most writes in one transaction: bounds how long one commit holds the store
/// (the facilitator's own actions wait for it).
const BATCH_MAX: usize = 128;

/// The write's result and, when it changed something, its update number.
pub(crate) type Written = (Result<PhoneApplied, Refusal>, Option<u64>);
type Done = oneshot::Sender<Written>;

struct Job {
    call: PhoneCall,
    done: Done,
}

#[derive(Clone)]
pub(crate) struct Writer {
    jobs: mpsc::UnboundedSender<Job>,
}

impl Writer {
    /// Starts the writer task; it ends when the last `Writer` is dropped.
    pub(crate) fn start(store: Arc<Store>, workshop_id: String) -> Writer {
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
                let calls: Vec<PhoneCall> = batch.iter().map(|j| j.call.clone()).collect();
                let (store, workshop_id) = (store.clone(), workshop_id.clone());
                let done =
                    blocking(move || store.numbered_participant_writes(&workshop_id, &calls)).await;
                let refusal = match done {
                    // The store told the phones of the commit, once for all of them.
                    Ok((results, number)) => {
                        for (job, result) in batch.into_iter().zip(results) {
                            let update = result.as_ref().ok().and(number);
                            let _ = job.done.send((result.map_err(Refusal::from), update));
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
    pub(crate) async fn write(&self, call: PhoneCall) -> Written {
        let (done, answer) = oneshot::channel();
        let job = Job { call, done };
        if self.jobs.send(job).is_err() {
            return (Err(Refusal::ended()), None);
        }
        answer
            .await
            .unwrap_or_else(|_| (Err(Refusal::ended()), None))
    }
}
