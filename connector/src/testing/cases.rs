//! Case tables: one case is a capability, a request, the upstream exchanges
//! it should make and the envelope it should answer with.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{Value, json};

use super::envelope::{Envelope, envelope_setters};
use super::{Exchange, MockUpstream, Subject, substitute, success_envelope};
use crate::connector::Builtin;
use crate::models::ErrorCode;

/// The placeholder replaced by the mock upstream's base URL in requests,
/// settings, upstream answers and expected envelopes.
pub const UPSTREAM: &str = "{upstream}";

/// What a case expects back.
#[derive(Debug, Clone)]
pub enum Expected {
    /// This whole envelope, compared as JSON.
    Envelope(Value),
    /// An error envelope with this code and, if given, this message.
    Error {
        /// The `error_code`.
        code: ErrorCode,
        /// The exact `message`, when it matters.
        message: Option<String>,
    },
}

/// One row of a case table.
///
/// ```
/// # use connector::testing::{Case, Exchange};
/// # use serde_json::json;
/// let case = Case::new("list_accounts")
///     .named("list_accounts_first_page")
///     .exchange(Exchange::get("/users").respond(200, json!([{"id": "1"}])))
///     .expect_response(json!([{"integration_specific_id": "1"}]));
/// ```
#[derive(Debug, Clone)]
pub struct Case {
    name: String,
    capability: String,
    envelope: Envelope,
    exchanges: Vec<Exchange>,
    expected: Expected,
}

envelope_setters!(Case, envelope);

impl Case {
    /// A case of `capability` with an empty request, expecting an empty success.
    pub fn new(capability: &str) -> Self {
        Self {
            name: capability.to_owned(),
            capability: capability.to_owned(),
            envelope: Envelope::default(),
            exchanges: Vec::new(),
            expected: Expected::Envelope(success_envelope(json!({}))),
        }
    }

    /// Names the case (the capability's name unless told).
    pub fn named(mut self, name: &str) -> Self {
        self.name = name.to_owned();
        self
    }

    /// The case's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The capability it calls.
    pub fn capability(&self) -> &str {
        &self.capability
    }

    /// Adds an upstream exchange the capability should make.
    pub fn exchange(mut self, exchange: Exchange) -> Self {
        self.exchanges.push(exchange);
        self
    }

    /// Expects this whole envelope.
    ///
    /// # Panics
    /// When `envelope` does not serialize to JSON.
    pub fn expect(mut self, envelope: impl Serialize) -> Self {
        self.expected = Expected::Envelope(serde_json::to_value(envelope).expect("the envelope serializes"));
        self
    }

    /// Expects a success envelope with this payload and no page, raw data or summary.
    pub fn expect_response(mut self, response: impl Serialize) -> Self {
        self.expected = Expected::Envelope(success_envelope(response));
        self
    }

    /// Expects an error envelope with this code.
    pub fn expect_error(mut self, code: ErrorCode) -> Self {
        self.expected = Expected::Error { code, message: None };
        self
    }

    /// Expects an error envelope with this code and message.
    pub fn expect_error_message(mut self, code: ErrorCode, message: &str) -> Self {
        self.expected = Expected::Error {
            code,
            message: Some(message.to_owned()),
        };
        self
    }
}

/// A case table's common ground: the connector, and the `auth` and
/// `settings` every case sends unless it says otherwise.
///
/// Strings in the envelope, the upstream answers and the expected envelope
/// may hold `{upstream}`, replaced by the mock upstream's base URL, so
/// settings can point the connector at it:
///
/// ```no_run
/// # use connector::testing::{Subject, Suite};
/// # use serde_json::json;
/// let suite = Suite::new(Subject::binary("target/debug/acme-widgets"))
///     .auth(json!({"token": {"token": "valid"}}))
///     .settings(json!({"base_url": "{upstream}"}));
/// ```
#[derive(Debug, Clone)]
pub struct Suite {
    subject: Subject,
    auth: Option<Value>,
    settings: Option<Value>,
    uncovered: BTreeSet<String>,
}

impl Suite {
    /// A suite for this connector.
    pub fn new(subject: Subject) -> Self {
        Self {
            subject,
            auth: None,
            settings: None,
            uncovered: BTreeSet::new(),
        }
    }

    /// The `auth` every case sends.
    ///
    /// # Panics
    /// When `auth` does not serialize to JSON.
    pub fn auth(mut self, auth: impl Serialize) -> Self {
        self.auth = Some(serde_json::to_value(auth).expect("auth serializes"));
        self
    }

    /// The `settings` every case sends.
    ///
    /// # Panics
    /// When `settings` does not serialize to JSON.
    pub fn settings(mut self, settings: impl Serialize) -> Self {
        self.settings = Some(serde_json::to_value(settings).expect("settings serialize"));
        self
    }

    /// Lets the coverage check pass without a case for this capability.
    pub fn not_covered(mut self, capability: &str) -> Self {
        self.uncovered.insert(capability.to_owned());
        self
    }

    /// The connector under test.
    pub fn subject(&self) -> &Subject {
        &self.subject
    }

    /// Runs one case against a fresh mock upstream; the error says what differed.
    pub async fn run(&self, case: &Case) -> Result<(), String> {
        let mut upstream = MockUpstream::start().await;
        let uri = upstream.uri();
        for exchange in &case.exchanges {
            upstream.expect(exchange.clone()).await;
        }
        let mut envelope = case.envelope.clone();
        if let Some(auth) = &self.auth {
            envelope.set_default("auth", auth);
        }
        if let Some(settings) = &self.settings {
            envelope.set_default("settings", settings);
        }
        let mut envelope = envelope.to_value();
        substitute(&mut envelope, UPSTREAM, &uri);

        let text = self
            .subject
            .dispatch(&case.capability, envelope.to_string())
            .await;
        let mut problems = Vec::new();
        match serde_json::from_str::<Value>(&text) {
            Ok(actual) => {
                if let Some(problem) = compare(&case.expected, &actual, &uri) {
                    problems.push(problem);
                }
            }
            Err(e) => problems.push(format!("the answer is not JSON ({e}): {text}")),
        }
        if let Err(upstream_problems) = upstream.verify().await {
            problems.push(format!("upstream exchanges differ:\n{upstream_problems}"));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "case `{}` ({}) failed:\n{}",
                case.name,
                case.capability,
                problems.join("\n")
            ))
        }
    }

    /// Runs one case.
    ///
    /// # Panics
    /// When the case fails, with what differed.
    pub async fn check(&self, case: Case) {
        if let Err(failure) = self.run(&case).await {
            panic!("{failure}");
        }
    }

    /// The coverage check: every capability the connector serves (but the
    /// ones the framework provides and those marked [`Suite::not_covered`])
    /// has at least one case in `cases`.
    pub async fn coverage(&self, cases: &[Case]) -> Result<(), String> {
        let covered: BTreeSet<&str> = cases.iter().map(Case::capability).collect();
        let missing: Vec<String> = self
            .subject
            .capabilities()
            .await
            .into_iter()
            .filter(|c| !Builtin::ALL.iter().any(|b| b.name() == c.as_str()))
            .filter(|c| !self.uncovered.contains(c) && !covered.contains(c.as_str()))
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "Connector {} does not have full coverage. Missing tests for capabilities: {}",
                self.subject.app_id().await,
                missing.join(", ")
            ))
        }
    }

    /// Runs every case, then the coverage check.
    ///
    /// # Panics
    /// When any case fails or a capability has no case, listing every failure.
    pub async fn check_all(&self, cases: &[Case]) {
        let mut failures = Vec::new();
        let mut names = BTreeSet::new();
        for case in cases {
            if !names.insert(case.name.as_str()) {
                failures.push(format!("two cases are named `{}`", case.name));
            }
            if let Err(failure) = self.run(case).await {
                failures.push(failure);
            }
        }
        if let Err(missing) = self.coverage(cases).await {
            failures.push(missing);
        }
        if !failures.is_empty() {
            let mut report = format!("{} of {} case(s) failed\n", failures.len(), cases.len());
            for failure in &failures {
                let _ = writeln!(report, "\n{failure}");
            }
            panic!("{report}");
        }
    }
}

fn compare(expected: &Expected, actual: &Value, uri: &str) -> Option<String> {
    match expected {
        Expected::Envelope(expected) => {
            let mut expected = expected.clone();
            substitute(&mut expected, UPSTREAM, uri);
            (expected != *actual)
                .then(|| format!("expected envelope:\n  {expected}\nactual envelope:\n  {actual}"))
        }
        Expected::Error { code, message } => {
            let is_error = actual.get("is_error").and_then(Value::as_bool) == Some(true);
            let actual_code = &actual["error"]["error_code"];
            let code_matches = serde_json::to_value(code).ok().as_ref() == Some(actual_code);
            let message_matches = match message {
                Some(m) => actual["error"]["message"].as_str() == Some(m.replace(UPSTREAM, uri).as_str()),
                None => true,
            };
            (!is_error || !code_matches || !message_matches).then(|| {
                let message = message
                    .as_deref()
                    .map(|m| format!(" with message {m:?}"))
                    .unwrap_or_default();
                format!("expected an error envelope with code {code}{message}\nactual envelope:\n  {actual}")
            })
        }
    }
}
