//! A hybrid logical clock: the order in which the team's laptops changed a
//! field, the same on every laptop whatever order their files arrive in.
//! A stamp is the wall time in milliseconds, a counter for changes within
//! one millisecond (or behind a faster clock), and the device id breaking
//! the last tie. A laptop that has seen a stamp never stamps below it, so
//! a change made after reading another laptop's change wins over it even
//! when this laptop's clock is hours behind.

use serde::{Deserialize, Serialize};

/// When and where a change was made; ordered by wall time, counter, device.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    pub wall_ms: u64,
    pub counter: u32,
    pub device: String,
}

/// One device's clock.
#[derive(Debug, Clone)]
pub struct Clock {
    device: String,
    wall_ms: u64,
    counter: u32,
}

impl Clock {
    /// A clock for `device` that has stamped nothing yet (or resumes after `last`).
    pub fn new(device: &str, last: Option<&Stamp>) -> Clock {
        Clock {
            device: device.to_owned(),
            wall_ms: last.map_or(0, |s| s.wall_ms),
            counter: last.map_or(0, |s| s.counter),
        }
    }

    /// The stamp of a change made here now (`now_ms`: this machine's clock).
    pub fn stamp(&mut self, now_ms: u64) -> Stamp {
        if now_ms > self.wall_ms {
            self.wall_ms = now_ms;
            self.counter = 0;
        } else {
            self.counter = self.counter.saturating_add(1);
        }
        Stamp {
            wall_ms: self.wall_ms,
            counter: self.counter,
            device: self.device.clone(),
        }
    }

    /// The last stamp's wall time and counter, to keep across runs.
    pub fn state(&self) -> (u64, u32) {
        (self.wall_ms, self.counter)
    }

    /// Another laptop's change was read: later stamps here come after it.
    pub fn observe(&mut self, seen: &Stamp, now_ms: u64) {
        let wall = self.wall_ms.max(seen.wall_ms).max(now_ms);
        self.counter = if wall == self.wall_ms && wall == seen.wall_ms {
            self.counter.max(seen.counter)
        } else if wall == self.wall_ms {
            self.counter
        } else if wall == seen.wall_ms {
            seen.counter
        } else {
            0
        };
        self.wall_ms = wall;
    }
}

/// The value of one field with the stamp of its last change: the later
/// stamp wins, whatever order the changes arrive in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Register<T> {
    pub value: T,
    pub stamp: Stamp,
}

/// What merging a change into a field did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merged<T> {
    /// The incoming value is the field's value now; `lost` is the one it
    /// replaced, which the history keeps ("gleichzeitig geändert …").
    Taken { lost: Register<T> },
    /// The field's value stays; the incoming one lost and goes to the history.
    Kept { lost: Register<T> },
    /// The same change again (a file read twice): nothing to do.
    Known,
}

impl<T: Clone + PartialEq> Register<T> {
    /// Merges `incoming` into this field.
    pub fn merge(&mut self, incoming: Register<T>) -> Merged<T> {
        if incoming.stamp == self.stamp {
            return Merged::Known;
        }
        if incoming.stamp > self.stamp {
            let lost = std::mem::replace(self, incoming);
            Merged::Taken { lost }
        } else {
            Merged::Kept { lost: incoming }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: u64 = 3_600_000;

    #[test]
    fn stamps_of_one_laptop_always_rise_also_when_its_clock_goes_back() {
        let mut clock = Clock::new("a", None);
        let first = clock.stamp(10 * HOUR);
        let same_ms = clock.stamp(10 * HOUR);
        let clock_set_back = clock.stamp(9 * HOUR);
        assert!(first < same_ms && same_ms < clock_set_back);
        assert_eq!(
            clock_set_back.wall_ms,
            10 * HOUR,
            "never below what it stamped"
        );
    }

    #[test]
    fn a_change_made_after_reading_another_wins_even_on_a_clock_hours_behind() {
        let mut fast = Clock::new("laptop-a", None);
        let mut slow = Clock::new("laptop-b", None);
        // Laptop A's clock is five hours ahead of B's.
        let a_change = fast.stamp(15 * HOUR);
        slow.observe(&a_change, 10 * HOUR);
        let b_change = slow.stamp(10 * HOUR + 1);
        assert!(b_change > a_change, "{b_change:?} after {a_change:?}");
    }

    #[test]
    fn every_order_of_merging_ends_in_the_same_value_and_the_same_losers() {
        let stamps = [
            Stamp {
                wall_ms: 5,
                counter: 0,
                device: "b".into(),
            },
            Stamp {
                wall_ms: 5,
                counter: 0,
                device: "a".into(),
            },
            Stamp {
                wall_ms: 4,
                counter: 7,
                device: "c".into(),
            },
            Stamp {
                wall_ms: 5,
                counter: 1,
                device: "a".into(),
            },
        ];
        let changes: Vec<Register<String>> = stamps
            .iter()
            .map(|s| Register {
                value: format!("{}{}", s.device, s.counter),
                stamp: s.clone(),
            })
            .collect();
        let mut results = std::collections::BTreeSet::new();
        // All 24 orders. A file is applied once (the store keeps each
        // device's last applied sequence with the file's changes); a change
        // already in the field is known.
        let orders = permutations(changes.len());
        assert_eq!(orders.len(), 24);
        for order in orders {
            let mut field = Register {
                value: "leer".to_owned(),
                stamp: Stamp {
                    wall_ms: 0,
                    counter: 0,
                    device: String::new(),
                },
            };
            let mut lost = Vec::new();
            for &i in &order {
                match field.merge(changes[i].clone()) {
                    Merged::Taken { lost: l } | Merged::Kept { lost: l } => lost.push(l.value),
                    Merged::Known => {}
                }
            }
            assert_eq!(field.merge(field.clone()), Merged::Known);
            lost.sort();
            results.insert((field.value, lost));
        }
        assert_eq!(results.len(), 1, "{results:?}");
        let (value, lost) = results.into_iter().next().unwrap();
        assert_eq!(value, "a1", "the latest stamp wins");
        assert_eq!(
            lost,
            ["a0", "b0", "c7", "leer"],
            "every other value is kept as lost"
        );
    }

    fn permutations(n: usize) -> Vec<Vec<usize>> {
        if n == 0 {
            return vec![vec![]];
        }
        let mut all = Vec::new();
        for rest in permutations(n - 1) {
            for at in 0..=rest.len() {
                let mut p = rest.clone();
                p.insert(at, n - 1);
                all.push(p);
            }
        }
        all
    }
}
