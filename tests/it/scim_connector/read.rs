//! Reading a SCIM provider through the CLI: paging, and every way it can fail.

use std::collections::BTreeSet;

use super::common::*;
use scim_test_server::{Config, Fault, ScimServer};
use serde_json::{Value, json};

#[test]
fn validate_credentials_names_the_tenant() {
    let server = ScimServer::start();
    let r = call(&server, "validate_credentials", json!({}));
    assert_eq!(response(&r)["valid"], true);
    let tenant = response(&r)["unique_tenant_id"].as_str().unwrap().to_owned();
    assert_eq!(tenant, "127.0.0.1/scim/v2");
    assert_eq!(
        server.last_user_agent().as_deref(),
        Some(concat!("scim/", env!("CARGO_PKG_VERSION")))
    );
}

#[test]
fn list_accounts_pages_through_more_than_a_thousand_users() {
    let server = ScimServer::start();
    let ids = server.seed_users(1_234);
    let (accounts, calls) = collect_pages(&server, "list_accounts", json!({}), Some(250));
    assert_eq!(calls, 5);
    assert_eq!(accounts.len(), 1_234);
    let seen: BTreeSet<&str> = accounts
        .iter()
        .map(|a| a["integration_specific_id"].as_str().unwrap())
        .collect();
    assert_eq!(seen.len(), 1_234, "no duplicates");
    assert_eq!(seen, ids.iter().map(String::as_str).collect());

    let first = &accounts[0];
    assert_eq!(first["username"], "user0000");
    assert_eq!(first["email"], "user0@work.example", "the primary email");
    assert_eq!(first["given_name"], "Given0");
    assert_eq!(first["family_name"], "Family0");
    assert_eq!(first["user_status"], "ACTIVE");
    assert_eq!(first["extra_data"]["title"], "Engineer");
    assert_eq!(accounts[4]["user_status"], "INACTIVE");

    // Without a size the default page is 100.
    let (all, calls) = collect_pages(&server, "list_accounts", json!({}), None);
    assert_eq!((all.len(), calls), (1_234, 13));
}

#[test]
fn provider_page_caps_do_not_end_the_listing_early() {
    let server = ScimServer::start_with(Config {
        max_page_size: 7,
        ..Config::default()
    });
    server.seed_users(30);
    let (accounts, calls) = collect_pages(&server, "list_accounts", json!({}), Some(10));
    assert_eq!(accounts.len(), 30);
    assert_eq!(calls, 5, "7 per answer whatever was asked");
}

#[test]
fn custom_attributes_come_from_extensions() {
    let server = ScimServer::start();
    server.seed_users(1);
    let r = call(
        &server,
        "list_accounts",
        json!({"custom_attributes": ["department", "employeeNumber"]}),
    );
    let custom = &response(&r)[0]["custom_attributes"];
    assert_eq!(custom, &json!({"department": "R&D", "employeeNumber": "0"}));
}

#[test]
fn a_bad_token_is_unauthorized() {
    let server = ScimServer::start();
    let r = call_with_token(&server, "wrong", "list_accounts", json!({}), Value::Null);
    let e = error(&r);
    assert_eq!(e["error_code"], "unauthorized");
    assert_eq!(e["status_code"], 401);
    assert_eq!(
        e["message"],
        format!(
            "[401][{}/Users] SCIM error: Authorization failure: invalid bearer token",
            server.base_url()
        )
    );
    assert_eq!(e["raised_by"], "ScimError");
    assert_eq!(e["raised_in"], "scim_connector:list_accounts");
    assert_eq!(e["app_id"], "scim");
}

#[test]
fn a_server_that_is_down_is_a_connection_timeout() {
    let base = {
        let server = ScimServer::start();
        server.base_url()
    };
    let r = call_at(&base, "t", "validate_credentials", json!({}), Value::Null);
    let e = error(&r);
    assert_eq!(e["error_code"], "connection_timeout");
    // Retried (the connector turns retries on), then reported as a single
    // failed attempt is.
    assert_eq!(
        e["message"],
        "Failed to connect to the API. Please verify the URL or try at a later time due to a potential temporary network issue."
    );
    assert_eq!(e["raised_by"], "ConnectError");
}

#[test]
fn rate_limits_are_waited_out() {
    let server = ScimServer::start();
    server.seed_users(3);
    server.inject(Fault::RateLimit { retry_after: 1 }, 2);
    let started = std::time::Instant::now();
    let r = call(&server, "list_accounts", json!({}));
    assert_eq!(response(&r).as_array().unwrap().len(), 3);
    assert!(
        started.elapsed().as_secs_f64() >= 2.0,
        "both Retry-After waits were honoured"
    );
    assert_eq!(server.requests(), 3);
}

#[test]
fn rate_limits_beyond_the_budget_are_reported() {
    let server = ScimServer::start();
    server.inject(Fault::RateLimit { retry_after: 3_600 }, 1);
    let r = call(&server, "list_accounts", json!({}));
    let e = error(&r);
    assert_eq!(e["error_code"], "rate_limit");
    assert_eq!(e["status_code"], 429);
    let message = e["message"].as_str().unwrap();
    assert!(
        message.starts_with(&format!("[429][{}/Users]", server.base_url())),
        "the 429 as it came: {message}"
    );
    assert_eq!(server.requests(), 1);
}

#[test]
fn server_errors_are_bad_gateway() {
    let server = ScimServer::start();
    server.inject(Fault::ServerError, 1);
    let r = call(&server, "list_accounts", json!({}));
    let e = error(&r);
    assert_eq!(e["error_code"], "bad_gateway");
    assert_eq!(e["status_code"], 500);
    assert_eq!(
        e["message"],
        format!("[500][{}/Users] SCIM error: Injected failure", server.base_url())
    );
}

#[test]
fn garbage_page_tokens_are_invalid_page_tokens() {
    let server = ScimServer::start();
    server.seed_users(3);
    for token in ["garbage", "AAAA", "%%%"] {
        let r = call_page(&server, "list_accounts", json!({}), json!({"token": token}));
        assert_eq!(error(&r)["error_code"], "invalid_page_token", "{token}");
    }
    assert_eq!(
        server.requests(),
        0,
        "nothing is asked of the provider with a bad token"
    );
}

#[test]
fn a_bad_base_url_is_a_bad_request() {
    let r = call_at("not a url", "t", "list_accounts", json!({}), Value::Null);
    let e = error(&r);
    assert_eq!(e["error_code"], "bad_request");
    assert!(e["message"].as_str().unwrap().starts_with("Invalid base URL"));
}

#[test]
fn raw_data_holds_the_answer_by_url_when_asked_for() {
    let server = ScimServer::start();
    server.seed_users(2);
    let r = call(&server, "list_accounts", json!({}));
    assert_eq!(r["raw_data"], Value::Null, "only on request");
    let envelope = json!({
        "auth": {"token": {"token": server.token()}},
        "settings": {"base_url": server.base_url()},
        "request": {},
        "include_raw_data": true,
    });
    let output = std::process::Command::new(crate::SCIM_CONNECTOR)
        .args(["list_accounts", "--json", &envelope.to_string()])
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&output.stdout).unwrap();
    let raw = r["raw_data"].as_object().unwrap();
    let url = format!("{}/Users?startIndex=1&count=100", server.base_url());
    assert_eq!(raw[&url]["totalResults"], 2);
    assert_eq!(raw[&url]["Resources"][1]["userName"], "user0001");
}

#[test]
fn a_forged_offset_past_every_number_is_an_invalid_token() {
    use connector::pagination::{Cursor, PageToken, Position};
    let forged = |cursors: &[(&str, u64)]| {
        let mut token = PageToken::new();
        for (endpoint, offset) in cursors {
            token.push(Cursor::new(*endpoint, Position::Offset(*offset)));
        }
        json!({"token": token.encode().unwrap(), "size": 5})
    };
    // Refused before any request: nothing listens here.
    let nowhere = "http://127.0.0.1:9/scim/v2";
    for (capability, page) in [
        ("list_accounts", forged(&[("/Users", u64::MAX)])),
        ("list_resources", forged(&[("/Groups", u64::MAX)])),
        ("list_entitlements", forged(&[("/Groups", u64::MAX)])),
        ("find_entitlement_associations", forged(&[("/Groups", u64::MAX)])),
        (
            "find_entitlement_associations",
            forged(&[("/Groups", u64::MAX), ("/Groups/members", 3)]),
        ),
    ] {
        let r = call_at(nowhere, "t", capability, json!({}), page);
        assert_eq!(error(&r)["error_code"], "invalid_page_token", "{capability}: {r}");
    }
}
