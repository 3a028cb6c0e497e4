//! Runs the built `scim-connector` binary against an in-memory SCIM server.

use std::process::Command;

use scim_test_server::ScimServer;
use serde_json::{Value, json};

/// Calls `capability` through the CLI with the server's URL and `token`.
pub fn call_with_token(
    server: &ScimServer,
    token: &str,
    capability: &str,
    request: Value,
    page: Value,
) -> Value {
    call_at(&server.base_url(), token, capability, request, page)
}

/// Calls `capability` through the CLI with the server's URL and token.
pub fn call(server: &ScimServer, capability: &str, request: Value) -> Value {
    call_with_token(server, server.token(), capability, request, Value::Null)
}

/// Calls `capability` through the CLI asking for `page`.
pub fn call_page(server: &ScimServer, capability: &str, request: Value, page: Value) -> Value {
    call_with_token(server, server.token(), capability, request, page)
}

/// Calls `capability` through the CLI against any base URL.
pub fn call_at(base_url: &str, token: &str, capability: &str, request: Value, page: Value) -> Value {
    let mut envelope = json!({
        "auth": {"token": {"token": token}},
        "settings": {"base_url": base_url},
        "request": request,
    });
    if !page.is_null() {
        envelope["page"] = page;
    }
    let output = Command::new(crate::SCIM_CONNECTOR)
        .arg(capability)
        .arg("--json")
        .arg(envelope.to_string())
        .output()
        .expect("run scim-connector");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}): {stdout:?}\nstderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// The `error` object of an error envelope, failing the test on success.
pub fn error(envelope: &Value) -> &Value {
    assert_eq!(
        envelope["is_error"], true,
        "expected an error envelope: {envelope}"
    );
    &envelope["error"]
}

/// The `response` of a success envelope, failing the test on error.
pub fn response(envelope: &Value) -> &Value {
    assert!(envelope.get("is_error").is_none(), "expected success: {envelope}");
    &envelope["response"]
}

/// Walks a paged capability to its end and returns every item and the number of calls.
pub fn collect_pages(
    server: &ScimServer,
    capability: &str,
    request: Value,
    size: Option<u64>,
) -> (Vec<Value>, usize) {
    let mut items = Vec::new();
    let mut token: Option<String> = None;
    let mut calls = 0;
    loop {
        let mut page = json!({});
        if let Some(s) = size {
            page["size"] = json!(s);
        }
        if let Some(t) = &token {
            page["token"] = json!(t);
        }
        let envelope = call_page(server, capability, request.clone(), page);
        calls += 1;
        items.extend(response(&envelope).as_array().expect("a list").iter().cloned());
        match envelope["page"]["token"].as_str() {
            Some(t) => token = Some(t.to_owned()),
            None => {
                assert!(
                    envelope["page"].is_null(),
                    "no token means no page: {}",
                    envelope["page"]
                );
                return (items, calls);
            }
        }
        assert!(calls < 10_000, "paging does not end");
    }
}
