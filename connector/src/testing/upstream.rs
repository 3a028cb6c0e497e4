//! A mock of the app's HTTP API on 127.0.0.1.

use serde::Serialize;
use serde_json::Value;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockGuard, MockServer, Request, ResponseTemplate};

/// One request the connector should send upstream, and the answer it gets.
///
/// ```
/// # use connector::testing::Exchange;
/// # use serde_json::json;
/// let exchange = Exchange::get("/users")
///     .query("limit", "100")
///     .header("authorization", "Bearer valid")
///     .respond(200, json!({"users": []}));
/// ```
#[derive(Debug, Clone)]
pub struct Exchange {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    json_body: Option<Value>,
    status: u16,
    body: Option<Body>,
    response_headers: Vec<(String, String)>,
    times: u64,
}

#[derive(Debug, Clone)]
enum Body {
    Json(Value),
    Text(String),
}

impl Exchange {
    /// A `method` request to `path` (the path only; no query string), answered `200` with no body.
    pub fn new(method: &str, path: &str) -> Self {
        Self {
            method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            query: Vec::new(),
            headers: Vec::new(),
            json_body: None,
            status: 200,
            body: None,
            response_headers: Vec::new(),
            times: 1,
        }
    }

    /// A `GET` request.
    pub fn get(path: &str) -> Self {
        Self::new("GET", path)
    }

    /// A `POST` request.
    pub fn post(path: &str) -> Self {
        Self::new("POST", path)
    }

    /// A `PUT` request.
    pub fn put(path: &str) -> Self {
        Self::new("PUT", path)
    }

    /// A `PATCH` request.
    pub fn patch(path: &str) -> Self {
        Self::new("PATCH", path)
    }

    /// A `DELETE` request.
    pub fn delete(path: &str) -> Self {
        Self::new("DELETE", path)
    }

    /// The request must carry this query parameter.
    pub fn query(mut self, key: &str, value: &str) -> Self {
        self.query.push((key.to_owned(), value.to_owned()));
        self
    }

    /// The request must carry this header (names are case-insensitive).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The request's body must be this JSON.
    ///
    /// # Panics
    /// When `body` does not serialize to JSON.
    pub fn json_body(mut self, body: impl Serialize) -> Self {
        self.json_body = Some(serde_json::to_value(body).expect("the expected body serializes"));
        self
    }

    /// Answers with `status` and this JSON body.
    ///
    /// # Panics
    /// When `body` does not serialize to JSON.
    pub fn respond(mut self, status: u16, body: impl Serialize) -> Self {
        self.status = status;
        self.body = Some(Body::Json(serde_json::to_value(body).expect("the answer serializes")));
        self
    }

    /// Answers with `status` and this text body.
    pub fn respond_text(mut self, status: u16, body: &str) -> Self {
        self.status = status;
        self.body = Some(Body::Text(body.to_owned()));
        self
    }

    /// Answers with `status` and no body.
    pub fn respond_empty(mut self, status: u16) -> Self {
        self.status = status;
        self.body = None;
        self
    }

    /// Adds a header to the answer.
    pub fn response_header(mut self, name: &str, value: &str) -> Self {
        self.response_headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// How many times the request is expected (1 unless told).
    pub fn times(mut self, times: u64) -> Self {
        self.times = times;
        self
    }

    fn describe(&self) -> String {
        let mut line = format!("{} {}", self.method, self.path);
        if !self.query.is_empty() {
            let query: Vec<String> = self.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
            line.push('?');
            line.push_str(&query.join("&"));
        }
        if let Some(body) = &self.json_body {
            line.push_str(&format!(" with body {body}"));
        }
        line
    }

    fn mock(&self, upstream_uri: &str) -> Mock {
        let mut mock = Mock::given(method(self.method.as_str())).and(path(self.path.as_str()));
        for (k, v) in &self.query {
            mock = mock.and(query_param(k.as_str(), v.as_str()));
        }
        for (k, v) in &self.headers {
            mock = mock.and(header(k.as_str(), v.as_str()));
        }
        if let Some(body) = &self.json_body {
            mock = mock.and(body_json(body));
        }
        let mut answer = ResponseTemplate::new(self.status);
        match &self.body {
            Some(Body::Json(v)) => {
                let mut v = v.clone();
                super::substitute(&mut v, "{upstream}", upstream_uri);
                answer = answer.set_body_json(v);
            }
            Some(Body::Text(t)) => {
                answer = answer.set_body_string(t.replace("{upstream}", upstream_uri));
            }
            None => {}
        }
        for (k, v) in &self.response_headers {
            answer = answer.insert_header(k.as_str(), v.replace("{upstream}", upstream_uri).as_str());
        }
        mock.respond_with(answer).up_to_n_times(self.times)
    }
}

/// An HTTP server on 127.0.0.1 (random port) standing in for the app's API.
///
/// Requests that match no expected [`Exchange`] are answered `404` and
/// reported by [`MockUpstream::verify`].
pub struct MockUpstream {
    server: MockServer,
    expected: Vec<(Exchange, MockGuard)>,
}

impl std::fmt::Debug for MockUpstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockUpstream").field("uri", &self.uri()).finish()
    }
}

impl MockUpstream {
    /// Starts a server.
    pub async fn start() -> Self {
        Self {
            server: MockServer::start().await,
            expected: Vec::new(),
        }
    }

    /// The server's base URL, `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// Expects this exchange.
    pub async fn expect(&mut self, exchange: Exchange) {
        let guard = exchange.mock(&self.uri()).mount_as_scoped(&self.server).await;
        self.expected.push((exchange, guard));
    }

    /// Every request received so far, in order.
    pub async fn received(&self) -> Vec<Request> {
        self.server.received_requests().await.unwrap_or_default()
    }

    /// Checks that every expected exchange happened as often as expected and
    /// nothing else was asked; the error lists every difference.
    pub async fn verify(&self) -> Result<(), String> {
        let mut problems = Vec::new();
        let mut unmatched = self.received().await;
        for (exchange, guard) in &self.expected {
            let matched = guard.received_requests().await;
            if matched.len() as u64 != exchange.times {
                problems.push(format!(
                    "expected {} time(s), received {} time(s): {}",
                    exchange.times,
                    matched.len(),
                    exchange.describe()
                ));
            }
            for request in &matched {
                if let Some(i) = unmatched.iter().position(|r| same_request(r, request)) {
                    unmatched.remove(i);
                }
            }
        }
        for request in &unmatched {
            let body = String::from_utf8_lossy(&request.body);
            let body = if body.is_empty() {
                String::new()
            } else {
                format!(" with body {body}")
            };
            problems.push(format!("unexpected request: {} {}{body}", request.method, request.url));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n"))
        }
    }
}

fn same_request(a: &Request, b: &Request) -> bool {
    a.method == b.method && a.url == b.url && a.body == b.body
}
