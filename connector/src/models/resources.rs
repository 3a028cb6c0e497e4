//! Resources: the things entitlements live on.

#![allow(unused_imports)]

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;

/// One resource of the app (a workspace, a repository, a group...).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("FoundResourceData"))]
#[schemars(extend("x-unique-hash" = ["integration_specific_id"]))]
pub struct FoundResourceData {
    /// The app's own id.
    pub integration_specific_id: String,
    /// Name shown to people.
    pub label: String,
    /// A description for people.
    #[serde(default)]
    pub description: Option<String>,
    /// The type id of the resource.
    #[schemars(extend("x-resource-type" = true))]
    pub resource_type: String,
    /// Anything else the connector wants to pass on.
    #[serde(default)]
    pub extra_data: Option<BTreeMap<String, String>>,
}

/// Payload of `list_resources` (no fields).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ListResources"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListResources {}
