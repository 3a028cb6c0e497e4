//! When and how long to wait before trying a request again.

use std::time::{Duration, SystemTime};

use backon::{BackoffBuilder, ExponentialBuilder};
use reqwest::Method;

/// How transient failures are retried, once a connector turns retrying on
/// with [`HttpClientBuilder::retry`](super::HttpClientBuilder::retry)
/// (clients do not retry otherwise, like the reference's).
///
/// Retried: 408, 429, 502, 503 and 504 answers, connect failures and
/// timeouts. The wait grows exponentially with random jitter, or follows the
/// server's `Retry-After` when it sends one, though never for longer than
/// the request's timeout; a wait that would overrun the
/// [`budget`](RetryPolicy::budget) ends the retrying. Only idempotent methods (GET,
/// HEAD, PUT, DELETE, OPTIONS) are retried after a request reached the
/// server, unless [`RetryPolicy::retry_non_idempotent`] says otherwise.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 turns retrying off).
    pub max_retries: u32,
    /// The first wait.
    pub min_delay: Duration,
    /// The longest single wait computed by the backoff.
    pub max_delay: Duration,
    /// The growth factor of the wait.
    pub factor: f32,
    /// The most time spent waiting between attempts, all waits together.
    pub budget: Duration,
    /// Whether POST and PATCH are retried too.
    pub retry_non_idempotent: bool,
    /// Whether waits get random jitter.
    pub jitter: bool,
}

/// Three retries, waits from 250 ms growing to at most 10 s with jitter,
/// 30 s of waiting in all, idempotent methods only.
impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            min_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(10),
            factor: 2.0,
            budget: Duration::from_secs(30),
            retry_non_idempotent: false,
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// No retries at all: what a client does unless told otherwise.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Sets the number of retries after the first attempt.
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }

    /// Sets the first wait and the longest computed wait.
    pub fn delays(mut self, min: Duration, max: Duration) -> Self {
        self.min_delay = min;
        self.max_delay = max.max(min);
        self
    }

    /// Sets the total time that may be spent waiting between attempts.
    pub fn budget(mut self, budget: Duration) -> Self {
        self.budget = budget;
        self
    }

    /// Retries POST and PATCH too (only for endpoints where repeating is harmless).
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry_non_idempotent = yes;
        self
    }

    /// Turns jitter on or off (off makes waits predictable, e.g. in tests).
    pub fn jitter(mut self, yes: bool) -> Self {
        self.jitter = yes;
        self
    }

    pub(crate) fn backoff(&self) -> impl BackoffBuilder {
        let builder = ExponentialBuilder::default()
            .with_min_delay(self.min_delay)
            .with_max_delay(self.max_delay)
            .with_factor(self.factor)
            .with_max_times(self.max_retries as usize);
        if self.jitter {
            builder.with_jitter()
        } else {
            builder
        }
    }

    /// Whether a request of this method may be sent again once it reached the server.
    pub(crate) fn may_resend(&self, method: &Method) -> bool {
        self.retry_non_idempotent || is_idempotent(method)
    }
}

/// Methods that RFC 9110 defines as idempotent.
pub fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    )
}

/// Statuses that say "try again later".
pub fn is_transient_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 502 | 503 | 504)
}

/// Reads a `Retry-After` value: delay seconds or an HTTP date (RFC 9110 §10.2.3).
///
/// A date in the past means "now" (zero); a number of seconds too large for
/// a `u64` saturates at `u64::MAX` seconds (the caller caps the wait);
/// anything unreadable is `None`.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // All digits, so the only way parsing fails is overflow.
        return Some(Duration::from_secs(value.parse::<u64>().unwrap_or(u64::MAX)));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(parse_retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(Duration::from_secs(30))
        );
        // RFC 850 and asctime forms are still valid HTTP dates.
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:47 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Sun Nov  6 08:49:38 1994", now),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            parse_retry_after("Sat, 05 Nov 1994 08:49:37 GMT", now),
            Some(Duration::ZERO)
        );
        // Numbers past what a u64 holds saturate rather than read as nothing.
        assert_eq!(
            parse_retry_after("18446744073709551615", now),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(
            parse_retry_after("99999999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
        for bad in ["", "-5", "1.5", "+5", "soon", "Sun, 99 Nov 1994 08:49:37 GMT"] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad:?}");
        }
    }

    #[test]
    fn backoff_grows_and_stops_at_the_retry_count() {
        let policy = RetryPolicy::default()
            .max_retries(4)
            .delays(Duration::from_millis(100), Duration::from_millis(350))
            .jitter(false);
        let waits: Vec<u128> = policy.backoff().build().map(|d| d.as_millis()).collect();
        assert_eq!(waits, [100, 200, 350, 350], "exponential, capped, four retries");
        assert_eq!(RetryPolicy::none().backoff().build().next(), None);
    }

    #[test]
    fn jitter_stays_within_one_extra_delay() {
        let policy = RetryPolicy::default()
            .max_retries(50)
            .delays(Duration::from_millis(100), Duration::from_millis(100));
        for wait in policy.backoff().build() {
            assert!(
                wait >= Duration::from_millis(100) && wait <= Duration::from_millis(200),
                "{wait:?}"
            );
        }
    }

    #[test]
    fn only_idempotent_methods_are_resent_by_default() {
        let policy = RetryPolicy::default();
        assert!(policy.may_resend(&Method::GET));
        assert!(policy.may_resend(&Method::DELETE));
        assert!(policy.may_resend(&Method::PUT));
        assert!(!policy.may_resend(&Method::POST));
        assert!(!policy.may_resend(&Method::PATCH));
        assert!(policy.retry_non_idempotent(true).may_resend(&Method::POST));
        for s in [408, 429, 502, 503, 504] {
            assert!(is_transient_status(s));
        }
        for s in [400, 401, 403, 404, 409, 500, 501] {
            assert!(!is_transient_status(s));
        }
    }
}
