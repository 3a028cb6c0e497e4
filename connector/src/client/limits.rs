//! Request-rate and concurrency limits shared by clients.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::state::{InMemoryState, NotKeyed};
use governor::{Quota, RateLimiter};
use tokio::sync::{Semaphore, SemaphorePermit};

/// How many requests may start per window, and how many may be in flight.
///
/// One `Limits` is shared by every client it is given to, so a connector
/// that keeps one in a static applies it to all of its requests:
///
/// ```
/// use std::sync::{Arc, LazyLock};
/// use std::time::Duration;
/// use connector::client::{HttpClient, Limits};
///
/// static LIMITS: LazyLock<Arc<Limits>> =
///     LazyLock::new(|| Limits::new().per_window(100, Duration::from_secs(60)).max_concurrency(4).shared());
///
/// let client = HttpClient::builder("https://api.example.com").limits(LIMITS.clone()).build();
/// # drop(client);
/// ```
#[derive(Default)]
pub struct Limits {
    rate: Option<RateLimiter<NotKeyed, InMemoryState, DefaultClock>>,
    concurrency: Option<Semaphore>,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limits")
            .field("rate", &self.rate.is_some())
            .field(
                "concurrency",
                &self.concurrency.as_ref().map(|s| s.available_permits()),
            )
            .finish()
    }
}

impl Limits {
    /// No limits.
    pub fn new() -> Self {
        Self::default()
    }

    /// At most `requests` request starts per `window` (a burst of `requests`,
    /// then one more every `window / requests`). Zero values mean no limit.
    pub fn per_window(mut self, requests: u32, window: Duration) -> Self {
        self.rate = NonZeroU32::new(requests).and_then(|n| {
            let period = window.checked_div(n.get()).filter(|p| !p.is_zero())?;
            Quota::with_period(period).map(|q| RateLimiter::direct(q.allow_burst(n)))
        });
        self
    }

    /// At most `n` requests in flight at once (0 means no limit).
    pub fn max_concurrency(mut self, n: usize) -> Self {
        self.concurrency = (n > 0).then(|| Semaphore::new(n));
        self
    }

    /// Wraps the limits for sharing between clients.
    pub fn shared(self) -> Arc<Self> {
        Arc::new(self)
    }

    /// Waits for a concurrency slot, then for the rate limit.
    pub(crate) async fn acquire(&self) -> Option<SemaphorePermit<'_>> {
        let permit = match &self.concurrency {
            // The semaphore is never closed, so acquiring only fails if it were.
            Some(s) => s.acquire().await.ok(),
            None => None,
        };
        if let Some(rate) = &self.rate {
            let clock = DefaultClock::default();
            while let Err(not_until) = rate.check() {
                // A few random milliseconds more, so that requests that wait
                // together do not all start together.
                let jitter = Duration::from_micros(fastrand::u64(0..5_000));
                tokio::time::sleep(not_until.wait_time_from(clock.now()) + jitter).await;
            }
        }
        permit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[tokio::test]
    async fn rate_limit_spaces_requests_after_the_burst() {
        let limits = Limits::new().per_window(5, Duration::from_millis(250));
        let start = Instant::now();
        for _ in 0..5 {
            drop(limits.acquire().await);
        }
        for _ in 0..2 {
            drop(limits.acquire().await);
        }
        // Two more at one per 50 ms.
        assert!(
            start.elapsed() >= Duration::from_millis(95),
            "{:?}",
            start.elapsed()
        );
    }

    #[tokio::test]
    async fn concurrency_is_bounded() {
        let limits = Limits::new().max_concurrency(2).shared();
        let a = limits.acquire().await;
        let b = limits.acquire().await;
        assert!(a.is_some() && b.is_some());
        let third = tokio::time::timeout(Duration::from_millis(30), limits.acquire()).await;
        assert!(third.is_err(), "a third request waits while two are in flight");
        drop(a);
        let third = tokio::time::timeout(Duration::from_millis(30), limits.acquire()).await;
        assert!(third.is_ok());
    }

    #[test]
    fn zero_means_unlimited() {
        let l = Limits::new()
            .per_window(0, Duration::from_secs(1))
            .max_concurrency(0);
        assert!(l.rate.is_none() && l.concurrency.is_none());
        let l = Limits::new().per_window(10, Duration::ZERO);
        assert!(l.rate.is_none());
    }
}
