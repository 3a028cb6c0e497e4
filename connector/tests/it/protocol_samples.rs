//! Every standard capability's request payload and response read from a
//! realistic sample and written back unchanged, and a wrong-typed sample of
//! each rejected with a message that says where the problem is.

use connector::capability::standard::{StandardCapability, Visitor, visit_all};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

const SAMPLES: &str = include_str!("../fixtures/protocol_samples.json");

/// `null` members are the same as absent ones on the wire.
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

fn round_trip<T: Serialize + DeserializeOwned>(
    capability: &str,
    side: &str,
    sample: &Value,
) -> Result<(), String> {
    let text = sample.to_string();
    let parsed: T = serde_json::from_str(&text).map_err(|e| format!("{capability} {side}: {e}"))?;
    let written = serde_json::to_value(&parsed).map_err(|e| format!("{capability} {side}: {e}"))?;
    if without_nulls(&written) != without_nulls(sample) {
        return Err(format!("{capability} {side}: wrote {written} for {sample}"));
    }
    Ok(())
}

/// The rejection message, with the path of the offending value.
fn rejection<T: DeserializeOwned>(sample: &Value) -> Option<String> {
    let text = sample.to_string();
    let mut de = serde_json::Deserializer::from_str(&text);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(_) => None,
        Err(e) => Some(format!("{}: {}", e.path(), e.inner())),
    }
}

struct Check {
    samples: serde_json::Map<String, Value>,
    seen: Vec<&'static str>,
    failures: Vec<String>,
}

impl Visitor for Check {
    fn visit<S: StandardCapability>(&mut self) {
        self.seen.push(S::NAME);
        let Some(sample) = self.samples.get(S::NAME) else {
            self.failures.push(format!("{}: no sample", S::NAME));
            return;
        };
        for result in [
            round_trip::<S::Request>(S::NAME, "request", &sample["request"]),
            round_trip::<S::Payload>(S::NAME, "response", &sample["response"]),
        ] {
            if let Err(e) = result {
                self.failures.push(e);
            }
        }
        for (side, message) in [
            ("wrong_request", rejection::<S::Request>(&sample["wrong_request"])),
            (
                "wrong_response",
                rejection::<S::Payload>(&sample["wrong_response"]),
            ),
        ] {
            match message {
                None => self.failures.push(format!("{}: {side} was accepted", S::NAME)),
                Some(m)
                    if !(m.contains("invalid")
                        || m.contains("missing field")
                        || m.contains("unknown variant")) =>
                {
                    self.failures
                        .push(format!("{}: {side}: unclear message {m:?}", S::NAME))
                }
                Some(_) => {}
            }
        }
    }
}

#[test]
fn every_capability_round_trips_and_rejects_wrong_types() {
    let Value::Object(samples) = serde_json::from_str(SAMPLES).expect("samples are JSON") else {
        panic!("samples are an object");
    };
    let mut check = Check {
        samples,
        seen: Vec::new(),
        failures: Vec::new(),
    };
    visit_all(&mut check);
    assert_eq!(check.seen.len(), 43);
    assert!(check.failures.is_empty(), "{}", check.failures.join("\n"));
}

#[test]
fn rejections_name_the_field() {
    use connector::models::*;
    let m = rejection::<ActivateAccount>(&serde_json::json!({"account_id": 42})).unwrap();
    assert!(
        m.starts_with("account_id: invalid type: integer `42`, expected a string"),
        "{m}"
    );
    let m = rejection::<Vec<FoundAccountData>>(
        &serde_json::json!([{"integration_specific_id": "u", "user_status": "RETIRED"}]),
    )
    .unwrap();
    assert!(m.starts_with("[0].user_status: unknown variant `RETIRED`"), "{m}");
    let m = rejection::<CreatedAccount>(&serde_json::json!({"status": "ACTIVE", "created": false})).unwrap();
    assert!(
        m.starts_with("created: invalid value: boolean `false`, expected true"),
        "{m}"
    );
    let m = rejection::<ListUpdatedAccounts>(&serde_json::json!({"since": "last tuesday"})).unwrap();
    assert!(m.starts_with("since: input contains invalid characters"), "{m}");
}

#[test]
fn lenient_values_are_kept() {
    use connector::models::*;
    let record: ActivityRecord = serde_json::from_value(serde_json::json!({
        "id": "e", "activity_type": "file_download", "timestamp": "t",
        "actor": {"account_id": "u"}, "targets": []
    }))
    .unwrap();
    assert_eq!(
        record.activity_type,
        ActivityRecordActivityType::Other("file_download".into())
    );
    let known: ActivityRecordActivityType = serde_json::from_str(r#""ACCOUNT_LOGIN""#).unwrap();
    assert_eq!(
        known,
        ActivityRecordActivityType::Known(ActivityType::AccountLogin)
    );
    let label: ResourceRelationshipLabel = serde_json::from_str(r#""shadows""#).unwrap();
    assert_eq!(label, ResourceRelationshipLabel::Unknown);
    let label: ResourceRelationshipLabel = serde_json::from_str(r#""member_of""#).unwrap();
    assert_eq!(label, ResourceRelationshipLabel::MemberOf);
    assert_eq!(serde_json::to_string(&label).unwrap(), r#""member_of""#);
}

#[test]
fn date_times_accept_offsets_and_write_utc_with_z() {
    use connector::models::*;
    let request: ListUpdatedAccounts =
        serde_json::from_str(r#"{"since": "2024-05-01T12:00:00+02:00"}"#).unwrap();
    let written = serde_json::to_value(&request).unwrap();
    assert_eq!(written["since"], "2024-05-01T10:00:00Z");
}

#[test]
fn secrets_stay_out_of_debug() {
    use connector::models::*;
    let callback = HandleAuthorizationCallback {
        credential_id: None,
        client_id: "cid".into(),
        client_secret: "very-secret".into(),
        redirect_uri_with_code: "https://x.example/cb?code=grant-code".into(),
        state: None,
        code_verifier: Some("pkce-value".into()),
    };
    let tokens = OauthCredentials {
        access_token: "token-value".into(),
        refresh_token: Some("refresh-value".into()),
        token_type: TokenType::Bearer,
        state: None,
    };
    let shown = format!("{callback:?} {tokens:?}");
    for secret in [
        "very-secret",
        "grant-code",
        "pkce-value",
        "token-value",
        "refresh-value",
    ] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert!(shown.contains("cid"));
}
