//! Application instances (for apps that manage other apps, like identity providers).

#![allow(unused_imports)]

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;

/// An application instance managed through the app (an identity provider's app catalogue, say).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("Application"))]
#[schemars(extend("x-unique-hash" = ["id"]))]
pub struct Application {
    /// The app's id of this item.
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub id: String,
    /// The name.
    pub name: String,
    /// Name shown to people.
    #[serde(default)]
    pub display_name: Option<String>,
    /// A description for people.
    #[serde(default)]
    pub description: Option<String>,
    /// The account's state after the call.
    pub status: ApplicationStatus,
    /// Logo address.
    #[serde(default)]
    pub logo: Option<String>,
    /// How people sign in to the application.
    pub sign_on_mode: SignOnMode,
    /// Single-sign-on login address.
    #[serde(default)]
    pub sso_login_url: Option<String>,
    /// How access to the application is granted.
    pub assignment_modes: Vec<AssignmentMode>,
}

/// An account's assignment to an application instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ApplicationAccount"))]
#[schemars(extend("x-unique-hash" = ["account_id", "application_instance_id"]))]
pub struct ApplicationAccount {
    /// The app's id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
    /// The id of the application instance.
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
    /// The account's state after the call.
    pub status: AccountStatus,
}

/// An activity record of one application instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ApplicationActivityRecord"))]
#[schemars(extend("x-unique-hash" = ["id"]))]
pub struct ApplicationActivityRecord {
    /// The id of the application instance.
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
    /// The fields of `ActivityRecord`.
    #[serde(flatten)]
    pub activity_record: ActivityRecord,
}

/// An entitlement association of one application instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ApplicationEntitlementAssociation"))]
#[schemars(extend("x-unique-hash" = ["account_id", "integration_specific_entitlement_id", "integration_specific_resource_id", "application_instance_id"]))]
pub struct ApplicationEntitlementAssociation {
    /// The id of the application instance.
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
    /// The fields of `FoundEntitlementAssociation`.
    #[serde(flatten)]
    pub found_entitlement_association: FoundEntitlementAssociation,
}

/// An entitlement of one application instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ApplicationEntitlementData"))]
#[schemars(extend("x-unique-hash" = ["integration_specific_id", "integration_specific_resource_id", "application_instance_id"]))]
pub struct ApplicationEntitlementData {
    /// The id of the application instance.
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
    /// The fields of `FoundEntitlementData`.
    #[serde(flatten)]
    pub found_entitlement_data: FoundEntitlementData,
}

/// A resource of one application instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ApplicationResourceData"))]
#[schemars(extend("x-unique-hash" = ["integration_specific_id", "application_instance_id"]))]
pub struct ApplicationResourceData {
    /// The id of the application instance.
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
    /// The fields of `FoundResourceData`.
    #[serde(flatten)]
    pub found_resource_data: FoundResourceData,
}

/// Whether an application instance is in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ApplicationStatus"))]
#[allow(missing_docs)]
pub enum ApplicationStatus {
    #[serde(rename = "ACTIVE")]
    Active,
    #[serde(rename = "INACTIVE")]
    Inactive,
}

/// Payload of `assign_application`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AssignApplication"))]
#[schemars(extend("x-capability-level" = "write"))]
pub struct AssignApplication {
    /// The id of the application instance.
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
    /// The app's id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Payload of `assign_application_entitlement`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AssignApplicationEntitlement"))]
#[schemars(extend("x-capability-level" = "write"))]
pub struct AssignApplicationEntitlement {
    /// The id of the application instance.
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
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

/// Answer of `assign_application`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AssignedApplication"))]
pub struct AssignedApplication {
    /// Whether the assignment exists now.
    pub assigned: bool,
    /// Whether the account was created in the application.
    pub provisioned: bool,
}

/// Answer of `assign_application_entitlement`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AssignedApplicationEntitlement"))]
pub struct AssignedApplicationEntitlement {
    /// The fields of `AssignedEntitlement`.
    #[serde(flatten)]
    pub assigned_entitlement: AssignedEntitlement,
}

/// How access to an application is granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AssignmentMode"))]
#[allow(missing_docs)]
pub enum AssignmentMode {
    #[serde(rename = "ACCOUNT")]
    Account,
    #[serde(rename = "ENTITLEMENT")]
    Entitlement,
}

/// Payload of `get_application`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("GetApplication"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct GetApplication {
    /// The id of the application instance.
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
}

/// Payload of `get_application_account`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("GetApplicationAccount"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct GetApplicationAccount {
    /// The id of the application instance.
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
    /// The app's id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Payload of `list_applications` (no fields).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ListApplications"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListApplications {}

/// Payload of `list_applications_accounts` (no fields).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ListApplicationsAccounts"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListApplicationsAccounts {}

/// Payload of `list_applications_activity_records`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ListApplicationsActivityRecords"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListApplicationsActivityRecords {
    /// The fields of `ListActivityRecords`.
    #[serde(flatten)]
    pub list_activity_records: ListActivityRecords,
}

/// Payload of `list_applications_entitlement_associations` (no fields).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ListApplicationsEntitlementAssociations"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListApplicationsEntitlementAssociations {}

/// Payload of `list_applications_entitlements`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ListApplicationsEntitlements"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListApplicationsEntitlements {
    /// The fields of `ListEntitlements`.
    #[serde(flatten)]
    pub list_entitlements: ListEntitlements,
}

/// Payload of `list_applications_resources`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ListApplicationsResources"))]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListApplicationsResources {
    /// The fields of `ListResources`.
    #[serde(flatten)]
    pub list_resources: ListResources,
}

/// How people sign in to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("SignOnMode"))]
#[allow(missing_docs)]
pub enum SignOnMode {
    #[serde(rename = "SAML")]
    Saml,
    #[serde(rename = "OIDC")]
    Oidc,
    #[serde(rename = "BOOKMARK")]
    Bookmark,
    #[serde(rename = "UNKNOWN")]
    Unknown,
}

/// Payload of `unassign_application`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("UnassignApplication"))]
#[schemars(extend("x-capability-level" = "write"))]
pub struct UnassignApplication {
    /// The id of the application instance.
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
    /// The app's id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Payload of `unassign_application_entitlement`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("UnassignApplicationEntitlement"))]
#[schemars(extend("x-capability-level" = "write"))]
pub struct UnassignApplicationEntitlement {
    /// The id of the application instance.
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
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

/// Answer of `unassign_application`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("UnassignedApplication"))]
pub struct UnassignedApplication {
    /// Whether the assignment is gone.
    pub unassigned: bool,
    /// Whether the account was removed from the application.
    pub deprovisioned: bool,
    /// The account's state after the call.
    pub status: AccountStatus,
}

/// Answer of `unassign_application_entitlement`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("UnassignedApplicationEntitlement"))]
pub struct UnassignedApplicationEntitlement {
    /// The fields of `UnassignedEntitlement`.
    #[serde(flatten)]
    pub unassigned_entitlement: UnassignedEntitlement,
}
