//! What a connector says about itself: the `info` document and its parts.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The app's category in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AppCategory"))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum AppCategory {
    HrAndLearning,
    OfficeAndLegal,
    SalesAndSupport,
    CommerceAndMarketplaces,
    ItAndSecurity,
    Communication,
    DesignAndCreativity,
    Other,
    MarketingAndAnalytics,
    Developers,
    AccountingAndFinance,
    Collaboration,
    ContentAndSocialMedia,
    Internal,
    EarlyAccess,
}

/// A kind of resource the app has (a workspace, a repository, a group...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ResourceType"))]
pub struct ResourceType {
    /// Stable id of the type.
    pub type_id: String,
    /// Name shown to people.
    pub type_label: String,
}

impl ResourceType {
    /// A resource type with this id and label.
    pub fn new(type_id: impl Into<String>, type_label: impl Into<String>) -> Self {
        Self {
            type_id: type_id.into(),
            type_label: type_label.into(),
        }
    }
}

/// Bounds on how many entitlements of one type an account may hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("EntitlementRequirement"))]
pub struct EntitlementRequirement {
    /// At least this many.
    #[serde(default)]
    pub min: Option<u32>,
    /// At most this many.
    #[serde(default)]
    pub max: Option<u32>,
}

/// A kind of entitlement (a role, a license, a membership...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("EntitlementType"))]
pub struct EntitlementType {
    /// Stable id of the type.
    pub type_id: String,
    /// Name shown to people.
    pub type_label: String,
    /// The resource type it belongs to; `""` is the global resource.
    pub resource_type_id: String,
    /// Least number an account holds.
    pub min: u32,
    /// Greatest number an account holds, if bounded.
    #[serde(default)]
    pub max: Option<u32>,
    /// Requirements by other type id.
    #[serde(default)]
    pub requirements: Option<BTreeMap<String, EntitlementRequirement>>,
}

impl EntitlementType {
    /// An entitlement type on a resource type, with no bounds (`min` 0).
    pub fn new(
        type_id: impl Into<String>,
        type_label: impl Into<String>,
        resource_type_id: impl Into<String>,
    ) -> Self {
        Self {
            type_id: type_id.into(),
            type_label: type_label.into(),
            resource_type_id: resource_type_id.into(),
            min: 0,
            max: None,
            requirements: None,
        }
    }
}

/// An entitlement type in the access graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AccessGraphEntitlementType"))]
#[allow(missing_docs)]
pub struct AccessGraphEntitlementType {
    pub type_id: String,
    pub type_label: String,
    pub resource_type_id: String,
}

/// A rule that declares an entitlement of the access graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AccessGraphEntitlementRule"))]
#[allow(missing_docs)]
pub struct AccessGraphEntitlementRule {
    #[schemars(extend("x-semantic" = "entitlement-type"))]
    pub entitlement_type: String,
    #[schemars(extend("x-semantic" = "entitlement-id"))]
    pub entitlement_id: String,
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub resource_type: String,
    #[serde(default)]
    pub is_assignable: Option<bool>,
    pub denies_access: bool,
    pub label: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// A rule saying that holding one entitlement implies another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ImpliedAccessRule"))]
#[allow(missing_docs)]
pub struct ImpliedAccessRule {
    #[schemars(extend("x-semantic" = "entitlement-type"))]
    pub from_entitlement_type: String,
    #[schemars(extend("x-semantic" = "entitlement-id"))]
    pub from_entitlement_id: String,
    #[schemars(extend("x-semantic" = "resource-type"))]
    pub from_resource_type: String,
    #[serde(default)]
    pub relationship_label: Option<String>,
    #[schemars(extend("x-semantic" = "entitlement-type"))]
    pub to_entitlement_type: String,
    #[schemars(extend("x-semantic" = "entitlement-id"))]
    pub to_entitlement_id: String,
    #[schemars(extend("x-semantic" = "resource-type"))]
    pub to_resource_type: String,
}

/// How one capability is described in `info`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("CapabilitySchema"))]
pub struct CapabilitySchema {
    /// JSON schema of the request payload.
    pub argument: serde_json::Map<String, serde_json::Value>,
    /// JSON schema of the response payload.
    pub output: serde_json::Map<String, serde_json::Value>,
    /// Name shown to people.
    #[serde(default)]
    pub display_name: Option<String>,
    /// What the capability does.
    #[serde(default)]
    pub description: Option<String>,
}

/// The `info` document: everything the platform needs to know about a connector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("Info"))]
pub struct Info {
    /// The connector's id.
    pub app_id: String,
    /// The vendor's domain.
    #[serde(default)]
    pub app_vendor_domain: Option<String>,
    /// The connector's version.
    pub version: String,
    /// Names of every registered capability, sorted.
    pub capabilities: Vec<String>,
    /// Schemas of every registered capability.
    pub capability_schema: BTreeMap<String, CapabilitySchema>,
    /// OAuth scope string by capability, when the connector declares them.
    #[serde(default)]
    pub oauth_scopes: Option<BTreeMap<String, String>>,
    /// JSON schema of the declared credential (`{}` for none).
    pub authentication_schema: serde_json::Map<String, serde_json::Value>,
    /// JSON schemas of the credentials of a multi-credential connector.
    pub credentials_schema: Vec<serde_json::Map<String, serde_json::Value>>,
    /// URL of the app's logo.
    #[serde(default)]
    pub logo_url: Option<String>,
    /// The app's name for people.
    #[serde(default)]
    pub user_friendly_name: Option<String>,
    /// What the app is.
    #[serde(default)]
    pub description: Option<String>,
    /// Catalogue categories.
    #[serde(default)]
    pub categories: Option<Vec<AppCategory>>,
    /// Entitlement types the connector reports.
    pub entitlement_types: Vec<EntitlementType>,
    /// Access-graph entitlement types.
    #[serde(default)]
    pub access_graph_entitlement_types: Option<Vec<AccessGraphEntitlementType>>,
    /// Access-graph entitlement rules.
    #[serde(default)]
    pub access_graph_entitlement_rules: Option<Vec<AccessGraphEntitlementRule>>,
    /// Implied-access rules.
    #[serde(default)]
    pub implied_access_rules: Option<Vec<ImpliedAccessRule>>,
    /// Resource types the connector reports.
    pub resource_types: Vec<ResourceType>,
    /// JSON schema of the connector's settings.
    pub request_settings_schema: serde_json::Map<String, serde_json::Value>,
}

/// Payload of `app_info` (no fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AppInfoRequestPayload"))]
#[schemars(extend("x-capability-category" = "specification"))]
pub struct AppInfoRequestPayload {}

/// Answer of `app_info`: the connector's own OpenAPI document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AppInfo"))]
pub struct AppInfo {
    /// The connector's id.
    pub app_id: String,
    /// The OpenAPI document.
    pub app_schema: serde_json::Map<String, serde_json::Value>,
}
/// Payload of `get_connected_info` (no fields).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("GetConnectedInfo"))]
pub struct GetConnectedInfo {}

/// An OpenAPI document as `app_info` returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("OpenAPISpecification"))]
pub struct OpenAPISpecification {
    /// OpenAPI version.
    pub openapi: String,
    /// About the connector.
    pub info: OpenAPISpecificationInfo,
    /// Servers.
    pub servers: Vec<serde_json::Map<String, serde_json::Value>>,
    /// Operations by path.
    pub paths: serde_json::Map<String, serde_json::Value>,
    /// Reusable parts.
    pub components: serde_json::Map<String, serde_json::Value>,
    /// Operation groups.
    pub tags: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// The `info` object of the `app_info` document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("OpenAPISpecificationInfo"))]
pub struct OpenAPISpecificationInfo {
    /// Title.
    pub title: String,
    /// A description for people.
    pub description: String,
    /// Version.
    pub version: String,
    /// The connector's id.
    #[serde(rename = "x-app-id")]
    pub x_app_id: String,
    /// Logo address.
    #[serde(rename = "x-app-logo-url")]
    pub x_app_logo_url: String,
    /// The vendor's domain.
    #[serde(rename = "x-app-vendor-domain")]
    pub x_app_vendor_domain: String,
    /// Entitlement types.
    #[serde(rename = "x-entitlement-types")]
    pub x_entitlement_types: Vec<EntitlementType>,
    /// Access-graph entitlement types.
    #[serde(rename = "x-access-graph-entitlement-types")]
    #[serde(default)]
    pub x_access_graph_entitlement_types: Option<Vec<AccessGraphEntitlementType>>,
    /// Access-graph entitlement rules.
    #[serde(rename = "x-access-graph-entitlement-rules")]
    #[serde(default)]
    pub x_access_graph_entitlement_rules: Option<Vec<AccessGraphEntitlementRule>>,
    /// Implied-access rules.
    #[serde(rename = "x-implied-access-rules")]
    #[serde(default)]
    pub x_implied_access_rules: Option<Vec<ImpliedAccessRule>>,
    /// Resource types.
    #[serde(rename = "x-resource-types")]
    pub x_resource_types: Vec<ResourceType>,
    /// Catalogue categories.
    #[serde(rename = "x-categories")]
    pub x_categories: serde_json::Map<String, serde_json::Value>,
    /// OAuth settings.
    #[serde(rename = "x-oauth-settings")]
    #[serde(default)]
    pub x_oauth_settings: Option<serde_json::Map<String, serde_json::Value>>,
    /// Registered capabilities.
    #[serde(rename = "x-capabilities")]
    pub x_capabilities: Vec<String>,
    /// Whether the connector takes several credentials.
    #[serde(rename = "x-multi-credential")]
    pub x_multi_credential: bool,
    /// Credential combinations that may be used.
    #[serde(rename = "x-allowed-credentials")]
    pub x_allowed_credentials: Vec<Vec<String>>,
}

/// Every standard capability name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("StandardCapabilityName"))]
#[allow(missing_docs)]
pub enum StandardCapabilityName {
    #[serde(rename = "app_info")]
    AppInfo,
    #[serde(rename = "info")]
    Info,
    #[serde(rename = "connected_info")]
    ConnectedInfo,
    #[serde(rename = "activate_account")]
    ActivateAccount,
    #[serde(rename = "assign_entitlement")]
    AssignEntitlement,
    #[serde(rename = "create_account")]
    CreateAccount,
    #[serde(rename = "update_account")]
    UpdateAccount,
    #[serde(rename = "deactivate_account")]
    DeactivateAccount,
    #[serde(rename = "delete_account")]
    DeleteAccount,
    #[serde(rename = "find_entitlement_associations")]
    FindEntitlementAssociations,
    #[serde(rename = "get_account_entitlement_associations")]
    GetAccountEntitlementAssociations,
    #[serde(rename = "get_authorization_url")]
    GetAuthorizationUrl,
    #[serde(rename = "get_last_activity")]
    GetLastActivity,
    #[serde(rename = "handle_authorization_callback")]
    HandleAuthorizationCallback,
    #[serde(rename = "handle_client_credentials_request")]
    HandleClientCredentialsRequest,
    #[serde(rename = "list_accounts")]
    ListAccounts,
    #[serde(rename = "list_updated_accounts")]
    ListUpdatedAccounts,
    #[serde(rename = "get_account")]
    GetAccount,
    #[serde(rename = "get_data_recency")]
    GetDataRecency,
    #[serde(rename = "list_activity_records")]
    ListActivityRecords,
    #[serde(rename = "list_custom_attributes_schema")]
    ListCustomAttributesSchema,
    #[serde(rename = "list_entitlements")]
    ListEntitlements,
    #[serde(rename = "list_expenses")]
    ListExpenses,
    #[serde(rename = "list_resources")]
    ListResources,
    #[serde(rename = "find_resource_graph")]
    FindResourceGraph,
    #[serde(rename = "find_entitlement_graph")]
    FindEntitlementGraph,
    #[serde(rename = "find_entitlement_assignments")]
    FindEntitlementAssignments,
    #[serde(rename = "refresh_access_token")]
    RefreshAccessToken,
    #[serde(rename = "unassign_entitlement")]
    UnassignEntitlement,
    #[serde(rename = "validate_credentials")]
    ValidateCredentials,
    #[serde(rename = "transfer_data")]
    TransferData,
    #[serde(rename = "release_resources")]
    ReleaseResources,
    #[serde(rename = "downgrade_license")]
    DowngradeLicense,
    #[serde(rename = "assign_application")]
    AssignApplication,
    #[serde(rename = "get_application")]
    GetApplication,
    #[serde(rename = "get_application_account")]
    GetApplicationAccount,
    #[serde(rename = "list_applications")]
    ListApplications,
    #[serde(rename = "list_applications_accounts")]
    ListApplicationsAccounts,
    #[serde(rename = "list_applications_activity_records")]
    ListApplicationsActivityRecords,
    #[serde(rename = "list_applications_entitlements")]
    ListApplicationsEntitlements,
    #[serde(rename = "list_applications_resources")]
    ListApplicationsResources,
    #[serde(rename = "unassign_application")]
    UnassignApplication,
    #[serde(rename = "list_applications_entitlement_associations")]
    ListApplicationsEntitlementAssociations,
    #[serde(rename = "unassign_application_entitlement")]
    UnassignApplicationEntitlement,
    #[serde(rename = "assign_application_entitlement")]
    AssignApplicationEntitlement,
    #[serde(rename = "validate_credential_config")]
    ValidateCredentialConfig,
}
