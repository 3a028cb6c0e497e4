//! The SCIM 2.0 protocol as the connector uses it: resources, list answers,
//! PATCH operations, error bodies, and a client that speaks them.

use std::fmt;

use connector::client::{HttpClient, HttpResponse};
use connector::error::HttpStatusError;
use connector::models::{AccountStatus, AccountType, FoundAccountData};
use connector::prelude::*;
use serde_json::{Map, Value};

/// Schema URN of SCIM error bodies (RFC 7644 §3.12).
pub const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
/// Schema URN of PATCH bodies (RFC 7644 §3.5.2).
pub const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
/// Schema URN of the core User resource (RFC 7643 §4.1).
pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";

/// A `ListResponse` (RFC 7644 §3.4.2).
#[derive(Debug, Deserialize)]
pub struct ListResponse<T> {
    /// Matches in all pages.
    #[serde(rename = "totalResults", default)]
    pub total_results: u64,
    /// This page's items; providers leave the key out when there are none.
    #[serde(rename = "Resources", default = "Vec::new")]
    pub resources: Vec<T>,
    /// The answer as it came, keyed by its URL, when the caller asked for raw data.
    #[serde(skip)]
    pub raw: Option<Value>,
}

/// The `name` complex attribute of a User.
#[derive(Debug, Default, Deserialize)]
pub struct Name {
    /// Given name.
    #[serde(rename = "givenName", default)]
    pub given_name: Option<String>,
    /// Family name.
    #[serde(rename = "familyName", default)]
    pub family_name: Option<String>,
}

/// One value of a multi-valued attribute (`emails`, `members`...).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct MultiValue {
    /// The value (an address, a member's id...).
    #[serde(default)]
    pub value: Option<String>,
    /// Whether it is the primary value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<bool>,
}

/// A User resource: the attributes the connector reads, and the rest as it came.
#[derive(Debug, Deserialize)]
pub struct User {
    /// Provider-assigned id.
    pub id: String,
    /// Login name.
    #[serde(rename = "userName", default)]
    pub user_name: Option<String>,
    /// Name parts.
    #[serde(default)]
    pub name: Option<Name>,
    /// Email addresses.
    #[serde(default)]
    pub emails: Option<Vec<MultiValue>>,
    /// Administrative status.
    #[serde(default)]
    pub active: Option<bool>,
    /// Every other attribute.
    #[serde(flatten)]
    pub rest: Map<String, Value>,
}

/// A Group resource.
#[derive(Debug, Deserialize)]
pub struct Group {
    /// Provider-assigned id.
    pub id: String,
    /// The group's name.
    #[serde(rename = "displayName", default)]
    pub display_name: Option<String>,
    /// Members (absent when excluded from the answer).
    #[serde(default)]
    pub members: Option<Vec<MultiValue>>,
}

impl Group {
    /// Member ids, in the provider's order.
    pub fn member_ids(&self) -> impl Iterator<Item = &str> {
        self.members.iter().flatten().filter_map(|m| m.value.as_deref())
    }
}

impl User {
    /// The primary email, else the first one.
    pub fn email(&self) -> Option<String> {
        let emails = self.emails.as_ref()?;
        emails
            .iter()
            .find(|e| e.primary == Some(true))
            .or_else(|| emails.first())
            .and_then(|e| e.value.clone())
    }

    /// The account as the protocol describes it; `custom` names attributes
    /// to copy into `custom_attributes` (found at the top level or in a schema extension).
    pub fn into_account(self, custom: Option<&[String]>) -> FoundAccountData {
        let email = self.email();
        let name = self.name.unwrap_or_default();
        let mut rest = self.rest;
        rest.remove("schemas");
        let custom_attributes = custom.map(|names| {
            names
                .iter()
                .filter_map(|n| find_attribute(&rest, n).map(|v| (n.clone(), v)))
                .collect()
        });
        FoundAccountData {
            integration_specific_id: self.id,
            email,
            given_name: name.given_name,
            family_name: name.family_name,
            username: self.user_name,
            user_status: self.active.map(|a| {
                if a {
                    AccountStatus::ACTIVE
                } else {
                    AccountStatus::INACTIVE
                }
            }),
            extra_data: (!rest.is_empty()).then_some(rest),
            custom_attributes,
            account_type: Some(AccountType::User),
        }
    }
}

fn find_attribute(rest: &Map<String, Value>, name: &str) -> Option<String> {
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    };
    rest.get(name).and_then(text).or_else(|| {
        rest.iter()
            .filter(|(k, _)| k.starts_with("urn:"))
            .find_map(|(_, ext)| ext.get(name).and_then(text))
    })
}

/// One PATCH operation.
#[derive(Debug, Serialize)]
pub struct Operation {
    /// `add`, `remove` or `replace`.
    pub op: &'static str,
    /// The attribute path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The new value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// A PATCH body.
pub fn patch_body(operations: Vec<Operation>) -> Value {
    serde_json::json!({ "schemas": [PATCH_SCHEMA], "Operations": operations })
}

/// A SCIM error answer: the status error with the provider's `scimType` and `detail`.
#[derive(Debug)]
pub struct ScimError {
    /// The HTTP status.
    pub status: u16,
    /// The provider's classification (`uniqueness`, `invalidFilter`...).
    pub scim_type: Option<String>,
    /// The provider's explanation.
    pub detail: Option<String>,
    source: HttpStatusError,
}

impl fmt::Display for ScimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}][{}] SCIM error", self.status, self.source.url())?;
        if let Some(t) = &self.scim_type {
            write!(f, " ({t})")?;
        }
        match &self.detail {
            Some(d) => write!(f, ": {d}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for ScimError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Turns an error status with a SCIM error body into a [`ScimError`]; other errors pass.
pub fn explain(error: Error) -> Error {
    let Some(http) = error.downcast_ref::<HttpStatusError>() else {
        return error;
    };
    let is_scim = http
        .body_field("/schemas")
        .and_then(Value::as_array)
        .is_some_and(|s| s.iter().any(|x| x == ERROR_SCHEMA));
    if !is_scim {
        return error;
    }
    let text = |p: &str| http.body_field(p).and_then(Value::as_str).map(str::to_owned);
    ScimError {
        status: http.status(),
        scim_type: text("/scimType"),
        detail: text("/detail"),
        source: http.clone(),
    }
    .into()
}

/// The connector's mappings of SCIM error types (RFC 7644 §3.12, table 9).
pub fn error_map() -> ErrorMap {
    let mut map = ErrorMap::new();
    for (scim_type, code) in [
        ("invalidFilter", ErrorCode::BadRequest),
        ("tooMany", ErrorCode::BadRequest),
        ("uniqueness", ErrorCode::InvalidValue),
        ("mutability", ErrorCode::InvalidValue),
        ("invalidSyntax", ErrorCode::BadRequest),
        ("invalidPath", ErrorCode::BadRequest),
        ("noTarget", ErrorCode::NotFound),
        ("invalidValue", ErrorCode::InvalidValue),
        ("invalidVers", ErrorCode::BadRequest),
        ("sensitive", ErrorCode::BadRequest),
    ] {
        map = map
            .upstream_field("/scimType", scim_type, code)
            .with_app_error_code(format!("scim.{scim_type}"));
    }
    map
}

/// A SCIM client: the HTTP client plus SCIM's error reading.
#[derive(Clone)]
pub struct Scim {
    http: HttpClient,
    keep_raw: bool,
}

impl Scim {
    /// Wraps a built client; `keep_raw` keeps list answers as they came.
    pub fn new(http: HttpClient, keep_raw: bool) -> Self {
        Self { http, keep_raw }
    }

    /// GETs a resource or document.
    pub async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T> {
        self.http.get_json(path).await.map_err(explain)
    }

    /// GETs one page of a listing: `startIndex` is 1-based.
    pub async fn list<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        start_index: u64,
        count: usize,
        extra: &[(&str, &str)],
    ) -> Result<ListResponse<T>> {
        let start = start_index.to_string();
        let count = count.to_string();
        let mut query: Vec<(&str, &str)> = vec![("startIndex", &start), ("count", &count)];
        query.extend_from_slice(extra);
        let response = self.http.get(path).query(&query).send().await.map_err(explain)?;
        let mut list: ListResponse<T> = response.json()?;
        if self.keep_raw {
            let body: Value = response.json()?;
            let mut raw = Map::new();
            raw.insert(response.url().to_string(), body);
            list.raw = Some(Value::Object(raw));
        }
        Ok(list)
    }

    /// POSTs a new resource.
    pub async fn create<T: serde::de::DeserializeOwned>(&self, path: &str, body: &Value) -> Result<T> {
        self.http
            .post(path)
            .header("content-type", "application/scim+json")
            .json(body)
            .send()
            .await
            .map_err(explain)?
            .json()
    }

    /// PATCHes a resource (the answer may be the resource or `204`).
    pub async fn patch(&self, path: &str, operations: Vec<Operation>) -> Result<HttpResponse> {
        self.http
            .patch(path)
            .json(&patch_body(operations))
            .send()
            .await
            .map_err(explain)
    }

    /// DELETEs a resource.
    pub async fn delete(&self, path: &str) -> Result<()> {
        self.http.delete(path).await.map_err(explain).map(drop)
    }
}

/// `attr eq "value"` with the value quoted as SCIM filters want.
pub fn eq_filter(attr: &str, value: &str) -> String {
    format!(
        "{attr} eq \"{}\"",
        value.replace('\\', "\\\\").replace('"', "\\\"")
    )
}

/// A path segment for a resource id, escaped so an id cannot change the path.
pub fn segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
