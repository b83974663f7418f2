//! A token bucket: `burst` requests at once, then `per_second` on average.

use std::time::{Duration, Instant};

#[derive(Debug)]
pub(crate) struct Bucket {
    tokens: f64,
    burst: f64,
    per_second: f64,
    last: Instant,
}

impl Bucket {
    pub(crate) fn new(burst: u32, per_second: f64) -> Bucket {
        Bucket {
            tokens: burst.into(),
            burst: burst.into(),
            per_second,
            last: Instant::now(),
        }
    }

    /// Takes one token; false when the bucket is empty.
    pub(crate) fn take(&mut self) -> bool {
        self.take_at(Instant::now())
    }

    /// Whether a token is there, without taking it.
    pub(crate) fn available(&mut self) -> bool {
        self.refill(Instant::now());
        self.tokens >= 1.0
    }

    /// How long until the next token.
    pub(crate) fn wait(&mut self) -> Duration {
        self.refill(Instant::now());
        let missing = (1.0 - self.tokens).max(0.0);
        Duration::from_secs_f64(missing / self.per_second)
    }

    fn refill(&mut self, now: Instant) {
        let refill = now.saturating_duration_since(self.last).as_secs_f64() * self.per_second;
        self.tokens = (self.tokens + refill).min(self.burst);
        self.last = now;
    }

    fn take_at(&mut self, now: Instant) -> bool {
        self.refill(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_rate_holds() {
        let start = Instant::now();
        let mut b = Bucket::new(3, 2.0);
        b.last = start;
        assert!((0..3).all(|_| b.take_at(start)), "the burst passes");
        assert!(!b.take_at(start), "the fourth at once is refused");
        assert!(
            b.take_at(start + Duration::from_millis(500)),
            "half a second brings one token at 2/s"
        );
        assert!(!b.take_at(start + Duration::from_millis(500)));
    }
}
