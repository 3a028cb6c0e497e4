//! The server's `GET /metrics`: capability calls, their errors by code and
//! their latency, per connector and capability, in Prometheus' text
//! exposition format (version 0.0.4).
//!
//! The series are made when the server starts, one per capability served,
//! so that no request (an unknown capability name in a URL) can add one:
//! calls of capabilities that are not served are counted together.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use crate::models::ErrorCode;
use crate::registry::App;

/// The media type Prometheus asks for.
pub(super) const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Upper bounds of the latency buckets, in seconds: Prometheus' defaults,
/// and longer ones for calls that page through a slow API (the server's
/// default timeout is two minutes).
const BOUNDS: [f64; 14] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0,
];

/// The counters of one capability.
#[derive(Default)]
struct Series {
    calls: AtomicU64,
    errors: [AtomicU64; ErrorCode::ALL.len()],
    /// Calls per bucket, not cumulative (the `+Inf` one is `calls`).
    buckets: [AtomicU64; BOUNDS.len()],
    nanos: AtomicU64,
}

/// Every capability's counters.
pub(super) struct Registry {
    apps: BTreeMap<&'static str, BTreeMap<&'static str, Series>>,
    not_implemented: AtomicU64,
}

impl Registry {
    /// Series for every capability of `apps`.
    pub(super) fn new<'a>(apps: impl IntoIterator<Item = &'a App>) -> Self {
        let apps = apps
            .into_iter()
            .map(|app| {
                let series = app
                    .capability_names()
                    .into_iter()
                    .map(|name| (name, Series::default()))
                    .collect();
                (app.app_id(), series)
            })
            .collect();
        Self {
            apps,
            not_implemented: AtomicU64::new(0),
        }
    }

    /// Counts one answered call of `capability`, an error when `error` is set.
    pub(super) fn record(&self, app_id: &str, capability: &str, elapsed: Duration, error: Option<ErrorCode>) {
        let Some(series) = self.apps.get(app_id).and_then(|s| s.get(capability)) else {
            return;
        };
        series.calls.fetch_add(1, Ordering::Relaxed);
        if let Some(code) = error {
            if let Some(i) = ErrorCode::ALL.iter().position(|c| *c == code) {
                series.errors[i].fetch_add(1, Ordering::Relaxed);
            }
        }
        let seconds = elapsed.as_secs_f64();
        if let Some(i) = BOUNDS.iter().position(|&bound| seconds <= bound) {
            series.buckets[i].fetch_add(1, Ordering::Relaxed);
        }
        let nanos = u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX);
        series.nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    /// Counts a call of a capability that is not served.
    pub(super) fn not_implemented(&self) {
        self.not_implemented.fetch_add(1, Ordering::Relaxed);
    }

    /// The exposition, with the number of requests being served.
    pub(super) fn render(&self, in_flight: usize) -> String {
        let mut out = String::with_capacity(4096);
        let all = || {
            self.apps
                .iter()
                .flat_map(|(app, series)| series.iter().map(move |(name, s)| (labels(app, name), s)))
        };
        header(
            &mut out,
            "connector_calls_total",
            "counter",
            "Capability calls answered.",
        );
        for (labels, series) in all() {
            let _ = writeln!(out, "connector_calls_total{{{labels}}} {}", load(&series.calls));
        }
        header(
            &mut out,
            "connector_call_errors_total",
            "counter",
            "Capability calls answered with an error envelope or an error status, by error code.",
        );
        for (labels, series) in all() {
            for (code, count) in ErrorCode::ALL.iter().zip(&series.errors) {
                let count = load(count);
                if count > 0 {
                    let _ = writeln!(
                        out,
                        "connector_call_errors_total{{{labels},error_code=\"{}\"}} {count}",
                        code.as_str()
                    );
                }
            }
        }
        header(
            &mut out,
            "connector_call_duration_seconds",
            "histogram",
            "Time from a capability request's arrival to its answer.",
        );
        for (labels, series) in all() {
            let mut cumulative = 0;
            for (bound, count) in BOUNDS.iter().zip(&series.buckets) {
                cumulative += load(count);
                let _ = writeln!(
                    out,
                    "connector_call_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                );
            }
            // Read after the buckets: a call counted meanwhile shows in
            // `+Inf` and `_count` alike, never in a bucket alone.
            let calls = load(&series.calls).max(cumulative);
            let _ = writeln!(
                out,
                "connector_call_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {calls}"
            );
            let seconds = load(&series.nanos) as f64 / 1e9;
            let _ = writeln!(out, "connector_call_duration_seconds_sum{{{labels}}} {seconds}");
            let _ = writeln!(out, "connector_call_duration_seconds_count{{{labels}}} {calls}");
        }
        header(
            &mut out,
            "connector_not_implemented_total",
            "counter",
            "Calls of capabilities the server does not serve.",
        );
        let _ = writeln!(
            out,
            "connector_not_implemented_total {}",
            load(&self.not_implemented)
        );
        header(
            &mut out,
            "connector_requests_in_flight",
            "gauge",
            "Requests being served.",
        );
        let _ = writeln!(out, "connector_requests_in_flight {in_flight}");
        out
    }
}

fn load(counter: &AtomicU64) -> u64 {
    counter.load(Ordering::Relaxed)
}

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

fn labels(app_id: &str, capability: &str) -> String {
    format!(
        "app_id=\"{}\",capability=\"{}\"",
        escape(app_id),
        escape(capability)
    )
}

/// A label value as the format writes it: `\`, `"` and newlines escaped.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        let series = ["list_accounts", "validate_credentials"]
            .into_iter()
            .map(|name| (name, Series::default()))
            .collect();
        Registry {
            apps: BTreeMap::from([("acme", series)]),
            not_implemented: AtomicU64::new(0),
        }
    }

    #[test]
    fn calls_errors_and_latency_are_exposed_per_capability() {
        let registry = registry();
        registry.record("acme", "list_accounts", Duration::from_millis(3), None);
        registry.record(
            "acme",
            "list_accounts",
            Duration::from_millis(700),
            Some(ErrorCode::RateLimit),
        );
        registry.record("acme", "list_accounts", Duration::from_secs(500), None);
        // Not a series: counted nowhere.
        registry.record("acme", "sync_everything", Duration::from_millis(1), None);
        registry.not_implemented();
        let text = registry.render(2);
        let l = r#"app_id="acme",capability="list_accounts""#;
        for line in [
            format!("connector_calls_total{{{l}}} 3"),
            r#"connector_calls_total{app_id="acme",capability="validate_credentials"} 0"#.to_owned(),
            format!("connector_call_errors_total{{{l},error_code=\"rate_limit\"}} 1"),
            format!("connector_call_duration_seconds_bucket{{{l},le=\"0.005\"}} 1"),
            format!("connector_call_duration_seconds_bucket{{{l},le=\"0.5\"}} 1"),
            format!("connector_call_duration_seconds_bucket{{{l},le=\"1\"}} 2"),
            format!("connector_call_duration_seconds_bucket{{{l},le=\"120\"}} 2"),
            format!("connector_call_duration_seconds_bucket{{{l},le=\"+Inf\"}} 3"),
            format!("connector_call_duration_seconds_sum{{{l}}} 500.703"),
            format!("connector_call_duration_seconds_count{{{l}}} 3"),
            "connector_not_implemented_total 1".to_owned(),
            "connector_requests_in_flight 2".to_owned(),
            "# TYPE connector_call_duration_seconds histogram".to_owned(),
        ] {
            assert!(text.lines().any(|have| have == line), "no {line:?} in\n{text}");
        }
        assert!(!text.contains("sync_everything"));
        assert!(
            !text.contains("validate_credentials\",error_code"),
            "no zero error series"
        );
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
