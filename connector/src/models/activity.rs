//! Activity: what accounts did, and how fresh the data is.

#![allow(unused_imports)]

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;

/// Kinds of last-activity event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ActivityEventType"))]
#[allow(missing_docs)]
pub enum ActivityEventType {
    #[serde(rename = "last_login")]
    LastLogin,
    #[serde(rename = "last_activity")]
    LastActivity,
}

/// One thing an account did in the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ActivityRecord"))]
#[schemars(extend("x-unique-hash" = ["id"]))]
pub struct ActivityRecord {
    /// The app's id of this item.
    pub id: String,
    /// What happened: a known type or the app's own word.
    pub activity_type: ActivityRecordActivityType,
    /// When it happened.
    pub timestamp: String,
    /// Who did it.
    pub actor: ActivityRecordActor,
    /// What the activity touched.
    pub targets: Vec<ActivityRecordTarget>,
    /// Extra facts about the activity.
    #[serde(default)]
    pub metadata: Option<BTreeMap<String, String>>,
}

/// The account behind an activity.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ActivityRecordActor"))]
pub struct ActivityRecordActor {
    /// The app's id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// An entitlement an activity touched.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ActivityRecordEntitlement"))]
pub struct ActivityRecordEntitlement {
    /// The app's id of this item.
    #[schemars(extend("x-semantic" = "entitlement-id"))]
    pub id: String,
    /// What kind of item this is.
    pub r#type: String,
    /// The id of the resource.
    #[serde(default)]
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub resource_id: Option<String>,
    /// The type id of the resource.
    #[serde(default)]
    pub resource_type: Option<String>,
}

/// What an activity touched.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ActivityRecordTarget"))]
pub struct ActivityRecordTarget {
    /// The app's id of the account.
    #[serde(default)]
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: Option<String>,
    /// The entitlement touched.
    #[serde(default)]
    pub entitlement: Option<ActivityRecordEntitlement>,
}

/// Activity types the protocol names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ActivityType"))]
#[allow(missing_docs)]
pub enum ActivityType {
    #[serde(rename = "ACCOUNT_LOGIN")]
    AccountLogin,
}

/// Answer of `get_data_recency`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("DataRecency"))]
pub struct DataRecency {
    /// Time of the freshest data, by kind of data.
    pub data: BTreeMap<String, DateTime<Utc>>,
}

/// Payload of `get_data_recency` (no fields).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("GetDataRecency"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct GetDataRecency {}

/// Payload of `get_last_activity`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("GetLastActivity"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct GetLastActivity {
    /// Accounts to look up.
    pub account_ids: Vec<String>,
}

/// When an account was last active.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("LastActivityData"))]
pub struct LastActivityData {
    /// The app's id of the account.
    pub account_id: String,
    /// What kind of activity it was.
    pub event_type: String,
    /// When it happened.
    pub happened_at: String,
}

/// Payload of `list_activity_records`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ListActivityRecords"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListActivityRecords {
    /// Only records after this moment.
    pub since_date: String,
    /// Only records of these accounts.
    pub actors: Vec<ActivityRecordActor>,
}

/// `ActivityRecord.activity_type`: one of the [`ActivityType`]s the protocol
/// names, or the app's own word for what happened. Any string is accepted, so
/// a new kind of activity never fails a listing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ActivityRecordActivityType"))]
#[serde(untagged)]
#[schemars(inline)]
pub enum ActivityRecordActivityType {
    /// A type the protocol names.
    Known(ActivityType),
    /// Any other kind of activity.
    Other(String),
}

impl From<ActivityType> for ActivityRecordActivityType {
    fn from(value: ActivityType) -> Self {
        Self::Known(value)
    }
}

impl From<String> for ActivityRecordActivityType {
    fn from(value: String) -> Self {
        Self::Other(value)
    }
}

impl From<&str> for ActivityRecordActivityType {
    fn from(value: &str) -> Self {
        Self::Other(value.to_owned())
    }
}
