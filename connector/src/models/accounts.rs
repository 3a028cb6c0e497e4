//! Accounts: validating credentials and reading the app's users.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Payload of `validate_credentials` (no fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ValidateCredentials {}

/// Answer of `validate_credentials`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ValidatedCredentials {
    /// Whether the credentials work.
    pub valid: bool,
    /// A stable id of the tenant the credentials belong to.
    pub unique_tenant_id: String,
}

/// Payload of `list_accounts`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListAccounts {
    /// Custom attributes the caller wants filled in.
    #[serde(default)]
    pub custom_attributes: Option<Vec<String>>,
}

/// The lifecycle state of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[allow(missing_docs)]
pub enum AccountStatus {
    ACTIVE,
    INACTIVE,
    SUSPENDED,
    DEPROVISIONED,
    PENDING,
    DELETED,
}

/// Whether an account belongs to a person or a machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum AccountType {
    Service,
    User,
}

/// One account of the app.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["integration_specific_id"]))]
pub struct FoundAccountData {
    /// The app's own id of the account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub integration_specific_id: String,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// First name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub family_name: Option<String>,
    /// Login name.
    #[serde(default)]
    pub username: Option<String>,
    /// Lifecycle state.
    #[serde(default)]
    pub user_status: Option<AccountStatus>,
    /// Anything else the connector wants to pass on.
    #[serde(default)]
    pub extra_data: Option<serde_json::Map<String, serde_json::Value>>,
    /// Values of the custom attributes that were asked for.
    #[serde(default)]
    pub custom_attributes: Option<std::collections::BTreeMap<String, String>>,
    /// Person or machine.
    #[serde(default)]
    pub account_type: Option<AccountType>,
}
