//! Entitlements: listing them, who holds them, granting and revoking them.

#![allow(unused_imports)]

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;

/// Payload of `assign_entitlement`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AssignEntitlement"))]
#[schemars(extend("x-capability-level" = "write"))]
pub struct AssignEntitlement {
    /// The app's id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_integration_specific_id: String,
    /// The app's id of the resource.
    pub resource_integration_specific_id: String,
    /// The type id of the resource.
    #[schemars(extend("x-resource-type" = true))]
    pub resource_type: String,
    /// The type id of the entitlement.
    #[schemars(extend("x-entitlement-type" = true))]
    pub entitlement_type: String,
    /// The app's id of the entitlement.
    pub entitlement_integration_specific_id: String,
}

/// Answer of `assign_entitlement`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AssignedEntitlement"))]
pub struct AssignedEntitlement {
    /// Whether the assignment exists now.
    pub assigned: bool,
}

/// An entitlement granted to a resource.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("EntitlementAssignment"))]
#[schemars(extend("x-unique-hash" = ["resource_id", "entitlement_id", "entitlement_resource_id"]))]
pub struct EntitlementAssignment {
    /// The id of the resource.
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub resource_id: String,
    /// The id of the entitlement.
    #[schemars(extend("x-semantic" = "entitlement-id"))]
    pub entitlement_id: String,
    /// The resource the entitlement belongs to.
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub entitlement_resource_id: String,
}

/// Payload of `find_entitlement_assignments` (no fields).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("FindEntitlementAssignments"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct FindEntitlementAssignments {}

/// Payload of `find_entitlement_associations` (no fields).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("FindEntitlementAssociations"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct FindEntitlementAssociations {}

/// An account holding an entitlement.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("FoundEntitlementAssociation"))]
#[schemars(extend("x-unique-hash" = ["account_id", "integration_specific_entitlement_id", "integration_specific_resource_id"]))]
pub struct FoundEntitlementAssociation {
    /// The app's id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
    /// The app's id of the entitlement.
    pub integration_specific_entitlement_id: String,
    /// The app's id of the resource the entitlement belongs to.
    pub integration_specific_resource_id: String,
}

/// One entitlement of the app (a role, a license, a membership...).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("FoundEntitlementData"))]
#[schemars(extend("x-unique-hash" = ["integration_specific_id", "integration_specific_resource_id"]))]
pub struct FoundEntitlementData {
    /// The type id of the entitlement.
    #[schemars(extend("x-entitlement-type" = true))]
    pub entitlement_type: String,
    /// Anything else the connector wants to pass on.
    #[serde(default)]
    pub extra_data: Option<serde_json::Map<String, serde_json::Value>>,
    /// The app's own id.
    pub integration_specific_id: String,
    /// The app's id of the resource the entitlement belongs to.
    pub integration_specific_resource_id: String,
    /// Whether it can be granted through the connector.
    #[serde(default)]
    pub is_assignable: Option<bool>,
    /// Name shown to people.
    pub label: String,
    /// A description for people.
    #[serde(default)]
    pub description: Option<String>,
    /// Custom attributes asked for, or their values.
    #[serde(default)]
    pub custom_attributes: Option<BTreeMap<String, String>>,
}

/// Payload of `get_account_entitlement_associations`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("GetAccountEntitlementAssociations"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct GetAccountEntitlementAssociations {
    /// The app's id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Payload of `list_entitlements`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ListEntitlements"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListEntitlements {
    /// Custom attributes asked for, or their values.
    #[serde(default)]
    pub custom_attributes: Option<Vec<String>>,
}

/// Payload of `unassign_entitlement`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("UnassignEntitlement"))]
#[schemars(extend("x-capability-level" = "write"))]
pub struct UnassignEntitlement {
    /// The app's id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_integration_specific_id: String,
    /// The type id of the resource.
    #[schemars(extend("x-resource-type" = true))]
    pub resource_type: String,
    /// The app's id of the resource.
    pub resource_integration_specific_id: String,
    /// The type id of the entitlement.
    #[schemars(extend("x-entitlement-type" = true))]
    pub entitlement_type: String,
    /// The app's id of the entitlement.
    pub entitlement_integration_specific_id: String,
}

/// Answer of `unassign_entitlement`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("UnassignedEntitlement"))]
pub struct UnassignedEntitlement {
    /// Whether the assignment is gone.
    pub unassigned: bool,
}
